"""Dropping a post or a site folder on the window (or on an editor) opens it; other drops are
refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.window.drop import read_drop
from editor.ui.window.main_window import MainWindow
from tests.files import TINY_PNG, write_site
from tests.ui.preview.pages import RESOURCES
from tests.ui.windows import WindowMaker

Action = Qt.DropAction


def _site(root: Path) -> Path:
    return write_site(root, {"a.md": "# a\n\nText.\n"}, f'title = "{root.name}"\n')


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    win = make_window(_site(tmp_path / "blog"))
    make_window.show(win, (900, 600))
    return win


def _mime(*paths: Path | str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(p) if isinstance(p, str) else QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(widget: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag `mime` over `widget` and drop it: (drag accepted, drop accepted)."""
    point = widget.rect().center()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(point), Action.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False, False
    drop = QDropEvent(QPointF(point), Action.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return True, drop.isAccepted()


def test_a_markdown_file_dropped_on_the_window_opens(window: MainWindow, tmp_path: Path) -> None:
    post = tmp_path / "elsewhere" / "Note.MARKDOWN"
    post.parent.mkdir()
    post.write_text("# Note\n", encoding="utf-8")
    assert _drop(window, _mime(post)) == (True, True)
    current = window.current_tab()
    assert current is not None and current.document.path == post


def test_a_site_folder_dropped_on_the_window_opens_the_site(
    window: MainWindow, tmp_path: Path
) -> None:
    other = _site(tmp_path / "other")
    with_site = []
    window.siteChanged.connect(with_site.append)
    assert _drop(window, _mime(other)) == (True, True)
    assert Path(window.site.root) == other
    assert [Path(site.root) for site in with_site] == [other]


def test_other_drops_are_refused_with_a_message(window: MainWindow, tmp_path: Path) -> None:
    plain = tmp_path / "plain"  # a folder that is no site
    plain.mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    site_before = window.site
    assert _drop(window, _mime(plain, tmp_path / "notes.txt", "https://example.com/")) == (
        True,
        True,
    )
    assert window.site is site_before and window.tab_list() == []
    message = window.statusBar().currentMessage()
    assert message.startswith("Not opened: plain, notes.txt, https://example.com/")
    assert ".md files and site folders" in message


def test_a_post_dropped_on_the_editor_opens_instead_of_pasting_its_path(
    window: MainWindow, tmp_path: Path
) -> None:
    blog = Path(window.site.root)
    first = window.open_post(blog / "content" / "posts" / "a.md")
    assert first is not None
    other = tmp_path / "b.md"
    other.write_text("# b\n", encoding="utf-8")
    text_before = first.editor.toPlainText()
    assert _drop(first.editor.viewport(), _mime(other)) == (True, True)
    assert first.editor.toPlainText() == text_before
    current = window.current_tab()
    assert current is not None and current.document.path == other


def test_text_dropped_on_the_editor_still_goes_to_the_editor(
    window: MainWindow, tmp_path: Path
) -> None:
    blog = Path(window.site.root)
    tab = window.open_post(blog / "content" / "posts" / "a.md")
    assert tab is not None
    mime = QMimeData()
    mime.setText("dropped words")
    _drop(tab.editor.viewport(), mime)
    assert "dropped words" in tab.editor.toPlainText()
    assert len(window.tab_list()) == 1


@pytest.mark.slow
def test_a_post_dropped_on_the_preview_opens_and_other_files_are_refused(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path
) -> None:
    blog = _site(tmp_path / "blog")
    win = make_window(blog, preview_dir=RESOURCES)
    win.resize(900, 600)
    with qtbot.waitSignal(win.previewCreated, timeout=20000):
        win.show()
    view = win.preview.view
    post = blog / "content" / "posts" / "a.md"
    assert _drop(view, _mime(post)) == (True, True)
    current = win.current_tab()
    assert current is not None and current.document.path == post
    (tmp_path / "photo.png").write_bytes(TINY_PNG)
    assert _drop(view, _mime(tmp_path / "photo.png")) == (True, True)
    assert win.statusBar().currentMessage().startswith("Not opened: photo.png")
    assert len(win.tab_list()) == 1


def test_read_drop_sorts_posts_sites_and_the_rest(tmp_path: Path) -> None:
    site = _site(tmp_path / "s")
    post = site / "content" / "posts" / "a.md"
    dropped = read_drop(_mime(post, site / "content", tmp_path / "missing.md"))
    assert dropped.posts == [post]
    assert dropped.site is not None and Path(dropped.site.root) == site  # a folder in a site
    assert dropped.other == ["missing.md"]
    assert read_drop(QMimeData()).openable is False
