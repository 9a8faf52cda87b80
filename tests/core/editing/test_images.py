"""Image placement: target folder, unique names, Markdown. No Qt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from editor.core.editing.images import (
    ImagePlacementError,
    alt_text,
    image_in_site,
    image_markdown,
    is_bundle,
    pasted_image_name,
    place_image,
    plan_image,
    safe_stem,
    site_path,
    unique_name,
)


def _never(_path: Path) -> bool:
    return False


def test_bundle_images_go_beside_the_post() -> None:
    post = Path("/site/content/posts/trip/index.md")
    plan = plan_image("Map Of Route.PNG", post, Path("/site"), _never)
    assert plan.in_bundle
    assert plan.target == Path("/site/content/posts/trip/map-of-route.png")
    assert plan.markdown == "![Map Of Route](map-of-route.png)"


def test_single_file_posts_use_static_images() -> None:
    post = Path("/site/content/posts/hello.md")
    plan = plan_image("diagram.svg", post, Path("/site"), _never)
    assert not plan.in_bundle
    assert plan.target == Path("/site/static/images/diagram.svg")
    assert plan.markdown == "![diagram](/images/diagram.svg)"
    custom = plan_image("d.png", post, Path("/site"), _never, static_dir=Path("/site/assets2"))
    assert custom.target == Path("/site/assets2/images/d.png")


def test_names_never_collide() -> None:
    taken = {"shot.png", "shot-2.png"}
    assert unique_name("shot.png", taken.__contains__) == "shot-3.png"
    assert unique_name("Shot.JPEG", set().__contains__) == "shot.jpg"
    assert unique_name("çafé été.png", set().__contains__) == "cafe-ete.png"
    assert unique_name("日本.png", set().__contains__) == "image.png"


def test_helpers() -> None:
    assert is_bundle(Path("x/_index.md"))
    assert not is_bundle(Path("x/post.md"))
    assert safe_stem("  ---  ") == "image"
    assert len(safe_stem("a" * 200)) == 60
    assert alt_text("my-diagram_v2.png") == "my diagram v2"
    assert alt_text("screenshot-2.png") == "screenshot"
    assert image_markdown("a [b]", "x.png") == r"![a \[b\]](x.png)"
    assert pasted_image_name(datetime(2026, 3, 9, 14, 5, 7)) == "pasted-20260309-140507.png"


def test_refusals() -> None:
    with pytest.raises(ImagePlacementError, match="save the post first"):
        plan_image("a.png", None, None, _never)
    with pytest.raises(ImagePlacementError, match="not an image"):
        plan_image("notes.txt", Path("/s/content/a.md"), Path("/s"), _never)


def test_place_image_writes_without_overwriting(tmp_path: Path) -> None:
    bundle = tmp_path / "content" / "posts" / "trip"
    bundle.mkdir(parents=True)
    post = bundle / "index.md"
    post.write_text("# Trip\n", encoding="utf-8")
    (bundle / "photo.png").write_bytes(b"old")
    plan = place_image(b"new", "photo.png", post, tmp_path)
    assert plan.target == bundle / "photo-2.png"
    assert plan.target.read_bytes() == b"new"
    assert (bundle / "photo.png").read_bytes() == b"old"
    assert plan.markdown == "![photo](photo-2.png)"


def test_place_image_creates_static_images(tmp_path: Path) -> None:
    post = tmp_path / "content" / "posts" / "single.md"
    post.parent.mkdir(parents=True)
    plan = place_image(b"png", "x.png", post, tmp_path)
    assert plan.target == tmp_path / "static" / "images" / "x.png"
    assert plan.target.read_bytes() == b"png"


def test_an_image_already_in_the_site_is_linked_where_it_is(tmp_path: Path) -> None:
    bundle = tmp_path / "content" / "posts" / "trip"
    static = tmp_path / "static"
    for folder in (bundle / "gallery", static / "img"):
        folder.mkdir(parents=True)
    post = bundle / "index.md"
    in_bundle, in_static = bundle / "gallery" / "Day One.jpg", static / "img" / "map.png"
    outside = tmp_path / "Downloads" / "map.png"
    assert site_path(in_bundle, bundle, [static]) == "gallery/Day One.jpg"
    assert site_path(in_static, bundle, [static]) == "/img/map.png"
    assert site_path(outside, bundle, [static]) is None
    assert image_in_site(in_bundle, post, tmp_path) == "![Day One](gallery/Day%20One.jpg)"
    assert image_in_site(in_static, post, tmp_path) == "![map](/img/map.png)"
    assert image_in_site(outside, post, tmp_path) is None
    # a single-file post has no bundle: a picture beside it is copied, not linked
    single = tmp_path / "content" / "posts" / "note.md"
    assert image_in_site(tmp_path / "content" / "posts" / "a.png", single, tmp_path) is None
    assert image_in_site(in_static, single, tmp_path) == "![map](/img/map.png)"
    # the site's own static folder (staticDir) wins over <root>/static
    other = tmp_path / "assets-static"
    assert image_in_site(other / "x.png", single, tmp_path, static_dir=other) == "![x](/x.png)"
    assert image_in_site(in_static, single, tmp_path, static_dir=other) is None
