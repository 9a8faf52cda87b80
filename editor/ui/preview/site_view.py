"""SiteView: the site preview's page, served by the site's own Hugo on 127.0.0.1.

The page runs the site's own scripts (its theme's), in an off-the-record profile whose
request interceptor (`LoopbackGuard`) lets through only the server's own origin
(http://127.0.0.1:P/) and data:/blob: URLs, and other web addresses only when the user
allows remote content (as in the fast preview): nothing else is fetched, whatever the page
asks for. The page never navigates away from the server; a new window is never opened.
Our own scripts (reading and restoring the scroll position, scrolling to a heading, finding
the heading at the top) run in Qt's ApplicationWorld, apart from the page's.

When the user scrolls the site's page, the view finds, at most once per SCROLL_QUERY_MS, the
heading nearest above the top of the viewport among the elements whose ids are in
`heading_ids` (the renderer's headings of the post; a heading's scroll-margin-top and the
page's scroll-padding-top count as the top). It says so only when that heading changed, and
never for a scroll of its own (a heading brought to the top, a position restored, a load).

Signals:
    shown(str): a page finished loading (its URL), scroll position restored.
    headingScrolled(str): the user scrolled the page; the id of the heading now at its top
        ("" above the first one).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

__all__ = ["SCROLL_QUERY_MS", "LoopbackGuard", "SiteView"]

_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_LOCAL_SCHEMES = frozenset(("data", "blob"))
SCROLL_QUERY_MS = 50  # the page's heading is asked for at most this often while it scrolls

# [scrollY, id of the heading nearest above the viewport's top (null: none)] among `ids`, as
# JSON (PySide6 does not hand over a JavaScript array's items).
_HEADING_AT_TOP_JS = """(function(ids){
var pad=parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop)||0;
var found=null,best=-Infinity;
for(var i=0;i<ids.length;i++){
 var e=document.getElementById(ids[i]);if(!e)continue;
 var top=e.getBoundingClientRect().top;
 var margin=pad+(parseFloat(getComputedStyle(e).scrollMarginTop)||0);
 if(top-margin<=1&&top>best){best=top;found=ids[i];}
}
return JSON.stringify([window.scrollY,found]);})"""


def origin_of(url: QUrl) -> str:
    """ "http://127.0.0.1:1313" for any URL on that server ("" for one without a host)."""
    if not url.host():
        return ""
    return f"{url.scheme()}://{url.host()}:{url.port(-1)}"


class LoopbackGuard(QWebEngineUrlRequestInterceptor):
    """Lets through requests to `origin` (the site's server) and data:/blob:, and other
    http(s) only when `allow_remote` (the fast preview's "remote content" preference); blocks
    and records every other one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.origin = ""
        self.allow_remote = False
        self.blocked: list[QUrl] = []

    def allows(self, url: QUrl) -> bool:
        if url.scheme() in _LOCAL_SCHEMES:
            return True
        return bool(self.origin) and url.scheme() == "http" and origin_of(url) == self.origin

    def allows_request(self, url: QUrl) -> bool:
        return self.allows(url) or (self.allow_remote and url.scheme() in ("http", "https"))

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if not self.allows_request(url):
            self.blocked.append(QUrl(url))
            info.block(True)


class _SitePage(QWebEnginePage):
    """Navigates only inside the server's origin; opens no window."""

    def __init__(self, profile: QWebEngineProfile, guard: LoopbackGuard, parent: QWidget):
        super().__init__(profile, parent)
        self._guard = guard

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        return self._guard.allows(QUrl(url))

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:  # type: ignore[override]
        return None


class SiteView(QWidget):
    """See the module docstring."""

    shown = Signal(str)
    headingScrolled = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = LoopbackGuard(self)
        self._view = QWebEngineView(self)
        self._view.setObjectName("sitePreview")
        self._profile = QWebEngineProfile()  # no storage name: off the record
        self._profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        self._profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        self._profile.setSpellCheckEnabled(False)
        self._profile.setUrlRequestInterceptor(self.guard)
        self._page = _SitePage(self._profile, self.guard, self._view)
        self._profile.setParent(self._page)  # a profile must outlive its page
        attr = QWebEngineSettings.WebAttribute
        settings = self._page.settings()
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attr.PluginsEnabled, False)
        settings.setAttribute(attr.NavigateOnDropEnabled, False)
        self._view.setPage(self._page)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        self._restore_y: float | None = None
        self.heading_ids: tuple[str, ...] = ()
        self._tracking = False  # a page of the site is shown: its scrolls are the user's
        self._own_scrolls = 0  # our scrolls on their way: what the page reports meanwhile is ours
        self._top_id: str | None = None  # the heading at the top, last we knew
        self._querying = False
        self._query_again = False
        self.queries_answered = 0  # the page's answers to _query_heading (tests wait on it)
        self._query_timer = QTimer(self)
        self._query_timer.setSingleShot(True)
        self._query_timer.setInterval(SCROLL_QUERY_MS)
        self._query_timer.timeout.connect(self._query_heading)
        self._page.loadStarted.connect(self._on_page_load_started)
        self._page.loadFinished.connect(self._on_page_load_finished)
        self._page.scrollPositionChanged.connect(self._on_page_scroll_position_changed)

    @property
    def view(self) -> QWebEngineView:
        return self._view

    @property
    def url(self) -> QUrl:
        return self._page.url()

    def set_origin(self, server_url: str) -> None:
        """Allow the server at `server_url` (and nothing else)."""
        self.guard.origin = origin_of(QUrl(server_url))

    def show_url(self, url: str) -> None:
        """Show `url`: a reload keeping the scroll position when it is the page shown."""
        if QUrl(url) == self._page.url():
            self.reload()
        else:
            self._restore_y = None
            self._page.load(QUrl(url))

    def show_message(self, text: str) -> None:
        """A plain page saying `text` (while the server starts, or why it cannot)."""
        self._restore_y = None
        self._tracking = False
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        html = f"<html><body style='font-family:sans-serif;padding:2em'><p>{escaped}</p></body>"
        self._page.setHtml(html, QUrl("data:,"))

    def reload(self) -> None:
        """Load the page again and put it back where it was scrolled to."""
        self.run_js("window.scrollY", self._on_js_scroll_y)

    def scroll_to_id(self, element_id: str | None) -> None:
        """Bring the element with `element_id` to the top (None: the page's top)."""
        if element_id is None:
            self._scroll("window.scrollTo(0, 0)")
            return
        self._scroll(
            f"var e=document.getElementById({json.dumps(element_id)});"
            "if(e){e.scrollIntoView({behavior:'instant'});}"
        )

    def run_js(self, code: str, callback: Any = None) -> None:
        """Run `code` in our isolated world (not the page's)."""
        if callback is None:
            self._page.runJavaScript(code, _WORLD)
        else:
            self._page.runJavaScript(code, _WORLD, callback)

    def _on_js_scroll_y(self, y: object) -> None:
        self._restore_y = float(y) if isinstance(y, int | float) else None
        self._page.triggerAction(QWebEnginePage.WebAction.ReloadAndBypassCache)

    def _on_page_load_started(self) -> None:
        self._tracking = False
        self._own_scrolls = 0  # the old page's answers may never come

    def _on_page_load_finished(self, ok: bool) -> None:
        y, self._restore_y = self._restore_y, None
        if not ok:
            return
        self._tracking = bool(self.guard.origin) and origin_of(self.url) == self.guard.origin
        url = self.url.toString()
        code = f"window.scrollTo({{left:0,top:{y},behavior:'instant'}})" if y else ""
        self._scroll(code, lambda: self.shown.emit(url))

    # --- the heading at the top, as the user scrolls ------------------------------------

    def _heading_at_top_js(self) -> str:
        return f"{_HEADING_AT_TOP_JS}({json.dumps(list(self.heading_ids))})"

    def _scroll(self, code: str, then: Any = None) -> None:
        """Run our scrolling `code`; where it leaves the page is not the user's doing."""
        self._own_scrolls += 1

        def done(result: object) -> None:
            self._own_scrolls = max(0, self._own_scrolls - 1)
            self._top_id = _y_and_id(result)[1]
            if then is not None:
                then()

        self.run_js(f"(function(){{{code};return {self._heading_at_top_js()};}})()", done)

    def _on_page_scroll_position_changed(self, _position: object) -> None:
        if self._tracking and not self._query_timer.isActive():
            self._query_timer.start()  # not restarted: one query per interval while scrolling

    def _query_heading(self) -> None:
        if self._querying:
            self._query_again = True
            return
        self._querying = True
        self.run_js(self._heading_at_top_js(), self._on_js_heading_at_top)

    def _on_js_heading_at_top(self, result: object) -> None:
        self._querying = False
        self.queries_answered += 1
        if self._query_again:
            self._query_again = False
            self._query_timer.start()
        if not self._tracking or self._own_scrolls:
            return
        y, element_id = _y_and_id(result)
        if y is not None and element_id != self._top_id:
            self._top_id = element_id
            self.headingScrolled.emit(element_id or "")


def _y_and_id(result: object) -> tuple[float | None, str | None]:
    """(scrollY, heading id) from what _HEADING_AT_TOP_JS returned (Nones if not that)."""
    try:
        y, element_id = json.loads(result) if isinstance(result, str) else (None, None)
    except (ValueError, TypeError):
        return None, None
    return (
        float(y) if isinstance(y, int | float) else None,
        element_id if isinstance(element_id, str) else None,
    )
