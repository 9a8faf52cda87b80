"""Failed saves: the file on disk is untouched, the text stays unsaved and in the journal,
and the message names the file and the cause. Faults are injected into editor.core.post.storage
only for the site's folder (the journal lives elsewhere, as on a real second disk)."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.core.post import storage
from editor.ui.safety import external_changes
from editor.ui.window.main_window import MainWindow
from editor.ui.window.preferences import Preferences
from tests.files import write_site
from tests.ui.windows import WindowMaker

ORIGINAL = b"---\ntitle: Kept\n---\n\nThe saved words.\n"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"post.md": ORIGINAL})


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path, site_dir: Path) -> MainWindow:
    # only the failure writes to the journal
    make_window.settings.save_preferences(Preferences(journal_delay_ms=600_000))
    return make_window(site_dir, data_dir=tmp_path / "data")


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def critical(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def _in_site(site_dir: Path, name: Any) -> bool:
    try:
        return Path(os.fsdecode(name)).resolve().is_relative_to(site_dir.resolve())
    except (TypeError, ValueError):
        return False


def _fd_in_site(site_dir: Path, fd: int) -> bool:
    return _in_site(site_dir, os.readlink(f"/proc/self/fd/{fd}"))


def _fail(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _disk_full_on_write(monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
    real = os.write

    def write(fd: int, data: Any) -> int:
        if _fd_in_site(site_dir, fd):
            raise _fail(errno.ENOSPC)
        return real(fd, data)

    monkeypatch.setattr(storage.os, "write", write)


def _disk_full_on_replace(monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if _in_site(site_dir, dst):
            raise _fail(errno.ENOSPC)
        real(src, dst)

    monkeypatch.setattr(storage.os, "replace", replace)


def _refusing_open(code: int) -> Callable[[pytest.MonkeyPatch, Path], None]:
    """A read-only folder (tests run as root, who may write anywhere: simulated)."""

    def install(monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
        real = os.open

        def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & os.O_CREAT and _in_site(site_dir, path):
                raise _fail(code)
            return real(path, flags, *args, **kwargs)

        monkeypatch.setattr(storage.os, "open", fake_open)

    return install


def _folder_gone(_monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
    shutil.rmtree(site_dir / "content" / "posts")


CASES = {
    "disk full while writing": (_disk_full_on_write, "the disk is full"),
    "disk full at the rename": (_disk_full_on_replace, "the disk is full"),
    "read-only file system": (_refusing_open(errno.EROFS), "read-only"),
    "permission denied": (_refusing_open(errno.EACCES), "permission denied"),
    "folder gone": (_folder_gone, "no longer exists"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_failed_save_loses_nothing(  # type: ignore[no-untyped-def]
    case: str,
    window: MainWindow,
    site_dir: Path,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inject, cause = CASES[case]
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None and window.safekeeping is not None
    tab.editor.textCursor().insertText("Unsaved words. ")
    typed = tab.document.text()
    inject(monkeypatch, site_dir)

    window.actions_by_id["save"].trigger()

    assert len(messages) == 1
    assert str(path.resolve()) in messages[0] or str(path) in messages[0]
    assert cause in messages[0]
    assert tab.document.is_dirty
    assert window.isWindowModified()
    if path.parent.exists():
        assert path.read_bytes() == ORIGINAL
        assert [p.name for p in path.parent.iterdir()] == ["post.md"]  # no temp file left
    journal = window.safekeeping.journal
    doc_id = window.safekeeping.autosave.doc_id(tab.document)
    assert doc_id is not None
    entry = journal.read(doc_id)
    assert entry is not None and entry.text == typed


def test_a_file_removed_before_saving_is_written_again(
    window: MainWindow, site_dir: Path, messages: list[str]
) -> None:
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None and window.safekeeping is not None
    tab.editor.textCursor().insertText("Still here. ")
    window.safekeeping.autosave.flush()
    doc_id = window.safekeeping.autosave.doc_id(tab.document)
    assert doc_id is not None and window.safekeeping.journal.read(doc_id) is not None
    path.unlink()
    window.actions_by_id["save"].trigger()
    assert messages == []
    assert path.read_bytes() == b"Still here. " + ORIGINAL
    assert not tab.document.is_dirty
    assert window.safekeeping.journal.read(doc_id) is None  # saved: the entry is gone


def test_a_successful_save_keeps_the_previous_version(
    window: MainWindow, site_dir: Path, messages: list[str]
) -> None:
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None and window.safekeeping is not None
    tab.editor.textCursor().insertText("New. ")
    assert window.save()
    versions = window.safekeeping.versions.versions(path)
    assert [window.safekeeping.versions.read(v) for v in versions] == [ORIGINAL]
    assert messages == []


def test_save_asks_before_overwriting_a_change_on_disk(
    window: MainWindow, site_dir: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None and window.safekeeping is not None
    tab.editor.textCursor().insertText("Mine. ")
    theirs = ORIGINAL + b"Added elsewhere.\n"
    path.write_bytes(theirs)
    answers = ["cancel", "overwrite"]
    monkeypatch.setattr(external_changes, "ask_overwrite", lambda _p, _path: answers.pop(0))
    assert not window.save()
    assert path.read_bytes() == theirs and tab.document.is_dirty
    assert window.save()
    assert path.read_bytes() == b"Mine. " + ORIGINAL
    # what was overwritten is kept as a previous version
    versions = window.safekeeping.versions.versions(path)
    assert window.safekeeping.versions.read(versions[0]) == theirs


def test_save_to_file_automatically_never_overwrites_a_change_on_disk(
    qtbot: QtBot, window: MainWindow, site_dir: Path, messages: list[str]
) -> None:
    assert window.safekeeping is not None
    keeper = window.safekeeping
    keeper.set_preferences(0, True, 10)
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None
    with qtbot.waitSignal(keeper.autosave.fileSaveRequested):
        tab.editor.textCursor().insertText("Auto. ")
    qtbot.waitUntil(lambda: not tab.document.is_dirty)
    assert path.read_bytes() == b"Auto. " + ORIGINAL
    theirs = b"Changed elsewhere.\n"
    path.write_bytes(theirs)
    with qtbot.waitSignal(keeper.message) as blocker:
        tab.editor.textCursor().insertText("More. ")
    assert "changed on disk" in blocker.args[0]
    assert path.read_bytes() == theirs and tab.document.is_dirty


@pytest.mark.parametrize("replace", [True, False])
def test_save_asks_before_replacing_a_read_only_file(
    replace: bool,
    window: MainWindow,
    site_dir: Path,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = site_dir / "content" / "posts" / "post.md"
    tab = window.open_post(path)
    assert tab is not None
    path.chmod(0o444)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Save if replace else QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    tab.editor.textCursor().insertText("New words. ")

    window.actions_by_id["save"].trigger()

    assert len(asked) == 1 and "read-only" in asked[0] and str(path) in asked[0]
    assert messages == []
    assert (path.stat().st_mode & 0o777) == 0o444
    if replace:
        assert path.read_bytes() == tab.document.text().encode("utf-8")
        assert not tab.document.is_dirty
    else:
        assert path.read_bytes() == ORIGINAL
        assert tab.document.is_dirty
