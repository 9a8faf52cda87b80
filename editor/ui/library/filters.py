"""The bar above the library list: the search box, the state, section and term filters
and the sort combo.

    bar = LibraryFilterBar(panel)          # its fields are children of `panel`
    bar.add_to(layout)
    bar.fill(index, model)                 # counts in each item, after the entries changed
    flt = bar.current_filter()             # a LibraryFilter for LibraryIndex.posts
    visible = [e for e in entries if bar.shows(e, model)]

The state filter has two items that are no post state: "With problems" (the site checks
marked the post) and, in a git repository, "Not pushed" (new, changed or unpushed);
`shows` applies them. `changed` is emitted when the user picks another filter item.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from editor.core.library.index import LibraryIndex
from editor.core.library.store import QUERY_LIMITS_TEXT
from editor.core.library.types import LibraryFilter, PostEntry, PostState
from editor.ui.library.model import UNPUBLISHED, LibraryModel
from editor.ui.translate import fill

__all__ = ["LibraryFilterBar"]

_TERM_SEP = "\x1f"  # combo data is a string: Qt does not compare Python tuples by value
_STATES = (  # marked for lupdate, translated when the filter is filled
    (None, QT_TRANSLATE_NOOP("LibraryFilterBar", "All states")),
    (PostState.DRAFT, QT_TRANSLATE_NOOP("LibraryFilterBar", "Drafts")),
    (PostState.PUBLISHED, QT_TRANSLATE_NOOP("LibraryFilterBar", "Published")),
    (PostState.SCHEDULED, QT_TRANSLATE_NOOP("LibraryFilterBar", "Scheduled")),
    (PostState.EXPIRED, QT_TRANSLATE_NOOP("LibraryFilterBar", "Expired")),
)
PROBLEMS = "problems"  # the state filter's "With problems" (from the site checks)
UNPUSHED = "unpushed"  # the state filter's "Not pushed" (git: new, changed or unpushed)
_NOT_STATES = (None, PROBLEMS, UNPUSHED)  # state filter items that are no PostState


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryFilterBar", text)


class LibraryFilterBar(QObject):
    """The search box, filters and sort combo of a library panel (see the module docstring)."""

    changed = Signal()

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        self.search_edit = QLineEdit(panel)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(self.tr('Search posts ("phrase", prefix*)'))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(QUERY_LIMITS_TEXT)
        self.state_combo = _combo(panel, "libraryStateFilter")
        self.section_combo = _combo(panel, "librarySectionFilter")
        self.term_combo = _combo(panel, "libraryTermFilter")
        self.sort_combo = _combo(panel, "librarySort")
        for combo in (self.state_combo, self.section_combo, self.term_combo):
            combo.currentIndexChanged.connect(self._on_combo_changed)

    def add_to(self, layout: QVBoxLayout) -> None:
        """The search box, then two rows: state and section, term and sort."""
        filters = QHBoxLayout()
        filters.addWidget(self.state_combo)
        filters.addWidget(self.section_combo)
        filters2 = QHBoxLayout()
        filters2.addWidget(self.term_combo)
        filters2.addWidget(self.sort_combo)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addLayout(filters2)

    def query(self) -> str:
        """The search box's text, stripped ('' for no search)."""
        return self.search_edit.text().strip()

    def state(self) -> Any:
        """The state filter's item: None, a PostState value, PROBLEMS or UNPUSHED."""
        return self.state_combo.currentData()

    def current_filter(self) -> LibraryFilter:
        state = self.state_combo.currentData()
        section = self.section_combo.currentData()
        term = self.term_combo.currentData()
        taxonomy, _, term = term.partition(_TERM_SEP) if term else (None, "", None)
        return LibraryFilter(
            states=None if state in _NOT_STATES else frozenset({PostState(state)}),
            section=section,
            taxonomy=taxonomy,
            term=term,
        )

    def shows(self, entry: PostEntry, model: LibraryModel) -> bool:
        """False when the "With problems" or "Not pushed" filter hides `entry`."""
        chosen = self.state_combo.currentData()
        if chosen == UNPUSHED:
            return model.git_state(entry.rel_path) in UNPUBLISHED
        if chosen != PROBLEMS:
            return True
        return model.problem(entry.rel_path) is not None

    def fill(self, index: LibraryIndex | None, model: LibraryModel) -> None:
        """Fill the filters from `index` with the posts' counts, keeping each one's choice;
        emits nothing."""
        entries = list(index.entries.values()) if index is not None else []
        states: dict[PostState, int] = {}
        for entry in entries:
            state = entry.state()
            states[state] = states.get(state, 0) + 1
        state_items: list[tuple[str, Any]] = [
            (f"{_tr(str(label))} ({len(entries) if key is None else states.get(key, 0)})", key)
            for key, label in _STATES
        ]
        with_problems = sum(1 for e in entries if model.problem(e.rel_path) is not None)
        state_items.append((fill(self.tr("With problems (%1)"), with_problems), PROBLEMS))
        if model.has_git:
            unpushed = sum(1 for e in entries if model.git_state(e.rel_path) in UNPUBLISHED)
            state_items.append((fill(self.tr("Not pushed (%1)"), unpushed), UNPUSHED))
        _set_items(self.state_combo, state_items)
        sections = index.sections() if index is not None else []
        section_items: list[tuple[str, Any]] = [(self.tr("All sections"), None)]
        top = self.tr("(top level)")
        section_items += [(f"{name or top} ({n})", name) for name, n in sections]
        _set_items(self.section_combo, section_items)
        term_items: list[tuple[str, Any]] = [(self.tr("All terms"), None)]
        if index is not None:
            for taxonomy in index.site.taxonomies:
                term_items += [
                    (f"{taxonomy}: {term} ({n})", f"{taxonomy}{_TERM_SEP}{term}")
                    for term, n in index.terms(taxonomy)
                ]
        _set_items(self.term_combo, term_items)

    def _on_combo_changed(self, _index: int) -> None:
        self.changed.emit()


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    return combo


def _set_items(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
    """Replace `combo`'s items, keeping the chosen one (else the first), without signals."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
    finally:
        combo.blockSignals(False)
