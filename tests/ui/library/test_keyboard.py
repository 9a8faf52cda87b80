"""The library by keyboard: Ctrl+L to its search, F2 rename, Delete to the trash, Tab order,
Escape back to the editor (pytest-qt, keys sent with qtbot.keyClick)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.actions import ACTIONS, build_actions
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker, scanned


class Prompts:
    """Records the library's questions and answers them without dialogs."""

    def __init__(self) -> None:
        self.renamed: list[str] = []
        self.confirmed: list[str] = []
        self.name: str | None = "alpha-renamed"
        self.trash_answer = True

    def new_post(self, sections: list[str], section: str) -> None:
        return None

    def rename(self, entry: PostEntry) -> str | None:
        self.renamed.append(entry.title)
        return self.name

    def confirm_trash(self, entry: PostEntry) -> bool:
        self.confirmed.append(entry.title)
        return self.trash_answer

    def error(self, message: str) -> None:
        raise AssertionError(message)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    text = "---\ntitle: {}\ndate: 2024-01-01\n---\n\nWords.\n"
    posts = {"alpha.md": text.format("Alpha"), "beta.md": text.format("Beta")}
    return write_site(tmp_path / "site", posts, 'title = "Keys"\n')


@pytest.fixture
def window(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    trashed: list[str] = []
    monkeypatch.setattr(library_actions, "send2trash", lambda p: trashed.append(p) or os.remove(p))
    win = make_window(site_dir)
    panel = make_window.library(win, Prompts())
    win.resize(1400, 900)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: scanned(panel, 2))
    win.trashed = trashed  # type: ignore[attr-defined]
    return win


def _panel(win: MainWindow) -> LibraryPanel:
    panel = win.library.panel
    assert isinstance(panel, LibraryPanel)
    return panel


def _focus_row(qtbot: QtBot, panel: LibraryPanel, title: str) -> None:
    row = next(r for r in range(panel.model.rowCount()) if panel.model.entry(r).title == title)
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)


def test_ctrl_l_shows_the_library_and_focuses_its_search(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    window.library_dock.hide()
    tab = window.open_post(site_dir / "content" / "posts" / "alpha.md")
    assert tab is not None
    tab.editor.setFocus()
    qtbot.waitUntil(tab.editor.hasFocus)
    action = window.actions_by_id["focus_library_search"]
    assert action.shortcut() == QKeySequence("Ctrl+L")
    qtbot.keyClick(tab.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.search_edit.hasFocus)
    assert window.library_dock.isVisible()
    assert window.actions_by_id["toggle_sidebar"].isChecked()
    # Escape in the search goes back to the post being edited.
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(tab.editor.hasFocus)


def test_no_two_actions_share_a_key(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    actions = build_actions(host, _AnyHandler(), ACTIONS)
    seen: dict[str, str] = {}
    for action_id, action in actions.items():
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action_id}"
            seen[key] = action_id
    assert seen["Ctrl+L"] == "focus_library_search"


class _AnyHandler(dict[str, object]):
    def __missing__(self, key: str) -> object:
        return lambda *args: None


def test_f2_renames_the_current_post_through_the_rename_prompt(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    _focus_row(qtbot, panel, "Alpha")
    with qtbot.waitSignal(panel.postRenamed) as renamed:
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert panel.prompts.renamed == ["Alpha"]  # type: ignore[attr-defined]
    posts = site_dir / "content" / "posts"
    assert renamed.args == [posts / "alpha.md", posts / "alpha-renamed.md"]
    assert (posts / "alpha-renamed.md").is_file() and not (posts / "alpha.md").exists()


def test_delete_asks_then_moves_the_current_post_to_the_trash(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    beta = site_dir / "content" / "posts" / "beta.md"
    _focus_row(qtbot, panel, "Beta")
    panel.prompts.trash_answer = False  # type: ignore[attr-defined]
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.prompts.confirmed == ["Beta"]  # type: ignore[attr-defined]
    assert beta.is_file()  # cancelled: nothing moved
    panel.prompts.trash_answer = True  # type: ignore[attr-defined]
    with qtbot.waitSignal(panel.postTrashed):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert window.trashed == [str(beta)] or window.trashed == [beta]  # type: ignore[attr-defined]
    assert not beta.exists()


def test_delete_in_the_editor_deletes_text_not_posts(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    tab = window.open_post(site_dir / "content" / "posts" / "beta.md")
    assert tab is not None
    tab.editor.setFocus()
    qtbot.waitUntil(tab.editor.hasFocus)
    before = tab.editor.toPlainText()
    qtbot.keyClick(tab.editor, Qt.Key.Key_Delete)
    assert tab.editor.toPlainText() == before[1:]
    assert (site_dir / "content" / "posts" / "beta.md").is_file()
    assert _panel(window).prompts.confirmed == []  # type: ignore[attr-defined]


def test_tab_runs_search_filters_sort_list(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    window.open_post(site_dir / "content" / "posts" / "alpha.md")  # the list's current row
    panel.search_edit.setFocus()
    qtbot.waitUntil(panel.search_edit.hasFocus)
    expected = [
        panel.state_combo,
        panel.section_combo,
        panel.term_combo,
        panel.sort_combo,
        panel.view,
    ]
    reached = []
    for _widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected


def test_arrows_in_the_list_open_posts_and_keep_the_keyboard_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = _panel(window)
    _focus_row(qtbot, panel, "Alpha")
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: len(window.tab_list()) >= 1)
    assert QApplication.focusWidget() is panel.view


def test_tab_into_the_list_marks_a_post_and_opens_none(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window)
    opened_before = len(window.tab_list())
    assert not panel.view.currentIndex().isValid()
    panel.sort_combo.setFocus()
    qtbot.waitUntil(panel.sort_combo.hasFocus)
    qtbot.keyClick(panel.sort_combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(panel.view.hasFocus)
    assert panel.view.currentIndex().row() == 0
    assert len(window.tab_list()) == opened_before  # nothing opened by moving the keyboard
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # browsing opens, the keyboard stays
    qtbot.waitUntil(lambda: len(window.tab_list()) == opened_before + 1)
    assert QApplication.focusWidget() is panel.view
