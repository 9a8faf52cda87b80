"""PreferencesController: the user's Preferences, applied to the window's parts.

Holds the current `Preferences` and whether the window is dark; applies them to the
application palette, every open tab (font, line numbers, wrap, colours), the preview (dark,
remote content, code style: the site's or a chosen one) and follows the system's colour
scheme live when the theme says "follow the system". The dialog, the View toggles and
`change(**fields)` all store the result through the app's settings before applying it.

Signals:
    applied(object): the Preferences now in effect (the window updates its actions and
        the safekeeping from it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import DocumentTab
from editor.ui.window import theme
from editor.ui.window.preferences import Preferences, PreferencesDialog, SettingsStore


class PreferencesController(QObject):
    """The window's preferences. See the module docstring."""

    applied = Signal(object)

    def __init__(
        self,
        settings: SettingsStore,
        dialog_parent: QWidget,
        tabs: Callable[[], list[DocumentTab]],
        site: Callable[[], SiteConfig],
    ) -> None:
        super().__init__(dialog_parent)
        self._settings = settings
        self._parent = dialog_parent
        self._tabs = tabs
        self._site = site
        self.prefs = settings.preferences()
        self.dark = False
        self.preview: Any = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    def code_style(self) -> str:
        """The preview's code style: the chosen one, or the site's highlight style."""
        style = self.prefs.code_style
        return self._site().highlight.style if style == "site" else style

    def configure_tab(self, tab: DocumentTab) -> None:
        site = self._site()
        static = site.static_dirs[0] if site.static_dirs else None
        tab.set_site(site.root, static, site.meta_lines, site.runs_table)
        editor = tab.editor
        editor.setFont(self.prefs.font())
        editor.set_line_numbers_visible(self.prefs.line_numbers)
        editor.set_soft_wrap(self.prefs.soft_wrap)
        editor.set_colors(self.dark)
        tab.highlighter.set_dark(self.dark)

    def set_preview(self, preview: Any) -> None:
        self.preview = preview
        self.apply_to_preview()

    def apply_to_preview(self) -> None:
        if self.preview is None:
            return
        self.preview.set_dark(self.dark)
        self.preview.set_allow_remote(self.prefs.allow_remote)
        self.preview.set_code_style(self.code_style())

    def apply(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self.dark = theme.resolve_dark(prefs.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_palette(app, self.dark)
        for tab in self._tabs():
            self.configure_tab(tab)
        self.apply_to_preview()
        self.applied.emit(prefs)

    def open_dialog(self) -> None:
        dialog = PreferencesDialog(self.prefs, self._parent)
        if dialog.exec():
            self._store(dialog.preferences())

    def change(self, **changes: Any) -> None:
        """Change some fields (a View toggle): stored, then applied."""
        prefs = replace(self.prefs, **changes)
        if prefs != self.prefs:
            self._store(prefs)

    def set_line_numbers(self, checked: bool) -> None:
        self.change(line_numbers=checked)

    def set_soft_wrap(self, checked: bool) -> None:
        self.change(soft_wrap=checked)

    def _store(self, prefs: Preferences) -> None:
        self._settings.save_preferences(prefs)
        self.apply(prefs)

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        if self.prefs.theme == "system":  # "follow the system" follows it live
            self.apply(self.prefs)
