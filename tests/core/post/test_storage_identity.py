"""editor.core.post.storage: what a save keeps besides the bytes (read-only, hard links, owner)
and what an interrupted save leaves behind (nothing)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editor.core.post import storage
from editor.core.post.storage import ReadOnlyError, StorageError, atomic_write

ORIGINAL = b"---\ntitle: Original\n---\nBody\n"


@pytest.fixture
def post_file(tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_bytes(ORIGINAL)
    return path


def others(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in {"post.md", *keep})


def test_a_read_only_file_is_not_replaced_without_asking(post_file: Path) -> None:
    post_file.chmod(0o444)
    with pytest.raises(ReadOnlyError) as caught:
        atomic_write(post_file, b"new")
    assert "read-only" in str(caught.value)
    assert str(post_file) in str(caught.value)
    assert isinstance(caught.value, StorageError)
    assert post_file.read_bytes() == ORIGINAL
    assert others(post_file.parent) == []


def test_a_read_only_file_replaced_on_request_stays_read_only(post_file: Path) -> None:
    post_file.chmod(0o444)
    atomic_write(post_file, b"new", replace_read_only=True)
    assert post_file.read_bytes() == b"new"
    assert stat.S_IMODE(post_file.stat().st_mode) == 0o444


def test_a_hard_linked_file_keeps_its_links(post_file: Path) -> None:
    twin = post_file.parent / "twin.md"
    os.link(post_file, twin)
    inode = post_file.stat().st_ino
    atomic_write(post_file, b"shorter")
    assert post_file.stat().st_ino == inode
    assert twin.read_bytes() == b"shorter"
    assert post_file.stat().st_nlink == 2
    assert others(post_file.parent, "twin.md") == []


def test_a_read_only_hard_linked_file_is_rewritten_in_place_and_stays_read_only(
    post_file: Path,
) -> None:
    twin = post_file.parent / "twin.md"
    os.link(post_file, twin)
    post_file.chmod(0o444)
    atomic_write(post_file, b"new " * 100, replace_read_only=True)
    assert twin.read_bytes() == b"new " * 100
    assert stat.S_IMODE(post_file.stat().st_mode) == 0o444


def test_a_file_of_another_owner_is_rewritten_in_place(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename would make the file ours: as a user who cannot chown, write in place."""
    owner = post_file.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    inode = post_file.stat().st_ino
    atomic_write(post_file, b"edited")
    assert post_file.read_bytes() == b"edited"
    assert post_file.stat().st_ino == inode
    assert others(post_file.parent) == []


def test_a_failed_in_place_write_puts_the_original_back(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.link(post_file, post_file.parent / "twin.md")
    real = storage._write_all
    calls = []

    def fail_first(fd: int, data: bytes) -> None:
        calls.append(data)
        if data == b"doomed":
            real(fd, data[:3])
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(storage, "_write_all", fail_first)
    with pytest.raises(StorageError, match="disk is full"):
        atomic_write(post_file, b"doomed")
    assert post_file.read_bytes() == ORIGINAL
    assert others(post_file.parent, "twin.md") == []


def test_an_interrupted_save_leaves_no_temporary_file(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int, data: bytes) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(storage, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(post_file, b"new")
    assert post_file.read_bytes() == ORIGINAL
    assert others(post_file.parent) == []


def test_the_leftover_of_a_killed_save_goes_at_the_next_save(post_file: Path) -> None:
    leftover = post_file.parent / ".post.md.0a1b2c3d.inkpost-tmp"
    leftover.write_bytes(b"half a post")
    unrelated = post_file.parent / ".other.md.0a1b2c3d.inkpost-tmp"
    unrelated.write_bytes(b"another file's")
    atomic_write(post_file, b"new")
    assert not leftover.exists()
    assert unrelated.exists()


def test_when_even_the_put_back_fails_the_backup_stays_and_is_named(
    post_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.link(post_file, post_file.parent / "twin.md")

    def broken(target: Path, data: bytes) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(storage, "_overwrite", broken)
    with pytest.raises(StorageError) as caught:
        atomic_write(post_file, b"new")
    backup = post_file.parent / ".post.md.inkpost-backup"
    assert str(backup) in str(caught.value)
    assert backup.read_bytes() == ORIGINAL
