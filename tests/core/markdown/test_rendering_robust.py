"""The chunk cache never changes the result, and no input makes the renderer raise or hang."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.core.markdown.chunks import split_chunks
from editor.core.markdown.renderer import Renderer
from editor.core.site.config import SiteConfig

SITE = SiteConfig.hugo_defaults(Path("/nonexistent-site"))
# every switch that changes block structure flipped
SITE_ALT = dataclasses.replace(
    SITE,
    goldmark=dataclasses.replace(
        SITE.goldmark, unsafe=True, attribute_block=True, wrap_standalone_image=False
    ),
)

SNIPPETS = [
    "Plain paragraph with *em* and `code`.",
    "## A heading",
    "## A heading",
    "# Top {#top .x}",
    "- item\n- item two",
    "- loose\n\n- list",
    "1. one\n2. two",
    "  - indented item",
    "    indented code",
    "```go\nx := 1\n\ny := 2\n```",
    "```\nunclosed fence",
    "~~~\ntilde\n\n~~~",
    "<div>\nhtml block\n</div>",
    "<!--\ncomment\n\nwith blank\n-->",
    "<script>\nx\n\ny\n</script>",
    "> quote\n>\n> more",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Term\n: definition",
    ": orphan colon",
    "Setext\n======",
    "text www.example.com and a@b.io",
    '"quotes" -- it\'s...',
    "<!--more-->",
    "- [x] task",
    "***",
    "[link](https://x.org) and ![img](i.png)",
    "Para one\nlazy line",
    "1. step\n\n   ```\n   code\n\n   more\n   ```",
    "- item\n  ```\n  fenced in item",
    "  <!--\n  indented comment\n\n  -->",
    "   ```\n  less indented\n\n```",
    "<div>\n```\nin html\n\n```",
    "Term one\nTerm two\n: definition\n: another",
    "Term\n~ tilde",
    "{.attrs #x}",
    "![alone](a.png)\n{.img}",
]
EDITS = [
    "",
    "\n",
    "\n\n",
    "```",
    "~~~",
    "- ",
    ":",
    "<!--",
    "-->",
    "x",
    "# ",
    "    ",
    "> ",
    "<div>",
    "1. ",
    '"',  # quotes left open or closed: the typographer's counts flow from chunk to chunk
    "'",
    'a "open',
    'close" b',
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=14))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    if draw(st.booleans()):
        text = "---\ntitle: t\n---\n" + text
    return text


@st.composite
def edit_sequences(draw: st.DrawFn) -> list[str]:
    text = draw(documents())
    versions = [text]
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, min(12, len(text) - pos)))
        insert = draw(st.sampled_from(EDITS + SNIPPETS))
        text = text[:pos] + insert + text[pos + cut :]
        versions.append(text)
    return versions


@settings(
    max_examples=int(os.environ.get("INKPOST_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edit_sequences(), st.booleans(), st.sampled_from([SITE, SITE_ALT]))
def test_cached_renders_equal_full_renders(
    versions: list[str], preview: bool, site: SiteConfig
) -> None:
    """Renderer(cache=False) parses the whole body at once: the reference."""
    cached = Renderer(site)
    for text in versions:
        assert cached.render(text, preview=preview) == Renderer(site, cache=False).render(
            text, preview=preview
        )


# constructs that once made rendering quadratic (tests/hostile/render-*.md), to be repeated
REPEATED = [
    "{{< foo\n",
    "{{% foo\n",
    "{{</* foo\n",
    "{{< details >}}\ntext\n\n",
    "{{< details >}}\n",
    "{{< /details >}}\n",
    "Term\n: definition\n",
    "Term\n\n: definition\n\n",
    "Text[^1]\n[^1]: Note\n",
    "## Same heading\n\n",
    "\"'",
    "'''",
    "--- ... << >> ",
    "[r]: /u\n",
    "*a **b ",
    "[",
    "> ",
    "- ",
    "| 1 | 2 |\n",
    "<div>\n",
    "\n<!--more-->\n\n",
    "www.a.b ",
    "a@b.io ",
]


@st.composite
def repeated_constructs(draw: st.DrawFn) -> str:
    runs = draw(
        st.lists(st.tuples(st.sampled_from(REPEATED), st.integers(1, 80)), min_size=1, max_size=4)
    )
    return "".join(unit * times for unit, times in runs)


@settings(
    max_examples=int(os.environ.get("INKPOST_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(repeated_constructs(), st.booleans())
# Nesting cut at MAX_NESTING in one chunk, a new block after a blank line in the next.
@example("- " * 32 + "{{< details >}}\ntext\n\n{{< details >}}\ntext\n\n", False)
def test_repeated_constructs_render_stably(text: str, preview: bool) -> None:
    """Returns HTML, no internal error, the same result again and through the chunk cache."""
    reference = Renderer(SITE, cache=False).render("Start\n\n" + text, preview=preview)
    assert reference.html.startswith(("<p>Start</p>", '<p data-line="1">Start</p>'))
    assert not any("internal error" in w.message for w in reference.warnings)
    cached = Renderer(SITE)
    cached.render("Start\n\n" + text + "\n\nmore", preview=preview)
    assert cached.render("Start\n\n" + text, preview=preview) == reference
    assert Renderer(SITE, cache=False).render("Start\n\n" + text, preview=preview) == reference


@settings(max_examples=200, deadline=None)
@given(documents())
def test_chunks_cover_the_text_and_count_lines(text: str) -> None:
    chunks = split_chunks(text)
    assert "".join(chunk for chunk, _ in chunks) == text
    lines = [sum(c.count("\n") for c, _ in chunks[:i]) for i in range(len(chunks))]
    assert [line for _, line in chunks] == lines


@settings(max_examples=300, deadline=2000)
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = Renderer(SITE).render(text, preview=True)
    assert isinstance(result.html, str)
    assert all(w.line is None or w.line >= 1 for w in result.warnings)
    assert not any("internal error" in w.message for w in result.warnings)


@settings(max_examples=200, deadline=2000)
@given(st.text(alphabet="`~-*_>[]()<!:#|\\ \n\t\"'.x1", max_size=600))
def test_markdown_punctuation_soup_never_raises(text: str) -> None:
    result = Renderer(SITE).render(text)
    assert isinstance(result.html, str)
    assert result.toc_html.startswith('<nav id="TableOfContents">')
    assert not any("internal error" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "- " * 10_000 + "deep\n",
        ">" * 10_000 + " deep\n",
        "1. " * 10_000 + "deep\n",
        "> - " * 5_000 + "deep\n",
        "```python\nnever closed\n" + "x = 1\n" * 100,
        "a\x00b\n\n\x00\x00\n",
        "[" * 20_000 + "]" * 20_000,
        "*a " * 20_000,
        "<div>" * 5_000,
        "\x02\x03 ## \x02",
    ],
    ids=[
        "lists",
        "quotes",
        "ordered",
        "mixed",
        "unclosed-fence",
        "nul",
        "brackets",
        "stars",
        "divs",
        "markers",
    ],
)
def test_bad_input_gives_html_and_warnings(text: str) -> None:
    start = time.monotonic()
    result = Renderer(SITE).render(text)
    assert time.monotonic() - start < 30
    assert result.html
    if text.startswith(("- -", ">>", "1. 1.", "> -")):
        assert any("nested" in w.message for w in result.warnings)
    if "never closed" in text:
        assert any("never closed" in w.message for w in result.warnings)


@pytest.mark.slow
def test_twenty_megabyte_post_renders() -> None:
    paragraph = " ".join(f"word{i % 97}" if i % 20 else f"*em{i}*" for i in range(150))
    blocks = []
    for i in range(20_000_000 // (len(paragraph) + 40)):
        blocks.append(f"## Heading {i}\n\n{paragraph} {i}" if i % 10 == 0 else f"{paragraph} {i}")
    text = "\n\n".join(blocks)
    assert len(text) > 19_000_000
    result = Renderer(SITE).render(text)
    assert result.html.count("<h2") == (len(blocks) + 9) // 10
    assert not result.warnings
