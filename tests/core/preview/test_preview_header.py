from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from editor.core.post.model import Post
from editor.core.preview.header import (
    PreviewHeader,
    build_preview_header,
    format_go_date,
    post_header,
)
from editor.core.site.config import load_site


@dataclass(frozen=True)
class Stats:
    word_count: int
    reading_time: int


@dataclass(frozen=True)
class Site:
    params: dict[str, Any] = field(default_factory=dict)


def test_meta_line_as_papermod_prints_it() -> None:
    meta = {"title": "Tuning Postgres", "date": datetime(2026, 3, 9, 8, 0, tzinfo=UTC)}
    header = build_preview_header(meta, Stats(2495, 12), Site({"author": "Ada"}))
    assert header.meta_line == "March 9, 2026 · 12 min · 2495 words · Ada"
    assert header.title == "Tuning Postgres"
    assert header.date_text == "March 9, 2026"


def test_one_word_one_minute() -> None:
    header = build_preview_header({"date": date(2006, 1, 2)}, Stats(1, 1), None)
    assert header.meta_line == "January 2, 2006 · 1 min · word"


def test_a_post_s_header_reads_its_tags_and_draft_as_the_post_does() -> None:
    pelican = Post.from_text(
        "Title: P\nDate: 2024-01-02\nTags: a, b\nStatus: draft\n\nx\n", meta=True
    )
    header = post_header(pelican, None, None)
    assert header.title == "P" and header.tags == ("a", "b") and header.draft
    assert header.date_text == "January 2, 2024"
    hugo = Post.from_text("---\ntitle: H\ntags: a, b\npublished: false\n---\nx\n")
    header = post_header(hugo, None, None)
    assert header.tags == ("a, b",) and header.draft  # Hugo: one tag; `published: false`


def test_a_pelican_post_s_authors_line_is_a_list() -> None:
    site = Site({"author": "Site"})
    post = Post.from_text("Title: P\nAuthors: Ada Lovelace; Bob, Jr.\n\nx\n", meta=True)
    assert post_header(post, None, site).author == "Ada Lovelace, Bob, Jr."
    post = Post.from_text("Title: P\nAuthor: Ada\n\nx\n", meta=True)
    assert post_header(post, None, site).author == "Ada"
    post = Post.from_text("Title: P\n\nx\n", meta=True)
    assert post_header(post, None, site).author == "Site"


def test_post_author_wins_over_site_author_and_lists_join() -> None:
    site = Site({"author": "Site Owner"})
    assert build_preview_header({"author": "Bob"}, None, site).meta_line == "Bob"
    both = build_preview_header({"author": ["Bob", "Eve"]}, None, site)
    assert both.meta_line == "Bob, Eve"
    assert build_preview_header({}, None, site).author == "Site Owner"


def test_no_date_no_stats_no_author_gives_empty_meta() -> None:
    header = build_preview_header({"title": "x"}, None, None)
    assert header == PreviewHeader(title="x")


def test_tags_and_draft() -> None:
    header = build_preview_header({"tags": ["go", " hugo "], "draft": True}, None, None)
    assert header.tags == ("go", "hugo")
    assert header.draft is True
    assert build_preview_header({"tags": "solo"}, None, None).tags == ("solo",)


def test_date_keys_follow_hugo_order_and_strings_parse() -> None:
    meta = {"lastmod": "2025-01-01", "publishDate": "2024-12-24T10:00:00Z"}
    assert build_preview_header(meta, None, None).date_text == "December 24, 2024"


def test_explicit_post_date_and_site_date_format() -> None:
    tz = timezone(timedelta(hours=-7))
    when = datetime(2026, 11, 28, 23, 30, tzinfo=tz)
    site = Site({"DateFormat": "2006-01-02"})
    header = build_preview_header({"date": "2000-01-01"}, None, site, post_date=when)
    assert header.date_text == "2026-11-28"


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("January 2, 2006", "March 9, 2026"),
        ("Jan 02, 2006", "Mar 09, 2026"),
        ("Monday, 2 January 2006", "Monday, 9 March 2026"),
        ("02.01.06 15:04:05", "09.03.26 14:05:07"),
        ("3:04 PM", "2:05 PM"),
        ("_2 Jan", " 9 Mar"),
    ],
)
def test_go_layouts(layout: str, expected: str) -> None:
    assert format_go_date(datetime(2026, 3, 9, 14, 5, 7), layout) == expected


@dataclass(frozen=True)
class LocalSite:
    params: dict[str, Any] = field(default_factory=dict)
    language_code: str = "en"


def test_date_in_the_sites_language() -> None:
    meta = {"date": date(2026, 3, 9)}
    french = build_preview_header(meta, None, LocalSite({"dateformat": "2 January 2006"}, "fr"))
    assert french.date_text == "9 mars 2026"
    assert build_preview_header(meta, None, LocalSite({}, "de")).date_text == "März 9, 2026"
    assert build_preview_header(meta, None, LocalSite({}, "en")).date_text == "March 9, 2026"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('languageCode = "es"\n', "9 de marzo de 2026"),
        ('defaultContentLanguage = "fr"\n', "9 mars 2026"),
        ('defaultContentLanguage = "de"\nlanguageCode = "fr"\n', "9 mars 2026"),
        ("", "March 9, 2026"),
    ],
)
def test_site_language_code_from_config(tmp_path: Path, config: str, expected: str) -> None:
    (tmp_path / "hugo.toml").write_text(config + '[params]\nDateFormat = ":date_long"\n')
    site = load_site(tmp_path)
    assert build_preview_header({"date": "2026-03-09"}, None, site).date_text == expected
