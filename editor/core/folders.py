"""Inkpost's folders on disk: one config, one data and one cache folder, shared by the app
and the command line.

    found = folders()             # each named "inkpost" in the platform's place (platformdirs)
    found.cache / "library"       # the library's index, the same for the GUI and the CLI

`INKPOST_CONFIG_DIR`, `INKPOST_DATA_DIR` and `INKPOST_CACHE_DIR` put one folder elsewhere
(tests, tools). Config holds the settings files, data the recovery journal and previous
versions, cache the library's index (deleting it loses nothing).

Older versions kept the GUI's data and cache in a doubled `Inkpost/Inkpost` folder (Qt's
QStandardPaths with organisation and application name) and the CLI's index under
`$XDG_CACHE_HOME/inkpost`. `legacy_locations()` names those folders and
`migrate_legacy(old, new)` moves what they hold into the new ones without losing a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

import platformdirs

Kind = Literal["config", "data", "cache"]
KINDS: tuple[Kind, ...] = ("config", "data", "cache")
APP_NAME = "inkpost"
ENVIRONMENT: dict[Kind, str] = {
    "config": "INKPOST_CONFIG_DIR",
    "data": "INKPOST_DATA_DIR",
    "cache": "INKPOST_CACHE_DIR",
}
MARKER_NAME = ".legacy-folders-moved"
"""Left in the config folder once the old folders are moved: later starts check only it."""


class Folders(NamedTuple):  # NamedTuples: a tenth of a frozen dataclass's import time
    config: Path
    data: Path
    cache: Path

    def of(self, kind: Kind) -> Path:
        path: Path = getattr(self, kind)
        return path


def platform_folders() -> Folders:
    """The platform's folders, each named `inkpost` (no environment overrides)."""
    return Folders(
        config=platformdirs.user_config_path(APP_NAME, appauthor=False),
        data=platformdirs.user_data_path(APP_NAME, appauthor=False),
        cache=platformdirs.user_cache_path(APP_NAME, appauthor=False),
    )


def overridden(environ: Mapping[str, str] | None = None) -> frozenset[Kind]:
    """The kinds an INKPOST_*_DIR variable points elsewhere."""
    env = os.environ if environ is None else environ
    return frozenset(kind for kind in KINDS if env.get(ENVIRONMENT[kind]))


def folders(environ: Mapping[str, str] | None = None) -> Folders:
    """Inkpost's config, data and cache folders (INKPOST_*_DIR first). Creates nothing."""
    env = os.environ if environ is None else environ
    found = platform_folders()
    paths = {kind: env.get(ENVIRONMENT[kind]) or "" for kind in KINDS}
    return Folders(
        config=Path(paths["config"]) if paths["config"] else found.config,
        data=Path(paths["data"]) if paths["data"] else found.data,
        cache=Path(paths["cache"]) if paths["cache"] else found.cache,
    )


def legacy_locations(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> dict[Kind, tuple[Path, ...]]:
    """The folders older versions used, per kind: Qt's QStandardPaths with organisation and
    application "Inkpost" (the GUI), and `$XDG_CACHE_HOME/inkpost` (the CLI's index)."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    home = Path(env.get("HOME") or Path.home())
    xdg_cache = Path(env.get("XDG_CACHE_HOME") or home / ".cache")
    cli_cache = xdg_cache / APP_NAME
    qt = Path("Inkpost", "Inkpost")
    if platform == "darwin":
        library = home / "Library"
        return {
            "config": (library / "Preferences" / APP_NAME, library / "Preferences" / qt),
            "data": (library / "Application Support" / qt,),
            "cache": (library / "Caches" / qt, cli_cache),
        }
    if platform.startswith("win"):
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
        roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
        return {
            "config": (local / APP_NAME,),
            "data": (roaming / qt,),
            "cache": (local / qt / "cache", cli_cache),
        }
    xdg_config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    xdg_data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return {
        "config": (xdg_config / APP_NAME, xdg_config / qt),
        "data": (xdg_data / qt,),
        "cache": (xdg_cache / qt, cli_cache),
    }


# --- moving the old folders -----------------------------------------------------------------


class MigrationReport(NamedTuple):
    """What `migrate_legacy` did: files moved, files kept beside a newer one (renamed), and
    files it could not move (they stay where they were; the next start tries again)."""

    moved: tuple[tuple[Path, Path], ...] = ()
    kept_beside: tuple[tuple[Path, Path], ...] = ()
    failed: tuple[tuple[Path, str], ...] = ()
    already_done: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed


class _Progress:
    __slots__ = ("failed", "kept_beside", "moved")

    def __init__(self) -> None:
        self.moved: list[tuple[Path, Path]] = []
        self.kept_beside: list[tuple[Path, Path]] = []
        self.failed: list[tuple[Path, str]] = []


def migrate_legacy(
    old_locations: Mapping[Kind, Sequence[Path]], new_locations: Folders
) -> MigrationReport:
    """Move every file under the old folders of each kind into the new folder of that kind.

    A file the new folder lacks is moved there. When both hold one, both are kept: the
    newer (by modification time) at the new name, the other beside it as
    `NAME.legacy[-N]`; nothing is ever overwritten. Emptied old folders are removed. A
    marker in the new config folder makes later calls one `stat`; it is written only when
    every file moved, so a failed move is retried next time (idempotent).
    """
    marker = new_locations.config / MARKER_NAME
    if marker.exists():
        return MigrationReport(already_done=True)
    progress = _Progress()
    for kind, olds in old_locations.items():
        new = new_locations.of(kind)
        for old in olds:
            if old.is_dir() and not old.is_symlink() and not _overlapping(old, new):
                _move_tree(old, new, progress)
    if not progress.failed:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text("old folders moved here; see editor/core/folders.py\n", "utf-8")
        except OSError as exc:
            progress.failed.append((marker, str(exc)))
    return MigrationReport(
        tuple(progress.moved), tuple(progress.kept_beside), tuple(progress.failed)
    )


def _overlapping(old: Path, new: Path) -> bool:
    """True when `old` is `new` or holds it (moving would move a folder into itself)."""
    try:
        if new.exists() and os.path.samefile(old, new):
            return True
    except OSError:
        return True
    return new.absolute().is_relative_to(old.absolute())


def _files(folder: Path) -> Iterator[Path]:
    """Every file (and symlink) under `folder`; symlinked folders are not followed."""
    for parent, dirs, files in os.walk(folder):
        base = Path(parent)
        for name in dirs:
            if (base / name).is_symlink():
                yield base / name
        for name in files:
            yield base / name


def _move_tree(old: Path, new: Path, progress: _Progress) -> None:
    for source in sorted(_files(old)):
        dest = new / source.relative_to(old)
        try:
            _move_one(source, dest, progress)
        except OSError as exc:
            progress.failed.append((source, str(exc)))
    emptied = [Path(folder) for folder, _dirs, _names in os.walk(old)]
    # Deepest first; then the first half of a doubled Inkpost/Inkpost. Only empty ones go.
    for folder in [*sorted(emptied, reverse=True), old.parent, old.parent.parent]:
        if folder in emptied or folder.name == "Inkpost":
            with contextlib.suppress(OSError):
                folder.rmdir()


def _move_one(source: Path, dest: Path, progress: _Progress) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not (dest.exists() or dest.is_symlink()):
        shutil.move(source, dest)
        progress.moved.append((source, dest))
        return
    beside = _free_beside(dest)
    if source.lstat().st_mtime > dest.lstat().st_mtime:  # the old folder's copy is newer
        os.replace(dest, beside)
        shutil.move(source, dest)
        progress.moved.append((source, dest))
        progress.kept_beside.append((dest, beside))
    else:
        shutil.move(source, beside)
        progress.kept_beside.append((source, beside))


def _free_beside(dest: Path) -> Path:
    candidate = dest.with_name(dest.name + ".legacy")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = dest.with_name(f"{dest.name}.legacy-{number}")
        number += 1
    return candidate
