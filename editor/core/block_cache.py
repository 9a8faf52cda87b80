"""Cut a Markdown body into chunks that parse the same alone as inside the whole document.

A chunk boundary is a blank line followed by a line at column 0 that cannot continue what came
before: not a list marker, not a definition (":"), not inside a fenced code block or an HTML
block of CommonMark types 1-5 (script/pre/style/textarea, comments, <?, <!X, CDATA), which run
across blank lines. Merging too much is always safe; splitting too much would change the
HTML, so every rule errs towards merging. Documents with link reference definitions or
footnote definitions are not split at all (those are page-wide). `ChunkCache` keeps the
rendering of each chunk text for the next render.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["ChunkCache", "split_chunks"]

_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CLOSE_RE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*\r?\n?$")
_LIST_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
_HTML_START = (
    (
        re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)


def is_local(text: str) -> bool:
    """False when the text has definitions that other chunks could refer to."""
    return _REFERENCE_RE.search(text) is None


def _definition_follows(lines: list[str], i: int) -> bool:
    """Is line i a definition-list term (a ":" line follows, maybe after one blank line)?"""
    for j in (i + 1, i + 2):
        if j >= len(lines):
            return False
        if lines[j].strip():
            return lines[j].lstrip(" ").startswith(":")
    return False


def split_chunks(text: str) -> list[tuple[str, int]]:
    """[(chunk_text, first_line_index)] whose concatenation is `text`."""
    if not is_local(text):
        return [(text, 0)]
    lines = text.splitlines(keepends=True)
    chunks: list[tuple[str, int]] = []
    start = 0
    fence: str | None = None
    html_end: re.Pattern[str] | None = None
    blank_before = False
    for i, line in enumerate(lines):
        if fence is not None:
            closing = _CLOSE_RE.match(line)
            if closing is not None and closing.group(1).startswith(fence):
                fence = None
            continue
        if html_end is not None:
            if html_end.search(line):
                html_end = None
            continue
        if not line.strip():
            blank_before = True
            continue
        first = line[0]
        if (
            blank_before
            and i > start
            and first not in " \t:"
            and _LIST_RE.match(line) is None
            and not _definition_follows(lines, i)
        ):
            chunks.append(("".join(lines[start:i]), start))
            start = i
        blank_before = False
        fence_match = _FENCE_RE.match(line)
        if fence_match is not None:
            marker = fence_match.group(1)
            if marker[0] == "~" or "`" not in line[fence_match.end() :]:
                fence = marker
                continue
        for opener, closer in _HTML_START:
            found = opener.match(line)
            if found is not None:
                if closer.search(line, found.end()) is None:
                    html_end = closer
                break
    chunks.append(("".join(lines[start:]), start))
    return chunks


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ChunkCache(Generic[K, V]):
    """A small LRU map from chunk keys to their rendering."""

    def __init__(self, limit: int = 4096) -> None:
        self._data: OrderedDict[K, V] = OrderedDict()
        self._limit = limit
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self._limit:
            self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
