"""External changes: reload in place, the change bar, deletions, and asking before saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.safety import external_changes
from editor.ui.safety.external_changes import ExternalChangeMonitor, confirm_save

POST = "---\ntitle: Hello\n---\n\nFirst words.\n\nSecond paragraph.\n"


def _replace_atomically(path: Path, text: str) -> None:
    """What git and most editors do: write a new file and rename it over the old one."""
    temp = path.with_name(".incoming.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "posts" / "hello.md"
    path.parent.mkdir()
    path.write_text(POST, encoding="utf-8")
    tab = DocumentTab(Document.open(path))
    qtbot.addWidget(tab)
    tab.resize(600, 400)
    tab.show()
    monitor = ExternalChangeMonitor(settle_ms=0)
    bar = monitor.watch(tab)
    return path, tab, monitor, bar


def _put_cursor(tab: DocumentTab, needle: str, offset: int) -> None:
    cursor = tab.editor.textCursor()
    cursor.setPosition(tab.document.text().index(needle) + offset)
    tab.editor.setTextCursor(cursor)


def _type(tab: DocumentTab, text: str) -> None:
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


def test_without_edits_the_post_reloads_and_the_cursor_stays(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    path, tab, monitor, bar = setup
    _put_cursor(tab, "Second paragraph", 7)
    new = POST.replace("title: Hello", "title: Hello again, longer").replace("First", "1st")
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        _replace_atomically(path, new)
    assert blocker.args == [tab, "reloaded"]
    assert tab.document.text() == new
    assert not tab.document.is_dirty
    assert tab.document.post is not None and tab.document.post.raw == new.encode()
    cursor = tab.editor.textCursor()
    assert cursor.block().text() == "Second paragraph."
    assert cursor.positionInBlock() == 7
    assert not bar.isVisible()
    # the watcher follows the new file: a second replace is seen too
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        _replace_atomically(path, new + "Third.\n")
    assert blocker.args == [tab, "reloaded"]
    assert tab.document.text().endswith("Third.\n")


def test_the_apps_own_save_is_not_a_change(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    path, tab, monitor, _bar = setup
    _type(tab, "Mine.\n")
    with qtbot.waitSignal(monitor.watcher.directoryChanged):
        tab.document.save()
    with qtbot.assertNotEmitted(monitor.changeHandled):
        monitor._on_timer_timeout()
        assert monitor.check_now(tab) == "unchanged"
    assert path.read_text(encoding="utf-8").endswith("Mine.\n")


def test_with_edits_the_bar_offers_reload(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    path, tab, monitor, bar = setup
    _type(tab, "My unsaved words.\n")
    mine = tab.document.text()
    theirs = POST + "Pulled from git.\n"
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        _replace_atomically(path, theirs)
    assert blocker.args == [tab, "conflict"]
    assert bar.isVisible() and bar.kind == "conflict"
    assert bar.reload_button.isVisible() and bar.keep_button.isVisible()
    assert bar.compare_button.isVisible() and not bar.save_as_button.isVisible()
    assert "hello.md" in bar.label.text()
    assert tab.document.text() == mine  # nothing replaced without asking
    bar.reload_button.click()
    assert tab.document.text() == theirs
    assert not tab.document.is_dirty
    assert not bar.isVisible()
    tab.document.text_document.undo()  # the reload is one undoable edit
    assert tab.document.text() == mine


def test_keep_mine_then_save_does_not_ask_again(  # type: ignore[no-untyped-def]
    qtbot: QtBot, setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, tab, monitor, bar = setup
    _type(tab, "Mine.\n")
    with qtbot.waitSignal(monitor.changeHandled):
        _replace_atomically(path, POST + "Theirs.\n")
    bar.keep_button.click()
    assert not bar.isVisible()
    assert tab.document.is_dirty
    assert tab.document.text().endswith("Mine.\n")

    def never(*_args: object) -> str:
        raise AssertionError("asked again after Keep Mine")

    monkeypatch.setattr(external_changes, "ask_overwrite", never)
    assert confirm_save(tab, None, None)
    tab.document.save()
    assert path.read_text(encoding="utf-8").endswith("Mine.\n")


def test_compare_shows_the_disk_against_the_editor(  # type: ignore[no-untyped-def]
    qtbot: QtBot, setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, tab, monitor, bar = setup
    shown: list[tuple[object, ...]] = []
    monkeypatch.setattr(external_changes, "show_diff", lambda *args: shown.append(args))
    _type(tab, "Mine.\n")
    with qtbot.waitSignal(monitor.changeHandled):
        _replace_atomically(path, POST + "Theirs.\n")
    bar.compare_button.click()
    ((_parent, _title, old, new, old_name, new_name),) = shown
    assert old == POST + "Theirs.\n"
    assert new == POST + "Mine.\n"
    assert "hello.md" in old_name and new_name == "your text"
    assert bar.isVisible()  # comparing decides nothing


def test_a_deleted_file_keeps_the_text_and_offers_save_as(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    path, tab, monitor, bar = setup
    requested: list[object] = []
    monitor.saveAsRequested.connect(requested.append)
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        path.unlink()
    assert blocker.args == [tab, "deleted"]
    assert tab.document.text() == POST
    assert tab.document.is_dirty
    assert bar.isVisible() and bar.kind == "deleted"
    assert str(path) in bar.label.text() and "deleted" in bar.label.text()
    assert bar.save_as_button.isVisible() and not bar.reload_button.isVisible()
    bar.save_as_button.click()
    assert requested == [tab]
    target = path.with_name("rescued.md")
    tab.document.save(target)
    assert target.read_text(encoding="utf-8") == POST
    assert not bar.isVisible()


def test_a_renamed_file_is_reported_like_a_deleted_one(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    path, tab, monitor, bar = setup
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        path.rename(path.with_name("elsewhere.md"))
    assert blocker.args == [tab, "deleted"]
    assert bar.kind == "deleted" and tab.document.is_dirty


def test_saving_over_an_external_change_asks(  # type: ignore[no-untyped-def]
    qtbot: QtBot, setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, tab, monitor, _bar = setup
    monitor.unwatch(tab)  # the save happens before the watcher would notice
    _type(tab, "Mine.\n")
    theirs = POST + "Theirs.\n"
    path.write_text(theirs, encoding="utf-8")
    answers = ["cancel", "compare", "overwrite"]
    asked: list[Path] = []
    shown: list[tuple[object, ...]] = []

    def ask(_parent: object, where: Path) -> str:
        asked.append(where)
        return answers.pop(0)

    monkeypatch.setattr(external_changes, "ask_overwrite", ask)
    monkeypatch.setattr(external_changes, "show_diff", lambda *args: shown.append(args))
    assert not confirm_save(tab, None, None)
    assert path.read_text(encoding="utf-8") == theirs
    assert confirm_save(tab, None, None)  # Compare, then Overwrite
    assert asked == [path, path, path]
    assert shown and shown[0][2] == theirs
    # Save As to another file is not "saving over" this one
    assert confirm_save(tab, path.with_name("other.md"), None)


def test_a_post_whose_file_is_already_gone_shows_the_bar(qtbot: QtBot, tmp_path: Path) -> None:
    from editor.core.post.model import Post

    path = tmp_path / "gone.md"
    tab = DocumentTab(Document(Post.from_text("Recovered text\n", path=path)))
    qtbot.addWidget(tab)
    monitor = ExternalChangeMonitor(settle_ms=0)
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        bar = monitor.watch(tab)
    assert blocker.args == [tab, "deleted"]
    assert bar.kind == "deleted" and tab.document.is_dirty
    assert tab.document.text() == "Recovered text\n"


_TEXTS = st.text(alphabet="ab \n\u00e9\u00a0", max_size=40)


@settings(max_examples=150, deadline=None)
@given(old=_TEXTS, new=_TEXTS)
def test_replace_text_gives_exactly_the_new_text_and_undo_the_old(
    qapp: object, old: str, new: str
) -> None:
    document = Document(None, old)
    external_changes.replace_text(document, new)
    assert document.text() == new
    if old != new:
        document.text_document.undo()
        assert document.text() == old


HOSTILE_DISK = {
    # Not tests/files.py's TINY_PNG: these bytes are the case, a PNG's head cut short and
    # then every byte value.
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "utf16": "---\ntitle: Wide\n---\n".encode("utf-16"),
    "impossible date": b"---\ntitle: Bad day\ndate: 2026-02-30\n---\nBody\n",
    "broken yaml": b'---\ntitle: "unclosed\n---\nBody\n',
    "deep json": b"[" * 5000 + b"]" * 5000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_DISK))
def test_any_bytes_on_disk_are_survived(  # type: ignore[no-untyped-def]
    case: str, qtbot: QtBot, setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever another program writes, the check and every choice of the bar go on
    without an exception, and the user's text stays."""
    path, tab, monitor, bar = setup
    shown: list[tuple[object, ...]] = []
    monkeypatch.setattr(external_changes, "show_diff", lambda *args: shown.append(args))
    before = tab.document.text()
    with qtbot.waitSignal(monitor.changeHandled) as blocker:
        temp = path.with_name(".incoming.tmp")
        temp.write_bytes(HOSTILE_DISK[case])
        os.replace(temp, path)
    assert blocker.args[0] is tab
    assert blocker.args[1] in {"reloaded", "conflict"}
    if blocker.args[1] == "conflict":
        assert tab.document.text() == before
        bar.compare_button.click()
        assert len(shown) == 1 and isinstance(shown[0][2], str)
        monitor.reload(tab)
        monitor.keep_mine(tab)
        assert tab.document.text() == before
