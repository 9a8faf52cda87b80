"""Pygments lexers for the editor's fenced code: built lazily, their colours cached per line.

A lexer costs 2-25 ms to build (its regular expressions compile on first use). Code below the
first EAGER_LINES lines or EAGER_CHARS characters of a post (about a screen of wrapped text
beside the preview) whose lexer is not built yet is shown in the code colour only
(`defer(language)`): on the following turns of the event loop each such lexer is built (one
a turn) and just its code blocks re-coloured in every open post (each registered
highlighter's `recolour_code`). While `defer_lexers(True)` holds them (the app's start, until
the preview has the post), they wait for `load_deferred_lexers()`. `warm_lexers()` builds the
common languages' ahead of need. `code_tokens(language, line)` gives a line's runs of token
kinds, cached.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import shiboken6
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    _TokenType,
)
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextBlock

__all__ = [
    "COMMON_LANGUAGES",
    "EAGER_CHARS",
    "EAGER_LINES",
    "below_first_screen",
    "built",
    "code_tokens",
    "defer",
    "defer_lexers",
    "load_deferred_lexers",
    "register",
    "warm_lexers",
]

_LANG_ALIASES = {
    "sh": "bash",
    "shell": "bash",
    "zsh": "bash",
    "js": "javascript",
    "ts": "typescript",
    "py": "python",
    "yml": "yaml",
    "golang": "go",
    "rs": "rust",
    "c++": "cpp",
}

_TOKEN_KINDS: tuple[tuple[_TokenType, str], ...] = (
    (Comment, "tok_comment"),
    (String, "tok_string"),
    (Keyword, "tok_keyword"),
    (Number, "tok_number"),
    (Name.Builtin, "tok_builtin"),
    (Name.Function, "tok_name"),
    (Name.Class, "tok_name"),
    (Name.Decorator, "tok_builtin"),
    (Name.Tag, "tok_keyword"),
    (Name.Attribute, "tok_name"),
    (Operator.Word, "tok_keyword"),
)


EAGER_LINES = 80  # code in these first lines is coloured at once (the first screen)
EAGER_CHARS = 3000  # ... and within these first characters (a screen of wrapped paragraphs)
_lexers: dict[str, object | None] = {}
_holding = False  # defer_lexers(True): the deferred lexers wait for load_deferred_lexers()
_load_due = False  # a turn of the event loop will build one of them
_deferred: set[str] = set()  # languages of the code below the first screen, not coloured yet
_highlighters: weakref.WeakSet[Any] = weakref.WeakSet()  # each has recolour_code()


def _lexer(language: str) -> object | None:
    if language in _lexers:
        return _lexers[language]
    from pygments.lexers import get_lexer_by_name  # its lexer map loads with the first fence
    from pygments.util import ClassNotFound

    name = _LANG_ALIASES.get(language.lower(), language.lower())
    lexer = None
    if name:
        try:
            lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
        except ClassNotFound:
            lexer = None
    _lexers[language] = lexer
    return lexer


def defer_lexers(hold: bool) -> None:
    """Hold the lexers of code below the first screen until `load_deferred_lexers()`
    (True), or let them be built on the next turns of the event loop (False)."""
    global _holding
    _holding = hold
    if not hold and _deferred:
        _schedule_load()


def load_deferred_lexers() -> None:
    """Build every lexer put off and re-colour its code now; holding ends."""
    global _holding
    _holding = False
    _recolour(set(_deferred))


# The languages most fenced in the technical posts Inkpost is for: `warm_lexers` builds
# them once the app has started, a turn at a time (17 lexers measured 286 ms of CPU and
# 4.8 MiB; these ten cost less), so that a post opened later shows its first screen's code
# in colour without building a lexer first.
COMMON_LANGUAGES = (
    "python", "rust", "go", "javascript", "typescript", "yaml", "bash", "sql", "toml", "json",
)  # fmt: skip
WARM_INTERVAL_MS = 40  # one lexer a turn, this far apart: typing goes between them


def warm_lexers(languages: Iterable[str] = COMMON_LANGUAGES) -> None:
    """Build the lexers of `languages` not built yet, one per turn of the event loop."""
    waiting = [language for language in languages if language not in _lexers]

    def next_one() -> None:
        while waiting:
            language = waiting.pop(0)
            if language not in _lexers:
                _lexer(language)
                break
        if waiting:
            QTimer.singleShot(WARM_INTERVAL_MS, next_one)

    if waiting:
        QTimer.singleShot(WARM_INTERVAL_MS, next_one)


def _schedule_load() -> None:
    global _load_due
    if not _holding and not _load_due:
        _load_due = True
        QTimer.singleShot(0, _load_one)


def _load_one() -> None:
    global _load_due
    _load_due = False
    if _holding or not _deferred:
        return
    _recolour({min(_deferred)})
    if _deferred:
        _schedule_load()


def _recolour(languages: set[str]) -> None:
    _deferred.difference_update(languages)
    for language in languages:
        _lexer(language)
    for highlighter in list(_highlighters):
        if shiboken6.isValid(highlighter):  # a closed post's highlighter may linger
            highlighter.recolour_code(languages)


def below_first_screen(block: QTextBlock) -> bool:
    """Is the block past the first screen (its code may wait for its lexer)?"""
    return block.blockNumber() >= EAGER_LINES or block.position() >= EAGER_CHARS


@lru_cache(maxsize=20_000)
def code_tokens(language: str, line: str) -> tuple[tuple[int, int, str], ...]:
    """(start, length, kind) runs for one line of code in `language` (str indices)."""
    lexer = _lexer(language)
    if lexer is None or not line:
        return ()
    runs: list[tuple[int, int, str]] = []
    position = 0
    for token_type, value in lexer.get_tokens(line):  # type: ignore[attr-defined]
        length = len(value)
        for parent, kind in _TOKEN_KINDS:
            if token_type in parent:
                runs.append((position, length, kind))
                break
        position += length
    return tuple(runs)


def built(language: str) -> bool:
    """Has the lexer of `language` been looked for (built, or found to be none)?"""
    return language in _lexers


def defer(language: str) -> None:
    """Colour this language's code once its lexer is built, on a later turn."""
    _deferred.add(language)
    _schedule_load()


def register(highlighter: Any) -> None:
    """A highlighter whose `recolour_code(languages)` runs when deferred lexers arrive."""
    _highlighters.add(highlighter)
