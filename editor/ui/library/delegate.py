"""Draws a search hit's title cell: the title, and below it the snippet with the matched
words in bold (the model gives the snippet and the match spans; no HTML in the data)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from editor.ui.library.model import HIGHLIGHTS_ROLE, SNIPPET_ROLE

_Index = QModelIndex | QPersistentModelIndex
_LEAD = 24  # characters of context kept before the first match


def snippet_html(title: str, snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The cell as HTML: the escaped title, a line break, the snippet with <b> matches."""
    parts: list[str] = []
    pos = 0
    if spans and spans[0][0] > _LEAD:  # start near the first match: the cell is narrow
        cut = snippet.rfind(" ", 0, spans[0][0] - _LEAD // 2) + 1
        if cut > 0:
            parts.append("…")
            pos = cut
    for start, end in spans:
        if start < pos or end > len(snippet):
            continue
        parts.append(html.escape(snippet[pos:start]))
        parts.append(f"<b>{html.escape(snippet[start:end])}</b>")
        pos = end
    parts.append(html.escape(snippet[pos:]))
    return f"{html.escape(title)}<br><small>{''.join(parts)}</small>"


class SnippetDelegate(QStyledItemDelegate):
    """Rich text for cells that carry a snippet; the default look for every other cell."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument | None:
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            return None
        title = str(index.data()).split("\n", 1)[0]
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(snippet_html(title, snippet, tuple(index.data(HIGHLIGHTS_ROLE) or ())))
        doc.setTextWidth(-1)  # one line each; the cell clips what does not fit
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        doc = self._document(option, index)
        if doc is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        doc = self._document(option, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
