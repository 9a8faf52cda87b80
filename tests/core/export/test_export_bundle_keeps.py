"""Export into Hugo keeps the post's name (its URL) and a page bundle keeps its static images."""

from __future__ import annotations

import re
from pathlib import Path

from editor.core.export.execute import execute, plan_export
from tests.files import TINY_PNG
from tests.hugo_site import HugoSite

POST = """---
title: Linkerd protocol detection
date: 2024-03-01
---

![diagram](/images/flow.png)

![kept as a URL](/images/not-there.png)

<img src="/images/flow.png" alt="again">
"""


def _site(root: Path) -> Path:
    """A source site with a bundle `protocol-detection` linking static/images/flow.png."""
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "flow.png").write_bytes(TINY_PNG)
    (root / "hugo.toml").write_text('title = "Source"\n', encoding="utf-8")
    bundle = root / "content" / "posts" / "protocol-detection"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(POST, encoding="utf-8")
    return bundle / "index.md"


def test_a_bundle_takes_the_static_images_along_and_links_them_relatively(
    tmp_path: Path,
) -> None:
    source = _site(tmp_path / "source")
    target = tmp_path / "target"
    report = execute(plan_export([source], target, "hugo-bundle"))
    assert report.ok, report.as_json()
    bundle = target / "content" / "posts" / "protocol-detection"
    assert (bundle / "images" / "flow.png").read_bytes() == TINY_PNG
    text = (bundle / "index.md").read_text(encoding="utf-8")
    assert "![diagram](images/flow.png)" in text
    assert '<img src="images/flow.png"' in text
    assert "![kept as a URL](/images/not-there.png)" in text
    assert sorted(p.name for p in bundle.rglob("*") if p.is_file()) == ["flow.png", "index.md"]


def test_the_exported_bundle_s_images_resolve_in_hugo(tmp_path: Path) -> None:
    source = _site(tmp_path / "source")
    site = HugoSite(tmp_path / "site")
    assert execute(plan_export([source], site.root, "hugo-bundle")).ok
    site.build()
    page = site.root / "public" / "posts" / "protocol-detection" / "index.html"
    sources = re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8"))
    local = [src for src in sources if not src.startswith("/")]  # raw <img>: Hugo omits it
    assert local == ["images/flow.png"]
    assert (page.parent / "images" / "flow.png").read_bytes() == TINY_PNG


def test_other_formats_leave_site_urls_alone(tmp_path: Path) -> None:
    source = _site(tmp_path / "source")
    plan = plan_export([source], tmp_path / "target", "hugo")
    files = [f.rel for f in plan.posts[0].files]
    assert files == ["content/posts/protocol-detection.md"]
    assert b"](/images/flow.png)" in (plan.posts[0].files[0].content or b"")


def test_the_bundle_s_folder_name_is_kept_unless_asked_to_rename(tmp_path: Path) -> None:
    source = _site(tmp_path / "source")
    kept = plan_export([source], tmp_path / "t", "hugo-bundle").posts[0]
    assert kept.slug == "protocol-detection"
    assert kept.files[0].rel == "content/posts/protocol-detection/index.md"
    renamed = plan_export([source], tmp_path / "t", "hugo-bundle", slug_from_title=True)
    assert renamed.posts[0].files[0].rel == "content/posts/linkerd-protocol-detection/index.md"


def test_a_single_file_keeps_its_name_and_a_front_matter_slug_wins(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "posts"
    folder.mkdir(parents=True)
    plain = folder / "my-old-name.md"
    plain.write_text("---\ntitle: A Fresh Title\n---\nx\n", encoding="utf-8")
    slugged = folder / "file-name.md"
    slugged.write_text("---\ntitle: T\nslug: the-slug\n---\nx\n", encoding="utf-8")
    plan = plan_export([plain, slugged], tmp_path / "out", "hugo-bundle")
    assert [p.slug for p in plan.posts] == ["my-old-name", "the-slug"]
    again = plan_export([plain, slugged], tmp_path / "out", "hugo", slug_from_title=True)
    assert [p.slug for p in again.posts] == ["a-fresh-title", "the-slug"]


def test_a_static_image_named_like_one_of_the_bundle_s_stays_a_url(tmp_path: Path) -> None:
    source = _site(tmp_path / "source")
    (source.parent / "images").mkdir()
    (source.parent / "images" / "flow.png").write_bytes(TINY_PNG + b"own")
    source.write_text(POST + "\n![own](images/flow.png)\n", encoding="utf-8")
    plan = plan_export([source], tmp_path / "target", "hugo-bundle").posts[0]
    images = [(f.rel, f.source) for f in plan.files if f.kind == "image"]
    assert images == [
        ("content/posts/protocol-detection/images/flow.png", source.parent / "images/flow.png")
    ]
    assert any("/images/flow.png not copied" in w for w in plan.warnings)
    text = (plan.files[0].content or b"").decode("utf-8")
    assert "![diagram](/images/flow.png)" in text and "![own](images/flow.png)" in text
