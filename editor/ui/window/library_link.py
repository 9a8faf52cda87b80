"""LibraryLink: connects the window's library dock to a LibraryPanel.

The app creates the `LibraryPanel` (ui/library_panel.py) and hands it to the window with a
cache folder; this link puts it into the dock, opens each site's index under that folder
(`editor.core.library.index.default_index_path`), closes it before quitting, keeps the panel's
current row on the post being edited, runs its New Post for the window, and passes the
panel's requests on. Until a panel is
attached every call does nothing, so windows made without a library (tests, tools) work.

Signals:
    openPostRequested(object): the user chose a post in the library; carries its Path.
    postRenamed(object, object): the library renamed a post's file (old Path, new Path).
    postTrashed(object): the library moved a post's file to the trash; carries its Path.
    leaveRequested(): Escape in the library's search: the keyboard goes back to the editor.

Following the post being edited (`select`) leaves a selection of several posts alone: the
user is choosing posts to publish, export or trash. `selected_paths()` is that selection, in
the list's order; `add_context_action` adds an entry (Export…) to the list's context menu.

`focus_search()` shows the dock and puts the keyboard in the library's search field
(View > Focus Library Search); the panel's keys (F2, Delete, Escape, Tab order) and
screen-reader names come from editor.ui.library.keyboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget

from editor.core.site.config import SiteConfig
from editor.ui.library.keyboard import LibraryKeys


class LibraryLink(QObject):
    """The window's side of the library. See the module docstring."""

    openPostRequested = Signal(object)  # noqa: N815 (Qt signal naming)
    postRenamed = Signal(object, object)  # noqa: N815
    postTrashed = Signal(object)  # noqa: N815
    leaveRequested = Signal()  # noqa: N815

    def __init__(self, dock: QDockWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dock = dock
        self.panel: Any = None
        self.keys: LibraryKeys | None = None
        self._cache_dir: Path | None = None
        self._current: Path | None = None  # the post being edited, shown as current
        self._context_actions: list[QAction] = []  # given to each panel attached
        self._created: Path | None = None  # the post New Post just made (it takes the keys)

    def attach(self, panel: Any, cache_dir: Path, site: SiteConfig) -> None:
        """Put `panel` (a LibraryPanel) into the dock and show `site` in it."""
        self.close()
        self.panel = panel
        self._cache_dir = Path(cache_dir)
        self.dock.setWidget(panel)
        panel.openPostRequested.connect(self._on_panel_open_post_requested)
        panel.postCreated.connect(self._on_panel_post_created)
        panel.postRenamed.connect(self.postRenamed)
        panel.postTrashed.connect(self.postTrashed)
        self.keys = LibraryKeys(panel)
        self.keys.leaveRequested.connect(self.leaveRequested)
        for action in self._context_actions:
            panel.add_context_action(action)
        self.set_site(site)

    def set_site(self, site: SiteConfig) -> None:
        """Show `site`'s posts (from its index, then a scan on the panel's thread)."""
        if self.panel is None or self._cache_dir is None:
            return
        from editor.core.library.index import default_index_path  # with the panel, after start-up

        self.panel.set_site(site, default_index_path(Path(site.root), self._cache_dir))
        scanner = self.panel.scanner
        if scanner is not None:  # rows arrive with the scan: mark the current post then
            scanner.entriesReady.connect(self._on_scanner_rows_changed)
            scanner.finished.connect(self._on_scanner_rows_changed)

    def close(self) -> None:
        """Stop scanning and watching, close the index (before quitting)."""
        if self.panel is not None:
            self.panel.close_site()

    def select(self, path: Path | None) -> None:
        """Make the post at `path` the library's current row, without opening anything;
        a selection of several posts stays as it is."""
        self._current = path
        if path is not None:
            self._follow(path)

    def add_context_action(self, action: QAction) -> None:
        """Add `action` to the library list's context menu (now and for a panel attached
        later); it acts on `selected_paths()`."""
        self._context_actions.append(action)
        if self.panel is not None:
            self.panel.add_context_action(action)

    def can_create(self) -> bool:
        """Whether the library has a site open, so that its New Post can run."""
        return self.panel is not None and self.panel.index is not None

    def new_post(self) -> bool:
        """Run the library's New Post (its dialog, then the post made from the archetype
        and opened through `openPostRequested`); False when there is no library to ask."""
        if not self.can_create():
            return False
        self.panel.new_post()
        return True

    def focus_search(self) -> bool:
        """Show the library and put the keyboard in its search; False without a library."""
        if self.keys is None:
            return False
        self.dock.show()
        self.dock.raise_()
        self.keys.focus_search()
        return True

    def has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return self.panel is not None and focus is not None and self.panel.isAncestorOf(focus)

    def selected_paths(self) -> list[Path]:
        """The posts selected in the library, in its order."""
        return [] if self.panel is None else list(self.panel.selected_paths())

    def _follow(self, path: Path) -> None:
        if self.panel is not None and len(self.panel.selected_entries()) <= 1:
            self.panel.select_path(path)

    def _on_panel_post_created(self, path: Path) -> None:
        self._created = Path(path)

    def _on_panel_open_post_requested(self, path: Path) -> None:
        """Open the post; browsing the list by keyboard keeps the keyboard in the list (a
        post New Post just made takes it, to be written)."""
        view = self.panel.view if self.panel is not None else None
        browsing = view is not None and view.hasFocus() and Path(path) != self._created
        self._created = None
        self.openPostRequested.emit(path)
        if browsing and view is not None:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_scanner_rows_changed(self, _result: object) -> None:
        if self._current is not None:
            self._follow(self._current)
