"""Previous versions of each post: the last N saved states, kept in the user's data folder.

Before a save replaces a file, the bytes it replaces are recorded here, so "Restore
previous version" can bring any of the last N back. Each post has a folder named by a
hash of its absolute path; each version is one file named by its time in nanoseconds.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from editor.core.post.storage import StorageError, atomic_write, read_bytes

__all__ = ["Version", "VersionStore"]

_INDEX = "source.json"


@dataclass(frozen=True, slots=True)
class Version:
    source: Path  # the post this was a version of
    file: Path  # where its bytes are kept
    saved_at_ns: int

    @property
    def saved_at(self) -> float:
        return self.saved_at_ns / 1e9


class VersionStore:
    """The folder of previous versions (the app passes a path under the user's data folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _post_folder(self, source: Path) -> Path:
        import hashlib  # loaded at the first save, not with the window

        key = hashlib.sha256(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:24]
        return self.folder / key

    def record(self, source: Path, data: bytes, keep: int) -> Version | None:
        """Keep `data` as the newest previous version of `source`; prune to `keep` versions.

        Identical bytes to the newest version are not stored twice. `keep <= 0` stores
        nothing and removes what there was.
        """
        folder = self._post_folder(source)
        if keep <= 0:
            for old in self.versions(source):
                old.file.unlink(missing_ok=True)
            return None
        existing = self.versions(source)
        if existing and read_bytes(existing[0].file) == data:
            return existing[0]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(folder, "create", exc.strerror or str(exc), exc.errno) from exc
        index = folder / _INDEX
        if not index.exists():
            record = {"source": str(Path(source).resolve())}
            atomic_write(index, json.dumps(record).encode("utf-8"))
        stamp = time.time_ns()
        if existing and stamp <= existing[0].saved_at_ns:
            stamp = existing[0].saved_at_ns + 1
        file = folder / f"{stamp}.bak"
        atomic_write(file, data)
        version = Version(Path(source), file, stamp)
        for old in [version, *existing][keep:]:
            old.file.unlink(missing_ok=True)
        return version

    def versions(self, source: Path) -> list[Version]:
        """The kept versions of `source`, newest first."""
        folder = self._post_folder(source)
        if not folder.is_dir():
            return []
        found = []
        for file in folder.glob("*.bak"):
            if file.stem.isdigit():
                found.append(Version(Path(source), file, int(file.stem)))
        found.sort(key=lambda v: v.saved_at_ns, reverse=True)
        return found

    def read(self, version: Version) -> bytes:
        return read_bytes(version.file)
