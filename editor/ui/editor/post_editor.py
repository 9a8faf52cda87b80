"""PostEditor: the QPlainTextEdit the user writes in.

It applies the pure edits of editor.core.editing.commands (list continuation,
indentation, formatting, links) and editor.core.editing.images (pasted or dropped images) to
the current line or selection only, so a keystroke costs the same in a short note and in a
50,000-word post.

Signals:
    cursorMoved(int, int): 1-based line and column of the cursor.
    topLineChanged(int): the 1-based line at the top of the view changed by the user scrolling.
    imageInserted(str): the path of an image copied in for the post.
    problem(str): a user-facing message (an image that could not be placed, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMimeData,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QImage,
    QKeyEvent,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QPlainTextEdit, QTextEdit, QWidget

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.editing import commands as editing
from editor.core.editing import images
from editor.ui.editor.line_numbers import LineNumberArea
from editor.ui.translate import fill

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MIN_COLUMNS = 40  # the editor is never narrower than this many characters a line


class PostEditor(QPlainTextEdit):
    """The Markdown editor widget (objectName ``postEditor``). See the module docstring."""

    cursorMoved = Signal(int, int)  # noqa: N815 (Qt signal naming)
    topLineChanged = Signal(int)  # noqa: N815 (Qt signal naming)
    imageInserted = Signal(str)  # noqa: N815 (Qt signal naming)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postEditor")
        self.setAccessibleName(self.tr("Post text"))
        self.setAccessibleDescription(self.tr("The post's Markdown, front matter first"))
        self.setTabChangesFocus(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(12)
        self._line_numbers = LineNumberArea(self)
        self._line_numbers_visible = True
        self._current_line_color = QColor("#f1f4f9")
        self._zoom = 0
        self._scrolling_programmatically = False
        self._last_top_line = 1
        self.post_path: Path | None = None
        self.site_root: Path | None = None
        self.static_dir: Path | None = None
        self.in_code_block = lambda _block_number: False
        self.in_front_matter = lambda _block_number: False
        # each adds to the right-click menu: hook(menu, position) (the spelling suggestions)
        self.context_menu_hooks: list[Callable[[QMenu, QPoint], None]] = []
        self._current_line = QTextEdit.ExtraSelection()
        self._spelling_selections: list[QTextEdit.ExtraSelection] = []

        self.blockCountChanged.connect(self._on_self_block_count_changed)
        self.updateRequest.connect(self._on_self_update_request)
        self.cursorPositionChanged.connect(self._on_self_cursor_position_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self._on_self_block_count_changed(1)
        self._on_self_cursor_position_changed()
        self.set_soft_wrap(True)

    # --- appearance -------------------------------------------------------------------

    def set_line_numbers_visible(self, visible: bool) -> None:
        self._line_numbers_visible = visible
        self._line_numbers.setVisible(visible)
        self._on_self_block_count_changed(self.blockCount())

    def line_numbers_visible(self) -> bool:
        return self._line_numbers_visible

    def width_for_columns(self, columns: int) -> int:
        """The widget width that shows `columns` characters a line (gutter, margins and
        scroll bar included); the editor's minimum is MIN_COLUMNS of them."""
        gutter = self._line_numbers.width_hint() if self._line_numbers_visible else 0
        text = self.fontMetrics().horizontalAdvance("x" * columns) + self.cursorWidth() + 1
        margins = 2 * round(self.document().documentMargin()) + 2 * self.frameWidth()
        return gutter + text + margins + self.verticalScrollBar().sizeHint().width()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new font or zoom: a new minimum
            self._on_self_block_count_changed(self.blockCount())

    def set_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Mark the lines that have a problem in the gutter (messages in its tooltips)."""
        self._line_numbers.set_marks(diagnostics)

    def diagnostic_marks(self) -> dict[int, tuple[Severity, str]]:
        return self._line_numbers.marks()

    def set_spelling_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Underline misspelled words (extra selections shown under the current line's)."""
        self._spelling_selections = selections
        self.setExtraSelections([self._current_line, *selections])

    def spelling_selections(self) -> list[QTextEdit.ExtraSelection]:
        return list(self._spelling_selections)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for hook in self.context_menu_hooks:
            hook(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_soft_wrap(self, wrap: bool) -> None:
        mode = (
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )
        self.setLineWrapMode(mode)

    def soft_wrap(self) -> bool:
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def set_colors(self, dark: bool) -> None:
        """Current-line and gutter colours for the light or dark palette."""
        if dark:
            self._current_line_color = QColor("#2a2f38")
            self._line_numbers.set_colors(QColor("#6b7280"), QColor("#e5e7eb"), QColor("#1c2027"))
        else:
            self._current_line_color = QColor("#f1f4f9")
            self._line_numbers.set_colors(QColor("#9aa0a8"), QColor("#30343b"), QColor("#f7f8fa"))
        self._on_self_cursor_position_changed(recolour=True)

    def zoom_by(self, steps: int) -> None:
        if steps > 0:
            self.zoomIn(steps)
        elif steps < 0:
            self.zoomOut(-steps)
        self._zoom += steps
        self._on_self_block_count_changed(self.blockCount())

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Ctrl+wheel zooms through zoom_by, so Reset Zoom and the saved zoom stay right.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_by(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def reset_zoom(self) -> None:
        self.zoom_by(-self._zoom)

    def zoom(self) -> int:
        return self._zoom

    # --- navigation -------------------------------------------------------------------

    def cursor_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def top_line(self) -> int:
        return self.firstVisibleBlock().blockNumber() + 1

    def scroll_to_line(self, line: int) -> None:
        """Put 1-based `line` at the top of the view without emitting topLineChanged."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        self._scrolling_programmatically = True
        try:
            self.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._scrolling_programmatically = False
        self._last_top_line = self.top_line()

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()

    # --- formatting actions -----------------------------------------------------------

    def _replace_selection(self, edit: editing.TextEdit) -> None:
        cursor = self.textCursor()
        start = cursor.selectionStart()
        cursor.beginEditBlock()
        cursor.insertText(edit.text)
        cursor.endEditBlock()
        cursor.setPosition(start + _utf16_len(edit.text[: edit.select_start]))
        cursor.setPosition(
            start + _utf16_len(edit.text[: edit.select_end]), QTextCursor.MoveMode.KeepAnchor
        )
        self.setTextCursor(cursor)

    def _selected_text(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n")

    def toggle_bold(self) -> None:
        self._replace_selection(editing.wrap_inline(self._selected_text(), "**"))

    def toggle_italic(self) -> None:
        self._replace_selection(editing.wrap_inline(self._selected_text(), "*"))

    def toggle_code(self) -> None:
        self._replace_selection(editing.wrap_inline(self._selected_text(), "`"))

    def toggle_strikethrough(self) -> None:
        self._replace_selection(editing.wrap_inline(self._selected_text(), "~~"))

    def insert_link(self, url: str = "") -> None:
        self._replace_selection(editing.make_link(self._selected_text(), url))

    def toggle_lines(self, style: editing.LineStyle) -> None:
        """The lines the cursor or selection touches as a quote or a list, or back."""
        self._change_lines(lambda lines: editing.toggle_lines(lines, style))

    def toggle_task_done(self) -> None:
        """Tick the task boxes of the lines the cursor or selection touches, or clear them."""
        self._change_lines(editing.toggle_done)

    def _change_lines(self, change: Callable[[list[str]], list[str]]) -> None:
        """`change` applied to the lines the cursor or selection touches, fenced code and the
        front matter left out, in one undo step; a selection stays on the lines, a cursor in
        its place in the text."""
        cursor = self.textCursor()
        first, last = self._touched_blocks(cursor)
        blocks = [first]
        while blocks[-1] != last:
            blocks.append(blocks[-1].next())
        old = [block.text() for block in blocks]
        free = [i for i, block in enumerate(blocks) if not self._kept(block.blockNumber())]
        new = list(old)
        for i, line in zip(free, change([old[i] for i in free]), strict=True):
            new[i] = line
        if new == old:
            return
        column, start, selected = cursor.positionInBlock(), first.position(), cursor.hasSelection()
        edit = QTextCursor(self.document())
        edit.setPosition(start)
        edit.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        edit.beginEditBlock()
        edit.insertText("\n".join(new))
        edit.endEditBlock()
        if selected:  # the lines stay selected, for the next style
            edit.setPosition(start)
            edit.setPosition(start + _utf16_len("\n".join(new)), QTextCursor.MoveMode.KeepAnchor)
        else:  # the cursor keeps its place in the line's text
            moved = column + _utf16_len(new[0]) - _utf16_len(old[0])
            edit.setPosition(start + max(0, min(_utf16_len(new[0]), moved)))
        self.setTextCursor(edit)

    def toggle_code_block(self, language: str = "") -> None:
        """The selected lines (or the cursor's line) in a fenced code block, or out of it;
        the front matter stays out of it."""
        cursor = self.textCursor()
        first, last = self._touched_blocks(cursor)
        while self.in_front_matter(first.blockNumber()):
            if first == last:
                return
            first = first.next()
        if cursor.hasSelection() or first.text().strip():
            cursor.setPosition(first.position())
            end = last.position() + last.length() - 1
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        self._replace_selection(editing.toggle_fence(self._selected_text(), language))

    def _kept(self, block_number: int) -> bool:
        """Lines the Markdown conveniences leave alone: fenced code, the front matter."""
        return self.in_code_block(block_number) or self.in_front_matter(block_number)

    def _touched_blocks(self, cursor: QTextCursor) -> tuple[QTextBlock, QTextBlock]:
        """The first and last blocks of the selection (a selection ending at the start of a
        line leaves that line out), or the cursor's block twice."""
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        if cursor.hasSelection() and last.position() == cursor.selectionEnd() and last != first:
            last = last.previous()
        return first, last

    def cycle_heading(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        column = cursor.positionInBlock()
        old = block.text()
        new = editing.cycle_heading(old)
        self._replace_block_text(cursor, new, max(0, column + len(new) - len(old)))

    def _replace_block_text(self, cursor: QTextCursor, text: str, column: int) -> None:
        block = cursor.block()
        cursor.beginEditBlock()
        cursor.setPosition(block.position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(block.position() + min(column, block.length() - 1))
        self.setTextCursor(cursor)

    # --- keys -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        handled = False
        if key in _ENTER_KEYS and plain:
            handled = self._continue_list()
        elif key == Qt.Key.Key_Tab and plain:
            handled = self._indent_items(editing.indent_list_line)
        elif key == Qt.Key.Key_Backtab:
            handled = self._indent_items(editing.outdent_list_line)
        if handled:
            return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        line = block.text()
        column = _py_column(line, cursor.positionInBlock())
        edit = editing.on_enter(line, column, in_code=self.in_code_block(cursor.blockNumber()))
        if edit is None:
            return False
        if edit.kind == "end":
            self._replace_block_text(cursor, edit.text, _utf16_len(edit.text))
        else:
            cursor.beginEditBlock()
            cursor.insertText("\n" + edit.text)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _indent_items(self, change: Callable[[str], str | None]) -> bool:
        """Apply indent/outdent to every list line the cursor or selection touches."""
        cursor = self.textCursor()
        doc = self.document()
        first, last = self._touched_blocks(cursor)
        changes: list[tuple[int, str]] = []
        block = first
        while block.isValid():
            if not self.in_code_block(block.blockNumber()):
                new = change(block.text())
                if new is not None:
                    changes.append((block.blockNumber(), new))
            if block == last:
                break
            block = block.next()
        if not changes:
            return False
        anchor_block = doc.findBlock(cursor.anchor())
        pos_block = cursor.block()
        anchor_col, pos_col = cursor.anchor() - anchor_block.position(), cursor.positionInBlock()
        deltas: dict[int, int] = {}
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        for number, text in changes:
            target = doc.findBlockByNumber(number)
            deltas[number] = _utf16_len(text) - (target.length() - 1)
            edit.setPosition(target.position())
            edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(text)
        edit.endEditBlock()
        result = QTextCursor(doc)
        anchor = doc.findBlockByNumber(anchor_block.blockNumber())
        position = doc.findBlockByNumber(pos_block.blockNumber())
        result.setPosition(
            anchor.position()
            + max(0, min(anchor.length() - 1, anchor_col + deltas.get(anchor.blockNumber(), 0)))
        )
        result.setPosition(
            position.position()
            + max(0, min(position.length() - 1, pos_col + deltas.get(position.blockNumber(), 0))),
            QTextCursor.MoveMode.KeepAnchor,
        )
        self.setTextCursor(result)
        return True

    # --- paste and drop ---------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self._insert_image_files(source) or self._insert_image_data(source):
            return
        if source.hasText() and self.textCursor().hasSelection():
            link = editing.link_for_paste(self._selected_text(), source.text())
            if link is not None:
                cursor = self.textCursor()
                cursor.insertText(link)
                self.setTextCursor(cursor)
                return
        if source.hasUrls() and not source.hasText():
            text = "\n".join(url.toString() for url in source.urls())
            self.textCursor().insertText(text)
            return
        super().insertFromMimeData(source)

    def _insert_image_files(self, source: QMimeData) -> bool:
        if not source.hasUrls():
            return False
        paths = [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
        image_paths = [p for p in paths if images.is_image_name(p.name) and p.is_file()]
        if not image_paths or len(image_paths) != len(source.urls()):
            return False
        self.insert_images(image_paths)
        return True

    def insert_images(self, image_paths: list[Path]) -> None:
        """Link the images at the cursor, copied in for the post (its bundle, or static/)
        unless they are there already; a file that cannot be placed is reported and nothing
        is inserted."""
        snippets = []
        for path in image_paths:
            if self.post_path is not None and (
                linked := images.image_in_site(
                    path, self.post_path, self.site_root, static_dir=self.static_dir
                )
            ):
                snippets.append(linked)
                continue
            try:
                placed = self._place(path.read_bytes(), path.name)
            except (OSError, images.ImagePlacementError) as error:
                self.problem.emit(fill(self.tr("Could not add the image %1: %2"), path.name, error))
                return
            snippets.append(placed)
        self.textCursor().insertText("\n".join(snippets))

    def _insert_image_data(self, source: QMimeData) -> bool:
        if not source.hasImage():
            return False
        image = source.imageData()
        if not isinstance(image, QImage) or image.isNull():
            return False
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        try:
            snippet = self._place(bytes(data.data()), images.pasted_image_name(datetime.now()))
        except (OSError, images.ImagePlacementError) as error:
            self.problem.emit(fill(self.tr("Could not add the pasted image: %1"), error))
            return True
        self.textCursor().insertText(snippet)
        return True

    def _place(self, data: bytes, name: str) -> str:
        plan = images.place_image(
            data, name, self.post_path, self.site_root, static_dir=self.static_dir
        )
        self.imageInserted.emit(str(plan.target))
        return plan.markdown

    # --- gutter and current line ------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        width = self._line_numbers.width_hint() if self._line_numbers_visible else 0
        self._line_numbers.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def _on_self_block_count_changed(self, _count: int) -> None:
        width = self._line_numbers.width_hint() if self._line_numbers_visible else 0
        self.setViewportMargins(width, 0, 0, 0)
        self.setMinimumWidth(self.width_for_columns(MIN_COLUMNS))
        rect = self.contentsRect()
        self._line_numbers.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def _on_self_update_request(self, rect: QRect, dy: int) -> None:
        if not self._line_numbers_visible:
            return
        if dy:
            self._line_numbers.scroll(0, dy)
        else:
            self._line_numbers.update(0, rect.y(), self._line_numbers.width(), rect.height())

    def _on_self_cursor_position_changed(self, *, recolour: bool = False) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        shown = self._current_line.cursor
        # A typed key moves the highlighted line's cursor along with the text (a QTextCursor
        # follows edits): where it is already at the cursor, the highlight stands as it is,
        # and the extra selections (the spelling underlines too) are not set again per key.
        if (
            recolour
            or shown.isNull()
            or shown.document() != self.document()
            or shown.position() != cursor.position()
        ):
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(self._current_line_color)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = cursor
            self._current_line = selection
            self.setExtraSelections([selection, *self._spelling_selections])
        self.cursorMoved.emit(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    def _on_scrollbar_value_changed(self, _value: int) -> None:
        top = self.top_line()
        if top != self._last_top_line:
            self._last_top_line = top
            if not self._scrolling_programmatically:
                self.topLineChanged.emit(top)


def _utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (QTextCursor positions)."""
    return len(text.encode("utf-16-le")) // 2


def _py_column(line: str, utf16_column: int) -> int:
    """The Python string index matching a UTF-16 column of `line`."""
    if line.isascii():
        return utf16_column
    units = 0
    for index, char in enumerate(line):
        if units >= utf16_column:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)
