"""Exported posts build with the real Hugo and keep their title, date, draft, tags and counts."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from editor.core.export.execute import execute, plan_export
from editor.core.post.model import Post
from tests.hugo_site import HugoPage, HugoSite, require_hugo

pytestmark = pytest.mark.hugo


FIXTURES = Path(__file__).parent.parent / "fixtures" / "export"
SOURCES = [
    FIXTURES / "yaml-post.md",
    FIXTURES / "toml-draft.md",
    FIXTURES / "json-slug.md",
    FIXTURES / "unicode-title.md",
    FIXTURES / "zola-style.md",
    FIXTURES / "photo-walk" / "index.md",
]


def _by_title(pages: dict[str, HugoPage]) -> dict[str, HugoPage]:
    return {page.title: page for page in pages.values() if page.kind == "page"}


def _source_tags(post: Post) -> list[str] | None:
    """The tags as the source wrote them (Zola keeps them under [taxonomies])."""
    tags = post.metadata.get("tags") or post.metadata.get("taxonomies", {}).get("tags")
    return list(tags) if tags else None


@pytest.fixture(scope="module")
def source_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    """The fixtures built as they are, in their own throwaway site."""
    require_hugo()
    site = HugoSite(tmp_path_factory.mktemp("source-site"))
    for index, source in enumerate(SOURCES):
        if source.name == "index.md":
            shutil.copytree(source.parent, site.root / "content" / "src" / source.parent.name)
        else:
            site.add(f"src/{index}-{source.name}", source.read_bytes())
    return _by_title(site.build())


@pytest.mark.parametrize(
    ("fmt", "front_matter"),
    [("hugo", None), ("hugo-bundle", None), ("hugo", "toml"), ("hugo", "json"), ("hugo", "yaml")],
)
def test_exported_site_builds_with_the_same_posts(
    tmp_path: Path, fmt: str, front_matter: str | None, source_pages: dict[str, HugoPage]
) -> None:
    site = HugoSite(tmp_path / "site")
    plan = plan_export(
        SOURCES, site.root, fmt, section="posts", front_matter=front_matter, today=date(2025, 1, 1)
    )
    assert plan.ok, plan.describe()
    report = execute(plan)
    assert report.ok, report.as_json()

    built = _by_title(site.build())
    assert set(built) == set(source_pages) and len(built) == len(SOURCES)
    for title, page in built.items():
        source = source_pages[title]
        post = Post.load(next(p for p in SOURCES if Post.load(p).title == title))
        assert page.path.startswith("posts/"), page.path
        assert page.date == source.date, title
        assert page.draft == source.draft == post.draft, title
        assert page.params.get("tags") == _source_tags(post), title
        assert page.words == source.words > 0, title
        assert page.reading_time == source.reading_time, title
        if fmt == "hugo-bundle" or "<img" not in source.summary:  # single files: /images/...
            assert page.summary == source.summary, title
        if "taxonomies" not in post.metadata:  # a Zola post's taxonomies become Hugo's keys
            assert page.params == source.params, title


def test_a_bundle_s_images_resolve_in_the_built_site(tmp_path: Path) -> None:
    site = HugoSite(tmp_path / "site")
    site.config["outputs"] = {"home": ["json"], "page": ["html"]}
    report = execute(plan_export([FIXTURES / "photo-walk" / "index.md"], site.root, "hugo-bundle"))
    assert report.ok
    site.build()
    page = site.root / "public" / "posts" / "photo-walk" / "index.html"
    html = page.read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', html)
    local = [src for src in sources if not src.startswith("http")]
    assert len(local) == 3, html
    for src in local:
        assert (page.parent / src).is_file(), src


def test_single_file_images_resolve_through_static(tmp_path: Path) -> None:
    site = HugoSite(tmp_path / "site")
    report = execute(plan_export([FIXTURES / "photo-walk" / "index.md"], site.root, "hugo"))
    assert report.ok
    site.build()
    html = (site.root / "public" / "posts" / "photo-walk" / "index.html").read_text("utf-8")
    local = [s for s in re.findall(r'<img src="([^"]+)"', html) if s.startswith("/")]
    assert local == [
        "/images/photo-walk/river.png",
        "/images/photo-walk/img/route.svg",
        "/images/photo-walk/river.png",
    ]
    for src in local:
        assert (site.root / "public" / src.lstrip("/")).is_file(), src


@pytest.mark.parametrize("front_matter", [None, "toml"])
def test_a_pelican_post_reads_in_hugo_as_in_pelican(
    tmp_path: Path, front_matter: str | None
) -> None:
    source = tmp_path / "pelican" / "content" / "notes.md"
    source.parent.mkdir(parents=True)
    source.write_text(
        "Title: Notes: on async\nDate: 2024-01-02 10:20\nModified: 2024-02-03 04:05\n"
        "Tags: rust, async io\nCategory: Guides\nAuthors: Ann; Bob, Jr.\n"
        "Summary: Short\n    and sweet\nStatus: draft\n\nNote: body text.\n",
        encoding="utf-8",
    )
    site = HugoSite(tmp_path / "site")
    plan = plan_export([source], site.root, "hugo", front_matter=front_matter, meta=True)
    assert plan.ok, plan.describe()
    assert execute(plan).ok
    (page,) = site.build().values()
    assert page.title == "Notes: on async" and page.draft
    assert page.date == "2024-01-02T10:20:00Z"
    assert page.params["lastmod"] == "2024-02-03T04:05:00Z"
    assert page.params["tags"] == ["rust", "async io"]
    assert page.params["categories"] == ["Guides"]
    assert page.params["authors"] == ["Ann", "Bob, Jr."]
    assert page.params["summary"] == "Short\nand sweet"
    assert "status" not in page.params
    assert page.content.strip() == "<p>Note: body text.</p>"
