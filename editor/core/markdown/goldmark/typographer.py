"""Goldmark's typographer (goldmark/extension/typographer.go) for markdown-it-py.

Quotes are decided by flanking, not pairing, with its special cases for '90s, 'em, don't,
I've ...; a closing quote needs an opened one, counted page-wide (QuoteCounts). Text tokens
with typography become "typo_text" tokens whose content is HTML with named entities (or the
site's substitutions, markup.goldmark.extensions.typographer).
`install` adds its "<<" rule; `typographer_rule` is the core rule that substitutes.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from editor.core.markdown.goldmark.chars import (
    ASCII_PUNCT,
    LINE_SPACE,
    SPACE,
    is_punct_rune,
    is_space,
)
from editor.core.markdown.goldmark.inline import LINE_TAIL

__all__ = [
    "DEFAULT_SUBSTITUTIONS",
    "QUOTES",
    "QuoteCounts",
    "has_typography",
    "install",
    "typographer_rule",
]


def _angle_quotes(state: StateInline, silent: bool) -> bool:
    """ "<<" is the typographer's before raw HTML or an autolink can start at its second "<"."""
    if silent or not state.src.startswith("<<", state.pos):
        return False
    append = getattr(state, "append_pending", None)  # markdown-it-py >= 4.3
    if append is not None:
        append("<<")  # `pending +=` would copy the whole pending text each time
    else:  # pragma: no cover - older markdown-it-py
        state.pending += "<<"
    state.pos += 2
    return True


def install(md: MarkdownIt) -> None:
    """The typographer's inline rule: "<<" is its own before raw HTML or an autolink."""
    md.inline.ruler.before("autolink", "goldmark_angle_quotes", _angle_quotes)


_CHARS = {  # what each of Goldmark's substitutions is (the default's character)
    "apos": "\u2019",
    "lsquo": "\u2018",
    "rsquo": "\u2019",
    "ldquo": "\u201c",
    "rdquo": "\u201d",
    "ndash": "\u2013",
    "mdash": "\u2014",
    "hellip": "\u2026",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
}
# the default substitutions: named entities (Goldmark's apostrophe is &rsquo; too)
DEFAULT_SUBSTITUTIONS = {name: f"&{'rsquo' if name == 'apos' else name};" for name in _CHARS}
_TRIGGERS = re.compile(r"['\"]|--|\.\.\.|<<|>>")


@lru_cache(maxsize=8)
def _substitutions(chosen: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The site's substitutions (markup.goldmark.extensions.typographer) over the defaults."""
    return {**DEFAULT_SUBSTITUTIONS, **dict(chosen)} if chosen else DEFAULT_SUBSTITUTIONS


def _plain(substitution: str) -> str:
    return html_lib.unescape(substitution)


def has_typography(text: str) -> bool:
    """Whether `text` holds something the typographer may change (as `_TRIGGERS` finds)."""
    return (
        "'" in text or '"' in text or "--" in text or "..." in text or "<<" in text or ">>" in text
    )


def _source_text(token: Token) -> str:
    """Roughly the source characters a token came from (for the typographer's look-around)."""
    kind = token.type
    if kind == "text":
        return token.content
    if kind == "typo_text":
        return str(token.meta["source"])
    if kind == "text_special":
        return token.markup or token.content
    if kind == "softbreak":  # with the whitespace the line's text lost before it
        tail = str(token.meta.get(LINE_TAIL, ""))
        return tail[len(tail.rstrip(LINE_SPACE)) :] + "\n"
    if kind == "hardbreak":
        return "\\\n" if token.markup == "\\" else "  \n"
    if kind == "code_inline":
        return "`" + token.content + "`"
    if kind == "html_inline":
        return token.content
    if kind in ("link_open", "footnote_ref"):
        return "["
    if kind == "image":
        return "!["
    if kind == "link_close":
        return ")"
    return token.markup or ""


def _unicode_punct(ch: str) -> bool:
    """Go's unicode.IsPunct."""
    return unicodedata.category(ch)[0] == "P"


def _ascii_punct(ch: str) -> bool:
    return ch in ASCII_PUNCT


def _ascii_space(ch: str) -> bool:
    return ch in SPACE


def _letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


QUOTES = "goldmark_quotes"  # env key: the QuoteCounts the page's earlier blocks left


class QuoteCounts:
    """Goldmark's unclosedCounter: the quotes opened and not closed yet (a closing quote
    needs one), single and double.

    Goldmark keeps it in the parser context for the whole page: the CloseBlock that would
    reset it after each block never runs (its signature is not parser.CloseBlocker's), so a
    quote left open in one block lets a closing quote in any later one close it. Inline
    content is parsed block by block in document order (every footnote definition where the
    first one stands, an image's alt text in its place), and so is it here
    (`typographer_rule` takes the counts from the parse's env, QUOTES, and leaves them there).

    Besides the counts as they go (`single`, `double`, from the ones given), it keeps them as
    they would go from (0, 0) (`base_*`) and how many closing quotes found none open there
    (`starved_*`): from k open quotes the output differs from (0, 0)'s only in that the
    first min(k, starved) of those close, and the counts after are base + max(0, k - starved).
    The renderer's chunk cache keys a chunk by min(k, starved) and carries the rest past it.
    """

    __slots__ = (
        "base_double",
        "base_single",
        "double",
        "single",
        "starved_double",
        "starved_single",
    )

    def __init__(self, single: int = 0, double: int = 0) -> None:
        self.single = single
        self.double = double
        self.base_single = self.base_double = 0
        self.starved_single = self.starved_double = 0

    def starved(self) -> tuple[int, int]:
        return self.starved_single, self.starved_double

    def counts(self) -> tuple[int, int]:
        return self.single, self.double

    def __repr__(self) -> str:
        return (
            f"QuoteCounts({self.single}, {self.double}, base=({self.base_single}, "
            f"{self.base_double}), starved={self.starved()})"
        )


def _quote(c: str, line: str, before: str, after: str, counter: QuoteCounts) -> str | None:
    """Goldmark's typographer for a quote at the start of `line` (the rest of its line, or
    its first 6 characters at least); `after` is the character after this run of quotes."""
    n = len(line[:5].encode("utf-8"))  # Goldmark's byte count; only n < 5 matters
    bp, bs = is_punct_rune(before), is_space(before)
    ap, as_ = is_punct_rune(after), is_space(after)
    can_open = not as_ and (not ap or bs or bp)
    can_close = not bs and (not bp or as_ or ap)
    l1 = line[1] if len(line) > 1 else ""
    l2 = line[2] if len(line) > 2 and l1.isascii() else ""
    l3 = line[3] if len(line) > 3 and l1.isascii() and l2.isascii() else ""
    maybe_close = (
        can_close
        and can_open
        and n > 1
        and _unicode_punct(l1)
        and (n == 2 or (n > 2 and _ascii_punct(l2)) or _ascii_space(l2))
    )
    if c == "'":
        if can_open and not can_close and n > 3 and l1.isdigit() and l2.isdigit() and l3 == "s":
            after4 = line[4] if len(line) > 4 else " "
            if n == 3 or is_space(after4) or is_punct_rune(after4):
                return "apos"
        if n > 1 and (_unicode_punct(before) or is_space(before)) and l1 in ("t", "e", "n", "l"):
            return "apos"
        if n > 1 and (_digit(before) or _letter(before)) and l1 and _letter(l1):
            return "apos"
        if can_open and not can_close:
            name = "lsquo"
            if (
                n > 1
                and l1 in ("s", "m", "t", "d")
                and (n < 3 or _ascii_punct(l2) or _ascii_space(l2))
            ):
                name = "rsquo"
            if (
                n > 2
                and l1 + l2 in ("ve", "ll", "re")
                and (n < 4 or _ascii_punct(l3) or _ascii_space(l3))
            ):
                name = "rsquo"
            if name == "lsquo":
                counter.single += 1
                counter.base_single += 1
            return name
        if n > 2 and l1 and not _digit(l1):
            return "rsquo"  # plural possessives and abbreviations: Smiths', doin'
        if (can_close and not can_open) or maybe_close:  # closes an open quote, if any
            if counter.base_single:
                counter.base_single -= 1
            else:
                counter.starved_single += 1
            if counter.single > 0:
                counter.single -= 1
                return "rsquo"
        return None
    if can_open and not can_close:
        counter.double += 1
        counter.base_double += 1
        return "ldquo"
    if (can_close and not can_open) or maybe_close:  # closes an open quote, if any
        if l1 == '"' and _digit(before):
            return None  # "Monitor 21"" (whatever is open)
        if counter.base_double:
            counter.base_double -= 1
        else:
            counter.starved_double += 1
        if counter.double > 0:
            counter.double -= 1
            return "rdquo"
    return None


def _typography(
    text: str, before: str, follow: str, counter: QuoteCounts
) -> list[tuple[str, bool]] | None:
    """Split `text` into (piece, is_entity) parts, or None when nothing changes.

    `before` is the source character before `text`, `follow` what comes after it up to the end
    of its line ("" at the end of the block, as Goldmark trims the block's last line).
    """
    if not _TRIGGERS.search(text):
        return None
    parts: list[tuple[str, bool]] = []
    plain_start = 0
    i = 0
    n = len(text)
    run_end = 0  # end of the run of identical quotes being read
    while i < n:
        ch = text[i]
        if ch not in "-.<>'\"":
            i += 1
            continue
        line = text[i : i + 6] + (follow if n - i < 6 else "")
        name: str | None = None
        width = 1
        if ch == "-":
            if len(line) > 2 and line[1] == "-" and line[2] == "-":
                name, width = "mdash", 3
            elif len(line) > 1 and line[1] == "-":
                name, width = "ndash", 2
        elif ch == ".":
            if len(line) > 2 and line[1] == "." and line[2] == ".":
                name, width = "hellip", 3
        elif ch in "<>":
            if len(line) > 1 and line[1] == ch:
                name, width = ("laquo" if ch == "<" else "raquo"), 2
        else:
            prev = text[i - 1] if i > 0 else before
            if i >= run_end or text[run_end - 1] != ch:
                run_end = i + 1
                while run_end < n and text[run_end] == ch:
                    run_end += 1
            name = _quote(ch, line, prev, _after_run(text, run_end, follow, ch), counter)
        if name is None:
            i += 1
            continue
        if plain_start < i:
            parts.append((text[plain_start:i], False))
        parts.append((name, True))
        i += width
        plain_start = i
    if not parts:
        return None
    if plain_start < n:
        parts.append((text[plain_start:], False))
    return parts


def _after_run(text: str, run_end: int, follow: str, ch: str) -> str:
    """The character after a run of `ch` that ends at `run_end` (or runs on into `follow`)."""
    if run_end < len(text):
        return text[run_end]
    rest = follow.lstrip(ch)
    return rest[0] if rest else " "


def _follow(children: list[Token], k: int) -> str:
    """Source text after token k up to the end of its line (at most a few characters)."""
    out = ""
    for token in children[k + 1 :]:
        piece = _source_text(token)
        cut = piece.find("\n")
        if cut >= 0:
            return out + piece[: cut + 1]
        out += piece
        if len(out) > 6:
            break
    return out


def _typographer_children(
    children: list[Token],
    counter: QuoteCounts,
    subs: dict[str, str] = DEFAULT_SUBSTITUTIONS,
) -> None:
    """Turn text tokens with typography into "typo_text" tokens (HTML: the substitutions,
    named entities unless the site chose others), an image's alt text in its place."""
    in_autolink = 0
    for k, token in enumerate(children):
        kind = token.type
        if kind == "link_open" and token.info == "auto":
            in_autolink += 1
        elif kind == "link_close" and token.info == "auto":
            in_autolink -= 1
        elif kind == "image" and token.children:
            _typographer_children(token.children, counter, subs=subs)
        if kind != "text" or in_autolink or not _TRIGGERS.search(token.content):
            continue
        before = "\n"
        if k > 0:
            before = _source_text(children[k - 1])[-1:] or " "
        # a table cell's text ends where its segment does: Goldmark trims the cell before
        # the typographer reads it, so no space after it is seen
        follow = _follow(children, k)
        parts = _typography(token.content, before, follow, counter)
        if parts is None:
            continue
        html: list[str] = []
        plain: list[str] = []
        for piece, is_entity in parts:
            if is_entity:
                html.append(subs[piece])
                plain.append(
                    _CHARS[piece] if subs is DEFAULT_SUBSTITUTIONS else _plain(subs[piece])
                )
            else:
                html.append(escapeHtml(piece))
                plain.append(piece)
        source = token.content
        token.type = "typo_text"
        token.content = "".join(html)
        first = parts[0][0] if not parts[0][1] else _plain(subs[parts[0][0]])
        # "head"/"tail": the source text before the first and after the last substitution
        # (each substitution is a node of its own in Goldmark)
        token.meta = {
            "plain": "".join(plain),
            "source": source,
            "first": first,
            "head": "" if parts[0][1] else parts[0][0],
            "tail": "" if parts[-1][1] else parts[-1][0],
        }


def _goldmark_order(tokens: list[Token]) -> Iterable[int]:
    """The tokens' indices in the order Goldmark parses their inline content: the document's,
    but every footnote definition where the first one stands (its block parser moves each
    into one list there as it closes, before any inline content is parsed)."""
    spans: list[tuple[int, int]] = []
    depth = start = 0
    for i, token in enumerate(tokens):
        if token.type == "footnote_reference_open":
            if depth == 0:
                start = i
            depth += 1
        elif token.type == "footnote_reference_close" and depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if len(spans) < 2:
        return range(len(tokens))
    order = list(range(spans[0][0]))
    for begin, end in spans:
        order.extend(range(begin, end))
    after = spans[0][1]
    for begin, end in spans[1:]:
        order.extend(range(after, begin))
        after = end
    order.extend(range(after, len(tokens)))
    return order


def typographer_rule(state: StateCore, *, triggered_only: bool = False) -> None:
    """Goldmark's typographer over every inline token, in Goldmark's order, with the quote
    counts of the env's QUOTES (page-wide; new ones without it); with `triggered_only`,
    past those whose content `has_typography` says it leaves as it is (the same result,
    faster: without a quote the counts do not change)."""
    tokens = state.tokens
    counter = state.env.get(QUOTES)
    if counter is None:
        counter = state.env[QUOTES] = QuoteCounts()
    subs = _substitutions(getattr(state.md.options["goldmark"], "typographer_subs", ()))
    order = _goldmark_order(tokens) if "footnotes" in state.env else range(len(tokens))
    for i in order:
        token = tokens[i]
        if token.type == "inline" and token.children:
            if triggered_only and not has_typography(token.content):
                continue
            _typographer_children(token.children, counter, subs)
