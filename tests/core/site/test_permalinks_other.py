"""Jekyll's and Zola's URL rules (examples from their documentation) and the dispatcher."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.site.config import load_site
from editor.core.site.permalinks import site_permalink
from editor.core.site.permalinks_jekyll import (
    jekyll_permalink,
    jekyll_pretty_slugify,
    jekyll_url,
)
from editor.core.site.permalinks_zola import zola_path, zola_slugify_path

SLAP = "_posts/2009-04-29-slap-chop.md"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, "/2009/04/29/slap-chop.html"),
        ("date", "/2009/04/29/slap-chop.html"),
        ("pretty", "/2009/04/29/slap-chop/"),
        ("ordinal", "/2009/119/slap-chop.html"),
        ("weekdate", "/2009/W18/Wed/slap-chop.html"),
        ("none", "/slap-chop.html"),
        ("/:categories/:title/", "/slap-chop/"),
        ("/blog/:i_month/:i_day/:slug:output_ext", "/blog/4/29/slap-chop.html"),
    ],
)
def test_jekyll_styles(setting: str | None, expected: str) -> None:
    assert jekyll_permalink(setting, SLAP, {}) == expected


def test_jekyll_categories_from_folders_and_front_matter() -> None:
    meta = {"categories": "Food Kitchen", "category": "food"}
    assert (
        jekyll_permalink(None, "blog/_posts/2009-04-29-slap-chop.md", meta)
        == "/blog/food/kitchen/2009/04/29/slap-chop.html"
    )
    assert (
        jekyll_permalink("pretty", SLAP, {"categories": ["Rust", "Web Dev"]})
        == "/rust/web%20dev/2009/04/29/slap-chop/"
    )


def test_jekyll_front_matter_wins() -> None:
    assert jekyll_permalink(None, SLAP, {"permalink": "/about-chop/"}) == "/about-chop/"
    assert jekyll_permalink(None, SLAP, {"permalink": "/x/:year/:title"}) == "/x/2009/slap-chop"
    # slug renames :title (case kept) and :slug (lower-cased)
    meta = {"slug": "Chop Shop!"}
    assert jekyll_permalink("/:title/", SLAP, meta) == "/Chop-Shop!/"
    assert jekyll_permalink("/:slug/", SLAP, meta) == "/chop-shop/"
    dated = {"date": datetime(2010, 1, 2, 8, 0, tzinfo=UTC)}
    assert jekyll_permalink(None, SLAP, dated) == "/2010/01/02/slap-chop.html"


def test_jekyll_pages_and_unpublished() -> None:
    assert jekyll_permalink(None, "about.md", {}) == "/about.html"
    assert jekyll_permalink("pretty", "docs/about.md", {}) == "/docs/about/"
    assert jekyll_permalink("weekdate", "about.md", {}) == "/about"
    assert jekyll_permalink(None, "docs/index.md", {}) == "/docs/"
    assert jekyll_permalink(None, "about.md", {"permalink": "/me/"}) == "/me/"
    assert jekyll_permalink(None, "_posts/undated.md", {}) is None
    assert jekyll_permalink(None, "_recipes/soup.md", {}) is None
    assert jekyll_permalink(None, "notes.txt", {}) is None
    now = datetime(2024, 5, 6)
    assert jekyll_permalink(None, "_drafts/idea.md", {}, now) == "/2024/05/06/idea.html"


def test_jekyll_config_collections_and_defaults() -> None:
    config = {
        "permalink": "pretty",
        "collections": {"posts": {"permalink": "/blog/:title/"}},
        "defaults": [
            {"scope": {"path": ""}, "values": {"layout": "default"}},
            {"scope": {"path": "news", "type": "posts"}, "values": {"permalink": "/n/:slug/"}},
            {"scope": {"path": "docs/*.md"}, "values": {"permalink": "/d/:basename/"}},
            {"scope": {"path": "", "type": "pages"}, "values": {"slug": "ignored-here"}},
        ],
    }
    assert jekyll_url(config, SLAP, {}) == "/blog/slap-chop/"  # the collection's own
    news = "news/_posts/2009-04-29-slap-chop.md"
    assert jekyll_url(config, news, {}) == "/n/slap-chop/"  # the scoped default
    assert jekyll_url(config, news, {"permalink": "/mine/"}) == "/mine/"  # front matter wins
    assert jekyll_url(config, "docs/setup.md", {}) == "/d/setup/"  # a glob scope
    assert jekyll_url(config, "about.md", {}) == "/about/"  # pretty, for pages
    assert jekyll_url({}, SLAP, {}) == "/2009/04/29/slap-chop.html"


def test_jekyll_pretty_slugify() -> None:
    assert jekyll_pretty_slugify("The _config.yml file") == "The-_config.yml-file"  # the docs
    assert jekyll_pretty_slugify("Ünïcode café") == "Ünïcode-café"


@pytest.mark.parametrize(
    ("relative", "meta", "expected"),
    [
        ("blog/introduction.md", {}, "/blog/introduction/"),
        ("blog/2018-10-10-hello-world.md", {}, "/blog/hello-world/"),
        ("blog/2018-10-10_hello-world.md", {}, "/blog/hello-world/"),
        ("blog/2018-10-10T10:00:00Z-hello.md", {}, "/blog/hello/"),
        ("blog/Hello World.md", {}, "/blog/hello-world/"),
        ("blog/post.md", {"slug": "Über uns"}, "/blog/uber-uns/"),
        ("blog/post.md", {"path": "about"}, "/about/"),
        ("blog/post.md", {"path": "/a/b/"}, "/a/b/"),
        ("blog/my-trip/index.md", {}, "/blog/my-trip/"),
        ("about/index.md", {}, "/about/"),
        ("blog/_index.md", {}, "/blog/"),
        ("_index.md", {}, "/"),
        ("blog/post.fr.md", {}, "/fr/blog/post/"),
        ("blog/_index.fr.md", {}, "/fr/blog/"),
        ("blog/post.txt", {}, None),
    ],
)
def test_zola_paths(relative: str, meta: dict[str, object], expected: str | None) -> None:
    assert zola_path(relative, meta, None, ["en", "fr"], "en") == expected


def test_zola_slugify_settings() -> None:
    assert zola_path("blog/Hello World.md", {}, {"paths": "safe"}) == "/blog/Hello World/"
    assert zola_path("blog/a?b.md", {}, {"paths": "off"}) == "/blog/a?b/"
    keep = {"paths_keep_dates": True}
    assert zola_path("blog/2018-10-10-hi.md", {}, keep) == "/blog/2018-10-10-hi/"
    # the slug crate's own examples; "safe" as Zola's tests
    assert zola_slugify_path("My Test String!!!1!1") == "my-test-string-1-1"
    assert zola_slugify_path("test ", "safe") == "test"
    assert zola_slugify_path("dot. ", "safe") == "dot"
    assert zola_slugify_path("tes t", "safe") == "tes t"


@given(st.text())
def test_zola_slug_is_a_path_segment(text: str) -> None:
    slug = zola_slugify_path(text)
    assert all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@given(st.text())
def test_jekyll_url_is_one_clean_path(slug: str) -> None:
    url = jekyll_permalink("pretty", SLAP, {"slug": slug})
    assert url is not None and url.startswith("/") and "//" not in url
    assert url.isascii() and " " not in url


def test_site_permalink_dispatches(tmp_path: Path) -> None:
    jekyll = tmp_path / "j"
    (jekyll / "_posts").mkdir(parents=True)
    (jekyll / "_config.yml").write_text("permalink: pretty\n")
    site = load_site(jekyll)
    post = jekyll / "_posts" / "2009-04-29-slap-chop.md"
    assert site_permalink(site, post, {}) == "/2009/04/29/slap-chop/"
    zola = tmp_path / "z"
    (zola / "content" / "blog").mkdir(parents=True)
    (zola / "config.toml").write_text('base_url = "https://x.org"\n[slugify]\npaths = "safe"\n')
    site = load_site(zola)
    assert site.kind == "zola"
    page = zola / "content" / "blog" / "Hello World.md"
    assert site_permalink(site, page, {}) == "/blog/Hello World/"
    assert site_permalink(site, tmp_path / "elsewhere.md", {}) is None
