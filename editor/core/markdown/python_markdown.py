"""Pelican and MkDocs sites: the same RenderResult, from Python-Markdown (the `markdown` package).

Those generators render with Python-Markdown and the extensions the site lists (Pelican's
default: codehilite, extra, meta), so the preview does too. The body is cut into chunks the
way the Goldmark path does (editor.core.markdown.chunks) so that each chunk's first element can
carry its source line; documents with page-wide definitions (footnotes, references,
abbreviations) render in one piece.
"""

from __future__ import annotations

import html as html_lib
import importlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import markdown

from editor.core.markdown.chunks import split_chunks
from editor.core.markdown.heading_ids import IdFactory, TocEntry, toc_html

__all__ = ["PyMarkdownBlock", "render_chunks"]

_HEADING_RE = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID_RE = re.compile(r'\bid="([^"]*)"')
_TAG_RE = re.compile(r"<[^>]+>")
_FIRST_TAG_RE = re.compile(r"\s*<([A-Za-z][A-Za-z0-9-]*)")
_GLOBAL_SYNTAX_RE = re.compile(r"^ {0,3}\[[^\]\n]*\]:|^\*\[[^\]\n]*\]:", re.MULTILINE)
_SHORT_NAMES = {
    "codehilite": "markdown.extensions.codehilite",
    "extra": "markdown.extensions.extra",
    "meta": "markdown.extensions.meta",
    "toc": "markdown.extensions.toc",
    "tables": "markdown.extensions.tables",
    "fenced_code": "markdown.extensions.fenced_code",
    "footnotes": "markdown.extensions.footnotes",
    "attr_list": "markdown.extensions.attr_list",
    "def_list": "markdown.extensions.def_list",
    "abbr": "markdown.extensions.abbr",
    "admonition": "markdown.extensions.admonition",
    "sane_lists": "markdown.extensions.sane_lists",
    "smarty": "markdown.extensions.smarty",
    "nl2br": "markdown.extensions.nl2br",
    "wikilinks": "markdown.extensions.wikilinks",
    "md_in_html": "markdown.extensions.md_in_html",
}


class PyMarkdownBlock:
    """One chunk's HTML with the body line (0-based) it starts on."""

    __slots__ = ("first", "html", "last")

    def __init__(self, html: str, first: int, last: int) -> None:
        self.html = html
        self.first = first
        self.last = last


_META = "markdown.extensions.meta"


def _full_name(name: str) -> str:
    return _SHORT_NAMES.get(name, name)


@lru_cache(maxsize=64)
def _loadable(name: str) -> bool:
    module = name.split(":")[0]
    try:
        importlib.import_module(module)
    except Exception:
        return False
    return True


def _extensions(
    names: Sequence[str], style: str, no_classes: bool
) -> tuple[list[str], dict[str, dict[str, Any]], list[str]]:
    chosen: list[str] = []
    missing: list[str] = []
    for raw in names:
        name = _full_name(raw)
        if name in chosen or name == _META:
            continue  # the metadata lines are cut off before (a chunk's "Note: x" is text)
        if _loadable(name):
            chosen.append(name)
        else:
            missing.append(raw)
    configs: dict[str, dict[str, Any]] = {}
    if "markdown.extensions.codehilite" in chosen:
        configs["markdown.extensions.codehilite"] = {
            "css_class": "highlight",
            "noclasses": no_classes,
            "pygments_style": style,
            "guess_lang": False,
        }
    return chosen, configs, missing


def _heading_texts(html: str) -> list[tuple[int, str, str | None, str]]:
    """(level, plain text, id or None, inner HTML) of every heading in `html`."""
    found = []
    for match in _HEADING_RE.finditer(html):
        ident = _ID_RE.search(match.group(2))
        inner = match.group(3)
        text = html_lib.unescape(_TAG_RE.sub("", inner))
        found.append((int(match.group(1)), text, ident.group(1) if ident else None, inner))
    return found


def render_chunks(
    body: str,
    extension_names: Sequence[str],
    *,
    xhtml: bool,
    style: str,
    no_classes: bool,
    toc_levels: tuple[int, int, bool],
) -> tuple[list[PyMarkdownBlock], list[tuple[int, str, str, int]], str, list[str]]:
    """Blocks, headings (level, text, id, 0-based line), TOC HTML and unloadable extensions."""
    names, configs, missing = _extensions(extension_names, style, no_classes)
    md = markdown.Markdown(
        extensions=names,
        extension_configs=configs,
        output_format="xhtml" if xhtml else "html",
    )
    whole = _GLOBAL_SYNTAX_RE.search(body) is not None or "[^" in body
    chunks = [(body, 0)] if whole else split_chunks(body)
    blocks: list[PyMarkdownBlock] = []
    headings: list[tuple[int, str, str, int]] = []
    ids = IdFactory()
    entries: list[TocEntry] = []
    for text, line in chunks:
        md.reset()
        try:
            html = md.convert(text)
        except Exception as error:  # a third-party extension may fail on odd input
            html = f"<p>{html_lib.escape(f'Python-Markdown failed: {error}')}</p>"
        if not html.strip():
            continue
        last = line + max(text.rstrip("\n").count("\n"), 0)
        blocks.append(PyMarkdownBlock(html + "\n", line, last))
        for level, plain, ident, inner in _heading_texts(html):
            final = ident if ident is not None else ids.generate(plain)
            if ident is not None:
                ids.put(ident)
            headings.append((level, plain, final, line))
            entries.append(TocEntry(level, final, inner))
    start, end, ordered = toc_levels
    return blocks, headings, toc_html(entries, start, end, ordered), missing
