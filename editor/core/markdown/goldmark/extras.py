"""Goldmark's tags made of character runs: strikethrough (`~~del~~`, `~del~`) and Hugo's
`markup.goldmark.extensions.extras` (hugo-goldmark-extensions/extras): delete `~~del~~`,
insert `++ins++`, mark `==mark==`, subscript `H~2~O`, superscript `x^2^`.

As those Goldmark parsers read them:

* A run of one or two of its character (insert and mark: exactly two; delete two; the others
  one or two) not right after the same character; a longer run is text.
* Who takes a run of "~": delete (a run of two) before strikethrough before subscript, the
  order of their parser priorities, so subscript only shows with strikethrough off.
* It opens and closes as "*" does (the flanking rules), and any run of the same character
  closes it; the tag is the opener's. A "^" followed by "+", "-" or "'" opens as if a letter
  followed (the extension's issue 30: `x^-1^`).
* Goldmark's ProcessDelimiters takes two characters of an opener and a closer when both have
  two left (one tag), one otherwise (`~~a~` is `~<del>a</del>`), with the "rule of 3" of
  emphasis. That is markdown-it's emphasis pairing over one delimiter per character, so the
  runs go through markdown-it's balance_pairs as emphasis's do, and two adjacent pairs of
  the same run become one tag (as emphasis's become <strong>).

Strikethrough and delete render as "s_open"/"s_close" (<del>), the others as "<tag>_open"
and "<tag>_close" tokens with their tag.
"""

from __future__ import annotations

import re
from typing import cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from editor.core.site.model import RunsTable, runs_table

__all__ = ["TAG_TOKENS", "RunsTable", "delimiter_runs", "install", "runs_table"]

# the token types of the tags other than <del>, and their HTML tag
TAG_TOKENS = {
    f"{tag}_{end}": tag for tag in ("ins", "mark", "sub", "sup") for end in ("open", "close")
}
_SUP_LETTERLIKE = "+-'"  # after a single "^": read as a letter


def delimiter_runs(table: RunsTable) -> str:
    """A regular expression matching, in text, a run `table` makes a delimiter (Goldmark's
    Text node ends after it even when it is left unmatched, as text)."""
    choices = []
    for ch, (one, two) in sorted(table.items()):
        lengths = "{1,2}" if one and two else "" if one else "{2}"
        char = re.escape(ch)
        choices.append(f"(?<!{char}){char}{lengths}(?!{char})")
    return "|".join(choices)


def install(md: MarkdownIt, table: RunsTable) -> None:
    """Parse the runs of `table` in `md` (markdown-it's own strikethrough stays off)."""

    def rule(state: StateInline, silent: bool) -> bool:
        return _runs(state, silent, table)

    def post(state: StateInline) -> None:
        _tags(state, state.delimiters, table)
        for meta in state.tokens_meta:
            if meta and "delimiters" in meta:
                _tags(state, meta["delimiters"], table)

    md.inline.ruler.before("emphasis", "goldmark_runs", rule)
    md.inline.ruler2.after("balance_pairs", "goldmark_runs", post)


def _punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def _runs(state: StateInline, silent: bool, table: RunsTable) -> bool:
    start = state.pos
    src = state.src
    ch = src[start]
    tags = table.get(ch)
    if tags is None or silent:
        return False
    end = start + 1
    while end < state.posMax and src[end] == ch:
        end += 1
    length = end - start
    if length > 2 or tags[length - 1] is None or (start > 0 and src[start - 1] == ch):
        state.pending += src[start:end]  # text, and so is each of its characters
        state.pos = end
        return True
    scanned = state.scanDelims(start, True)
    can_open, can_close = scanned.can_open, scanned.can_close
    if ch == "^" and length == 1 and end < state.posMax and src[end] in _SUP_LETTERLIKE:
        before = src[start - 1] if start > 0 else " "
        can_open = True
        can_close = not (isWhiteSpace(ord(before)) or _punct(before))
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = ch
        state.delimiters.append(
            Delimiter(
                marker=ord(ch),
                length=length,
                token=len(state.tokens) - 1,
                end=-1,
                open=can_open,
                close=can_close,
            )
        )
    state.pos = end
    return True


def _tags(state: StateInline, delimiters: list[Delimiter], table: RunsTable) -> None:
    """Paired delimiters to tags (markdown-it's emphasis post-processing, for these runs)."""
    i = len(delimiters) - 1
    while i >= 0:
        opener = delimiters[i]
        tags = table.get(chr(opener.marker))
        if tags is None or opener.end == -1:
            i -= 1
            continue
        closer = delimiters[opener.end]
        double = (
            i > 0
            and delimiters[i - 1].end == opener.end + 1
            and delimiters[i - 1].marker == opener.marker
            and delimiters[i - 1].token == opener.token - 1
            and delimiters[opener.end + 1].token == closer.token + 1
        )
        tag = cast(str, tags[opener.length - 1])  # a run is pushed only when it has one
        kind = "s" if tag == "del" else tag
        markup = chr(opener.marker) * (2 if double else 1)
        for token, end in (
            (state.tokens[opener.token], "open"),
            (state.tokens[closer.token], "close"),
        ):
            token.type = f"{kind}_{end}"
            token.tag = tag
            token.nesting = 1 if end == "open" else -1
            token.markup = markup
            token.content = ""
        if double:
            state.tokens[delimiters[i - 1].token].content = ""
            state.tokens[delimiters[opener.end + 1].token].content = ""
            i -= 1
        i -= 1
