"""The library's figures path (fences left unhighlighted, nothing but words, reading time and
summary text) gives exactly what `post_stats` gives: on every fixture post, in several site
configurations, and on generated posts built to put code, raw HTML and dividers where the
summary and the tag stripper read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.core.markdown.deferred_fences import DeferredFences, has_deferred
from editor.core.markdown.highlight import CodeOptions, parse_fence_info, render_fence
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig, load_site
from editor.core.stats.figures import count_words, post_stats
from editor.core.stats.library_figures import library_figures
from editor.core.stats.strip_html import plain_text

TESTS = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    [
        *(TESTS / "core" / "fixtures" / "hugo").glob("*.md"),
        *(TESTS / "core" / "golden" / "rendering" / "cases").glob("*.md"),
        *(TESTS / "hostile").glob("*.md"),
    ]
)
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "cjk": {"hasCJKLanguage": True},
    "short": {"summaryLength": 10},
    "tiny": {"summaryLength": 2},
    "unsafe": {"markup": {"goldmark": {"renderer": {"unsafe": True}}}},
    "classes": {"markup": {"highlight": {"noClasses": False, "hl_Lines": "1"}}},
    "linenos": {"markup": {"highlight": {"lineNos": True, "lineNumbersInTable": False}}},
    "nofences": {"markup": {"highlight": {"codeFences": False}}},
    "guess": {"markup": {"highlight": {"guessSyntax": True}}},
    "emoji": {"enableEmoji": True},
    "passthrough": {
        "markup": {
            "goldmark": {
                "extensions": {
                    "passthrough": {
                        "enable": True,
                        "delimiters": {"block": [["$$", "$$"]], "inline": [["$", "$"]]},
                    }
                }
            }
        }
    },
}


def _site(root: Path, config: dict[str, Any]) -> SiteConfig:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(tomlkit.dumps(config), encoding="utf-8")
    return load_site(root)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SiteConfig]:
    base = tmp_path_factory.mktemp("library-figures")
    return {name: _site(base / name, config) for name, config in CONFIGS.items()}


def _expected(post: Post, site: SiteConfig) -> tuple[int, int, str]:
    stats = post_stats(post, site)
    return stats.word_count, stats.reading_time, stats.summary_text


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 100
    assert sum("```" in p.read_text(encoding="utf-8") for p in CORPUS) >= 10


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_corpus_figures_equal_post_stats(sites: dict[str, SiteConfig], config: str) -> None:
    site = sites[config]
    checked = 0
    for path in CORPUS:
        try:
            post = Post.load(path)
        except Exception:  # a hostile file the post reader refuses: no figures either way
            continue
        assert library_figures(post, site) == _expected(post, site), path.name
        checked += 1
    assert checked >= 100


# --- generated posts ----------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["word", "two words", "don't", "a -- b", "x...", '"quoted"', "<<angle>>", "中文字", "日本'語",
     "&amp;", "a<b", "**bold**", "`code`", "[link](https://example.org)", "émigré", "x\u3000y"]
)  # fmt: skip
_CODE = st.sampled_from(
    ["", "x = 1", "def f(x):\n    return x * 2  # note\n", "\ufeffbom = 1", "\tTab\there",
     "a <textarea> b", "--> <!-- <p>", "line\n\n\nlast\n\n", "中文 code 'q' \"d\" & < >",
     "<script>alert(1)</script>", "x\r\ny", "SELECT 1;"]
)  # fmt: skip
_LANG = st.sampled_from(
    ["", "python", "go", "text", "html", "sql", "bash", "nosuchlang", "pycon", "diff"]
)
_OPTS = st.sampled_from(
    ["", " {hl_lines=[1]}", " {linenos=inline}", " {linenos=table}", " {.wide #x}",
     " {linenos=false hl_lines=\"1-2\"}"]
)  # fmt: skip


@st.composite
def _fence(draw: st.DrawFn) -> str:
    code = draw(_CODE).rstrip("\n")
    return f"```{draw(_LANG)}{draw(_OPTS)}\n{code}\n```"


_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_RAW = st.sampled_from(
    ["<div>", "</div>", "<div class=\"x\">\n\nin div\n\n</div>", "<textarea>", "</textarea>",
     "<title>", "<!--", "-->", "<!-- c -->", "<p>raw</p>", "<span>open"]
)  # fmt: skip


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 2:
        return draw(_PARAGRAPH)
    if kind <= 4:
        return draw(_fence())
    if kind == 5:
        return "- " + draw(_PARAGRAPH) + "\n\n  " + draw(_fence()).replace("\n", "\n  ")
    if kind == 6:
        return "> " + draw(_fence()).replace("\n", "\n> ")
    if kind == 7:
        return draw(_RAW)
    if kind == 8:
        return "## " + draw(_PARAGRAPH)
    return "<!--more-->"


@st.composite
def _post(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_block(), min_size=1, max_size=10))
    front = ["title: T"]
    if draw(st.booleans()):
        front.append('summary: "' + draw(st.sampled_from(["short", "```go\\nx := 1\\n```"])) + '"')
    if draw(st.booleans()):
        front.append("isCJKLanguage: true")
    return "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(blocks) + "\n"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_post(), config=st.sampled_from(sorted(CONFIGS)))
@example(text="---\ntitle: T\n---\n```python\nx = 1\n```\n\nafter the code\n", config="tiny")
@example(text="---\ntitle: T\n---\n<textarea>\n\n```go\nx := 1\n```\n", config="unsafe")
@example(text="---\ntitle: T\n---\n<div>\n\n```go\nx := 1\n```\n\nword\n", config="unsafe")
def test_generated_posts_equal_post_stats(
    sites: dict[str, SiteConfig], text: str, config: str
) -> None:
    site = sites[config]
    post = Post.from_text(text, Path(site.root) / "content" / "posts" / "p.md")
    assert library_figures(post, site) == _expected(post, site)


# --- the stand-in markup ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["python", "go", "html", "text", "nosuchlang", "", "bash"])
@pytest.mark.parametrize("code", ["x = 1 < 2 && 'y'\n\n\tz\n", "", "中文\n", "one"])
def test_stand_in_has_the_real_blocks_plain_text(lang: str, code: str) -> None:
    for options in (CodeOptions(), CodeOptions(no_classes=False), CodeOptions(code_fences=False)):
        info = parse_fence_info(f"{lang} {{hl_lines=[1]}}", options)
        fences = DeferredFences(options)
        stand_in = fences.defer(code, info)
        assert stand_in is not None and has_deferred(stand_in)
        real = render_fence(code, info, options)[0]
        assert plain_text(stand_in) == plain_text(real)
        assert fences.expand("<p>a</p>" + stand_in + "<p>b</p>") == "<p>a</p>" + real + "<p>b</p>"


def test_line_numbers_and_byte_order_marks_are_rendered_at_once() -> None:
    options = CodeOptions()
    fences = DeferredFences(options)
    assert fences.defer("x", parse_fence_info("go {linenos=inline}", options)) is None
    assert fences.defer("\ufeffx", parse_fence_info("go", options)) is None
    assert len(fences) == 0


def test_settle_expands_only_what_the_reading_covers() -> None:
    options = CodeOptions()
    fences = DeferredFences(options)
    first = fences.defer("a = 1", parse_fence_info("python", options))
    second = fences.defer("b = 2", parse_fence_info("python", options))
    assert first is not None and second is not None
    html = "<p>intro</p>" + first + "<p>middle</p>" + second
    settled, end = fences.settle(html, lambda h: h.index("<p>middle</p>"))
    assert settled.startswith('<p>intro</p><div class="highlight">')
    assert settled.endswith(second) and end == settled.index("<p>middle</p>")


_SPACES = "\t\n\v\f\r \x85\xa0\u2003\u3000\x1c"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<br>", "<em>", "</em>", "<!-- c -->", "a", "中", "&amp;"])
        | st.text(alphabet=_SPACES + "xy", max_size=6),
        max_size=30,
    ).map("".join),
    st.booleans(),
)
def test_words_of_the_uncollapsed_plain_text_are_the_same(html: str, cjk: bool) -> None:
    collapsed = plain_text(html)
    whole = plain_text(html, collapse=False)
    assert len(whole) >= len(collapsed)
    assert count_words(whole, cjk) == count_words(collapsed, cjk)


def test_figures_renderer_gives_the_page_html_of_the_plain_one() -> None:
    """The figures renderer renders a body without the summary divider in one call, not
    block by block: the page's HTML, its fences expanded, is the plain renderer's."""
    from editor.core.markdown.renderer import Renderer

    plain = Renderer(None, cache=False)
    figures = Renderer(None, cache=False, defer_fences=True)
    assert figures.deferred is not None
    texts = [p.read_bytes().decode("utf-8", "replace") for p in CORPUS]
    whole = [text for text in texts if "<!--more-->" not in text]
    assert len(whole) > 100
    for text in whole:
        want = plain.render(text)
        got = figures.render(text)
        assert figures.deferred.expand(got.html) == want.html
        assert got.more_html is None
        assert len(got.line_map) == (1 if want.html else 0)
        if want.line_map:  # from the first block's first line to the last block's last
            assert got.line_map[0][1] == want.line_map[-1][1]
