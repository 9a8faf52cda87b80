"""The post's body HTML made safe to keep in an exported file, with nh3 (Ammonia).

A post on an `unsafe = true` site passes its raw HTML through Goldmark; the exported file
(and the PDF printed from it) must not carry anything that runs or fetches. `clean_body`
keeps what Hugo's output needs, by an allow-list:

- text structure, headings with their ids, lists, quotes, tables (`align`, text-align),
  figures and captions, `details`/`summary`, footnotes (`sup`, `id`, `role`, `#fn:1`);
- highlighted code: `pre`/`code`/`span` with `class` and inline `style` limited to the
  colour, background-colour, font and layout properties Chroma/Pygments write;
- images whose `src` is a `data:` image or a relative path; task-list checkboxes
  (`<input type="checkbox" disabled checked>`);
- links (`a href`) to http(s), mailto, relative paths and `#anchors`.

Everything else goes: `<script>`, `<style>`, `<iframe>`, `<object>`, forms and their
controls, SVG (its `<image href>` fetches), `<link>`, `<meta>`, `<base>`, event handlers
(`on*`), `javascript:` and other schemes, remote `src`, and any `style` that names a
`url(...)` (or another fetching CSS function).
"""

from __future__ import annotations

import re

import nh3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TAGS = _words(
    """a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div
    dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd li mark ol p pre q
    rp rt ruby s samp small span strong sub summary sup table tbody td tfoot th thead time
    tr u ul var wbr"""
)
_DROPPED_WITH_CONTENT = _words(
    """script style iframe object embed noscript template textarea select option svg math
    frame frameset noembed applet title"""
)
_GENERIC = frozenset(("id", "class", "title", "lang", "dir", "role", "style", "align"))
_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_GENERIC),
    "a": {"href", "name", "aria-label", "aria-hidden"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"disabled", "checked"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "valign"},
    "th": {"colspan", "rowspan", "valign", "scope"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "code": {"data-lang"},
    "pre": {"tabindex"},
    "div": {"data-lang"},
}
# What Chroma/Pygments (inline styles), tables and figures write.
_STYLE_PROPERTIES = _words(
    """color background-color font-weight font-style font-family font-size text-decoration
    text-align vertical-align display white-space tab-size -moz-tab-size -o-tab-size
    -webkit-text-size-adjust user-select -webkit-user-select margin margin-left margin-right
    margin-top margin-bottom padding padding-left padding-right padding-top padding-bottom
    border border-spacing border-collapse border-radius width max-width height overflow
    overflow-x line-height flex flex-grow"""
)
_URL_SCHEMES = frozenset(("http", "https", "mailto", "data"))
_FETCHING_CSS = re.compile(r"url\s*\(|image-set\s*\(|expression\s*\(|@import|\\", re.I)
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp|avif|bmp|svg\+xml)[;,]", re.I)


def _filter(tag: str, attr: str, value: str) -> str | None:
    """Attribute by attribute: what nh3's allow-list cannot say on its own."""
    if attr == "style":
        return None if _FETCHING_CSS.search(value) else value
    if attr == "src":
        scheme = _SCHEME.match(value)
        if scheme is None:
            return value if not value.strip().startswith("//") else None
        return value if _DATA_IMAGE.match(value.strip()) else None
    if attr == "href":
        scheme = _SCHEME.match(value)
        if value.strip().startswith("//"):
            return None  # scheme-relative: a remote host
        if scheme is not None and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return None
    return value


def clean_body(html: str) -> str:
    """`html` (a post's rendered body) with only what the allow-list keeps."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in _ATTRIBUTES.items()},
        tag_attribute_values={"input": {"type": {"checkbox"}}},
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(_URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
    )
