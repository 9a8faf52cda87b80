"""A Pelican post's metadata lines as Pelican itself reads them (its MarkdownReader, the PyPI
package `pelican` in the test extra) against `Post(..., meta=True)`: title, date, tags,
category, authors and draft state, and the dates Pelican refuses."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG, configure_settings

from editor.core.post.fields import meta_list
from editor.core.post.model import Post


def pelican_article(content: Path, name: str) -> Article:
    conf = copy.deepcopy(DEFAULT_CONFIG)
    conf["PATH"] = str(content)
    conf = configure_settings(conf)
    return Readers(conf).read_file(
        base_path=str(content), path=name, content_class=Article, context={}
    )


def _ours(post: Post, key: str) -> Any:
    found = [v for k, v in post.metadata.items() if k.lower() == key]
    return found[0] if found else None


POSTS = [
    "Title: Plain\nDate: 2024-03-09 10:20\nTags: rust, async io\nCategory: Programming\n",
    "Title: Semicolons\nDate: 2024-03-09\nTags: C, C++; Rust\nAuthors: Ada Lovelace; Bob, Jr.\n",
    "Title: Twice\nDate: 2024-03-09\nTags: first\nTags: second\nCategory: A\ncategory: B\n",
    "Title: Continued\nDate: 2024-03-09\nTags: one,\n    two\n",
    "Title: Slashes\nDate: 2010/12/03 10:20\nStatus: draft\n",
    "Title: Words\nDate: 3 Dec 2010\nModified: Dec 5 2010 19:30\n",
    "Title: Offset\nDate: 2024-03-09T10:20:30+05:30\nStatus: published\n",
    "Title: Underscore\nDate: 2010-12-03_10:20\nAuthor: Someone\n",
    "title: lower case keys\ndate: 2024-01-02\ntags: x, y, x\nstatus: Draft\n",
    "Title: Empty tags\nDate: 2024-01-02\nTags: ,\n",
]


@pytest.mark.parametrize("text", POSTS, ids=[p.split("\n")[0] for p in POSTS])
def test_lines_read_as_pelican_reads_them(tmp_path: Path, text: str) -> None:
    source = tmp_path / "post.md"
    source.write_text(text + "\nBody text.\n", encoding="utf-8")
    article = pelican_article(tmp_path, "post.md")
    post = Post.load(source, meta=True)
    assert post.title == article.title
    assert post.date == article.date
    assert post.tags == tuple(tag.name for tag in getattr(article, "tags", []))
    assert post.draft == (article.status == "draft")
    if "\ncategory:" in text.lower():  # else Pelican's comes from the folder or its default
        assert _ours(post, "category") == article.category.name
    if "modified" in article.metadata:
        assert _ours(post, "modified") == article.modified
    if "authors" in article.metadata:
        authors = meta_list(_ours(post, "authors"))
        assert list(authors) == [author.name for author in article.authors]
    assert not [d for d in post.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("date", ["not a date", "2020-13-45", "32 Dec 2010"])
def test_a_date_pelican_refuses_is_an_error(tmp_path: Path, date: str) -> None:
    source = tmp_path / "post.md"
    source.write_text(f"Title: Bad\nDate: {date}\n\nBody.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="date"):
        pelican_article(tmp_path, "post.md")
    post = Post.load(source, meta=True)
    assert [(d.line, d.severity) for d in post.diagnostics] == [(2, "error")]
