"""PaneSizes: how the window shares its width between its side docks, the editor and the preview.

The editor and the preview have minimum widths: the editor MIN_COLUMNS characters a line
(PostEditor sets its own), the preview PREVIEW_MIN_WIDTH. The side docks (the library on the
left; the outline and the front matter on the right) need LIBRARY_MIN_WIDTH and
SIDE_DOCK_MIN_WIDTH, or their panel's own minimum when larger.

- Narrowing first: while the editor and the preview together have less than their minimums
  plus COMFORT_EXTRA, the shown docks give up width down to their minimums, each in
  proportion to what it can spare; a dock the user just showed takes its width from the
  editor and the preview alike, not from the preview alone.
- Then hiding: when the window becomes too narrow for every shown dock, docks are hidden in
  HIDE_ORDER (the library, then the outline, then the front matter) until the rest fits (at
  the window's first size, as at the first show, only the library is hidden so). A
  dock hidden so is shown again once the window is wide enough, unless the user hid it
  meanwhile (or showed it: then it is theirs). A dock the user just showed is never the one
  hidden to make room for it.
- A dock left narrower than its minimum (the window shrank under it) gets its minimum back
  when there is room. Of two docks one above the other, the shorter gets STACKED_SHARE of
  the height when one of them was just shown.

A wide window keeps the shares it had. `library_wanted()` is what the window remembers:
shown, or hidden only for lack of room.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QWidget,
)

from editor.ui.editor.post_editor import MIN_COLUMNS, PostEditor

LIBRARY_MIN_WIDTH = 320  # its title column still shows beside date, state, time and git
SIDE_DOCK_MIN_WIDTH = 220  # the outline and the front matter form
PREVIEW_MIN_WIDTH = 220  # with the front matter form beside it in a 900 px window
COMFORT_EXTRA = 140  # px over the editor's and preview's minimums the docks give up first
COMFORT_COLUMNS = 45  # characters a line the editor keeps when the preview can spare it
STACKED_SHARE = 0.4  # of a side's height, for the shorter of two docks one above the other
HIDE_ORDER = ("libraryDock", "outlineDock", "frontMatterDock")  # who gives way first
_ACTIONS = {  # dock -> its View action: checking it is asking for the dock
    "libraryDock": "toggle_sidebar",
    "outlineDock": "toggle_outline",
    "frontMatterDock": "toggle_front_matter",
}
_SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


class PaneSizes(QObject):
    """The window's pane-size policy. See the module docstring."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, preview_slot: Any) -> None:
        super().__init__(window)
        self._window = window
        self._dock = dock
        self._docks: list[QDockWidget] = []  # found once the window has built them
        self._watched: set[str] = set()  # docks and actions followed
        self._last_width: int | None = None
        self._auto_hidden: list[QDockWidget] = []  # hidden for lack of room, in that order
        self._busy = False  # showing or hiding docks itself
        self._requested: QDockWidget | None = None  # the dock the user just showed
        self._share_timer = self._timer(self.share)  # once the layout has the new width
        self._room_timer = self._timer(self._make_room)  # once the layout placed a dock
        self._even_timer = self._timer(self.even_out)  # once the layout gave the room
        preview_slot.placeholder.setMinimumWidth(PREVIEW_MIN_WIDTH)
        preview_slot.created.connect(self._on_preview_slot_created)
        window.installEventFilter(self)

    # --- what the window asks ------------------------------------------------------------

    def pending(self) -> bool:
        """True while a resize or a shown dock has not been answered yet (tests wait)."""
        return any(t.isActive() for t in (self._share_timer, self._room_timer, self._even_timer))

    def library_wanted(self) -> bool:
        """The library is shown, or hidden only because the window is too narrow for it."""
        return not self._dock.isHidden() or self._dock in self._auto_hidden

    def side_docks(self) -> list[QDockWidget]:
        """The docks this policy sizes, in the order they give way."""
        if len(self._watched) < 2 * len(HIDE_ORDER):
            self._discover()
        return self._docks

    def min_width(self, dock: QDockWidget) -> int:
        """The dock's minimum: its floor, or what its panel needs when more (for a panel
        that scrolls, the minimum of what it scrolls, with its vertical scroll bar)."""
        floor = LIBRARY_MIN_WIDTH if dock is self._dock else SIDE_DOCK_MIN_WIDTH
        needs = dock.minimumSizeHint().width()
        area = dock.widget()
        if isinstance(area, QScrollArea) and area.widget() is not None:
            content = area.widget().minimumSizeHint().width() + 2 * area.frameWidth()
            needs = max(needs, content + area.verticalScrollBar().sizeHint().width())
        return max(floor, needs)

    def central_min_width(self) -> int:
        central = self._window.centralWidget()
        if central is None:
            return 0
        if not central.isVisible():  # the first show: cached minimums may predate the posts
            for widget in central.findChildren(QWidget):
                widget.updateGeometry()
        return central.minimumSizeHint().width()

    def needed_width(self, docks: list[QDockWidget] | None = None) -> int:
        """The narrowest window that gives `docks` (default: the library and the other
        shown docks), the editor and the preview their minimums."""
        if docks is None:
            docks = [d for d in self.side_docks() if d is self._dock or not d.isHidden()]
        style = self._window.style()
        separator = style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
        total = self.central_min_width()
        for area in _SIDES:
            widths = [self.min_width(d) for d in self._docked(docks, area)]
            if widths:
                total += max(widths) + separator
        return total

    # --- the policy ----------------------------------------------------------------------

    def update(self) -> None:
        """Hide docks when the window shrank too narrow for them, show those hidden so when
        it grew wide enough again; then share the width (see the module docstring)."""
        if self._busy:
            return
        width = self._window.width()
        last, self._last_width = self._last_width, width
        self._busy = True
        try:
            if last is None:  # the first size (restored or given) hides only the library
                self._hide_until_it_fits([self._dock])
                self._show_what_fits()  # (hidden when polished at a smaller size)
            elif width < last:
                self._hide_until_it_fits(self.side_docks())
            else:
                self._show_what_fits()
        finally:
            self._busy = False
        if self._window.isVisible():
            self._share_timer.start()

    def share(self) -> None:
        """Dock columns narrower than their minimum get it back when there is room; while
        the editor and the preview are squeezed, the columns give up width down to their
        minimums, each in proportion to what it can spare."""
        central = self._window.centralWidget()
        if central is None:
            return
        columns = self._columns()
        room = central.width() - self.central_min_width()
        targets = {}
        for docks, width, least in columns:
            if 0 < least - width <= room:
                targets[docks[0]] = least
                room -= least - width
        deficit = COMFORT_EXTRA - room
        spares = {docks[0]: width - least for docks, width, least in columns if width > least}
        total_spare = sum(spares.values())
        if deficit > 0 and total_spare > 0:
            for dock, spare in spares.items():
                targets[dock] = dock.width() - round(spare * min(1.0, deficit / total_spare))
        if targets:
            self._window.resizeDocks(
                list(targets), list(targets.values()), Qt.Orientation.Horizontal
            )

    def _columns(self) -> list[tuple[list[QDockWidget], int, int]]:
        """Per side: its shown docks (one above the other), their width, their minimum."""
        shown = [d for d in self.side_docks() if d.isVisible()]
        columns = []
        for area in _SIDES:
            docks = self._docked(shown, area)
            if docks:
                least = max(self.min_width(d) for d in docks)
                columns.append((docks, docks[0].width(), least))
        return columns

    def even_out(self) -> None:
        """After a dock was shown: when the preview is squeezed to about its minimum while
        the editor has more than its own, or the editor shows fewer than COMFORT_COLUMNS
        characters a line while the preview has more than its minimum, the two share the
        splitter evenly, the editor keeping COMFORT_COLUMNS when the preview can spare it."""
        splitter = self._window.centralWidget()
        if not isinstance(splitter, QSplitter) or splitter.count() != 2:
            return
        pane, preview = splitter.widget(0), splitter.widget(1)
        if not (pane.isVisible() and preview.isVisible()):
            return
        editor_width, preview_width = splitter.sizes()
        total = editor_width + preview_width
        editor_min = pane.minimumSizeHint().width()
        comfortable = min(editor_min + self._comfort_extra(), total - PREVIEW_MIN_WIDTH)
        preview_squeezed = preview_width <= PREVIEW_MIN_WIDTH + 40 < editor_width - editor_min
        editor_squeezed = editor_width < comfortable and preview_width > PREVIEW_MIN_WIDTH
        if preview_squeezed or editor_squeezed:
            left = max(comfortable, total // 2)
            splitter.setSizes([left, total - left])

    def _comfort_extra(self) -> int:
        """How much wider than its minimum the editor shows COMFORT_COLUMNS a line."""
        current = getattr(self._window, "current_editor", None)
        editor = current() if callable(current) else None
        if not isinstance(editor, PostEditor):
            return 0
        return editor.width_for_columns(COMFORT_COLUMNS) - editor.width_for_columns(MIN_COLUMNS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Resize:
                self.update()
            elif event.type() == QEvent.Type.Polish and self._early():
                # Before the first show lays the window out at the size it was given: a
                # library it has no room for would otherwise widen it to fit.
                self._busy = True
                try:
                    self._hide_until_it_fits([self._dock])
                finally:
                    self._busy = False
            elif event.type() == QEvent.Type.Show and not event.spontaneous():
                self._room_timer.start()
        return super().eventFilter(watched, event)

    # --- helpers -------------------------------------------------------------------------

    def _early(self) -> bool:
        """Not shown yet, at a size the app gave it."""
        window = self._window
        return self._last_width is None and window.testAttribute(Qt.WidgetAttribute.WA_Resized)

    def _discover(self) -> None:
        found = {d.objectName(): d for d in self._window.findChildren(QDockWidget)}
        self._docks = [found[name] for name in HIDE_ORDER if name in found]
        actions = getattr(self._window, "actions_by_id", None) or {}
        for dock in self._docks:
            name = dock.objectName()
            if name not in self._watched:
                self._watched.add(name)
                dock.visibilityChanged.connect(
                    lambda visible, d=dock: self._on_dock_visibility_changed(d, visible)
                )
            action = actions.get(_ACTIONS[name])
            if action is not None and f"{name}/action" not in self._watched:
                self._watched.add(f"{name}/action")
                action.toggled.connect(lambda on, d=dock: self._on_dock_requested(d, on))

    def _docked(self, docks: list[QDockWidget], area: Qt.DockWidgetArea) -> list[QDockWidget]:
        return [d for d in docks if not d.isFloating() and self._window.dockWidgetArea(d) == area]

    def _hide_until_it_fits(self, candidates: list[QDockWidget]) -> None:
        """Hide `candidates`, in their order, until the window has room for the rest."""
        for dock in candidates:
            shown = [d for d in self.side_docks() if not d.isHidden()]
            if self._window.width() >= self.needed_width(shown):
                return
            if not dock.isHidden():
                dock.hide()
                self._auto_hidden.append(dock)

    def _show_what_fits(self) -> None:
        for dock in reversed(list(self._auto_hidden)):
            shown = [d for d in self.side_docks() if not d.isHidden()]
            if self._window.width() < self.needed_width([*shown, dock]):
                return
            self._auto_hidden.remove(dock)
            dock.show()

    def _on_dock_requested(self, dock: QDockWidget, shown: bool) -> None:
        """The user showed `dock`: make room for it once the layout has placed it."""
        if shown and self._window.isVisible() and not self._busy:
            self._requested = dock
            self._room_timer.start()

    def _make_room(self) -> None:
        dock, self._requested = self._requested, None
        if dock is not None and dock.isHidden():
            return
        # At the first show only the library gives way; for a dock the user asked for, the others.
        docks = self.side_docks()
        candidates = [self._dock] if dock is None else [d for d in docks if d is not dock]
        self._busy = True
        try:
            self._hide_until_it_fits(candidates)
        finally:
            self._busy = False
        self.share()
        self.stack()
        self._even_timer.start()

    def stack(self) -> None:
        """Two docks one above the other on a side (the outline under the front matter):
        the shorter gets STACKED_SHARE of the column's height when it has less."""
        for docks, _width, _least in self._columns():
            if len(docks) != 2:
                continue
            short, tall = sorted(docks, key=lambda dock: dock.height())
            total = short.height() + tall.height()
            least = int(total * STACKED_SHARE)
            if short.height() < least:
                self._window.resizeDocks(
                    [tall, short], [total - least, least], Qt.Orientation.Vertical
                )

    def _timer(self, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    def _on_preview_slot_created(self, preview: QWidget) -> None:
        preview.setMinimumWidth(PREVIEW_MIN_WIDTH)

    def _on_dock_visibility_changed(self, dock: QDockWidget, visible: bool) -> None:
        if visible and not self._busy and dock in self._auto_hidden:
            self._auto_hidden.remove(dock)  # shown by the user: not hidden for lack of room
