"""Markdown to a RenderResult, the way Hugo 0.168 (Goldmark) renders a post.

`Renderer(site).render(text)` takes a whole document (front matter is skipped but lines keep
their numbers), expands shortcodes (markdown.shortcodes), handles the `<!--more-->` divider
as Hugo does (the exact bytes, replaced by a paragraph that is cut out after rendering), parses
with the Goldmark-like markdown-it set up in markdown.goldmark, and assembles the HTML block
by block from a cache of chunks (markdown.chunks) so that re-rendering after an edit
only parses what changed. Heading ids are given page-wide afterwards (markdown.heading_ids).

In preview mode every top-level block carries `data-line` (1-based line of the document),
relative image and link paths become file:// URLs found in the page bundle, static/ or assets/,
and a missing local image is a warning. Hugo mode gives exactly Hugo's `.Content`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.markdown import quote_flow
from editor.core.markdown.chunks import ChunkCache, split_chunks
from editor.core.markdown.deferred_fences import DeferredFences
from editor.core.markdown.goldmark.html import DEFERRED_FENCES
from editor.core.markdown.goldmark.options import MarkupOptions
from editor.core.markdown.goldmark.parser import (
    ID_MARK_RE,
    MAX_NESTING,
    HeadingInfo,
    build_markdown,
)
from editor.core.markdown.goldmark.typographer import QUOTES, QuoteCounts
from editor.core.markdown.heading_ids import IdFactory, TocEntry, toc_html
from editor.core.markdown.highlight import parse_fence_info, render_fence
from editor.core.markdown.quote_flow import NO_QUOTES, Quotes, Renderings
from editor.core.markdown.shortcodes import expand as shortcodes
from editor.core.markdown.shortcodes.context import ShortcodeContext
from editor.core.markdown.support import (
    PagePaths,
    body_start,
    page_paths,
    preview_paths_rule,
    resolve_html_paths,
    warn_unclosed_fences,
)
from editor.core.markdown.types import Heading, RenderResult

if TYPE_CHECKING:
    from editor.core.post.model import Post
    from editor.core.site.config import SiteConfig

__all__ = ["Heading", "RenderResult", "Renderer", "render_markdown", "render_post"]

MORE_DIVIDER = "<!--more-->"
_MORE_TOKEN = "HUGOMORE42"
_MORE_BLOCK = f"<p>{_MORE_TOKEN}</p>\n"
_FIRST_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class _Block:
    html: str
    first: int  # 0-based line within the chunk
    last: int


@dataclass(frozen=True)
class _Chunk:
    blocks: tuple[_Block, ...]
    headings: tuple[HeadingInfo, ...]
    warnings: tuple[tuple[str, int], ...]
    line_count: int
    checked: tuple[tuple[str, str], ...] = ()  # preview look-ups, re-checked on a cache hit
    too_deep: bool = False  # cut at MAX_NESTING: what follows depends on the whole body
    # the typographer's open quotes it was rendered after and those after it, and its
    # closing quotes that find none open after none (markdown.quote_flow)
    quotes_start: Quotes = NO_QUOTES
    quotes_out: Quotes = NO_QUOTES
    starved: Quotes = NO_QUOTES


@lru_cache(maxsize=16)
def _markdown_for(options: MarkupOptions) -> MarkdownIt:
    md = build_markdown(options)
    md.core.ruler.after("goldmark_headings", "inkpost_preview_paths", preview_paths_rule)
    return md


@lru_cache(maxsize=16)
def _figures_markdown_for(options: MarkupOptions) -> MarkdownIt:
    """The library figures' MarkdownIt: the same tokens, faster (markdown.figures_markdown)."""
    from editor.core.markdown import figures_markdown  # the library's pass only

    md = build_markdown(options)
    md.core.ruler.after("goldmark_headings", "inkpost_preview_paths", preview_paths_rule)
    return figures_markdown.speed_up(md)


# --- block splitting ----------------------------------------------------------------------


def _top_level_blocks(md: MarkdownIt, tokens: list[Token], env: dict[str, Any]) -> list[_Block]:
    blocks: list[_Block] = []
    i, n = 0, len(tokens)
    last_line = 0
    while i < n:
        start = i
        depth: int = tokens[i].nesting
        i += 1
        while depth > 0 and i < n:
            depth += tokens[i].nesting
            i += 1
        head = tokens[start]
        if head.map is not None:
            first, last = head.map[0], max(head.map[1] - 1, head.map[0])
            last_line = last
        else:
            first = last = last_line
        html = md.renderer.render(tokens[start:i], md.options, env)
        if html:
            blocks.append(_Block(html, first, last))
    return blocks


def _whole_body(md: MarkdownIt, tokens: list[Token], env: dict[str, Any]) -> list[_Block]:
    """All the tokens as one block, in one render call (the library's figures read the
    page's HTML, never which lines a block came from), from the first line to the last
    top-level block's."""
    html = md.renderer.render(tokens, md.options, env)
    if not html:
        return []
    last = next((t.map[1] - 1 for t in reversed(tokens) if t.map and t.level == 0), 0)
    return [_Block(html, 0, max(last, 0))]


@dataclass
class _Lines:
    """Maps a line of the body as parsed back to its line in the document: past the front
    matter, through the `<!--more-->` divider's rewrite and the shortcodes' output."""

    first_line: int  # 0-based line of the body's first line in the document
    divider_line: int = -1  # 0-based body line where the divider was, -1 without one
    rest_line: int = 0  # 0-based body line where the text after the divider resumes
    took_newline: bool = False  # the divider took the newline before it (Hugo's lexer)
    line_of: list[int] | None = None  # body line after shortcodes -> line before

    def doc(self, line0: int) -> int:
        """1-based document line of a 0-based line of the (divider-expanded) body."""
        divider = self.divider_line
        if divider >= 0 and line0 > divider:
            if line0 < divider + 4:
                line0 = divider + (1 if self.took_newline else 0)
            else:
                line0 = line0 - divider - 4 + self.rest_line
        if self.line_of is not None:
            line0 = self.line_of[min(line0, len(self.line_of) - 1)]
        return self.first_line + line0 + 1


def _mark_more_divider(body: str, lines: _Lines) -> str:
    """Replace the first `<!--more-->` by a paragraph of its own (cut out after rendering).

    Hugo's page lexer takes the newline before the divider and all the whitespace after it;
    `lines` learns where the divider was so that later lines keep their numbers."""
    index = body.find(MORE_DIVIDER)
    if index < 0:
        return body
    took_newline = index > 0 and body[index - 1] == "\n"
    start = index - 1 if took_newline else index
    rest = body[index + len(MORE_DIVIDER) :].lstrip(" \t\n\r\f\v")
    lines.divider_line = body.count("\n", 0, start)
    lines.rest_line = body.count("\n", 0, len(body) - len(rest))
    lines.took_newline = took_newline
    return body[:start] + f"\n\n{_MORE_TOKEN}\n\n" + rest


@dataclass
class _Assembly:
    """The page's blocks as they are put together, with what they say about the page."""

    page_path: Path | None
    parts: list[str] = field(default_factory=list)
    line_map: list[tuple[int, int]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    toc_entries: list[TocEntry] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    more_index: int = -1  # the divider's place among `parts` when it was a paragraph alone
    more_inline: bool = False  # the divider sat inside a block (Hugo cuts after that block)

    def add(self, html: str, first: int, last: int) -> None:
        self.parts.append(html)
        self.line_map.append((first, last))

    def warn(self, message: str, line: int) -> None:
        self.warnings.append(Diagnostic(message, self.page_path, line))

    def cut_divider(self, html: str) -> str | None:
        """The block without the divider's token; None for the divider's own paragraph."""
        if self.more_index >= 0 or _MORE_TOKEN not in html:
            return html
        if html == _MORE_BLOCK:
            self.more_index = len(self.parts)
            return None
        self.more_inline = True
        return html.replace(_MORE_TOKEN, "", 1)

    def split_summary(self) -> tuple[str, str | None]:
        """The body's HTML and Hugo's summary before the divider (None without one)."""
        html = "".join(self.parts)
        if self.more_index >= 0:
            return html.strip(), "".join(self.parts[: self.more_index]).strip()
        if self.more_inline:
            return html.strip(), html.strip()
        return html, None


# --- the renderer -------------------------------------------------------------------------


class Renderer:
    """Renders documents for one site.

    With `cache` (the default) the body is cut into chunks (editor.core.markdown.chunks) whose
    rendering is kept for the next call; without it the body is parsed in one piece, which
    is the reference the cached result must equal. With `defer_fences` (and no cache) fenced
    code is left unhighlighted until `self.deferred` expands it (the library's figures), and
    a body without the summary divider is rendered as one block (its line map has one entry).
    """

    def __init__(
        self, site: SiteConfig | None = None, *, cache: bool = True, defer_fences: bool = False
    ) -> None:
        self.site = site
        self.options = MarkupOptions.from_site(site)
        # the library's figures: fences stay unhighlighted until expanded (deferred_fences.py)
        self.deferred = DeferredFences(self.options.code) if defer_fences and not cache else None
        self.md = (
            _figures_markdown_for(self.options)
            if self.deferred is not None
            else _markdown_for(self.options)
        )
        self.engine = str(getattr(site, "markdown_engine", "goldmark") or "goldmark")
        self._cache: ChunkCache[tuple[str, bool, str], Renderings[_Chunk]] | None = (
            ChunkCache() if cache else None
        )

    # public API

    def render(
        self,
        text: str,
        *,
        preview: bool = False,
        page_path: Path | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> RenderResult:
        try:
            return self._render(text, preview, page_path, metadata or {})
        except RecursionError:
            message = "the document is nested too deeply to render"
        except Exception as error:  # a bug must not take the editor down: show the text
            message = f"internal error while rendering ({type(error).__name__}: {error})"
        if self._cache is not None:
            self._cache.clear()
        return RenderResult(
            html=f"<p>{html_lib.escape(message)}</p>\n<pre><code>{html_lib.escape(text)}</code></pre>\n",
            toc_html='<nav id="TableOfContents"></nav>',
            warnings=(Diagnostic(message, page_path, 1, Severity.ERROR),),
        )

    def render_fragment(self, markdown: str) -> str:
        """Markdown (no front matter, no divider handling) to Hugo's HTML."""
        return self._render(markdown, False, None, {}, fragment=True).html

    def cache_stats(self) -> tuple[int, int]:
        """(hits, misses) of the chunk cache since this renderer was made."""
        if self._cache is None:
            return 0, 0
        return self._cache.hits, self._cache.misses

    def highlight(self, code: str, lang: str, options: str) -> str:
        """Hugo's `highlight` shortcode / function output for `code`."""
        info = parse_fence_info(f"{lang} {{{options}}}", self.options.code)
        return render_fence(code, info, self.options.code)[0]

    # internals

    def _render_python_markdown(
        self, text: str, preview: bool, page_path: Path | None, *, fragment: bool = False
    ) -> RenderResult:
        # Python-Markdown (Pelican, MkDocs): loaded by the sites that use it only.
        from editor.core.markdown import python_markdown

        text = text.replace("\r\n", "\n").replace("\r", "\n")
        start = 0 if fragment else body_start(text, meta=True)
        first_line = text.count("\n", 0, start)
        site = self.site
        highlight = getattr(site, "highlight", None)
        blocks, found, toc, missing = python_markdown.render_chunks(
            text[start:],
            tuple(getattr(site, "markdown_extensions", ()) or ()),
            xhtml=self.options.xhtml,
            style=self.options.code.style,
            no_classes=bool(getattr(highlight, "no_classes", False) or preview),
            toc_levels=(self.options.toc_start, self.options.toc_end, self.options.toc_ordered),
        )
        page = self._page(preview, page_path)
        warnings = [
            Diagnostic(f"Markdown extension {name!r} is not installed: ignored", page_path)
            for name in missing
        ]
        parts: list[str] = []
        line_map: list[tuple[int, int]] = []
        for block in blocks:
            first, last = first_line + block.first + 1, first_line + block.last + 1
            html = block.html
            if preview:
                html = _with_data_line(resolve_html_paths(html, page, warnings, first), first)
            parts.append(html)
            line_map.append((first, last))
        headings = tuple(
            Heading(level, plain, ident, first_line + line + 1)
            for level, plain, ident, line in found
        )
        return RenderResult(
            html="".join(parts),
            toc_html=toc,
            headings=headings,
            line_map=tuple(line_map),
            more_html=None,
            warnings=tuple(warnings),
        )

    def _render(
        self,
        text: str,
        preview: bool,
        page_path: Path | None,
        metadata: Mapping[str, Any],
        *,
        fragment: bool = False,
    ) -> RenderResult:
        if self.engine == "python-markdown":
            return self._render_python_markdown(text, preview, page_path, fragment=fragment)
        text = (
            text.replace("\x02", "\ufffd")
            .replace("\x03", "\ufffd")
            .replace("\r\n", "\n")
            .replace("\r", "\n")
        )
        start = 0 if fragment else body_start(text)
        lines = _Lines(first_line=text.count("\n", 0, start))
        body = text[start:]
        warnings: list[Diagnostic] = []
        placeholders: Mapping[str, str] = {}
        site_shortcodes: tuple[str, ...] = ()
        if not fragment and "{{" in body:
            ctx = self._shortcode_context(lines, preview, page_path, metadata)
            extracted = shortcodes.extract(body, ctx)
            if extracted.text != body:
                lines.line_of = list(extracted.line_of or ())
            body, placeholders = extracted.text, extracted.placeholders
            warnings.extend(extracted.warnings)
            site_shortcodes = extracted.site_shortcodes
        if not fragment:
            body = _mark_more_divider(body, lines)
        page = self._page(preview, page_path)
        parts = self._assemble(body, page, lines, preview)
        warnings.extend(parts.warnings)
        html, more_html = parts.split_summary()
        if placeholders:
            html = shortcodes.restore(html, placeholders)
            if more_html is not None:
                more_html = shortcodes.restore(more_html, placeholders)
        for message, line0 in page.warnings:
            warnings.append(Diagnostic(message, page_path, lines.doc(line0)))
        options = self.options
        toc = toc_html(parts.toc_entries, options.toc_start, options.toc_end, options.toc_ordered)
        return RenderResult(
            html=html,
            toc_html=toc,
            headings=tuple(parts.headings),
            line_map=tuple(parts.line_map),
            more_html=more_html,
            warnings=tuple(sorted(warnings, key=lambda w: w.line or 0)),
            site_shortcodes=site_shortcodes,
        )

    def _shortcode_context(
        self,
        lines: _Lines,
        preview: bool,
        page_path: Path | None,
        metadata: Mapping[str, Any],
    ) -> ShortcodeContext:
        return ShortcodeContext(
            site=self.site,
            page_path=page_path,
            preview=preview,
            render_markdown=self.render_fragment,
            metadata=metadata,
            highlight=self.highlight,
            first_line=lines.first_line + 1,
        )

    def _assemble(self, body: str, page: PagePaths, lines: _Lines, preview: bool) -> _Assembly:
        """The body's chunks, rendered (or from the cache), put together in document order:
        heading ids given page-wide, lines mapped back to the document, the divider found.
        The typographer's open quotes flow from chunk to chunk, as through Goldmark's page."""
        out = _Assembly(page.page_path)
        ids = IdFactory()
        pieces = split_chunks(body) if self._cache is not None else [(body, 0)]
        chunks: list[tuple[_Chunk, int]] = []
        quotes = NO_QUOTES
        for text, line in pieces:
            chunk = self._chunk(text, page, quotes)
            if quotes is NO_QUOTES:  # what it was rendered after
                quotes = chunk.quotes_out
            elif chunk.quotes_out is not NO_QUOTES or chunk.quotes_start is not NO_QUOTES:
                quotes = quote_flow.carry(chunk.quotes_out, chunk.quotes_start, quotes)
            # (else the open quotes pass it by)
            chunks.append((chunk, line))
        if len(chunks) > 1 and any(chunk.too_deep for chunk, _ in chunks):
            # Nesting cut short reaches past a chunk's end: render as the uncached path does.
            chunks = [(self._chunk(body, page, NO_QUOTES), 0)]
        for chunk, chunk_line in chunks:
            final_ids = [self._heading_id(info, ids) for info in chunk.headings]
            for info, final in zip(chunk.headings, final_ids, strict=True):
                if info.term:
                    continue  # a definition term's id: no heading, no TOC entry
                line = lines.doc(chunk_line + info.line)
                out.headings.append(Heading(info.level, info.text, final, line))
                out.toc_entries.append(TocEntry(info.level, final, info.title_html))
            for message, line0 in chunk.warnings:
                out.warn(message, lines.doc(chunk_line + line0))
            for block in chunk.blocks:
                html = block.html
                if final_ids and "\x02" in html:
                    html = _resolve_ids(html, final_ids)
                if lines.divider_line >= 0:
                    cut = out.cut_divider(html)
                    if cut is None:
                        continue
                    html = cut
                first = lines.doc(chunk_line + block.first)
                last = lines.doc(chunk_line + block.last)
                out.add(_with_data_line(html, first) if preview else html, first, last)
        return out

    def _heading_id(self, info: HeadingInfo, ids: IdFactory) -> str:
        if info.term:
            return ids.generate(info.id_text, self.options.auto_heading_id_type, "term")
        if info.explicit_id is not None:
            ids.put(info.explicit_id)
            return info.explicit_id
        if self.options.auto_heading_id and info.id_text:
            return ids.generate(info.id_text, self.options.auto_heading_id_type)
        return ""

    def _page(self, preview: bool, page_path: Path | None) -> PagePaths:
        return page_paths(self.site, preview, page_path)

    def _chunk(self, chunk_text: str, page: PagePaths, quotes: Quotes) -> _Chunk:
        """The chunk rendered after `quotes` open quotes, or from the cache."""
        key = (chunk_text, page.preview, str(page.page_path or ""))
        renderings = self._cache.get(key) if self._cache is not None else None
        after = quotes
        if renderings is not None:
            plain = quotes is NO_QUOTES or renderings.starved is NO_QUOTES  # the fast path
            cached = renderings.plain if plain else renderings.get(quotes)
            if cached is not None and (not cached.checked or page.still_valid(cached.checked)):
                return cached  # (an image that appeared or went away makes the chunk stale)
            after = quote_flow.start(quotes, renderings.starved)
        chunk = self._parse_chunk(chunk_text, page, after)
        if renderings is None:  # rendered after `quotes`: kept after those it depends on
            after = quote_flow.start(quotes, chunk.starved)
            if after != quotes:
                out = quote_flow.carry(chunk.quotes_out, quotes, after)
                chunk = replace(chunk, quotes_start=after, quotes_out=out)
            if self._cache is not None:
                renderings = Renderings(chunk.starved)
                self._cache.put(key, renderings)
        if renderings is not None:
            renderings.keep(chunk)
        return chunk

    def _parse_chunk(self, chunk_text: str, page: PagePaths, quotes: Quotes) -> _Chunk:
        counts = QuoteCounts(*quotes)
        env: dict[str, Any] = {
            "page": replace(page, warnings=[], checked=[]),  # this chunk's own findings
            QUOTES: counts,
        }
        if self.deferred is not None:
            env[DEFERRED_FENCES] = self.deferred
        tokens = self.md.parse(chunk_text, env)
        warn_unclosed_fences(tokens, chunk_text, env)
        deep = next((t for t in tokens if t.level >= MAX_NESTING - 1), None)
        if deep is not None:
            env.setdefault("warnings", []).append(
                (
                    f"blocks nested more than {MAX_NESTING - 1} levels deep are not shown",
                    deep.map[0] if deep.map else 0,
                )
            )
        if self.deferred is not None and _MORE_TOKEN not in chunk_text:
            # the library's figures: no line map, and no divider to find among the blocks
            blocks = _whole_body(self.md, tokens, env)
        else:
            blocks = _top_level_blocks(self.md, tokens, env)
        found: list[HeadingInfo] = env.get("headings", [])
        chunk_page: PagePaths = env["page"]
        warnings = list(env.get("warnings", [])) + chunk_page.warnings
        return _Chunk(
            tuple(blocks),
            tuple(found),
            tuple(warnings),
            chunk_text.count("\n"),
            tuple(chunk_page.checked),
            too_deep=deep is not None,
            quotes_start=quotes,
            quotes_out=quote_flow.normalized(counts.counts()),
            starved=quote_flow.normalized(counts.starved()),
        )


def _resolve_ids(html: str, final_ids: list[str]) -> str:
    return ID_MARK_RE.sub(lambda m: _escape_attr(final_ids[int(m.group(1))]), html)


def _escape_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _with_data_line(html: str, line: int) -> str:
    match = _FIRST_TAG_RE.match(html)
    if match is None:
        return f'<div data-line="{line}">{html}</div>\n'
    end = match.end()
    return f'{html[:end]} data-line="{line}"{html[end:]}'


# --- module-level helpers -----------------------------------------------------------------


def _renderer_for(site: SiteConfig | None) -> Renderer:
    return Renderer(site, cache=False)


def render_post(post: Post, site: SiteConfig | None, *, preview: bool = False) -> RenderResult:
    """Render a loaded post (its whole text, so lines are those of the file)."""
    return _renderer_for(site).render(
        post.text, preview=preview, page_path=post.path, metadata=post.metadata
    )


def render_markdown(md: str, site: SiteConfig | None) -> str:
    """A Markdown fragment (front matter summary, shortcode inner content) to Hugo's HTML."""
    return _renderer_for(site).render_fragment(md)
