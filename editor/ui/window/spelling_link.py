"""SpellingLink: spell checking in every editor of the window, in the site's language.

It holds the window's `SpellingService` (editor.ui.editor.spelling), gives each new tab's
editor its `EditorSpelling`, follows the window's site (`siteChanged`) and tells the status
bar what it has to say (no dictionary for the site's language, a dictionary not written).
Edit > Check Spelling (a preference, so remembered) switches it with `set_enabled`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import DocumentTab
from editor.ui.editor.spelling import EditorSpelling, SpellingService

MESSAGE_MS = 8000


class SpellingLink(QObject):
    """See the module docstring."""

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.service = SpellingService(self)
        self.service.message.connect(self._on_service_message)
        self.service.set_site(window.site)
        window.documents.follow_tabs(self._on_documents_tab_added)
        window.siteChanged.connect(self._on_window_site_changed)

    def set_enabled(self, enabled: bool) -> None:
        self.service.set_enabled(enabled)

    def for_tab(self, tab: DocumentTab) -> EditorSpelling | None:
        """The tab's spelling (None for a tab this window did not add)."""
        found: EditorSpelling | None = tab.editor.findChild(EditorSpelling)
        return found

    def _on_documents_tab_added(self, tab: DocumentTab) -> None:
        EditorSpelling(tab.editor, tab.highlighter, self.service)

    def _on_window_site_changed(self, site: SiteConfig) -> None:
        self.service.set_site(site)

    def _on_service_message(self, message: str) -> None:
        self.window.statusBar().showMessage(message, MESSAGE_MS)
