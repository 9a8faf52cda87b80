"""The line-number gutter beside the post editor.

It paints only the blocks in view, and only when the editor asks (its updateRequest), so its
cost does not grow with the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit


class LineNumberArea(QWidget):
    """Gutter widget; the editor owns it, positions it and forwards scroll updates."""

    PADDING = 8

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.setObjectName("lineNumbers")
        self._editor = editor
        self._digits = 0
        self.number_color = QColor("#8a8f98")
        self.current_color = QColor("#30343b")
        self.background = QColor("#f6f7f9")

    def set_colors(self, number: QColor, current: QColor, background: QColor) -> None:
        self.number_color, self.current_color, self.background = number, current, background
        self.update()

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
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        top = round(editor.blockBoundingGeometry(block).translated(offset).top())
        bottom = top + round(editor.blockBoundingRect(block).height())
        line_height = editor.fontMetrics().height()
        right = self.width() - self.PADDING
        clip_bottom = event.rect().bottom()
        while block.isValid() and top <= clip_bottom:
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
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
