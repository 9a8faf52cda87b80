"""What the spelling worker runs: the misspellings of some lines, as the editor places them.

`check_blocks(speller, [(text, kind), ...])` returns each line with its misspelled words as
UTF-16 spans (QTextCursor positions in the block), checking a piece of about PIECE characters
at a time and letting go of the GIL after each, so the GUI thread never waits long for it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from editor.core.editing.spelling import LineKind, Speller, check_lines

__all__ = ["PIECE", "Checked", "Span", "check_blocks", "utf16_index"]

PIECE = 600  # characters the worker checks between two chances for the GUI thread to run

Span = tuple[int, int, str]  # UTF-16 start and end in the block, the word
Checked = tuple[str, LineKind, tuple[Span, ...]]


def utf16_index(text: str, index: int) -> int:
    """The UTF-16 position (a QTextCursor's) of Python index `index` of `text`."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


def _pieces(text: str) -> list[tuple[int, str]]:
    """`text` cut at spaces into pieces of about PIECE characters, with their offsets."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > PIECE:
        cut = text.find(" ", start + PIECE)
        if cut < 0:
            break
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def check_blocks(speller: Speller, lines: Sequence[tuple[str, LineKind]]) -> list[Checked]:
    """The misspellings of each (text, kind), as UTF-16 spans (what the worker runs).

    A piece of about PIECE characters at a time, letting go of the GIL after each: the GUI
    thread, which needs it for every key, then waits for one piece's check at most."""
    checked: list[Checked] = []
    for text, kind in lines:
        spans: list[Span] = []
        for offset, piece in _pieces(text):
            for miss in check_lines(speller, [(0, piece, kind)]):
                start, end = offset + miss.start, offset + miss.end
                spans.append((utf16_index(text, start), utf16_index(text, end), miss.word))
            time.sleep(0)  # the GIL goes to a waiting thread (the GUI's) now, not in 5 ms
        checked.append((text, kind, tuple(spans)))
    return checked
