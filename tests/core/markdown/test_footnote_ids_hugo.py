"""Footnote ids with markup.goldmark.extensions.footnote.enableAutoIDPrefix: "h", Hugo's
document id (XXH64 of the page's .Path) and Goldmark's own id, checked against the real Hugo
for every form of page path (a plain file, a bundle, a section, a language suffix, capitals
and spaces)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.markdown.renderer import render_post
from editor.core.post.model import Post
from editor.core.site.config import load_site
from editor.core.site.page_id import hugo_path, xxh64
from tests.hugo_site import HugoSite, require_hugo

CONFIG = {
    "defaultContentLanguage": "en",
    "languages": {"en": {"weight": 1}, "fr": {"weight": 2}},
    "markup": {
        "goldmark": {"extensions": {"footnote": {"enableAutoIDPrefix": True, "backlinkHTML": "^"}}}
    },
}
FILES = ["posts/My Post.md", "posts/bundle/index.md", "posts/_index.md", "posts/p0.fr.md"]
POST = "---\ntitle: t\n---\nText[^1] and more[^n].\n\n[^1]: Note.\n[^n]: Another.\n"
_IDS_RE = re.compile(r'(?:id|href)="#?([^"]*fn[^"]*)"')


def test_xxh64_and_the_page_path() -> None:
    assert format(xxh64(b""), "016x") == "ef46db3751d8e999"  # the algorithm's own
    assert format(xxh64(b"/posts/p0"), "016x") == "41e7e537f17b9fb0"  # measured with Hugo
    assert format(xxh64(b"x" * 100), "016x") == "92f0de5a88a3c094"  # past the 32-byte lanes

    class Site:
        root = Path("/site")
        content_dir = Path("content")
        languages = ()

    assert hugo_path(Site(), Path("/site/content/posts/My Post.md")) == "/posts/my-post"
    assert hugo_path(Site(), Path("/site/content/posts/b/index.md")) == "/posts/b"
    assert hugo_path(Site(), Path("/elsewhere/x.md")) is None


@pytest.mark.hugo
def test_footnote_ids_equal_hugo_s(tmp_path: Path) -> None:
    require_hugo()
    site = HugoSite(tmp_path, config=CONFIG)
    for name in FILES:
        site.add(name, POST)
    pages = site.build()
    config = load_site(tmp_path)
    for name in FILES:
        html = render_post(Post.load(tmp_path / "content" / name), config).html
        ours = _IDS_RE.findall(html)
        assert ours == _IDS_RE.findall(pages[name].content), name
        assert len(ours) == 8 and ours[0].startswith("h")
