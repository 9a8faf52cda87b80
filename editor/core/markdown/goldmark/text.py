"""The text of a heading or an image as Goldmark and Hugo see it.

`plain_text` (a heading's rendered text), `id_text` (what the github-style id is made from:
Goldmark takes each node's first text only), `toc_title` (the TOC entry, Go-escaped when it
carries markup) and `alt_text` (an image's alt attribute).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from editor.core.markdown.goldmark.emoji import TOKEN as EMOJI
from editor.core.markdown.goldmark.extras import TAG_TOKENS, delimiter_runs, runs_table
from editor.core.scripts import GO_SPACES

__all__ = ["alt_text", "id_text", "plain_text", "toc_title"]


def plain_text(children: Sequence[Token]) -> str:
    """The heading's text (typography as characters, no HTML)."""
    out: list[str] = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special", "code_inline", "passthrough_inline"):
            out.append(token.content)
        elif kind == "typo_text":
            out.append(token.meta["plain"])
        elif kind == EMOJI:
            out.append(html_lib.unescape(token.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image" and token.children:
            out.append(plain_text(token.children))
    return "".join(out)


# Where the first Text node of an element ends in Goldmark: before a code span's or a link's
# opener left as text (a node of its own), after an unmatched delimiter run ("*", "_" and
# the runs of extras.delimiter_runs), which Goldmark merges into the text before it; "<",
# "&", "]" and escapes that make nothing leave the text whole.
@lru_cache(maxsize=32)
def _node_end_re(runs: str) -> re.Pattern[str]:
    return re.compile(r"(?P<before>`|!?\[)|\*+|_+" + (f"|{runs}" if runs else ""))


_DEFAULT_NODE_END_RE = _node_end_re(delimiter_runs(runs_table(True, ())))  # strikethrough


def _first_node(text: str, node_end: re.Pattern[str]) -> tuple[str, bool]:
    """The part of `text` in Goldmark's first Text node, and whether that node ends in it."""
    match = node_end.search(text)
    if match is None:
        return text, False
    return text[: match.start() if match.group("before") else match.end()], True


def _first_text(tokens: Sequence[Token], j: int, node_end: re.Pattern[str]) -> str:
    """The text of Goldmark's first node from tokens[j] on (an element's first child)."""
    out: list[str] = []
    for token in tokens[j:]:
        kind = token.type
        if kind == "text":
            piece, ends = _first_node(token.content, node_end)
            out.append(piece)
            if ends:
                break
        elif kind == "text_special":
            out.append(_special_text(token))  # an escape or entity does not end it
        elif kind == "typo_text":
            first = str(token.meta["first"])  # the text before its first substitution
            piece = _first_node(first, node_end)[0]
            out.append(piece if out else piece or first)
            break
        else:
            if not out:
                out.append(_leaf_text(token, node_end))
            break
    return "".join(out)


_NAMED_ENTITY_RE = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")


def _resolve_named(text: str) -> str:
    """util.ResolveEntityNames: named character references resolved, numeric ones kept."""
    if "&" not in text:
        return text
    return _NAMED_ENTITY_RE.sub(lambda m: html_lib.unescape(m.group(0)), text)


def _special_text(token: Token) -> str:
    """An escape's or entity's part of an id's text (render.TextPlain resolves only named
    references: "&#65;" stays as written, digits and all)."""
    if token.info == "entity" and token.markup.startswith("&#"):
        return token.markup
    return token.content


def _leaf_text(token: Token, node_end: re.Pattern[str]) -> str:
    kind = token.type
    if kind == "code_inline":
        return _resolve_named(token.content)  # Hugo resolves the id's named references
    if kind == "text":
        return token.content
    if kind == "text_special":
        return _special_text(token)
    if kind == EMOJI:  # its short name (Hugo: "# Head :smile:" is head-smile)
        return token.markup
    if kind == "typo_text":
        return str(token.meta["plain"])
    if kind == "image" and token.children:
        return _first_text(token.children, 0, node_end)
    return ""


def _empty_text(token: Token) -> bool:
    return token.type == "text" and not token.content


def id_text(children: Sequence[Token], runs: str | None = None) -> str:
    """The text Goldmark (Hugo 0.168) makes a heading's id from.

    Only what follows the last line break counts; of an inline element (emphasis, link,
    image...) only its first child, followed down (Goldmark's Node.Text; the site's delimiter
    runs, extras.delimiter_runs, change where a Text node ends: Goldmark's strikethrough
    when None); autolinks and raw HTML give nothing; entities in code spans are decoded.
    """
    node_end = _DEFAULT_NODE_END_RE if runs is None else _node_end_re(runs)
    out: list[str] = []
    i, n = 0, len(children)
    while i < n:
        token = children[i]
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            out.clear()
        elif token.nesting == 1:
            # the first child chain of this element, then skip to its end
            j = i
            while j < n and (children[j].nesting == 1 or _empty_text(children[j])):
                if children[j].type == "link_open" and children[j].markup in (
                    "autolink",
                    "linkify",
                ):
                    break
                j += 1
            else:
                if j < n and children[j].nesting == 0:
                    out.append(_first_text(children, j, node_end))
            depth = 0
            while i < n:
                depth += children[i].nesting
                i += 1
                if depth == 0:
                    break
            continue
        else:
            out.append(_leaf_text(token, node_end))
        i += 1
    return "".join(out)


_GO_SPACES_RE = re.compile("[\t\n\f\r ]+")  # Go's \s+
_RICH = frozenset(
    (
        "em_open",
        "strong_open",
        "s_open",
        "code_inline",
        "link_open",
        "image",
        "html_inline",
        "hardbreak",
    )
) | frozenset(TAG_TOKENS)
_GO_ESCAPES = {"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}
_GO_ESCAPE_RE = re.compile("[&'<>\"]")


def _go_escape(text: str) -> str:
    return _GO_ESCAPE_RE.sub(lambda m: _GO_ESCAPES[m.group(0)], text)


# Hugo's TOC sanitizer (bluemonday) keeps these elements of a title holding "<"; other tags go
_TOC_ELEMENTS = frozenset(
    ("abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
     "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub",
     "sup", "time", "u", "var", "wbr")
)  # fmt: skip
_TAG_RE = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")


def _sanitized(raw: str) -> str:
    """Raw HTML as Hugo's TOC sanitizer leaves it: allowed bare tags kept, other tags
    dropped, the text between re-escaped the Go way."""
    out: list[str] = []
    end = 0
    for match in _TAG_RE.finditer(raw):
        out.append(_go_escape(html_lib.unescape(raw[end : match.start()])))
        if match.group(2).lower() in _TOC_ELEMENTS:
            out.append(f"<{match.group(1)}{match.group(2).lower()}>")
        end = match.end()
    out.append(_go_escape(html_lib.unescape(raw[end:])))
    return "".join(out)


# bluemonday's Paragraph pattern, which the TOC sanitizer asks of an image's alt and title
# (letters, digits, ASCII whitespace and -_',[]!./\() only; any other character drops it)
_TOC_ATTRIBUTE_RE = re.compile(r"(?:[^\W]|[\t\n\f\r \-',\[\]!./\\()])*")


def _toc_image(token: Token) -> str:
    """An image in a TOC title, as Hugo's sanitizer leaves it."""
    out = f'<img src="{_go_escape(str(token.attrGet("src") or ""))}"'
    alt = html_lib.unescape(alt_text(token.children or []))
    if _TOC_ATTRIBUTE_RE.fullmatch(alt):
        out += f' alt="{_go_escape(alt)}"'
    title = str(token.attrGet("title") or "")
    if title and _TOC_ATTRIBUTE_RE.fullmatch(title):
        out += f' title="{_go_escape(title)}"'
    return out + ">"


def toc_title(children: Sequence[Token], *, unsafe: bool = False) -> str:
    """The heading's title in Hugo's `.TableOfContents` (links as text, raw HTML dropped).

    When the heading holds any inline element (emphasis, code, link, image, raw HTML...) Hugo
    re-escapes the title's text the Go way: typography as characters, ' as &#39;, " as &#34;.
    """
    rich = any(
        token.type in _RICH or (token.type == "passthrough_inline" and "<" in token.content)
        for token in children
    )
    escape = _go_escape if rich else escapeHtml
    out: list[str] = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            out.append(escape(token.content))
        elif kind == "typo_text":
            out.append(escape(token.meta["plain"]) if rich else token.content)
        elif kind == "code_inline":
            out.append(f"<code>{escape(token.content)}</code>")
        elif kind == EMOJI:  # entities, as characters once the title is re-escaped
            out.append(escape(html_lib.unescape(token.content)) if rich else token.content)
        elif kind == "passthrough_inline":  # as written, through the title's sanitizer
            out.append(_sanitized(token.content) if rich else token.content)
        elif kind in ("s_open", "s_close"):
            out.append("<del>" if kind == "s_open" else "</del>")
        elif kind in ("em_open", "strong_open", "em_close", "strong_close") or kind in TAG_TOKENS:
            slash = "/" if kind.endswith("close") else ""
            out.append(f"<{slash}{token.tag}>")
        elif kind == "image":
            out.append(_toc_image(token))
        elif kind == "html_inline" and unsafe:
            # with unsafe = true the TOC keeps the inline HTML its sanitizer allows (no links)
            tag = _TAG_RE.match(token.content)
            if tag is not None and tag.group(2).lower() in _TOC_ELEMENTS:
                out.append(token.content)
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("<br>\n")
    title = "".join(out)
    if rich:  # sanitizeTOCHeadingTitle: each run of whitespace one space, the ends trimmed
        return _GO_SPACES_RE.sub(" ", title).strip(GO_SPACES)
    return title


def alt_text(children: Sequence[Token]) -> str:
    """Goldmark's alt attribute: text escaped, typography as raw entities, markup dropped."""
    out: list[str] = []
    for token in children:
        if token.type in ("text", "text_special", "code_inline"):
            out.append(escapeHtml(token.content))
        elif token.type == "typo_text":
            out.append(token.content)
        elif token.type == "image" and token.children:
            out.append(alt_text(token.children))
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)
