"""markdown.renderer: golden renderings, preview mode, warnings, config overrides, the API.

Golden files live in tests/core/golden/rendering/: for each cases/NAME.md there is
NAME.hugo.html, NAME.preview.html and NAME.json (toc, headings, line map, more_html,
warnings). Regenerate them with INKPOST_REGEN_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import markdown
import pytest

from editor.core.markdown.renderer import (
    Heading,
    Renderer,
    RenderResult,
    render_markdown,
    render_post,
)
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from tests.files import TINY_PNG

GOLDEN = Path(__file__).parent.parent / "golden" / "rendering"
SITE_ROOT = GOLDEN / "site"
BUNDLE = SITE_ROOT / "content" / "posts" / "bundle" / "index.md"
CASES = sorted((GOLDEN / "cases").glob("*.md"))
REGEN = os.environ.get("INKPOST_REGEN_GOLDEN") == "1"


def _site(**goldmark: Any) -> SiteConfig:
    site = SiteConfig.hugo_defaults(SITE_ROOT)
    if goldmark:
        site = dataclasses.replace(site, goldmark=dataclasses.replace(site.goldmark, **goldmark))
    return site


def _summary(result: RenderResult) -> dict[str, Any]:
    return {
        "toc_html": result.toc_html,
        "headings": [dataclasses.asdict(h) for h in result.headings],
        "line_map": [list(pair) for pair in result.line_map],
        "more_html": result.more_html,
        "warnings": [[w.message, w.line, w.severity.value] for w in result.warnings],
    }


def _portable(text: str) -> str:
    return text.replace(SITE_ROOT.resolve().as_uri(), "file://{ROOT}")


def _check(path: Path, actual: str) -> None:
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path.name}: run with INKPOST_REGEN_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs from its golden file"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    renderer = Renderer(_site())
    hugo = renderer.render(text, page_path=BUNDLE)
    preview = renderer.render(text, preview=True, page_path=BUNDLE)
    _check(GOLDEN / f"{case.stem}.hugo.html", hugo.html)
    _check(GOLDEN / f"{case.stem}.preview.html", _portable(preview.html))
    summary = json.dumps(_summary(preview), indent=1, ensure_ascii=False) + "\n"
    _check(GOLDEN / f"{case.stem}.json", _portable(summary))


# --- preview mode ---------------------------------------------------------------------------


def test_preview_blocks_carry_document_lines_front_matter_included() -> None:
    text = "---\ntitle: x\n---\n\n# One\n\npara\ngraph\n\n- a\n- b\n"
    result = Renderer(_site()).render(text, preview=True)
    assert result.line_map == ((5, 5), (7, 8), (10, 11))
    assert result.html.startswith('<h1 data-line="5" id="one">One</h1>\n<p data-line="7">para')
    assert '<ul data-line="10">' in result.html
    assert result.headings == (Heading(1, "One", "one", 5),)


def test_hugo_mode_has_no_data_lines_but_the_same_line_map() -> None:
    text = "---\ntitle: x\n---\n\n# One\n\npara\n"
    result = Renderer(_site()).render(text)
    assert "data-line" not in result.html
    assert result.line_map == ((5, 5), (7, 7))


def test_preview_resolves_local_images_and_warns_about_missing_ones() -> None:
    text = (GOLDEN / "cases" / "preview-paths.md").read_text(encoding="utf-8")
    result = Renderer(_site()).render(text, preview=True, page_path=BUNDLE)
    photo = (BUNDLE.parent / "photo.png").resolve().as_uri()
    assert f'src="{photo}"' in result.html
    assert (SITE_ROOT / "static" / "img" / "logo.png").resolve().as_uri() in result.html
    assert (SITE_ROOT / "assets" / "img" / "asset.png").resolve().as_uri() in result.html
    assert 'src="https://example.com/x.png"' in result.html
    assert f'href="{photo}"' in result.html and 'href="../other/"' in result.html
    missing = [w for w in result.warnings if "nothere.png" in w.message]
    assert [(w.line, w.file) for w in missing] == [(11, BUNDLE)]
    hugo = Renderer(_site()).render(text, page_path=BUNDLE)
    assert 'src="photo.png"' in hugo.html and not hugo.warnings


def test_unknown_code_language_is_a_warning_with_its_line() -> None:
    text = "intro\n\n```klingon\nqapla'\n```\n"
    result = Renderer(_site()).render(text)
    assert '<pre tabindex="0"><code class="language-klingon" data-lang="klingon">' in result.html
    assert [(w.line, "klingon" in w.message) for w in result.warnings] == [(3, True)]


def test_divider_splits_and_never_reaches_the_html() -> None:
    result = Renderer(_site()).render("First part <!--more--> rest.\n\nMore.\n")
    assert result.html == "<p>First part</p>\n<p>rest.</p>\n<p>More.</p>"
    assert result.more_html == "<p>First part</p>"
    spaced = Renderer(_site()).render("One.\n\n<!-- more -->\n\nTwo.\n")
    assert spaced.more_html is None and "more" not in spaced.html


def test_divider_keeps_later_lines_in_the_line_map() -> None:
    text = "a\n\n<!--more-->\n\nb\n\nc\n"
    result = Renderer(_site()).render(text, preview=True)
    assert result.line_map == ((1, 1), (5, 5), (7, 7))
    assert '<p data-line="5">b</p>' in result.html


# --- configuration --------------------------------------------------------------------------


def test_site_config_overrides_defaults() -> None:
    text = "a\nb  \nc\n\n<b>x</b>\n\n![i](i.png)\n\n---\n"
    default = Renderer(_site()).render(text).html
    assert default == (
        "<p>a\nb<br>\nc</p>\n<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"
        '<p><img src="i.png" alt="i"></p>\n<hr>\n'
    )
    custom = Renderer(_site(hard_wraps=True, xhtml=True, unsafe=True)).render(text).html
    assert custom == (
        '<p>a<br />\nb<br />\nc</p>\n<p><b>x</b></p>\n<p><img src="i.png" alt="i" /></p>\n<hr />\n'
    )


def test_extensions_can_be_switched_off() -> None:
    site = _site(typographer=False, linkify=False, strikethrough=False, task_list=False)
    html = Renderer(site).render('"q" www.x.com ~~s~~\n\n- [x] t\n').html
    assert html == "<p>&quot;q&quot; www.x.com ~~s~~</p>\n<ul>\n<li>[x] t</li>\n</ul>\n"


def test_passthrough_needs_the_switch_and_its_delimiters() -> None:
    text = "Math $a_b*c*$ here.\n"
    delimiters = {"passthrough_inline": (("$", "$"),)}
    assert "<em>" in Renderer(_site(**delimiters)).render(text).html  # enable = false
    assert "<em>" in Renderer(_site(passthrough=True)).render(text).html  # no delimiters
    on = Renderer(_site(passthrough=True, **delimiters)).render(text)
    assert on.html == "<p>Math $a_b*c*$ here.</p>\n"


def test_unclosed_passthrough_openers_are_text_and_a_later_pair_still_counts() -> None:
    site = _site(passthrough=True, passthrough_inline=(("\\(", "\\)"), ("$", "$")))
    text = "a \\( " * 3000 + "$x_y_$ [\\(in](u) $z_$\n"
    html = Renderer(site).render(text).html  # each opener's failed search is remembered
    assert html == "<p>" + "a ( " * 3000 + '$x_y_$ <a href="u">(in</a> $z_$</p>\n'


def test_passthrough_blocks_split_paragraphs_with_their_own_preview_lines() -> None:
    site = _site(
        passthrough=True, passthrough_inline=(("$", "$"),), passthrough_block=(("$$", "$$"),)
    )
    text = "Intro\n\n$$\nx\n$$\n\nBefore $$y$$ after\nnext $$\nz\n$$ end\n"
    plain = Renderer(site).render(text)
    assert plain.html == (
        "<p>Intro</p>\n$$\nx\n$$<p>Before </p>\n$$y$$<p> after\nnext </p>\n$$\nz\n$$<p> end</p>\n"
    )
    preview = Renderer(site).render(text, preview=True)
    assert '<div data-line="3">$$\nx\n$$</div>' in preview.html  # no tag of its own: a div
    assert '<p data-line="7">Before </p>' in preview.html
    assert '<div data-line="8">$$\nz\n$$</div>' in preview.html
    assert preview.line_map == ((1, 1), (3, 5), (7, 7), (7, 7), (7, 8), (8, 10), (10, 10))


def test_heading_ids_can_be_off_or_ascii() -> None:
    off = Renderer(_site(auto_heading_id=False)).render("## Émile\n")
    assert off.html == "<h2>Émile</h2>\n"
    ascii_site = _site(auto_heading_id_type="github-ascii")
    assert 'id="emile"' in Renderer(ascii_site).render("## Émile\n").html


def test_highlight_style_and_classes_from_the_site() -> None:
    site = SiteConfig.hugo_defaults(SITE_ROOT)
    classes = dataclasses.replace(
        site, highlight=dataclasses.replace(site.highlight, no_classes=False)
    )
    html = Renderer(classes).render("```go\nx := 1\n```\n").html
    assert html.startswith('<div class="highlight"><pre tabindex="0" class="chroma"><code')
    assert '<span class="line"><span class="cl"><span class="nx">x</span>' in html
    dracula = dataclasses.replace(
        site, highlight=dataclasses.replace(site.highlight, style="dracula")
    )
    assert "background-color:#282a36" in Renderer(dracula).render("```go\nx\n```\n").html


def test_toc_levels_and_ordered_from_the_site() -> None:
    site = SiteConfig.hugo_defaults(SITE_ROOT)
    toc = dataclasses.replace(site.toc, start_level=1, end_level=2, ordered=True)
    result = Renderer(dataclasses.replace(site, toc=toc)).render("# A\n\n## B\n\n### C\n")
    assert result.toc_html == (
        '<nav id="TableOfContents">\n  <ol>\n    <li><a href="#a">A</a>\n      <ol>\n'
        '        <li><a href="#b">B</a></li>\n      </ol>\n    </li>\n  </ol>\n</nav>'
    )


# --- API ------------------------------------------------------------------------------------


def test_render_post_and_render_markdown(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: T\n---\n\n## Hi\n\nit's\n", encoding="utf-8")
    post = Post.load(path)
    result = render_post(post, _site(), preview=True)
    assert result.headings == (Heading(2, "Hi", "hi", 5),)
    assert '<p data-line="7">it&rsquo;s</p>' in result.html
    assert render_markdown("*x* -- y", _site()) == "<p><em>x</em> &ndash; y</p>\n"
    assert render_markdown("a <!--more--> b", _site()) == "<p>a  b</p>\n"


def test_shortcodes_are_expanded_through_the_hook() -> None:
    text = (GOLDEN / "cases" / "shortcodes.md").read_text(encoding="utf-8")
    result = Renderer(_site()).render(text)
    assert "{{" not in result.html
    assert '<code class="language-python" data-lang="python">' in result.html
    assert "<details>" in result.html and "<strong>markdown</strong>" in result.html


def test_the_cache_is_used_and_gives_the_same_result() -> None:
    text = "\n\n".join(f"Paragraph {i} with *words*." for i in range(50))
    renderer = Renderer(_site())
    first = renderer.render(text)
    edited = text.replace("Paragraph 7 ", "Paragraph seven ")
    second = renderer.render(edited)
    assert second == Renderer(_site(), cache=False).render(edited)
    assert first != second
    assert renderer.cache_stats()[0] >= 49  # hits: only the edited chunk was parsed again


def test_a_quote_opened_early_closes_in_a_later_chunk_through_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Goldmark counts the quotes left open page-wide: one opened in an early paragraph turns
    a later chunk's closing quote into &rdquo;. Through the cache the result is a full
    render's, and only the chunks whose output depends on the open quote are parsed again."""
    paragraphs = [f"Paragraph {i} with *words*." for i in range(50)]
    paragraphs[30] = 'Paragraph 30 closes" here.'
    paragraphs[40] = 'Paragraph 40 closes" too.'
    text = "\n\n".join(paragraphs)
    opened = text.replace("Paragraph 3 ", 'Paragraph 3 "opens ', 1)
    twice = opened.replace("Paragraph 4 ", 'Paragraph 4 "opens ', 1)
    full = {version: Renderer(_site(), cache=False).render(version) for version in (opened, twice)}
    renderer = Renderer(_site())
    first = renderer.render(text)
    assert "closes&quot; here" in first.html and "closes&quot; too" in first.html
    parsed: list[str] = []  # the number of each paragraph parsed again
    parse = renderer.md.parse

    def counted(src: str, env: Any = None) -> Any:
        parsed.append(src.split(" ", 2)[1])
        return parse(src, env)

    monkeypatch.setattr(renderer.md, "parse", counted)

    second = renderer.render(opened)
    assert second == full[opened]
    assert "closes&rdquo; here" in second.html and "closes&quot; too" in second.html
    assert parsed == ["3", "30"]  # not the chunks between, after, or 40 (nothing left open)

    parsed.clear()
    assert renderer.render(text) == first
    assert parsed == []  # the first version: every chunk from the cache

    parsed.clear()
    third = renderer.render(twice)
    assert third == full[twice]
    assert "closes&rdquo; here" in third.html and "closes&rdquo; too" in third.html
    assert parsed == ["4", "40"]  # 30 from the cache: one open quote comes to it, as before


def test_python_markdown_sites_render_with_their_extensions() -> None:
    site = dataclasses.replace(
        SiteConfig.hugo_defaults(SITE_ROOT),
        kind="pelican",
        markdown_engine="python-markdown",
        markdown_extensions=(
            "markdown.extensions.codehilite",
            "markdown.extensions.extra",
            "markdown.extensions.meta",
            "no_such_extension",
        ),
    )
    text = "Title: Pelican\nDate: 2024-01-01\n\n## Section\n\nSome *text*.\n\n- a\n- b\n"
    result = Renderer(site).render(text, preview=True)
    assert '<h2 data-line="4">Section</h2>' in result.html
    assert '<p data-line="6">Some <em>text</em>.</p>' in result.html
    assert "Title:" not in result.html  # the meta extension took the header
    assert result.line_map == ((4, 4), (6, 9))  # a list after a blank line joins its chunk
    assert result.headings == (Heading(2, "Section", "section", 4),)
    assert [w.message for w in result.warnings] == [
        "Markdown extension 'no_such_extension' is not installed: ignored"
    ]
    code = Renderer(site).render("```python\nx = 1\n```\n").html
    assert code.startswith('<div class="highlight" style="background: #272822"><pre')
    assert '<span style="color: #AE81FF">1</span>' in code


def test_python_markdown_metadata_lines_are_only_those_at_the_top() -> None:
    """Each chunk renders alone, but only the document's top holds metadata lines: a
    paragraph reading "Note: ..." further down is text, as in Pelican."""
    site = dataclasses.replace(
        SiteConfig.hugo_defaults(SITE_ROOT),
        kind="pelican",
        markdown_engine="python-markdown",
        markdown_extensions=("markdown.extensions.extra", "markdown.extensions.meta"),
    )
    text = "Title: Pelican\nStatus: draft\n\nFirst.\n\nNote: still the post.\n\nLast.\n"
    html = Renderer(site).render(text).html
    assert html.strip() == markdown.markdown(text, extensions=["extra", "meta"])
    assert "<p>Note: still the post.</p>" in html and "Title" not in html


def test_lines_after_shortcodes_stay_those_of_the_document() -> None:
    text = (
        "---\ntitle: x\n---\n\nBefore.\n\n{{< highlight go >}}\na := 1\nb := 2\n"
        '{{< /highlight >}}\n\nAfter.\n\n{{% details summary="s" %}}\nInner\n\nmore\n'
        "{{% /details %}}\n\nLast.\n"
    )
    result = Renderer(_site()).render(text, preview=True)
    assert [first for first, _ in result.line_map] == [5, 7, 12, 14, 20]
    assert '<p data-line="12">After.</p>' in result.html
    assert '<p data-line="20">Last.</p>' in result.html


def test_an_image_added_later_is_found_despite_the_cache(tmp_path: Path) -> None:
    page = tmp_path / "content" / "post" / "index.md"
    page.parent.mkdir(parents=True)
    site = SiteConfig.hugo_defaults(tmp_path)
    renderer = Renderer(site)
    text = "Intro.\n\n![pic](pic.png)\n"
    first = renderer.render(text, preview=True, page_path=page)
    assert [w.message for w in first.warnings] == ["image not found: pic.png"]
    (page.parent / "pic.png").write_bytes(TINY_PNG)
    second = renderer.render(text, preview=True, page_path=page)
    assert not second.warnings
    assert (page.parent / "pic.png").resolve().as_uri() in second.html


def test_an_internal_error_becomes_an_error_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = Renderer(_site())

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(renderer, "_render", broken)
    result = renderer.render("# <b>x</b>\n")
    assert "&lt;b&gt;x&lt;/b&gt;" in result.html
    assert [(w.severity.value, w.line) for w in result.warnings] == [("error", 1)]
    assert "ValueError: boom" in result.warnings[0].message


def test_raw_html_images_find_static_and_bundle_files(tmp_path: Path) -> None:
    page = tmp_path / "content" / "post" / "index.md"
    page.parent.mkdir(parents=True)
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "x.png").write_bytes(TINY_PNG)
    (page.parent / "local.png").write_bytes(TINY_PNG)
    site = SiteConfig.hugo_defaults(tmp_path)
    site = dataclasses.replace(site, goldmark=dataclasses.replace(site.goldmark, unsafe=True))
    text = (
        '<img src="/images/x.png" alt="block">\n\nText <img src="local.png" alt="inline"> '
        'and <img src="gone.png">.\n'
    )
    result = Renderer(site).render(text, preview=True, page_path=page)
    assert (tmp_path / "static" / "images" / "x.png").resolve().as_uri() in result.html
    assert (page.parent / "local.png").resolve().as_uri() in result.html
    assert [(w.message, w.line) for w in result.warnings] == [("image not found: gone.png", 3)]


def test_definition_term_ids_share_the_headings_registry_and_stay_out_of_the_outline() -> None:
    """parser.autoDefinitionTermID (compared with Hugo in the html-deflist-term-ids fixture)."""
    text = "## Apple\n\nApple\n: a fruit\n\n" + "Filler paragraph.\n\n" * 40 + "## Apple\n"
    renderer = Renderer(_site(auto_definition_term_id=True))  # cached: chunk by chunk
    for _ in range(2):  # the second time from the cache
        result = renderer.render(text)
        assert '<dt id="apple-1">Apple</dt>' in result.html
        assert [h.id for h in result.headings] == ["apple", "apple-2"]
        assert result.toc_html.count("<li>") == 2
    plain = Renderer(_site()).render(text)
    assert "<dt>Apple</dt>" in plain.html and [h.id for h in plain.headings] == ["apple", "apple-1"]


def test_delimiter_rows_without_a_pipe_make_one_column_tables() -> None:
    """A header without a "|" over a one-column delimiter row: a table for Goldmark (and for
    Hugo, html-tables-paragraphs.md), at the top, on a list item's or a quote's lazy lines
    (the lazy-line rule once parsed such rows again, recursing to Python's limit, and the page
    fell back to "nested too deeply")."""
    renderer = Renderer(_site())
    for text in ("a\n-:\n", "- x\na\n-:\n", "> q\na\n:-:\n"):
        result = renderer.render(text)
        assert "nested too deeply" not in result.html and not result.warnings, text
        assert result.html.count("<table>") == 1 and "-:" not in result.html, text
