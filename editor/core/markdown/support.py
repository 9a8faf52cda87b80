"""Helpers around a render: where the body starts, preview paths, lines through shortcodes.

`body_start` is where the body starts after the front matter (`editor.core.post.frontmatter`
finds it). In preview mode a relative image or link path becomes a file:// URL found in the
page bundle, the site's static folders or assets/ (`PagePaths`), and a missing local image
is a warning. In a Pelican site Pelican's own links, `{static}`, `{attach}` and `{filename}`
(or `|static|`...), are found as Pelican finds them: from the content folder when the path
starts with `/`, else from the post's folder. `line_mapping` pairs the body's lines after
shortcode expansion with the lines the author wrote.
"""

from __future__ import annotations

import difflib
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.diagnostics import Diagnostic
from editor.core.post.frontmatter import split_front_matter
from editor.core.site.page_id import document_id
from editor.core.site.permalinks_pelican import intrasite_path

__all__ = [
    "LocalLink",
    "PagePaths",
    "body_start",
    "line_mapping",
    "local_link",
    "page_paths",
    "preview_paths_rule",
    "resolve_html_paths",
    "warn_unclosed_fences",
]

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class PagePaths:
    """What one render needs to know about where the page lives."""

    preview: bool
    page_path: Path | None
    search_dirs: tuple[Path, ...] = ()
    static_dirs: tuple[Path, ...] = ()
    content_dir: Path | None = None  # a Pelican site's: where `{static}/x.png` is looked up
    # footnote ids' prefix: "h" and Hugo's document id, with extensions.footnote.
    # enableAutoIDPrefix ("" without it, or for a page outside the content folders)
    footnote_prefix: str = ""
    warnings: list[tuple[str, int]] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)  # (url, target or "")

    def target(self, url: str) -> Path | None:
        """The local file `url` points at for the preview, recorded in `checked`."""
        found = _local_target(url, self)
        if _is_local_url(url):
            self.checked.append((url, "" if found is None else str(found)))
        return found

    def still_valid(self, checked: tuple[tuple[str, str], ...]) -> bool:
        """Do these earlier look-ups still find the same files (or still none)?"""
        for url, target in checked:
            found = _local_target(url, self)
            if ("" if found is None else str(found)) != target:
                return False
        return True


def page_paths(site: object | None, preview: bool, page_path: Path | None) -> PagePaths:
    """Where a render of the page at `page_path` looks for local files: in the preview, the
    page's folder (its bundle) for relative paths, the site's static folders and assets/."""
    prefix = _footnote_prefix(site, page_path)
    if not preview:
        return PagePaths(False, page_path, footnote_prefix=prefix)
    static: list[Path] = []
    content: Path | None = None
    if site is not None:
        root = Path(getattr(site, "root", "."))
        static = [root / d for d in getattr(site, "static_dirs", ()) or ("static",)]
        assets = getattr(site, "assets_dir", None)
        static.append(root / (assets if assets is not None else "assets"))
        if getattr(site, "kind", "") == "pelican":
            content = root / getattr(site, "content_dir", ".")
    bundle = [page_path.parent] if page_path is not None else []
    return PagePaths(True, page_path, tuple(bundle + static), tuple(static), content, prefix)


def _footnote_prefix(site: object | None, page_path: Path | None) -> str:
    goldmark = getattr(site, "goldmark", None)
    if page_path is None or not getattr(goldmark, "footnote_id_prefix", False):
        return ""
    found = document_id(site, page_path)
    return "" if found is None else f"h{found}"


# --- front matter -------------------------------------------------------------------------


def body_start(text: str, meta: bool = False) -> int:
    """Index in `text` where the body starts (0 when there is no closed front matter);
    `meta`: Python-Markdown's metadata lines count as front matter (Pelican, MkDocs)."""
    return split_front_matter(text, meta).body_start


# --- preview paths ------------------------------------------------------------------------


class LocalLink(NamedTuple):
    """The local path a link names, unquoted; `intrasite`: a Pelican `{static}`-style link,
    whose path is from the content folder (`/a.png`) or from the post's folder (`a.png`)."""

    path: str
    intrasite: bool


def local_link(url: str, pelican: bool = False) -> LocalLink | None:
    """The local path a link or image `url` names (the preview and the checks both read it
    here); None for a fragment, another host or a scheme. `pelican`: a Pelican site, where
    `{static}`, `{attach}` and `{filename}` links name files."""
    if not url or url.startswith(("#", "//")) or _SCHEME_RE.match(url):
        return None
    intrasite = intrasite_path(url) if pelican else None
    path = unquote(urlsplit(url if intrasite is None else intrasite).path)
    return LocalLink(path, intrasite is not None) if path else None


def _local_target(url: str, page: PagePaths) -> Path | None:
    link = local_link(url, pelican=page.content_dir is not None)
    if link is None:
        return None
    path = link.path
    if link.intrasite and page.content_dir is not None:
        here = page.page_path.parent if page.page_path is not None else page.content_dir
        candidates = [page.content_dir / path.lstrip("/") if path.startswith("/") else here / path]
    elif path.startswith("/"):
        candidates = [d / path.lstrip("/") for d in page.static_dirs]
    else:
        candidates = [d / path for d in page.search_dirs]
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate.resolve()
        except (OSError, ValueError):
            continue
    return None


def preview_paths_rule(state: StateCore) -> None:
    page: PagePaths | None = state.env.get("page")
    if page is None or not page.preview:
        return
    for block in state.tokens:
        if block.type == "html_block":  # raw HTML (unsafe sites): <img src="/x.png">
            line = block.map[0] if block.map else 0
            block.content = _resolve_raw_html(block.content, page, line)
            continue
        if block.type != "inline" or not block.children:
            continue
        line = block.map[0] if block.map else 0
        offset = 0
        for token in _walk(block.children):
            if token.type in ("softbreak", "hardbreak"):
                offset += 1
            if token.type == "html_inline":
                token.content = _resolve_raw_html(token.content, page, line + offset)
                continue
            key = "src" if token.type == "image" else "href" if token.type == "link_open" else ""
            if not key or token.info == "auto":
                continue
            url = str(token.attrGet(key) or "")
            target = page.target(url)
            if target is not None:
                token.attrSet(key, target.as_uri())
            elif key == "src" and _is_local_url(url):
                page.warnings.append((f"image not found: {unquote(url)}", line + offset))


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.type == "image" and token.children:
            out.extend(_walk(token.children))
    return out


def _is_local_url(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "//")) and _SCHEME_RE.match(url) is None


def warn_unclosed_fences(tokens: list[Token], text: str, env: dict[str, Any]) -> None:
    lines: list[str] | None = None
    for token in tokens:
        if token.type != "fence" or not token.map:
            continue
        if lines is None:
            lines = text.split("\n")
        first, end = token.map
        last = lines[end - 1].strip(" \t>") if first < end - 1 < len(lines) else ""
        closed = last.startswith(token.markup) and not last.strip(token.markup[:1])
        if not closed:
            env.setdefault("warnings", []).append(
                ("this code block is never closed: it runs to the end of its container", first)
            )


_URL_ATTR_RE = re.compile(r'<(img|a)\b([^>]*?)\b(src|href)="([^"]*)"')


def _resolve_urls(
    html: str, find: Callable[[str], Path | None], missing: Callable[[str], None]
) -> str:
    """`html` with each `<img src>`/`<a href>` that `find` resolves made a file:// URL;
    `missing` hears of each local image that it does not."""

    def replace(match: re.Match[str]) -> str:
        url = html_lib.unescape(match.group(4))
        target = find(url)
        if target is not None:
            return f'<{match.group(1)}{match.group(2)}{match.group(3)}="{target.as_uri()}"'
        if match.group(1) == "img" and _is_local_url(url):
            missing(url)
        return match.group(0)

    return _URL_ATTR_RE.sub(replace, html)


def resolve_html_paths(html: str, page: PagePaths, warnings: list[Diagnostic], line: int) -> str:
    """Preview paths for HTML that did not come through markdown-it (Python-Markdown)."""

    def missing(url: str) -> None:
        warnings.append(Diagnostic(f"image not found: {unquote(url)}", page.page_path, line))

    return _resolve_urls(html, lambda url: _local_target(url, page), missing)


def _resolve_raw_html(html: str, page: PagePaths, line: int) -> str:
    """Preview paths in raw HTML inside Markdown (looked up through `page.target`, so that
    the render cache notices an image that appears later)."""

    def missing(url: str) -> None:
        page.warnings.append((f"image not found: {unquote(url)}", line))

    return _resolve_urls(html, page.target, missing)


_SHORTCODE_OPEN_RE = re.compile(r"\{\{[<%](?!\s*/)")
_PLACEHOLDER = "HAHAHUGOSHORTCODE"


def line_mapping(before: str, after: str) -> list[int]:
    """For each line of `after`, the line of `before` it came from: shortcodes replaced some
    runs of lines by others; unchanged non-blank lines pair up exactly, replaced ones point
    at the start of what they replaced."""
    old_lines, new_lines = before.split("\n"), after.split("\n")
    old_idx = [i for i, line in enumerate(old_lines) if line.strip()]
    new_idx = [j for j, line in enumerate(new_lines) if line.strip()]
    matcher = difflib.SequenceMatcher(
        None, [old_lines[i] for i in old_idx], [new_lines[j] for j in new_idx], autojunk=False
    )
    mapping = [-1] * (len(new_lines) + 1)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j1, j2):
                mapping[new_idx[k]] = old_idx[i1 + (k - j1)]
            continue
        region = old_idx[i1:i2] or [old_idx[i1] if i1 < len(old_idx) else len(old_lines) - 1]
        # the n-th placeholder (or block) of the region comes from the n-th shortcode opened
        openers = [i for i in region if _SHORTCODE_OPEN_RE.search(old_lines[i])] or region[:1]
        current = -1
        for k in range(j1, j2):
            line = new_lines[new_idx[k]]
            if current < 0 or _PLACEHOLDER in line:
                current = min(current + 1, len(openers) - 1)
            mapping[new_idx[k]] = openers[current]
    last = 0
    for j, value in enumerate(mapping):
        if value < 0:
            mapping[j] = last if j < len(new_lines) else len(old_lines)
        else:
            last = value
    return mapping
