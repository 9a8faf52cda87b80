"""The post library sidebar: find, open, create, rename, duplicate and retire posts.

    panel = LibraryPanel()
    window.library_dock.setWidget(panel)
    panel.openPostRequested.connect(...)
    panel.set_site(site_config, index_path)      # opens the index, scans in the background

The list comes from the core index (`LibraryIndex`), sorted and filtered there; the
search box queries its FTS5 index once typing pauses, on `LibrarySearch`'s thread (the
query bounded to MAX_QUERY_TERMS words). Its parts: `filters.LibraryFilterBar` (search
box, filters, sort combo), `scanning.LibraryScanning` (the index, the scan and search
threads, the watcher: a change outside Inkpost rescans its folder after a short debounce,
`set_debounce_ms`, -1 = at once), `context_menu.PostActions` (the actions and the menu).

Signals: `openPostRequested(Path)`, `postCreated(Path)`, `postRenamed(Path, Path)`
(old, new), `postTrashed(Path)`, `sortChanged()` (the combo or a column header; `sort()`,
`set_sort`; editor.ui.library.sorting keeps the two in step).

Several posts can be selected (editor.ui.library.selection: Shift/Ctrl+click, Shift+arrows,
Ctrl+A); `selected_entries()` / `selected_paths()` give them in view order. Move to Trash…
and the added context actions act on them all; Open, Rename, Duplicate and Reveal on one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from editor.core.diagnostics import Severity
from editor.core.library.index import LibraryIndex
from editor.core.library.store import MAX_QUERY_TERMS, query_is_cut
from editor.core.library.types import LibraryFilter, PostEntry, SearchHit, SortKey
from editor.core.publish.git import GitState
from editor.ui.library.columns import LibraryColumns
from editor.ui.library.context_menu import PostActions, Prompts
from editor.ui.library.delegate import SnippetDelegate
from editor.ui.library.dialogs import LibraryPrompts
from editor.ui.library.filters import PROBLEMS, UNPUSHED, LibraryFilterBar
from editor.ui.library.model import GIT, TITLE, LibraryModel
from editor.ui.library.scanning import LibraryScanning
from editor.ui.library.search import LibrarySearch
from editor.ui.library.selection import LibraryView, reselect, selected_rows
from editor.ui.library.sorting import LibrarySort
from editor.ui.library.worker import LibraryScanner
from editor.ui.translate import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryPanel", text)


def _posts(count: int) -> str:
    return _tr("1 post") if count == 1 else fill(_tr("%1 posts"), count)


class LibraryPanel(QWidget):
    """The sidebar widget (see the module docstring for signals and wiring)."""

    openPostRequested = Signal(Path)  # noqa: N815 (Qt signal naming)
    postCreated = Signal(Path)  # noqa: N815 (Qt signal naming)
    postRenamed = Signal(Path, Path)  # noqa: N815 (Qt signal naming)
    postTrashed = Signal(Path)  # noqa: N815 (Qt signal naming)
    sortChanged = Signal()  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None, *, figures: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.prompts: Prompts = LibraryPrompts(self)
        self._refreshing = False
        self._build()
        self.scanning = LibraryScanning(
            self, self.progress_bar, self.status_label, figures=figures
        )  # the index, the scan and search threads, the watcher
        self.watcher = self.scanning.watcher
        self.scanning.entriesChanged.connect(self._on_scanning_entries_changed)
        self.scanning.found.connect(self._on_search_found)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_bar = LibraryFilterBar(self)  # the search box, filters and sort
        self.search_edit = self.filter_bar.search_edit
        self.state_combo = self.filter_bar.state_combo
        self.section_combo = self.filter_bar.section_combo
        self.term_combo = self.filter_bar.term_combo
        self.sort_combo = self.filter_bar.sort_combo
        self.view = LibraryView(self)  # rows, several at a time (Shift/Ctrl, Ctrl+A)
        self.view.setObjectName("library")
        self.model = LibraryModel(self.view)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(TITLE, SnippetDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self._list_row_height = self.view.verticalHeader().defaultSectionSize()
        self.view.setShowGrid(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setColumnHidden(GIT, True)  # until set_git says the site is in git
        self.columns = LibraryColumns(self.view)  # Title stretches, the others fit content
        self._sort = LibrarySort(self.sort_combo, self.view.horizontalHeader())
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("libraryProgress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(6)
        self.progress_bar.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("libraryStatus")
        self.post_actions = PostActions(self)  # its context menu; the actions are the panel's
        self.new_post_action = self.post_actions.new_post_action
        self.open_action = self.post_actions.open_action
        self.rename_action = self.post_actions.rename_action
        self.duplicate_action = self.post_actions.duplicate_action
        self.trash_action = self.post_actions.trash_action
        self.reveal_action = self.post_actions.reveal_action

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter_bar.add_to(layout)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.filter_bar.changed.connect(self._on_filter_changed)
        self._sort.changed.connect(self._on_sort_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.view.activated.connect(self._on_view_activated)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu_requested)

    # --- the site -----------------------------------------------------------------------

    @property
    def index(self) -> LibraryIndex | None:
        return self.scanning.index

    @property
    def scanner(self) -> LibraryScanner | None:
        return self.scanning.scanner

    @property
    def search(self) -> LibrarySearch | None:
        return self.scanning.search

    def set_site(self, site: Any, index_path: Path) -> None:
        """Show `site`'s posts: at once from the index at `index_path`, then scan."""
        self.close_site()
        self.scanning.open(site, index_path)
        self._refresh()
        self.rescan()

    def close_site(self) -> None:
        """Stop scanning, stop watching, close the index."""
        self.scanning.close()
        self.model.set_entries([])
        self.model.set_problems({}, replace=True)
        self.set_git(None)

    def rescan(self, folder: Path | None = None) -> None:
        self.scanning.rescan(folder)

    def set_debounce_ms(self, ms: int) -> None:
        """Delay before a watched change is rescanned; -1 rescans, and searches, at once
        (tests)."""
        self.scanning.set_debounce_ms(ms)

    def set_search_debounce_ms(self, ms: int) -> None:
        """Pause in typing before the search runs (off this thread); -1: at once, here."""
        self.scanning.set_search_debounce_ms(ms)

    def sort(self) -> tuple[SortKey, bool]:
        """The list's sort: its key and whether it runs descending."""
        return self._sort.key(), self._sort.descending()

    def set_sort(self, key: SortKey, *, descending: bool) -> None:
        """Sort the list by `key` (a restored sort): the combo and header follow."""
        self._sort.set_sort(key, descending)

    def current_entry(self) -> PostEntry | None:
        return self.model.entry(self.view.currentIndex().row())

    def selected_entries(self) -> list[PostEntry]:
        """The selected posts in view order (none selected: the current row's, if any)."""
        rows = selected_rows(self.view)
        found = (self.model.entry(row) for row in rows)
        entries = [entry for entry in found if entry is not None]
        if not rows and (current := self.current_entry()) is not None:
            return [current]
        return entries

    def selected_paths(self) -> list[Path]:
        """The selected posts' files, in view order."""
        return [entry.path for entry in self.selected_entries()]

    def select_path(self, path: Path) -> bool:
        """Make the row of `path` current without asking to open it."""
        if self.index is None:
            return False
        entry = self.index.get(Path(path))
        row = -1 if entry is None else self.model.row_of(entry.rel_path)
        if row < 0:
            return False
        self._refreshing = True
        try:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._refreshing = False
        return True

    def set_problems(self, problems: dict[str, Severity | None], *, replace: bool) -> None:
        """Mark posts (by rel_path) with the site checks' worst severity (None: none);
        `replace` forgets the posts not named. Updates the "With problems" filter."""
        if not self.model.set_problems(problems, replace=replace):
            return
        self._refreshing = True
        try:
            self._fill_filters()
        finally:
            self._refreshing = False
        if self.filter_bar.state() == PROBLEMS and not self.filter_bar.query():
            self._show(None)

    def set_git(self, states: dict[str, GitState] | None) -> None:
        """Show each post's git state (by rel_path) in the Git column; None hides the
        column (the site is no git repository). Updates the "Not pushed" filter."""
        self.view.setColumnHidden(GIT, states is None)
        if not self.model.set_git(states):
            return
        filtered = self.filter_bar.state() == UNPUSHED  # (the item may go now)
        self._refreshing = True
        try:
            self._fill_filters()
        finally:
            self._refreshing = False
        if filtered and not self.search_edit.text().strip():
            self._show(None)

    def add_context_action(self, action: QAction) -> None:
        """Add `action` at the end of the list's context menu (it acts on `selected_paths`);
        an action added before is not added twice."""
        self.post_actions.add(action)

    # --- filters and list -----------------------------------------------------------------

    def current_filter(self) -> LibraryFilter:
        return self.filter_bar.current_filter()

    def _refresh(self, *, counts: bool = True) -> None:
        """Rebuild the list (and, when the entries changed, the filter counts) from the
        index, no disk access; with a query, ask for a search (its hits come later)."""
        if counts:
            self._refreshing = True
            try:
                self._fill_filters()
            finally:
                self._refreshing = False
        query = self.search_edit.text().strip()
        search = self.search
        if search is not None:
            if query and self.index is not None:
                search.request(query)  # -> _on_search_found
                return
            search.cancel()
        self._show(None)

    def _show(self, hits: list[SearchHit] | None) -> None:
        """Show `hits` (None: the filtered, sorted posts), keeping the current row (and the
        selected rows, when several are)."""
        index = self.index
        current = self.current_entry()
        chosen = self.selected_entries()
        self._refreshing = True
        try:
            if index is None:
                self.model.set_entries([])
            elif hits is not None:
                self.model.set_hits([h for h in hits if self.filter_bar.shows(h.entry, self.model)])
                self._set_row_height(hits=True)
            else:
                flt = self.current_filter()
                entries = index.posts(flt, self._sort.key(), descending=self._sort.descending())
                self.model.set_entries([e for e in entries if self.filter_bar.shows(e, self.model)])
                self._set_row_height(hits=False)
            if len(chosen) > 1:
                self._reselect(chosen, current)
            elif current is not None:
                row = self.model.row_of(current.rel_path)
                if row >= 0:
                    self.view.selectionModel().setCurrentIndex(
                        self.model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
        finally:
            self._refreshing = False
        self._show_count()

    def _reselect(self, chosen: list[PostEntry], current: PostEntry | None) -> None:
        """Select again those of `chosen` still listed; `current` stays current."""
        listed = (self.model.entry(row) for row in range(self.model.rowCount()))
        rows = {entry.rel_path: row for row, entry in enumerate(listed) if entry is not None}
        wanted = [rows[e.rel_path] for e in chosen if e.rel_path in rows]
        reselect(self.view, wanted, -1 if current is None else rows.get(current.rel_path, -1))

    def _set_row_height(self, *, hits: bool) -> None:
        """Rows of hits are two lines (title, snippet), of posts one: every row of a kind
        has the height of the first (measuring each row costs ~1 ms on the GUI thread)."""
        header = self.view.verticalHeader()
        height = self._list_row_height
        if hits and self.model.rowCount():
            self.view.resizeRowToContents(0)
            height = self.view.rowHeight(0)
        header.setDefaultSectionSize(height)

    def _fill_filters(self) -> None:
        self.filter_bar.fill(self.index, self.model)

    def _show_count(self) -> None:
        index = self.index
        total = len(index) if index is not None else 0
        shown = self.model.rowCount()
        text = fill(self.tr("%1 of %2"), shown, _posts(total)) if shown != total else _posts(total)
        query = self.search_edit.text().strip()
        if self.model.searching or query:
            text = fill(self.tr("%1 found · %2"), shown, _posts(total))
            if query_is_cut(query):
                text += fill(self.tr(" · first %1 words searched"), MAX_QUERY_TERMS)
        selected = len(selected_rows(self.view))
        if selected > 1:
            text += fill(self.tr(" · %1 selected"), selected)
        self.status_label.setText(text)

    # --- slots ------------------------------------------------------------------------------

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._refresh(counts=False)

    def _on_filter_changed(self) -> None:
        self._refresh(counts=False)

    def _on_sort_changed(self) -> None:
        self._refresh(counts=False)
        self.sortChanged.emit()

    def _on_search_found(self, text: str, rows: list[tuple[str, str]]) -> None:
        index = self.index
        if index is not None and text == self.search_edit.text().strip():
            self._show(index.hits(rows, self.current_filter()))

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refreshing or not current.isValid() or self.view.extending:
            return
        entry = self.model.entry(current.row())
        if entry is not None:
            self.openPostRequested.emit(entry.path)

    def _on_view_activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None:
            self.openPostRequested.emit(entry.path)

    def _on_view_selection_changed(self, *_changed: object) -> None:
        self.post_actions.update_selection_actions()
        if not self._refreshing:
            self._show_count()

    def _on_view_context_menu_requested(self, pos: QPoint) -> None:
        self.post_actions.popup(pos)

    def _on_scanning_entries_changed(self) -> None:
        self._refresh()

    # --- actions ----------------------------------------------------------------------------

    def new_post(self) -> Path | None:
        """Ask title, section and bundle (`prompts.new_post`), create the post from the
        site's archetype and ask to open it; its path, or None (no site, cancelled, error)."""
        return self.post_actions.new_post()
