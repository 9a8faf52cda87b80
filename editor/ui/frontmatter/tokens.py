"""TokenField: a line of comma-separated names (tags, categories, authors) with completion.

The completer offers the site's names for the name being typed (the text after the last
comma), matching anywhere and ignoring case, and puts the chosen one in its place. Editing
ends with Enter or leaving the field: `tokensEdited` then carries the names, if they changed.

Signals:
    tokensEdited(list): the names after an edit, in order, without empty ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


def split_tokens(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class TokenField(QLineEdit):
    """See the module docstring."""

    tokensEdited = Signal(list)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._on_completer_activated)
        self.textEdited.connect(self._on_self_text_edited)
        self.editingFinished.connect(self._on_self_editing_finished)

    def set_choices(self, names: Iterable[str]) -> None:
        """The names the completer offers (the site's terms)."""
        self._model.setStringList(sorted(set(names), key=str.lower))

    def choices(self) -> list[str]:
        return list(self._model.stringList())

    def set_tokens(self, tokens: list[str]) -> None:
        """Show `tokens` (not while the user is typing in the field)."""
        self._tokens = list(tokens)
        if not self.hasFocus() or split_tokens(self.text()) == self._tokens:
            self.setText(", ".join(tokens))
            self.setCursorPosition(0)

    def tokens(self) -> list[str]:
        return split_tokens(self.text())

    def current_prefix(self) -> str:
        """The name being typed: the text after the last comma before the cursor."""
        before = self.text()[: self.cursorPosition()]
        return before.rsplit(",", 1)[-1].strip()

    def _on_self_text_edited(self, _text: str) -> None:
        prefix = self.current_prefix()
        popup = self.completer_.popup()
        if not prefix:
            if popup is not None:
                popup.hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()

    def _on_completer_activated(self, name: str) -> None:
        text, cursor = self.text(), self.cursorPosition()
        start = text.rfind(",", 0, cursor) + 1
        end = text.find(",", cursor)
        end = len(text) if end < 0 else end
        lead = " " if start else ""
        new = text[:start] + lead + name + text[end:]
        self.setText(new)
        self.setCursorPosition(start + len(lead) + len(name))

    def _on_self_editing_finished(self) -> None:
        popup = self.completer_.popup()
        if popup is not None and popup.isVisible():
            return
        tokens = self.tokens()
        if tokens != self._tokens:
            self._tokens = tokens
            self.tokensEdited.emit(tokens)
