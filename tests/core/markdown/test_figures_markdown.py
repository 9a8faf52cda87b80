"""The figures' MarkdownIt (markdown/figures_markdown.py) makes exactly the tokens of the plain
one: over the fixture corpus in several markup configurations, and over generated documents
built from every block marker, inline terminator and typographer trigger."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editor.core.markdown.figures_markdown import _STARTS, _Terminators, speed_up
from editor.core.markdown.goldmark.inline import WWW_STOP
from editor.core.markdown.goldmark.options import MarkupOptions
from editor.core.markdown.goldmark.parser import build_markdown
from editor.core.markdown.renderer import Renderer, _figures_markdown_for, _markdown_for

TESTS = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    [
        *(TESTS / "core" / "fixtures" / "hugo").glob("*.md"),
        *(TESTS / "core" / "golden" / "rendering" / "cases").glob("*.md"),
        *(TESTS / "hostile").glob("*.md"),
    ]
)
BASE = MarkupOptions()
OPTIONS: dict[str, MarkupOptions] = {
    "default": BASE,
    "plain": replace(
        BASE,
        typographer=False,
        linkify=False,
        table=False,
        strikethrough=False,
        task_list=False,
        footnote=False,
        definition_list=False,
        attribute_title=False,
    ),
    "attributes": replace(BASE, attribute_block=True, unsafe=True, hard_wraps=True),
    "no-linkify": replace(BASE, linkify=False),
    "no-typographer": replace(BASE, typographer=False, definition_list=False),
    "substitutions": replace(
        BASE, typographer_subs=(("ldquo", "&laquo;&nbsp;"), ("apos", "'"), ("mdash", ""))
    ),
    "passthrough": replace(
        BASE,
        passthrough=True,
        passthrough_inline=(("\\(", "\\)"), ("$", "$"), ("%", "%")),
        passthrough_block=(("\\[", "\\]"), ("$$", "$$")),
    ),
    "emoji": replace(BASE, emoji=True),
}


def _pair(options: MarkupOptions) -> tuple[MarkdownIt, MarkdownIt]:
    return build_markdown(options), speed_up(build_markdown(options))


PAIRS = {name: _pair(options) for name, options in OPTIONS.items()}


def _tokens(md: MarkdownIt, text: str) -> list[dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = [token.as_dict() for token in md.parse(text, env)]
    return [*tokens, {"env": repr(sorted(env.items(), key=lambda kv: kv[0]))}]


def _same(name: str, text: str) -> None:
    plain, fast = PAIRS[name]
    assert _tokens(fast, text) == _tokens(plain, text)
    assert fast.render(text) == plain.render(text)


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 100


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_corpus_tokens_are_the_same(name: str) -> None:
    for path in CORPUS:
        text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
        text = text.replace("\r", "\n")
        _same(name, text)


def test_only_the_figures_renderer_is_sped_up() -> None:
    figures = Renderer(None, cache=False, defer_fences=True).md
    assert figures is _figures_markdown_for(BASE)
    assert "_inkpost_rule_sets" in vars(figures.block)
    for preview in (Renderer(None).md, Renderer(None, cache=False).md):
        assert preview is _markdown_for(BASE)
        assert "_inkpost_rule_sets" not in vars(preview.block)


def test_every_rule_with_known_starts_exists() -> None:
    names = {r.name for pair in PAIRS.values() for r in pair[0].block.ruler.__rules__}
    assert set(_STARTS) <= names


# --- generated documents ------------------------------------------------------------------

_LINE_STARTS = [
    "", "", "", "    ", "  ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "# ",
    "## ", "#", "```", "~~~", "```python", "---", "***", "___", "- - -", "===", ": ", ":\t",
    "~ ", "[x]: /url", "[^1]: note", "[^1]", "<div>", "</div>", "<!-- c -->", "<p>", "{.cls}",
    "{#id}", "| a | b |", "|---|---|", "a | b", "--- | ---", "- [ ] ", "- [x] ", "1.", "-",
    "> : ", "- : ", "  : ", "1. ~ ", ">: ", "   ===", "> ===", "  ---", "- ===", "==  ", "-\t",
]  # fmt: skip
_PIECES = [
    "word", "two words", "don't", "'quoted'", '"dq"', "a -- b", "x---y", "wait...", "<<a>>",
    "www.example.org", "https://example.org/x", "mail@example.org", "a:b", "*em*", "**b**",
    "_u_", "~~s~~", "`code`", "[link](/x)", "![img](/i.png)", "[ref]", "[^1]", "&amp;",
    "&quot;", "\\*", "<span>", "</span>", "<b>x</b>", "{#hid}", "中文", "émigré", "\u3000",
    "a  ", "\\", "|", "!", "=", "$", "%", "^", "@", "+", "#", "}", "{", ":", "]", "[",
    ":smile:", "a:+1:b", ":nope:",
]  # fmt: skip


@st.composite
def _document(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        start = draw(st.sampled_from(_LINE_STARTS))
        words = draw(st.lists(st.sampled_from(_PIECES), max_size=6))
        joiner = draw(st.sampled_from([" ", "", "  "]))
        lines.append(start + joiner.join(words))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@given(_document(), st.sampled_from(sorted(OPTIONS)))
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("- a\n  - b\n\n    code\n: def\nterm\n: d", "default")
@example("Term\n: definition\n\n> quote\n- item\n1. one", "attributes")
@example("a www.x.org and www. www.b.c\n\n'a' \"b\" -- ...", "default")
@example("| a | b |\n|---|---|\n| 'x' | \"y\" |", "default")
@example("- x\na\n-:", "default")  # rows markdown-it's table rule refuses (recursed once)
def test_generated_documents_give_the_same_tokens(text: str, name: str) -> None:
    _same(name, text)


# --- the terminator search --------------------------------------------------------------------

_CLASS = r"[\*:@_\-\[\]!<>`]"


@given(st.text(alphabet="aw.w. -*:[]!<>`x", max_size=24))
@settings(max_examples=3000, deadline=None)
def test_terminators_stop_where_the_regular_expression_does(text: str) -> None:
    pattern = re.compile(_CLASS + WWW_STOP)
    fast = _Terminators(_CLASS + WWW_STOP)
    assert fast.www
    for pos in range(len(text) + 1):
        want = pattern.search(text, pos)
        got = fast.search(text, pos)
        assert (got and got.start()) == (want and want.start()), pos
    assert fast.plain(text) == (pattern.search(text) is None)


def test_terminators_without_linkify_are_the_class() -> None:
    fast = _Terminators(_CLASS)
    assert not fast.www
    rng = random.Random(3)
    text = "".join(rng.choice("abc.") for _ in range(200)) + "*" + "www.x"
    match = fast.search(text, 5)
    want = re.compile(_CLASS).search(text, 5)
    assert match is not None and want is not None and match.start() == want.start()
    assert fast.plain("www.example.org")
