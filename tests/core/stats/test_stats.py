"""stats on its own: Hugo's StripHTML, word counts, reading time, summaries (no Hugo needed)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.stats import figures as stats
from editor.core.stats import strip_html
from editor.core.stats.figures import (
    auto_summary,
    count_words,
    fuzzy_word_count,
    is_cjk_page,
    plain_text,
    reading_time,
    stats_from_html,
    trim_short_html,
)


class _Site:
    def __init__(self, cjk: bool = False, summary_length: int = 70) -> None:
        self.has_cjk_language = cjk
        self.summary_length = summary_length


def test_plain_text_is_hugos_strip_html() -> None:
    assert plain_text("no tags &amp; text\n\nhere") == "no tags &amp; text\n\nhere"
    assert plain_text("<p>a &rsquo; b</p>\n<p>c</p>\n") == "a &rsquo; b\nc\n"
    assert plain_text("x<br>y<br />z") == "x\ny\nz"
    assert plain_text("foo<em>bar</em>  baz") == "foobar baz"
    assert plain_text("<!-- raw HTML omitted -->\n<p>t</p>") == " t\n"


def test_script_and_style_text_dropped_textarea_kept() -> None:
    html = (
        "<p>a</p><script>var x = '<p>';</script><style>p{}</style><textarea>t <b>u</b></textarea>"
    )
    assert plain_text(html) == "a\nt <b>u"  # Go backs up to the last "<" before </textarea
    assert plain_text("<SCRIPT type='x'>never closed") == ""
    assert plain_text("<title>T</title>after") == "Tafter"


def test_tricky_tags_follow_html_template() -> None:
    assert plain_text('<a title="1>2" href=x>link</a> I <3 ponies') == "link I <3 ponies"
    assert plain_text("<a b'c>gone after a bad attribute name") == ""
    assert plain_text("a <!-- unterminated comment") == "a "
    assert plain_text("a <x-y:z q=1 r='2' s>t</x-y:z>") == "a t"
    assert plain_text("ends with <") == "ends with <"
    assert plain_text("ends with </") == "ends with </"
    assert plain_text('<img src="x" alt="unterminated') == ""
    assert plain_text("<a href=unterminated") == ""
    assert plain_text("<em") == ""
    assert plain_text("<em a") == ""
    assert plain_text("<em a ") == ""
    assert plain_text("<em a=") == ""
    assert plain_text("</ em> </3") == "</ em> </3"


_HTMLISH = st.lists(
    st.sampled_from([*"<>/!-=\"' \nabpscrity", "<p>", "</p>", "<!--", "-->"]), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_HTMLISH)
def test_fast_path_equals_the_state_machine(html: str) -> None:
    assert strip_html._strip_tags(html) == strip_html._strip_tags_exact(html)


def test_count_words_plain_and_cjk() -> None:
    assert count_words('a -- b don\'t foo/bar 1. "quoted" ... & x&y <3', cjk=False) == 11
    line = "中文测试 hello Hugo中文 café —"
    assert count_words(line, cjk=False) == 5
    assert count_words(line, cjk=True) == 16
    assert count_words("a\u00a0b\u3000c", cjk=False) == 3
    assert count_words("a\x1cb", cjk=False) == 1  # Go does not split on U+001C


def test_reading_time_and_fuzzy() -> None:
    assert [reading_time(n, False) for n in (0, 1, 212, 213)] == [0, 1, 1, 2]
    assert [reading_time(n, True) for n in (500, 501)] == [1, 2]
    assert [fuzzy_word_count(n) for n in (0, 1, 100, 101)] == [0, 100, 100, 200]


def test_is_cjk_page_rules() -> None:
    assert is_cjk_page("中文", {}, _Site(cjk=True))  # type: ignore[arg-type]
    assert not is_cjk_page("中文", {}, _Site(cjk=False))  # type: ignore[arg-type]
    assert not is_cjk_page("english", {}, _Site(cjk=True))  # type: ignore[arg-type]
    assert is_cjk_page("english", {"isCJKLanguage": True}, None)
    assert is_cjk_page("english", {"iscjklanguage": "true"}, None)
    assert not is_cjk_page("中文", {"isCJKLanguage": False}, _Site(cjk=True))  # type: ignore[arg-type]
    assert is_cjk_page("カタカナ", None, _Site(cjk=True))  # type: ignore[arg-type]
    assert is_cjk_page("한국어", None, _Site(cjk=True))  # type: ignore[arg-type]


def test_auto_summary_whole_paragraphs() -> None:
    html = "<p>one two three</p>\n<p>four five six</p>\n<p>seven</p>\n"
    assert auto_summary(html, 4, False) == ("<p>one two three</p>\n<p>four five six</p>", True)
    assert auto_summary(html, 70, False) == (html.strip(), False)
    assert auto_summary(html, 0, False) == ("", True)
    # the last paragraph reaching the count is not a truncation
    assert auto_summary("<p>a b c d</p>\n", 2, False) == ("<p>a b c d</p>", False)


def test_auto_summary_ends_after_the_enclosing_element() -> None:
    html = "<ul>\n<li>\n<p>a b c</p>\n</li>\n<li>x</li>\n</ul>\n<p>after</p>\n"
    summary, truncated = auto_summary(html, 2, False)
    assert summary.endswith("</ul>") and truncated
    html = "<div><br><img src=x /><p>a b c</p><!-- c --></div><p>z</p>"
    assert auto_summary(html, 2, False)[0].endswith("</div>")
    assert auto_summary("<div><p>a b c</p>", 2, False) == ("<div><p>a b c</p>", False)


def test_auto_summary_skips_html_looking_tokens_and_counts_cjk_runes() -> None:
    html = '<p><a href="x">one</a> two <em>three</em></p><p>four</p>'
    assert auto_summary(html, 3, False)[0] == '<p><a href="x">one</a> two <em>three</em></p>'
    html = '<p>a <span class="x">b</span></p><p>c d</p>'
    assert auto_summary(html, 3, False) == (html, False)  # "<span", 'class="x">b' do not count
    assert auto_summary("<p>中文字</p><p>b</p>", 2, True)[0] == "<p>中文字</p>"


def test_trim_short_html() -> None:
    assert trim_short_html("<p>one</p>\n") == "one"
    assert trim_short_html("<p>a</p><p>b</p>") == "<p>a</p><p>b</p>"


def test_summary_precedence_and_truncation() -> None:
    html = "<p>first</p>\n<p>second</p>\n"
    manual = stats_from_html(html, cjk=False, more_html="<p>first</p>\n")
    assert (manual.summary_html, manual.truncated) == ("<p>first</p>", True)
    at_end = stats_from_html(html, cjk=False, more_html=html)
    assert not at_end.truncated
    fm = stats_from_html(html, cjk=False, front_matter_summary_html="<p>A &amp; <em>b</em></p>")
    assert (fm.summary_html, fm.summary_text, fm.truncated) == (
        "A &amp; <em>b</em>",
        "A & b",
        False,
    )


def test_code_prose_characters_and_outline() -> None:
    html = (
        "<p>Some prose &amp; more.</p>\n<pre><code>x = 1\ny\n</code></pre>\n"
        "<p>use <code>z</code></p>"
    )
    figures = stats_from_html(html, cjk=False, outline=())
    assert figures.word_count == 10
    assert figures.code_words == 5
    assert figures.prose_words == 5
    assert figures.characters == len("Some prose & more. x = 1 y use z")
    assert figures.fuzzy_word_count == 100 and figures.reading_time == 1


def test_post_stats_uses_the_renderer(tmp_path: Path) -> None:
    rendering = importlib.import_module("editor.core.markdown.renderer")
    from editor.core.post.model import Post
    from editor.core.site.config import SiteConfig

    site = SiteConfig.hugo_defaults(tmp_path)
    post = Post.from_text("---\ntitle: t\nsummary: Short *one*\n---\nBody words here.\n")
    figures = stats.post_stats(post, site)
    assert figures.word_count == 3 and figures.summary_html == "Short <em>one</em>"
    result = rendering.render_post(post, site)
    assert stats.post_stats(post, site, result) == figures


def test_pathological_html_stays_linear() -> None:
    # Each of these hung (exponential backtracking / rescans) before; now they return at once.
    assert plain_text("<a " + "b" * 5000) == ""
    assert plain_text("x <!-- y" * 2000).startswith("x ")
    assert count_words(plain_text("<p>" + "<a b c " * 3000), cjk=False) == 0


def _go_summary_end(html: str, num_words: int, cjk: bool) -> int:
    """page.ExtractSummaryFromHTML's loop, rune by rune as Go writes it (reference for the
    property test below): the end offset of the paragraph reaching `num_words`, or -1."""
    count, j = 0, 0
    spaces = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
        chr(c) for c in range(0x2000, 0x200B)
    }
    trim = "".join(spaces)
    while j < len(html):
        closing = html.find("</p>", j)
        if closing == -1:
            return -1
        s = html[j:closing]
        wi = 0
        for i, r in enumerate(s):
            if r in spaces or i + 1 == len(s):
                word = s[wi:i].strip(trim)
                count += stats._summary_token_count(word, cjk) if word else 0
                wi = i
                if count >= num_words:
                    break
        if count >= num_words:
            return closing + 4
        j = closing + 3
    return -1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", " ", "\n", "a", "bc", "中文", "<em>", 'x="y">', ">", "\xa0"]
        ),
        max_size=40,
    ).map("".join),
    st.integers(min_value=1, max_value=6),
    st.booleans(),
)
def test_summary_walk_equals_gos_rune_loop(html: str, num_words: int, cjk: bool) -> None:
    end = _go_summary_end(html, num_words, cjk)
    summary, truncated = auto_summary(html, num_words, cjk)
    if end == -1:
        assert (summary, truncated) == (html.strip(), False)
    else:
        assert summary == html[: stats._close_open_elements(html, end)].strip()


@pytest.mark.parametrize(
    ("html", "summary", "truncated"),
    [  # each seen with Hugo 0.168, summaryLength 3, unsafe HTML
        ("<div><p>a b c d</p>\n<p>z</p>\n", "<div><p>a b c d</p>", True),  # never closed
        (
            "<p>a b c d <!-- x</p> --> e</p><p>z</p>\n",
            "<p>a b c d <!-- x</p> --> e</p>",
            True,
        ),
        (
            '<div><p>a b c d</p><script>"</div>"</script></div><p>z</p>\n',
            '<div><p>a b c d</p><script>"</div>"</script></div>',
            True,
        ),
        (
            '<p>a <div class="a"> b <p>c d e f</p></p>\n<p>z</p>\n',
            '<p>a <div class="a"> b <p>c d e f</p></p>',
            True,
        ),
        ("<div><b><p>a b c d</p></div></b><p>z</p>\n", "<div><b><p>a b c d</p></div>", True),
        ("<DIV><p>a b c d</p></div><p>z</p>\n", "<DIV><p>a b c d</p></div>", True),
    ],
)
def test_summary_end_cases_seen_in_hugo(html: str, summary: str, truncated: bool) -> None:
    assert auto_summary(html, 3, False) == (summary, truncated)


def test_post_stats_name_the_site_shortcodes_whose_words_only_hugo_knows(tmp_path: Path) -> None:
    from editor.core.post.model import Post
    from editor.core.site.config import load_site

    (tmp_path / "hugo.toml").write_text('title = "T"\n', encoding="utf-8")
    shortcodes = tmp_path / "layouts" / "_shortcodes"
    shortcodes.mkdir(parents=True)
    (shortcodes / "notice.html").write_text("<aside>Note: {{ .Inner }}</aside>", encoding="utf-8")
    site = load_site(tmp_path)
    text = "---\ntitle: T\n---\n\n{{< notice >}}\nMind the gap.\n{{< /notice >}}\n\nOne two.\n"
    figures = stats.post_stats(Post.from_text(text), site)
    assert figures.site_shortcodes == ("notice",)
    assert figures.word_count == 5  # the inner words: the template's "Note:" only Hugo adds
    assert (
        stats.post_stats(Post.from_text("---\ntitle: T\n---\n\nOne.\n"), site).site_shortcodes == ()
    )
