"""The main window as the UI and app tests make it: `make_window` (the fixture in
tests/conftest.py) is a `WindowMaker`.

    window = make_window(write_site(tmp_path / "site", POSTS))
    panel = make_window.library(window)
    make_window.show(window, (900, 600))
    qtbot.waitUntil(lambda: scanned(panel, 2))

Every window made is closed after the test without a question and deleted at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from editor.app.settings import Settings
from editor.core.site.config import find_site
from editor.core.site.model import SiteConfig
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import MainWindow
from editor.ui.workers import RenderController

_PREVIEW_OPTIONS = ("preview_dir", "create_preview", "render_controller")


class WindowMaker:
    """Makes MainWindows for one test (`tmp_path` its folder), and closes them after it."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.made: list[MainWindow] = []
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The settings in tmp_path/config, the windows' unless they are given others."""
        if self._settings is None:
            self._settings = Settings(self.tmp_path / "config")
        return self._settings

    def __call__(
        self, site: Path | SiteConfig, *, settings: Settings | None = None, **options: Any
    ) -> MainWindow:
        """A MainWindow on `site` (its folder, or its SiteConfig); `options` are MainWindow's.
        Unless they say how it previews and renders (preview_dir, create_preview or
        render_controller), the window has no preview and renders at once, in this process."""
        if not any(name in options for name in _PREVIEW_OPTIONS):
            options.update(create_preview=False, render_controller=RenderController(debounce_ms=-1))
        config = site if isinstance(site, SiteConfig) else find_site(site)
        window = MainWindow(self.settings if settings is None else settings, config, **options)
        self.made.append(window)
        return window

    def show(self, window: MainWindow, size: tuple[int, int] | None = None) -> None:
        """Resize `window` (if `size`), show it and wait until it is exposed."""
        if size is not None:
            window.resize(*size)
        window.show()
        self.qtbot.waitExposed(window)

    def library(self, window: MainWindow, prompts: object = None) -> LibraryPanel:
        """The library's panel in `window`, its index in tmp_path/cache: without figures, a
        change scanned at once, and `prompts` (if given) answering its questions."""
        panel = LibraryPanel(window, figures=False)
        if prompts is not None:
            panel.prompts = prompts
        panel.set_debounce_ms(-1)
        window.set_library(panel, self.tmp_path / "cache")
        return panel

    def close_all(self) -> None:
        for window in self.made:
            close_window(window)


def scanned(panel: LibraryPanel, rows: int) -> bool:
    """Whether the library's scan has ended with `rows` posts listed (for qtbot.waitUntil)."""
    return panel.model.rowCount() == rows and not panel.scanner.busy


def close_window(window: MainWindow) -> None:
    """Close `window` without a question (its tabs' changes dropped, its state not saved) and
    delete it now, children in creation order (a preview's page before its profile); one
    already deleted is left alone."""
    if not Shiboken.isValid(window):
        return
    for tab in window.tab_list():
        tab.document.text_document.setModified(False)
    window.save_state_on_close = False
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
