"""Hugo's `markup.highlight.guessSyntax`: Chroma's `lexers.Analyse`, as Hugo 0.168 calls it.

With guessSyntax on, a fenced block without a language, or with one Chroma does not know, is
highlighted with the lexer whose analyser scores its text highest (more than 0; the first
registered wins a tie), else with Chroma's plain "fallback" lexer; the block's language is
then that lexer's name in lower case (`language-bash`, `language-fallback`).

Chroma 2.27 has twelve analysers that take part (those of ERB and PHP sit on the inner lexer
of a delegating one and never run). Each is copied here in Chroma's registration order: the
lexers of lexers/embedded/*.xml in file name order, then Go's. A regex analyser of an XML
lexer adds up the scores of its patterns found in the text (float32, at most 1.0), or with
`first="true"` gives the first found pattern's. This is Chroma's guess, oddities included:
Go code with a `func` and no `fmt.` is "gdscript3". Patterns that would backtrack over a
long block (`^\\s*` across blank lines) are written so they take linear time, same matches.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable

__all__ = ["FALLBACK", "guess_language"]

FALLBACK = "fallback"


def _f32(value: float) -> float:
    """`value` as a Go float32."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _regexes(
    patterns: tuple[tuple[str, float], ...], *, first: bool = False, flags: int = 0
) -> Callable[[str], float]:
    compiled = [(re.compile(pattern, flags), _f32(score)) for pattern, score in patterns]

    def analyse(text: str) -> float:
        total = 0.0
        for regex, score in compiled:
            if regex.search(text):
                if first:
                    return min(score, 1.0)
                total = _f32(total + score)
        return min(total, 1.0)

    return analyse


_ZONE_RE = re.compile(r"(?m)^@\s+IN\s+SOA\s+")
_BACKTICK_NAME_RE = re.compile(r"`[a-zA-Z_]\w*`")
_BRACKET_NAME_RE = re.compile(r"\[[a-zA-Z_]\w*\]")


def _dns(text: str) -> float:
    return 1.0 if _ZONE_RE.search(text) else 0.0


def _mysql(text: str) -> float:
    backticks = len(_BACKTICK_NAME_RE.findall(text))
    brackets = len(_BRACKET_NAME_RE.findall(text))
    if backticks + brackets >= 1 and backticks >= 2 * brackets:
        return 0.5
    if backticks > brackets:
        return 0.2
    return 0.1 if backticks > 0 else 0.0


def _zed(text: str) -> float:
    definition, relation = "definition " in text, "relation " in text
    if definition and relation and "permission " in text:
        return 0.9
    if definition or relation:
        return 0.5
    return 0.25 if "permission " in text else 0.0


_TEMPL_RE = re.compile(r"(?m)^[^\S\n]*templ\s+[A-Za-z_]\w*\s*\(")
_PACKAGE_RE = re.compile(r"(?m)^[^\S\n]*package\s+\w+")
_TEMPL_LINE_RE = re.compile(r"(?m)^[^\S\n]*templ\s+")


def _templ(text: str) -> float:
    """Templ's two patterns, `(?m)^\\s*templ\\s+[A-Za-z_]\\w*\\s*\\(` (0.7) and
    `(?m)^\\s*package\\s+\\w+[\\s\\S]*^\\s*templ\\s+` (0.5), without their backtracking: a
    line's `^\\s*` reaching over earlier lines finds what `^[^\\S\\n]*` finds from the line's
    own start, and the second is a package line, then a templ line after its first."""
    score = _f32(0.7) if _TEMPL_RE.search(text) else 0.0
    package = _PACKAGE_RE.search(text)
    if package is not None and _TEMPL_LINE_RE.search(text, package.end()):
        score = _f32(score + _f32(0.5))
    return min(score, 1.0)


def _go(text: str) -> float:
    if "package " in text:
        return 0.5 if "fmt." in text else 0.1
    return 0.0


_ANALYSERS: tuple[tuple[str, Callable[[str], float]], ...] = (
    ("bash", _regexes((("(?m)^#!.*/bin/(?:env |)(?:bash|zsh|sh|ksh)", 1.0),), first=True)),
    ("c++", _regexes((("#include <[a-z_]+>", 0.2), ("using namespace ", 0.4)), first=True)),
    (
        "c",
        _regexes(
            (("(?m)^[^\\S\\n]*#include <", 0.1), ("(?m)^[^\\S\\n]*#ifn?def ", 0.1)), first=True
        ),
    ),
    ("dns", _dns),
    ("gdscript", _regexes((("^export", 0.1),))),
    (
        "gdscript3",
        _regexes(
            (
                ("func (_ready|_init|_input|_process|_unhandled_input)", 0.8),
                ("(extends |class_name |onready |preload|load|setget|func [^_])", 0.4),
                ("(var|const|enum|export|signal|tool)", 0.2),
            )
        ),
    ),
    ("mysql", _mysql),
    (
        "nu",
        _regexes(
            (("(?m)^#!.*/bin/(?:env(?: -[a-zA-Z0-9]+)*(?: --[a-zA-Z0-9-=]+)* |)nu", 1.0),),
            first=True,
        ),
    ),
    (
        "rpgle",
        _regexes(
            (
                ("\\*\\*free", 0.9),
                ("ctl-opt", 0.9),
                ("dcl-(ds|s|f|proc|pr|pi)", 0.9),
                ("\\*in[0-9][0-9]", 0.5),
            ),
            flags=re.IGNORECASE,
        ),
    ),
    ("templ", _templ),
    ("zed", _zed),
    ("go", _go),
)


def guess_language(code: str) -> str:
    """The language Chroma guesses for `code` (lower case), or FALLBACK."""
    picked, highest = FALLBACK, 0.0
    for name, analyse in _ANALYSERS:
        score = analyse(code)
        if score > highest:
            picked, highest = name, score
    return picked
