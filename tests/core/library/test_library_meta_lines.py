"""A Pelican site's library: posts opening with `Key: value` metadata lines are listed with
their titles, dates, drafts and terms, and the library's actions write those lines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.library.actions import duplicate_post, new_post, rename_post
from editor.core.library.index import LibraryIndex
from editor.core.library.types import LibrarySite
from editor.core.post.model import Post
from editor.core.site.config import find_site

NOW = datetime(2026, 3, 9, 10, 11, 12, tzinfo=UTC)


@pytest.fixture
def site(tmp_path: Path) -> LibrarySite:
    root = tmp_path / "blog"
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'AUTHOR = "Me"\nSITENAME = "Notes"\nPATH = "content"\n', encoding="utf-8"
    )
    config = find_site(root)
    assert config is not None and config.kind == "pelican" and config.meta_lines
    library = LibrarySite.from_site(config)
    assert library.meta
    return library


def write(site: LibrarySite, name: str, text: str) -> Path:
    path = site.root / "content" / name
    path.write_text(text, encoding="utf-8")
    return path


def scanned(site: LibrarySite, tmp_path: Path) -> LibraryIndex:
    index = LibraryIndex.open(site, tmp_path / "cache.sqlite")
    index.scan()
    return index


def test_titles_dates_drafts_and_terms_as_pelican_reads_them(
    site: LibrarySite, tmp_path: Path
) -> None:
    write(
        site,
        "first.md",
        "Title: First steps\nDate: 2024-01-02 10:20\nTags: rust, async io\n"
        "Category: Guides\n\nNote: this line is body.\n\nMore words here.\n",
    )
    write(
        site,
        "draft.md",
        "Title: Half done\nDate: 2025-03-04\nStatus: draft\nTags: a, b; c\n\nWords.\n",
    )
    write(site, "plain.md", "Just a paragraph, no metadata.\n")
    index = scanned(site, tmp_path)
    try:
        first = index.get("content/first.md")
        assert first is not None
        assert first.title == "First steps" and not first.draft
        assert first.date == datetime(2024, 1, 2, 10, 20, tzinfo=UTC)
        assert first.taxonomies == {"tags": ("rust", "async io"), "categories": ("Guides",)}
        # the lines are no words of the post; the body's first line is
        assert first.words == 8
        assert index.summary(first).startswith("Note: this line is body.")
        draft = index.get("content/draft.md")
        assert draft is not None and draft.draft and draft.title == "Half done"
        assert draft.taxonomies == {"tags": ("a, b", "c")}  # `;` wins over `,`
        plain = index.get("content/plain.md")
        assert plain is not None and plain.title == "" and plain.words == 5
    finally:
        index.close()


def test_metadata_lines_longer_than_the_head_read_are_read_whole(
    site: LibrarySite, tmp_path: Path
) -> None:
    lines = "".join(f"Key{n}: {'x' * 60}\n" for n in range(120))  # ~8 KiB of lines
    write(site, "long.md", f"{lines}Title: Found at the end\nStatus: draft\n\nBody.\n")
    index = scanned(site, tmp_path)
    try:
        entry = index.get("content/long.md")
        assert entry is not None and entry.title == "Found at the end" and entry.draft
    finally:
        index.close()


def test_new_post_writes_metadata_lines(site: LibrarySite) -> None:
    made = new_post(site, "Don't Panic: a guide", now=NOW)
    assert made.path == site.root / "content/dont-panic-a-guide.md"
    assert made.path.read_text(encoding="utf-8") == (
        "Title: Don't Panic: a guide\nDate: 2026-03-09 10:11\nStatus: draft\n\n"
    )
    post = Post.load(made.path, meta=True)
    assert post.title == "Don't Panic: a guide" and post.draft
    assert post.date == datetime(2026, 3, 9, 10, 11, tzinfo=UTC)


def test_duplicate_and_rename_edit_the_lines(site: LibrarySite) -> None:
    path = write(site, "a.md", "Title: A\nStatus: published\nSlug: a\n\nbody\n")
    copy = duplicate_post(path, meta=True)
    assert copy == site.root / "content/a-copy.md"
    assert copy.read_text(encoding="utf-8") == (
        "Title: A (copy)\nStatus: draft\nSlug: a-copy\n\nbody\n"
    )
    renamed = rename_post(copy, "fresh", title="Fresh", meta=True)
    assert renamed.read_text(encoding="utf-8") == (
        "Title: Fresh\nStatus: draft\nSlug: fresh\n\nbody\n"
    )
