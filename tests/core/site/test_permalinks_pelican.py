"""Pelican's URLs and slugs, against Pelican itself (the PyPI package `pelican`, in the test
extra): each post is written to a throwaway content folder, read by Pelican's own readers
with the settings a pelicanconf.py would give, and its `url` compared with ours."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG, configure_settings
from pelican.utils import slugify

from editor.core.post.model import Post
from editor.core.site.config import find_site
from editor.core.site.permalinks import site_permalink
from editor.core.site.permalinks_pelican import pelican_url
from editor.core.site.slugs import pelican_slugify


def pelican_reads(content: Path, relative: str, overrides: dict[str, Any]) -> str:
    """The URL Pelican gives the file, with pelicanconf.py's `overrides`."""
    conf = copy.deepcopy(DEFAULT_CONFIG)
    conf.update(copy.deepcopy(overrides))
    conf["PATH"] = str(content)
    conf = configure_settings(conf)
    page = relative.startswith(tuple(p + "/" for p in conf["PAGE_PATHS"]))
    read = Readers(conf).read_file(
        base_path=str(content),
        path=relative,
        content_class=Page if page else Article,
        context={},
    )
    return "/" + str(read.url)


def ours(content: Path, relative: str, overrides: dict[str, Any]) -> str | None:
    post = Post.load(content / relative, meta=True)
    return pelican_url(overrides, relative, post.metadata)


CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("hello.md", "Title: Hello, World! Ça va?\nDate: 2024-03-09 10:20\n", {}),
    (
        "python/deep.md",
        "Title: Deep nets\nDate: 2024-03-09\nCategory: Deep Learning\n",
        {"ARTICLE_URL": "{category}/{date:%Y}/{date:%m}/{slug}/"},
    ),
    (
        "python/folder.md",
        "Title: From the folder\nDate: 2024-03-09\n",
        {"ARTICLE_URL": "{category}/{slug}"},
    ),
    ("root.md", "Title: Misc\nDate: 2024-03-09\n", {"ARTICLE_URL": "{category}/{slug}.html"}),
    ("slugged.md", "Title: Anything\nSlug: my-own-slug\nDate: 2024-03-09\n", {}),
    ("draft.md", "Title: Not yet\nDate: 2024-03-09\nStatus: draft\n", {}),
    ("pages/about.md", "Title: About me\n", {}),
    ("pages/contact.md", "Title: Contact\n", {"PAGE_URL": "{slug}/"}),
    ("pages/hidden.md", "Title: Old page\nStatus: draft\n", {}),
    ("french.md", "Title: Bonjour\nDate: 2024-03-09\nLang: fr\n", {}),
    ("overridden.md", "Title: X\nDate: 2024-03-09\nURL: custom/place.html\n", {}),
    ("My File Name.md", "Title: Ignored\nDate: 2024-03-09\n", {"SLUGIFY_SOURCE": "basename"}),
    (
        "2023-05-06-dated.md",
        "Title: Dated by its name\n",
        {"ARTICLE_URL": "{date:%Y}/{date:%d}/{slug}.html"},
    ),
    (
        "by.md",
        "Title: Two authors\nDate: 2024-03-09\nAuthors: Ada Lovelace; Bob\n",
        {"ARTICLE_URL": "{author}/{slug}.html", "AUTHOR": "Site Owner"},
    ),
    (
        "site-author.md",
        "Title: Site author\nDate: 2024-03-09\n",
        {"ARTICLE_URL": "{author}/{slug}.html", "AUTHOR": "Site Owner"},
    ),
    (
        "cpp.md",
        "Title: C++ & Rust: tips\nDate: 2024-03-09\n",
        {
            "SLUG_REGEX_SUBSTITUTIONS": [
                (r"c\+\+", "cpp"),
                (r"[^\w\s-]", ""),
                (r"(?u)\A\s*", ""),
                (r"(?u)\s*\Z", ""),
                (r"[-\s]+", "_"),
            ],
            "SLUGIFY_PRESERVE_CASE": True,
        },
    ),
    (
        "meta-key.md",
        "Title: Series post\nDate: 2024-03-09\nSeries: rust-async\n",
        {"ARTICLE_URL": "{series}/{slug}/{path}"},
    ),
    (
        "extra/p.md",
        "Title: Extra\nDate: 2024-03-09\n",
        {"EXTRA_PATH_METADATA": {"extra": {"slug": "from-extra"}}},
    ),
    (
        "path-meta/2020/x.md",
        "Title: Path meta\nDate: 2024-03-09\n",
        {
            "PATH_METADATA": r"path-meta/(?P<year>\d{4})/.*",
            "ARTICLE_URL": "{year}/{slug}.html",
        },
    ),
]


@pytest.mark.parametrize(("relative", "text", "overrides"), CASES, ids=[c[0] for c in CASES])
def test_url_is_pelican_s(
    tmp_path: Path, relative: str, text: str, overrides: dict[str, Any]
) -> None:
    content = tmp_path / "content"
    (content / relative).parent.mkdir(parents=True, exist_ok=True)
    (content / relative).write_text(text + "\nBody text.\n", encoding="utf-8")
    assert ours(content, relative, overrides) == pelican_reads(content, relative, overrides)


def test_a_pattern_pelican_cannot_fill_in_gives_no_url(tmp_path: Path) -> None:
    for pattern in ("{nokey}/{slug}", "{slug.__class__}", "{slug:>999999999}", "{slug"):
        assert pelican_url({"ARTICLE_URL": pattern}, "a.md", {"Title": "A"}) is None


def test_site_permalink_reads_pelicanconf(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_URL = "posts/{date:%Y}/{slug}/"\n', encoding="utf-8"
    )
    (tmp_path / "content").mkdir()
    post = Post.from_text("Title: Hello there\nDate: 2025-01-02\n\nx\n", meta=True)
    site = find_site(tmp_path)
    url = site_permalink(site, tmp_path / "content" / "hello.md", post.metadata)
    assert url == "/posts/2025/hello-there/"


def _agreeing(ranges: list[tuple[int, int]]) -> list[str]:
    """The characters Inkpost's table (text-unidecode) transliterates as Pelican's (the GPL
    Unidecode, not a dependency of Inkpost) does: most of each script's letters."""
    from text_unidecode import unidecode as ours_table
    from unidecode import unidecode as pelicans_table

    chars = [chr(cp) for start, end in ranges for cp in range(start, end)]
    return [c for c in chars if c.isprintable() and ours_table(c) == pelicans_table(c)]


_SCRIPTS = [(0x20, 0x250), (0x370, 0x530), (0x2000, 0x2070), (0x3040, 0x3100), (0x4E00, 0x9FA0)]
_TITLE = st.text(st.sampled_from(_agreeing(_SCRIPTS)), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TITLE)
def test_slugify_is_pelican_s(title: str) -> None:
    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    assert pelican_slugify(title) == slugify(title, regex_subs=subs)
    assert pelican_slugify(title, use_unicode=True) == slugify(title, subs, use_unicode=True)


@pytest.mark.parametrize("title", ["\u0241x", "a\u3400b", "<em>Tagged</em> &amp; <!-- c -->done"])
def test_slugify_drops_what_no_table_knows_and_strips_tags(title: str) -> None:
    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    assert pelican_slugify(title) == slugify(title, regex_subs=subs)
