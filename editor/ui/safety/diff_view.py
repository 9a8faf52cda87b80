"""A read-only view of a unified diff, added lines green and removed lines red.

`DiffView(QPlainTextEdit)` shows the text of `editor.core.safety.journal.unified_diff`;
`DiffDialog` wraps it with a title and a Close button; `show_diff(parent, title, old,
new, old_name, new_name)` is the one-call form the other dialogs use.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.safety.journal import unified_diff
from editor.ui.translate import fill

NO_DIFFERENCE = QT_TRANSLATE_NOOP("DiffView", "The two texts are identical.")


def _format(foreground: str, background: str | None = None, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(foreground))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(700)
    return fmt


class DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff line by line: +, -, @@ hunks and the ---/+++ header."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.added = _format("#1a5e20", "#e6f4e6")
        self.removed = _format("#8b1a1a", "#fbe9e9")
        self.hunk = _format("#3949ab", bold=True)
        self.header = _format("#555555", bold=True)

    def line_format(self, line: str) -> QTextCharFormat | None:
        if line.startswith(("+++", "---")):
            return self.header
        if line.startswith("@@"):
            return self.hunk
        if line.startswith("+"):
            return self.added
        if line.startswith("-"):
            return self.removed
        return None

    def highlightBlock(self, text: str) -> None:
        fmt = self.line_format(text)
        if fmt is not None:
            self.setFormat(0, len(text), fmt)


class DiffView(QPlainTextEdit):
    """A read-only, monospaced, coloured unified diff. objectName `diffView`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setAccessibleName(self.tr("Differences"))
        self.setAccessibleDescription(
            self.tr("Lines starting with - go away, lines starting with + come in")
        )
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = DiffHighlighter(self.document())

    def set_diff(self, diff: str) -> None:
        """Show `diff` (unified diff text); an empty diff says the texts are identical."""
        self.setPlainText(diff.rstrip("\n") if diff else self.tr(NO_DIFFERENCE))

    def diff_text(self) -> str:
        """The text shown, exactly (toPlainText() would turn no-break spaces into spaces)."""
        return self.document().toRawText().replace("\u2029", "\n")


class DiffDialog(QDialog):
    """A diff between two texts, with a one-line explanation above it."""

    def __init__(
        self,
        title: str,
        explanation: str,
        diff: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diffDialog")
        self.setWindowTitle(title)
        self.resize(820, 560)
        label = QLabel(explanation, self)
        label.setWordWrap(True)
        self.view = DiffView(self)
        self.view.set_diff(diff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)


def show_diff(
    parent: QWidget | None,
    title: str,
    old: str,
    new: str,
    old_name: str,
    new_name: str,
) -> DiffDialog:
    """Show (modal) the diff from `old` to `new`; returns the dialog after it closed."""
    diff = unified_diff(old, new, old_name, new_name)
    explanation = fill(
        QCoreApplication.translate(
            "DiffView", "Lines starting with “-” are only in %1; “+” only in %2."
        ),
        old_name,
        new_name,
    )
    dialog = DiffDialog(title, explanation, diff, parent)
    dialog.exec()
    return dialog
