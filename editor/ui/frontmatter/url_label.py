"""A label for a URL that wraps inside it: it shows a zero-width space after each "/" (and
".", "_", "?", "&", "=", "#"), so a long address breaks there instead of running off
the panel's edge. `text()` is the real text; copying (Ctrl+C, the context menu's Copy and
Copy URL, the X11 selection) gives the real URL, never the invisible spaces."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ZWSP = "\u200b"
_BREAK_AFTER = re.compile(r"([/._?&=#])(?=.)")
_URL = re.compile(r"\S+://\S+|/\S*")


def with_breaks(text: str) -> str:
    """`text` with a zero-width space after each URL separator (not at its very end)."""
    return _BREAK_AFTER.sub(lambda m: m.group(1) + ZWSP, text)


def without_breaks(text: str) -> str:
    return text.replace(ZWSP, "")


class UrlLabel(QLabel):
    """A selectable, word-wrapped plain-text label; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.copy_action = QAction(self.tr("Copy"), self)
        self.copy_action.triggered.connect(self.copy)
        self.copy_url_action = QAction(self.tr("Copy URL"), self)
        self.copy_url_action.triggered.connect(self.copy_url)
        self.addActions([self.copy_action, self.copy_url_action])
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def setText(self, text: str) -> None:
        self._plain = text
        super().setText(with_breaks(text))
        self.setToolTip(self.url())

    def text(self) -> str:
        return self._plain

    def url(self) -> str:
        """The URL in the text (from its scheme, or an absolute path), or ""."""
        match = _URL.search(self._plain)
        return match.group(0) if match else ""

    def selected_text(self) -> str:
        """The selection as the user sees it, without the invisible break points."""
        return without_breaks(self.selectedText())

    def copy(self) -> None:
        """Copy the selection, or the whole URL when nothing is selected."""
        QGuiApplication.clipboard().setText(self.selected_text() or self.url())

    def copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.url())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)  # sets the X11 selection with the break points
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and self.hasSelectedText():
            clipboard.setText(self.selected_text(), QClipboard.Mode.Selection)
