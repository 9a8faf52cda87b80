"""PaneSizes: how the window shares its width between the library, the editor and the preview.

The editor and the preview have minimum widths: the editor MIN_COLUMNS characters a line
(PostEditor sets its own), the preview PREVIEW_MIN_WIDTH. The library needs LIBRARY_MIN_WIDTH
(or its panel's own minimum when larger) to share the window with them. When the window
becomes too narrow for all three, the library dock is hidden first, and shown again once the
window is wide enough, unless the user hid it meanwhile (or showed it: then it is theirs). A
wide window keeps the shares it had. `library_wanted()` is what the window remembers: shown,
or hidden only for lack of room.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QWidget

LIBRARY_MIN_WIDTH = 260
PREVIEW_MIN_WIDTH = 240


class PaneSizes(QObject):
    """The window's pane-size policy. See the module docstring."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, preview_slot: Any) -> None:
        super().__init__(window)
        self._window = window
        self._dock = dock
        self._narrow = False  # the window was too narrow for all three panes
        self._auto_hidden = False  # the dock is hidden for lack of room, not by the user
        preview_slot.placeholder.setMinimumWidth(PREVIEW_MIN_WIDTH)
        preview_slot.created.connect(self._on_preview_slot_created)
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        window.installEventFilter(self)

    def library_wanted(self) -> bool:
        """The library is shown, or hidden only because the window is too narrow for it."""
        return not self._dock.isHidden() or self._auto_hidden

    def needed_width(self) -> int:
        """The narrowest window that gives the library, editor and preview their minimums."""
        central = self._window.centralWidget()
        if central is None:
            return 0
        if not central.isVisible():  # the first show: cached minimums may predate the posts
            for widget in central.findChildren(QWidget):
                widget.updateGeometry()
        central_min = central.minimumSizeHint().width()
        dock_min = max(LIBRARY_MIN_WIDTH, self._dock.minimumSizeHint().width())
        style = self._window.style()
        separator = style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
        return dock_min + central_min + separator

    def update(self) -> None:
        """Hide the library when the window just became too narrow for it, show it again
        when the window just became wide enough (if it was hidden for that)."""
        narrow = self._window.width() < self.needed_width()
        if narrow and not self._narrow and not self._dock.isHidden():
            self._dock.hide()
            self._auto_hidden = True
        elif not narrow and self._narrow and self._auto_hidden:
            self._auto_hidden = False
            self._dock.show()
        self._narrow = narrow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.update()
        return super().eventFilter(watched, event)

    def _on_preview_slot_created(self, preview: QWidget) -> None:
        preview.setMinimumWidth(PREVIEW_MIN_WIDTH)

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:  # shown (by the user or by update): nothing is hidden for lack of room
            self._auto_hidden = False
