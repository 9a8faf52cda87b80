"""A faster MarkdownIt for the library's figures: the same tokens, fewer Python steps.

`speed_up(md)` changes how a MarkdownIt built by markdown.goldmark.build_markdown reaches its
tokens, never which tokens it makes (tests/core/markdown/test_figures_markdown.py compares
the two over the fixtures and hypothesis documents); the preview keeps the plain one.

* Block starts: markdown-it tries every block rule on every block's first line. Most rules
  fail at once unless that line (not indented as code) starts with their marker: a fence
  with "`" or "~", a list with "*", "-", "+" or a digit, and so on. Each line is offered
  only the rules its first character can start (the others would return False without
  touching the state).
* Inline text: markdown-it's inline parser ends its text rule at each terminator character
  (its own, and Goldmark's linkify stop after "www"); content with none of them is one text
  token whatever rules follow (the text rule comes first and takes it all; no delimiter is
  left for the post-processing rules), so that token is made directly.
* Terminators: with linkify, Goldmark's stop at a "." after "www" is a look-behind that
  keeps the regular expression engine from skipping ahead by character class (a search
  over 400 characters of prose: ~15 us against ~3 us); the text rule gets the same first
  stop from the class alone and a substring search for "www.".
* Normalizing: the source has no "\\r" left (the renderer replaced it); the NUL check
  is a substring test instead of two regular-expression passes.
* The typographer only looks at inline content where one of its triggers occurs (a text
  token's content is a piece of its inline token's content).
* Core rules that change nothing without their block run only when the source can hold
  it: the <dl> merge needs a ":" (Goldmark's definition marker), the list tightness fix a
  table, hence a "|" (markdown-it's table needs one in its header line), task boxes a "[".
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Sequence
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.markdown.goldmark.inline import WWW_STOP, typographer_rule

__all__ = ["speed_up"]

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# The first non-space characters a block rule can start on (a line not indented as code);
# a rule missing here may start on any line. "goldmark_dd_stop" only ever ends a paragraph.
_STARTS: dict[str, str] = {
    "code": "",
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "goldmark_dd_stop": "",
    "goldmark_attr_block": "{",
}


class _Dispatch:
    """The block rules to try on a line, by the line's first non-space character."""

    def __init__(self, names: Sequence[str], rules: Sequence[BlockRule]) -> None:
        self.all = list(rules)
        marked = set("".join(_STARTS.get(name, "") for name in names))
        self.by_char: dict[str, list[BlockRule]] = {
            ch: [
                rule
                for name, rule in zip(names, rules, strict=True)
                if name not in _STARTS or ch in _STARTS[name]
            ]
            for ch in marked
        }
        self.plain = [rule for name, rule in zip(names, rules, strict=True) if name not in _STARTS]


def _block_dispatch(md: MarkdownIt) -> _Dispatch:
    ruler = md.block.ruler
    names = [rule.name for rule in ruler.__rules__ if rule.enabled]
    rules = ruler.getRules("")
    if len(names) != len(rules):  # pragma: no cover - a markdown-it that compiles otherwise
        raise RuntimeError("block rules and their names do not match")
    return _Dispatch(names, rules)


def _tokenize(self: ParserBlock, state: StateBlock, start_line: int, end_line: int) -> None:
    """markdown-it's ParserBlock.tokenize, with the rules chosen by `_Dispatch`."""
    dispatch: _Dispatch = self._inkpost_dispatch  # type: ignore[attr-defined]
    by_char, plain, every = dispatch.by_char, dispatch.plain, dispatch.all
    line = start_line
    max_nesting = state.md.options.maxNesting
    has_empty = False
    src, b_marks, t_shift, s_count = state.src, state.bMarks, state.tShift, state.sCount

    while line < end_line:
        state.line = line = state.skipEmptyLines(line)
        if line >= end_line:
            break
        if s_count[line] < state.blkIndent:
            break
        if state.level >= max_nesting:
            state.line = end_line
            break

        if s_count[line] - state.blkIndent >= 4:
            rules = every
        else:
            rules = by_char.get(src[b_marks[line] + t_shift[line]], plain)
        ok = False
        for rule in rules:
            ok = rule(state, line, end_line, False)
            if ok:
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        if not ok:
            raise RuntimeError("none of the block rules matched")

        state.tight = not has_empty
        line = state.line
        if (line - 1) < end_line and state.isEmpty(line - 1):
            has_empty = True
        if line < end_line and state.isEmpty(line):
            has_empty = True
            line += 1
            state.line = line


class _Stop:
    """What the text rule reads of a match: where it starts."""

    __slots__ = ("_start",)

    def __init__(self, start: int) -> None:
        self._start = start

    def start(self) -> int:
        return self._start


class _Terminators:
    """Goldmark's terminator pattern (a character class, or one, then the "." after "www"),
    searched as the class and a substring: the same first stop, sooner."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.www = pattern.endswith(WWW_STOP)
        self.chars = re.compile(pattern[: -len(WWW_STOP)] if self.www else pattern)

    def search(self, src: str, pos: int = 0) -> _Stop | re.Match[str] | None:
        found = self.chars.search(src, pos)
        if not self.www:
            return found
        end = found.start() if found is not None else len(src)
        dot = src.find("www.", max(pos - 3, 0), end + 1)
        while 0 <= dot < pos - 3:  # a "www" that starts before `pos` and ends after it
            dot = src.find("www.", dot + 1, end + 1)
        if dot < 0:
            return found
        return _Stop(dot + 3)

    def plain(self, text: str) -> bool:
        """Whether `text` has no terminator at all."""
        return self.chars.search(text) is None and not (self.www and "www." in text)


def _normalize(state: StateCore) -> None:
    """markdown-it's normalize for a source without "\\r" (the renderer replaced it)."""
    if "\r" in state.src:  # pragma: no cover - the renderer never passes one
        state.src = state.src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in state.src:
        state.src = state.src.replace("\0", "\ufffd")


def _inline(state: StateCore) -> None:
    """markdown-it's core inline rule; content without a terminator is one text token."""
    md = state.md
    plain = cast(_Terminators, md.inline.terminator_re).plain
    parse = md.inline.parse
    env = state.env
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if content and plain(content):
            text = Token("text", "", 0)
            text.content = content
            token.children.append(text)
        else:
            parse(content, md, env, token.children)


def _typographer(state: StateCore) -> None:
    """The Goldmark typographer, past inline content it would leave as it is."""
    typographer_rule(state, triggered_only=True)


CoreRule = Callable[[StateCore], None]


def _when_source_has(text: str, rule: CoreRule) -> CoreRule:
    """`rule`, run only when the source holds `text`."""

    def guarded(state: StateCore) -> None:
        if text in state.src:
            rule(state)

    return guarded


# core rule -> the guard it gets (see the module docstring)
_GUARDS: dict[str, Callable[[CoreRule], CoreRule]] = {
    "goldmark_deflist": lambda rule: _when_source_has(":", rule),
    "goldmark_list_tightness": lambda rule: _when_source_has("|", rule),
    "goldmark_tasks": lambda rule: _when_source_has("[", rule),
}


def speed_up(md: MarkdownIt) -> MarkdownIt:
    """Make `md` (from build_markdown) reach the same tokens faster, as described above."""
    if md.inline.ruler.getRules("")[0].__name__ != "text":  # pragma: no cover
        raise RuntimeError("markdown-it's inline rules no longer start with the text rule")
    inline: Any = md.inline
    inline.terminator_re = _Terminators(md.inline.terminator_re.pattern)
    core: Any = md.core.ruler
    core.at("normalize", _normalize)
    core.at("inline", _inline)
    for rule in list(core.__rules__):
        if rule.name == "goldmark_typographer":
            core.at(rule.name, _typographer)
        elif rule.name in _GUARDS:
            core.at(rule.name, _GUARDS[rule.name](rule.fn))
    block: Any = md.block
    block._inkpost_dispatch = _block_dispatch(md)
    block.tokenize = types.MethodType(_tokenize, block)
    return md
