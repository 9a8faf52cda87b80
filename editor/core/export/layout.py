"""Where each export format puts a post's files in the target folder.

Hugo and Zola write `content/<section>/<slug>.md`, a Hugo page bundle
`content/<section>/<slug>/index.md` with its images beside it, Jekyll
`_posts/<date>-<slug>.md` (or `_drafts/<slug>.md`), HTML and PDF `<slug>.html|pdf`.
`ExportOptions` are the choices one export runs with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from editor.core.export.formats import FmFormat, Target
from editor.core.export.images import ImageRef, url_path
from editor.core.export.naming import is_draft, post_date
from editor.core.post.model import Post

FORMATS = ("hugo", "hugo-bundle", "jekyll", "zola", "html", "pdf")
Format = Literal["hugo", "hugo-bundle", "jekyll", "zola", "html", "pdf"]
FileKind = Literal["post", "image", "html", "pdf"]
GENERATOR: dict[str, Target] = {  # whose front matter and slugs a format writes
    "hugo": "hugo",
    "hugo-bundle": "hugo",
    "jekyll": "jekyll",
    "zola": "zola",
    "html": "hugo",
    "pdf": "hugo",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    target: Path
    fmt: Format
    section: str
    fm_format: FmFormat | None
    today: date
    html: Callable[[Post], tuple[str, tuple[str, ...]]] | None
    slug_from_title: bool = False


def _rel(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def post_rel(opts: ExportOptions, post: Post, slug: str) -> str:
    """The post's own file, relative to the target folder."""
    fmt = opts.fmt
    if fmt == "hugo-bundle":
        return _rel("content", opts.section, slug, "index.md")
    if fmt in ("hugo", "zola"):
        return _rel("content", opts.section, f"{slug}.md")
    if fmt == "jekyll":
        if is_draft(post):
            return _rel("_drafts", f"{slug}.md")
        when = post_date(post)
        day = when.date() if when is not None else opts.today
        return _rel("_posts", f"{day.isoformat()}-{slug}.md")
    return f"{slug}.{fmt}"


def image_rel(opts: ExportOptions, slug: str, image: ImageRef) -> tuple[str, str]:
    """(file rel path in the target, link written in the exported post)."""
    rel = str(image.rel)
    if opts.fmt == "hugo-bundle":
        return _rel("content", opts.section, slug, rel), url_path(rel)
    if opts.fmt == "jekyll":
        return _rel("assets", slug, rel), "/" + url_path(_rel("assets", slug, rel))
    return _rel("static", "images", slug, rel), "/" + url_path(_rel("images", slug, rel))


def alternates(opts: ExportOptions, rel: str) -> list[str]:
    """Other paths that give the same page (Hugo/Zola: slug.md and slug/index.md)."""
    if opts.fmt in ("hugo", "zola") and rel.endswith(".md"):
        return [rel[:-3] + "/index.md", rel[:-3] + "/_index.md"]
    if opts.fmt == "hugo-bundle" and rel.endswith("/index.md"):
        return [rel[: -len("/index.md")] + ".md"]
    return []
