"""Shortcodes in the preview find their images as Markdown images do; arguments are read as
Hugo reads them, spaces around `=` included."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from editor.core.markdown.renderer import Renderer
from editor.core.markdown.shortcodes import expand as shortcodes
from editor.core.site.config import SiteConfig
from tests.files import TINY_PNG
from tests.hugo_site import HugoSite, hugo_binary


def _site_with_image(root: Path) -> tuple[SiteConfig, Path, Path]:
    image = root / "static" / "images" / "x.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(TINY_PNG)
    page = root / "content" / "posts" / "p.md"
    page.parent.mkdir(parents=True)
    return SiteConfig.hugo_defaults(root), page, image.resolve()


def test_figure_in_the_preview_finds_a_static_image_like_markdown_does(tmp_path: Path) -> None:
    site, page, image = _site_with_image(tmp_path)
    text = '---\ntitle: t\n---\n\n{{< figure src="/images/x.png" >}}\n\n![](/images/x.png)\n'
    result = Renderer(site).render(text, preview=True, page_path=page)
    assert result.html.count(f'src="{image.as_uri()}"') == 2
    assert not result.warnings
    hugo = Renderer(site).render(text, page_path=page)
    assert '<img src="/images/x.png">' in hugo.html


def test_figure_link_is_resolved_and_a_missing_image_warns_on_its_line(
    tmp_path: Path,
) -> None:
    site, page, image = _site_with_image(tmp_path)
    text = (
        '---\ntitle: t\n---\n\n{{< figure src="/images/x.png" link="/images/x.png" >}}\n\n'
        'Text.\n\n{{< figure src="gone.png" >}}\n'
    )
    result = Renderer(site).render(text, preview=True, page_path=page)
    assert f'src="{image.as_uri()}"' in result.html
    assert f'href="{image.as_uri()}"' in result.html
    assert [(w.message, w.line, w.file) for w in result.warnings] == [
        ("image not found: gone.png", 9, page)
    ]


def test_images_inside_a_shortcode_s_inner_markdown_are_resolved(tmp_path: Path) -> None:
    site, page, image = _site_with_image(tmp_path)
    text = '{{< details summary="s" >}}\n![](/images/x.png)\n{{< /details >}}\n'
    result = Renderer(site).render(text, preview=True, page_path=page)
    assert f'src="{image.as_uri()}"' in result.html


def _call(text: str) -> tuple[dict[str, str], list[str], list[str]]:
    found = shortcodes.scan(text, shortcodes.ShortcodeContext())
    (call,) = found.calls
    return call.named, call.positional, [w.message for w in found.warnings]


@pytest.mark.parametrize(
    "text",
    [
        '{{< figure src = "x.png" >}}',
        "{{< figure src =x.png >}}",
        '{{< figure src= "x.png" >}}',
        '{{< figure\n  src = "x.png"\n>}}',
        "{{< figure src\t=\t`x.png` >}}",
    ],
)
def test_named_arguments_may_have_spaces_around_the_equals_sign(text: str) -> None:
    named, positional, _ = _call(text)
    assert named == {"src": "x.png"} and positional == []


def test_spaced_and_unspaced_named_arguments_mixed_is_hugo_s_error() -> None:
    """Hugo's lexer counts `k = v` with positional arguments: after `k=v` it fails the build."""
    assert _call('{{< figure src = "x.png" alt = "y" >}}')[2] == []
    assert _call('{{< figure src ="x.png" alt ="y" >}}')[2] == []
    for text in ('{{< figure src="x.png" alt = "y" >}}', '{{< figure src = "x.png" alt="y" >}}'):
        named, _, warnings = _call(text)
        assert named == {"src": "x.png", "alt": "y"}
        assert warnings == ["shortcode 'figure' mixes named and positional arguments"]


SPACED = {
    "spaced": '{{< figure src = "x.png" alt = "y" >}}',
    "spaced-left": '{{< figure src ="x.png" alt ="y" >}}',
    "spaced-lines": '{{< figure\n  src = "x.png"\n  alt = `z`\n>}}',
    "spaced-unquoted": "{{< figure src =x.png >}}",
}


@pytest.mark.hugo
def test_spaced_arguments_give_hugo_s_html(tmp_path: Path) -> None:
    if hugo_binary() is None:
        pytest.skip("the hugo binary is not installed")
    site = HugoSite(tmp_path)
    for name, text in SPACED.items():
        site.add(f"posts/{name}.md", f"---\ntitle: t\n---\n{text}\n")
    pages = site.build()
    md = MarkdownIt("commonmark")
    for name, text in SPACED.items():
        extracted = shortcodes.extract(text + "\n", shortcodes.ShortcodeContext())
        assert extracted.warnings == ()
        got = shortcodes.restore(md.render(extracted.text), extracted.placeholders)
        assert got.strip() == pages[f"posts/{name}.md"].content.strip(), name
