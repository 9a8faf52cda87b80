"""Goldmark's CJK extension as Hugo 0.168 sets it up (markup.goldmark.extensions.cjk).

eastAsianLineBreaks. Goldmark's HTML renderer (renderer/html/html.go, renderText) decides each
soft line break from the Text node that ends the line and the node after it:

* that Text node is empty (the line ends with an inline node: an emphasis or extras delimiter,
  even one left unmatched, a code span or a lone backtick run, a link or a "[", raw HTML, a
  typographer substitution, or, with linkify on, whitespace its trigger split off): "\\n", as
  without the extension;
* otherwise "\\n" only when the next node is a Text node (not emphasis, a code span, a link, a
  typographer quote...) and the style keeps a break between the line's last source character
  and the next line's first: "simple" drops it between two east Asian wide characters,
  "css3draft" follows CSS Text 3's segment break rules as Goldmark reads them.

So "abc\\n*def*" is "abc<em>def</em>" with the extension on, as Hugo writes it. A dropped
break keeps its "softbreak" token, marked with DROPPED in its meta (heading ids still start
after it, as Goldmark's do).

escapedSpace. A "\\ " is written as nothing; its space still separates emphasis from the text
around it ("太郎は\\ **「こんにちわ」**\\ と言った").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.markdown.goldmark.chars import LINE_SPACE, SPACE
from editor.core.markdown.goldmark.inline import LINE_TAIL
from editor.core.scripts import cjk_scripts_re

__all__ = ["DROPPED", "install", "keeps_break"]

DROPPED = "cjk_dropped"  # a softbreak token's meta key: Goldmark writes nothing for it

# util.EastAsianWidth's "F", "W" and "H" characters (Goldmark's own table)
_FULL_WIDE_HALF = (
    "\u3000\uff01-\uff60\uffe0-\uffe6"
    "\u20a9\uff61-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\uffe8-\uffee"
    "\u1100-\u115f\u11a3-\u11a7\u11fa-\u11ff\u2329\u232a\u2e80-\u2e99\u2e9b-\u2ef3"
    "\u2f00-\u2fd5\u2ff0-\u2ffb\u3001-\u303e\u3041-\u3096\u3099-\u30ff\u3105-\u312d"
    "\u3131-\u318e\u3190-\u31ba\u31c0-\u31e3\u31f0-\u321e\u3220-\u3247\u3250-\u32fe"
    "\u3300-\u4dbf\u4e00-\ua48c\ua490-\ua4c6\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6"
    "\ud7cb-\ud7fb\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b"
    "\U0001b000\U0001b001\U0001f200-\U0001f202\U0001f210-\U0001f23a\U0001f240-\U0001f248"
    "\U0001f250\U0001f251\U00020000-\U0002fffd\U00030000-\U0003fffd"
)
# Go's unicode.Hangul
_HANGUL = (
    "\u1100-\u11ff\u302e\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e\ua960-\ua97c"
    "\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uffa0-\uffbe\uffc2-\uffc7\uffca-\uffcf"
    "\uffd2-\uffd7\uffda-\uffdc"
)
# util.IsSpaceDiscardingUnicodeRune (CSS Text 3's space-discarding set, by Unicode block)
_SPACE_DISCARDING = (
    "\u2e80-\u2fdf\u2ff0-\u30ff\u3130-\u319f\u31c0-\u31ff\u3300-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef"
    "\U0001b000-\U0001b16f\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f"
    "\U00030000-\U0003134f"
)


@cache
def _class(ranges: str) -> re.Pattern[str]:
    return re.compile(f"[{ranges}]")


def _wide(ch: str) -> bool:
    """util.IsEastAsianWideRune: Hiragana, Katakana, Han, Hangul, Lm, CJK symbols."""
    return (
        "\u3000" <= ch <= "\u303f"
        or cjk_scripts_re().match(ch) is not None
        or unicodedata.category(ch) == "Lm"
    )


def _simple_keeps(last: str, first: str) -> bool:
    return not (_wide(last) and _wide(first))


def _css3_keeps(last: str, first: str) -> bool:
    """eastAsianLineBreaksCSS3DraftSoftLineBreak."""
    if last == "\u200b" or first == "\u200b":
        return False
    wide = _class(_FULL_WIDE_HALF)
    if wide.match(last) and wide.match(first):
        hangul = _class(_HANGUL)
        return hangul.match(last) is not None or hangul.match(first) is not None
    discarding = _class(_SPACE_DISCARDING)
    return not any(
        discarding.match(ch) or unicodedata.category(ch)[0] == "P" or ch == "\u3000"
        for ch in (last, first)
    )


def keeps_break(style: str, last: str, first: str) -> bool:
    """Whether Goldmark writes the break between these two characters ("simple" or
    "css3draft")."""
    return _css3_keeps(last, first) if style == "css3draft" else _simple_keeps(last, first)


def _last_char(
    children: Sequence[Token], k: int, node_end: re.Pattern[str], escape_splits: bool
) -> str:
    """The last character of the Text node ending the line before children[k] ("" when that
    node is empty). `escape_splits`: an escaped space or tab is linkify's trigger."""
    while k > 0 and children[k - 1].type == "text" and not children[k - 1].content:
        k -= 1  # the line's trailing whitespace, trimmed
    if k == 0:
        return ""
    prev = children[k - 1]
    if prev.type == "text_special":  # an escape or entity: part of the text, as written
        raw = prev.markup or prev.content
        if raw[-1:] in (" ", "\t"):  # "\ " before the break: its space is trimmed
            return "" if escape_splits else raw.rstrip(SPACE)[-1:]
        return raw[-1:]
    if prev.type == "typo_text":
        text = str(prev.meta["tail"])
    elif prev.type == "text":
        text = prev.content
    else:
        return ""
    text = text.rstrip(SPACE)
    if not text or node_end.search(text[-4:]):  # a run of two and the character before it
        return ""
    return text[-1]


def _next_first_char(children: Sequence[Token], k: int) -> str:
    """The first source character of the node after children[k] when it is a Text node ("" when
    it is another node or none)."""
    for token in children[k + 1 :]:
        kind = token.type
        if kind == "text":
            if token.content:
                return token.content[0]
            continue  # an emptied delimiter (Goldmark removes it)
        if kind == "text_special":
            return (token.markup or token.content)[:1]
        if kind == "typo_text":
            return str(token.meta["head"])[:1]  # "" when it starts with a substitution
        return ""
    return ""


def _mark_breaks(
    children: Sequence[Token],
    keeps: Callable[[str, str], bool],
    node_end: re.Pattern[str],
    *,
    linkify: bool,
    escaped_space: bool,
) -> None:
    for k, token in enumerate(children):
        if token.type != "softbreak":
            continue
        tail = str(token.meta.get(LINE_TAIL, ""))
        if linkify and tail and tail[-1] in LINE_SPACE:
            continue  # whitespace, linkify's trigger, ended the line's Text node
        last = _last_char(children, k, node_end, linkify and not escaped_space)
        if not last:
            continue
        first = _next_first_char(children, k)
        if not first or not keeps(last, first):
            token.meta[DROPPED] = True


def _escaped_spaces(children: Sequence[Token]) -> None:
    """Goldmark's writer skips "\\ " (one that ends its line keeps its backslash: the
    line's end trimmed its space, inline.py)."""
    for token in children:
        if token.type == "text_special" and token.markup == "\\ " and token.content == "\\ ":
            token.content = ""


def _render_softbreak(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "" if tokens[idx].meta.get(DROPPED) else "\n"


def install(md: MarkdownIt, *, line_breaks: str, escaped_space: bool, runs: str) -> None:
    """Goldmark's CJK options in `md`: `line_breaks` "simple", "css3draft" or "" (off; ignored
    with hard wraps, which take precedence), `escaped_space`; `runs` the site's delimiter
    runs (extras.delimiter_runs)."""
    options = md.options["goldmark"]
    line_breaks = "" if options.hard_wraps else line_breaks
    if not (line_breaks or escaped_space):
        return
    keeps = _css3_keeps if line_breaks == "css3draft" else _simple_keeps
    # a line's text that ends with one of these ends with a node of its own in Goldmark
    node_end = re.compile(r"(?:[*_`\[]" + (f"|{runs}" if runs else "") + ")$")
    linkify = bool(options.linkify)

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            if line_breaks:
                _mark_breaks(
                    token.children,
                    keeps,
                    node_end,
                    linkify=linkify,
                    escaped_space=escaped_space,
                )
            if escaped_space:
                _escaped_spaces(token.children)
                for child in token.children:
                    if child.type == "image" and child.children:
                        _escaped_spaces(child.children)

    if line_breaks:
        md.add_render_rule("softbreak", _render_softbreak)
    md.core.ruler.before("text_join", "goldmark_cjk", rule)
