"""PreviewLink: keeps the preview and the status figures in step with the current post.

The window tells it which tab is current (`set_tab`), hands it the PreviewPane once that
exists (`set_preview`), and forwards the current editor's edits, cursor moves and scrolls.
It renders through the RenderController and synchronises scrolling both ways:

- the first rendering is asked for as soon as a post is current, while the pane is still
  being created (`prerender`), and shown when the pane arrives;
- an edit starts a short timer (RENDER_COALESCE_MS, not restarted by later keys); when it
  fires, the text goes to the RenderController. In a very long post (LARGE_POST_CHARS) the
  timer waits for a pause in typing instead (LARGE_POST_PAUSE_MS, restarted by each key),
  and the request then skips the controller's own debounce. The whole-text copy happens
  there, once per burst of keys and outside a key's own repaint;
- the controller's early outcome of a slow rendering (`previewed`: the preview before the
  figures) is shown at once; the whole outcome follows and updates the header and status;
- a cursor move brings the cursor's line to the top of the preview; a scroll of the editor
  alone brings its top line there. Both are coalesced per event (the cursor wins over the
  scroll it causes) and skipped when the line is the one already shown;
- the user scrolling the preview scrolls the editor (which does not echo it back).

Signals:
    message(str): something to tell the user (a failed rendering).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.preview.header import post_header
from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import DocumentTab
from editor.ui.frontmatter.last_good import LastGoodHeaders
from editor.ui.translate import fill
from editor.ui.workers import RenderController

RENDER_COALESCE_MS = 12
# A post this long (about 17,000 words and up) renders once typing pauses: each of its
# renderings and page patches costs tens of milliseconds of CPU that typing needs.
# The pause is longer than the gap between keys of quick typing (78 keys/s: 13 ms), so a
# burst renders once, after its last key.
LARGE_POST_CHARS = 100_000
LARGE_POST_PAUSE_MS = 40


class StatusView(Protocol):
    """What the link needs of the status bar (editor.ui.window.status.StatusPanel)."""

    def show_stats(self, stats: Any) -> None: ...


class PreviewLink(QObject):
    """See the module docstring."""

    message = Signal(str)

    def __init__(
        self,
        controller: RenderController,
        status: StatusView,
        site: SiteConfig,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status = status
        self.site = site
        self.tab: DocumentTab | None = None
        self.preview: Any = None
        self.enabled = True
        # Render before the preview pane exists (the window sets it when a pane is coming),
        # so that the first rendering is ready when the pane is.
        self.prerender = False
        self._headers = LastGoodHeaders()
        self._stats: Any = None  # the figures of the last whole outcome shown
        self._sync_line: int | None = None
        self._sync_from_cursor = False
        self._synced_line: int | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_COALESCE_MS)
        self._paused = False  # the render timer waits for a pause in typing
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._render_timer.timeout.connect(self._on_render_timer_timeout)
        self._sync_timer.timeout.connect(self._on_sync_timer_timeout)
        controller.rendered.connect(self._on_controller_rendered)
        controller.previewed.connect(self._on_controller_previewed)
        controller.failed.connect(self._on_controller_failed)

    # --- from the window ------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """True while a text change has not yet reached the preview (tests wait on it)."""
        return self._render_timer.isActive() or self.controller.busy

    def set_preview(self, preview: Any) -> None:
        """Show the current post in `preview`: the rendering made while the pane was being
        created when it is of the latest text, else the one on its way, else a new one."""
        self.preview = preview
        preview.set_site(self.site)
        preview.lineScrolled.connect(self._on_preview_line_scrolled)
        outcome = self.controller.last_outcome
        if (
            outcome is not None
            and outcome.text_revision == self.controller.revision
            and not self._render_timer.isActive()
        ):
            self._on_controller_rendered(outcome)
        elif not self.pending:
            self.request_render()

    def set_tab(self, tab: DocumentTab | None) -> None:
        self.tab = tab
        self._synced_line = None
        self.request_render()

    def set_site(self, site: SiteConfig) -> None:
        self.site = site
        if self.preview is not None:
            self.preview.set_site(site)
        self.request_render()

    def set_enabled(self, enabled: bool) -> None:
        """Off while the preview is hidden: nothing is rendered for nobody."""
        self.enabled = enabled
        if enabled:
            self.request_render()

    def shutdown(self) -> None:
        """Nothing more is rendered (the window is closing and stops the controller): a
        keystroke's pending render is dropped rather than sent to a stopped controller."""
        self.enabled = False
        self._render_timer.stop()
        self._sync_timer.stop()

    def request_render(self, *, now: bool = False) -> None:
        tab = self.tab
        if tab is None or not self.enabled or (self.preview is None and not self.prerender):
            return
        self.controller.request(tab.document.text(), self.site, tab.document.path, now=now)

    def text_changed(self, tab: DocumentTab) -> None:
        if tab is not self.tab:
            return
        if tab.document.text_document.characterCount() > LARGE_POST_CHARS:
            self._paused = True
            self._render_timer.start(LARGE_POST_PAUSE_MS)  # restarted: once typing pauses
        elif not self._render_timer.isActive():
            self._paused = False
            self._render_timer.start(RENDER_COALESCE_MS)

    def cursor_moved(self, tab: DocumentTab, line: int) -> None:
        if tab is self.tab:
            self._sync_preview(line, cursor=True)

    def top_line_changed(self, tab: DocumentTab, line: int) -> None:
        if tab is self.tab:
            self._sync_preview(line, cursor=False)

    # --- slots ---------------------------------------------------------------------------

    def _on_render_timer_timeout(self) -> None:
        self.request_render(now=self._paused)

    def _on_controller_previewed(self, outcome: Any) -> None:
        """The preview of a slow rendering, before its figures: shown, nothing else."""
        tab = self.tab
        if (
            tab is None
            or self.preview is None
            or outcome.path != tab.document.path
            or outcome.result is None
        ):
            return
        header = self._headers.header(tab, outcome.header, self._stats)
        self.preview.show_result(
            outcome.result,
            header,
            blocks=outcome.blocks or None,
            base_dir=tab.document.path.parent if tab.document.path is not None else None,
        )

    def _on_controller_rendered(self, outcome: Any) -> None:
        tab = self.tab
        if tab is None:
            return
        path = tab.document.path
        if outcome.path != path:
            return  # rendered for a tab that is no longer current; its own render follows
        if outcome.result is None:
            self.message.emit(fill(self.tr("The preview failed: %1"), outcome.error))
            return
        tab.editor.set_diagnostics(outcome.diagnostics)
        if self.preview is None:  # rendered ahead of the pane: set_preview shows it
            if outcome.stats is not None:
                self.status.show_stats(outcome.stats)
            return
        header = outcome.header
        if header is None:
            header = post_header(tab.document.current_post(), outcome.stats, self.site)
        header = self._headers.header(tab, header, outcome.stats)  # last good while broken
        self.preview.show_result(
            outcome.result,
            header,
            blocks=outcome.blocks or None,
            base_dir=path.parent if path is not None else None,
        )
        if outcome.stats is not None:
            self._stats = outcome.stats
            self.status.show_stats(outcome.stats)

    def _on_controller_failed(self, message: str) -> None:
        self.message.emit(fill(self.tr("The preview failed: %1"), message))

    def _sync_preview(self, line: int, *, cursor: bool) -> None:
        if self.preview is None:
            return
        if cursor or not self._sync_from_cursor:
            self._sync_line = line
            self._sync_from_cursor = self._sync_from_cursor or cursor
        self._sync_timer.start()

    def _on_sync_timer_timeout(self) -> None:
        self._sync_from_cursor = False
        line = self._sync_line
        if self.preview is not None and line is not None and line != self._synced_line:
            self._synced_line = line
            self.preview.scroll_to_line(line)

    def _on_preview_line_scrolled(self, line: int) -> None:
        self._synced_line = None  # the preview moved on its own: the next sync must go
        if self.tab is not None:
            self.tab.editor.scroll_to_line(line)
