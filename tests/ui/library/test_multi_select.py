"""The library selects several posts: Shift/Ctrl+click, Ctrl+A, and publish, export and
trash on the selection (pytest-qt)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry
from editor.ui.export.dialog import ExportDialog, IniStore
from editor.ui.library.dialogs import LibraryPrompts
from editor.ui.library.model import TITLE
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker, scanned

POSTS = {
    "alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\n---\n\nFirst words.\n",
    "beta.md": "---\ntitle: Beta\ndate: 2024-02-01\n---\n\nSecond words.\n",
    "gamma.md": "---\ntitle: Gamma\ndate: 2024-03-01\n---\n\nThird words.\n",
    "delta.md": "---\ntitle: Delta\ndate: 2024-04-01\n---\n\nFourth words.\n",
}
NO_KEY = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
WAIT = 20_000  # ms: the publish plan runs on a thread of its own


class Prompts:
    """Answers the library's questions without dialogs and notes what was asked."""

    def __init__(self) -> None:
        self.answer = True
        self.asked: list[list[str]] = []
        self.errors: list[str] = []

    def new_post(self, sections: list[str], section: str) -> None:
        return None

    def rename(self, entry: PostEntry) -> str | None:
        return None

    def confirm_trash(self, entry: PostEntry) -> bool:
        self.asked.append([entry.title])
        return self.answer

    def confirm_trash_posts(self, entries: Sequence[PostEntry]) -> bool:
        self.asked.append([entry.title for entry in entries])
        return self.answer

    def error(self, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", POSTS, 'title = "Chosen Blog"\n')


@pytest.fixture
def window(
    qtbot: QtBot,
    make_window: WindowMaker,
    tmp_path: Path,
    site_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    trashed: list[Path] = []
    monkeypatch.setattr(  # the trash is a plain delete here (the real one is the system's)
        library_actions, "send2trash", lambda p: trashed.append(Path(p)) or os.remove(p)
    )
    win = make_window(site_dir)
    win.trashed = trashed  # type: ignore[attr-defined]
    panel = make_window.library(win, Prompts())
    win.set_export(IniStore(tmp_path / "config" / "export.ini"), "body { color: black; }")
    make_window.show(win, (1200, 800))  # room for the library beside the editor
    qtbot.waitUntil(lambda: scanned(panel, 4))
    qtbot.waitUntil(lambda: panel.view.isVisible() and panel.view.viewport().height() > 100)
    return win


def _panel(win: MainWindow) -> LibraryPanel:
    panel = win.library.panel
    assert isinstance(panel, LibraryPanel)
    return panel


def _row_of(panel: LibraryPanel, title: str) -> int:
    for row in range(panel.model.rowCount()):
        entry = panel.model.entry(row)
        if entry is not None and entry.title == title:
            return row
    raise AssertionError(f"{title} is not listed")


def _click(
    qtbot: QtBot,
    panel: LibraryPanel,
    title: str,
    keys: Qt.KeyboardModifier = NO_KEY,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    rect = panel.view.visualRect(panel.model.index(_row_of(panel, title), TITLE))
    assert rect.isValid()
    qtbot.mouseClick(panel.view.viewport(), button, keys, rect.center())


def _titles_in_view_order(panel: LibraryPanel, titles: set[str]) -> list[str]:
    return sorted(titles, key=lambda title: _row_of(panel, title))


def _selected_titles(panel: LibraryPanel) -> list[str]:
    return [entry.title for entry in panel.selected_entries()]


def _path(site_dir: Path, title: str) -> Path:
    return site_dir / "content" / "posts" / f"{title.lower()}.md"


def _select(qtbot: QtBot, panel: LibraryPanel, titles: list[str]) -> None:
    """A plain click on the first, Ctrl+click on the others."""
    _click(qtbot, panel, titles[0])
    for title in titles[1:]:
        _click(qtbot, panel, title, CTRL)
    assert set(_selected_titles(panel)) == set(titles)


def test_shift_click_selects_a_range_and_opens_nothing_more(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    top, bottom = panel.model.entry(0), panel.model.entry(2)
    assert top is not None and bottom is not None
    with qtbot.waitSignal(window.postOpened):
        _click(qtbot, panel, top.title)  # a plain click opens, as before
    assert len(window.tab_list()) == 1
    _click(qtbot, panel, bottom.title, SHIFT)
    expected = [e.title for e in (panel.model.entry(r) for r in range(3)) if e is not None]
    assert _selected_titles(panel) == expected
    assert window.library.selected_paths() == [panel.model.entry(r).path for r in range(3)]  # type: ignore[union-attr]
    assert len(window.tab_list()) == 1  # the Shift+click only selected
    assert "3 selected" in panel.status_label.text()


def test_ctrl_click_adds_a_post_and_ctrl_a_selects_all(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    _select(qtbot, panel, ["Delta", "Alpha"])
    assert _selected_titles(panel) == _titles_in_view_order(panel, {"Alpha", "Delta"})
    assert len(window.tab_list()) == 1  # Delta's, from the plain click
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    qtbot.keyClick(panel.view, Qt.Key.Key_A, CTRL)
    assert len(panel.selected_entries()) == 4
    assert "4 selected" in panel.status_label.text()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)  # extends: opens nothing
    assert len(window.tab_list()) == 1


def test_shift_arrows_extend_the_selection_without_opening(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    first = panel.model.entry(0)
    assert first is not None and panel.select_path(first.path)
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)
    assert len(panel.selected_entries()) == 3
    assert window.tab_list() == []


def test_following_the_current_tab_keeps_a_selection_of_several(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    window.open_post(_path(site_dir, "Alpha"))
    window.open_post(_path(site_dir, "Beta"))
    assert _selected_titles(panel) == ["Beta"]  # one selected: it follows the tab
    window.tabs.setCurrentIndex(0)
    assert _selected_titles(panel) == ["Alpha"]
    _click(qtbot, panel, "Gamma", CTRL)
    _click(qtbot, panel, "Delta", CTRL)
    chosen = _titles_in_view_order(panel, {"Alpha", "Gamma", "Delta"})
    assert _selected_titles(panel) == chosen
    window.tabs.setCurrentIndex(1)  # Beta's tab: the user's selection stays
    assert _selected_titles(panel) == chosen
    panel.rescan()  # a rescan (the watcher's, a save's) keeps it too
    qtbot.waitUntil(lambda: not panel.scanner.busy)
    assert _selected_titles(panel) == chosen


def test_enter_opens_the_current_row(window: MainWindow, qtbot: QtBot, site_dir: Path) -> None:
    panel = _panel(window)
    _select(qtbot, panel, ["Alpha", "Gamma"])  # Gamma is current
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    with qtbot.waitSignal(window.postOpened) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [_path(site_dir, "Gamma").resolve()]
    tab = window.current_tab()
    assert tab is not None and tab.document.path == _path(site_dir, "Gamma").resolve()


def test_the_context_menu_acts_on_the_selection(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    _select(qtbot, panel, ["Alpha", "Beta", "Gamma"])
    tabs = len(window.tab_list())  # Alpha's, from the plain click
    _click(qtbot, panel, "Beta", button=Qt.MouseButton.RightButton)
    spot = panel.view.visualRect(panel.model.index(_row_of(panel, "Beta"), TITLE)).center()
    viewport = panel.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, spot, viewport.mapToGlobal(spot))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: any(m.isVisible() for m in panel.findChildren(QMenu)))
    menu = next(m for m in panel.findChildren(QMenu) if m.isVisible())
    actions = menu.actions()
    assert window.publisher.context_action in actions
    assert window.exporter.context_action in actions
    assert panel.trash_action.isEnabled()
    assert not panel.rename_action.isEnabled() and not panel.open_action.isEnabled()
    menu.close()
    assert len(window.tab_list()) == tabs  # the right-click opened nothing
    assert set(_selected_titles(panel)) == {"Alpha", "Beta", "Gamma"}  # nor changed the selection
    _click(qtbot, panel, "Alpha")  # one post: Rename and Open work again
    assert panel.rename_action.isEnabled() and panel.open_action.isEnabled()


def test_export_and_publish_get_every_selected_post(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    _select(qtbot, panel, ["Delta", "Beta", "Alpha"])
    chosen = [_path(site_dir, t) for t in _titles_in_view_order(panel, {"Alpha", "Beta", "Delta"})]
    window.exporter.context_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog._posts == chosen
    dialog.reject()
    window.publisher.context_action.trigger()
    published = window.publisher.dialog
    assert published is not None and published.posts == tuple(chosen)
    qtbot.waitUntil(lambda: published.plan is not None and not published.running, timeout=WAIT)
    published.reject()
    qtbot.waitUntil(lambda: window.publisher.dialog is None)


def test_file_export_takes_the_selection_when_the_library_has_the_focus(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    _select(qtbot, panel, ["Gamma", "Beta"])
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    expected = [_path(site_dir, t) for t in _titles_in_view_order(panel, {"Gamma", "Beta"})]
    assert window.exporter.posts_to_export() == expected
    assert window.publisher.posts_to_publish() == expected


def test_delete_with_several_asks_once_and_trashes_all(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    prompts = panel.prompts
    assert isinstance(prompts, Prompts)
    _select(qtbot, panel, ["Alpha", "Gamma", "Delta"])
    chosen = _titles_in_view_order(panel, {"Alpha", "Gamma", "Delta"})
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    prompts.answer = False
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert prompts.asked == [chosen]
    assert all(_path(site_dir, t).is_file() for t in chosen)  # cancelled: nothing moved
    prompts.answer = True
    gone: list[Path] = []
    panel.postTrashed.connect(gone.append)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert prompts.asked == [chosen, chosen]  # one question for the three
    assert gone == [_path(site_dir, t) for t in chosen]
    assert window.trashed == gone  # type: ignore[attr-defined]
    assert not any(_path(site_dir, t).exists() for t in chosen)
    assert _path(site_dir, "Beta").is_file()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not panel.scanner.busy)


def test_the_question_for_several_names_the_count(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    panel = _panel(window)
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(f"{box.text()}\n{box.informativeText()}")
        return QMessageBox.StandardButton.Yes.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    entries = [e for e in (panel.model.entry(r) for r in range(3)) if e is not None]
    assert LibraryPrompts(panel).confirm_trash_posts(entries)
    assert "3 posts" in asked[0]
    assert all(entry.display_title in asked[0] for entry in entries)
