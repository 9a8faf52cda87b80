"""The files one post becomes in an export: its text converted for the target, its images.

`post_files(opts, post, slug, renamed)` gives each file as (rel path, kind, bytes or None,
source to copy or None), the post's own file first, and warnings. The post's local images
are collected (a page bundle also takes those it links from the site's static folders),
each placed by `layout.image_rel` and its link in the body rewritten to match; the front
matter is converted for the target generator (`formats.convert_front_matter`).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from editor.core.export.formats import (
    FmFormat,
    convert_front_matter,
    from_meta_lines,
    raw_scalar_texts,
)
from editor.core.export.images import rewrite_links, scan_images
from editor.core.export.layout import GENERATOR, ExportOptions, FileKind, image_rel, post_rel
from editor.core.export.naming import is_draft, post_date
from editor.core.export.paths import UnsafePathError
from editor.core.post.model import Post
from editor.core.site.config import find_site

FileSpec = tuple[str, FileKind, bytes | None, Path | None]  # rel, kind, content, source


def post_files(
    opts: ExportOptions, post: Post, slug: str, renamed: bool
) -> tuple[list[FileSpec], list[str]]:
    """The files for `post` under `slug` and warnings."""
    warnings: list[str] = []
    main_rel = post_rel(opts, post, slug)
    if opts.fmt in ("html", "pdf"):
        assert opts.html is not None
        text, html_warnings = opts.html(post)
        warnings.extend(html_warnings)
        return [(main_rel, opts.fmt, text.encode("utf-8"), None)], warnings
    post_dir = Path(post.path).parent if post.path is not None else None
    scan = scan_images(post.body, post_dir, _static_dirs(opts, post_dir))
    if scan.errors:
        raise UnsafePathError("; ".join(scan.errors))
    warnings.extend(f"image not found: {ref}" for ref in scan.missing)
    files: list[FileSpec] = []
    links: dict[str, str] = {}
    sources: dict[str, Path] = {}
    for image in sorted(scan.images, key=lambda i: i.written.startswith("/")):  # own first
        rel, link = image_rel(opts, slug, image)
        if sources.setdefault(rel, image.source) != image.source:
            warnings.append(f"image {image.written} not copied: {rel} is another image")
            continue
        links[image.written] = link
        if rel not in (f[0] for f in files):
            files.append((rel, "image", None, image.source))
    body = rewrite_links(post.body, links.get) if links else post.body
    generator = GENERATOR[opts.fmt]
    fm_format: FmFormat
    if generator == "jekyll":
        fm_format = "yaml"
    elif generator == "zola":
        fm_format = "toml"
    else:
        fm_format = opts.fm_format or _source_format(post)
    when = post_date(post)
    date_value: datetime | date | None = when
    if when is None and generator == "jekyll" and not is_draft(post):
        date_value = opts.today
        warnings.append(f"the post has no date: dated {opts.today.isoformat()}")
    meta = post.fm_format == "meta"  # Pelican's lines: their dates are written anew
    converted = convert_front_matter(
        from_meta_lines(post.metadata) if meta else post.metadata,
        {} if meta else raw_scalar_texts(post.front_matter, post.fm_format),
        generator,
        fm_format,
        draft=is_draft(post),
        slug=slug if renamed else None,
        date_value=date_value,
    )
    warnings.extend(converted.warnings)
    if generator != "hugo" and ("{{<" in body or "{{%" in body):
        warnings.append("the post uses Hugo shortcodes, which this generator does not know")
    text = converted.block + ("" if body.startswith("\n") else "\n") + body
    if post.newline == "\r\n":
        text = text.replace("\n", "\r\n")
    files.insert(0, (main_rel, "post", text.encode("utf-8"), None))
    return files, warnings


def _static_dirs(opts: ExportOptions, post_dir: Path | None) -> tuple[Path, ...]:
    """The static folders of the post's site, for a page bundle (which takes along the
    images the post links from there); none for the other formats."""
    if opts.fmt != "hugo-bundle" or post_dir is None:
        return ()
    return find_site(post_dir).static_dirs


def _source_format(post: Post) -> FmFormat:
    """The post's own format; YAML for none, or for Pelican's metadata lines."""
    fmt = post.fm_format
    return "yaml" if fmt is None or fmt == "meta" else fmt
