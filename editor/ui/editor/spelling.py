"""Spell checking in the editor: red wavy underlines, checked off the GUI thread.

`SpellingService` (one per window, spelling_service.py) holds the site's speller and its
personal dictionary, and whether checking is on. `EditorSpelling` (one per editor) checks what the
editor shows: a short while after an edit, a scroll or a resize it takes the visible blocks,
sends those whose text it has not checked yet to a `LatestJob` (one job in flight, stale
results dropped) and underlines the misspellings with extra selections (no re-highlighting).
Results are kept by (text, kind), so scrolling back or undoing costs no new check. The
paragraph being typed is underlined once typing pauses (TYPING_PAUSE_MS: extra selections are
painted over the text, so each key would draw them again), the word being typed (the cursor at
its end) once the cursor leaves it.

Right-click on an underlined word: its suggestions, "Add to Dictionary" (the site's
`.inkpost/dictionary.txt`), "Ignore" (until the window closes). The worker's own function,
`check_blocks`, is in spelling_check.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from editor.core.editing.spelling import LineKind
from editor.ui.editor.highlighter import in_fence, in_front_matter
from editor.ui.editor.latest_job import LatestJob
from editor.ui.editor.post_editor import PostEditor
from editor.ui.editor.spelling_check import Checked, Span, check_blocks, utf16_index
from editor.ui.editor.spelling_service import SpellingService

__all__ = ["EditorSpelling", "SpellingService", "check_blocks"]

CHECK_DELAY_MS = 40  # after an edit or a scroll: keys in a burst are checked once
VISIBLE_MARGIN = 4  # blocks checked above and below the view (a small scroll shows them ready)
CACHE_LIMIT = 20_000  # (text, kind) results kept per editor
LONG_BLOCK = 4_000  # characters: of a longer block only the part on the screen is checked
SLICE_MARGIN = 400  # characters checked beyond that part, each side
TYPING_PAUSE_MS = 600  # the paragraph being typed is underlined once typing pauses this long

# a visible block: the block, the UTF-16 offset of the part checked, that part, its kind
Visible = tuple[QTextBlock, int, str, LineKind]


def _python_index(text: str, utf16: int) -> int:
    if text.isascii():
        return min(utf16, len(text))
    return len(text.encode("utf-16-le")[: 2 * utf16].decode("utf-16-le", errors="ignore"))


class EditorSpelling(QObject):
    """One editor's underlines and spelling menu. See the module docstring."""

    def __init__(self, editor: PostEditor, highlighter: Any, service: SpellingService) -> None:
        super().__init__(editor)
        self.editor = editor
        self.highlighter = highlighter  # a MarkdownHighlighter: which blocks are code, front matter
        self.service = service
        self._cache: dict[tuple[str, LineKind], tuple[Span, ...]] = {}
        self._job = LatestJob(self)
        self._job.finished.connect(self._on_job_finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor("#e0301e"))
        editor.textChanged.connect(self._on_editor_text_changed)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.schedule)
        editor.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)
        editor.updateRequest.connect(self._on_editor_update_request)
        editor.context_menu_hooks.append(self.fill_menu)
        service.changed.connect(self._on_service_changed)
        self._cursor_word: tuple[int, int] | None = None  # (block, end) of the word not shown
        # the underlines as (block, start, end, word): their cursors follow edits by themselves
        self._shown: list[tuple[int, int, int, str]] = []
        self._visible_key: tuple[object, ...] = ()
        self._visible_list: list[Visible] = []
        self.schedule()

    @property
    def pending(self) -> bool:
        """A check is due or running (tests wait on it)."""
        return (
            self._timer.isActive()
            or self._pause.isActive()
            or self._job.busy
            or self.service.loading
        )

    def misspellings(self) -> list[tuple[int, int, int, str]]:
        """(block number, UTF-16 start, end, word) as underlined now."""
        found = []
        for selection in self.editor.spelling_selections():
            cursor = selection.cursor
            block = cursor.block()
            found.append(
                (
                    block.blockNumber(),
                    cursor.selectionStart() - block.position(),
                    cursor.selectionEnd() - block.position(),
                    cursor.selectedText(),
                )
            )
        return found

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self, *, reuse: bool = False) -> None:
        """Underline what is known of the visible blocks; check the others in the background.
        `reuse`: the visible blocks of the last refresh, unless the text, the scroll or the
        size changed since (after a check came back)."""
        self._timer.stop()
        speller = self.service.speller
        if not self.service.active or speller is None:
            self._shown = []
            self.editor.set_spelling_selections([])
            return
        visible = self._visible_now(reuse)
        missing: dict[tuple[str, LineKind], None] = {}
        for _block, _offset, text, kind in visible:
            if (text, kind) not in self._cache:
                missing[(text, kind)] = None
        if missing:
            self._job.submit(check_blocks, speller, list(missing))
        self._show(visible)

    def fill_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Put the suggestions for the misspelled word at `pos`, Add and Ignore atop `menu`."""
        found = self._word_at(pos)
        speller = self.service.speller
        if found is None or speller is None or not self.service.active:
            return
        block_position, start, end, word = found
        first = menu.actions()[0] if menu.actions() else None
        suggestions = speller.suggestions(word)
        items: list[QAction] = []
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            font = QFont(action.font())
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(
                lambda _=False, s=suggestion: self._replace(block_position + start, end - start, s)
            )
            items.append(action)
        if not suggestions:
            none = QAction(self.tr("(no suggestions)"), menu)
            none.setEnabled(False)
            items.append(none)
        add = QAction(self.tr("Add to Dictionary"), menu)
        add.triggered.connect(lambda: self.service.add_to_dictionary(word))
        ignore = QAction(self.tr("Ignore"), menu)
        ignore.triggered.connect(lambda: self.service.ignore(word))
        items += [add, ignore]
        for action in items:
            menu.insertAction(first, action)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)

    # --- helpers ------------------------------------------------------------------------

    def _visible_now(self, reuse: bool) -> list[Visible]:
        """`_visible()`, or with `reuse` the last one when no edit, scroll or resize came."""
        editor = self.editor
        key = (
            editor.document().revision(),
            editor.verticalScrollBar().value(),
            editor.viewport().size().toTuple(),
        )
        if not reuse or key != self._visible_key:
            self._visible_key = key
            self._visible_list = self._visible()
        return self._visible_list

    def _visible(self) -> list[Visible]:
        """The blocks on the screen and VISIBLE_MARGIN more on each side, with their kinds
        (from the highlighter's block states: what is code, what is front matter)."""
        editor = self.editor
        first = editor.firstVisibleBlock()
        block = first
        for _ in range(VISIBLE_MARGIN):
            if not block.previous().isValid():
                break
            block = block.previous()
        previous = block.previous().userState()  # -1 (NORMAL) before the first block
        bottom = editor.viewport().height()
        y = editor.blockBoundingGeometry(first).translated(editor.contentOffset()).top()
        shown = False
        after = 0
        found: list[Visible] = []
        while block.isValid() and after <= VISIBLE_MARGIN:
            state = block.userState()
            kind: LineKind = "body"
            if in_fence(state, previous):
                kind = "code"
            elif in_front_matter(state, previous, block.blockNumber() == 0):
                kind = "front_matter"
            found.append((block, *self._part(block, block.text()), kind))
            shown = shown or block == first
            if shown:
                if y > bottom:
                    after += 1
                else:
                    y += editor.blockBoundingRect(block).height()
            previous = state
            block = block.next()
        return found

    def _kind(self, number: int) -> LineKind:
        if self.highlighter.is_code_block(number):
            return "code"
        if self.highlighter.is_front_matter(number):
            return "front_matter"
        return "body"

    def _show(self, visible: list[Visible]) -> None:
        cursor_now = self.editor.textCursor()
        typing = (cursor_now.blockNumber(), cursor_now.positionInBlock())
        focused = self.editor.hasFocus()
        # Underlines in the paragraph being typed would be drawn again with each key (extra
        # selections are painted over the text): they wait for a pause in typing.
        typed_block = typing[0] if focused and self._pause.isActive() else -1
        places: list[tuple[int, int, int, str]] = []
        blocks: dict[int, QTextBlock] = {}
        for block, offset, text, kind in visible:
            spans = self._cache.get((text, kind))
            if not spans:
                continue
            number = block.blockNumber()
            if number == typed_block:
                continue
            blocks[number] = block
            for start, end, word in spans:
                if not (focused and typing == (number, offset + end)):  # the word being typed
                    places.append((number, offset + start, offset + end, word))
        if places == self._shown:  # the same underlines (their cursors follow the edits)
            return
        self._shown = places
        selections: list[QTextEdit.ExtraSelection] = []
        for number, start, end, _word in places:
            block = blocks[number]
            selection = QTextEdit.ExtraSelection()
            selection.format = self._format
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.editor.set_spelling_selections(selections)

    def _word_at(self, pos: QPoint) -> tuple[int, int, int, str] | None:
        cursor = self.editor.cursorForPosition(pos)
        block = cursor.block()
        column = cursor.positionInBlock()
        offset, text = self._part(block, block.text())
        kind = self._kind(block.blockNumber())
        for start, end, word in self._cache.get((text, kind), ()):
            if offset + start <= column <= offset + end:
                return block.position(), offset + start, offset + end, word
        return None

    def _part(self, block: QTextBlock, text: str) -> tuple[int, str]:
        """The part of `text` to check and its UTF-16 offset: all of it, or of a block longer
        than LONG_BLOCK what the view shows of it and SLICE_MARGIN more, whole words."""
        if len(text) <= LONG_BLOCK:
            return 0, text
        editor = self.editor
        area = editor.viewport().rect()
        first = editor.cursorForPosition(area.topLeft()).position() - block.position()
        last = editor.cursorForPosition(area.bottomRight()).position() - block.position()
        start = _python_index(text, max(0, first)) - SLICE_MARGIN
        end = _python_index(text, max(0, last)) + SLICE_MARGIN
        start = 0 if start <= 0 else text.rfind(" ", 0, start) + 1
        found = text.find(" ", end)
        end = len(text) if found < 0 or end >= len(text) else found
        return utf16_index(text, start), text[start:end]

    def _replace(self, position: int, length: int, text: str) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()

    # --- slots --------------------------------------------------------------------------

    def _on_job_finished(self, checked: list[Checked]) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        for text, kind, spans in checked:
            self._cache[(text, kind)] = spans
        self.refresh(reuse=True)

    def _on_editor_text_changed(self) -> None:
        typing = self._pause.isActive()
        self._pause.start()
        if not typing:  # the first key hides the paragraph's underlines; the rest: the pause
            self.schedule()

    def _on_service_changed(self) -> None:
        self._cache.clear()
        self.refresh()

    def _on_editor_update_request(self, _rect: object, dy: int) -> None:
        if dy:
            self.schedule()

    def _on_editor_cursor_position_changed(self) -> None:
        cursor = self.editor.textCursor()
        word = (cursor.blockNumber(), cursor.positionInBlock())
        last = self._cursor_word
        # The word typed last may be underlined now; not while typing goes on in its
        # paragraph (no underline is shown there until the pause).
        typing_on = self._pause.isActive() and last is not None and word[0] == last[0]
        if last is not None and word != last and not typing_on:
            self.schedule()
        self._cursor_word = word
