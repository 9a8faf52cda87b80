"""markdown.quote_flow: a chunk's HTML after k open quotes is its HTML after start(k, starved),
and the open quotes after it are carried, as the renderer's cache assumes."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.markdown import quote_flow
from editor.core.markdown.goldmark.options import MarkupOptions
from editor.core.markdown.goldmark.parser import build_markdown
from editor.core.markdown.goldmark.typographer import QUOTES, QuoteCounts

MD = build_markdown(MarkupOptions())
PIECES = [
    '"', "'", 'a "open', 'close" b', "x 'o", "c'", "c' d", 'y".', "'x'.", '21"', '27""', "'90s",
    "don't", "word", " ", "\n", "\n\n", "- ", "> ", "## ", '![a "b](i.png)', '[l "x](u)',
    '`"`', "| a \"b |\n|---|\n| c\" |\n", "Term 'x\n: d' y\n",
]  # fmt: skip


def _render(text: str, quotes: quote_flow.Quotes) -> tuple[str, QuoteCounts]:
    counts = QuoteCounts(*quotes)
    env: dict[str, Any] = {QUOTES: counts}
    return MD.renderer.render(MD.parse(text, env), MD.options, env), counts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=16).map("".join),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
)
def test_a_chunk_depends_on_the_open_quotes_it_can_close_only(
    text: str, quotes: tuple[int, int]
) -> None:
    quotes = quote_flow.normalized(quotes)
    plain_html, plain = _render(text, quote_flow.NO_QUOTES)
    starved = quote_flow.normalized(plain.starved())
    start = quote_flow.start(quotes, starved)
    html, counts = _render(text, quotes)
    started_html, started = _render(text, start)
    assert html == started_html
    assert counts.starved() == started.starved() == plain.starved()  # whatever came in
    assert counts.counts() == quote_flow.carry(started.counts(), start, quotes)
    if start == quote_flow.NO_QUOTES:
        assert html == plain_html
