"""The automatic summary's end and its text, as computed fast, against straightforward
readings of Hugo's rules: every token of every chunk through the tag/attribute test, and
whitespace collapsed by the regular expression."""

from __future__ import annotations

import html as html_lib
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from editor.core.stats import figures
from editor.core.stats.strip_html import plain_text


def _summary_end_reference(html: str, length: int, cjk: bool) -> int:
    count = 0
    j = 0
    while j < len(html):
        close = html.find("</p>", j)
        if close == -1:
            break
        for token in figures._NOT_SPACE_RE.findall(html[j:close][:-1]):
            count += figures._summary_token_count(token, cjk)
            if count >= length:
                break
        if count >= length:
            return figures._close_open_elements(html, close + 4)
        j = close + 3
    return len(html)


_PIECES = st.sampled_from(
    ["<p>", "</p>", "\n", "word", " ", "a=b", 'x="y"', "<b>", "</b>", ">", "<", "=", "中文",
     "<br>", "\u3000", "\xa0", "<p>x</p>", "w>", "=x", "<a href='u'>", "<div>", "</div>",
     "&amp;", "\t", "<!-- c -->", "é"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(1, 12), st.booleans())
@settings(max_examples=3000, deadline=None)
@example("<p>a b</p>\n<p>c=d e</p>", 3, False)
@example("<p><b>x</b> y > z</p>", 2, False)
def test_summary_end_is_the_token_by_token_reading(html: str, length: int, cjk: bool) -> None:
    assert figures.summary_end(html, length, cjk) == _summary_end_reference(html, length, cjk)


def test_a_long_token_is_read_in_linear_time() -> None:
    html = "<p>" + "x" * 300_000 + " y</p>"
    assert figures.summary_end(html, 70, False) == len(html)


@given(st.lists(_PIECES | st.sampled_from(["&nbsp;", "&#32;", "\x85", "\u2028", " \n "])))
@settings(max_examples=2000, deadline=None)
def test_summary_text_collapses_as_the_regular_expression(pieces: list[str]) -> None:
    html = "".join(pieces)
    expected = re.sub(r"\s+", " ", html_lib.unescape(plain_text(html))).strip()
    assert figures.summary_text(html) == expected
