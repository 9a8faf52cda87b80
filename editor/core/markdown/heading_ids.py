"""Heading ids and the table of contents, as Hugo 0.168 makes them.

`slugify` is Hugo's "github" (and "github-ascii") anchor sanitizer, `IdFactory` its per-page id
registry (repeats get "-1", "-2", ...; explicit ids are only registered), and `toc_html`
reproduces `.TableOfContents` byte for byte, quirks included: a level-1 heading starts a new
top-level row, and skipped levels leave empty `<li>` items.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from editor.core.scripts import GO_SPACES

__all__ = ["IdFactory", "TocEntry", "slugify", "toc_html"]

_ASCII_DROPPED_RE = re.compile(r"[^A-Za-z0-9_ -]")


def _is_alphanumeric(ch: str) -> bool:
    """Go's `r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)`."""
    if ch == "_":
        return True
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat == "Nd"


def _remove_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@lru_cache(maxsize=4096)
def slugify(text: str, id_type: str = "github") -> str:
    """Hugo's sanitizeAnchorName for the github types (empty result stays empty)."""
    ascii_only = id_type == "github-ascii"
    if ascii_only:
        text = _remove_accents(text)
    if id_type == "blackfriday":
        return _blackfriday(text)
    text = text.strip(GO_SPACES)  # bytes.TrimSpace: Unicode white space
    if text.isascii():  # ASCII letters and digits are Go's only ASCII letters and digits
        return _ASCII_DROPPED_RE.sub("", text).replace(" ", "-").lower()
    out: list[str] = []
    for ch in text:
        if ascii_only and ord(ch) > 127:
            continue
        if ch in " -":
            out.append("-")
        elif _is_alphanumeric(ch):
            out.append(ch.lower())
    return "".join(out)


def _blackfriday(text: str) -> str:
    """Blackfriday's SanitizedAnchorName: runs of non-alphanumerics become one dash."""
    out: list[str] = []
    future_dash = False
    for ch in text:
        if ch.isalnum():
            if future_dash and out:
                out.append("-")
            future_dash = False
            out.append(ch.lower())
        else:
            future_dash = True
    return "".join(out)


@dataclass
class IdFactory:
    """The ids already used on a page; `generate` hands out the next free one."""

    used: set[str] = field(default_factory=set)
    # the suffix the search for a free "base-i" resumes from (ids are never freed)
    _next_suffix: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def generate(self, text: str, id_type: str = "github", empty: str = "heading") -> str:
        """A new id for `text`; `empty` when its slug is empty (a term's is "term")."""
        base = slugify(text, id_type) or empty
        candidate = base
        if candidate in self.used:
            i = self._next_suffix.get(base, 1)
            while f"{base}-{i}" in self.used:
                i += 1
            candidate = f"{base}-{i}"
            self._next_suffix[base] = i + 1
        self.used.add(candidate)
        return candidate

    def put(self, value: str) -> None:
        self.used.add(value)


@dataclass(frozen=True)
class TocEntry:
    """One heading as the TOC builder sees it: level, final id and title HTML."""

    level: int
    id: str
    title_html: str


@dataclass
class _Node:
    level: int = 0
    id: str = ""
    title: str = ""
    zero: bool = True
    children: list[_Node] = field(default_factory=list)


def _build_rows(entries: Iterable[TocEntry]) -> list[_Node]:
    rows: list[_Node] = []
    row = -1
    for entry in entries:
        level = entry.level
        if level == 1 or row == -1:
            row += 1
        node = _Node(level, entry.id, entry.title_html, zero=not entry.id and not entry.title_html)
        while len(rows) <= row:
            rows.append(_Node())
        depth = level - 1
        if depth == 0:
            rows[row] = node
            continue
        parent = rows[row]
        for _ in range(1, depth):
            if not parent.children:
                parent.children.append(_Node())
            parent = parent.children[-1]
        parent.children.append(node)
    return rows


class _TocWriter:
    def __init__(self, start: int, stop: int, ordered: bool) -> None:
        self.parts: list[str] = []
        self.start = start
        self.stop = stop
        self.tag = "ol" if ordered else "ul"

    def headings(self, level: int, indent: int, nodes: list[_Node]) -> bool:
        if level < self.start:
            wrote = False
            for node in nodes:
                wrote = self.headings(level + 1, indent, node.children) or wrote
            return wrote
        if self.stop != -1 and level > self.stop:
            return False
        if nodes:
            self.parts.append("\n" + "  " * (indent + 1) + f"<{self.tag}>\n")
        for node in nodes:
            self.heading(level, indent + 2, node)
        if nodes:
            self.parts.append("  " * (indent + 1) + f"</{self.tag}>\n")
        return bool(nodes)

    def heading(self, level: int, indent: int, node: _Node) -> None:
        self.parts.append("  " * indent + "<li>")
        if not node.zero:
            self.parts.append(f'<a href="#{node.id}">{node.title}</a>')
        if self.headings(level + 1, indent, node.children):
            self.parts.append("  " * indent)
        self.parts.append("</li>\n")


def toc_html(
    entries: Iterable[TocEntry], start_level: int = 2, end_level: int = 3, ordered: bool = False
) -> str:
    """Hugo's `.TableOfContents` for these headings (in document order)."""
    writer = _TocWriter(start_level, end_level, ordered)
    writer.headings(1, 0, _build_rows(entries))
    return '<nav id="TableOfContents">' + "".join(writer.parts) + "</nav>"
