"""Goldmark's cjk extension as Hugo applies it: east Asian line breaks and escaped spaces
(compared with Hugo in test_rendering_hugo.py's html-cjk-breaks-* fixtures, the differential
test's cjk sites and test_stats_hugo.py's cjk-breaks site)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.markdown.goldmark.cjk import keeps_break
from editor.core.markdown.renderer import Renderer
from editor.core.post.model import Post
from editor.core.stats.figures import post_stats
from tests.core.markdown.sites import goldmark_site, paragraph

PLAIN = Renderer(goldmark_site())
SIMPLE = Renderer(goldmark_site(east_asian_line_breaks="simple"))
CSS3 = Renderer(goldmark_site(east_asian_line_breaks="css3draft"))
SPACES = Renderer(goldmark_site(escaped_space=True))


def test_the_simple_style_drops_a_break_between_two_wide_characters_only() -> None:
    assert not keeps_break("simple", "字", "か")
    assert not keeps_break("simple", "ｶ", "ﾅ")  # half-width katakana is Katakana
    assert not keeps_break("simple", "。", "한")  # CJK punctuation, Hangul
    assert not keeps_break("simple", "ー", "ー")  # a modifier letter (Lm)
    assert keeps_break("simple", "字", "a")
    assert keeps_break("simple", ".", "字")
    assert keeps_break("simple", "a", "b")


def test_the_css3_style_follows_the_segment_break_rules() -> None:
    assert not keeps_break("css3draft", "字", "か")
    assert keeps_break("css3draft", "한", "국")  # Hangul keeps its spaces
    assert keeps_break("css3draft", "字", "한")
    assert not keeps_break("css3draft", "a", "\u200b")  # a zero-width space
    assert not keeps_break("css3draft", ".", "a")  # punctuation on either side
    assert not keeps_break("css3draft", "a", "(")
    assert not keeps_break("css3draft", "字", "a")  # a space-discarding character
    assert keeps_break("css3draft", "a", "b")
    assert keeps_break("css3draft", "1", "$")  # a symbol is not punctuation


def test_a_break_goes_when_the_next_node_is_not_text() -> None:
    # Goldmark writes the newline only before a Text node: English loses it too
    assert paragraph(SIMPLE, "abc\n*def*") == "abc<em>def</em>"
    assert paragraph(SIMPLE, "abc\n`def`") == "abc<code>def</code>"
    assert paragraph(SIMPLE, "abc\ndef") == "abc\ndef"
    assert paragraph(PLAIN, "abc\n*def*") == "abc\n<em>def</em>"


def test_a_break_stays_after_a_node_or_the_whitespace_linkify_splits_off() -> None:
    assert paragraph(SIMPLE, "*漢字*\n字") == "<em>漢字</em>\n字"
    assert paragraph(SIMPLE, "漢字...\n字") == "漢字&hellip;\n字"
    assert paragraph(SIMPLE, "漢字 \n字") == "漢字\n字"
    no_linkify = Renderer(goldmark_site(east_asian_line_breaks="simple", linkify=False))
    assert paragraph(no_linkify, "漢字 \n字") == "漢字字"
    assert paragraph(SIMPLE, "漢字\n字") == "漢字字"


def test_hard_wraps_take_precedence() -> None:
    wraps = Renderer(goldmark_site(east_asian_line_breaks="simple", hard_wraps=True))
    assert paragraph(wraps, "漢字\n字") == "漢字<br>\n字"


def test_joined_lines_change_the_figures_as_in_hugo() -> None:
    text = "---\ntitle: t\n---\n漢字\nかな and\nmore\n"
    plain = post_stats(Post.from_text(text), goldmark_site())
    joined = post_stats(Post.from_text(text), goldmark_site(east_asian_line_breaks="simple"))
    assert (plain.word_count, joined.word_count) == (4, 3)


def test_an_escaped_space_is_written_as_nothing_outside_code() -> None:
    assert paragraph(SPACES, "太郎は\\ **「こんにちわ」**\\ と言った") == (
        "太郎は<strong>「こんにちわ」</strong>と言った"
    )
    assert paragraph(SPACES, "`a\\ b` and a\\\\ b") == "<code>a\\ b</code> and a\\ b"
    assert paragraph(PLAIN, "a\\ b") == "a\\ b"
    assert paragraph(SPACES, "a\\ www.example.com") == "awww.example.com"  # no linkify trigger
    assert paragraph(PLAIN, "a\\ www.example.com").endswith("www.example.com</a>")


def test_an_escaped_space_ending_a_line_keeps_its_backslash() -> None:
    assert paragraph(SPACES, "a\\ \nb") == "a\\\nb"
    # the escape's space counts for a hard break
    assert paragraph(PLAIN, "a\\  \nb") == "a\\<br>\nb"


_PIECES = st.sampled_from(
    ["漢字", "かな", "한국", "ｶﾅ", "。", "、", "abc", " ", "\t", "\n", "\n", "\n", "*", "_", "`",
     "[", "]", "(", ")", "\\", "\\ ", "...", '"', "'", "&amp;", "<b>", "www.x.io", "~~", "\u3000",
     "\u200b", "-", "#", "> ", "- ", "|"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_line_breaks_only_ever_drop_newlines(pieces: list[str]) -> None:
    """With eastAsianLineBreaks the HTML is the plain HTML less some newlines, in both
    styles (every other character, the trimming of the lines included, is the same)."""
    text = "".join(pieces)
    plain = PLAIN.render(text).html.replace("\n", "")
    assert SIMPLE.render(text).html.replace("\n", "") == plain
    assert CSS3.render(text).html.replace("\n", "") == plain
