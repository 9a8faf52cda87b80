"""The library's keyboard path and screen-reader names.

    keys = LibraryKeys(panel)        # the window's LibraryLink makes one per panel
    keys.leaveRequested.connect(focus_the_editor)
    keys.focus_search()

In the list, Shift/Ctrl+click, Shift+arrows and Ctrl+A select several posts; F2 renames
the selected post and Delete moves the selected posts to the trash (one confirmation),
through the panel's own Rename… and Move to Trash… actions (the same dialog and
confirmation as the context menu). Tab runs search -> filters -> sort -> list; Escape in
the search field asks to go back to the editor (`leaveRequested`). Every field of the
panel gets an accessible name and description.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from editor.ui.accessibility import label

__all__ = ["LibraryKeys"]

_TAB_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


class LibraryKeys(QObject):
    """Keys and names for a LibraryPanel (see the module docstring)."""

    leaveRequested = Signal()  # noqa: N815 (Qt signal naming)

    def __init__(self, panel: Any) -> None:
        super().__init__(panel)
        self.panel = panel
        view = panel.view
        self.rename_key = self._shortcut("F2", view, panel.rename_action.trigger)
        self.trash_key = self._shortcut("Del", view, panel.trash_action.trigger)
        self.leave_key = self._shortcut("Esc", panel.search_edit, self.leaveRequested.emit)
        view.installEventFilter(self)  # Tab into the list marks a post, opens none
        order: list[QWidget] = [
            panel.search_edit,
            panel.state_combo,
            panel.section_combo,
            panel.term_combo,
            panel.sort_combo,
            view,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._name()

    def _shortcut(self, key: str, widget: QWidget, slot: Any) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Before Tab brings the keyboard into the list with no current row (Qt would make
        the first row current, which opens its post), mark that row without opening it."""
        panel = self.panel
        if (
            watched is panel.view
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusIn
            and event.reason() in _TAB_REASONS
            and not panel.view.currentIndex().isValid()
        ):
            entry = panel.model.entry(0)
            if entry is not None:
                panel.select_path(entry.path)
        return False

    def focus_search(self) -> None:
        """Put the keyboard in the search field, its text selected to type over."""
        self.panel.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.search_edit.selectAll()

    def _name(self) -> None:
        panel, tr = self.panel, self.tr
        label(
            panel.search_edit,
            tr("Search posts"),
            tr("Finds posts by their words as you type; Escape goes back to the editor"),
        )
        label(panel.state_combo, tr("State filter"), tr("Shows posts in one state only"))
        label(panel.section_combo, tr("Section filter"), tr("Shows one section's posts only"))
        label(panel.term_combo, tr("Term filter"), tr("Shows posts with one tag or category"))
        label(panel.sort_combo, tr("Sort"), tr("The order of the posts"))
        label(
            panel.view,
            tr("Posts"),
            tr(
                "Enter opens a post, Shift or Ctrl with arrows or clicks selects several, "
                "F2 renames a post, Delete moves the selected posts to the trash"
            ),
        )
        label(panel.status_label, tr("Library status"), tr("How many posts are shown"))
        label(panel.progress_bar, tr("Scan progress"))
