"""FindBar: find and replace in the current post, with regex, case and whole-word options.

Searching uses QRegularExpression on the QTextDocument, so positions are the document's own
(UTF-16) positions. "Replace all" is one edit block: a single Undo restores the text and puts
the cursor back where it was. The bar is handed its editor with `set_editor()`; it keeps no
document of its own, and Escape in that editor closes it too. It is compact (the options are
toggle buttons) and never asks its pane for more width than the pane has: opening it moves
no divider.

Signals:
    closed(): the user closed the bar (Escape or the close button).
    message(str): a short result ("3 of 12", "No matches", "Replaced 12").
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui.translate import fill

_TEMPLATE_REF = re.compile(r"\\(\d)|\$(\d)|\\\\")


def expand_template(template: str, captured: list[str]) -> str:
    """A regex replacement: \\1 or $1 insert group 1, \\\\ a backslash."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "\\\\":
            return "\\"
        index = int(match.group(1) or match.group(2))
        return captured[index] if index < len(captured) else ""

    return _TEMPLATE_REF.sub(substitute, template)


class FindBar(QWidget):
    """The find/replace strip shown under the editor. See the module docstring."""

    closed = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        # Its own minimum never widens the pane it sits in (that moved the splitter).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._editor: QPlainTextEdit | None = None

        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setAccessibleName(self.tr("Find"))
        self.find_edit.setAccessibleDescription(self.tr("Text or pattern to find in the post"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText(self.tr("Replace with (\\1 for a group)"))
        self.replace_edit.setAccessibleName(self.tr("Replace with"))
        self.replace_edit.setAccessibleDescription(
            self.tr("Text that replaces each match (\\1 for a group)")
        )
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setMinimumWidth(60)
        self.status.setAccessibleName(self.tr("Matches"))

        def button(text: str, tip: str, name: str = "", *, checkable: bool = False) -> QToolButton:
            tool = QToolButton(self)
            tool.setText(text)
            tool.setToolTip(tip)
            tool.setAccessibleName(name or text)
            tool.setAutoRaise(True)
            tool.setCheckable(checkable)
            return tool

        tr = self.tr
        self.case_box = button("Aa", tr("Match case"), tr("Match case"), checkable=True)
        self.word_box = button("W", tr("Whole word"), tr("Whole word"), checkable=True)
        self.regex_box = button(
            ".*", tr("Regular expression"), tr("Regular expression"), checkable=True
        )

        self.previous_button = button("↑", tr("Previous match (Shift+F3)"), tr("Previous match"))
        self.next_button = button("↓", tr("Next match (F3)"), tr("Next match"))
        self.replace_button = button(tr("Replace"), tr("Replace this match and find the next"))
        self.replace_all_button = button(
            tr("Replace all"), tr("Replace every match (one undo step)")
        )
        self.close_button = button("✕", tr("Close (Escape)"), tr("Close the find bar"))

        find_row = QHBoxLayout()
        find_row.setContentsMargins(0, 0, 0, 0)
        find_row.setSpacing(2)
        self.find_edit.setMinimumWidth(120)
        self.replace_edit.setMinimumWidth(120)
        find_row.addWidget(self.find_edit, 1)
        for widget in (self.previous_button, self.next_button, self.status):
            find_row.addWidget(widget)
        for widget in (self.case_box, self.word_box, self.regex_box, self.close_button):
            find_row.addWidget(widget)
        self._replace_row = QWidget(self)
        replace_row = QHBoxLayout(self._replace_row)
        replace_row.setContentsMargins(0, 0, 0, 0)
        replace_row.setSpacing(2)
        replace_row.addWidget(self.replace_edit, 1)
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addLayout(find_row)
        layout.addWidget(self._replace_row)

        self.find_edit.textChanged.connect(self._on_find_edit_text_changed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        for box in (self.regex_box, self.case_box, self.word_box):
            box.toggled.connect(self._on_option_toggled)

    # --- set-up -----------------------------------------------------------------------

    def set_editor(self, editor: QPlainTextEdit | None) -> None:
        """Search in `editor` (None: no post); Escape in it closes the bar while shown."""
        old = self._editor
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
        self._editor = editor
        if editor is not None:
            editor.installEventFilter(self)
        self._update_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.isVisible()
        ):
            self.close_bar()
            return True
        return super().eventFilter(watched, event)

    def open_find(self, replace: bool = False) -> None:
        """Show the bar (with the replace row if asked), seeded with the selected word."""
        self._replace_row.setVisible(replace)
        if self._editor is not None:
            selected = self._editor.textCursor().selectedText()
            if selected and "\u2029" not in selected:
                self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        if self._editor is not None:
            self._editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self.find_previous()
            return
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.find_next()
            return
        super().keyPressEvent(event)

    # --- the pattern ------------------------------------------------------------------

    def pattern(self) -> QRegularExpression | None:
        """The search as a QRegularExpression, or None when empty or invalid."""
        text = self.find_edit.text()
        if not text:
            return None
        source = text if self.regex_box.isChecked() else QRegularExpression.escape(text)
        if self.word_box.isChecked():
            source = rf"\b(?:{source})\b"
        options = QRegularExpression.PatternOption.UseUnicodePropertiesOption
        if not self.case_box.isChecked():
            options |= QRegularExpression.PatternOption.CaseInsensitiveOption
        regex = QRegularExpression(source, options)
        if not regex.isValid():
            self._show(fill(self.tr("Bad pattern: %1"), regex.errorString()))
            return None
        return regex

    # --- find -------------------------------------------------------------------------

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, *, backward: bool) -> bool:
        editor, regex = self._editor, self.pattern()
        if editor is None or regex is None:
            return False
        doc = editor.document()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        cursor = editor.textCursor()
        found = doc.find(regex, cursor, flags)
        if found.isNull() or found.selectionStart() == found.selectionEnd():
            wrap = QTextCursor(doc)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = doc.find(regex, wrap, flags)
        if found.isNull():
            self._show(self.tr("No matches"))
            return False
        editor.setTextCursor(found)
        editor.ensureCursorVisible()
        self._update_count()
        return True

    # --- replace ----------------------------------------------------------------------

    def _replacement_for(self, regex: QRegularExpression, selected: str) -> str:
        template = self.replace_edit.text()
        if not self.regex_box.isChecked():
            return template
        anchored = QRegularExpression(f"^(?:{regex.pattern()})$", regex.patternOptions()).match(
            selected
        )
        captured = [anchored.captured(i) for i in range(anchored.lastCapturedIndex() + 1)]
        return expand_template(template, captured or [selected])

    def replace_current(self) -> bool:
        """Replace the selected match (if the selection is one) and find the next one."""
        editor, regex = self._editor, self.pattern()
        if editor is None or regex is None:
            return False
        cursor = editor.textCursor()
        selected = cursor.selectedText()
        if cursor.hasSelection():
            match = QRegularExpression(f"^(?:{regex.pattern()})$", regex.patternOptions()).match(
                selected
            )
            if match.hasMatch():
                cursor.insertText(self._replacement_for(regex, selected))
                editor.setTextCursor(cursor)
        return self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        editor, regex = self._editor, self.pattern()
        if editor is None or regex is None:
            return 0
        text = editor.document().toPlainText()
        matches = []
        iterator = regex.globalMatch(text)
        while iterator.hasNext():
            match = iterator.next()
            if match.capturedLength() == 0:
                continue
            captured = [match.captured(i) for i in range(match.lastCapturedIndex() + 1)]
            replacement = (
                expand_template(self.replace_edit.text(), captured)
                if self.regex_box.isChecked()
                else self.replace_edit.text()
            )
            matches.append((match.capturedStart(), match.capturedEnd(), replacement))
        if not matches:
            self._show(self.tr("No matches"))
            return 0
        # Undo puts the cursor where the edit block began: where the user's cursor is now.
        cursor = QTextCursor(editor.document())
        cursor.setPosition(editor.textCursor().position())
        cursor.beginEditBlock()
        for start, end, replacement in reversed(matches):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._show(fill(self.tr("Replaced %1"), len(matches)))
        return len(matches)

    # --- feedback ---------------------------------------------------------------------

    def count_matches(self) -> int:
        editor, regex = self._editor, self.pattern()
        if editor is None or regex is None:
            return 0
        count = 0
        iterator = regex.globalMatch(editor.document().toPlainText())
        while iterator.hasNext():
            if iterator.next().capturedLength():
                count += 1
        return count

    def _update_count(self) -> None:
        if not self.find_edit.text() or self._editor is None:
            self._show("")
            return
        total = self.count_matches()
        if not total:
            self._show(self.tr("No matches"))
        else:
            self._show(self.tr("1 match") if total == 1 else fill(self.tr("%1 matches"), total))

    def _show(self, text: str) -> None:
        self.status.setText(text)
        if text:
            self.message.emit(text)

    def _on_find_edit_text_changed(self, _text: str) -> None:
        self._update_count()
        if self._editor is not None and self.find_edit.text():
            cursor = self._editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self._editor.setTextCursor(cursor)
            self._find(backward=False)

    def _on_option_toggled(self, _checked: bool) -> None:
        self._update_count()
