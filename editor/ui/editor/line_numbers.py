"""The line-number gutter beside the post editor, with a mark on each line that has a problem.

It paints only the blocks in view, and only when the editor asks (its updateRequest), so its
cost does not grow with the document. `set_marks` takes the current diagnostics (front matter
that does not parse, an unknown shortcode, ...): a red (error) or amber (warning) bar beside
the line number, and the messages as the line's tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from editor.core.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit


MARK_COLORS = {Severity.ERROR: "#d93f3f", Severity.WARNING: "#d99a1e"}


class LineNumberArea(QWidget):
    """Gutter widget; the editor owns it, positions it and forwards scroll updates."""

    PADDING = 8
    MARK_WIDTH = 3

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.setObjectName("lineNumbers")
        self._editor = editor
        self._digits = 0
        self.number_color = QColor("#8a8f98")
        self.current_color = QColor("#30343b")
        self.background = QColor("#f6f7f9")
        self._marks: dict[int, tuple[Severity, str]] = {}  # 0-based block -> worst, messages

    def set_colors(self, number: QColor, current: QColor, background: QColor) -> None:
        self.number_color, self.current_color, self.background = number, current, background
        self.update()

    def set_marks(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Mark the lines of `diagnostics` (1-based lines; those without a line are skipped)."""
        marks: dict[int, tuple[Severity, str]] = {}
        for item in diagnostics:
            if item.line is None or item.line < 1 or item.severity not in MARK_COLORS:
                continue
            block = item.line - 1
            worst, text = marks.get(block, (item.severity, ""))
            if item.severity == Severity.ERROR:
                worst = Severity.ERROR
            marks[block] = (worst, f"{text}\n{item.message}" if text else item.message)
        if marks != self._marks:
            self._marks = marks
            self.update()

    def marks(self) -> dict[int, tuple[Severity, str]]:
        """The marked lines (0-based block number -> severity, messages): for tests."""
        return dict(self._marks)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self._marks.get(self._block_at(event.pos()))
            if mark is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), mark[1], self)
            return True
        return super().event(event)

    def _block_at(self, point: QPoint) -> int:
        editor = self._editor
        cursor = editor.cursorForPosition(QPoint(0, point.y()))
        return cursor.blockNumber()

    def width_hint(self) -> int:
        digits = max(3, len(str(max(1, self._editor.blockCount()))))
        self._digits = digits
        return self.PADDING * 2 + self.fontMetrics().horizontalAdvance("9") * digits

    def sizeHint(self) -> QSize:
        return QSize(self.width_hint(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        editor = self._editor
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.background)
        painter.setFont(editor.font())
        current = editor.textCursor().blockNumber()
        # From the block at the top of the area to paint (a key repaints one line's
        # number: found by Qt, not by walking the blocks above it in Python).
        first = editor.firstVisibleBlock()
        block = editor.cursorForPosition(QPoint(0, event.rect().top())).block()
        if not block.isValid() or block.blockNumber() < first.blockNumber():
            block = first
        offset = editor.contentOffset()
        top = round(editor.blockBoundingGeometry(block).translated(offset).top())
        bottom = top + round(editor.blockBoundingRect(block).height())
        line_height = editor.fontMetrics().height()
        right = self.width() - self.PADDING
        clip_bottom = event.rect().bottom()
        while block.isValid() and top <= clip_bottom:
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                mark = self._marks.get(number)
                if mark is not None:
                    painter.fillRect(
                        QRect(0, top, self.MARK_WIDTH, bottom - top), QColor(MARK_COLORS[mark[0]])
                    )
                painter.setPen(self.current_color if number == current else self.number_color)
                painter.drawText(
                    QRect(0, top, right, line_height),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            bottom = top + round(editor.blockBoundingRect(block).height())
        painter.end()
