"""A post check asked for on each key reads the post's text once typing pauses (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.post.model import Post
from editor.core.site.config import find_site
from editor.ui.checks.runner import CheckRunner
from tests.files import write_site
from tests.ui.windows import WindowMaker


def _site(tmp_path: Path) -> Path:
    config = 'title = "T"\nbaseURL = "https://example.org/"\n'
    return write_site(tmp_path / "site", {"a.md": "---\ntitle: A\n---\n\nWords.\n"}, config)


def test_a_callable_is_read_once_after_the_debounce(qtbot: QtBot, tmp_path: Path) -> None:
    site = _site(tmp_path)
    post = Post.load(site / "content" / "posts" / "a.md")
    reads: list[int] = []

    def read() -> Post:
        reads.append(1)
        return post

    runner = CheckRunner(find_site(site), debounce_ms=30)
    try:
        with qtbot.waitSignal(runner.postChecked, timeout=20000) as blocker:
            for _ in range(20):  # a burst of keys
                runner.request_post(read)
            assert reads == []  # no key read the text
        assert blocker.args[0] == post.path
        assert reads == [1]
    finally:
        runner.shutdown()


def test_a_post_gone_before_its_check_is_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    def gone() -> Post:
        raise RuntimeError("Internal C++ object (QTextDocument) already deleted.")

    runner = CheckRunner(find_site(_site(tmp_path)), debounce_ms=0)
    try:
        runner.request_post(gone)
        qtbot.waitUntil(lambda: not runner.busy)
        with qtbot.assertNotEmitted(runner.postChecked, wait=50):
            pass
    finally:
        runner.shutdown()


def test_typing_then_closing_the_tab_checks_nothing_stale(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path
) -> None:
    site = _site(tmp_path)
    window = make_window(site)
    runner = window.problems.runner
    runner.set_debounce_ms(20)
    tab = window.open_post(site / "content" / "posts" / "a.md")
    assert tab is not None
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    tab.editor.setTextCursor(cursor)
    tab.editor.insertPlainText("more")
    tab.document.text_document.setModified(False)
    window.close_current()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20000)
    assert window.tab_list() == []
