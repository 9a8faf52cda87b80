"""Putting a new front matter into the editor's document as one undo step, changing only the
lines that differ (the rest of the document, its undo history and its cursors stay)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from editor.core.post.frontmatter import split_front_matter

FIRST_CHARS = 4096  # most front matter ends within this
HEAD_CHARS = 64 * 1024  # a front matter longer than this is read from the whole text


def head_text(document: QTextDocument, meta: bool = False) -> str:
    """The start of the document's text, enough to hold its front matter: the first
    FIRST_CHARS, else HEAD_CHARS, else (a front matter longer still) the whole text.
    `meta`: the post's site reads `Key: value` metadata lines (`Document.meta`)."""
    count = document.characterCount() - 1
    for size in (FIRST_CHARS, HEAD_CHARS):
        if count <= size:
            break
        cursor = QTextCursor(document)
        cursor.setPosition(size, QTextCursor.MoveMode.KeepAnchor)
        head = cursor.selectedText().replace("\u2029", "\n")
        if split_front_matter(head, meta).whole_in(head):
            return head
    return document.toRawText().replace("\u2029", "\n")


def changed_range(old: str, new: str) -> tuple[int, int, list[str]]:
    """(first, end, lines): lines `first` to `end` (exclusive) of `old` become `lines`."""
    a, b = old.split("\n"), new.split("\n")
    first = 0
    while first < min(len(a), len(b)) and a[first] == b[first]:
        first += 1
    same_tail = 0
    limit = min(len(a), len(b)) - first
    while same_tail < limit and a[-1 - same_tail] == b[-1 - same_tail]:
        same_tail += 1
    return first, len(a) - same_tail, b[first : len(b) - same_tail]


def apply_head(document: QTextDocument, old_head: str, new_head: str) -> bool:
    """Replace the document's start `old_head` by `new_head`, rewriting only the lines that
    differ, as one undo step. False (nothing done) when they are the same."""
    if old_head == new_head:
        return False
    first, end, lines = changed_range(old_head, new_head)
    total = len(old_head.split("\n"))
    start_block = document.findBlockByNumber(first)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.setPosition(start_block.position())
    if end < total:
        cursor.setPosition(
            document.findBlockByNumber(end).position(), QTextCursor.MoveMode.KeepAnchor
        )
        text = "".join(line + "\n" for line in lines)
    else:  # the head runs to its last line without a line end
        last = document.findBlockByNumber(total - 1)
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        text = "\n".join(lines)
    cursor.insertText(text)
    cursor.endEditBlock()
    return True
