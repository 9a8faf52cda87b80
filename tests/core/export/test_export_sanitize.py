"""HTML export of a post on an `unsafe = true` site: nothing that runs or fetches survives."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.export.html import standalone_html
from editor.core.export.sanitize import clean_body
from editor.core.markdown.renderer import render_post
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig

HOSTILE = Path(__file__).resolve().parents[2] / "hostile"
CASES = sorted(HOSTILE.glob("html-export-*.md"))
UNSAFE = (
    re.compile(r"\son[a-z]+\s*=", re.I),  # event handlers
    re.compile(r"(java|vb)script\s*:", re.I),
    re.compile(r"<\s*(script|form|iframe|object|embed|svg|image|link|meta|base|style)\b", re.I),
    re.compile(r"\s(action|formaction|xlink:href)\s*=", re.I),
    re.compile(r"url\s*\(|image-set\s*\(", re.I),
    re.compile(r"""\s(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I),  # remote resources
)


def unsafe_site(tmp_path: Path) -> SiteConfig:
    site = SiteConfig.hugo_defaults(tmp_path)
    return replace(site, goldmark=replace(site.goldmark, unsafe=True))


def body_of(document: str) -> str:
    return document.split('<div class="post-content">', 1)[1].split("</article>", 1)[0]


def unsafe_parts(body: str) -> list[str]:
    """What in the markup (tags and their attributes, entities decoded) could run or fetch;
    text that merely reads like code ("&lt;script&gt;") is no markup."""
    tags = [html_lib.unescape(tag) for tag in re.findall(r"<[A-Za-z!/][^>]*>?", body)]
    return [m.group(0) for tag in tags for pattern in UNSAFE for m in pattern.finditer(tag)]


def test_every_vector_has_a_fixture() -> None:
    names = {p.stem.removeprefix("html-export-") for p in CASES}
    assert names >= {
        "onload",
        "ontoggle",
        "onfocus",
        "javascript-href",
        "form-action",
        "style-url",
        "svg-image-href",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_nothing_hostile_survives_the_export(case: Path, tmp_path: Path) -> None:
    post = Post.load(case)
    site = unsafe_site(tmp_path)
    raw = render_post(post, site).html
    assert unsafe_parts(raw), "the fixture must reach the export unsafe (raw HTML passes)"
    document, _warnings = standalone_html(post, site)
    body = body_of(document)
    assert unsafe_parts(body) == []


def test_what_hugo_output_needs_is_kept(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Kept\n---\n\n# Head {#custom}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "- [x] done\n- [ ] todo\n\nText[^1] [web](https://example.org/) [mail](mailto:a@b.c)"
        " [rel](../other/) [top](#custom)\n\n[^1]: note\n\n```go\nfunc main() {}\n```\n\n"
        "<details><summary>More</summary>hidden</details>\n\n"
        '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="p">'
        "<figcaption>Cap</figcaption></figure>\n"
    )
    post = Post.from_text(text)
    body = body_of(standalone_html(post, unsafe_site(tmp_path))[0])
    for kept in (
        '<h1 id="custom">',
        '<th style="text-align:left">a</th>',
        '<li><input checked="" disabled="" type="checkbox"> done</li>',
        '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>',
        '<a href="https://example.org/">web</a>',
        '<a href="mailto:a@b.c">mail</a>',
        '<a href="../other/">rel</a>',
        '<a href="#custom">top</a>',
        '<pre tabindex="0" style="color:',
        '<span style="color:',
        "<details><summary>More</summary>hidden</details>",
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="p">',
        "<figcaption>Cap</figcaption>",
    ):
        assert kept in body, kept


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<img src=x onerror=alert(1)>",
                '<a href="javascript:alert(1)">',
                "<svg><image href=//e.org/x>",
                '<p style="background:url(//e.org/x)">',
                "<form action=//e.org>",
                "<script>alert(1)</script>",
                "<iframe src=//e.org>",
                '<a href="java\nscript:x">',
                "<details ontoggle=alert(1) open>",
                "<!--",
                "-->",
                "<",
                ">",
                '"',
                "'",
                "text",
                "=",
            ]
        ),
        max_size=12,
    )
)
def test_any_mix_of_vectors_comes_out_clean(parts: list[str]) -> None:
    assert unsafe_parts(clean_body("".join(parts))) == []
