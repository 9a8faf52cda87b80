"""The library's sort: the sort combo and the table header's indicator, kept in step.

Clicking the Title or Date header sorts by it (the core's `SortKey`); a second click on the
same header reverses the order (`LibraryIndex.posts(descending=...)`). Choosing a sort in
the combo gives that key's usual order (dates and last change newest first, titles A to Z).
Columns with no core sort (state, reading time) leave the sort as it is; the last change has
no column, so that sort shows no indicator.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView

from editor.core.library.types import SortKey
from editor.ui.library.model import DATE, TITLE

SORTS = (  # marked for lupdate, translated when the combo is filled
    (SortKey.DATE, QT_TRANSLATE_NOOP("LibrarySort", "Date")),
    (SortKey.TITLE, QT_TRANSLATE_NOOP("LibrarySort", "Title")),
    (SortKey.MODIFIED, QT_TRANSLATE_NOOP("LibrarySort", "Last change")),
)
_COLUMN_SORTS = {TITLE: SortKey.TITLE, DATE: SortKey.DATE}


def usual_descending(key: SortKey) -> bool:
    """The order a sort starts in: newest first for dates, A to Z for titles."""
    return key is not SortKey.TITLE


class LibrarySort(QObject):
    """Owns the sort combo's items and the header's indicator; `changed` after either moved."""

    changed = Signal()

    def __init__(self, combo: QComboBox, header: QHeaderView) -> None:
        super().__init__(combo)
        self._combo = combo
        self._header = header
        for key, label in SORTS:
            combo.addItem(self.tr(label), key)
        self._descending = usual_descending(self.key())
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        self._show_indicator()
        combo.currentIndexChanged.connect(self._on_combo_index_changed)
        header.sectionClicked.connect(self._on_header_section_clicked)

    def key(self) -> SortKey:
        return SortKey(self._combo.currentData() or SortKey.DATE)

    def descending(self) -> bool:
        return self._descending

    def set_sort(self, key: SortKey, descending: bool) -> None:
        """Show the list sorted by `key` in that order (a restored sort); emits `changed`."""
        found = self._combo.findData(SortKey(key))
        if found < 0:
            return
        self._combo.blockSignals(True)
        try:
            self._combo.setCurrentIndex(found)
        finally:
            self._combo.blockSignals(False)
        self._descending = descending
        self._show_indicator()
        self.changed.emit()

    def _show_indicator(self) -> None:
        key = self.key()
        column = next((c for c, k in _COLUMN_SORTS.items() if k is key), -1)
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        self._header.blockSignals(True)
        try:
            self._header.setSortIndicator(column, order)
        finally:
            self._header.blockSignals(False)
        self._header.viewport().update()

    def _on_combo_index_changed(self, _index: int) -> None:
        self._descending = usual_descending(self.key())
        self._show_indicator()
        self.changed.emit()

    def _on_header_section_clicked(self, column: int) -> None:
        # the header has flipped its indicator already: put the one that is true back
        key = _COLUMN_SORTS.get(column)
        if key is None:
            self._show_indicator()
            return
        descending = not self._descending if key is self.key() else usual_descending(key)
        self.set_sort(key, descending)
