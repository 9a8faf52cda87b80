"""What the checks read in a post's body, parsed once: shortcodes, links, images, headings, code.

Shortcodes are found as Hugo finds them, in the raw body before Markdown (the preview's own
parser, editor.core.markdown.shortcodes.expand), code blocks included. The Markdown is then
parsed by markdown-it (CommonMark, tables, footnotes) with each shortcode tag replaced by a
placeholder, so `[text]({{< ref "x" >}})` is a link Hugo would make; only inline text that
could hold a link or an HTML tag is parsed inline. Lines are 1-based lines of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from editor.core.markdown.shortcodes.context import Call, ShortcodeContext

__all__ = ["Fence", "HeadingRef", "LinkRef", "PostDoc", "parse_body"]

PLACEHOLDER = "INKPOSTSHORTCODE"
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_A_TAG = re.compile(r"<a\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link or image: `url` as written; `alt` for images (None: no alt attribute at all)."""

    url: str
    line: int
    image: bool
    alt: str | None = None
    source: str = "markdown"  # "markdown", "html" or a shortcode name ("figure")


@dataclass(frozen=True, slots=True)
class HeadingRef:
    level: int
    line: int


@dataclass(frozen=True, slots=True)
class Fence:
    lang: str
    line: int


@dataclass(frozen=True)
class PostDoc:
    shortcodes: tuple[Call, ...] = ()  # Call.line is the file's line here
    shortcode_problems: tuple[tuple[str, int], ...] = ()  # (message, line) Hugo fails on
    links: tuple[LinkRef, ...] = ()
    headings: tuple[HeadingRef, ...] = ()
    fences: tuple[Fence, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 64}).enable("table")
    footnote_plugin(md, inline=False)
    md.disable(["inline", "footnote_tail", "text_join"], ignoreInvalid=True)
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # as written
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _shortcode_scan(
    body: str, page_path: Path | None, first_line: int
) -> tuple[list[Call], list[tuple[str, int]], str]:
    """(calls, structural problems, body with each tag replaced by a placeholder)."""
    from editor.core.markdown.shortcodes.expand import scan

    found = scan(body, ShortcodeContext(page_path=page_path, first_line=first_line))
    pieces: list[str] = []
    last = 0
    for start, end in found.spans:
        pieces.append(body[last:start])
        pieces.append(PLACEHOLDER + "\n" * body.count("\n", start, end))
        last = end
    pieces.append(body[last:])
    problems = [(w.message, w.line or first_line) for w in found.warnings]
    return list(found.calls), problems, "".join(pieces)


def _html_links(html: str, line: int, out: list[LinkRef]) -> None:
    for pattern, attr, image in ((_IMG_TAG, "src", True), (_A_TAG, "href", False)):
        for match in pattern.finditer(html):
            attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(match.group(0))}
            if attr in attrs:
                at = line + html.count("\n", 0, match.start())
                out.append(LinkRef(attrs[attr], at, image, attrs.get("alt"), "html"))


def _inline_links(
    md: MarkdownIt, token: Token, line: int, env: dict[str, Any], out: list[LinkRef]
) -> None:
    content = token.content
    if "[" not in content and "<" not in content:
        return
    children: list[Token] = []
    md.inline.parse(content, md, env, children)
    cursor = 0
    for child in children:
        kind = child.type
        if kind in ("link_open", "image"):
            url = str(child.attrs.get("href" if kind == "link_open" else "src", ""))
            found = content.find(url, cursor) if url else -1
            if found >= 0:
                cursor = found + len(url)
            at = line + content.count("\n", 0, max(found, 0) if found >= 0 else cursor)
            if kind == "image":
                out.append(LinkRef(url, at, True, child.content))
            elif child.markup != "autolink":
                out.append(LinkRef(url, at, False))
        elif kind == "html_inline":
            found = content.find(child.content, cursor)
            at = line + content.count("\n", 0, found if found >= 0 else cursor)
            _html_links(child.content, at, out)


def parse_body(body: str, first_line: int = 1, page_path: Path | None = None) -> PostDoc:
    """The body's shortcodes, links, headings and fences; `first_line` is the body's line."""
    calls, problems, text = _shortcode_scan(body, page_path, first_line)
    md = _markdown()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    links: list[LinkRef] = []
    headings: list[HeadingRef] = []
    fences: list[Fence] = []
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        kind = token.type
        if kind == "inline":
            _inline_links(md, token, line, env, links)
        elif kind == "heading_open":
            headings.append(HeadingRef(int(token.tag[1]), line))
        elif kind == "fence":
            info = token.info.strip()
            lang = re.split(r"[\s{]", info, maxsplit=1)[0] if info else ""
            fences.append(Fence(lang, line))
        elif kind == "html_block":
            _html_links(token.content, line, links)
    for call in calls:
        if call.name == "figure" and not call.closing:
            src = call.get("src")
            alt = call.get("alt") or call.get("caption") or None
            links.append(LinkRef(src, call.line, True, alt, "figure"))
    return PostDoc(tuple(calls), tuple(problems), tuple(links), tuple(headings), tuple(fences))
