"""Every visible control of the window, its docks and dialogs has an accessible name.

The walk covers whatever the window holds when the test runs (its toolbar, tabs, editor,
find bar, status bar, every dock, and the Export, Preferences, New Post, Recovery, Versions,
Publish and Keyboard Shortcuts dialogs), so controls added later are checked too. It checks
these classes of widget:

- buttons (QAbstractButton: push, tool, check and radio buttons): a name with a word in it
  (their text, or an accessible name when they show a glyph: "Bold", not "B");
- fields and lists (QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QSlider,
  QPlainTextEdit/QTextEdit, QTabBar, QProgressBar): named by a visible form label (its
  buddy; a field inside the row widget a label is the buddy of needs that name set, as
  `name_form` does), or else a fixed accessible name (their text changes, so it cannot
  name them) and, but for text editors, tab bars and progress bars, a description;
- status labels (a QLabel with an objectName, as the code names the labels it updates):
  a fixed accessible name.

Qt's own parts (objectName "qt_…" other than a tab widget's bar, a view's header, the line
edit inside a combo or spin box) are left to Qt.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editor.core.library import actions as library_actions
from editor.ui.accessibility import accessible_name, action_name, label, name_toolbar
from editor.ui.export.dialog import IniStore
from editor.ui.library.dialogs import NewPostDialog
from editor.ui.publish.dialog import PublishDialog
from editor.ui.safety.recovery_dialog import RecoveryDialog
from editor.ui.safety.versions_dialog import VersionsDialog
from editor.ui.window.main_window import MainWindow
from editor.ui.window.preferences import PreferencesDialog
from tests.files import write_site
from tests.ui.windows import WindowMaker, scanned

FIXED_NAME = (
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QSlider,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
    QProgressBar,
)
NO_DESCRIPTION_NEEDED = (QPlainTextEdit, QTextEdit, QTabBar, QProgressBar)
_WORD = re.compile(r"[^\W\d_]{3,}")
SHORT_WORDS = {"OK"}  # a name with fewer than three letters is a glyph ("B", "Aa", "×") but these


@pytest.fixture
def window(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(library_actions, "send2trash", os.remove)
    posts = {"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n\nHello.\n"}
    root = write_site(tmp_path / "site", posts)
    win = make_window(root)
    panel = make_window.library(win)
    win.set_export(IniStore(tmp_path / "config" / "export.ini"), "")
    win.resize(1400, 900)  # room for the library beside the editor
    win.show()
    qtbot.waitUntil(lambda: scanned(panel, 1))
    win.open_post(root / "content" / "posts" / "a.md")
    return win


def _qt_part(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    if isinstance(widget, QHeaderView) or isinstance(parent, QComboBox | QAbstractSpinBox):
        return True
    return widget.objectName().startswith("qt_") and not isinstance(widget, QTabBar)


def _controls(tops: list[QWidget]) -> Iterator[QWidget]:
    seen: set[int] = set()
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if id(widget) in seen or not widget.isVisible() or _qt_part(widget):
                continue
            seen.add(id(widget))
            if isinstance(widget, (QAbstractButton, *FIXED_NAME)) or (
                isinstance(widget, QLabel) and widget.objectName()
            ):
                yield widget


def _problems(widget: QWidget, labelled: set[int]) -> list[str]:
    kind = f"{type(widget).__name__} {widget.objectName()!r}"
    if isinstance(widget, QAbstractButton):
        name = accessible_name(widget)
        if _WORD.search(name) or name in SHORT_WORDS:
            return []
        return [f"{kind}: name {name!r} is no word"]
    row = widget.parentWidget()
    in_labelled_row = row is not None and id(row) in labelled and not isinstance(row, QLabel)
    if id(widget) in labelled or in_labelled_row:  # a form's label says what it is for
        return [] if accessible_name(widget).strip() else [f"{kind}: its label is empty"]
    found = []
    if not widget.accessibleName().strip():
        found.append(f"{kind}: no accessible name")
    needs_description = not isinstance(widget, (*NO_DESCRIPTION_NEEDED, QLabel))
    if needs_description and not widget.accessibleDescription().strip():
        found.append(f"{kind}: no accessible description")
    return found


def _walk(tops: list[QWidget]) -> tuple[int, list[str]]:
    controls = list(_controls(tops))
    labelled = {
        id(label.buddy())
        for top in tops
        for label in top.findChildren(QLabel)
        if label.isVisible() and label.buddy() is not None and label.text().strip()
    }
    return len(controls), [problem for w in controls for problem in _problems(w, labelled)]


def test_every_control_of_the_window_and_its_dialogs_is_named(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.find_bar.open_find(replace=True)
    window.problems.set_visible(True)
    for dock in window.findChildren(QDockWidget):  # every dock, those added later too
        dock.show()
    export = window.exporter.export()
    assert export is not None
    preferences = PreferencesDialog(window.appearance.prefs, window)
    more = [
        preferences,
        NewPostDialog(["posts"], "posts", window),
        RecoveryDialog([], window),
        VersionsDialog([], "text", "a.md", window),
        publish := PublishDialog(window.site, [post_path(window)], window),
    ]
    try:
        for dialog in more:
            dialog.show()
        window.help.show_shortcuts()
        qtbot.waitUntil(lambda: export.isVisible() and window.problems.dock.isVisible())
        assert all(dock.isVisible() for dock in window.findChildren(QDockWidget))
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        count, problems = _walk(tops)
        assert count > 40  # the walk reached the docks and dialogs
        assert problems == [], "\n".join(problems)
    finally:
        export.close()
        for dialog in more:
            dialog.close()
        publish.shutdown()


def post_path(window: MainWindow) -> Path:
    tab = window.current_tab()
    assert tab is not None and tab.document.path is not None
    return tab.document.path


def test_toolbar_buttons_read_their_action_title(window: MainWindow) -> None:
    toolbar = window.toolbar
    bold = toolbar.widgetForAction(window.actions_by_id["bold"])
    assert bold is not None and bold.text() == "B"  # the glyph stays on screen
    assert accessible_name(bold) == "Bold"
    assert bold.accessibleDescription() == "Bold (**text**)"
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and not action.isSeparator():
            assert accessible_name(button) == action_name(action)


def test_helpers(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QToolBar

    field = label(QLineEdit(), "Search", "Finds posts")
    assert (field.accessibleName(), field.accessibleDescription()) == ("Search", "Finds posts")
    bar = QToolBar()
    qtbot.addWidget(bar)
    action = QAction("Save &As…\tCtrl+Shift+S", bar)
    action.setIconText("SA")
    action.setStatusTip("Save under a new name")
    bar.addAction(action)
    assert action_name(action) == "Save As"
    assert action_name(QAction("Q&&A", bar)) == "Q&A"
    name_toolbar(bar)
    button = bar.widgetForAction(action)
    assert button is not None and button.accessibleName() == "Save As"
    assert button.accessibleDescription() == "Save under a new name"
