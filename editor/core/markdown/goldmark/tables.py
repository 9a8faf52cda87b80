"""Goldmark's tables where markdown-it's table rule reads the lines otherwise.

Goldmark makes a table out of a paragraph's lines when the paragraph closes (the table
extension's paragraph transformer); markdown-it's table rule starts a block of its own.
These wrappers give markdown-it's rule Goldmark's results: the whitespace a cell keeps at
its ends (`keep_cell_spaces`), rows that end where Goldmark's paragraph ends (a "===" line,
a definition's ":", `table_before_underline`), no setext heading made of a table's lines
(`no_setext_table`), and a table on a list item's or a quote's lazy lines (`lazy_tables`).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import escapedSplit, getLine
from markdown_it.token import Token

from editor.core.markdown.goldmark.blocks import goldmark_trim, is_definition_line

__all__ = ["keep_cell_spaces", "lazy_tables", "no_setext_table", "table_before_underline"]


def _table_cells(state: StateBlock, tokens: list[Token]) -> None:
    """A table's cells with the whitespace Goldmark keeps at their ends."""
    row = -1
    columns: list[str] = []
    index = 0
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        if token.map[0] != row:
            row, index = token.map[0], 0
            columns = escapedSplit(mdTrim(getLine(state, row)))
            if columns and columns[0] == "":
                columns.pop(0)
            if columns and columns[-1] == "":
                columns.pop()
        if index < len(columns):
            token.content = goldmark_trim(columns[index])
        index += 1


def keep_cell_spaces(table: Any) -> Any:
    """markdown-it's table rule, its cells keeping the whitespace Goldmark keeps at their
    ends (an ideographic space U+3000 stays)."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not table(state, start, end, silent):
            return False
        if not silent:
            _table_cells(state, state.tokens[count:])
        return True

    return wrapped


# --- a table that a setext underline follows ---------------------------------------------------

_EQUALS_LINE_RE = re.compile(r"=+[ \t]*")


def table_before_underline(table: Any) -> Any:
    """markdown-it's table rule, its rows ending before a "===" line or a definition's ":"
    line: Goldmark makes the table out of the paragraph they close, a setext underline left
    as a paragraph of its own (a "---" line is a thematic break already)."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not table(state, start, end, True):
            return False
        if silent:
            return True
        definitions = state.md.options["goldmark"].definition_list
        line = start + 2
        while line < end:
            text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
            if not text.strip(" \t"):
                break
            if state.sCount[line] - state.blkIndent < 4 and _EQUALS_LINE_RE.fullmatch(text):
                end = line
                break
            if definitions and is_definition_line(state, line):
                end = line  # a description's ":" ends Goldmark's paragraph, so its table
                break
            line += 1
        return bool(table(state, start, end, False))

    return wrapped


def no_setext_table(lheading: Any, table: Any) -> Any:
    """markdown-it's setext heading rule, leaving a table's lines to the table (Goldmark's
    table takes the paragraph's lines first; the heading would have none)."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if table(state, start, end, True):
            return False
        return bool(lheading(state, start, end, silent))

    return wrapped


# --- a table in a paragraph's lazy lines --------------------------------------------------------

_DELIMITER_CELL_RE = re.compile(r"[ \t]*:?-+:?[ \t]*")
_DELIMITER_CHARS = frozenset(" \t|-:")
_UNESCAPED_PIPE_RE = re.compile(r"(?<!\\)\|")
_SPLITTING = "goldmark_lazy_table"  # env key: a paragraph's rows are being parsed as a table


def _delimiter_cells(line: str) -> int:
    """How many columns `line` delimits as Goldmark's table delimiter row (0: not one)."""
    if not line or not _DELIMITER_CHARS.issuperset(line) or "-" not in line:
        return 0
    cells = line.split("|")
    if not cells[0].strip(" \t"):
        cells = cells[1:]
    if cells and not cells[-1].strip(" \t"):
        cells = cells[:-1]
    if not cells or not all(_DELIMITER_CELL_RE.fullmatch(cell) for cell in cells):
        return 0
    return len(cells)


def _header_cells(line: str) -> int:
    row = line.strip(" \t")
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return len(_UNESCAPED_PIPE_RE.split(row)) if row else 0


def lazy_tables(paragraph: Any) -> Any:
    """markdown-it's paragraph rule, with Goldmark's table made of its lines when markdown-it
    left them to the paragraph: the lazy continuation lines of a list item or a quote
    ("- item" then "| a |", "|---|" unindented). Goldmark's table transformer takes the
    paragraph's first delimiter row whose header has as many cells; the lines before it stay
    the paragraph, all the others are rows. The rows go through markdown-it's table rule."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not paragraph(state, start, end, silent):
            return False
        last = state.line
        if silent or last - start < 2 or len(state.tokens) != count + 3:
            return True
        if state.env.get(_SPLITTING):
            return True  # rows markdown-it's table rule refused, parsed again: a paragraph
        src = state.src
        if src.find("-", state.bMarks[start + 1], state.eMarks[last - 1]) < 0:
            return True  # no delimiter row without a "-"
        lines = [
            src[state.bMarks[j] + state.tShift[j] : state.eMarks[j]] for j in range(start, last)
        ]
        for k in range(1, len(lines)):
            if not lines[k] or lines[k][0] not in "|-:":
                continue
            if state.sCount[start + k] - state.blkIndent > 3:
                continue  # indented as code
            columns = _delimiter_cells(lines[k].rstrip(" \t"))
            if not columns:
                continue
            if _header_cells(lines[k - 1]) == columns:
                _split_off_table(state, count, start, start + k - 1, last, lines[k - 1 :])
            break  # Goldmark looks at the first delimiter row only
        return True

    return wrapped


def _split_off_table(
    state: StateBlock, count: int, start: int, header: int, last: int, rows: list[str]
) -> None:
    """Parse `rows` (lines header..last-1) as a table after the paragraph's first lines."""
    table: list[Token] = []
    state.env[_SPLITTING] = True  # the rows' own paragraph rule must not split them again
    try:
        state.md.block.parse("\n".join(rows) + "\n", state.md, state.env, table)
    finally:
        del state.env[_SPLITTING]
    if not table or table[0].type != "table_open" or table[-1].type != "table_close":
        return  # markdown-it's table rule reads them otherwise: the paragraph stays
    if sum(token.nesting == 1 and token.level == 0 for token in table) != 1:
        return
    for token in table:
        token.level += state.level
        if token.map:
            token.map = [token.map[0] + header, token.map[1] + header]
    opening, inline, _closing = state.tokens[count : count + 3]
    if header == start:
        del state.tokens[count : count + 3]
    else:
        opening.map = inline.map = [start, header]
        inline.content = goldmark_trim(state.getLines(start, header, state.blkIndent, False))
    state.tokens.extend(table)
