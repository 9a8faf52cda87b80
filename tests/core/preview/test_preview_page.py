from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from editor.core.preview.header import PreviewHeader
from editor.core.preview.page import (
    Block,
    PatchPlan,
    blocks_by_html,
    code_style_css,
    content_security_policy,
    header_html,
    page_shell,
    plan_patch,
    split_blocks,
)

DOC = (
    '<h2 id="intro" data-line="3">Intro</h2>\n'
    '<p data-line="5">Some <em>text</em> &amp; more.</p>\n'
    '<ul data-line="7">\n<li data-line="7">one</li>\n<li data-line="8">two<ul>\n'
    '<li data-line="9">nested</li></ul></li>\n</ul>\n'
    '<hr data-line="11">\n'
    '<div class="highlight" data-line="13"><pre><code>a &lt; b\n</code></pre></div>\n'
    "<!-- raw HTML omitted -->\n"
    '<script>if (a<b && c>d) { x = "</div>"; }</script>\n'
    '<p data-line="20">end<br>line</p>\n'
)


def _html(blocks: tuple[Block, ...]) -> list[str]:
    return [b.html for b in blocks]


def test_split_finds_top_level_blocks_and_round_trips() -> None:
    blocks = split_blocks(DOC)
    assert "".join(_html(blocks)) == DOC
    assert [b.line for b in blocks] == [3, 5, 7, 11, 13, None, None, 20]
    assert blocks[2].html.startswith('<ul data-line="7">') and "nested" in blocks[2].html
    assert blocks[6].html.startswith("<script>")


def test_split_keeps_leading_text_and_unclosed_elements() -> None:
    blocks = split_blocks('text <b>x</b><div data-line="2"><p>open\n<p data-line="4">y</p>')
    assert _html(blocks) == [
        "text ",
        "<b>x</b>",
        '<div data-line="2"><p>open\n<p data-line="4">y</p>',
    ]
    moved = split_blocks('<div data-line="7"><p>open\n<p data-line="9">y</p>')
    assert moved[0].key == blocks[2].key and moved[0].line == 7


def test_split_empty_and_attribute_with_angle_bracket() -> None:
    assert split_blocks("") == ()
    blocks = split_blocks('<p title="a>b" data-line="1">x</p><p data-line="2">y</p>')
    assert [b.line for b in blocks] == [1, 2]


def test_typing_in_a_paragraph_replaces_one_block() -> None:
    old = split_blocks(DOC)
    new = split_blocks(DOC.replace("more.", "more!"))
    plan = plan_patch(old, new)
    assert (plan.start, plan.remove, plan.shifts) == (1, 1, ())
    assert plan.insert == (new[1].html,)
    assert plan.ops == (("replace", 1),)


def _shift(text: str, delta: int) -> str:
    return re.sub(r'data-line="(\d+)"', lambda m: f'data-line="{int(m[1]) + delta}"', text)


def test_a_line_added_above_renumbers_instead_of_replacing() -> None:
    old = split_blocks(DOC)
    new = split_blocks(
        '<h2 id="intro" data-line="3">Intro</h2>\n' + _shift(DOC.split("\n", 1)[1], 1)
    )
    plan = plan_patch(old, new)
    assert plan.remove == 0 and plan.insert == ()
    assert plan.shifts == ((1, 5, 1), (7, 8, 1))
    assert not plan.is_empty


def test_insert_and_remove_blocks() -> None:
    old = split_blocks("<p>a</p><p>b</p><p>c</p>")
    grown = split_blocks("<p>a</p><p>b</p><p>new</p><p>c</p>")
    assert plan_patch(old, grown).ops == (("insert", 2),)
    assert plan_patch(grown, old).ops == (("remove", 2),)
    assert plan_patch(old, old).is_empty
    first = plan_patch(None, old)
    assert first == PatchPlan(0, 0, ("<p>a</p>", "<p>b</p>", "<p>c</p>"))
    assert first.payload()["insert"] == ["<p>a</p>", "<p>b</p>", "<p>c</p>"]


def _apply(old: list[str], plan: PatchPlan) -> list[str]:
    """What the page's patch script does, in Python."""
    out = old[: plan.start] + list(plan.insert) + old[plan.start + plan.remove :]
    for first, stop, delta in plan.shifts:
        for i in range(first, stop):
            out[i] = _shift(out[i], delta)
    return out


_PARAS = st.lists(st.sampled_from(["p", "h2", "ul", "pre", "raw", "hr"]), max_size=8)


def _render(kinds: list[str], texts: list[str], start: int) -> str:
    out, line = [], start
    for kind, text in zip(kinds, texts, strict=False):
        if kind == "raw":
            out.append(f"<!-- {text} -->\n")
        elif kind == "hr":
            out.append(f'<hr data-line="{line}">\n')
        elif kind == "ul":
            out.append(f'<ul data-line="{line}"><li data-line="{line}">{text}</li></ul>\n')
        else:
            out.append(f'<{kind} data-line="{line}">{text}</{kind}>\n')
        line += 2 + len(text) % 3
    return "".join(out)


@given(
    _PARAS,
    _PARAS,
    st.lists(st.sampled_from(["a", "bb", "ccc", "x y"]), min_size=8, max_size=8),
    st.lists(st.sampled_from(["a", "bb", "ccc", "x y"]), min_size=8, max_size=8),
    st.integers(1, 4),
    st.integers(1, 4),
)
def test_applying_the_plan_gives_the_new_page(
    k1: list[str], k2: list[str], t1: list[str], t2: list[str], s1: int, s2: int
) -> None:
    old = split_blocks(_render(k1, t1, s1))
    new = split_blocks(_render(k1[:3] + k2, t1[:3] + t2, s2))
    assert _apply(_html(old), plan_patch(old, new)) == _html(new)


def _line_map(html: str) -> list[tuple[int, int]]:
    return [(b.line, b.line) for b in split_blocks(html) if b.line is not None]


@given(_PARAS, st.lists(st.sampled_from(["a", "bb", "x y"]), min_size=8, max_size=8))
def test_fast_split_with_the_line_map_equals_the_tokenizer(
    kinds: list[str], texts: list[str]
) -> None:
    html = "text before\n" + _render(kinds, texts, 2)
    line_map = _line_map(html)
    fast = split_blocks(html, line_map)
    if "raw" in kinds:  # blocks without data-line ride along with the block before them
        assert "".join(_html(fast)) == html
        assert [b.line for b in fast if b.line is not None] == [f for f, _ in line_map]
    else:
        assert fast == split_blocks(html)


def test_a_line_map_that_does_not_match_falls_back() -> None:
    html = '<p data-line="1">a</p>\n<p data-line="3">b</p>\n'
    assert split_blocks(html, [(1, 1), (2, 2)]) == split_blocks(html)
    assert split_blocks(html, [(3, 3)]) == split_blocks(html)  # text before the tag
    tricky = '<p data-line="1">say data-line="3" here</p><p data-line="3">b</p>'
    assert split_blocks(tricky, [(1, 1), (3, 3)]) == split_blocks(tricky)


def test_split_matches_the_real_renderer() -> None:
    from editor.core.markdown.renderer import Renderer

    text = "# T\n\npara *one*\n\n- a\n- b\n\n```go\nx := 1\n```\n\n<div>raw</div>\n\n> q\n"
    result = Renderer().render(text, preview=True)
    fast = split_blocks(result.html, result.line_map)
    assert fast == split_blocks(result.html)
    assert [b.line for b in fast] == [first for first, _ in result.line_map]


@given(st.text(alphabet="<>/ab=\"' p-!", max_size=60))
def test_split_round_trips_any_text(text: str) -> None:
    assert "".join(_html(split_blocks(text))) == text


def test_csp_blocks_scripts_and_network_unless_remote_allowed() -> None:
    strict = content_security_policy(allow_remote=False)
    assert "default-src 'none'" in strict and "script-src 'none'" in strict
    assert "https:" not in strict
    assert "img-src file: data: https: http:" in content_security_policy(allow_remote=True)


def test_page_shell_has_theme_csp_css_and_escaped_header() -> None:
    header = PreviewHeader(title="A <b> & C", tags=("go",), meta_line="1 min · word", draft=True)
    page = page_shell(css="body{color:red}</style>", header=header, dark=True, body_html="<p>x</p>")
    assert '<html lang="en" class="dark"' in page
    assert "Content-Security-Policy" in page and "&#x27;none&#x27;" in page
    assert "body{color:red}<\\/style>" in page
    assert "A &lt;b&gt; &amp; C" in page and "[draft]" in page
    assert '<div class="post-content" id="ip-content"><p>x</p></div>' in page


def test_header_html_parts() -> None:
    assert header_html(PreviewHeader(title="T")) == '<h1 class="post-title">T</h1>'
    full = header_html(PreviewHeader(title="T", tags=("a", "b"), meta_line="m", description="d"))
    assert '<div class="post-meta">m</div>' in full
    assert '<ul class="post-tags"><li><span>a</span></li><li><span>b</span></li></ul>' in full
    assert '<div class="post-description">d</div>' in full


def test_code_style_css_covers_chroma_and_unknown_styles() -> None:
    css = code_style_css("monokai")
    assert ".chroma .k" in css and ".highlight .k" in css
    assert code_style_css("no-such-style") == code_style_css("default")


@given(
    _PARAS,
    _PARAS,
    st.lists(st.sampled_from(["a", "bb", "ccc", "x y"]), min_size=8, max_size=8),
    st.integers(1, 4),
    st.booleans(),
)
def test_blocks_known_from_the_last_rendering_are_reused_unchanged(
    k1: list[str], k2: list[str], texts: list[str], start: int, with_map: bool
) -> None:
    old_html = _render(k1, texts, start)
    new_html = "lead\n" + _render(k1[:4] + k2, texts, start)
    line_map = _line_map(new_html) if with_map else None
    old = split_blocks(old_html, _line_map(old_html))
    got = split_blocks(new_html, line_map, blocks_by_html(old))
    assert got == split_blocks(new_html, line_map)  # the same as without reuse
    known = blocks_by_html(old)
    for block in got:
        if block.html in known:
            assert block is known[block.html]


def test_a_one_key_edit_reuses_every_other_block() -> None:
    from editor.core.markdown.renderer import Renderer

    renderer = Renderer()
    text = "".join(f"Paragraph {i} with *some* words.\n\n" for i in range(50))
    before = renderer.render(text, preview=True)
    old = split_blocks(before.html, before.line_map)
    after = renderer.render(text[:-2] + "z\n\n", preview=True)
    new = split_blocks(after.html, after.line_map, blocks_by_html(old))
    assert new == split_blocks(after.html, after.line_map)
    assert sum(a is b for a, b in zip(old, new, strict=True)) == len(old) - 1
    plan = plan_patch(old, new)
    assert (plan.start, plan.remove, len(plan.insert), plan.shifts) == (49, 1, 1, ())
