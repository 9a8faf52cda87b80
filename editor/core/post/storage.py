"""Reading and safely writing a user's files.

`atomic_write` never leaves a half-written file behind: it writes a temporary file in the
same folder, flushes and fsyncs it, gives it the original's permissions, renames it over
the original with `os.replace` and fsyncs the folder. If any step fails (or the save is
interrupted), the original is intact, the temporary file is removed and the caller gets a
`StorageError` whose message names the file and says what happened (disk full, read-only,
permission denied, folder gone).

A rename would give the file a new identity, so where that would lose something the file is
rewritten in place instead, after a backup copy beside it that is removed once the write is
durable (and put back if the write fails): a file with other hard links (a rename would break
them) and a file owned by another user or group we cannot hand ownership back to.

A read-only file is not replaced unless the caller says so (`replace_read_only=True`, after
asking the user): `ReadOnlyError`. When replaced, it stays read-only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

__all__ = ["ReadOnlyError", "StorageError", "atomic_write", "read_bytes"]

_TEMP_SUFFIX = ".inkpost-tmp"
_BACKUP_SUFFIX = ".inkpost-backup"

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


class ReadOnlyError(StorageError):
    """The file is read-only: the caller may ask the user, then save with
    `replace_read_only=True` (the file stays read-only afterwards)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "save", "the file is read-only", errno.EACCES)

    def __reduce__(self) -> tuple[type[StorageError], tuple[Path]]:  # type: ignore[override]
        return (type(self), (self.path,))


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


def _rename_keeps_identity(original: os.stat_result) -> bool:
    """False when replacing the file by a new one would break a hard link or change the
    file's owner or group (we may only hand ownership back as root)."""
    if original.st_nlink > 1:
        return False
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return True
    return original.st_uid == os.geteuid() and original.st_gid in {os.getegid(), *os.getgroups()}


def _is_read_only(original: os.stat_result) -> bool:
    return not original.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _remove_leftovers(target: Path) -> None:
    """Temporary files of this target that an earlier, killed save left behind."""
    prefix = f".{target.name}."
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            name = entry.name
            if (
                name.startswith(prefix)
                and name.endswith(_TEMP_SUFFIX)
                and len(name) == (len(prefix) + 8 + len(_TEMP_SUFFIX))
            ):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, replace_read_only: bool = False
) -> None:
    """Replace the contents of `path` with `data`, all or nothing.

    A symbolic link is followed: its target is replaced and the link itself is kept. A file
    with hard links, or owned by someone we cannot give it back to, is rewritten in place
    behind a backup copy. A read-only file raises `ReadOnlyError` unless `replace_read_only`.
    Raises `StorageError` and leaves the original file untouched on any failure.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if os.path.islink(given) else given
    try:
        original: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        original = None
    except OSError as exc:
        raise _error(target, "save", exc) from exc
    if original is not None and not stat.S_ISREG(original.st_mode):
        raise StorageError(target, "save", "it is not a regular file", errno.EISDIR)
    if original is not None and _is_read_only(original) and not replace_read_only:
        raise ReadOnlyError(target)
    _remove_leftovers(target)
    if original is not None and not _rename_keeps_identity(original):
        _write_in_place(target, data, original)
    else:
        _write_by_rename(target, data, original)


def _write_by_rename(
    target: Path, data: bytes, original: os.stat_result | None, new_mode: int = 0o666
) -> None:
    folder = target.parent
    mode = (original.st_mode & 0o7777) if original is not None else new_mode
    token = os.urandom(4).hex()  # what secrets.token_hex(4) returns, without loading hmac
    temp = folder / f".{target.name}.{token}{_TEMP_SUFFIX}"
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
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _error(target, "save", exc) from exc
        raise
    _fsync_folder(folder)


def _write_in_place(target: Path, data: bytes, original: os.stat_result) -> None:
    """Rewrite the file itself (same inode: links and owner kept) behind a backup copy."""
    backup = target.parent / f".{target.name}{_BACKUP_SUFFIX}"
    try:
        old = read_bytes(target)
        _write_by_rename(backup, old, None, 0o600)
    except StorageError as exc:
        raise StorageError(target, "save", f"no backup could be made first ({exc.reason})") from exc
    read_only = _is_read_only(original)
    try:
        if read_only:
            os.chmod(target, (original.st_mode & 0o7777) | stat.S_IWUSR)
        try:
            _overwrite(target, data)
        except BaseException as exc:
            _put_back(target, old, backup, exc)
            raise
        finally:
            if read_only:
                with contextlib.suppress(OSError):
                    os.chmod(target, original.st_mode & 0o7777)
    except StorageError:
        raise
    except OSError as exc:
        raise _error(target, "save", exc) from exc
    with contextlib.suppress(OSError):
        os.unlink(backup)


def _put_back(target: Path, old: bytes, backup: Path, exc: BaseException) -> None:
    """After a failed in-place write: the original bytes back, then the backup goes. If even
    that fails, the backup is the only whole copy: it stays, and the error says where."""
    try:
        _overwrite(target, old)
    except OSError as again:
        reason = _reason(exc, target) if isinstance(exc, OSError) else type(exc).__name__
        raise StorageError(
            target, "save", f"{reason}; the original is kept in {backup}", again.errno
        ) from exc
    with contextlib.suppress(OSError):
        os.unlink(backup)


def _overwrite(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)
