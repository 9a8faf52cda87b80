"""OutlinePanel: the current post's sections as a tree of headings.

    panel = OutlinePanel()
    panel.set_sections(build_sections(result.headings, line_count))
    panel.highlight_line(cursor_line)          # the section the cursor is in
    panel.goToLineRequested.connect(editor.go_to_line)
    panel.moveRequested.connect(move)          # (Section, Section | None): before it, or at the end

A click (or Enter) on a heading asks to go to its line. Dragging a heading onto another (or
above it) asks to move its section, sub-sections included, before that one; below a heading,
after it (before the next section); onto the empty space below the tree, to the end. The tree
itself never moves anything: it shows the new order when the text says so.

Signals:
    goToLineRequested(int): the 1-based line of the heading chosen.
    moveRequested(object, object): the Section dragged, the Section it goes before (or None).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.sections import Section, flatten, section_at

__all__ = ["OutlinePanel", "OutlineTree"]

_SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
_EDGE = 0.25  # the top and bottom quarter of a row drop above and below it


class OutlineTree(QTreeWidget):
    """The tree: drops become `moveRequested`, the items stay where they are."""

    moveRequested = Signal(object, object)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlineTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.sections: tuple[Section, ...] = ()

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentItem()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()  # nothing moves here: the text moves, then the tree is rebuilt
        if source is None:
            return
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        before = self.drop_target(target, pos)
        moved: Section = source.data(0, _SECTION_ROLE)
        if before is None or not (moved.start <= before.start <= moved.end):
            self.moveRequested.emit(moved, before)

    def drop_target(self, target: QTreeWidgetItem | None, pos: QPoint) -> Section | None:
        """The section a drop at `pos` on `target` puts the dragged one before (None: end)."""
        if target is None:
            return None
        section: Section = target.data(0, _SECTION_ROLE)
        rect: QRect = self.visualItemRect(target)
        if pos.y() < rect.bottom() - rect.height() * _EDGE:
            return section  # onto it or above it
        return next((s for s in flatten(self.sections) if s.start > section.end), None)


class OutlinePanel(QWidget):
    """The dock's content (see the module docstring)."""

    goToLineRequested = Signal(int)  # noqa: N815 (Qt signal naming)
    moveRequested = Signal(object, object)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.tree = OutlineTree(self)
        self.tree.setAccessibleName(self.tr("Outline"))
        self.empty = QLabel(self.tr("No headings"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.moveRequested.connect(self.moveRequested)
        self._shape: tuple[tuple[int, str, int, int], ...] | None = None
        self._items: dict[int, QTreeWidgetItem] = {}  # heading line -> item
        self.set_sections(())

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.tree.sections

    def set_sections(self, sections: Sequence[Section]) -> None:
        """Show `sections` (the tree is rebuilt only when they changed)."""
        shape = tuple((s.level, s.title, s.start, s.end) for s in flatten(sections))
        if shape == self._shape:
            return
        self._shape = shape
        self.tree.sections = tuple(sections)
        self.tree.clear()
        self._items = {}
        self._add(self.tree.invisibleRootItem(), sections)
        self.tree.expandAll()
        self.tree.setVisible(bool(shape))
        self.empty.setVisible(not shape)

    def highlight_line(self, line: int) -> None:
        """Select the innermost section holding `line` (nothing above the first heading)."""
        section = section_at(self.tree.sections, line)
        item = None if section is None else self._items.get(section.start)
        blocked = self.tree.blockSignals(True)
        try:
            if item is None:
                self.tree.clearSelection()
                self.tree.setCurrentItem(None)  # type: ignore[arg-type]
            else:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        finally:
            self.tree.blockSignals(blocked)

    def current_section(self) -> Section | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, _SECTION_ROLE)

    def item_for(self, line: int) -> QTreeWidgetItem | None:
        """The item of the heading on 1-based `line`."""
        return self._items.get(line)

    def _add(self, parent: QTreeWidgetItem, sections: Iterable[Section]) -> None:
        for section in sections:
            item = QTreeWidgetItem(parent, [section.title or self.tr("(untitled)")])
            item.setData(0, _SECTION_ROLE, section)
            item.setToolTip(0, self.tr("Line %n", "", section.start))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled
            )
            self._items[section.start] = item
            self._add(item, section.children)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        section: Section = item.data(0, _SECTION_ROLE)
        self.goToLineRequested.emit(section.start)
