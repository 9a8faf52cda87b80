"""Cut a Markdown body into chunks that parse the same alone as inside the whole document.

A chunk boundary is a blank line followed by a line at column 0 that cannot continue what came
before: not a list marker, not a definition (":"), not inside a fenced code block or an HTML
block of CommonMark types 1-5 (script/pre/style/textarea, comments, <?, <!X, CDATA), which run
across blank lines. Merging too much is always safe; splitting too much would change the
HTML, so every rule errs towards merging. Documents with link reference definitions or
footnote definitions are not split at all (those are page-wide). The one state that flows
from chunk to chunk, the typographer's count of open quotes, the renderer carries across.
`ChunkCache` keeps the rendering of each chunk text for the next render.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["ChunkCache", "split_chunks"]

# Patterns that start with a literal "\n" are scanned fast; they run on "\n" + text.
_OPENER_RE = re.compile(
    r"\n {0,3}(?:(?P<fence>`{3,}|~{3,})|<(?:script|pre|style|textarea)(?=[ \t>\n]|\Z)"
    r"|<!--|<\?|<![A-Za-z]|<!\[CDATA\[)",
    re.I,
)
_BOUNDARY_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*(?=[^ \t\n])")
_LIST_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_REFERENCE_RE = re.compile(r"\n {0,3}\[[^\]\n]*\]:")
_HTML_START = (
    (
        re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.I | re.M),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)


def is_local(text: str) -> bool:
    """False when the text has definitions that other chunks could refer to."""
    return "]:" not in text or _REFERENCE_RE.search("\n" + text) is None


def _definition_follows(text: str, pos: int) -> bool:
    """Could the paragraph at `pos` be definition-list terms (a ":" line follows it, right
    after its lines or after one blank line)?"""
    blank = False
    for _ in range(200):
        nl = text.find("\n", pos)
        if nl < 0:
            return False
        pos = nl + 1
        end = text.find("\n", pos)
        line = text[pos : end if end >= 0 else len(text)]
        if not line.strip():
            if blank:
                return False
            blank = True
            continue
        if line.lstrip(" ").startswith(":"):
            return True
        if blank:
            return False
    return True  # a very long paragraph: do not split before it


_HTML_LINE_RE = re.compile(r" {0,3}<")


def _after_html_line(text: str, start: int) -> bool:
    """Is there a line starting with "<" between the last blank line and `start`?"""
    end = start
    while end > 0:
        line_start = text.rfind("\n", 0, end - 1) + 1
        line = text[line_start : end - 1]
        if not line.strip():
            return False
        if _HTML_LINE_RE.match(line):
            return True
        end = line_start
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(text: str, line_end: int, indent: int, closes: Callable[[str], bool]) -> int | None:
    """End of a fence or HTML block opened at `indent` spaces, None when it is uncertain.

    An opener indented 1-3 spaces may sit in a list item: then a line indented less ends
    the item and the block, while at top level it would not. Such a line makes it uncertain.
    """
    pos = line_end + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        line = text[pos:stop]
        if line.strip():
            if _indent(line) >= indent and closes(line):
                return stop
            if _indent(line) < indent:
                return None
        if nl < 0:
            break
        pos = nl + 1
    return len(text)


def _matcher(pattern: re.Pattern[str], *, anywhere: bool) -> Callable[[str], bool]:
    def closes(line: str) -> bool:
        found = pattern.search(line) if anywhere else pattern.match(line)
        return found is not None

    return closes


def _blocked_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code and type 1-5 HTML blocks (they may hold blank lines).

    After an opener whose extent is uncertain (right after an HTML line, or indented and
    followed by a less indented line) the rest of the text is one span: never split there.
    """
    ranges: list[tuple[int, int]] = []
    reach = -1
    padded = "\n" + text
    for opener in _OPENER_RE.finditer(padded):
        start = opener.start()  # the line's start in `text` (the "\n" is not in it)
        if start < reach:
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        indent = _indent(text[start:line_end])
        fence = opener.group("fence")
        end: int | None
        if fence is not None:
            if fence[0] == "`" and "`" in text[opener.end() - 1 : line_end]:
                continue
            closer = re.compile(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            closes: Callable[[str], bool] = _matcher(closer, anywhere=False)
            end = (
                None
                if _after_html_line(text, start)
                else _block_end(text, line_end, indent, closes)
            )
        else:
            end_re = next(end for begin, end in _HTML_START if begin.match(text, start))
            if end_re.search(text, opener.end() - 1, line_end) is not None:
                continue
            closes = _matcher(end_re, anywhere=True)
            end = (
                None
                if _after_html_line(text, start)
                else _block_end(text, line_end, indent, closes)
            )
        if end is None:
            ranges.append((start, len(text)))
            break
        reach = end
        ranges.append((start, end))
    return ranges


def split_chunks(text: str) -> list[tuple[str, int]]:
    """[(chunk_text, first_line_index)] whose concatenation is `text`."""
    if not is_local(text):
        return [(text, 0)]
    blocked = _blocked_ranges(text)
    chunks: list[tuple[str, int]] = []
    start, line, b = 0, 0, 0
    for match in _BOUNDARY_RE.finditer(text):
        pos = match.end()
        while b < len(blocked) and blocked[b][1] <= pos:
            b += 1
        if b < len(blocked) and blocked[b][0] < pos:
            continue  # inside a fence or an HTML block
        if text[pos] == ":" or _LIST_RE.match(text, pos) or _definition_follows(text, pos):
            continue
        chunk = text[start:pos]
        chunks.append((chunk, line))
        line += chunk.count("\n")
        start = pos
    chunks.append((text[start:], line))
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
