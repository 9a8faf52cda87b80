"""The gutter's line numbers: a partial repaint starts at the block at its top."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter, QRegion, QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor.post_editor import PostEditor


def _paint(widget: QWidget, rect: QRect) -> QImage:
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    widget.render(painter, rect.topLeft(), QRegion(rect))  # the region where it is
    painter.end()
    return image.copy(rect)


def test_a_strip_of_the_gutter_paints_as_when_it_walked_from_the_first_visible_block(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = PostEditor()
    qtbot.addWidget(editor)
    lines = [f"line {n} " + "word " * (n % 7) * 9 for n in range(400)]  # some lines wrap
    editor.setPlainText("\n".join(lines))
    editor.resize(420, 500)
    editor.show()
    qtbot.waitExposed(editor)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(200).position())
    editor.setTextCursor(cursor)
    editor.centerCursor()
    gutter = editor._line_numbers
    height = gutter.height()
    tops = [0, 7, height // 3, height - 30]
    block = editor.firstVisibleBlock()
    for _ in range(12):  # strips that begin inside the first line of a block (its number)
        block = block.next()
        tops.append(
            round(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()) + 3
        )
    strips = [QRect(0, top, gutter.width(), 23) for top in tops]
    now = [_paint(gutter, strip) for strip in strips]
    found: list[int] = []
    at = editor.cursorForPosition

    def from_the_top(point: QPoint) -> QTextCursor:  # the walk from the first visible block
        found.append(at(point).blockNumber())
        return QTextCursor(editor.firstVisibleBlock())

    monkeypatch.setattr(editor, "cursorForPosition", from_the_top)
    before = [_paint(gutter, strip) for strip in strips]
    assert now == before
    assert max(found) > editor.firstVisibleBlock().blockNumber() + 5  # lines were skipped
