"""Reading and atomically writing a user's files.

`atomic_write` never leaves a half-written file behind: it writes a temporary file in the
same folder, flushes and fsyncs it, gives it the original's permissions, renames it over
the original with `os.replace` and fsyncs the folder. If any step fails, the original is
intact, the temporary file is removed and the caller gets a `StorageError` whose message
names the file and says what happened (disk full, read-only, permission denied, folder gone).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

__all__ = ["StorageError", "atomic_write", "read_bytes"]

_REASONS: dict[int, str] = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "an input/output error occurred (failing disk or network drive?)",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "the disk quota is exceeded"


class StorageError(OSError):
    """A file could not be read or written. `str(error)` names the file and the cause.

    `path` is the file concerned, `reason` a short human phrase ("the disk is full"),
    `errno`/`strerror`/`filename` are filled like any OSError's.
    """

    def __init__(self, path: Path, action: str, reason: str, code: int | None = None) -> None:
        super().__init__(code, reason, str(path))
        self.path = path
        self.action = action
        self.reason = reason

    def __str__(self) -> str:
        return f"Could not {self.action} {self.path}: {self.reason}"

    def __reduce__(self) -> tuple[type[StorageError], tuple[Path, str, str, int | None]]:
        return (type(self), (self.path, self.action, self.reason, self.errno))


def _reason(exc: OSError, path: Path) -> str:
    code = exc.errno
    if code == errno.ENOENT:
        if not path.parent.is_dir():
            return f"the folder {path.parent} no longer exists"
        return "the file does not exist"
    reason = _REASONS.get(code) if code is not None else None
    detail = exc.strerror or str(exc) or type(exc).__name__
    if reason is None:
        return detail
    return reason if detail.lower() == reason else f"{reason} ({detail})"


def _error(path: Path, action: str, exc: OSError) -> StorageError:
    return StorageError(path, action, _reason(exc, path), exc.errno)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The whole file as bytes; `StorageError` (naming the file and the cause) on failure."""
    target = Path(path)
    try:
        with open(target, "rb") as stream:
            return stream.read()
    except OSError as exc:
        raise _error(target, "read", exc) from exc


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - os.write raises rather than return 0 on files
            raise OSError(errno.EIO, "the write made no progress")
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Some file systems cannot fsync a folder: that is no failure."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_owner_and_mode(fd: int, original: os.stat_result) -> None:
    """Give the new file the original's permission bits (and owner, where we may)."""
    os.fchmod(fd, original.st_mode & 0o7777)
    if hasattr(os, "fchown") and (original.st_uid, original.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, original.st_uid, original.st_gid)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the contents of `path` with `data`, all or nothing.

    A symbolic link is followed: its target is replaced and the link itself is kept.
    Raises `StorageError` and leaves the original file untouched on any failure.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if os.path.islink(given) else given
    folder = target.parent
    try:
        original: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        original = None
    except OSError as exc:
        raise _error(target, "save", exc) from exc
    if original is not None and not os.path.isfile(target):
        raise StorageError(target, "save", "it is not a regular file", errno.EISDIR)
    mode = (original.st_mode & 0o7777) if original is not None else 0o666
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.inkpost-tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temp, flags, mode)
    except OSError as exc:
        raise _error(target, "save", exc) from exc
    try:
        try:
            _write_all(fd, data)
            if original is not None:
                _copy_owner_and_mode(fd, original)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _error(target, "save", exc) from exc
    _fsync_folder(folder)
