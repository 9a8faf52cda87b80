"""Pure text operations behind the editor's Markdown conveniences.

Everything here works on one line (or one selection) and returns what the line should become,
so the widget applies it in O(line length) whatever the document's size, and tests need no Qt.

- Enter continues lists (bullets, ordered items numbered on, task boxes, block quotes) and ends
  them on an empty item; inside fenced code it keeps the line's indentation only: `on_enter`.
- Tab / Shift+Tab indent and outdent list items: `indent_list_line`, `outdent_list_line`.
- Formatting: `wrap_inline` (bold, italic, code, strikethrough), `cycle_heading`, `make_link`.
- Lines as a block quote, a bulleted, numbered or task list, and back: `toggle_lines`; their
  task boxes ticked or cleared: `toggle_done`; a selection in a fenced code block, and back:
  `toggle_fence`.
- A URL pasted over a selection becomes a link: `is_url`, `link_for_paste`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# indent, quote prefix (">" possibly repeated, with spaces), then an optional list marker.
_QUOTE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<quote>(?:>[ ]?)+)")
_ITEM_RE = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delim>[.)]))"
    r"(?P<space>[ \t]+|$)"
    r"(?P<task>\[[ xX]\](?:[ \t]+|$))?"
)
_THEMATIC_BREAK_RE = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,})$")
_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})(?:[ \t]+|$)")
_FENCE_RE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_BACKTICKS_RE = re.compile(r"^[ ]{0,3}(`{3,})", re.MULTILINE)
_URL_RE = re.compile(r"^(?:https?|ftp)://[^\s<>\"'`]+$|^mailto:[^\s<>\"'`@]+@[^\s<>\"'`]+$")


@dataclass(frozen=True, slots=True)
class ListPrefix:
    """The structural start of a line: where its text begins and how to continue it.

    `quote` is the block-quote prefix (e.g. "> " or "> > "), `indent` the whitespace before the
    list marker, `marker` the marker itself ("-", "3.", "2)"), `task` the task box ("[ ]") or "".
    `end` is the column where the item's text starts.
    """

    outer_indent: str
    quote: str
    indent: str
    marker: str
    spacing: str
    task: str
    end: int

    @property
    def is_list_item(self) -> bool:
        return bool(self.marker)

    @property
    def ordered(self) -> bool:
        return self.marker[:1].isdigit()

    def continuation(self) -> str:
        """The prefix of the next item: numbers go up by one, task boxes start unchecked."""
        prefix = self.outer_indent + self.quote
        if not self.marker:
            return prefix
        marker = self.marker
        if self.ordered:
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        spacing = self.spacing or " "
        task = "[ ] " if self.task else ""
        return f"{prefix}{self.indent}{marker}{spacing}{task}"

    def without_marker(self) -> str:
        """What an empty item's line becomes when Enter ends the list: its container only."""
        return self.outer_indent + self.quote if self.marker else ""


def parse_prefix(line: str) -> ListPrefix | None:
    """The quote and list-item prefix of `line`, or None when it has neither."""
    outer_indent = ""
    quote = ""
    rest = line
    match = _QUOTE_RE.match(line)
    if match:
        outer_indent = match.group("indent")
        quote = match.group("quote")
        if not quote.endswith(" "):
            quote += " " if len(line) > match.end() else ""
        rest = line[match.end() :]
    offset = len(line) - len(rest)
    item = None if _THEMATIC_BREAK_RE.match(rest) else _ITEM_RE.match(rest)
    if item is None:
        if not match:
            return None
        continuation_quote = quote if quote.endswith(" ") else quote + " "
        return ListPrefix(outer_indent, continuation_quote, "", "", "", "", match.end())
    marker = item.group("bullet") or f"{item.group('number')}{item.group('delim')}"
    task = (item.group("task") or "").strip()
    quote = quote if (not quote or quote.endswith(" ")) else quote + " "
    return ListPrefix(
        outer_indent,
        quote,
        item.group("indent"),
        marker,
        item.group("space"),
        task,
        offset + item.end(),
    )


@dataclass(frozen=True, slots=True)
class EnterEdit:
    """What Enter does on a list or quote line.

    kind "continue": insert a newline followed by `text` at the cursor.
    kind "end": replace the whole line with `text` (the item was empty: the list ends there).
    """

    kind: Literal["continue", "end"]
    text: str


def on_enter(line: str, column: int, *, in_code: bool = False) -> EnterEdit | None:
    """The edit for Enter pressed at `column` of `line`, or None for a plain newline.

    `in_code`: the line is inside fenced code, where Enter keeps the line's leading spaces
    and tabs (as far as the cursor) and nothing more: no list or quote continues there."""
    if in_code:
        indent = line[: min(column, len(line) - len(line.lstrip(" \t")))]
        return EnterEdit("continue", indent) if indent else None
    prefix = parse_prefix(line)
    if prefix is None or column < prefix.end:
        return None
    if not line[prefix.end :].strip():
        # An empty item (or an empty quote line): end the list or the quote.
        return EnterEdit("end", prefix.without_marker())
    return EnterEdit("continue", prefix.continuation())


def indent_unit(prefix: ListPrefix) -> int:
    """How far Tab moves an item: the width of its marker and spacing (to nest under a sibling)."""
    return len(prefix.marker) + max(1, len(prefix.spacing))


def indent_list_line(line: str) -> str | None:
    """`line` indented one level (an ordered item restarts at 1), or None if not a list item."""
    prefix = parse_prefix(line)
    if prefix is None or not prefix.is_list_item:
        return None
    marker = prefix.marker
    if prefix.ordered:
        marker = "1" + marker[-1]
    head = prefix.outer_indent + prefix.quote
    new_indent = prefix.indent + " " * indent_unit(prefix)
    item_start = len(head) + len(prefix.indent)
    after_marker = line[item_start + len(prefix.marker) :]
    return f"{head}{new_indent}{marker}{after_marker}"


def outdent_list_line(line: str) -> str | None:
    """`line` outdented one level, or None if it is not an indented list item."""
    prefix = parse_prefix(line)
    if prefix is None or not prefix.is_list_item or not prefix.indent:
        return None
    indent = prefix.indent.replace("\t", "    ")
    remove = min(len(indent), indent_unit(prefix))
    head = prefix.outer_indent + prefix.quote
    rest = line[len(head) + len(prefix.indent) :]
    return f"{head}{indent[remove:]}{rest}"


@dataclass(frozen=True, slots=True)
class TextEdit:
    """A replacement for the selection: the new text and the part of it to select afterwards."""

    text: str
    select_start: int
    select_end: int


def wrap_inline(selected: str, marker: str, placeholder: str = "text") -> TextEdit:
    """Wrap `selected` in `marker` (** for bold, * or _ for italic, ` for code); unwrap if wrapped.

    With no selection a placeholder is inserted and selected, ready to be typed over.
    """
    if not selected:
        text = f"{marker}{placeholder}{marker}"
        return TextEdit(text, len(marker), len(marker) + len(placeholder))
    n = len(marker)
    if len(selected) >= 2 * n and selected.startswith(marker) and selected.endswith(marker):
        inner = selected[n:-n]
        if marker != "*" or not (inner.startswith("*") or inner.endswith("*")):
            return TextEdit(inner, 0, len(inner))
    if marker == "`" and "`" in selected:
        fence = "``"
        pad = " " if selected.startswith("`") or selected.endswith("`") else ""
        text = f"{fence}{pad}{selected}{pad}{fence}"
        return TextEdit(text, 0, len(text))
    # Keep surrounding spaces outside the markers: "**word **" is not bold in CommonMark.
    stripped = selected.strip()
    lead = selected[: len(selected) - len(selected.lstrip())]
    trail = selected[len(selected.rstrip()) :]
    text = f"{lead}{marker}{stripped}{marker}{trail}"
    return TextEdit(text, 0, len(text))


def cycle_heading(line: str) -> str:
    """The line one heading level deeper: text -> #, # -> ##, ... ###### -> plain text."""
    match = _HEADING_RE.match(line)
    if match is None:
        return f"# {line.lstrip()}"
    level = len(match.group("hashes"))
    rest = line[match.end() :]
    if level >= 6:
        return rest
    return f"{'#' * (level + 1)} {rest}"


def set_heading(line: str, level: int) -> str:
    """The line as a heading of `level` (1-6); level 0 makes it plain text."""
    if not 0 <= level <= 6:
        raise ValueError(f"heading level must be 0-6, not {level}")
    match = _HEADING_RE.match(line)
    rest = line[match.end() :] if match else line.lstrip()
    return f"{'#' * level} {rest}" if level else rest


def is_url(text: str) -> bool:
    """True when `text` (stripped) is a single absolute http(s)/ftp/mailto URL."""
    return bool(_URL_RE.match(text.strip()))


def _link_destination(url: str) -> str:
    url = url.strip()
    if any(ch in url for ch in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _escape_label(label: str) -> str:
    return re.sub(r"(?<!\\)([\[\]])", r"\\\1", label)


def _split_space(selected: str) -> tuple[str, str, str]:
    """`selected` as (leading whitespace, the text, trailing whitespace)."""
    text = selected.strip()
    if not text:
        return selected, "", ""
    lead = selected[: len(selected) - len(selected.lstrip())]
    return lead, text, selected[len(selected.rstrip()) :]


def make_link(selected: str, url: str = "") -> TextEdit:
    """A Markdown link around `selected`; the URL (or its placeholder) is selected afterwards.
    Spaces around the selection stay outside the link, before and after it."""
    lead, words, trail = _split_space(selected)
    label = _escape_label(words) if words else "link text"
    destination = _link_destination(url) if url else "https://"
    text = f"{lead}[{label}]({destination}){trail}"
    if not words:
        return TextEdit(text, len(lead) + 1, len(lead) + 1 + len(label))
    start = len(lead) + len(label) + 3
    return TextEdit(text, start, start + len(destination))


def link_for_paste(selected: str, pasted: str) -> str | None:
    """The link to insert when `pasted` is a URL and text is selected, else None (plain paste).
    Spaces around the selection stay outside the link."""
    lead, words, trail = _split_space(selected)
    if not words or "\n" in selected or not is_url(pasted):
        return None
    if is_url(words):
        return None
    return f"{lead}[{_escape_label(words)}]({_link_destination(pasted)}){trail}"


LineStyle = Literal["quote", "bullet", "numbered", "task"]


def _has_style(prefix: ListPrefix | None, style: LineStyle) -> bool:
    if prefix is None:
        return False
    if style == "quote":
        return bool(prefix.quote)
    if style == "task":
        return bool(prefix.task)
    if style == "numbered":
        return prefix.is_list_item and prefix.ordered and not prefix.task
    return prefix.is_list_item and not prefix.ordered and not prefix.task


def toggle_lines(lines: Sequence[str], style: LineStyle) -> list[str]:
    """`lines` as a block quote, or a bulleted, numbered or task list; back to plain text
    when every non-blank line already has that style (a second press undoes the first).

    A list style replaces another list marker ("1." becomes "-") and keeps the line's
    indentation and its block quote; numbers run on from 1 at each indentation; blank lines
    stay blank, except in a quote, where they become ">" (one quote, not two)."""
    prefixes = [parse_prefix(line) for line in lines]
    written = [(line, p) for line, p in zip(lines, prefixes, strict=True) if line.strip()]
    if not written:
        return list(lines)
    undo = all(_has_style(p, style) for _line, p in written)
    if style == "quote":
        return [_unquote(line) if undo else _quote(line) for line in lines]
    out: list[str] = []
    numbers: dict[tuple[str, str], int] = {}
    for line, prefix in zip(lines, prefixes, strict=True):
        if not line.strip():
            out.append(line)
            continue
        head, indent, text = _parts(line, prefix)
        if undo:
            out.append(f"{head}{indent}{text}")
            continue
        number = numbers[head, indent] = numbers.get((head, indent), 0) + 1
        marker = f"{number}." if style == "numbered" else "-"
        if style == "task" and prefix is not None and prefix.is_list_item:
            marker = f"{number}." if prefix.ordered else prefix.marker
        box = "[ ] " if style == "task" else ""
        out.append(f"{head}{indent}{marker} {box}{text}")
    return out


def toggle_done(lines: Sequence[str]) -> list[str]:
    """The task boxes of `lines` ticked ("[x]"), or all cleared when every one is ticked
    already; other lines are left as they are."""
    boxes = [(i, p) for i, p in enumerate(map(parse_prefix, lines)) if p is not None and p.task]
    tick = any(p.task == "[ ]" for _i, p in boxes)
    out = list(lines)
    for i, prefix in boxes:
        at = lines[i].rindex("[", 0, prefix.end)
        out[i] = f"{lines[i][: at + 1]}{'x' if tick else ' '}{lines[i][at + 2 :]}"
    return out


def _parts(line: str, prefix: ListPrefix | None) -> tuple[str, str, str]:
    """`line` as (its quote prefix, the indentation of its list marker, its text)."""
    if prefix is None:
        text = line.lstrip(" \t")
        return "", line[: len(line) - len(text)], text
    head = prefix.outer_indent + prefix.quote
    if prefix.is_list_item:
        return head, prefix.indent, line[prefix.end :]
    return head, "", line[prefix.end :].lstrip(" \t")


def _quote(line: str) -> str:
    return f"> {line}" if line.strip() else ">"


def _unquote(line: str) -> str:
    """`line` one block quote level out ("> > a" -> "> a", "> a" -> "a", ">" -> "")."""
    match = re.match(r"^[ ]{0,3}>[ ]?", line)
    return line[match.end() :] if match else line


def toggle_fence(text: str, language: str = "") -> TextEdit:
    """`text` (whole lines) in a fenced code block, or out of it when it is one already.

    The fence is longer than any run of backticks that starts a line inside, so code that
    holds a fence of its own stays code. With no text, an empty block is inserted and the
    cursor put after the opening fence, where the language goes."""
    lines = text.split("\n")
    first = _FENCE_RE.match(lines[0]) if lines else None
    if first is not None and len(lines) >= 2:
        fence = first.group("fence")
        closing = lines[-1].strip()
        if closing.startswith(fence[0] * len(fence)) and set(closing) == {fence[0]}:
            inner = "\n".join(lines[1:-1])
            return TextEdit(inner, 0, len(inner))
    longest = max((len(run) for run in _BACKTICKS_RE.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    if not text:
        block = f"{fence}{language}\n\n{fence}"
        at = len(fence) + len(language)
        return TextEdit(block, at, at)
    block = f"{fence}{language}\n{text}\n{fence}"
    return TextEdit(block, len(fence), len(fence) + len(language))
