"""DockToggle: the View action and its dock stay in step; the first show gets the first size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from editor.ui.window.dock_toggle import DockToggle


def test_the_action_follows_the_dock_and_the_first_show_sizes_it(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("editor"))
    window.resize(1000, 600)
    dock = QDockWidget("Side", window)
    dock.setWidget(QLabel("panel"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    toggle = DockToggle(dock, 333, parent=window)
    action = QAction("Side", window, checkable=True)
    ran: list[bool] = []
    action.toggled.connect(ran.append)
    action.toggled.connect(dock.setVisible)
    toggle.bind_action(action)
    shown: list[bool] = []
    toggle.shownChanged.connect(shown.append)
    window.show()
    qtbot.waitExposed(window)
    assert not action.isChecked()

    action.setChecked(True)  # View > Side
    qtbot.waitUntil(lambda: dock.isVisible())
    qtbot.waitUntil(lambda: abs(dock.width() - 333) <= 8)
    assert shown[-1] is True

    dock.close()  # its own close button
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert not action.isChecked() and ran == [True]  # unchecked without running again
    assert shown[-1] is False
