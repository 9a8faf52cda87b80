"""Goldmark's block-level behaviour that markdown-it lacks, as markdown-it rules.

Attribute blocks (`{.class #id}` on the line below a block, parser.attribute.block), the
`{...}` parser shared with heading attributes, definition lists as Goldmark builds them
(several term lines, ":" only at the container's indent, one <dl> across blank lines, a
<dd> after a blank line is loose), list tightness (a table after a blank line does not make
a list loose), task-list checkboxes, standalone images without their <p>, and the
whitespace a block's text keeps at its ends (Goldmark trims ASCII whitespace only). Tables'
own rules are in goldmark/tables.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.markdown.goldmark.chars import SPACE

# --- attribute syntax {#id .class key=value} ---------------------------------------------

_ATTR_BLOCK_RE = re.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
_ATTR_ITEM_RE = re.compile(
    r"""\s*(?:\#([^\s#.{}="']+)|\.([^\s#.{}="']+)|([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`{}]+))"""
)
GLOBAL_ATTRS = frozenset(
    [
        "accesskey",
        "autocapitalize",
        "autofocus",
        "class",
        "contenteditable",
        "dir",
        "draggable",
        "enterkeyhint",
        "hidden",
        "id",
        "inert",
        "inputmode",
        "is",
        "itemid",
        "itemprop",
        "itemref",
        "itemscope",
        "itemtype",
        "lang",
        "part",
        "role",
        "slot",
        "spellcheck",
        "style",
        "tabindex",
        "title",
        "translate",
        "align",
    ]
)


def parse_attribute_block(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """Split "Custom {#my-id .cls}" into ("Custom", [("id", "my-id"), ("class", "cls")])."""
    match = _ATTR_BLOCK_RE.search(text)
    if match is None or "{" in text[: match.start()].rstrip()[-1:]:
        return None
    body = match.group(1)
    pos = 0
    attrs: list[tuple[str, str]] = []
    classes: list[str] = []
    while pos < len(body):
        if not body[pos:].strip():
            break
        item = _ATTR_ITEM_RE.match(body, pos)
        if item is None or item.end() == pos:
            return None
        pos = item.end()
        ident, cls, key, value = item.groups()
        if ident is not None:
            attrs.append(("id", ident))
        elif cls is not None:
            if not classes:
                attrs.append(("class", ""))
            classes.append(cls)
        else:
            if value[:1] in "\"'":
                value = value[1:-1]
            attrs.append((key, value))
    if not attrs:
        return None
    attrs = [(k, " ".join(classes) if k == "class" and not v else v) for k, v in attrs]
    return text[: match.start()].rstrip(" \t\n"), attrs


# --- block attributes (parser.attribute.block) ---------------------------------------------

_ATTR_LINE_RE = re.compile(r" {0,3}\{[^{}\n]*\}[ \t]*$")


def attr_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A line "{.class #id key=value}" gives its attributes to the block just above."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[state.bMarks[start_line] : state.eMarks[start_line]]
    if state.src[start : start + 1] != "{" or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    if not _ATTR_LINE_RE.match(line):
        return False
    parsed = parse_attribute_block(line.strip())
    if parsed is None or parsed[0]:
        return False
    if silent:
        return True
    token = state.push("attrs_block", "", 0)
    token.map = [start_line, start_line + 1]
    token.meta = {"attrs": parsed[1]}
    token.hidden = True
    state.line = start_line + 1
    return True


_ATTR_TARGETS = frozenset(
    (
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "table_open",
        "blockquote_open",
        "heading_open",
        "hr",
        "dl_open",
    )
)


def attr_block_rule(state: StateCore) -> None:
    """Move each attribute line's attributes to the block right above it (else drop it)."""
    tokens = state.tokens
    keep: list[Token] = []
    lines: list[str] | None = None
    for token in tokens:
        if token.type != "attrs_block":
            keep.append(token)
            continue
        if lines is None:
            lines = state.src.split("\n")
        line = token.map[0] - 1 if token.map else -1
        if line < 0 or not lines[line].strip():
            continue  # after a blank line: it belongs to nothing and is dropped
        target = _block_above(keep, token)
        if target is not None and target.type in _ATTR_TARGETS:
            if target.type == "heading_open":
                target.meta.setdefault("block_attrs", []).extend(token.meta["attrs"])
            else:
                for key, value in token.meta["attrs"]:
                    target.attrs[key] = value
    state.tokens = keep


def _block_above(tokens: list[Token], attrs: Token) -> Token | None:
    """The block at the attribute line's level that ends on the line just before it."""
    if not tokens or not attrs.map:
        return None
    last = tokens[-1]
    if last.level != attrs.level:
        return None
    if last.nesting == 0:
        opener: Token | None = last
    else:
        depth = 0
        opener = None
        for token in reversed(tokens):
            depth += token.nesting
            if depth == 0:
                opener = token
                break
    if opener is None or not opener.map or opener.map[1] < attrs.map[0]:
        return None
    return opener


# --- definition lists ---------------------------------------------------------------------


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


# --- list tightness -----------------------------------------------------------------------


def _blank(lines: list[str], line: int) -> bool:
    return 0 <= line < len(lines) and not lines[line].strip(" \t>")


def _goldmark_tight(tokens: list[Token], start: int, lines: list[str]) -> bool:
    """Goldmark's verdict for the list opened at `start`: a blank line before an item (but
    the first) or before an item's later child makes it loose, except before a table (the
    table extension builds a new node that forgets the blank line)."""
    level = tokens[start].level
    first_item = True
    i = start + 1
    while i < len(tokens) and not (tokens[i].level == level and tokens[i].nesting == -1):
        token = tokens[i]
        if token.type == "list_item_open" and token.level == level + 1:
            if not first_item and token.map and _blank(lines, token.map[0] - 1):
                return False
            first_item = False
            first_child = True
        elif token.level == level + 2 and token.nesting >= 0 and token.map:
            if not first_child and token.type != "table_open" and _blank(lines, token.map[0] - 1):
                return False
            first_child = False
        i += 1
    return True


def tightness_rule(state: StateCore) -> None:
    tokens = state.tokens
    lines: list[str] | None = None
    for i, token in enumerate(tokens):
        if token.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        items = [t for t in tokens[i + 1 :] if t.level == token.level + 2]
        if not any(t.type == "table_open" for t in items):
            continue
        if any(t.type == "paragraph_open" and t.hidden for t in items):
            continue  # markdown-it already calls it tight
        if lines is None:
            lines = state.src.split("\n")
        if _goldmark_tight(tokens, i, lines):
            for t in tokens[i + 1 :]:
                if t.level == token.level and t.nesting == -1:
                    break
                if t.level == token.level + 2 and t.type in ("paragraph_open", "paragraph_close"):
                    t.hidden = True


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
                not is_definition_line(state, other) or _after_other_block(state, other)
            ):
                hidden[other] = state.sCount[other]
                state.sCount[other] = -1
        last = state.tokens[-1] if state.tokens else None
        if last is not None and "raw_terms" in last.meta:  # the lines above this one
            raw = bool(last.meta["raw_terms"])
        else:
            raw = line == start_line + 1 and continues_list(state)
        count = len(state.tokens)
        try:
            made = bool(rule(state, start_line, end_line, silent))
        finally:
            for other, count in hidden.items():
                state.sCount[other] = count
        if made:
            _retrim_terms(state, count, raw)
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


def _after_other_block(state: StateBlock, line: int) -> bool:
    """Is the term line above this ":" line (maybe across a blank) a heading, list item...?"""
    term = line - 1
    if term >= 0 and state.isEmpty(term):
        term -= 1
    if term < 0:
        return False
    text = state.src[state.bMarks[term] + state.tShift[term] : state.eMarks[term]]
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


# --- task lists ---------------------------------------------------------------------------

_TASK_RE = re.compile(r"\[([ \t\n\r\f\vxX])\][ \t\n\r\f\v]*")


def task_marker_rule(state: StateCore) -> None:
    """Before inline parsing: Goldmark's task list parser takes "[ ]", "[x]" or "[X]" that
    opens a list item's first paragraph before any other inline parser does ("- [x](u)"
    is a checked box, then "(u)"). The marker leaves the content; task_rule puts the box."""
    tokens = state.tokens
    for i in range(2, len(tokens)):
        token = tokens[i]
        if (
            token.type != "inline"
            or tokens[i - 1].type != "paragraph_open"
            or tokens[i - 2].type != "list_item_open"
            or not token.content.startswith("[")
        ):
            continue
        match = _TASK_RE.match(token.content)
        if match is not None:
            token.meta["task"] = match.group(1) in "xX"
            token.content = token.content[match.end() :]


def task_rule(state: StateCore) -> None:
    """After inline parsing: the checkbox of each item task_marker_rule found."""
    xhtml = state.md.options["goldmark"].xhtml
    for token in state.tokens:
        if token.type != "inline" or "task" not in token.meta:
            continue
        box = Token("html_inline", "", 0)
        box.meta = {"task": True}
        box.content = (
            '<input checked="" disabled="" type="checkbox"'
            if token.meta["task"]
            else ('<input disabled="" type="checkbox"')
        )
        box.content += (" />" if xhtml else ">") + " "
        if token.children is None:
            token.children = []
        token.children.insert(0, box)


def unwrap_images_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i in range(1, len(tokens) - 1):
        token = tokens[i]
        children = token.children or []
        if (
            token.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and len(children) == 1
            and children[0].type == "image"
        ):
            tokens[i - 1].meta["unwrapped"] = True
            tokens[i + 1].meta["unwrapped"] = True
            for key, value in tokens[i - 1].attrs.items():  # block attributes
                children[0].attrs[key] = value


# --- what a block's text keeps at its ends ---------------------------------------------------


def goldmark_trim(text: str) -> str:
    """A block's text without the whitespace at its ends as Goldmark trims it: ASCII only
    (markdown-it's mdTrim takes Unicode spaces too, an ideographic space U+3000 included)."""
    return text.strip(SPACE)


def keep_unicode_spaces(rule: Any, kind: str) -> Any:
    """markdown-it's paragraph, ATX heading (`kind` "heading") or setext heading rule,
    keeping the whitespace Goldmark keeps at the text's ends: a Japanese paragraph's
    indentation (U+3000) stays in Hugo's HTML (a table's cells too: tables._cells)."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not rule(state, start, end, silent):
            return False
        if silent or len(state.tokens) < count + 2:
            return True
        inline = state.tokens[count + 1]
        if inline.type != "inline" or not inline.map:
            return True
        first, last = inline.map
        if kind == "heading":
            level = len(state.tokens[count].markup)
            pos = state.bMarks[first] + state.tShift[first] + level
            maximum = state.skipSpacesBack(state.eMarks[first], pos)
            hashes = state.skipCharsStrBack(maximum, "#", pos)
            if hashes > pos and state.src[hashes - 1] in " \t":
                maximum = hashes
            raw = state.src[pos:maximum]
        else:
            raw = state.getLines(first, last, state.blkIndent, False)
        inline.content = goldmark_trim(raw)
        return True

    return wrapped
