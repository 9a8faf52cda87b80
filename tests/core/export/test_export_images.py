"""Finding a post's local images, refusing unsafe ones, rewriting their links."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.export.images import (
    UnsafeImagePathError,
    is_remote,
    local_path,
    resolve_image,
    rewrite_links,
    scan_images,
    url_path,
)

BODY = """\
![a](a.png) and ![b](<sub dir/b.png> "title") and ![a again](a.png)

<img src="c.png" alt="c"> {{< figure src='d.png' >}}

[ref]: e.png
[doc]: notes.pdf

`![in code](x.png)`

```
![fenced](y.png)
```

    ![indented](z.png)

![remote](https://example.org/r.png) ![site](/images/s.png) ![anchor](#top)
![gone](missing.png)
"""


@pytest.fixture
def post_dir(tmp_path: Path) -> Path:
    for name in ("a.png", "sub dir/b.png", "c.png", "d.png", "e.png", "x.png", "y.png", "z.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"img")
    return tmp_path


def test_scan_finds_each_local_image_once_outside_code(post_dir: Path) -> None:
    scan = scan_images(BODY, post_dir)
    assert [str(i.rel) for i in scan.images] == [
        "a.png",
        "sub dir/b.png",
        "c.png",
        "d.png",
        "e.png",
    ]
    assert scan.missing == ("missing.png",)
    assert scan.errors == ()


def test_rewrite_keeps_the_syntax_around_links(post_dir: Path) -> None:
    new = rewrite_links(
        BODY,
        lambda ref: {
            "a.png": "/i/a.png",
            "sub dir/b.png": "x%20y.png",
            "c.png": "C.png",
            "d.png": "D.png",
            "e.png": "E.png",
        }.get(ref),
    )
    assert '![a](/i/a.png) and ![b](<x%20y.png> "title") and ![a again](/i/a.png)' in new
    assert '<img src="C.png"' in new and "figure src='D.png'" in new
    assert "[ref]: E.png" in new and "[doc]: notes.pdf" in new
    assert "`![in code](x.png)`" in new and "![fenced](y.png)" in new
    assert "    ![indented](z.png)" in new


def test_unsafe_references_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeImagePathError, match=r"\.\."):
        resolve_image("img/../../x.png", tmp_path)
    with pytest.raises(UnsafeImagePathError, match="absolute"):
        resolve_image("C:\\Users\\x.png", tmp_path)
    with pytest.raises(UnsafeImagePathError, match="absolute"):
        resolve_image(str(Path(__file__)), tmp_path)
    scan = scan_images("![x](../x.png)\n![y](../x.png)\n", tmp_path)
    assert len(scan.errors) == 1 and scan.images == ()


def test_references_that_are_not_local_files() -> None:
    assert is_remote("https://x.org/a.png") and is_remote("//cdn/x.png") and is_remote("data:x")
    assert not is_remote("C:/x.png") and not is_remote("a.png")
    assert local_path("a%20b.png?v=2#frag") == "a b.png"
    assert local_path("{{ .Site.BaseURL }}x.png") is None
    assert local_path("#top") is None and local_path("") is None
    assert resolve_image("/images/site-url-only.png", Path("/nonexistent")) is None
    assert resolve_image("./", Path("/nonexistent")) is None
    assert scan_images("![a](a.png)", None).images == ()


def test_url_path_encodes_spaces_and_unicode() -> None:
    assert url_path("sub dir/café.png") == "sub%20dir/caf%C3%A9.png"
