"""Goldmark's block-level behaviour that markdown-it lacks, as markdown-it rules.

Attribute blocks (`{.class #id}` on the line below a block, parser.attribute.block), the
`{...}` parser shared with heading attributes, list tightness (a table after a blank line
does not make a list loose), task-list checkboxes, standalone images without their <p>, and
the whitespace a block's text keeps at its ends (Goldmark trims ASCII whitespace only).
Tables' own rules are in goldmark/tables.py, definition lists' in goldmark/deflist.py.
"""

from __future__ import annotations

import re
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
