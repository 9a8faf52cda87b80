"""Goldmark's character classes (goldmark/util), shared by its inline rules here.

SPACE is util.IsSpace's set (what TrimLeftSpace/TrimRightSpace trim), LINE_SPACE the part of
it a line can end with before its newline, ASCII_PUNCT util.IsPunct's; `is_space` and
`is_punct_rune` are util.IsSpaceRune and util.IsPunctRune.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ASCII_PUNCT", "LINE_SPACE", "SPACE", "is_punct_rune", "is_space"]

SPACE = " \t\n\r\v\f"
LINE_SPACE = " \t\v\f"
ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def is_space(ch: str) -> bool:
    return ch.isspace()


def is_punct_rune(ch: str) -> bool:
    """Unicode punctuation or symbol."""
    if ch in ASCII_PUNCT:
        return True
    return ord(ch) > 127 and unicodedata.category(ch)[0] in "PS"
