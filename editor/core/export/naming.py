"""What a post is called in the target: its title, date, draft flag and slug.

`base_slug` takes the front matter slug, else (into Hugo) the post's own file or bundle
folder name, else its title; `shorten_slug` cuts a slug to fit a file name (255 bytes with
what a format adds around it: `slug_budget`), and `free_slug` finds `slug-2`, `slug-3`, …
when a name is taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from editor.core.export.formats import Target
from editor.core.export.paths import UnsafePathError, check_slug
from editor.core.post.model import Post
from editor.core.site.slugs import target_slug

NAME_MAX_BYTES = 255  # one file or folder name (ext4, Btrfs, XFS, APFS; NTFS: 255 units)
_MAX_FREE_NAME = 1000
_MAX_SLUG_BYTES = 120  # a slug made from a title
# Bytes a format adds around the slug in the longest name made of it (Jekyll: the date).
_NAME_EXTRA = {"hugo": 3, "hugo-bundle": 3, "zola": 3, "jekyll": 14, "html": 5, "pdf": 4}
_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")


def name_stem(post: Post) -> str:
    """The post's file (or bundle folder) name without suffix and Jekyll date prefix."""
    if post.path is None:
        return ""
    path = Path(post.path)
    stem = path.parent.name if path.stem in ("index", "_index") else path.stem
    match = _JEKYLL_NAME.match(stem)
    return match.group(4) if match else stem


def title_of(post: Post) -> str:
    title = post.metadata.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return name_stem(post) or "untitled"


def post_date(post: Post) -> datetime | None:
    """The post's date (Hugo's rules), else the date of a Jekyll file name (2024-01-31-x.md)."""
    value = post.date
    if isinstance(value, datetime):
        return value
    if post.path is not None:
        match = _JEKYLL_NAME.match(Path(post.path).stem)
        if match:
            try:
                year, month, day = (int(match.group(i)) for i in (1, 2, 3))
                return datetime(year, month, day, tzinfo=UTC)
            except ValueError:
                return None
    return None


def is_draft(post: Post) -> bool:
    """The draft flag; a post kept in a Jekyll `_drafts` folder without one is a draft."""
    in_drafts = post.path is not None and "_drafts" in Path(post.path).parts
    if "draft" not in post.metadata and in_drafts:
        return True
    return bool(post.draft)


def slug_budget(fmt: str) -> int:
    """The most UTF-8 bytes a slug may have in `fmt`: every name made of it (with its suffix,
    and Jekyll's date) stays within NAME_MAX_BYTES."""
    return NAME_MAX_BYTES - _NAME_EXTRA.get(fmt, 5)


def base_slug(post: Post, generator: Target, budget: int, keep_name: bool = False) -> str:
    """The slug for the post's file name: from the front matter slug (cut to `budget`
    bytes); else, into Hugo, the post's own file or bundle folder name (the URL Hugo
    publishes stays the same) when `keep_name`; else the title (cut to 120 bytes)."""
    fm_slug = post.metadata.get("slug")
    if isinstance(fm_slug, str) and fm_slug.strip():
        check_slug(fm_slug.strip())
        made = shorten_slug(target_slug(generator, fm_slug), budget)
        return made or "post"
    stem = name_stem(post)
    if keep_name and stem and stem not in ("index", "_index"):
        kept = shorten_slug(target_slug(generator, stem), budget)
        if kept:
            return kept
    made = target_slug(generator, title_of(post))
    if not made and post.path is not None:
        made = target_slug(generator, name_stem(post))
    return shorten_slug(made, min(budget, _MAX_SLUG_BYTES)) or "post"


def shorten_slug(slug: str, limit: int = _MAX_SLUG_BYTES) -> str:
    """`slug` cut to at most `limit` UTF-8 bytes at a character boundary, at a hyphen when
    there is one in its second half (file names are limited to 255 bytes)."""
    if len(slug.encode("utf-8")) <= limit:
        return slug
    cut = slug.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    head, sep, _tail = cut.rpartition("-")
    return (head if sep and len(head) >= limit // 2 else cut).rstrip("-.")


def free_slug(base: str, taken: Callable[[str], bool], budget: int = NAME_MAX_BYTES) -> str:
    """The first of `base-2`, `base-3`, … (each cut to `budget`) that is not `taken`."""
    for n in range(2, _MAX_FREE_NAME):
        candidate = f"{shorten_slug(base, budget - len(f'-{n}'))}-{n}"
        if not taken(candidate):
            return candidate
    raise UnsafePathError(
        f"no free name for {base!r} (tried {base}-2 .. {base}-{_MAX_FREE_NAME - 1})"
    )
