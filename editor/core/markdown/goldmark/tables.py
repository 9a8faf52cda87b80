"""Goldmark's tables (extension/table.go), made where Goldmark makes them: out of a
paragraph's lines when the paragraph closes (a paragraph transformer), not by a block rule
of their own (markdown-it's table rule is off).

The transformer takes the paragraph's first delimiter row ("|-:|", or "-:" without a pipe),
if the line above it has no more cells than the row has columns: that line is the header,
every later line of the paragraph a row, the lines before the header stay the paragraph.
A paragraph closes in three ways, each with its rule here:

* on a blank line or another block (`paragraph_tables`, around the paragraph rule): the
  table follows what is left of the paragraph;
* on a setext underline (`setext_tables`, around the setext heading rule): the paragraph's
  lines are trimmed first, the table comes first and the heading, made of the lines before
  the header, after it; with no such line the underline is read again on its own ("---" a
  thematic break, "===" a paragraph, "-" a list);
* on a definition's ":" line (`table_terms`, the hook of blocks.terms_rule): the same, the
  definition list of the lines before the header after the table (none: the ":" line is
  read again).

`cell_code_pipes` gives a code span in a cell its escaped pipes ("`a\\|b`" shows "a|b");
`item_columns` (around the list rule) keeps the columns where the text of the list items
around starts: a delimiter row indented 4 columns is none, counted as Goldmark counts a lazy
line's indentation.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

from editor.core.markdown.goldmark.blocks import goldmark_trim
from editor.core.markdown.goldmark.chars import LINE_SPACE, SPACE
from editor.core.markdown.goldmark.deflist import push_terms

__all__ = [
    "cell_code_pipes",
    "item_columns",
    "paragraph_tables",
    "setext_tables",
    "table_terms",
]

# isTableDelim's characters (util.IsSpace, "-", "|", ":"); a column as parseDelimiter's
# expressions take it (Go's \s: no "\v")
_DELIMITER_CHARS = frozenset(SPACE + "-|:")
_COLUMN_RE = re.compile(r"[\t\n\f\r ]*(:?)-+(:?)[\t\n\f\r ]*")
_UNESCAPED_PIPE_RE = re.compile(r"(?<!\\)\|")
_ALIGN = {(False, False): "", (True, False): "left", (False, True): "right", (True, True): "center"}
# Cells a table adds to its short rows: beyond, its rows end (markdown-it's own limit, 64 Ki:
# a wide delimiter row over many one-cell lines would grow the page without bound)
MAX_PADDED_CELLS = 0x10000
_CODE_PIPES = "goldmark_cell_code_pipes"  # env key: a cell has "\|" in a code span
_ITEM_COLUMNS = "_goldmark_item_columns"  # the StateBlock attribute of item_columns' list


class _Table(NamedTuple):
    header: int  # the header's line
    aligns: list[str]
    rows: list[list[str]]  # the header's cells, then each row's (no more than the columns)
    stop: int  # the line after the last row


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _indent(state: StateBlock, line: int) -> int:
    """The indentation of a paragraph line as Goldmark keeps it in the line: past what its
    containers took. A lazy line (less indented than its list item's text, or without its
    quote's ">") keeps what the list items around that go on took: the deepest one whose
    text starts at or before the line's first character (`item_columns`)."""
    count = state.sCount[line]
    if count >= state.blkIndent:
        return count - state.blkIndent
    if count < 0:  # a quote's lazy line: markdown-it keeps no count
        count = 0
        for ch in state.src[state.bMarks[line] : state.bMarks[line] + state.tShift[line]]:
            count = count + 4 - count % 4 if ch == "\t" else count + 1
    columns: list[int] = getattr(state, _ITEM_COLUMNS, [])
    return count - max((column for column in columns if column <= count), default=0)


def item_columns(rule: Any) -> Any:
    """markdown-it's list rule, noting the column where the text of the list item around
    the list starts (its blkIndent) while the list's items are parsed (for `_indent`)."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent:
            return bool(rule(state, start, end, silent))
        columns: list[int] | None = getattr(state, _ITEM_COLUMNS, None)
        if columns is None:
            columns = []
            setattr(state, _ITEM_COLUMNS, columns)
        columns.append(state.blkIndent)
        try:
            return bool(rule(state, start, end, silent))
        finally:
            columns.pop()

    return wrapped


def _delimiter(text: str, indent: int, newline: bool) -> list[str] | None:
    """Goldmark's parseDelimiter: the columns' alignments a delimiter row gives, None for a
    line that is none. `text` is the line from its first non-space character; `indent` and
    `newline` tell whether the line as Goldmark has it starts with whitespace or ends with
    its newline (a line of "-" alone is no delimiter row, isTableDelim's "allSep")."""
    if indent > 3 or not _DELIMITER_CHARS.issuperset(text):
        return None
    if not indent and not newline and not text.strip("-"):
        return None
    columns = text.split("|")
    if not columns[0].strip(SPACE):
        columns.pop(0)
    if columns and not columns[-1].strip(SPACE):
        columns.pop()
    aligns = []
    for column in columns:
        match = _COLUMN_RE.fullmatch(column)
        if match is None:
            return None
        aligns.append(_ALIGN[bool(match.group(1)), bool(match.group(2))])
    return aligns or None


def _cells(text: str) -> list[str]:
    """Goldmark's parseRow: a row's cells, trimmed, their escaped pipes kept ("\\|"); one
    pipe at each end is no separator, escaped or not."""
    line = text.strip(SPACE)
    start = 1 if line.startswith("|") else 0
    stop = len(line) - 1 if line.endswith("|") else len(line)
    if start >= stop:
        return []
    cells = _UNESCAPED_PIPE_RE.split(line[start:stop])
    if not cells[-1]:
        cells.pop()  # the row ended on a separator: no cell after it
    return [goldmark_trim(cell) for cell in cells]


def _find_table(state: StateBlock, start: int, end: int, *, trimmed: bool) -> _Table | None:
    """The table Goldmark's transformer makes of the paragraph on lines start..end-1, or
    None. `trimmed`: the paragraph was closed first (a setext underline, a definition), its
    lines trimmed at the start, its last one at the end too."""
    src, b_marks, t_shift, e_marks = state.src, state.bMarks, state.tShift, state.eMarks
    for line in range(start + 1, end):
        first = b_marks[line] + t_shift[line]
        if first >= e_marks[line] or src[first] not in "|-:":
            continue  # a delimiter row starts with one of them
        text = src[first : e_marks[line]]
        newline = e_marks[line] < len(src)
        if trimmed and line == end - 1:
            text, newline = text.rstrip(SPACE), False
        aligns = _delimiter(text, 0 if trimmed else _indent(state, line), newline)
        if aligns is None:
            continue
        columns = len(aligns)
        header = _cells(_text(state, line - 1))
        if len(header) > columns:
            return None  # Goldmark looks at the first delimiter row only
        rows = [header]
        padded = 0
        row = line + 1
        while row < end:
            cells = _cells(_text(state, row))[:columns]
            padded += columns - len(cells)
            if padded > MAX_PADDED_CELLS:
                break
            rows.append(cells)
            row += 1
        return _Table(line - 1, aligns, rows, row)
    return None


def _push_table(state: StateBlock, table: _Table, begin: int) -> None:
    """The table's tokens, as markdown-it's table rule makes them; `begin` is the first line
    of its map (Goldmark gives the table the paragraph's position). A cell the row lacks has
    no alignment (a new TableCell)."""
    token = state.push("table_open", "table", 1)
    token.map = [begin, table.stop]
    for index, cells in enumerate(table.rows):
        line = table.header if index == 0 else table.header + index + 1
        if index < 2:
            group = "thead" if index == 0 else "tbody"
            token = state.push(f"{group}_open", group, 1)
            token.map = [line, line + 1 if index == 0 else table.stop]
        token = state.push("tr_open", "tr", 1)
        token.map = [line, line + 1]
        tag = "th" if index == 0 else "td"
        for column, align in enumerate(table.aligns):
            token = state.push(f"{tag}_open", tag, 1)
            if column >= len(cells):
                state.push(f"{tag}_close", tag, -1)
                continue
            if align:
                token.attrs = {"style": "text-align:" + align}
            inline = state.push("inline", "", 0)
            inline.map = [line, line + 1]
            inline.content = cells[column]
            inline.children = []
            if "\\|" in inline.content and "`" in inline.content:
                inline.meta["code_pipes"] = True
                state.env[_CODE_PIPES] = True
            state.push(f"{tag}_close", tag, -1)
        state.push("tr_close", "tr", -1)
        if index == 0:
            state.push("thead_close", "thead", -1)
    if len(table.rows) > 1:
        state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)


def _push_paragraph(state: StateBlock, start: int, end: int) -> None:
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, end]
    inline = state.push("inline", "", 0)
    inline.map = [start, end]
    inline.content = goldmark_trim(state.getLines(start, end, state.blkIndent, False))
    inline.children = []
    state.push("paragraph_close", "p", -1)


def cell_code_pipes(state: StateCore) -> None:
    """After inline parsing: a code span in a cell loses the "\\" of its escaped pipes
    (Goldmark's table AST transformer); elsewhere in the cell "\\|" is an escape as usual."""
    if not state.env.get(_CODE_PIPES):
        return
    for token in state.tokens:
        if token.type == "inline" and token.meta.get("code_pipes"):
            for child in token.children or []:
                if child.type == "code_inline":
                    child.content = child.content.replace("\\|", "|")


# --- where a paragraph closes ---------------------------------------------------------------


def paragraph_tables(paragraph: Any) -> Any:
    """markdown-it's paragraph rule, its lines made a table as Goldmark's paragraph
    transformer does when a blank line or another block closes the paragraph: the lines
    before the header stay the paragraph (if any), the table follows."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not paragraph(state, start, end, silent):
            return False
        last = state.line
        if silent or last - start < 2 or len(state.tokens) != count + 3:
            return True
        if state.src.find("-", state.bMarks[start + 1], state.eMarks[last - 1]) < 0:
            return True  # every delimiter row has a "-"
        table = _find_table(state, start, last, trimmed=False)
        if table is None:
            return True
        del state.tokens[count:]
        if table.header > start:
            _push_paragraph(state, start, table.header)
        _push_table(state, table, table.header)
        state.line = table.stop  # before `last` only past MAX_PADDED_CELLS
        return True

    return wrapped


def _heading_text(state: StateBlock, start: int, end: int, linkify: bool) -> str:
    """A setext heading's text from the lines before a table's header: Goldmark trimmed
    their starts and took the last one's newline off, not the spaces before it; its inline
    parser keeps all but the last of them when linkify (triggered by a space) cut the text
    there."""
    text = state.getLines(start, end, state.blkIndent, False).lstrip(SPACE)
    kept = text.rstrip(LINE_SPACE)
    return text[: max(len(text) - 1, len(kept))] if linkify else kept


def setext_tables(lheading: Any) -> Any:
    """markdown-it's setext heading rule, the paragraph it takes made a table first, as
    Goldmark does when an underline closes a paragraph: the table, then the heading of the
    lines before its header; without such lines no heading, the underline read again."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not lheading(state, start, end, silent):
            return False
        underline = state.line - 1
        if silent or underline - start < 2 or len(state.tokens) != count + 3:
            return True
        table = _find_table(state, start, underline, trimmed=True)
        if table is None:
            return True
        heading = state.tokens[count:]
        del state.tokens[count:]
        if table.stop < underline:  # rows past MAX_PADDED_CELLS: the rest read again
            if table.header > start:
                _push_paragraph(state, start, table.header)
            _push_table(state, table, table.header)
            state.line = table.stop
            return True
        _push_table(state, table, start)
        if table.header == start:
            state.line = underline
            return True
        inline = heading[1]
        inline.map = [start, table.header]
        linkify = state.md.options["goldmark"].linkify
        inline.content = _heading_text(state, start, table.header, linkify)
        state.tokens.extend(heading)
        return True

    return wrapped


def table_terms(state: StateBlock, start: int, line: int, end: int, blank: bool) -> bool:
    """Goldmark's table in the paragraph on lines start..line-1 that a definition's ":"
    line closes (blocks.terms_rule's hook): the table, then the definition list whose terms
    are the lines before the header (none: the ":" line read again). With a blank line
    before the ":", the paragraph closed on the blank line, as `paragraph_tables` has it
    (and the table ends the list's chances). A ":" after a definition list's paragraph adds
    to that list: Goldmark makes terms of all the lines, no table."""
    if state.src.find("-", state.bMarks[start + 1], state.eMarks[line - 1]) < 0:
        return False  # every delimiter row has a "-"
    last = state.tokens[-1] if state.tokens else None
    if not blank and last is not None and last.type == "dl_close" and last.level == state.level:
        return False
    table = _find_table(state, start, line, trimmed=not blank)
    if table is None:
        return False
    if blank or table.stop < line:
        if table.header > start:
            _push_paragraph(state, start, table.header)
        _push_table(state, table, table.header)
        state.line = table.stop
        return True
    _push_table(state, table, start)
    state.line = line
    if table.header > start:
        _push_last_terms(state, start, table.header, line, end)
    return True


_MARKS = ("bMarks", "eMarks", "tShift", "sCount", "bsCount")


def _push_last_terms(state: StateBlock, start: int, header: int, definition: int, end: int) -> None:
    """The terms on lines start..header-1 and the definitions from line `definition` on,
    through the definition list rule: it reads its term on the line above the ":" line, so
    that line (a table row, taken already) shows the last term while the rule runs."""
    if header - 1 > start:
        push_terms(state, start, header - 1)
    ruler = state.md.block.ruler
    deflist = ruler.__rules__[ruler.__find__("deflist")].fn
    term, above = header - 1, definition - 1
    saved = [getattr(state, name)[above] for name in _MARKS]
    for name in _MARKS:
        marks = getattr(state, name)
        marks[above] = marks[term]
    state.sCount[above] = state.blkIndent  # an indented term line: no code for the rule
    count = len(state.tokens)
    try:
        made = deflist(state, above, end, False)
    finally:
        for name, value in zip(_MARKS, saved, strict=True):
            getattr(state, name)[above] = value
    if not made:  # pragma: no cover - the rule takes any line before a ":" line
        _push_paragraph(state, term, header)
        state.line = definition
        return
    for token in state.tokens[count:]:
        if token.map and token.map[0] == above:
            token.map = [term, max(token.map[1], term + 1)]
