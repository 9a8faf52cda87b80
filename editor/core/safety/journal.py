"""The recovery journal: every open document's text, kept apart from the post itself.

The app writes each open document here (atomically) a moment after typing stops and at
least every 30 seconds while it goes on, saved or never saved. The post on disk changes
only when the user saves. After a crash the entries whose owner process is gone are
offered back (`recovery_items`), each with a diff against the file on disk. An entry goes
away only when its document is saved or the user discards it.

One JSON file per document: `<doc_id>.json` holding the exact text (JSON strings carry
any Unicode, NULs and lone surrogates escaped, so the text comes back exactly).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from editor.core.diagnostics import Diagnostic
from editor.core.post.storage import StorageError, atomic_write, read_bytes

__all__ = [
    "Journal",
    "JournalEntry",
    "RecoveryItem",
    "digest",
    "new_doc_id",
    "pid_alive",
    "recovery_items",
    "unified_diff",
]

_FORMAT = 1
_SUFFIX = ".json"


def new_doc_id() -> str:
    """A fresh identifier for a document (saved or not) in the journal."""
    import uuid  # uuid, hashlib and difflib load at first use, not with the window

    return uuid.uuid4().hex


def digest(data: bytes) -> str:
    """The fingerprint of a file's bytes, to tell whether it changed on disk."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def pid_alive(pid: int) -> bool:
    """True when a process with this id runs (and is not a zombie we could reap)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return ") Z " not in stat


@dataclass(frozen=True, slots=True)
class JournalEntry:
    doc_id: str
    text: str
    path: Path | None  # the post's file; None for a document never saved
    title: str
    written_at: float  # seconds since the epoch
    disk_digest: str | None  # sha256 of the file when the document was loaded or last saved
    owner_pid: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": _FORMAT,
                "doc_id": self.doc_id,
                "path": None if self.path is None else str(self.path),
                "title": self.title,
                "written_at": self.written_at,
                "disk_digest": self.disk_digest,
                "owner_pid": self.owner_pid,
                "text": self.text,
            },
            ensure_ascii=True,
        )

    @classmethod
    def from_json(cls, data: str) -> JournalEntry:
        raw: Any = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
            raise ValueError("not an Inkpost journal entry")
        text = raw["text"]
        if not isinstance(text, str):
            raise ValueError("journal entry without text")
        path = raw.get("path")
        return cls(
            doc_id=str(raw["doc_id"]),
            text=text,
            path=None if path is None else Path(path),
            title=str(raw.get("title") or ""),
            written_at=float(raw.get("written_at") or 0.0),
            disk_digest=raw.get("disk_digest"),
            owner_pid=int(raw.get("owner_pid") or 0),
        )


class Journal:
    """The journal folder (the app passes a path under the user's data folder)."""

    def __init__(self, folder: Path, *, pid: int | None = None) -> None:
        self.folder = Path(folder)
        self.pid = os.getpid() if pid is None else pid

    def _file(self, doc_id: str) -> Path:
        if not doc_id or not doc_id.isalnum():
            raise ValueError(f"not a journal document id: {doc_id!r}")
        return self.folder / f"{doc_id}{_SUFFIX}"

    def write(
        self,
        doc_id: str,
        text: str,
        *,
        path: Path | None,
        title: str = "",
        disk_digest: str | None = None,
    ) -> JournalEntry:
        """Record `text` for `doc_id`, atomically; raises StorageError if it cannot."""
        entry = JournalEntry(
            doc_id=doc_id,
            text=text,
            path=None if path is None else Path(path),
            title=title,
            written_at=time.time(),
            disk_digest=disk_digest,
            owner_pid=self.pid,
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(self.folder, "create", exc.strerror or str(exc), exc.errno) from exc
        atomic_write(self._file(doc_id), entry.to_json().encode("ascii"))
        return entry

    def read(self, doc_id: str) -> JournalEntry | None:
        file = self._file(doc_id)
        if not file.exists():
            return None
        return JournalEntry.from_json(read_bytes(file).decode("ascii"))

    def discard(self, doc_id: str) -> None:
        """Forget `doc_id` (its document was saved, or the user let it go)."""
        self._file(doc_id).unlink(missing_ok=True)

    def entries(self) -> tuple[list[JournalEntry], list[Diagnostic]]:
        """Every readable entry, oldest first, and a diagnostic for each unreadable file.

        An unreadable entry is reported and left in place, never deleted.
        """
        found: list[JournalEntry] = []
        problems: list[Diagnostic] = []
        if not self.folder.is_dir():
            return found, problems
        for file in sorted(self.folder.glob(f"*{_SUFFIX}")):
            try:
                found.append(JournalEntry.from_json(file.read_text(encoding="ascii")))
            except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
                problems.append(Diagnostic(f"unreadable journal entry: {exc}", file))
        found.sort(key=lambda entry: entry.written_at)
        return found, problems

    def orphaned(self, alive: Callable[[int], bool] = pid_alive) -> list[JournalEntry]:
        """Entries left by a process that is gone: what a crash left behind."""
        entries, _problems = self.entries()
        return [e for e in entries if e.owner_pid != self.pid and not alive(e.owner_pid)]


RecoveryStatus = Literal["never-saved", "differs", "file-missing"]


@dataclass(frozen=True, slots=True)
class RecoveryItem:
    entry: JournalEntry
    status: RecoveryStatus
    disk_text: str | None
    diff: str  # unified diff from the file on disk to the journaled text


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_name,
        tofile=new_name,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _disk_text(path: Path) -> str | None:
    try:
        data = read_bytes(path)
    except StorageError:
        return None
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def recovery_items(
    journal: Journal, alive: Callable[[int], bool] = pid_alive
) -> list[RecoveryItem]:
    """What a crash left unsaved: orphaned entries whose text differs from the file.

    Entries identical to the file on disk hold nothing to recover and are discarded here.
    """
    items: list[RecoveryItem] = []
    for entry in journal.orphaned(alive):
        if entry.path is None:
            diff = unified_diff("", entry.text, "(nothing)", entry.title or "Untitled")
            items.append(RecoveryItem(entry, "never-saved", None, diff))
            continue
        disk = _disk_text(entry.path)
        if disk is None:
            diff = unified_diff("", entry.text, f"{entry.path} (missing)", "unsaved text")
            items.append(RecoveryItem(entry, "file-missing", None, diff))
        elif disk == entry.text:
            journal.discard(entry.doc_id)
        else:
            diff = unified_diff(disk, entry.text, f"{entry.path} (on disk)", "unsaved text")
            items.append(RecoveryItem(entry, "differs", disk, diff))
    return items
