"""The three figures the library stores (words, reading time, summary text), and no more.

`post_stats` (stats/figures.py) measures everything the editor shows; the library's figures
pass needs Hugo's word count, reading time and summary text for thousands of posts, so this
path skips the rest: fenced code is rendered unhighlighted (markdown/deferred_fences.py: the
plain text, hence the word count, is the same) and highlighted only where the automatic
summary reads markup; the code, character and outline figures are not computed. Each
result equals `post_stats`'s (tests/core/stats/test_library_figures.py compares them).
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from editor.core.stats.figures import (
    _meta_get,
    count_words,
    is_cjk_page,
    reading_time,
    summary_end,
    summary_text,
    trim_short_html,
)
from editor.core.stats.strip_html import plain_text

if TYPE_CHECKING:
    from editor.core.markdown.deferred_fences import DeferredFences
    from editor.core.markdown.renderer import Renderer
    from editor.core.post.model import Post
    from editor.core.site.config import SiteConfig

__all__ = ["LibraryFigures", "library_figures"]

LibraryFigures = tuple[int, int, str]  # words, reading time (minutes), summary text

# An element whose text html/template's stripper keeps up to its end tag, markup and all: a
# deferred fence inside one would be kept as different markup.
_TEXT_KEEPING_RE = re.compile(r"<(?:textarea|title)", re.IGNORECASE)


_local = threading.local()  # per thread: the last site and its renderer


def _renderer(site: SiteConfig) -> tuple[Renderer, DeferredFences]:
    """A renderer for `site` (without a cache it keeps nothing of a post; made once per
    site and thread) with fresh deferred fences."""
    from editor.core.markdown.deferred_fences import DeferredFences
    from editor.core.markdown.renderer import Renderer

    last: tuple[SiteConfig, Renderer] | None = getattr(_local, "last", None)
    if last is None or last[0] is not site:
        last = _local.last = site, Renderer(site, cache=False, defer_fences=True)
    renderer = last[1]
    renderer.deferred = deferred = DeferredFences(renderer.options.code)
    return renderer, deferred


def library_figures(post: Post, site: SiteConfig) -> LibraryFigures:
    """Hugo's word count, reading time and summary text of `post`, as `post_stats` gives."""
    renderer, deferred = _renderer(site)
    metadata = post.metadata
    result = renderer.render(post.text, page_path=post.path, metadata=metadata)
    html = result.html
    more_html = result.more_html
    fm_summary = _meta_get(metadata, "summary")
    fm_summary_html: str | None = None
    if more_html is None and fm_summary not in (None, ""):
        fm_summary_html = renderer.render_fragment(str(fm_summary))
    if len(deferred) and any(
        part is not None and _TEXT_KEEPING_RE.search(part)
        for part in (html, more_html, fm_summary_html)
    ):
        html = deferred.expand(html)
        more_html = deferred.expand(more_html) if more_html is not None else None
        if fm_summary_html is not None:
            fm_summary_html = deferred.expand(fm_summary_html)
    cjk = is_cjk_page(post.text, metadata, site)
    words = count_words(plain_text(html, collapse=False), cjk)  # Go's Fields: runs or not
    if more_html is not None:
        summary = more_html.strip()
    elif fm_summary_html is not None:
        summary = trim_short_html(fm_summary_html)
    else:
        length = int(getattr(site, "summary_length", 70))
        if length <= 0:
            summary = ""
        else:
            html, end = deferred.settle(html, lambda h: summary_end(h, length, cjk))
            summary = html[:end].strip()
    return words, reading_time(words, cjk), summary_text(summary)
