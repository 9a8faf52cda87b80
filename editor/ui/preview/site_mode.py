"""PreviewModes: View > Preview Mode, "Fast" (the in-process preview) or "Site" (the site's
own Hugo, theme and shortcodes and all).

In Site mode the preview pane shows a `SiteView` in place of the fast page: the post's own
URL on the site's `hugo server` (a `SiteServer`, started on demand, stopped with the window,
on a change of site or back in Fast mode). Each rebuild (a save) reloads the page where it
was scrolled to; the editor's line brings the heading above it to the top (the heading ids
of Inkpost's rendering are Hugo's), and the user scrolling the page brings the line of the
heading at its top to the editor's top through the pane's `lineScrolled`, as the fast
preview does (the editor does not echo it back). The fast preview keeps rendering behind
it, so the header and status figures stay Inkpost's. The server's errors go to the Problems panel.
Without Hugo, with a theme that cannot be had offline, or a server that will not start, the
reason is shown in the status bar and the fast preview comes back. The choice is remembered
in a `KeyValueStore` when given.

Signals:
    message(str): something to tell the user (the status bar shows it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QActionGroup

from editor.core.publish.hugo_server import post_url
from editor.ui.preview.site_server import SiteServer

if TYPE_CHECKING:  # imported when first shown: QtWebEngine is not needed for the first frame
    from editor.ui.preview.site_view import SiteView

__all__ = ["FAST", "SITE", "PreviewModes"]

FAST = "fast"
SITE = "site"
_KEY = "preview/mode"


class KeyValueStore(Protocol):
    def get(self, key: str, default: str = "") -> str: ...
    def set(self, key: str, value: str) -> None: ...


def heading_above(headings: tuple[Any, ...], line: int) -> str | None:
    """The id of the last heading at or above source `line` (None above the first)."""
    found = None
    for heading in headings:
        if heading.line > line:
            break
        found = heading.id or found
    return found


def heading_line(headings: tuple[Any, ...], element_id: str) -> int | None:
    """The source line of the heading with `element_id` (1 for "", the page's top; None
    for an id the rendering does not have)."""
    if not element_id:
        return 1
    return next((heading.line for heading in headings if heading.id == element_id), None)


class PreviewModes(QObject):
    """See the module docstring. `window` is the MainWindow (its preview, tabs, site,
    problems, status bar and the actions "preview_fast" and "preview_site")."""

    message = Signal(str)

    def __init__(self, window: Any, server: SiteServer | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.mode = FAST
        self.server = server or SiteServer(self)
        self.view: SiteView | None = None
        self.last_message = ""
        self._store: KeyValueStore | None = None
        self._quiet = False  # checking an action ourselves: its handler must not choose
        self._waiting_line: int | None = None  # asked for before the headings were known
        self._fast = window.actions_by_id["preview_fast"]
        self._site = window.actions_by_id["preview_site"]
        self._fast.blockSignals(True)  # the window is still being built: no handler yet
        self._fast.setChecked(True)
        self._fast.blockSignals(False)
        group = QActionGroup(self)  # takes the checked one as its current
        group.setExclusive(True)
        group.addAction(self._fast)
        group.addAction(self._site)
        self.server.ready.connect(self._on_server_ready)
        self.server.rebuilt.connect(self._on_server_rebuilt)
        self.server.problems.connect(self._on_server_problems)
        self.server.failed.connect(self._on_server_failed)
        self.message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        window.previewCreated.connect(self._on_window_preview_created)
        window.siteChanged.connect(self._on_window_site_changed)
        window.tabs.currentChanged.connect(self._on_tabs_current_changed)

    # --- from the window and the app -----------------------------------------------------

    def set_store(self, store: KeyValueStore) -> None:
        """Remember the mode in `store`, and take the one remembered there."""
        self._store = store
        if store.get(_KEY, FAST) == SITE:
            self.choose(SITE)

    def choose(self, mode: str) -> None:
        """Switch to `mode` (FAST or SITE), remembered when a store was given."""
        if self._quiet:
            return
        if self._store is not None:
            self._store.set(_KEY, mode)
        self.mode = mode
        self._checked(mode)
        if mode == SITE:
            self._start()
        else:
            self._to_fast()

    def shutdown(self) -> None:
        """The window closes: the server ends."""
        self.server.stop()

    # --- switching --------------------------------------------------------------------------

    def _start(self) -> None:
        pane = self.window.preview
        if pane is None:
            return  # the pane is created after the first paint: previewCreated goes on
        if not self.server.start(self.window.site):
            return  # failed() said why and went back to the fast preview
        view = self._ensure_view(pane)
        pane.view.hide()
        view.show()
        if self.server.url:
            self._show_post()
        else:
            view.show_message(self.tr("Starting the site's Hugo…"))

    def _to_fast(self) -> None:
        self.server.stop()
        self.window.problems.set_extra_problems([])
        pane = self.window.preview
        if self.view is not None:
            self.view.hide()
        if pane is not None:
            pane.view.show()

    def _ensure_view(self, pane: Any) -> SiteView:
        if self.view is None:
            from editor.ui.preview.site_view import SiteView

            self.view = SiteView(pane)
            pane.layout().addWidget(self.view)
            pane.lineRequested.connect(self._on_pane_line_requested)
            pane.contentPainted.connect(self._on_pane_content_painted)
            self.view.headingScrolled.connect(self._on_view_heading_scrolled)
        self.view.heading_ids = tuple(h.id for h in pane.headings if h.id)
        return self.view

    def _checked(self, mode: str) -> None:
        """Check `mode`'s action without choosing it again (the group unchecks the other)."""
        action = self._site if mode == SITE else self._fast
        if not action.isChecked():
            self._quiet = True
            try:
                action.setChecked(True)
            finally:
                self._quiet = False

    def current_url(self) -> str | None:
        """The current post's URL on the server (None: no server, or no post of the site)."""
        tab = self.window.current_tab()
        if not self.server.url or tab is None or tab.document.path is None:
            return None
        metadata = tab.document.current_post().metadata
        path = post_url(self.window.site, Path(tab.document.path), metadata)
        return None if path is None else self.server.url.rstrip("/") + path

    def _show_post(self) -> None:
        if self.view is None:
            return
        url = self.current_url()
        if url is None:
            self.view.show_message(self.tr("This post is not in the site's content folder."))
            return
        self.view.set_origin(self.server.url)
        pane = self.window.preview
        self.view.guard.allow_remote = bool(pane is not None and pane.allow_remote)
        self.view.show_url(url)

    # --- slots ----------------------------------------------------------------------------

    def _on_window_preview_created(self, _pane: Any) -> None:
        if self.mode == SITE:
            self._start()

    def _on_window_site_changed(self, _site: Any) -> None:
        self.server.stop()
        if self.mode == SITE:
            self._start()

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.mode == SITE and self.server.url:
            self._show_post()

    def _on_server_ready(self, url: str) -> None:
        if self.view is not None:
            self.view.set_origin(url)
        if self.mode == SITE:
            self._show_post()

    def _on_server_rebuilt(self, _ms: float) -> None:
        if self.mode == SITE:
            self._show_post()

    def _on_server_problems(self, found: list[Any]) -> None:
        self.window.problems.set_extra_problems(found)

    def _on_server_failed(self, text: str) -> None:
        self.last_message = text
        self.message.emit(text)
        self.mode = FAST  # not remembered: the choice stays the user's
        pane = self.window.preview
        if self.view is not None:
            self.view.hide()
        if pane is not None:
            pane.view.show()
        self._checked(FAST)

    def _on_pane_line_requested(self, line: int) -> None:
        if self.mode != SITE or self.view is None or not self.server.url:
            return
        pane = self.window.preview
        headings = pane.headings if pane is not None else ()
        self._waiting_line = None if headings else line
        self.view.scroll_to_id(heading_above(headings, line))

    def _on_view_heading_scrolled(self, element_id: str) -> None:
        pane = self.window.preview
        if self.mode != SITE or pane is None:
            return
        line = heading_line(pane.headings, element_id)
        if line is not None:
            pane.lineScrolled.emit(line)  # PreviewLink scrolls the editor, which does not echo

    def _on_pane_content_painted(self) -> None:
        pane = self.window.preview
        if self.view is not None and pane is not None:
            self.view.heading_ids = tuple(h.id for h in pane.headings if h.id)
        if self._waiting_line is not None:
            self._on_pane_line_requested(self._waiting_line)
