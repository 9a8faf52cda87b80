"""Hugo's passthrough extension (hugo-goldmark-extensions/passthrough 0.5.0) for markdown-it.

With `markup.goldmark.extensions.passthrough` enabled, text between the site's delimiters
(`$...$`, `\\(...\\)`, `$$...$$`, `\\[...\\]`: math, mostly) is kept as written: no Markdown
inside it, no escaping, written out raw, delimiters included (Hugo without a
render-passthrough hook). Every delimiter is looked for inline, the block ones first; a
passthrough with block delimiters then splits its paragraph (or a tight list item's text)
and stands between the pieces as a block of its own.

Goldmark's ways, kept: the passthrough is the source between its delimiters, so one that
runs over lines in a blockquote or a list keeps their "> " and indentation; `\\\\` before an
opener is text, `\\` and the opener's own escapes resolved; an opener without a closer on the
lines after it is text; nothing between the delimiters (`$$` with `$`) is no passthrough;
only an opener starting with ASCII punctuation is looked for (Goldmark's inline parsers fire
on punctuation). In a tight list item the text before a block loses its trailing spaces and
the text after it its leading ones; a paragraph keeps both.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.markdown.goldmark.html import after_tight_paragraph

__all__ = ["BLOCK", "INLINE", "install", "split_rule"]

INLINE = "passthrough_inline"  # token types
BLOCK = "passthrough_block"

Pair = tuple[str, str]
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def install(md: MarkdownIt, inline: Sequence[Pair], block: Sequence[Pair]) -> None:
    """Look for these delimiters in `md` (before Goldmark's linkify changes the terminators)."""
    pairs = tuple(p for p in (*block, *inline) if p[0][0].isascii() and _is_punct(p[0][0]))
    if not pairs:
        return
    for opener, _closer in pairs:
        md.inline.add_terminator_char(opener[0])
    md.inline.ruler.after("text", "goldmark_passthrough", _inline_rule(pairs))
    md.options["passthrough_blocks"] = frozenset(block)
    md.add_render_rule(INLINE, _render_raw)
    md.add_render_rule(BLOCK, after_tight_paragraph(_render_raw))


def split_rule(state: StateCore) -> None:
    """Passthroughs over lines take their source text; block ones split their paragraph."""
    blocks: frozenset[Pair] = state.md.options.get("passthrough_blocks", frozenset())
    tokens = state.tokens
    lines: list[str] | None = None
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        found = (
            token.type == "paragraph_open"
            and i + 2 < len(tokens)
            and any(child.type == INLINE for child in tokens[i + 1].children or ())
        )
        if not found:
            out.append(token)
            i += 1
            continue
        inline = tokens[i + 1]
        if inline.map is not None and "\n" in inline.content:
            if lines is None:
                lines = state.src.split("\n")
            _take_source(inline, lines)
        if any(_is_block(child, blocks) for child in inline.children or ()):
            out += _split(token, inline, tokens[i + 2], blocks)
        else:
            out += tokens[i : i + 3]
        i += 3
    state.tokens = out


# --- parsing ----------------------------------------------------------------------------


def _is_punct(ch: str) -> bool:
    return ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _opener(pairs: Sequence[Pair], src: str, pos: int) -> Pair | None:
    return next((pair for pair in pairs if src.startswith(pair[0], pos)), None)


def _inline_rule(pairs: tuple[Pair, ...]) -> Callable[[StateInline, bool], bool]:
    firsts = frozenset(opener[0] for opener, _ in pairs) | {"\\"}

    def passthrough(state: StateInline, silent: bool) -> bool:
        src, pos = state.src, state.pos
        if src[pos] not in firsts:
            return False
        pair = _opener(pairs, src, pos)
        if pair is None:
            if src.startswith("\\\\", pos):  # an escaped opener: both backslashes stay
                escaped = _opener(pairs, src, pos + 2)
                if escaped is not None:
                    end = pos + 2 + len(escaped[0])
                    if not silent:  # as Goldmark writes text: backslash escapes resolved
                        state.append_pending(_ESCAPED.sub(r"\1", src[pos:end]))
                    state.pos = end
                    return True
            return False
        opener, closer = pair
        start = pos + len(opener)
        # where a search for this closer already failed: none after (a paragraph of unclosed
        # openers stays linear; Goldmark searches again each time)
        misses: dict[tuple[str, int], int] = state.__dict__.setdefault("_passthrough_misses", {})
        key = (closer, state.posMax)
        close = -1 if start >= misses.get(key, state.posMax + 1) else -2
        if close == -2:
            close = src.find(closer, start, state.posMax)
            if close < 0:
                misses[key] = min(start, misses.get(key, start))
        if close < 0:  # no closer: the opener is text (its escapes resolved, as above)
            if not silent:
                state.append_pending(_ESCAPED.sub(r"\1", opener))
            state.pos = start
            return True
        if close == start:
            return False
        end = close + len(closer)
        if not silent:
            token = state.push(INLINE, "", 0)
            token.content = src[pos:end]
            token.markup = opener
            token.meta = {"pair": pair, "start": pos}
        state.pos = end
        return True

    return passthrough


def _take_source(inline: Token, lines: list[str]) -> None:
    """Give each passthrough of `inline` (a paragraph's) that runs over lines the source
    text Goldmark takes: every line whole after its first, prefixes ("> ", indentation)
    included. Left as parsed where a line does not end as the paragraph's does."""
    assert inline.map is not None
    content = inline.content
    starts = _line_starts(content)
    first_line = inline.map[0]
    for child in inline.children or ():
        if child.type != INLINE or "\n" not in child.content:
            continue
        start = int(child.meta["start"])
        end = start + len(child.content)
        if content[start:end] != child.content:  # not this paragraph's text (a nested parse)
            continue
        top = bisect_right(starts, start) - 1  # the lines of `content` it starts and ends on
        bottom = bisect_right(starts, end) - 1
        pieces = [content[start : starts[top + 1] - 1]]
        for j in range(top + 1, bottom + 1):
            row = first_line + j
            parsed = content[starts[j] : (starts[j + 1] - 1) if j + 1 < len(starts) else None]
            source = lines[row] if row < len(lines) else None
            prefix = _prefix(source, parsed)
            if source is None or prefix is None:
                break
            pieces.append(source if j < bottom else source[: prefix + end - starts[j]])
        else:
            child.content = "\n".join(pieces)


def _line_starts(content: str) -> list[int]:
    """Where each line of `content` starts (bisect them for a position's line)."""
    starts = [0]
    for line in content.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _prefix(source: str | None, parsed: str) -> int | None:
    """How many characters the source line has before the paragraph's text of that line."""
    if source is None:
        return None
    if source.endswith(parsed):
        return len(source) - len(parsed)
    trimmed, text = source.rstrip(), parsed.rstrip()
    if trimmed.endswith(text):
        return len(trimmed) - len(text)
    return None


def _is_block(child: Token, blocks: frozenset[Pair]) -> bool:
    return child.type == INLINE and tuple(child.meta["pair"]) in blocks


def _split(opening: Token, inline: Token, closing: Token, blocks: frozenset[Pair]) -> list[Token]:
    """The paragraph as pieces: paragraphs (tight: hidden) around passthrough blocks."""
    assert opening.map is not None
    tight = opening.hidden
    first_line, last_line = opening.map[0], opening.map[1] - 1
    out: list[Token] = []
    piece: list[Token] = []
    piece_line = first_line
    after_block = False

    def flush(end_line: int, before_block: bool) -> None:
        if not piece:
            return
        if tight and before_block:
            _trim(piece[-1], right=True)
        if tight and after_block:
            _trim(piece[0], right=False)
        line_map = [piece_line, max(end_line, piece_line) + 1]
        para = _like(opening, line_map)
        text = _like(inline, line_map)
        text.children = list(piece)
        out.extend((para, text, _like(closing, line_map)))

    starts = _line_starts(inline.content)
    for child in inline.children or ():
        if not _is_block(child, blocks):
            piece.append(child)
            continue
        top = first_line + bisect_right(starts, int(child.meta["start"])) - 1
        bottom = min(top + child.content.count("\n"), last_line)
        flush(top, before_block=True)
        block = Token(BLOCK, "", 0)
        block.block = True
        block.level = opening.level
        block.content = child.content
        block.map = [top, bottom + 1]
        out.append(block)
        piece = []
        piece_line = bottom
        after_block = True
    flush(last_line, before_block=False)
    return out


def _like(token: Token, line_map: list[int]) -> Token:
    copy = token.copy()
    copy.map = line_map
    copy.meta = dict(token.meta)
    return copy


def _trim(token: Token, *, right: bool) -> None:
    def strip(text: str) -> str:
        return text.rstrip(" \t") if right else text.lstrip(" \t")

    if token.type == "text":
        token.content = strip(token.content)
    elif token.type == "typo_text":  # the typographer's (it ran on the whole paragraph)
        token.content = strip(token.content)
        token.meta = {**token.meta, "plain": strip(str(token.meta["plain"]))}


# --- rendering ----------------------------------------------------------------------------


def _render_raw(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return tokens[idx].content
