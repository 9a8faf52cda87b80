"""The live preview: a locked-down QWebEngineView patched block by block.

`PreviewPane` loads the page shell once (editor.core.preview.page) and afterwards only
patches the top-level blocks that changed, through our own script run in Qt's
ApplicationWorld (an isolated world). The post's own scripts never run: JavaScript is off
for the main world, the page's Content-Security-Policy allows no script, and a request
interceptor (`RequestGuard`, ui/preview/links.py) refuses every request that is not data:,
qrc: or a file: in the site's, the post's or the preview's own folders (http(s) too when
the user allows remote content). Nothing navigates the preview; a user's click on a link
goes to `LinkRouter`: a post opens in Inkpost, another local file is only named (never
opened), http(s) opens in the browser, other schemes do nothing.

Signals: `lineScrolled(int)` (the user scrolled the preview; the source line now at its
top), `lineRequested(int)` (a line to bring to the top was asked for), `contentPainted()`
(the page shows the latest result), `linkOpened(QUrl)` (sent to the browser),
`openPostRequested(Path)` (a link to a post of the site).
"""

from __future__ import annotations

import bisect
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QIODevice, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.core.preview.header import PreviewHeader
from editor.core.preview.links import site_folders
from editor.core.preview.page import (
    Block,
    code_style_css,
    header_html,
    page_shell,
    plan_patch,
    split_blocks,
)
from editor.core.site.model import SiteConfig
from editor.ui.preview.arenas import cap_malloc_arenas
from editor.ui.preview.links import LinkRouter, RequestGuard

__all__ = ["PreviewPane", "RequestGuard"]

_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld


class _PreviewPage(QWebEnginePage):
    """Never navigates away: links go to `linkRequested`, in-page anchors just scroll."""

    linkRequested = Signal(QUrl)  # noqa: N815 (Qt signal naming)
    anchorRequested = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
        super().__init__(profile, parent)
        self.shell_loading = False
        self.base_url = QUrl()
        self._catchers: list[_LinkCatcher] = []

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        target = QUrl(url)
        clicked = nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
        if self.shell_loading and target.scheme() == "data" and not clicked:
            return True  # our own shell (setHtml)
        if target.hasFragment():
            bare = QUrl(target)
            bare.setFragment(None)
            if bare in (self.base_url, self.url()) or not bare.path():
                self.anchorRequested.emit(target.fragment())
                return False
        if clicked:
            self.linkRequested.emit(target)
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        catcher = _LinkCatcher(self.profile(), self.parent())
        catcher.linkRequested.connect(self.linkRequested)
        self._catchers.append(catcher)
        return catcher


class _LinkCatcher(QWebEnginePage):
    """The "new window" a target=_blank link asks for: hands its URL over, loads nothing."""

    linkRequested = Signal(QUrl)  # noqa: N815 (Qt signal naming)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        self.linkRequested.emit(QUrl(url))
        self.deleteLater()
        return False


class _Bridge(QObject):
    """What our page script reports back (through QWebChannel, in the isolated world)."""

    scrolled = Signal(int, float, float)

    @Slot(int, float, float)
    def topBlock(self, first: int, fraction: float, y: float) -> None:
        self.scrolled.emit(first, fraction, y)


def _webchannel_js() -> str:
    file = QFile(":/qtwebchannel/qwebchannel.js")
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("Qt's qwebchannel.js resource is missing")
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


class PreviewPane(QWidget):
    """The preview pane; see the module docstring for its guarantees."""

    lineScrolled = Signal(int)  # noqa: N815 (Qt signal naming)
    contentPainted = Signal()  # noqa: N815 (Qt signal naming)
    linkOpened = Signal(QUrl)  # noqa: N815 (Qt signal naming)
    openPostRequested = Signal(Path)  # noqa: N815 (Qt signal naming)
    lineRequested = Signal(int)  # noqa: N815 (scroll_to_line's line: the site preview follows)

    def __init__(
        self,
        resource_dir: Path,
        parent: QWidget | None = None,
        *,
        dark: bool = False,
        allow_remote: bool = False,
        code_style: str = "monokai",
    ) -> None:
        super().__init__(parent)
        cap_malloc_arenas()  # before QtWebEngine starts its threads in this process
        self._css = (resource_dir / "preview.css").read_text(encoding="utf-8")
        self._script = _webchannel_js() + (resource_dir / "patch.js").read_text(encoding="utf-8")
        self._dark = dark
        self._code_style = code_style
        self._view = QWebEngineView(self)
        self._view.setObjectName("preview")
        self._view.setAccessibleName(self.tr("Preview"))
        self._view.setAccessibleDescription(self.tr("The post as the site will show it"))
        self.guard = RequestGuard(self, (resource_dir.resolve(),))
        self.guard.allow_remote = allow_remote
        self.links = LinkRouter(self)
        self.links.openPostRequested.connect(self.openPostRequested)
        self.links.linkOpened.connect(self.linkOpened)
        self._profile = QWebEngineProfile()  # no storage name: off the record
        self._profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        self._profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self._profile.setSpellCheckEnabled(False)
        self._profile.setUrlRequestInterceptor(self.guard)
        self._page = _PreviewPage(self._profile, self._view)
        # A profile must outlive its pages: the page owns it, so it goes last.
        self._profile.setParent(self._page)
        self._configure(self._page.settings())
        self._view.setPage(self._page)
        self._bridge = _Bridge(self)
        self._channel = QWebChannel(self)
        self._channel.registerObject("inkpost", self._bridge)
        self._page.setWebChannel(self._channel, _WORLD)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

        # The shell is a file: document (so that it may show local images); relative
        # paths resolve against the post's folder through a <base> set by the script.
        self._base_url = QUrl.fromLocalFile(str(resource_dir.resolve()) + "/")
        self._applied_base = self._base_url
        self._loaded = False
        self._busy = False  # a JS patch is in flight
        self._shown: tuple[Block, ...] | None = None
        self._shown_header = ""
        self._pending: tuple[Any, PreviewHeader, tuple[Block, ...]] | None = None
        self._line_map: tuple[tuple[int, int], ...] = ()
        self._firsts: list[int] = []
        self._scroll_busy = False
        self._programmatic_y: float | None = None
        self._last_line: int | None = None
        self._last_result: tuple[Any, PreviewHeader, tuple[Block, ...]] | None = None

        self._page.loadFinished.connect(self._on_page_load_finished)
        self._page.linkRequested.connect(self._on_page_link_requested)
        self._page.anchorRequested.connect(self._on_page_anchor_requested)
        self._bridge.scrolled.connect(self._on_bridge_scrolled)
        self._load_shell()

    # public API ----------------------------------------------------------------------

    @property
    def view(self) -> QWebEngineView:
        return self._view

    @property
    def page(self) -> QWebEnginePage:
        return self._page

    @property
    def busy(self) -> bool:
        """The page is loading or a patch is on its way: what is shown is not the latest."""
        return not self._loaded or self._busy or self._pending is not None

    @property
    def allow_remote(self) -> bool:
        return self.guard.allow_remote

    def show_result(
        self,
        result: Any,
        header: PreviewHeader | None = None,
        *,
        blocks: tuple[Block, ...] | None = None,
        base_dir: Path | None = None,
    ) -> None:
        """Show a RenderResult (preview mode) under `header`; patches what changed.

        `blocks` (from RenderOutcome.blocks) saves splitting the HTML here; `base_dir`
        is where relative image paths resolve (the post's folder), None keeps it.
        """
        if blocks is None:
            blocks = split_blocks(result.html, result.line_map)
        self._pending = (result, header or PreviewHeader(), blocks)
        if base_dir is not None:
            self._base_url = QUrl.fromLocalFile(str(base_dir).rstrip("/") + "/")
            self.guard.post_folder = Path(base_dir)
        self._apply_pending()

    def set_site(self, site: SiteConfig) -> None:
        """Links resolve to `site`'s posts; files load from its folders only."""
        self.links.set_site(site)
        self.guard.site_folders = site_folders(site)

    @property
    def headings(self) -> tuple[Any, ...]:
        """The headings (level, text, id, line) of the rendering shown last."""
        return tuple(self._last_result[0].headings) if self._last_result else ()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that source `line` is at the top (interpolated inside blocks)."""
        self.lineRequested.emit(line)
        if not self._loaded or not self._line_map:
            return
        index = max(0, bisect.bisect_right(self._firsts, line) - 1)
        first, last = self._line_map[index]
        line = max(line, first)
        self._scroll_busy = True
        self._run(
            f"window.__inkpost.scrollToLine({int(line)}, {int(first)}, {int(last)})",
            self._on_js_scrolled,
        )

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self._loaded:
            self._run(f"window.__inkpost.setDark({json.dumps(dark)})")
        self.set_code_style(self._code_style)

    def set_code_style(self, name: str) -> None:
        self._code_style = name
        if self._loaded:
            css = code_style_css(name, dark=self._dark)
            self._run(f"window.__inkpost.setCodeCss({json.dumps(css)})")

    def set_allow_remote(self, allow: bool) -> None:
        if allow == self.guard.allow_remote:
            return
        self.guard.allow_remote = allow
        self._load_shell()

    def run_js(self, code: str, callback: Any = None) -> None:
        """Run `code` in our isolated world (tests and tools read the page this way)."""
        self._run(code, callback)

    # page loading and patching ---------------------------------------------------------

    def _configure(self, settings: QWebEngineSettings) -> None:
        attr = QWebEngineSettings.WebAttribute
        settings.setAttribute(attr.JavascriptEnabled, False)
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.JavascriptCanAccessClipboard, False)
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attr.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(attr.PluginsEnabled, False)
        settings.setAttribute(attr.AutoLoadIconsForPage, False)
        settings.setAttribute(attr.ErrorPageEnabled, False)
        settings.setAttribute(attr.NavigateOnDropEnabled, False)
        settings.setAttribute(attr.PdfViewerEnabled, False)
        settings.setAttribute(attr.WebGLEnabled, False)

    def _load_shell(self) -> None:
        if self._pending is None:
            self._pending = self._last_result
        self._loaded = False
        self._busy = False
        self._shown = None
        self._shown_header = ""
        html = page_shell(
            css=self._css,
            dark=self._dark,
            allow_remote=self.guard.allow_remote,
            code_css=code_style_css(self._code_style, dark=self._dark),
        )
        self._page.base_url = self._base_url
        self._applied_base = self._base_url
        self._page.shell_loading = True
        self._page.setHtml(html, self._base_url)

    @Slot(bool)
    def _on_page_load_finished(self, ok: bool) -> None:
        self._page.shell_loading = False
        if not ok:
            return
        self._loaded = True
        self._run(self._script)
        if self._pending is None and self._last_result is not None:
            self._pending = self._last_result
        self._apply_pending()

    def _apply_pending(self) -> None:
        if not self._loaded or self._busy or self._pending is None:
            return
        result, header, blocks = self._pending
        self._pending = None
        head = header_html(header)
        head_arg = json.dumps(head) if head != self._shown_header else "null"
        prefix = ""
        if self._applied_base != self._base_url:  # another folder: nothing can be kept
            prefix = f"window.__inkpost.setBase({json.dumps(self._base_url.toString())});"
            self._applied_base = self._base_url
            self._page.base_url = self._base_url
            self._shown = None
        if self._shown is None:
            texts = json.dumps([b.html for b in blocks])
            remote = json.dumps(self.allow_remote)
            code = f"{prefix}window.__inkpost.reset({json.dumps(head)}, {texts}, {remote})"
        else:
            plan = plan_patch(self._shown, blocks)
            if plan.is_empty and head_arg == "null":  # the same page (a whole outcome
                self._remember(result, header, blocks, head)  # after its early preview)
                self.contentPainted.emit()
                return
            code = f"window.__inkpost.patch({json.dumps(plan.payload())}, {head_arg})"
        self._busy = True
        self._remember(result, header, blocks, head)
        self._run(code, self._on_js_patched)

    def _remember(
        self, result: Any, header: PreviewHeader, blocks: tuple[Block, ...], head: str
    ) -> None:
        self._shown = blocks
        self._shown_header = head
        self._last_result = (result, header, blocks)
        self._line_map = tuple(result.line_map)
        self._firsts = [first for first, _last in self._line_map]

    def _on_js_patched(self, _count: object) -> None:
        self._busy = False
        if self._pending is not None:
            self._apply_pending()
        else:
            self.contentPainted.emit()

    def _run(self, code: str, callback: Any = None) -> None:
        if callback is None:
            self._page.runJavaScript(code, _WORLD)
        else:
            self._page.runJavaScript(code, _WORLD, callback)

    # scrolling ---------------------------------------------------------------------------

    def _on_js_scrolled(self, y: object) -> None:
        self._scroll_busy = False
        if isinstance(y, int | float):
            self._programmatic_y = float(y)

    @Slot(int, float, float)
    def _on_bridge_scrolled(self, first: int, fraction: float, y: float) -> None:
        """The page scrolled; report the source line at its top unless we scrolled it."""
        if self._scroll_busy or self._busy or not self._loaded or not self._line_map:
            return
        if self._programmatic_y is not None and abs(y - self._programmatic_y) < 1.0:
            return
        self._programmatic_y = None
        index = max(0, bisect.bisect_right(self._firsts, first) - 1)
        block_first, block_last = self._line_map[index]
        if block_first != first:
            block_last = first
        line = round(first + fraction * (block_last + 1 - first))
        line = min(max(line, first), max(block_last, first))
        if line != self._last_line:
            self._last_line = line
            self.lineScrolled.emit(line)

    # links -------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_page_link_requested(self, url: QUrl) -> None:
        self.links.route(url)

    @Slot(str)
    def _on_page_anchor_requested(self, fragment: str) -> None:
        self._run(
            f"(function(){{var e=document.getElementById({json.dumps(fragment)});"
            "if(e){e.scrollIntoView();}})()"
        )
