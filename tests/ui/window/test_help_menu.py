"""Help menu: Keyboard Shortcuts (searchable, generated from the actions), User Guide,
Report a Problem (copied to the clipboard)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from editor import __version__
from editor.app.resources import resource_path
from editor.core.folders import Folders
from editor.ui.window.help_menu import (
    ISSUES_URL,
    GuideDialog,
    ReportDialog,
    ShortcutsDialog,
    problem_report,
)
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(write_site(tmp_path / "site", {}))
    win.help.guide_file = resource_path("guide.md")
    make_window.show(win)
    yield win
    if win.help.dialog is not None:
        win.help.dialog.close()


def _help_menu(window: MainWindow) -> QMenu:
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert isinstance(menu, QMenu)
    return menu


def test_the_help_menu_lists_shortcuts_guide_report_and_about(window: MainWindow) -> None:
    titles = [a.text() for a in _help_menu(window).actions() if not a.isSeparator()]
    assert titles == [
        "&Keyboard Shortcuts",
        "User &Guide",
        "&Report a Problem…",
        "&About Inkpost",
    ]


def test_f1_opens_the_shortcuts_and_the_search_filters_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(window.help.dialog, ShortcutsDialog))
    dialog = window.help.dialog
    assert isinstance(dialog, ShortcutsDialog)
    rows = {row.title: row for row in dialog.rows}
    # generated from the actions: every action of the window, with its keys and menu
    assert len(rows) == len(window.actions_by_id)
    assert rows["Save"].shortcut == "Ctrl+S" and rows["Save"].menu == "File"
    assert rows["Keyboard Shortcuts"].shortcut == "F1, Ctrl+/"
    assert rows["Heading"].menu == "Format"
    assert rows["Previous Post"].shortcut.startswith("Ctrl+Shift+Tab")  # as it is typed
    assert rows["Copy"].shortcut.split(", ")[0] == "Ctrl+C"  # no media key (Copy) listed
    assert "Copy" not in rows["Copy"].shortcut.split(", ")
    qtbot.keyClicks(dialog.search, "zoom")
    assert dialog.visible_titles() == ["Zoom In", "Zoom Out", "Reset Zoom"]
    dialog.search.setText("ctrl+shift+p")
    assert dialog.visible_titles() == ["Preview"]
    dialog.search.setText("format")
    assert dialog.visible_titles() == [
        "Bold",
        "Italic",
        "Strikethrough",
        "Code",
        "Link…",
        "Image…",
        "Heading",
        "Block Quote",
        "Bulleted List",
        "Numbered List",
        "Task List",
        "Tick Tasks",
        "Code Block",
    ]
    dialog.search.clear()
    assert len(dialog.visible_titles()) == len(rows)


def test_ctrl_slash_opens_the_shortcuts_too(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.help.dialog, ShortcutsDialog))


def test_the_user_guide_is_rendered_from_the_bundled_markdown(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.actions_by_id["user_guide"].trigger()
    dialog = window.help.dialog
    assert isinstance(dialog, GuideDialog)
    html = dialog.browser.toHtml()
    assert "Inkpost in five minutes" in dialog.browser.toPlainText()
    assert "# Inkpost" not in dialog.browser.toPlainText()  # rendered, not shown as source
    assert "<a name=" in html or "font-weight" in html  # headings and bold came through
    assert dialog.browser.document().isEmpty() is False


def test_a_missing_guide_says_so(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.help.guide_file = tmp_path / "nothing.md"
    window.actions_by_id["user_guide"].trigger()
    dialog = window.help.dialog
    assert isinstance(dialog, GuideDialog)
    assert "could not be read" in dialog.browser.toPlainText()


def test_report_a_problem_copies_versions_folders_and_site(
    qtbot: QtBot, window: MainWindow
) -> None:
    QApplication.clipboard().clear()
    window.actions_by_id["report_problem"].trigger()
    dialog = window.help.dialog
    assert isinstance(dialog, ReportDialog)
    copied = QApplication.clipboard().text()
    assert copied == dialog.details.toPlainText()
    assert f"Inkpost {__version__}" in copied
    assert "Python 3." in copied and "PySide6 " in copied and "Qt 6." in copied
    assert f"Site: {window.site.root}" in copied
    assert "Config folder: " in copied and "Cache folder: " in copied
    assert any(ISSUES_URL in label.text() for label in dialog.findChildren(QLabel))


def test_the_report_names_the_folders_it_is_given(qapp: object) -> None:
    found = Folders(Path("/c/inkpost"), Path("/d/inkpost"), Path("/k/inkpost"))
    report = problem_report(Path("/blog"), found)
    assert "Config folder: /c/inkpost\nData folder: /d/inkpost\nCache folder: /k/inkpost" in report
    assert report.endswith("Site: /blog\n")
    assert "Site: (none)" in problem_report(None, found)


def test_the_issue_url_is_the_one_in_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Issues"] == ISSUES_URL
