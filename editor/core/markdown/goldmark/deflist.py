"""Definition lists as Goldmark builds them, as markdown-it rules around mdit's deflist.

Several term lines (every line of the paragraph above the ":" line), ":" only at the
container's indent, one <dl> across blank lines, a <dd> after a blank line loose (and its
tag written without a newline when tight), terms trimmed as Goldmark trims them. A table
among the terms' lines is goldmark/tables.py's (`table_terms`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.markdown.goldmark.blocks import goldmark_trim
from editor.core.markdown.goldmark.chars import SPACE


def deflist_rule(state: StateCore) -> None:
    """Goldmark keeps one <dl> across blank lines; a <dd> after a blank line is loose."""
    tokens = state.tokens
    kept: list[Token] = []
    k = 0
    while k < len(tokens):
        if tokens[k].type == "dl_close" and k + 1 < len(tokens) and tokens[k + 1].type == "dl_open":
            k += 2
            continue
        kept.append(tokens[k])
        k += 1
    tokens[:] = kept
    lines = state.src.split("\n")
    for j, token in enumerate(tokens):
        if token.type != "dd_open" or not token.map:
            continue
        line = token.map[0]
        term_map = tokens[j - 3].map if j >= 3 else None
        if tokens[j - 1].type == "dt_close" and term_map:
            line = term_map[0] + 2  # mdit maps the first <dd> to its term's line
        loose = line > 0 and line - 1 < len(lines) and not lines[line - 1].strip()
        token.meta["tight"] = not loose  # Goldmark writes no newline after a tight <dd>
        # Goldmark turns only the first paragraph of a tight <dd> into bare text (its loop
        # stops after the first replacement)
        depth = 0
        closes_seen = 0
        for index in range(j + 1, len(tokens)):
            inner = tokens[index]
            if inner.type == "dd_close" and depth == 0:
                break
            depth += inner.nesting if inner.type not in ("paragraph_open", "paragraph_close") else 0
            if (
                inner.type in ("paragraph_open", "paragraph_close")
                and inner.level == token.level + 1
            ):
                inner.hidden = not loose and closes_seen == 0
                if inner.type == "paragraph_close":
                    closes_seen += 1


def is_definition_line(state: StateBlock, line: int) -> bool:
    """Goldmark's description marker: ":" at the container's own indent, then a space."""
    if line >= state.lineMax or state.sCount[line] != state.blkIndent:
        return False
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : start + 2] in (": ", ":\t")


def goldmark_deflist(rule: Any) -> Any:
    """mdit's deflist, but only with Goldmark's marker (no "~", no indented ":")."""

    def deflist(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent:
            return bool(rule(state, start_line, end_line, silent))
        line = start_line + 1
        if line < end_line and state.isEmpty(line):
            line += 1
        if not is_definition_line(state, line):
            return False
        # hide marker lines Goldmark would not take ("~", or ":" indented) from the rule,
        # as far as this list can reach (not to the end of the post: linear in the post)
        hidden: dict[int, int] = {}
        for other in range(start_line, _list_reach(state, start_line, end_line)):
            start = state.bMarks[other] + state.tShift[other]
            marker = state.src[start : start + 2]
            if marker in (": ", ":\t", "~ ", "~\t") and (
                not is_definition_line(state, other) or _after_other_block(state, other, start_line)
            ):
                hidden[other] = state.sCount[other]
                state.sCount[other] = -1
        last = state.tokens[-1] if state.tokens else None
        if last is not None and "raw_terms" in last.meta:  # the lines above this one
            raw = bool(last.meta["raw_terms"])
        else:
            raw = line == start_line + 1 and continues_list(state)
        first_token = len(state.tokens)
        try:
            made = bool(rule(state, start_line, end_line, silent))
        finally:
            for other, count in hidden.items():
                state.sCount[other] = count
        if made:
            _retrim_terms(state, first_token, raw)
        return made

    return deflist


def _retrim_terms(state: StateBlock, count: int, raw: bool) -> None:
    """The terms the deflist rule pushed from `count` on, trimmed as Goldmark trims them
    (term_text): the first group as `raw` says, every later one adds to the list."""
    tokens = state.tokens
    first = True
    for index in range(count, len(tokens) - 2):
        if tokens[index].type != "dt_open" or tokens[index].level != state.level + 1:
            continue
        inline = tokens[index + 1]
        if not inline.map:
            continue
        if not first:  # the ":" line right below, or after a blank line
            raw = not state.isEmpty(inline.map[0] + 1)
        first = False
        if raw:
            inline.content = term_text(state, inline.map[0], True)


def _has_marker(state: StateBlock, line: int) -> bool:
    """A ":" or "~" marker first on the line, at any indent (what mdit's deflist looks at)."""
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : start + 1] in (":", "~") and (
        start + 1 >= state.eMarks[line] or state.src[start + 1] in " \t"
    )


def _list_reach(state: StateBlock, start_line: int, end_line: int) -> int:
    """A line the definition list starting at `start_line` cannot go past (generous): after
    a blank line, a line not indented past the list that neither is a marker nor introduces
    a term (no marker on the next line, one blank line allowed)."""
    after_blank = False
    for line in range(start_line + 1, end_line):
        if state.isEmpty(line):
            after_blank = True
            continue
        if after_blank and state.sCount[line] <= state.blkIndent and not _has_marker(state, line):
            follower = line + 1
            if follower < end_line and state.isEmpty(follower):
                follower += 1
            if follower >= end_line or not _has_marker(state, follower):
                return line
        after_blank = False
    return end_line


_INTERRUPTS_RE = re.compile(
    r"#{1,6}(?:\s|$)|```|~~~|>|<|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|=+\s*$|-+\s*$"
)
# a setext underline, or a paragraph's text where no paragraph is above it ("--", "==")
_UNDERLINE_ONLY_RE = re.compile(r"(?:=+|--)[ \t]*$")


def _after_other_block(state: StateBlock, line: int, first: int) -> bool:
    """Is the term line above this ":" line (maybe across a blank) a heading, list item...?
    `first` is the line the definition list's rule runs on: a block starts there, so a
    "--" or "==" line there underlines nothing and is a term."""
    term = line - 1
    if term >= 0 and state.isEmpty(term):
        term -= 1
    if term < 0:
        return False
    text = state.src[state.bMarks[term] + state.tShift[term] : state.eMarks[term]]
    if _UNDERLINE_ONLY_RE.match(text):
        return term > first and not state.isEmpty(term - 1)
    return _INTERRUPTS_RE.match(text) is not None and not text.startswith("<")


def definition_stops_paragraph(
    state: StateBlock, start_line: int, end_line: int, silent: bool
) -> bool:
    """Only a terminator: Goldmark's ":" line interrupts a paragraph (and a setext heading)."""
    return silent and is_definition_line(state, start_line)


def _ends_paragraph(state: StateBlock, line: int, end_line: int, terminators: list[Any]) -> bool:
    """Does `line` end the paragraph above it (markdown-it's paragraph rule, line by line)?"""
    if state.sCount[line] - state.blkIndent > 3 or state.sCount[line] < 0:
        return False  # a lazy continuation line
    return any(rule(state, line, end_line, True) for rule in terminators)


def continues_list(state: StateBlock) -> bool:
    """Does a paragraph starting here follow a definition list (its previous sibling)?"""
    last = state.tokens[-1] if state.tokens else None
    return last is not None and last.type == "dl_close" and last.level == state.level


def term_text(state: StateBlock, line: int, raw: bool) -> str:
    """A term line's text. Goldmark trims the paragraph's lines when it closes, which the
    first terms' paragraph does before the ":" line opens the list, as does any paragraph
    ended by a blank line; the terms of a paragraph that adds to a list right above the
    ":" line (`raw`) lose only their trailing whitespace (" x" stays " x")."""
    text = state.getLines(line, line + 1, state.blkIndent, False)
    return text.rstrip(SPACE) if raw else goldmark_trim(text)


def push_terms(state: StateBlock, start: int, end: int, raw: bool = False) -> None:
    """A <dl> of the terms on lines start..end-1 alone (the core rule merges it with the
    next <dl>, which the deflist rule opens on the last term). `raw`: see term_text."""
    token = state.push("dl_open", "dl", 1)
    token.map = [start, end]
    for term in range(start, end):
        state.push("dt_open", "dt", 1).map = [term, term + 1]
        inline = state.push("inline", "", 0)
        inline.map = [term, term + 1]
        inline.content = term_text(state, term, raw)
        inline.children = []
        state.push("dt_close", "dt", -1)
    state.push("dl_close", "dl", -1).meta["raw_terms"] = raw


# A table among the terms' lines (tables.table_terms): (state, first line, the line after
# the paragraph, end line, a blank line before the ":" line?) -> whether it made the blocks
TableTerms = Callable[[StateBlock, int, int, int, bool], bool]


def terms_rule(tables: TableTerms | None) -> Callable[[StateBlock, int, int, bool], bool]:
    """Goldmark makes every line of a paragraph followed by ":" a term: the rule emits all
    but the last as their own <dl> (merged with the one the deflist rule opens on the last
    term). `tables` first gets the paragraph, to make a table of it as Goldmark would."""

    def multiline_terms(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent or state.sCount[start_line] - state.blkIndent >= 4:
            return False
        line = start_line + 1
        terminators = state.md.block.ruler.getRules("paragraph")
        blank = False
        while line < end_line and not state.isEmpty(line):
            if is_definition_line(state, line):
                break
            first = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
            if _INTERRUPTS_RE.match(first) or _ends_paragraph(state, line, end_line, terminators):
                return False  # another block starts inside: not a plain run of terms
            line += 1
        else:
            # the definition may also follow the terms after one blank line
            if not (line + 1 < end_line and is_definition_line(state, line + 1)):
                return False
            blank = True
        if line - start_line < 2:
            return False
        raw = not blank and continues_list(state)
        if tables is not None and tables(state, start_line, line, end_line, blank):
            return True
        push_terms(state, start_line, line - 1, raw)
        state.line = line - 1
        if state.sCount[line - 1] - state.blkIndent >= 4:
            # the paragraph's lazy line, no code: the deflist rule takes it as the last term
            state.sCount[line - 1] = state.sCount[start_line]
        return True

    return multiline_terms
