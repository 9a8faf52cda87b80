"""Strikethrough and Hugo's extras (==mark==, ++ins++, H~2~O, x^2^, ~~del~~) as Goldmark pairs
their runs (compared with Hugo in test_rendering_hugo.py's html-extras-* and
html-strikethrough-runs fixtures and the differential test's extras sites)."""

from __future__ import annotations

from pathlib import Path

from editor.core.markdown.goldmark.extras import runs_table
from editor.core.markdown.renderer import Renderer
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from editor.core.site.model import GOLDMARK_EXTRAS
from editor.core.stats.figures import post_stats
from tests.core.markdown.sites import goldmark_site, paragraph


def _site(extras: tuple[str, ...] = (), strikethrough: bool = True) -> SiteConfig:
    return goldmark_site(extras=extras, strikethrough=strikethrough)


PLAIN = Renderer(_site())
ALL = Renderer(_site(GOLDMARK_EXTRAS))
SUB = Renderer(_site(GOLDMARK_EXTRAS, strikethrough=False))
NONE = Renderer(_site(strikethrough=False))


def test_who_takes_a_run_of_tildes() -> None:
    assert runs_table(True, ()) == {"~": ("del", "del")}
    assert runs_table(False, ()) == {}
    assert runs_table(False, ("subscript",)) == {"~": ("sub", "sub")}
    assert runs_table(False, ("delete", "subscript")) == {"~": ("sub", "del")}
    assert runs_table(False, ("delete",)) == {"~": (None, "del")}
    assert runs_table(True, ("mark", "insert", "superscript")) == {
        "~": ("del", "del"),
        "^": ("sup", "sup"),
        "=": (None, "mark"),
        "+": (None, "ins"),
    }


def test_off_by_default() -> None:
    assert SiteConfig.hugo_defaults(Path("/x")).goldmark.extras == ()
    assert paragraph(PLAIN, "==a== ++b++ x^2^ H~2~O") == "==a== ++b++ x^2^ H<del>2</del>O"
    assert paragraph(NONE, "~~a~~ ~b~") == "~~a~~ ~b~"


def test_each_tag() -> None:
    assert paragraph(ALL, "==a== ++b++ x^2^ ~~c~~") == (
        "<mark>a</mark> <ins>b</ins> x<sup>2</sup> <del>c</del>"
    )
    # subscript shows only with strikethrough off (its parser comes after strikethrough's)
    assert paragraph(ALL, "H~2~O") == "H<del>2</del>O"
    assert paragraph(SUB, "H~2~O and ~~gone~~") == "H<sub>2</sub>O and <del>gone</del>"


def test_runs_pair_as_goldmark_consumes_them() -> None:
    assert paragraph(PLAIN, "~~a~ and ~a~~") == "<del><del>a</del> and <del>a</del></del>"
    assert paragraph(SUB, "~~a~ and ~a~~") == "<del><del>a</del> and <sub>a</sub></del>"
    assert paragraph(ALL, "^^a^^ ^^a^ ^^^a^^^") == "<sup>a</sup> ^<sup>a</sup> ^^^a^^^"
    assert paragraph(ALL, "=a= ===a=== ++a+") == "=a= ===a=== ++a+"  # mark, insert: two exactly
    assert paragraph(ALL, "\\==a== ==a\\==") == "==a== ==a=="


def test_a_sign_after_a_caret_opens_it() -> None:
    assert paragraph(ALL, "x^-1^ x^+1^ a^ b^") == "x<sup>-1</sup> x<sup>+1</sup> a^ b^"


def test_nesting_with_emphasis_and_links() -> None:
    assert paragraph(ALL, "==**a**== **==b==** ==a *b== c*") == (
        "<mark><strong>a</strong></mark> <strong><mark>b</mark></strong> <mark>a *b</mark> c*"
    )
    assert paragraph(ALL, "[==a==](u) ==www.example.com==") == (
        '<a href="u"><mark>a</mark></a> '
        '<mark><a href="https://www.example.com">www.example.com</a></mark>'
    )


def test_headings_toc_and_figures() -> None:
    result = ALL.render("## ==Marked== x^2^\n\n## *x^2 y*\n")
    assert [h.id for h in result.headings] == ["marked-x2", "x"]
    assert '<a href="#marked-x2"><mark>Marked</mark> x<sup>2</sup></a>' in result.toc_html
    post = Post.from_text("---\ntitle: t\n---\nH~2~O ==is== x^2^\n")
    assert post_stats(post, _site(GOLDMARK_EXTRAS, False)).word_count == 3


def test_long_runs_and_many_openers_are_text() -> None:
    text = "=" * 50_000 + " " + "==a ^b ++c ~d " * 5_000
    html = paragraph(SUB, text)
    assert html.count("=") == 50_000 + 10_000 and "<mark>" not in html and "<sub>" not in html
