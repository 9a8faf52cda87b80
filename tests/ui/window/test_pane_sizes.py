"""How the window shares its width: minimum widths, the library hidden first, the find bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.window.main_window import LIBRARY_WIDTH, MainWindow
from editor.ui.window.pane_sizes import LIBRARY_MIN_WIDTH, PREVIEW_MIN_WIDTH, SIDE_DOCK_MIN_WIDTH
from tests.files import write_site
from tests.ui.windows import WindowMaker

PARAGRAPH = " ".join(["Return keeps the indentation of the line inside code."] * 12)
SizedWindow = Callable[..., MainWindow]


@pytest.fixture
def sized_window(qtbot: QtBot, make_window: WindowMaker, tmp_path: Path) -> SizedWindow:
    root = write_site(tmp_path / "site", {"long.md": f"---\ntitle: Long\n---\n\n{PARAGRAPH}\n"})
    posts = root / "content" / "posts"

    def make(width: int, height: int, *shown: str) -> MainWindow:
        """A window of that size with the library and the docks of the `shown` actions."""
        win = make_window(root)
        win.reserve_library()  # as the app starts: the dock shown at its first width
        win.open_post(posts / "long.md")
        win.resize(width, height)
        for action in shown:  # as a restored state or --show would
            win.actions_by_id[action].setChecked(True)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: not win.pane_sizes.pending())
        return win

    return make


def _first_line_characters(win: MainWindow) -> int:
    editor = win.current_editor()
    assert editor is not None
    block = editor.document().findBlockByNumber(4)
    assert block.text() == PARAGRAPH
    return block.layout().lineAt(0).textLength()


def test_a_small_window_hides_the_library_and_keeps_45_characters_a_line(
    sized_window: SizedWindow,
) -> None:
    win = sized_window(900, 600)
    assert win.width() == 900
    assert win.library_dock.isHidden()
    assert not win.actions_by_id["toggle_sidebar"].isChecked()
    assert win.window_state().sidebar_visible  # hidden for lack of room: still wanted
    assert _first_line_characters(win) >= 45  # COMFORT_COLUMNS, the preview can spare them
    editor_width, preview_width = win.splitter.sizes()
    assert 0 <= editor_width - preview_width <= 60  # the two share the window


def test_a_large_window_keeps_its_shares(sized_window: SizedWindow) -> None:
    win = sized_window(1400, 900)
    assert win.library_dock.isVisible()
    assert abs(win.library_dock.width() - LIBRARY_WIDTH) <= 20
    editor_width, preview_width = win.splitter.sizes()
    assert abs(editor_width - preview_width) <= 2
    assert _first_line_characters(win) >= 45


def test_the_library_comes_back_when_the_window_grows_unless_the_user_hid_it(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(1400, 900)
    win.resize(900, 700)
    qtbot.waitUntil(lambda: win.library_dock.isHidden())
    assert win.current_editor() is not None and _first_line_characters(win) >= 40
    win.resize(1300, 700)
    qtbot.waitUntil(lambda: win.library_dock.isVisible())
    assert win.actions_by_id["toggle_sidebar"].isChecked()

    win.actions_by_id["toggle_sidebar"].setChecked(False)  # the user hides it
    assert win.library_dock.isHidden()
    win.resize(900, 700)
    win.resize(1400, 700)
    QApplication.processEvents()
    assert win.library_dock.isHidden()
    assert not win.window_state().sidebar_visible


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (900, 600)])
def test_the_find_bar_moves_no_divider(
    qtbot: QtBot, sized_window: SizedWindow, width: int, height: int
) -> None:
    win = sized_window(width, height)
    sizes = win.splitter.sizes()
    dock_width = win.library_dock.width()
    for replace in (False, True):
        win.find_bar.open_find(replace=replace)
        qtbot.waitUntil(lambda: win.find_bar.isVisible())
        QApplication.processEvents()
        assert win.splitter.sizes() == sizes
        assert win.library_dock.width() == dock_width
        editor = win.current_editor()
        assert editor is not None
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Escape in the editor closes the bar
        assert win.find_bar.isHidden()


def _preview_width(win: MainWindow) -> int:
    return win.splitter.sizes()[1]


def test_a_small_window_with_front_matter_and_outline_keeps_the_editor_and_the_form(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(900, 600, "toggle_front_matter", "toggle_outline")
    form, outline = win.front_matter.dock, win.outline.dock
    qtbot.waitUntil(lambda: form.width() >= SIDE_DOCK_MIN_WIDTH)
    assert win.library_dock.isHidden()  # the library gives way first
    assert form.isVisible() and outline.isVisible()
    assert _first_line_characters(win) >= 40
    assert _preview_width(win) >= PREVIEW_MIN_WIDTH


def test_a_dock_shown_in_a_large_window_narrows_the_library_not_only_the_preview(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(1400, 900)
    win.actions_by_id["toggle_front_matter"].setChecked(True)
    form = win.front_matter.dock
    # Before: the form's 320 px came from the preview alone, left at its 240 px minimum.
    qtbot.waitUntil(lambda: _preview_width(win) >= PREVIEW_MIN_WIDTH + 90)
    qtbot.waitUntil(lambda: not win.pane_sizes.pending())
    assert win.library_dock.isVisible() and win.library_dock.width() >= LIBRARY_MIN_WIDTH
    assert form.isVisible() and form.width() >= SIDE_DOCK_MIN_WIDTH
    assert _first_line_characters(win) >= 45


def test_docks_get_their_width_back_after_the_window_shrank_under_them(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(1400, 900, "toggle_front_matter")
    form = win.front_matter.dock
    win.resize(900, 600)
    qtbot.waitUntil(lambda: win.library_dock.isHidden())
    # Before: the form was left 75 px wide, and stayed so when the window grew again.
    qtbot.waitUntil(lambda: form.width() >= SIDE_DOCK_MIN_WIDTH)
    assert _first_line_characters(win) >= 40
    win.resize(1400, 900)
    qtbot.waitUntil(lambda: win.library_dock.isVisible())
    qtbot.waitUntil(lambda: win.library_dock.width() >= LIBRARY_MIN_WIDTH)
    assert form.isVisible() and form.width() >= SIDE_DOCK_MIN_WIDTH


def test_the_library_asked_for_in_a_small_window_hides_the_form_instead(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(900, 600, "toggle_front_matter")
    assert win.library_dock.isHidden() and win.front_matter.dock.isVisible()
    win.actions_by_id["toggle_sidebar"].setChecked(True)  # the user wants it now
    qtbot.waitUntil(lambda: win.front_matter.dock.isHidden())
    assert win.library_dock.isVisible()
    assert not win.actions_by_id["toggle_front_matter"].isChecked()
    assert _first_line_characters(win) >= 40


def test_the_outline_under_the_front_matter_gets_a_share_of_the_height(
    qtbot: QtBot, sized_window: SizedWindow
) -> None:
    win = sized_window(1400, 900, "toggle_front_matter")
    form, outline = win.front_matter.dock, win.outline.dock
    win.actions_by_id["toggle_outline"].setChecked(True)
    qtbot.waitUntil(lambda: outline.isVisible() and not win.pane_sizes.pending())
    # Before: the outline got 30 px under a 784 px form.
    total = form.height() + outline.height()
    assert min(form.height(), outline.height()) >= 0.35 * total
    assert abs(form.width() - outline.width()) <= 2  # one column
