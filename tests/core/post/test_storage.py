"""editor.core.post.storage: atomic writes that leave the original intact on every failure."""

from __future__ import annotations

import errno
import os
import pickle
import stat
from pathlib import Path

import pytest

from editor.core.post import storage
from editor.core.post.storage import StorageError, atomic_write, read_bytes

ORIGINAL = b"---\ntitle: Original\n---\nBody\n"


@pytest.fixture
def post_file(tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_bytes(ORIGINAL)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "post.md")


def failing(code: int, message: str):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, message)

    return fail


def test_write_replaces_contents(post_file: Path) -> None:
    atomic_write(post_file, b"new contents")
    assert post_file.read_bytes() == b"new contents"
    assert leftovers(post_file.parent) == []


def test_write_creates_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "fresh.md"
    atomic_write(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.md"]


def test_write_large_data(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40_000  # 10 MB
    atomic_write(tmp_path / "big.bin", data)
    assert (tmp_path / "big.bin").read_bytes() == data


def test_permissions_are_kept(post_file: Path) -> None:
    post_file.chmod(0o640)
    atomic_write(post_file, b"x")
    assert stat.S_IMODE(post_file.stat().st_mode) == 0o640
    post_file.chmod(0o755)
    atomic_write(post_file, b"y")
    assert stat.S_IMODE(post_file.stat().st_mode) == 0o755


def test_symlink_is_kept_and_target_written(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_write_fsyncs_file_and_folder(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", spy)
    atomic_write(post_file, b"synced")
    assert synced == [False, True]  # the temp file first, the folder after the rename


def test_folder_fsync_failure_is_not_an_error(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def no_dir_fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", no_dir_fsync)
    atomic_write(post_file, b"still saved")
    assert post_file.read_bytes() == b"still saved"


def test_folder_that_cannot_be_opened_for_fsync(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def no_dir_open(path: object, flags: int, *args: int) -> int:
        if flags & getattr(os, "O_DIRECTORY", 0):
            raise OSError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "open", no_dir_open)
    atomic_write(post_file, b"saved anyway")
    monkeypatch.undo()
    assert post_file.read_bytes() == b"saved anyway"


def test_replace_failure_keeps_original(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.os, "replace", failing(errno.EXDEV, "Invalid cross-device link"))
    with pytest.raises(StorageError) as info:
        atomic_write(post_file, b"never")
    assert post_file.read_bytes() == ORIGINAL
    assert leftovers(post_file.parent) == []
    assert str(post_file) in str(info.value)
    assert "cross-device" in str(info.value)


def test_disk_full_keeps_original(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.os, "write", failing(errno.ENOSPC, "No space left on device"))
    with pytest.raises(StorageError) as info:
        atomic_write(post_file, b"never")
    monkeypatch.undo()
    assert post_file.read_bytes() == ORIGINAL
    assert leftovers(post_file.parent) == []
    message = str(info.value)
    assert str(post_file) in message and "disk is full" in message
    assert info.value.errno == errno.ENOSPC
    assert isinstance(info.value, OSError)


def test_partial_writes_are_completed(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def one_byte(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:1]))

    monkeypatch.setattr(storage.os, "write", one_byte)
    atomic_write(post_file, b"abcdef")
    monkeypatch.undo()
    assert post_file.read_bytes() == b"abcdef"


def test_fsync_failure_keeps_original(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.os, "fsync", failing(errno.EIO, "Input/output error"))
    with pytest.raises(StorageError, match="input/output error"):
        atomic_write(post_file, b"never")
    assert post_file.read_bytes() == ORIGINAL
    assert leftovers(post_file.parent) == []


@pytest.mark.parametrize(
    ("code", "text", "phrase"),
    [
        (errno.EACCES, "Permission denied", "permission denied"),
        (errno.EROFS, "Read-only file system", "read-only"),
    ],
)
def test_unwritable_folder_simulated(
    post_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, text: str, phrase: str
) -> None:
    real_open = os.open

    def deny_create(path: object, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(code, text)
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "open", deny_create)
    with pytest.raises(StorageError) as info:
        atomic_write(post_file, b"never")
    assert post_file.read_bytes() == ORIGINAL
    assert leftovers(post_file.parent) == []
    assert str(post_file) in str(info.value) and phrase in str(info.value)
    assert info.value.errno == code


def test_replace_denied_on_read_only_fs(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.os, "replace", failing(errno.EROFS, "Read-only file system"))
    with pytest.raises(StorageError, match="read-only"):
        atomic_write(post_file, b"never")
    assert post_file.read_bytes() == ORIGINAL
    assert leftovers(post_file.parent) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder_real_chmod(post_file: Path) -> None:  # pragma: no cover - needs non-root
    folder = post_file.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="permission denied"):
            atomic_write(post_file, b"never")
        assert post_file.read_bytes() == ORIGINAL
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_folder_removed_before_saving(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    target = folder / "post.md"
    target.write_bytes(ORIGINAL)
    target.unlink()
    folder.rmdir()
    with pytest.raises(StorageError) as info:
        atomic_write(target, b"never")
    assert not folder.exists()
    message = str(info.value)
    assert str(target) in message and "no longer exists" in message
    assert info.value.errno == errno.ENOENT


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(StorageError, match="not a regular file"):
        atomic_write(tmp_path / "dir.md", b"x")
    assert (tmp_path / "dir.md").is_dir()


def test_stat_failure_is_reported(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.os, "stat", failing(errno.EACCES, "Permission denied"))
    with pytest.raises(StorageError, match="permission denied"):
        atomic_write(post_file, b"never")
    monkeypatch.undo()
    assert post_file.read_bytes() == ORIGINAL


def test_unknown_errno_keeps_the_system_message(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.os, "replace", failing(errno.EBUSY, "Device or resource busy"))
    with pytest.raises(StorageError, match="Device or resource busy"):
        atomic_write(post_file, b"never")


def test_owner_change_is_attempted_for_foreign_files(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int]] = []
    real_stat = os.stat

    def foreign(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path)  # type: ignore[arg-type]
        fields = list(result)
        fields[4], fields[5] = 4242, 4343  # st_uid, st_gid
        return os.stat_result(fields)

    monkeypatch.setattr(storage.os, "stat", foreign)
    monkeypatch.setattr(storage.os, "fchown", lambda fd, uid, gid: calls.append((uid, gid)))
    atomic_write(post_file, b"owned")
    assert calls == [(4242, 4343)]
    assert post_file.read_bytes() == b"owned"


def test_read_bytes(post_file: Path) -> None:
    assert read_bytes(post_file) == ORIGINAL


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        read_bytes(tmp_path / "missing.md")
    assert "missing.md" in str(info.value)
    assert "does not exist" in str(info.value)
    assert isinstance(info.value, FileNotFoundError) or info.value.errno == errno.ENOENT


def test_read_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        read_bytes(tmp_path)


def test_read_permission_denied(post_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.open", failing(errno.EACCES, "Permission denied"))
    with pytest.raises(StorageError) as info:
        read_bytes(post_file)
    monkeypatch.undo()
    assert f"Could not read {post_file}: permission denied" == str(info.value)


def test_storage_error_is_an_oserror_and_pickles(tmp_path: Path) -> None:
    error = StorageError(tmp_path / "a.md", "save", "the disk is full", errno.ENOSPC)
    assert isinstance(error, OSError)
    assert error.filename == str(tmp_path / "a.md")
    clone = pickle.loads(pickle.dumps(error))
    assert str(clone) == str(error) and clone.errno == errno.ENOSPC
