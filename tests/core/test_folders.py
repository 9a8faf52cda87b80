"""Inkpost's folders (platformdirs, INKPOST_*_DIR) and the move of older versions' folders."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core import folders as folders_mod
from editor.core.folders import (
    MARKER_NAME,
    Folders,
    folders,
    legacy_locations,
    migrate_legacy,
    overridden,
)


def _home(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache"),
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _write(path: Path, data: bytes, mtime: float | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG layout")
def test_one_folder_of_each_kind_named_inkpost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _home(tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("INKPOST_CONFIG_DIR", "INKPOST_DATA_DIR", "INKPOST_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    assert folders() == Folders(
        home / ".config" / "inkpost", home / ".local/share/inkpost", home / ".cache/inkpost"
    )
    assert overridden() == frozenset()


def test_environment_overrides_each_folder(tmp_path: Path) -> None:
    env = {"INKPOST_CONFIG_DIR": str(tmp_path / "c"), "INKPOST_CACHE_DIR": str(tmp_path / "k")}
    found = folders(env)
    assert (found.config, found.cache) == (tmp_path / "c", tmp_path / "k")
    assert found.data.name == "inkpost" and found.data != found.cache
    assert overridden(env) == {"config", "cache"}


def test_legacy_locations_on_linux(tmp_path: Path) -> None:
    old = legacy_locations(_home(tmp_path), platform="linux")
    home = tmp_path / "home"
    assert old["data"] == (home / ".local/share/Inkpost/Inkpost",)
    assert old["cache"] == (home / ".cache/Inkpost/Inkpost", home / ".cache/inkpost")
    assert home / ".config/inkpost" in old["config"]


def _new(tmp_path: Path) -> Folders:
    return Folders(
        tmp_path / "new" / "config", tmp_path / "new" / "data", tmp_path / "new" / "cache"
    )


def test_files_move_and_the_doubled_folder_goes(tmp_path: Path) -> None:
    old_data = tmp_path / "share" / "Inkpost" / "Inkpost"
    _write(old_data / "journal" / "a.json", b"unsaved words")
    _write(old_data / "versions" / "x" / "1.md", b"a version")
    new = _new(tmp_path)
    report = migrate_legacy({"data": [old_data]}, new)
    assert report.ok and len(report.moved) == 2 and not report.kept_beside
    assert _tree(new.data) == {"journal/a.json": b"unsaved words", "versions/x/1.md": b"a version"}
    assert not (tmp_path / "share" / "Inkpost").exists()  # both halves of Inkpost/Inkpost
    assert (new.config / MARKER_NAME).is_file()


def test_both_copies_are_kept_the_newer_at_the_target(tmp_path: Path) -> None:
    old = tmp_path / "old"
    new = _new(tmp_path)
    now = time.time()
    _write(old / "state.ini", b"old newer", now)
    _write(new.config / "state.ini", b"new older", now - 100)
    _write(old / "preferences.ini", b"old older", now - 100)
    _write(new.config / "preferences.ini", b"new newer", now)
    _write(new.config / "preferences.ini.legacy", b"taken already", now)
    report = migrate_legacy({"config": [old]}, new)
    assert report.ok and len(report.kept_beside) == 2
    assert _tree(new.config) == {
        "state.ini": b"old newer",
        "state.ini.legacy": b"new older",
        "preferences.ini": b"new newer",
        "preferences.ini.legacy": b"taken already",
        "preferences.ini.legacy-2": b"old older",
        MARKER_NAME: (new.config / MARKER_NAME).read_bytes(),
    }
    assert not old.exists()


def test_it_is_idempotent_and_then_touches_nothing(tmp_path: Path) -> None:
    old = tmp_path / "old-cache"
    _write(old / "library" / "a.sqlite", b"index")
    new = _new(tmp_path)
    assert len(migrate_legacy({"cache": [old]}, new).moved) == 1
    _write(old / "library" / "late.sqlite", b"written by an old version since")
    again = migrate_legacy({"cache": [old]}, new)
    assert again.already_done and not again.moved
    assert (old / "library" / "late.sqlite").is_file()  # the marker says: done, look no more


def test_the_same_folder_or_one_holding_the_new_is_left_alone(tmp_path: Path) -> None:
    new = _new(tmp_path)
    _write(new.cache / "library" / "a.sqlite", b"index")
    report = migrate_legacy({"cache": [new.cache, tmp_path / "new"]}, new)
    assert report.ok and not report.moved
    assert _tree(new.cache) == {"library/a.sqlite": b"index"}


def test_a_failed_move_is_reported_and_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old"
    _write(old / "a.txt", b"a")
    _write(old / "b.txt", b"b")
    new = _new(tmp_path)
    real_move = folders_mod.shutil.move

    def full_disk(src: Path, dst: Path) -> object:
        if Path(src).name == "b.txt":
            raise OSError(28, "No space left on device")
        return real_move(src, dst)

    monkeypatch.setattr(folders_mod.shutil, "move", full_disk)
    report = migrate_legacy({"data": [old]}, new)
    assert not report.ok and "No space" in report.failed[0][1]
    assert (old / "b.txt").read_bytes() == b"b" and not (new.config / MARKER_NAME).exists()
    monkeypatch.setattr(folders_mod.shutil, "move", real_move)
    again = migrate_legacy({"data": [old]}, new)
    assert again.ok and _tree(new.data) == {"a.txt": b"a", "b.txt": b"b"}


_names = st.sampled_from(["a", "b", "c.ini", "d/e", "d/f", "g/h/i"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    old_files=st.dictionaries(_names, st.binary(max_size=4), max_size=6),
    new_files=st.dictionaries(_names, st.binary(max_size=4), max_size=6),
    old_newer=st.booleans(),
)
def test_no_file_is_ever_lost(
    tmp_path_factory: pytest.TempPathFactory,
    old_files: dict[str, bytes],
    new_files: dict[str, bytes],
    old_newer: bool,
) -> None:
    root = tmp_path_factory.mktemp("m")
    now = time.time()
    for rel, data in old_files.items():
        _write(root / "old" / rel, b"old" + data, now if old_newer else now - 50)
    for rel, data in new_files.items():
        _write(root / "new" / "data" / rel, b"new" + data, now - 50 if old_newer else now)
    new = _new(root)
    assert migrate_legacy({"data": [root / "old"]}, new).ok
    after = _tree(new.data)
    expected = sorted(
        [b"old" + d for d in old_files.values()] + [b"new" + d for d in new_files.values()]
    )
    assert sorted(after.values()) == expected
    for rel in set(old_files) & set(new_files):
        assert after[rel].startswith(b"old" if old_newer else b"new")
    assert not (root / "old").exists()
