"""The window's actions as the menus show them and as the keys reach them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyleOptionMenuItem
from pytestqt.qtbot import QtBot

from editor.ui.window.actions import ACTIONS, MENUS
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    posts = {f"{name}.md": f"# {name}\n" for name in ("a", "b", "c")}
    return make_window(write_site(tmp_path / "site", posts))


def _menu_shortcut(window: MainWindow, menu_title: str, action: QAction) -> str:
    """The shortcut column the menu draws for `action` (Qt's own menu item option)."""
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == menu_title]
    menu = menus[0]
    assert isinstance(menu, QMenu) and action in menu.actions()
    option = QStyleOptionMenuItem()
    QMenu.initStyleOption(menu, option, action)
    return option.text.partition("\t")[2]


def test_previous_post_reads_ctrl_shift_tab_and_still_answers_its_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    previous = window.actions_by_id["previous_tab"]
    assert _menu_shortcut(window, "&View", previous) == "Ctrl+Shift+Tab"
    assert _menu_shortcut(window, "&View", window.actions_by_id["next_tab"]) == "Ctrl+Tab"
    assert "(Ctrl+Shift+Tab)" in previous.toolTip()
    assert previous.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.PreviousChild)

    posts = window.site.content_dir / "posts"
    for name in ("a", "b", "c"):
        window.open_post(posts / f"{name}.md")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    editor = window.current_editor()
    assert editor is not None and window.tabs.currentIndex() == 2
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, modifiers)  # what Ctrl+Shift+Tab sends
    assert window.tabs.currentIndex() == 1
    assert editor.toPlainText() == "# c\n"


def test_no_two_entries_of_a_menu_share_their_alt_letter() -> None:
    for title, ids in MENUS:
        letters: dict[str, str] = {}
        for action_id in ids:
            if action_id == "-":
                continue
            spec = next(spec for spec in ACTIONS if spec.id == action_id)
            if "&" not in spec.title:
                continue
            letter = spec.title[spec.title.index("&") + 1].lower()
            assert letter not in letters, f"{title}: {spec.title} and {letters.get(letter)}"
            letters[letter] = spec.title
    menu_letters = [title[title.index("&") + 1].lower() for title, _ids in MENUS]
    assert len(set(menu_letters)) == len(menu_letters)
