"""Shortcode parsing, offline cards, site boxes and bad input (no Hugo needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editor.core.markdown.shortcodes import builtins
from editor.core.markdown.shortcodes import expand as shortcodes
from editor.core.markdown.shortcodes.expand import ShortcodeContext, extract, restore

MD = MarkdownIt("commonmark")


class _Site:
    def __init__(self, root: Path | None = None, names: frozenset[str] = frozenset()) -> None:
        self.root = root or Path("/nonexistent")
        self.content_dir = Path("content")
        self.base_url = "https://example.org/"
        self.params = {"greeting": "hello", "flag": True}
        self.shortcode_names = names


def render(text: str, **kw: object) -> tuple[str, shortcodes.Extracted]:
    site = kw.pop("site", _Site())
    ctx = ShortcodeContext(site=site, render_markdown=MD.render, **kw)  # type: ignore[arg-type]
    ex = extract(text, ctx)
    return restore(MD.render(ex.text), ex.placeholders), ex


def test_text_without_shortcodes_is_unchanged() -> None:
    ex = extract("plain {text} with { braces }}\n", ShortcodeContext())
    assert ex.text == "plain {text} with { braces }}\n"
    assert ex.placeholders == {}
    assert restore("<p>x</p>", {}) == "<p>x</p>"


def test_angle_shortcode_becomes_a_placeholder_and_comes_back() -> None:
    ex = extract("a {{< param greeting >}} b", ShortcodeContext(site=_Site()))  # type: ignore[arg-type]
    (token,) = ex.placeholders
    assert token in ex.text and "{{" not in ex.text
    assert restore(f"<p>a {token} b</p>", ex.placeholders) == "<p>a hello b</p>"


def test_lone_placeholder_replaces_its_paragraph_and_keeps_the_preview_line() -> None:
    html, ex = render("{{< youtube abc >}}\n")
    assert html.startswith("<div style=") and "<p>" not in html
    (token,) = ex.placeholders
    assert restore(f'<p data-line="3">{token}</p>', ex.placeholders).startswith(
        '<div data-line="3"><div style='
    )


def test_percent_form_output_goes_into_the_markdown() -> None:
    ex = extract("x {{% param greeting %}} y", ShortcodeContext(site=_Site()))  # type: ignore[arg-type]
    assert ex.text == "x hello y"
    assert ex.placeholders == {}


def test_page_params_win_over_site_params_and_values_print_as_go_does() -> None:
    html, _ = render("{{< param greeting >}} {{< param flag >}}", metadata={"Greeting": "hi"})
    assert html == "<p>hi true</p>\n"
    assert builtins.go_format([1, "a"]) == "[1 a]"
    assert builtins.go_format(date(2024, 1, 2)) == "2024-01-02 00:00:00 +0000 UTC"
    assert builtins.go_format(datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)).startswith("2024-01-02")
    assert builtins.go_format({"a": 1}) == "map[a:1]"


def test_missing_param_is_a_warning_with_the_line() -> None:
    html, ex = render("line one\n\n{{< param nope >}}\n", first_line=5)
    assert html == "<p>line one</p>\n\n"
    (warning,) = ex.warnings
    assert "nope" in warning.message and warning.line == 7


def test_escaped_shortcodes_print_literally() -> None:
    ex = extract('{{</* figure src="x" */>}} and {{%/* y */%}}', ShortcodeContext())
    assert ex.text == '{{< figure src="x" >}} and {{% y %}}'


def test_arguments_quotes_backticks_and_escapes() -> None:
    html, ex = render('{{< figure src=`a "b".png` alt="say \\"hi\\"" >}}')
    assert 'src="a%20%22b%22.png"' in html
    assert 'alt="say &#34;hi&#34;"' in html
    assert ex.warnings == ()


def test_site_shortcode_is_a_labelled_box_in_the_preview_with_a_warning() -> None:
    site = _Site(names=frozenset({"note"}))
    text = '{{< note type="tip" >}}\nInner **bold**\n{{< /note >}}\n'
    html, ex = render(text, site=site, preview=True)
    assert 'class="inkpost-shortcode"' in html and "inkpost-shortcode-label" in html
    assert "<strong>bold</strong>" in html and "{{" not in html
    assert any("note" in w.message for w in ex.warnings)
    hugo_html, _ = render(text, site=site, preview=False)
    assert "inkpost-shortcode-label" not in hugo_html  # no label words in Hugo mode
    assert "<strong>bold</strong>" in hugo_html


def test_the_site_shortcodes_of_a_post_are_named_nested_ones_too() -> None:
    site = _Site(names=frozenset({"note", "tabs", "tab"}))
    text = (
        "{{< tabs >}}\n{{< tab name=a >}}\nA\n{{< /tab >}}\n{{< /tabs >}}\n\n"
        "{{< note >}}x{{< /note >}} {{< param greeting >}} {{< mystery >}}\n"
    )
    _, ex = render(text, site=site)
    assert ex.site_shortcodes == ("note", "tab", "tabs")  # not the built-in, not the unknown
    _, plain = render("{{< param greeting >}}", site=site)
    assert plain.site_shortcodes == ()


def test_unknown_shortcode_warns_and_never_shows_braces() -> None:
    html, ex = render("before {{< mystery a b >}} after", preview=True)
    assert "{{" not in html and "mystery" in html
    assert any("unknown shortcode 'mystery'" in w.message for w in ex.warnings)


def test_offline_cards_in_preview_and_wordless_markup_otherwise() -> None:
    for name in ("youtube", "vimeo", "x", "instagram", "gist", "qr", "tweet"):
        html, _ = render(f"{{{{< {name} id123 >}}}}", preview=True)
        assert "offline preview" in html and "id123" in html
    html, ex = render('{{< x user="u" id="1" >}}')
    assert html.strip() == ""  # what Hugo prints offline
    html, _ = render('{{< qr text="https://x.org" />}}')
    assert html == '<img class="qr" alt="https://x.org">\n'
    assert any("network" in w.message for w in ex.warnings)
    _, ex = render("{{< gist user 123 >}}")
    assert any("removed" in w.message for w in ex.warnings)


def test_nested_inner_content_is_expanded_before_the_outer_renders() -> None:
    html, _ = render(
        '{{< details summary="outer" >}}\nA {{< param greeting >}}\n\n'
        '{{< details summary="inner" >}}\ndeep\n{{< /details >}}\n{{< /details >}}\n'
    )
    assert html.count("<details>") == 2 and "A hello" in html


def test_same_name_nesting_finds_the_right_closing_tag() -> None:
    site = _Site(names=frozenset({"box"}))
    text = "{{< box >}}a {{< box >}}b{{< /box >}} c{{< /box >}} tail"
    html, _ = render(text, site=site, preview=True)
    assert html.count('data-shortcode="box"') == 2 and "tail" in html
    assert "{{" not in html
    html, _ = render(text, site=site)
    assert html == "<p><p>a <p>b</p>\nc</p>\n tail</p>\n"  # the inner content, as Hugo's stub


def test_self_closing_and_unclosed_shortcodes() -> None:
    html, ex = render('{{< details summary="s" />}}')
    assert "<summary>s</summary>" in html and ex.warnings == ()
    html, ex = render("{{< highlight go >}}\nx := 1\n")
    assert any("no closing tag" in w.message for w in ex.warnings)


def test_unbalanced_and_broken_input_warns_and_never_raises() -> None:
    for text in (
        "{{< /details >}}",
        '{{< figure src="a.png >}}\nmore text',
        "{{< figure src=`never closed >}}",
        "{{< ",
        "{{<>}}",
        "{{% details %}} no end",
        "{{< a=b >}}",
    ):
        html, ex = render(text)
        assert ex.warnings, text
        assert "{{<" not in html and "{{%" not in html


def test_ref_and_relref_resolve_against_the_content_folder(tmp_path: Path) -> None:
    (tmp_path / "content" / "posts" / "bundle").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "first.md").write_text("x", encoding="utf-8")
    (tmp_path / "content" / "posts" / "bundle" / "index.md").write_text("x", encoding="utf-8")
    site = _Site(root=tmp_path)
    page = tmp_path / "content" / "posts" / "first.md"
    html, ex = render(
        '{{< relref "first.md" >}} {{< ref "bundle" >}} {{< relref "/posts/first#top" >}}',
        site=site,
        page_path=page,
    )
    assert html == ("<p>/posts/first/ https://example.org/posts/bundle/ /posts/first/#top</p>\n")
    assert ex.warnings == ()
    _, ex = render('{{< relref "missing.md" >}}', site=site, page_path=page)
    assert "not found" in ex.warnings[0].message


def test_ref_uses_a_given_page_lookup() -> None:
    html, _ = render(
        '{{< relref path="x" >}}', site_pages=lambda target, page: f"/custom/{target}/"
    )
    assert html == "/custom/x/\n"  # alone in its paragraph, as Hugo does


def test_render_fragment_expands_shortcodes_in_markdown() -> None:
    ctx = ShortcodeContext(site=_Site(), render_markdown=MD.render)  # type: ignore[arg-type]
    assert (
        shortcodes.render_fragment("*a* {{< param greeting >}}", ctx) == "<p><em>a</em> hello</p>\n"
    )


def test_highlight_uses_the_given_highlighter() -> None:
    calls: list[tuple[str, str, str]] = []

    def fake(code: str, lang: str, options: str) -> str:
        calls.append((code, lang, options))
        return "<pre>HL</pre>"

    html, _ = render(
        '{{< highlight go "linenos=table" >}}\n  x := 1\n{{< /highlight >}}', highlight=fake
    )
    assert calls == [("x := 1", "go", "linenos=table")]
    assert html == "<pre>HL</pre>\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('{}<>%/*"`= abx\n')), max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    html, ex = render(text, preview=True)
    assert isinstance(html, str)
    assert isinstance(ex.warnings, tuple)


def test_many_shortcodes_in_a_long_text() -> None:
    text = "".join(
        f"Para {i} {{{{< icon star >}}}} {{{{< param greeting >}}}}.\n\n" for i in range(3000)
    )
    ex = extract(text, ShortcodeContext(site=_Site()))  # type: ignore[arg-type]
    assert len(ex.placeholders) == 6000
    assert sum("unknown shortcode 'icon'" in w.message for w in ex.warnings) == 3000
    assert ex.warnings[-1].line == 5999


def test_inline_boxes_and_cards_use_spans_in_the_preview() -> None:
    site = _Site(names=frozenset({"note"}))
    html, _ = render("X {{< note >}}md{{< /note >}} y {{< youtube z >}}", site=site, preview=True)
    assert "<div" not in html
    assert html.count('<span class="inkpost-shortcode inkpost-shortcode-inline"') == 1
    assert '<span class="inkpost-embed inkpost-embed-youtube"' in html
    html, _ = render("{{< note >}}\nblock\n{{< /note >}}", site=site, preview=True)
    assert html.startswith('<div class="inkpost-shortcode"')


def test_ref_lookup_sees_new_files_and_tolerates_bad_front_matter(tmp_path: Path) -> None:
    from editor.core.markdown.shortcodes import refs

    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text("---\ntitle: [unclosed\n---\nx\n", encoding="utf-8")
    content = tmp_path / "content"
    assert refs.find_target(content, "b", None) is None
    (posts / "b.md").write_text("---\ntitle: B\n---\n", encoding="utf-8")
    assert refs.find_target(content, "b", None) == posts / "b.md"
    assert refs.permalink(_Site(tmp_path), content, posts / "a.md") == "/posts/a/"
    assert refs.find_target(tmp_path / "missing", "a", None) is None
    assert refs.permalink(_Site(tmp_path), content, content / "_index.md") == "/"


def test_scan_lists_the_calls_without_expanding_them() -> None:
    from editor.core.markdown.shortcodes.context import ShortcodeContext
    from editor.core.markdown.shortcodes.expand import scan

    text = 'Intro\n{{< figure src="a.png" >}}\n{{% note %}}\nInner\n{{% /note %}}\n{{< broken\n'
    found = scan(text, ShortcodeContext(first_line=5))
    assert [(c.name, c.line) for c in found.calls] == [("figure", 6), ("note", 7)]
    assert found.calls[1].inner == "\nInner\n"
    assert [text[a:b] for a, b in found.spans] == [
        '{{< figure src="a.png" >}}',
        "{{% note %}}",
        "{{% /note %}}",
    ]
    assert found.warnings and all(w.line is not None and w.line >= 5 for w in found.warnings)
    assert scan("no shortcodes", ShortcodeContext()) == type(found)((), (), ())
