"""The header card shown above the preview instead of the front matter.

It mirrors what Hugo's PaperMod theme prints above a post: the title, the tags and the
meta line "March 9, 2026 · 12 min · 2495 words · author" (PaperMod's `post_meta.html`
with its English strings: "1 min", "word" for a single word, "N words" otherwise; the
author from the post's `author`, else the site's `params.author`, lists joined by ", ").
The figures come from `PostStats`, so they are Hugo's `.ReadingTime` and `.WordCount`.
The date is PaperMod's `.Date | time.Format` with the site's `params.DateFormat` (default
"January 2, 2006"), so its month and day names are in the site's languageCode, as Hugo's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from editor.core.post.dates import format_go_date, format_hugo_date, parse_date
from editor.core.post.fields import lookup, meta_list

__all__ = [
    "PreviewHeader",
    "build_preview_header",
    "format_go_date",
    "meta_parts",
]

_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_DEFAULT_LAYOUT = "January 2, 2006"
_SEPARATOR = " · "


class _Stats(Protocol):
    @property
    def word_count(self) -> int: ...
    @property
    def reading_time(self) -> int: ...


class _Site(Protocol):
    @property
    def params(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class PreviewHeader:
    """What the header card shows; plain text (the preview page escapes it)."""

    title: str = ""
    tags: tuple[str, ...] = ()
    date_text: str = ""
    meta_line: str = ""
    author: str = ""
    description: str = ""
    draft: bool = False


def build_preview_header(
    metadata: Mapping[str, Any],
    stats: _Stats | None,
    site: _Site | None,
    *,
    post_date: datetime | date | None = None,
    tags: Sequence[str] | None = None,
    draft: bool | None = None,
    author: str | None = None,
) -> PreviewHeader:
    """The header card for a post's front matter `metadata` and its `stats`.

    `post_date` overrides the date found in `metadata` (pass `Post.date`, which applies
    Hugo's front matter date rules); without it the first of date, publishDate, pubdate,
    published, lastmod, modified is used. `tags`, `draft` and `author` likewise override
    what `metadata` says (`post_header` passes a Post's). `stats=None` (no render yet) leaves
    out the reading time and word count.
    """
    meta = {str(key).lower(): value for key, value in metadata.items()}
    params = {str(key).lower(): value for key, value in (site.params if site else {}).items()}
    when = post_date if post_date is not None else _metadata_date(meta)
    layout = params.get("dateformat")
    language = str(getattr(site, "language_code", "") or "en")
    date_text = (
        format_hugo_date(
            when, layout if isinstance(layout, str) and layout else _DEFAULT_LAYOUT, language
        )
        if when is not None
        else ""
    )
    if not author:
        author = _author_text(meta.get("author")) or _author_text(params.get("author"))
    parts = meta_parts(date_text, stats, author)
    return PreviewHeader(
        title=_text(meta.get("title")),
        tags=tuple(tags) if tags is not None else _tags(meta.get("tags")),
        date_text=date_text,
        meta_line=_SEPARATOR.join(parts),
        author=author,
        description=_text(meta.get("description")),
        draft=draft if draft is not None else meta.get("draft") is True,
    )


class _Post(Protocol):
    @property
    def metadata(self) -> Mapping[str, Any]: ...
    @property
    def date(self) -> datetime | None: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def draft(self) -> bool: ...
    @property
    def meta(self) -> bool: ...


def post_header(post: _Post, stats: _Stats | None, site: _Site | None) -> PreviewHeader:
    """`build_preview_header` for a Post: its date, tags and draft as the Post reads them
    (Hugo's rules, or a Pelican site's metadata lines, whose `Author` or `Authors` line
    is a list: `Authors: Ada; Bob`)."""
    author = None
    if post.meta:
        names = lookup(post.metadata, "author")[1] or lookup(post.metadata, "authors")[1]
        author = ", ".join(meta_list(names))
    return build_preview_header(
        post.metadata,
        stats,
        site,
        post_date=post.date,
        tags=post.tags,
        draft=post.draft,
        author=author,
    )


def meta_parts(date_text: str, stats: _Stats | None, author: str) -> list[str]:
    """PaperMod's meta items in order: date, reading time, word count, author."""
    parts = [date_text] if date_text else []
    if stats is not None:
        parts.append(f"{stats.reading_time} min")
        parts.append("word" if stats.word_count == 1 else f"{stats.word_count} words")
    if author:
        parts.append(author)
    return parts


def _metadata_date(meta: Mapping[str, Any]) -> datetime | None:
    for key in _DATE_KEYS:
        found = parse_date(meta.get(key))
        if found is not None:
            return found
    return None


def _author_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return ", ".join(str(item).strip() for item in value if str(item).strip())
    return ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        items: Iterable[Any] = [value]
    elif isinstance(value, list | tuple):
        items = value
    else:
        return ()
    return tuple(str(item).strip() for item in items if str(item).strip())
