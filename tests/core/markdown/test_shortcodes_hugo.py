"""Shortcode output next to the real Hugo's: `{{< >}}` built-ins must give Hugo's exact HTML.

A tiny CommonMark renderer (markdown-it-py) stands in for the Markdown step, so these snippets
avoid what only Goldmark's extensions would change (typographer, raw HTML omission).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from editor.core.markdown.shortcodes import expand as shortcodes
from tests.hugo_site import HugoSite, hugo_binary

pytestmark = pytest.mark.hugo

SNIPPETS = {
    "fig-plain": '{{< figure src="/a.png" >}}',
    "fig-caption": '{{< figure src="a.png" caption="A **b** c" >}}',
    "fig-all": (
        '{{< figure src="a.png" title="T" attr="By me" attrlink="http://x" target="_blank" '
        'rel="noopener" link="/l" height="5" loading="lazy" >}}'
    ),
    "fig-escapes": '{{< figure src="a b.png" alt="x & y" class="c" width="10" >}}',
    "fig-inline": 'Look: {{< figure src="x.png" alt="x" >}} here.',
    "details-plain": "{{< details >}}\nHello\n\nWorld\n{{< /details >}}",
    "details-attrs": (
        '{{< details summary="S *x*" open=true class="c" name="n" title="t" >}}\n'
        "Hi\n{{< /details >}}"
    ),
    "details-self-closing": 'A {{< details summary="s" />}} b',
    "param": 'Value {{< param foo >}} and {{< param "site_x" >}} and {{< param nested.k >}}.',
    "param-page-first": "{{< param shadow >}}",
    "ref": (
        '[link]({{< relref "target.md" >}}) and {{< ref "target" >}} and '
        '{{< relref "/posts/target.md#sec" >}}'
    ),
    "vimeo": '{{< vimeo 123 >}}\n\n{{< vimeo id="55" class="c" title="T" >}}',
    "youtube": '{{< youtube abc >}}\n\npara {{< youtube id="abc" >}} inline',
    "youtube-options": (
        '{{< youtube id="xyz" class="c" autoplay=true loop=true start=5 title="My" '
        'loading="lazy" >}}'
    ),
    "two-in-a-row": "{{< youtube a >}}\n{{< youtube b >}}",
    "escaped": "Use {{</* figure src=x */>}} and {{%/* param x */%}} as text.",
    "highlight": "{{< highlight go >}}\nx := 1\n{{< /highlight >}}",
    "highlight-between": "Text\n\n{{< highlight text >}}\nplain\n{{< /highlight >}}\n\nafter",
    "param-percent": "x {{% param foo %}} y",
}
SITE_PARAMS = {"site_x": "SITEVAL", "nested": {"k": "deep"}, "shadow": "site"}
PAGE_META = {"foo": "bar", "shadow": "page"}


class _Site:
    params = SITE_PARAMS
    content_dir = Path("content")
    base_url = "https://example.org/"
    shortcode_names: frozenset[str] = frozenset()

    def __init__(self, root: Path) -> None:
        self.root = root


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    if hugo_binary() is None:
        pytest.skip("the hugo binary is not installed")
    root = tmp_path_factory.mktemp("shortcodes")
    site = HugoSite(root, config={"params": SITE_PARAMS})
    site.add("posts/target.md", "---\ntitle: target\n---\nTarget.\n")
    for name, text in SNIPPETS.items():
        site.add(f"posts/{name}.md", f"---\ntitle: t\nfoo: bar\nshadow: page\n---\n{text}\n")
    return root, site.build()


def _render(root: Path, name: str) -> str:
    md = MarkdownIt("commonmark")
    ctx = shortcodes.ShortcodeContext(
        site=_Site(root),  # type: ignore[arg-type]
        page_path=root / "content" / "posts" / f"{name}.md",
        render_markdown=md.render,
        metadata=PAGE_META,
    )
    extracted = shortcodes.extract(SNIPPETS[name] + "\n", ctx)
    assert extracted.warnings == ()
    return shortcodes.restore(md.render(extracted.text), extracted.placeholders)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_shortcode_html_matches_hugo(hugo: tuple[Path, dict[str, Any]], name: str) -> None:
    root, pages = hugo
    expected = pages[f"posts/{name}.md"].content
    got = _render(root, name)
    if name.startswith("highlight"):  # Pygments' colours are not Chroma's: compare the markup
        importlib.import_module("editor.core.markdown.highlight")
        expected, got = (re.sub(r' style="[^"]*"', "", x) for x in (expected, got))
    if name == "escaped":  # Goldmark's typographer is not in the stand-in renderer
        expected = expected.replace("&ldquo;", '"').replace("&rdquo;", '"')
    assert got.strip() == expected.strip()


REF_PAGES = {
    "posts/plain.md": "---\ntitle: Plain Post\ndate: 2024-03-05\n---\nx\n",
    "posts/Slugged.md": "---\ntitle: Has a Slug\ndate: 2023-11-20\nslug: My-Slug\n---\nx\n",
    "posts/own-url.md": "---\ntitle: Own URL\nurl: /custom/place/\n---\nx\n",
    "posts/bundle/index.md": "---\ntitle: A Bundle Title\ndate: 2022-01-02\n---\nx\n",
    "posts/deep/nested.md": "---\ntitle: Nested\ndate: 2021-07-08\n---\nx\n",
    "notes/simple.md": "---\ntitle: Simple Note\n---\nx\n",
    "notes/_index.md": "---\ntitle: Notes\n---\n",
}
REF_TARGETS = [
    "plain",
    "posts/plain.md",
    "/posts/Slugged.md",
    "own-url",
    "bundle",
    "posts/deep/nested",
    "/notes/simple.md",
    "/notes",
]


@pytest.mark.parametrize(
    "permalinks", [{}, {"posts": "/:year/:month/:slug/", "notes": "/n/:filename/"}], ids=str
)
def test_relref_links_match_hugo(tmp_path: Path, permalinks: dict[str, str]) -> None:
    if hugo_binary() is None:
        pytest.skip("the hugo binary is not installed")
    site_mod = importlib.import_module("editor.core.site.config")
    hugo = HugoSite(tmp_path, config={"permalinks": permalinks} if permalinks else {})
    for rel, text in REF_PAGES.items():
        hugo.add(rel, text)
    body = " ".join(f'{{{{< relref "{target}" >}}}}' for target in REF_TARGETS)
    page = hugo.add("posts/linker.md", f"---\ntitle: Linker\n---\n{body}\n")
    expected = hugo.build()["posts/linker.md"].content
    site = site_mod.load_site(tmp_path)
    md = MarkdownIt("commonmark")
    ctx = shortcodes.ShortcodeContext(site=site, page_path=page, render_markdown=md.render)
    extracted = shortcodes.extract(body + "\n", ctx)
    assert extracted.warnings == ()
    got = shortcodes.restore(md.render(extracted.text), extracted.placeholders)
    assert got.split() == expected.split()
