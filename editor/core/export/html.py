"""A post as one self-contained HTML file: CSS inlined, images embedded, no external reference.

The body is rendered as Hugo would (`render_post`) with code highlighted by inline styles;
the header card (title, date, reading time, word count, tags) is the preview's. Local images
become `data:` URIs; remote images, scripts, frames and other loaders are dropped (with a
warning), stylesheet `url()`s that are not `data:` are removed; then the body goes through
an allow-list (`editor.core.export.sanitize.clean_body`, nh3): no event handler, script,
form, `javascript:` link or remote resource survives. A Content-Security-Policy forbids any
network request, so the file opens the same offline and online. The same document is what
the PDF export prints.
"""

from __future__ import annotations

import base64
import html as html_lib
import mimetypes
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from editor.core.export.images import UnsafeImagePathError, is_remote, local_path, resolve_image
from editor.core.export.sanitize import clean_body
from editor.core.markdown.renderer import render_post
from editor.core.post.model import Post
from editor.core.preview.header import post_header
from editor.core.preview.page import header_html
from editor.core.site.config import SiteConfig, find_site
from editor.core.stats.figures import post_stats

CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "media-src data:; form-action 'none'; base-uri 'none'"
)

DEFAULT_CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 17px/1.65 -apple-system, "Segoe UI", Roboto, "Noto Sans", Helvetica, Arial, sans-serif; }
article.post { max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
.post-header { margin-bottom: 2rem; }
.post-title { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .5rem; }
.post-description { color: #3d444d; margin: .4rem 0; }
.post-meta { color: #656d76; font-size: .9rem; }
.entry-isdraft { font-size: .9rem; color: #8a5a00; }
.post-tags { list-style: none; padding: 0; margin: .75rem 0 0; display: flex;
  flex-wrap: wrap; gap: .4rem; }
.post-tags li span { background: #eef1f4; border-radius: 1rem; padding: .1rem .7rem;
  font-size: .8rem; }
.post-content img { max-width: 100%; height: auto; }
.post-content pre { overflow-x: auto; padding: .8rem 1rem; border-radius: 6px;
  background: #f6f8fa; font-size: .85rem; line-height: 1.45; }
.post-content code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.post-content :not(pre) > code { background: #eff1f3; padding: .1em .35em; border-radius: 4px; }
.post-content blockquote { margin: 0; padding: 0 1rem; border-left: 4px solid #d0d7de;
  color: #59636e; }
.post-content table { border-collapse: collapse; }
.post-content th, .post-content td { border: 1px solid #d0d7de; padding: .3rem .7rem; }
.image-omitted { color: #656d76; font-style: italic; }
@media print { article.post { margin: 0 auto; } .post-content pre { white-space: pre-wrap; } }
"""

# Added after any stylesheet (the default or the preview's): what printing keeps together.
PRINT_CSS = """\
@media print {
  figure, .post-content figure { break-inside: avoid; page-break-inside: avoid; }
  figure img, .post-content img { break-inside: avoid; page-break-inside: avoid; }
  figcaption { break-before: avoid; page-break-before: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  .post-content tr, .post-content blockquote { break-inside: avoid; page-break-inside: avoid; }
}
"""

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = r"""\s{name}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
_LOADERS = re.compile(
    r"<(script|style|iframe|object|embed|video|audio|source|track|link|base|meta|frame)\b",
    re.IGNORECASE,
)
_BLOCKS = re.compile(r"<(script|iframe|object|video|audio)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*(?!['\"]?data:)[^)]*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_STYLE_ATTR_URL = re.compile(r"(style\s*=\s*\"[^\"]*?)url\([^)]*\)", re.IGNORECASE)


def _attr(tag: str, name: str) -> str | None:
    match = re.search(_ATTR.format(name=name), tag, re.IGNORECASE)
    if match is None:
        return None
    value = match.group(1)
    if value[:1] in "\"'":
        value = value[1:-1]
    return html_lib.unescape(value)


def _drop_attr(tag: str, name: str) -> str:
    return re.sub(_ATTR.format(name=name), "", tag, flags=re.IGNORECASE)


def sanitize_css(css: str) -> str:
    """`css` without `@import` and without `url()`s that are not `data:`."""
    return _CSS_URL.sub("none", _CSS_IMPORT.sub("", css)).replace("</", "<\\/")


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix.lower() == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _site_file(ref: str, static_dirs: tuple[Path, ...]) -> Path | None:
    """A site URL ("/images/a.png") found in one of the site's static folders."""
    path = local_path(ref)
    if path is None or not path.startswith("/") or ".." in path.split("/"):
        return None
    for folder in static_dirs:
        candidate = folder / path.lstrip("/")
        if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
            return candidate
    return None


def embed_images(
    body_html: str, post_dir: Path | None, static_dirs: tuple[Path, ...] = ()
) -> tuple[str, tuple[str, ...]]:
    """`body_html` with every image embedded as a data: URI, or dropped (with a warning)."""
    warnings: list[str] = []

    def omitted(tag: str, why: str) -> str:
        warnings.append(why)
        alt = _attr(tag, "alt") or ""
        return f'<span class="image-omitted">[image: {html_lib.escape(alt)}]</span>'

    def embed(match: re.Match[str]) -> str:
        tag = _drop_attr(match.group(0), "srcset")
        src = _attr(tag, "src")
        if not src:
            return tag
        if src.startswith("data:"):
            return tag
        if is_remote(src):
            return omitted(tag, f"remote image left out (the file must not load anything): {src}")
        try:
            image = resolve_image(src, post_dir) if post_dir is not None else None
        except UnsafeImagePathError as exc:
            return omitted(tag, str(exc))
        source = image.source if image is not None else _site_file(src, static_dirs)
        if source is None or not source.is_file():
            return omitted(tag, f"image not found: {src}")
        new_src = html_lib.escape(data_uri(source), quote=True)
        return re.sub(
            _ATTR.format(name="src"), f' src="{new_src}"', tag, count=1, flags=re.IGNORECASE
        )

    out = _IMG.sub(embed, body_html)
    if _BLOCKS.search(out) or _LOADERS.search(out):
        warnings.append("embedded scripts, frames or media were left out")
        out = _BLOCKS.sub("", out)
        out = _LOADERS.sub(lambda m: "&lt;" + m.group(1), out)
    out = _STYLE_ATTR_URL.sub(r"\1none", out)
    return out, tuple(dict.fromkeys(warnings))


def _static_dirs(site: SiteConfig) -> tuple[Path, ...]:
    dirs = tuple(Path(d) for d in getattr(site, "static_dirs", ()) or ())
    return dirs or (Path(site.root) / "static",)


def standalone_html(post: Post, site: SiteConfig, css: str = "") -> tuple[str, tuple[str, ...]]:
    """The post as one HTML document with nothing external, and warnings."""
    site = replace(site, highlight=replace(site.highlight, no_classes=True))
    result = render_post(post, site)
    stats = post_stats(post, site, result)
    header = post_header(post, stats, site)
    post_dir = Path(post.path).parent if post.path is not None else None
    body, warnings = embed_images(result.html, post_dir, _static_dirs(site))
    body = clean_body(body)
    esc = html_lib.escape
    title = header.title or (Path(post.path).stem if post.path is not None else "Untitled")
    lang = esc(str(post.metadata.get("lang") or site.default_language or "en"))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Inkpost">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{sanitize_css(css or DEFAULT_CSS)}\n{PRINT_CSS}</style>",
        "</head>",
        "<body>",
        '<main class="main"><article class="post-single post">',
        f'<header class="post-header">{header_html(replace(header, title=title))}</header>',
        '<div class="post-content">',
        body.rstrip("\n"),
        "</div>",
        "</article></main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n", warnings


def html_maker(
    site: SiteConfig | None = None, css: str = ""
) -> Callable[[Post], tuple[str, tuple[str, ...]]]:
    """`post -> (document, warnings)` for `plan_export`: the given site, else each post's own."""

    def make(post: Post) -> tuple[str, tuple[str, ...]]:
        post_site = site
        if post_site is None:
            post_site = (
                find_site(Path(post.path).parent)
                if post.path is not None
                else SiteConfig.hugo_defaults(Path.cwd())
            )
        return standalone_html(post, post_site, css)

    return make
