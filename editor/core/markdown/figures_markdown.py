"""A faster MarkdownIt for the library's figures: the same tokens, fewer Python steps.

`speed_up(md)` changes how a MarkdownIt built by markdown.goldmark.build_markdown reaches its
tokens, never which tokens it makes (tests/core/markdown/test_figures_markdown.py compares
the two over the fixtures and hypothesis documents); the preview keeps the plain one.

* Block starts: markdown-it tries every block rule on every block's first line. Most rules
  fail at once unless that line (not indented as code) starts with their marker: a fence
  with "`" or "~", a list with "*", "-", "+" or a digit, and so on. Each line is offered
  only the rules its first character can start (the others would return False without
  touching the state), and so is each next line of a paragraph among the rules that can end
  it (markdown-it's paragraph rule, otherwise unchanged).
* Rules a source cannot use: a setext heading needs an underline line ("=" or "-" alone), a
  definition list a line whose first character after container markers is ":" or "~"; a
  source without one is parsed without those rules (two substring-like searches per source;
  12 % fewer instructions in parsing a generated post, callgrind).
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
  table, hence a "-" (in its delimiter row), task boxes a "[".
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

from editor.core.markdown.goldmark.blocks import goldmark_trim
from editor.core.markdown.goldmark.inline import WWW_STOP
from editor.core.markdown.goldmark.tables import paragraph_tables
from editor.core.markdown.goldmark.typographer import typographer_rule

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
# The same for the rules that end a paragraph (called silent, on the paragraph's next line):
# a definition's marker there is ":" (Goldmark's) or "~" (the plugin's, inside a <dd>).
_TERMINATOR_STARTS: dict[str, str] = {**_STARTS, "goldmark_dd_stop": ":", "deflist": ":~"}

# Lines searched for in "\n" + the source (a pattern that starts with "\n" is searched by
# that character: ~10 times faster than "^" in MULTILINE mode). A definition's marker as the
# first character after container markers (quotes, list items, indentation): without one,
# no definition list starts or goes on anywhere. A setext heading's underline.
_CONTAINER = r"\n[ \t>*+\-0-9.)]*"
_DEFINITION_RE = re.compile(_CONTAINER + r"[:~]")
_UNDERLINE_RE = re.compile(_CONTAINER + r"(?:=+|-+)[ \t]*(?:\n|\Z)")

# Block rules that succeed only where the source has such a line (or character): a source
# without it is parsed without them, as block starts and as paragraph terminators.
_NEEDS: dict[str, Callable[[str], object]] = {
    "lheading": _UNDERLINE_RE.search,
    "goldmark_terms": _DEFINITION_RE.search,
    "deflist": _DEFINITION_RE.search,
    "goldmark_dd_stop": _DEFINITION_RE.search,
}
_STATE_RULES = "_inkpost_rules"  # the StateBlock attribute holding its source's _Rules


def _by_first_char(
    named: Sequence[tuple[str, BlockRule]], starts: dict[str, str]
) -> tuple[dict[str, list[BlockRule]], list[BlockRule]]:
    """The rules to try on a line by its first non-space character, and on any other line."""
    marked = set("".join(starts.get(name, "") for name, _rule in named))
    by_char = {
        ch: [rule for name, rule in named if name not in starts or ch in starts[name]]
        for ch in marked
    }
    return by_char, [rule for name, rule in named if name not in starts]


class _Rules:
    """The block rules and paragraph terminators to try on a line of one source."""

    def __init__(
        self, block: Sequence[tuple[str, BlockRule]], terminators: Sequence[tuple[str, BlockRule]]
    ) -> None:
        self.every = [rule for _name, rule in block]
        self.by_char, self.plain = _by_first_char(block, _STARTS)
        self.ends_by_char, self.ends = _by_first_char(terminators, _TERMINATOR_STARTS)


class _RuleSets:
    """A MarkdownIt's block rules, as a `_Rules` for each source (by the rules it can use)."""

    def __init__(self, md: MarkdownIt) -> None:
        ruler = md.block.ruler
        enabled = [rule for rule in ruler.__rules__ if rule.enabled]
        block = [(rule.name, rule.fn) for rule in enabled]
        terminators = [(rule.name, rule.fn) for rule in enabled if "paragraph" in rule.alt]
        if [fn for _n, fn in block] != ruler.getRules("") or [
            fn for _n, fn in terminators
        ] != ruler.getRules("paragraph"):  # pragma: no cover - a markdown-it compiling otherwise
            raise RuntimeError("markdown-it's rule chains are not its enabled rules in order")
        names = {name for name, _fn in block}
        paragraph = paragraph_tables(_paragraph) if md.options["goldmark"].table else _paragraph
        self._block = [(name, paragraph if name == "paragraph" else fn) for name, fn in block]
        self._terminators = terminators
        self._needs = [(name, found) for name, found in _NEEDS.items() if name in names]
        self._made: dict[frozenset[str], _Rules] = {}

    def for_source(self, src: str) -> _Rules:
        lines = "\n" + src
        unused = frozenset(name for name, found in self._needs if not found(lines))
        rules = self._made.get(unused)
        if rules is None:
            rules = self._made[unused] = _Rules(
                [(name, fn) for name, fn in self._block if name not in unused],
                [(name, fn) for name, fn in self._terminators if name not in unused],
            )
        return rules


def _rules_of(state: StateBlock) -> _Rules:
    """The rules for this state's source (chosen once per state)."""
    rules: _Rules | None = getattr(state, _STATE_RULES, None)
    if rules is None:
        sets: _RuleSets = state.md.block._inkpost_rule_sets  # type: ignore[attr-defined]
        rules = sets.for_source(state.src)
        setattr(state, _STATE_RULES, rules)
    return rules


def _tokenize(self: ParserBlock, state: StateBlock, start_line: int, end_line: int) -> None:
    """markdown-it's ParserBlock.tokenize, with the rules chosen by `_Rules`."""
    chosen = _rules_of(state)
    by_char, plain, every = chosen.by_char, chosen.plain, chosen.every
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


def _paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's paragraph rule, offering each next line only the terminators its first
    character can start."""
    chosen = _rules_of(state)
    ends_by_char, ends = chosen.ends_by_char, chosen.ends
    src = state.src
    next_line = start_line + 1
    end_line = state.lineMax
    old_parent_type = state.parentType
    state.parentType = "paragraph"

    while next_line < end_line:  # line by line until an empty one or the end
        first = state.bMarks[next_line] + state.tShift[next_line]
        if first >= state.eMarks[next_line]:
            break
        # indented as code, or a blockquote's lazy line: a continuation whatever it holds
        indent = state.sCount[next_line]
        if indent - state.blkIndent > 3 or indent < 0:
            next_line += 1
            continue
        if any(
            rule(state, next_line, end_line, True) for rule in ends_by_char.get(src[first], ends)
        ):
            break
        next_line += 1

    content = goldmark_trim(state.getLines(start_line, next_line, state.blkIndent, False))
    state.line = next_line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, state.line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, state.line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent_type
    return True


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
    "goldmark_list_tightness": lambda rule: _when_source_has("-", rule),
    "goldmark_tasks": lambda rule: _when_source_has("[", rule),
    "goldmark_task_markers": lambda rule: _when_source_has("[", rule),
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
    block._inkpost_rule_sets = _RuleSets(md)
    block.tokenize = types.MethodType(_tokenize, block)
    return md
