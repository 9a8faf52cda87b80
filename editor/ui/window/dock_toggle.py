"""DockToggle: a View menu action and the dock it shows, kept in step.

The action shows and hides the dock; the dock's own close button (or a restored layout)
unchecks the action without running it again; the first time the dock shows it gets its
first size (later the window's restored layout gives it). The Problems, Front Matter and
Outline docks each have one.

Signals:
    shownChanged(bool): the dock was shown or hidden (its visibilityChanged, passed on).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow


def adopt_dock(
    window: QMainWindow, dock: QDockWidget | None, name: str, area: Qt.DockWidgetArea
) -> QDockWidget:
    """`dock` (a shell the window made early, so that its restored layout could place it),
    or a new hidden dock named `name` in `area` of `window`."""
    if dock is None:
        dock = QDockWidget(window)
        dock.setObjectName(name)
        window.addDockWidget(area, dock)
        dock.hide()
    return dock


class DockToggle(QObject):
    """See the module docstring."""

    shownChanged = Signal(bool)  # noqa: N815 (Qt signal naming)

    def __init__(
        self,
        dock: QDockWidget,
        first_size: int,
        orientation: Qt.Orientation = Qt.Orientation.Horizontal,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.dock = dock
        self.action: QAction | None = None
        self._first_size = first_size
        self._orientation = orientation
        self._sized = False  # the dock has its size (the first show's, or restored)
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)

    def bind_action(self, action: QAction) -> None:
        """Keep `action` checked while the dock shows."""
        self.action = action
        action.setChecked(not self.dock.isHidden())

    def sync_action(self) -> None:
        """After the dock layout was restored: the dock has its size; the action follows."""
        self._sized = True
        if self.action is not None:
            self.action.setChecked(not self.dock.isHidden())

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        window = self.dock.window()
        if visible and not self._sized and isinstance(window, QMainWindow):
            self._sized = True
            window.resizeDocks([self.dock], [self._first_size], self._orientation)
        self.shownChanged.emit(visible)
        action = self.action
        if action is None or window.isMinimized() or action.isChecked() == visible:
            return
        action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(False)
