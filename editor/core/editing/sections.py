"""A post's sections: the tree its headings make, and moving a section with its sub-sections.

A section starts at its heading's line and runs to the line before the next heading of the
same or a higher level (a smaller number), or to the end of the text. The headings come from
the renderer (`RenderResult.headings`: it knows that a `#` inside fenced code is no heading);
`scan_headings` finds them cheaply without rendering (ATX and setext headings outside
fenced code and front matter) for when no rendering is at hand.

Lines are 1-based, as the renderer and the editor's status bar count them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from editor.core.post.frontmatter import line_of, split_front_matter

__all__ = [
    "OutlineHeading",
    "Section",
    "build_sections",
    "flatten",
    "move_lines",
    "move_section",
    "scan_headings",
    "section_at",
]

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BLOCK_START = re.compile(r"^ {0,3}(?:[>*+-]|\d{1,9}[.)]|#{1,6}(?:[ \t]|$)|<|\|)")


class HeadingLike(Protocol):
    """What a section needs of a heading (editor.core.markdown.types.Heading has it)."""

    @property
    def level(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def line(self) -> int: ...


@dataclass(frozen=True, slots=True)
class OutlineHeading:
    """A heading found by `scan_headings`: level 1-6, its plain text, its 1-based line."""

    level: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Section:
    """A heading's section: lines `start` (the heading) to `end`, both 1-based, inclusive."""

    level: int
    title: str
    start: int
    end: int
    children: tuple[Section, ...] = ()


def build_sections(headings: Iterable[HeadingLike], line_count: int) -> tuple[Section, ...]:
    """The section tree of a text of `line_count` lines whose headings are `headings`."""
    ordered = sorted((h for h in headings if 1 <= h.line <= line_count), key=lambda h: h.line)
    return _tree(ordered, 0, len(ordered), line_count)


def _tree(headings: Sequence[HeadingLike], first: int, stop: int, end: int) -> tuple[Section, ...]:
    """The sections of headings[first:stop], the last of them running to line `end`."""
    sections: list[Section] = []
    index = first
    while index < stop:
        heading = headings[index]
        after = index + 1
        while after < stop and headings[after].level > heading.level:
            after += 1
        last = headings[after].line - 1 if after < stop else end
        children = _tree(headings, index + 1, after, last)
        sections.append(Section(heading.level, heading.text, heading.line, last, children))
        index = after
    return tuple(sections)


def flatten(sections: Iterable[Section]) -> Iterator[Section]:
    """Every section, in the order of the text (a parent before its children)."""
    for section in sections:
        yield section
        yield from flatten(section.children)


def section_at(sections: Iterable[Section], line: int) -> Section | None:
    """The innermost section holding 1-based `line` (None above the first heading)."""
    found = None
    for section in flatten(sections):
        if section.start <= line <= section.end:
            found = section
    return found


def move_lines(
    lines: Sequence[str], start: int, end: int, to: int
) -> tuple[int, int, list[str]] | None:
    """Lines `start`..`end` (1-based, inclusive) moved before line `to` (len+1: at the end).

    Returns the span that changes, (first, last) 1-based inclusive, and its new lines; None
    when nothing moves (`to` inside the moved lines, or just after them).
    """
    if not 1 <= start <= end <= len(lines) or not 1 <= to <= len(lines) + 1:
        raise ValueError(f"cannot move lines {start}-{end} before line {to} of {len(lines)}")
    if start <= to <= end + 1:
        return None
    moved = list(lines[start - 1 : end])
    if to < start:
        return to, end, moved + list(lines[to - 1 : start - 1])
    return start, to - 1, list(lines[end : to - 1]) + moved


def move_section(text: str, section: Section, before: Section | None) -> str:
    """`text` with `section` (and its sub-sections) moved before `before` (None: to the end).

    Every line is kept, the trailing newline too; moving a section into itself changes
    nothing.
    """
    lines = text.split("\n")
    trailing = len(lines) > 1 and lines[-1] == ""
    if trailing:
        lines.pop()
    to = len(lines) + 1 if before is None else before.start
    if section.end > len(lines):
        raise ValueError(f"section {section.title!r} ends past the text's last line")
    change = move_lines(lines, section.start, section.end, to)
    if change is None:
        return text
    first, last, new = change
    lines[first - 1 : last] = new
    return "\n".join(lines) + ("\n" if trailing else "")


def scan_headings(text: str, meta: bool = False) -> tuple[OutlineHeading, ...]:
    """The ATX and setext headings of `text`'s body, without rendering.

    Front matter (with `meta`, a Pelican site's `Key: value` lines) and fenced code are
    skipped; the text is the source's, markup and all (the renderer's headings carry the
    plain text). A cheap stand-in for the renderer's list when there is no rendering to
    take it from.
    """
    split = split_front_matter(text, meta)
    first_line = line_of(text, split.body_start) if split.body_start else 1
    lines = text[split.body_start :].split("\n")
    found: list[OutlineHeading] = []
    fence = ""
    paragraph: tuple[int, str] | None = None  # (line, text) of an open paragraph's first line
    for offset, raw in enumerate(lines):
        line = raw.rstrip("\r")
        number = first_line + offset
        if fence:
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = ""
            continue
        opened = _FENCE.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence, paragraph = opened.group(1), None
            continue
        atx = _ATX.match(line)
        if atx:
            found.append(OutlineHeading(len(atx.group(1)), (atx.group(2) or "").strip(), number))
            paragraph = None
            continue
        if not line.strip():
            paragraph = None
            continue
        setext = _SETEXT.match(line)
        if setext and paragraph is not None:
            level = 1 if setext.group(1)[0] == "=" else 2
            found.append(OutlineHeading(level, paragraph[1], paragraph[0]))
            paragraph = None
            continue
        if paragraph is None:
            indented = line.startswith(("    ", "\t"))
            paragraph = None if indented or _BLOCK_START.match(line) else (number, line.strip())
    return tuple(found)
