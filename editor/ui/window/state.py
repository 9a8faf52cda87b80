"""The window's own memory: what `WindowState` records and how it is put back.

`capture_state(window)` reads geometry, dock layout, splitter sizes, which panes show, the
site, the open posts (and the current one) and the zoom; `apply_state(window, state)` puts
them back, reopening the posts only when they belong to the site the window shows. The app's
Settings stores the record in state.ini, apart from the preferences. `StateKeeper` saves it
soon after it changes (a post opened or closed, another tab chosen, the library sorted), so a
crash loses neither the open tabs nor the library's sort; the window saves it at quit too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QTimer

from editor.core.library.types import SortKey
from editor.ui.window.preferences import WindowState

SAVE_DELAY_MS = 300  # changes close together are saved once


def capture_state(window: Any) -> WindowState:
    """The state of `window` (a MainWindow) now."""
    tabs = window.tab_list()
    current = window.current_tab()
    editor = window.current_editor()
    keeper: StateKeeper | None = getattr(window, "state_keeper", None)
    sort, descending = keeper.library_sort() if keeper is not None else ("", True)
    return WindowState(
        geometry=bytes(window.saveGeometry().data()),
        dock_state=bytes(window.saveState().data()),
        splitter_sizes=tuple(window.splitter.sizes()),
        preview_visible=window.preview_visible,
        sidebar_visible=window.pane_sizes.library_wanted(),  # hidden only for lack of room: wanted
        site=str(window.site.root),
        last_post=str(current.document.path) if current and current.document.path else "",
        open_posts=tuple(str(tab.document.path) for tab in tabs if tab.document.path),
        zoom=editor.zoom() if editor else 0,
        library_sort=sort,
        library_descending=descending,
    )


def apply_state(window: Any, state: WindowState, *, reopen_posts: bool = True) -> None:
    """Geometry, dock, splitter, panes, zoom; and the posts that were open in this site."""
    if state.geometry:
        window.restoreGeometry(QByteArray(state.geometry))
    if state.dock_state:
        window.restoreState(QByteArray(state.dock_state))  # the Problems dock's visibility too
        window.sync_dock_actions()
    if state.splitter_sizes and len(state.splitter_sizes) == 2:
        window.set_splitter_sizes(list(state.splitter_sizes))
    window.actions_by_id["toggle_preview"].setChecked(state.preview_visible)
    window.set_preview_visible(state.preview_visible)
    window.actions_by_id["toggle_sidebar"].setChecked(state.sidebar_visible)
    window.library_dock.setVisible(state.sidebar_visible)
    same_site = state.site and Path(state.site).resolve() == Path(window.site.root).resolve()
    if reopen_posts and same_site:
        for name in state.open_posts:
            if Path(name).is_file():
                window.open_post(Path(name))
        if state.last_post and Path(state.last_post).is_file():
            window.open_post(Path(state.last_post))
    window.set_zoom(state.zoom)
    keeper: StateKeeper | None = getattr(window, "state_keeper", None)
    if keeper is not None and state.library_sort:
        keeper.restore_library_sort(state.library_sort, state.library_descending)


class StateKeeper(QObject):
    """Saves the window's state (`save`) a moment after it changes, not only at quit.

    Watches the tabs (opened, closed, the current one, a post saved under a new name) and,
    once the app attaches it (`follow_library`), the library panel's sort; nothing is saved
    while the window's `save_state_on_close` is False (screenshots leave the state alone).
    """

    def __init__(self, window: Any, save: Callable[[WindowState], None]) -> None:
        super().__init__(window)
        self._window = window
        self._save = save
        self._panel: Any = None
        self._sort: tuple[str, bool] = ("", True)  # restored, until a panel shows it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        window.postOpened.connect(self.schedule)
        window.tabs.currentChanged.connect(self.schedule)
        window.documents.tabAdded.connect(self._on_documents_tab_added)
        window.documents.tabStateChanged.connect(self.schedule)

    def follow_library(self, panel: Any) -> None:
        """Save when `panel` (a LibraryPanel) is sorted; show it the restored sort."""
        self._panel = panel
        key, descending = self._sort
        if key:
            self.restore_library_sort(key, descending)
        panel.sortChanged.connect(self.schedule)

    def library_sort(self) -> tuple[str, bool]:
        """(SortKey value, descending) of the library; the restored one until it is shown."""
        if self._panel is None:
            return self._sort
        key, descending = self._panel.sort()
        return str(key), bool(descending)

    def restore_library_sort(self, key: str, descending: bool) -> None:
        try:
            sort = SortKey(key)
        except ValueError:
            return
        self._sort = (sort.value, descending)
        if self._panel is not None:
            self._panel.set_sort(sort, descending=descending)

    def schedule(self, *_args: object) -> None:
        if self._window.save_state_on_close:
            self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if self._window.save_state_on_close:
            self._save(capture_state(self._window))

    def _on_documents_tab_added(self, tab: Any) -> None:
        tab.destroyed.connect(self.schedule)
        self.schedule()
