"""TokenField: names (tags, categories, authors) as chips, with an input that completes
from the site's names.

Each value is a `TokenChip` (× removes it); the chips and the input wrap onto several
lines in a narrow dock. Enter, a comma or Tab commit the typed text as a chip (a pasted
"a, b" makes two), and so does leaving the field; Backspace in the empty input removes
the last chip, Left there moves to the chips (Left and Right step between them and back
to the input; Delete or Backspace on one removes it).
The completer offers the site's names containing the typed text, ignoring case; picking
one makes it a chip. A chip that differs from a site name only in case has a warning
border and a tooltip naming the site's spelling. Every change is one `tokensEdited`.

Signals:
    tokensEdited(list): the names after an edit, in order, without empty ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QCompleter, QFrame, QLineEdit, QSizePolicy, QWidget

from editor.ui.frontmatter.token_field import FlowLayout, TokenChip, chip_style_sheet

INPUT_MIN_WIDTH = 80  # px: room to type before the input wraps to its own line


def split_tokens(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class TokenInput(QLineEdit):
    """The field's line: commit keys and Backspace/Left at its start go to the field."""

    def __init__(self, field: TokenField) -> None:
        super().__init__(field)
        self.field = field

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.text().strip()
            and not self.field.popup_has_choice()
        ):
            self.field.commit_input()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.field.popup_has_choice():
                event.ignore()  # the completer takes the highlighted name
                return
            self.field.commit_input()
            event.accept()
            return
        if key == Qt.Key.Key_Comma:
            self.field.commit_input()
            return
        if not self.text() and key == Qt.Key.Key_Backspace:
            self.field.remove_last()
            return
        if not self.text() and key == Qt.Key.Key_Left and self.field.chips():
            self.field.chips()[-1].remove.setFocus()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        popup = self.field.completer_.popup()
        if popup is None or not popup.isVisible():
            self.field.commit_input()


class TokenField(QFrame):
    """See the module docstring. `noun` names one value for screen readers ("tag")."""

    tokensEdited = Signal(list)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None, noun: str = "tag") -> None:
        super().__init__(parent)
        self._chips: list[TokenChip] = []  # first: setting the frame's roles calls changeEvent
        self.setObjectName("tokenField")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.noun = noun
        self._tokens: list[str] = []
        self._site: dict[str, str] = {}  # lower-cased -> the site's spelling
        self._exact: set[str] = set()
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(3, 3, 3, 3)
        self.input = TokenInput(self)
        self.input.setObjectName("tokenInput")
        self.input.setFrame(False)
        self.input.setMinimumWidth(INPUT_MIN_WIDTH)
        self.input.setPlaceholderText(self.tr("Add…"))
        self.flow.addWidget(self.input)
        self.setFocusProxy(self.input)
        self._restyle()
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setWidget(self.input)
        self.completer_.activated.connect(self._on_completer_activated)
        self.input.textEdited.connect(self._on_input_text_edited)

    # --- values ---------------------------------------------------------------------------

    def set_choices(self, names: Iterable[str]) -> None:
        """The names the completer offers (the site's terms); they also decide which chips
        are case variants."""
        unique = sorted(set(names), key=str.lower)
        self._model.setStringList(unique)
        self._exact = set(unique)
        self._site = {}
        for name in unique:
            self._site.setdefault(name.lower(), name)
        self._mark_variants()

    def choices(self) -> list[str]:
        return list(self._model.stringList())

    def set_tokens(self, tokens: list[str]) -> None:
        """Show `tokens` as chips (what is being typed in the input stays)."""
        tokens = [str(t) for t in tokens]
        if tokens == self._tokens:
            return
        self._tokens = tokens
        spare: dict[str, list[TokenChip]] = {}
        for chip in self._chips:  # a value still there keeps its chip
            spare.setdefault(chip.value, []).append(chip)
        self._chips = [
            spare[value].pop(0) if spare.get(value) else self._new_chip(value) for value in tokens
        ]
        for left in spare.values():
            for chip in left:
                self.flow.removeWidget(chip)
                chip.hide()
                chip.deleteLater()
        self.flow.order([*self._chips, self.input])
        self._mark_variants()
        self.updateGeometry()

    def _new_chip(self, value: str) -> TokenChip:
        chip = TokenChip(value, self.noun, self)
        chip.setStyleSheet(chip_style_sheet(self.palette()))
        chip.removeRequested.connect(self.remove_token)
        chip.stepRequested.connect(lambda step: self._step(chip, step))
        self.flow.addWidget(chip)
        chip.show()
        return chip

    def tokens(self) -> list[str]:
        return list(self._tokens)

    def chips(self) -> list[TokenChip]:
        return list(self._chips)

    def variant_of(self, value: str) -> str | None:
        """The site's spelling when `value` differs from it only in case, else None."""
        if value in self._exact:
            return None
        return self._site.get(value.lower())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def _restyle(self) -> None:
        """Give the chips the look of the field's palette (see `chip_style_sheet`)."""
        sheet = chip_style_sheet(self.palette())
        for chip in self._chips:
            if sheet != chip.styleSheet():
                chip.setStyleSheet(sheet)

    # --- edits ----------------------------------------------------------------------------

    def commit_input(self) -> None:
        """Make the typed text chips (comma-separated names), one edit."""
        typed = split_tokens(self.input.text())
        self.input.clear()
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()
        new = [name for name in dict.fromkeys(typed) if name not in self._tokens]
        if new:
            self._edit([*self._tokens, *new])

    def remove_token(self, value: str) -> None:
        """Remove `value`; a chip removed from the keyboard hands focus to its neighbour."""
        if value not in self._tokens:
            return
        index = self._tokens.index(value)
        on_chip = any(self.focusWidget() is chip.remove for chip in self._chips)
        self._edit([t for t in self._tokens if t != value])
        if on_chip and self._chips:
            self._chips[min(index, len(self._chips) - 1)].remove.setFocus()
        else:
            self.input.setFocus()

    def remove_last(self) -> None:
        if self._tokens:
            self._edit(self._tokens[:-1])

    def popup_has_choice(self) -> bool:
        """True while the completer's list shows with a name highlighted."""
        popup = self.completer_.popup()
        return popup is not None and popup.isVisible() and popup.currentIndex().isValid()

    def _edit(self, tokens: list[str]) -> None:
        self.set_tokens(tokens)
        self.tokensEdited.emit(list(tokens))

    def _step(self, chip: TokenChip, step: int) -> None:
        """Focus the chip `step` away from `chip`; past the last one, the input."""
        index = self._chips.index(chip) + step
        if index >= len(self._chips):
            self.input.setFocus()
        elif index >= 0:
            self._chips[index].remove.setFocus()

    def _mark_variants(self) -> None:
        for chip in self._chips:
            chip.set_site_spelling(self.variant_of(chip.value))

    def _on_input_text_edited(self, text: str) -> None:
        if "," in text:  # typed or pasted: the names before the last comma are done
            done, _, rest = text.rpartition(",")
            self.input.setText(done)
            self.commit_input()
            self.input.setText(rest.lstrip())
            text = self.input.text()
        prefix = text.strip()
        popup = self.completer_.popup()
        if not prefix:
            if popup is not None:
                popup.hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()
        elif popup is not None:
            popup.hide()

    def _on_completer_activated(self, name: str) -> None:
        self.input.setText(name)
        self.commit_input()
