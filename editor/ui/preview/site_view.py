"""SiteView: the site preview's page, served by the site's own Hugo on 127.0.0.1.

The page runs the site's own scripts (its theme's), in an off-the-record profile whose
request interceptor (`LoopbackGuard`) lets through only the server's own origin
(http://127.0.0.1:P/) and data:/blob: URLs, and other web addresses only when the user
allows remote content (as in the fast preview): nothing else is fetched, whatever the page
asks for. The page never navigates away from the server; a new window is never opened.
Our own scripts (reading and restoring the scroll position, scrolling to a heading) run in
Qt's ApplicationWorld, apart from the page's.

Signals:
    shown(str): a page finished loading (its URL), scroll position restored.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
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

__all__ = ["LoopbackGuard", "SiteView"]

_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_LOCAL_SCHEMES = frozenset(("data", "blob"))


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
        self._page.loadFinished.connect(self._on_page_load_finished)

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
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        html = f"<html><body style='font-family:sans-serif;padding:2em'><p>{escaped}</p></body>"
        self._page.setHtml(html, QUrl("data:,"))

    def reload(self) -> None:
        """Load the page again and put it back where it was scrolled to."""
        self.run_js("window.scrollY", self._on_js_scroll_y)

    def scroll_to_id(self, element_id: str | None) -> None:
        """Bring the element with `element_id` to the top (None: the page's top)."""
        if element_id is None:
            self.run_js("window.scrollTo(0, 0)")
            return
        self.run_js(
            f"(function(){{var e=document.getElementById({json.dumps(element_id)});"
            "if(e){e.scrollIntoView();}return !!e;})()"
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

    def _on_page_load_finished(self, ok: bool) -> None:
        y, self._restore_y = self._restore_y, None
        if ok and y:
            self.run_js(f"window.scrollTo(0, {y})", lambda _r: self.shown.emit(self.url.toString()))
        elif ok:
            self.shown.emit(self.url.toString())
