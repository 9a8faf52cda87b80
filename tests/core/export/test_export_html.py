"""Standalone HTML export: CSS inlined, images embedded, highlighting inline, nothing external."""

from __future__ import annotations

import re
from pathlib import Path

from editor.core.export.execute import execute, plan_export
from editor.core.export.html import (
    CSP,
    DEFAULT_CSS,
    PRINT_CSS,
    embed_images,
    html_maker,
    sanitize_css,
    standalone_html,
)
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig

FIXTURES = Path(__file__).parent.parent / "fixtures" / "export"
LOADING_ATTRS = re.compile(r"""\b(?:src|srcset|poster|data)\s*=\s*["']?(?!data:)([^"'\s>]+)""")


def _external_references(html: str) -> list[str]:
    """Anything a browser would fetch on its own: src-like attributes, CSS url(), <link>."""
    refs = [
        ref for tag in re.findall(r"<[A-Za-z][^>]*>", html) for ref in LOADING_ATTRS.findall(tag)
    ]
    refs += [
        u for u in re.findall(r"url\(([^)]*)\)", html) if not u.strip("'\" ").startswith("data:")
    ]
    refs += re.findall(r"<link\b[^>]*>", html)
    return refs


def test_photo_walk_is_self_contained(tmp_path: Path) -> None:
    post = Post.load(FIXTURES / "photo-walk" / "index.md")
    html, warnings = standalone_html(post, SiteConfig.hugo_defaults(tmp_path))
    assert html.startswith("<!DOCTYPE html>")
    assert f'content="{CSP}"' in html
    assert "<title>A photo walk</title>" in html
    assert '<h1 class="post-title">A photo walk</h1>' in html
    assert '<div class="post-meta">May 1, 2024 · 1 min · ' in html
    assert '<ul class="post-tags"><li><span>photos</span></li></ul>' in html
    assert html.count('src="data:image/png;base64,') == 2
    assert html.count('src="data:image/svg+xml;base64,') == 1
    assert '<span class="image-omitted">[image: remote]</span>' in html
    assert any("remote image left out" in w for w in warnings)
    assert _external_references(html) == []
    assert "river.png" not in html.split("<body>")[1].replace("river.png &quot;", "")


def test_code_is_highlighted_with_inline_styles(tmp_path: Path) -> None:
    post = Post.load(FIXTURES / "yaml-post.md")
    html, _warnings = standalone_html(post, SiteConfig.hugo_defaults(tmp_path), css="h1{color:red}")
    assert '<div class="highlight"><pre tabindex="0" style="' in html
    assert 'class="language-python"' in html and '<span style="color:' in html
    assert "h1{color:red}" in html and DEFAULT_CSS not in html
    assert "Profiling Python: a field guide" in html
    assert "<li><span>python</span></li><li><span>performance</span></li>" in html


def test_printing_keeps_a_figure_with_its_caption_whatever_the_css(tmp_path: Path) -> None:
    post = Post.load(FIXTURES / "photo-walk" / "index.md")
    site = SiteConfig.hugo_defaults(tmp_path)
    for css in ("", "figure { margin: 0 }"):
        html, _warnings = standalone_html(post, site, css=css)
        style = html.split("<style>")[1].split("</style>")[0]
        assert PRINT_CSS in style and style.index(PRINT_CSS) > style.index(css or DEFAULT_CSS)
    rules = re.sub(r"\s+", " ", PRINT_CSS)
    assert re.search(r"figure[^{]*\{ break-inside: avoid;", rules)
    assert re.search(r"figcaption \{ break-before: avoid;", rules)


def test_css_cannot_load_anything() -> None:
    css = "@import url(https://x.org/a.css);\nbody{background:url('https://x.org/b.png')}\n"
    css += "a{background:url(data:image/png;base64,AA==)}</style><script>"
    out = sanitize_css(css)
    assert "@import" not in out and "x.org" not in out
    assert "url(data:image/png;base64,AA==)" in out and "</style>" not in out


def test_embed_images_edge_cases(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "images").mkdir(parents=True)
    (static / "images" / "site.gif").write_bytes(b"GIF89a")
    (tmp_path / "post").mkdir()
    html = (
        '<img src="/images/site.gif" alt="s" srcset="big.png 2x">'
        '<img src="../escape.png" alt="e"><img src="gone.png" alt="g">'
        '<img alt="none"><img src="data:image/png;base64,AA==" alt="d">'
        '<script>alert(1)</script><iframe src="https://x.org"></iframe>'
        '<p style="background:url(https://x.org/a.png)">x</p><video src="v.mp4">'
    )
    out, warnings = embed_images(html, tmp_path / "post", (static,))
    assert 'src="data:image/gif;base64,R0lGODlh"' in out and "srcset" not in out
    assert "[image: e]" in out and "[image: g]" in out
    assert '<img alt="none">' in out and 'src="data:image/png;base64,AA=="' in out
    assert "<script" not in out and "<iframe" not in out and "<video" not in out
    assert _external_references(out) == []
    assert any("'..'" in w for w in warnings) and any("not found: gone.png" in w for w in warnings)
    assert any("scripts, frames or media" in w for w in warnings)
    no_dir, _ = embed_images('<img src="a.png" alt="a">', None)
    assert "[image: a]" in no_dir


def test_html_export_writes_one_file_per_post(tmp_path: Path) -> None:
    sources = [FIXTURES / "yaml-post.md", FIXTURES / "unicode-title.md"]
    plan = plan_export(sources, tmp_path, "html")
    assert [p.files[0].rel for p in plan.posts] == [
        "profiling-python-a-field-guide.html",
        "café-crème-中文-notes.html",
    ]
    report = execute(plan)
    assert report.ok
    text = (tmp_path / "café-crème-中文-notes.html").read_text("utf-8")
    assert "<title>Café crème — 中文 notes</title>" in text and _external_references(text) == []


def test_html_maker_uses_the_given_site_or_the_post_s(tmp_path: Path) -> None:
    post = Post.from_text("---\ntitle: Bare\n---\nHello.\n")
    html, _ = html_maker()(post)
    assert "<title>Bare</title>" in html
    html, _ = html_maker(SiteConfig.hugo_defaults(tmp_path), "p{}")(
        Post.load(FIXTURES / "toml-draft.md")
    )
    assert "p{}" in html and "Notes on TOML front matter" in html
    assert '<sup class="entry-isdraft">[draft]</sup>' in html
