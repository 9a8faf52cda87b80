"""The window's own memory: what `WindowState` records and how it is put back.

`capture_state(window)` reads geometry, dock layout, splitter sizes, which panes show, the
site, the open posts (and the current one) and the zoom; `apply_state(window, state)` puts
them back, reopening the posts only when they belong to the site the window shows. The app's
Settings stores the record in state.ini, apart from the preferences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray

from editor.ui.window.preferences import WindowState


def capture_state(window: Any) -> WindowState:
    """The state of `window` (a MainWindow) now."""
    tabs = window.tab_list()
    current = window.current_tab()
    editor = window.current_editor()
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
    )


def apply_state(window: Any, state: WindowState, *, reopen_posts: bool = True) -> None:
    """Geometry, dock, splitter, panes, zoom; and the posts that were open in this site."""
    if state.geometry:
        window.restoreGeometry(QByteArray(state.geometry))
    if state.dock_state:
        window.restoreState(QByteArray(state.dock_state))
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
