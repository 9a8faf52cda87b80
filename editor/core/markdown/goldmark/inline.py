"""Goldmark's inline extensions for markdown-it-py: linkify and the typographer.

(The text of headings and images is in goldmark_text.py.)

Linkify follows goldmark/extension/linkify.go: a candidate starts at a line head, after
whitespace, after "(" or right after another inline node; "http:", "https:", "ftp:" and "www."
use Goldmark's regular expressions, e-mail addresses its local-part rules, and trailing
punctuation, unbalanced ")" and entity-like "&x;" endings are trimmed. The typographer follows
goldmark/extension/typographer.go (quotes decided by flanking, not pairing; its special cases
for '90s, 'em, don't, I've ...) and turns text tokens into "typo_text" tokens whose content
is HTML with named entities.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

__all__ = ["LINE_TAIL", "WWW_STOP", "has_typography", "install", "typographer_rule"]

_URL_RE = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?"
)
_WWW_RE = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
)
_EMAIL_LOCAL = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-"
)
_EMAIL_DOMAIN_RE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_TRAILING = "?!.,:*_~"
_ENTITY_END_RE = re.compile(r"&[A-Za-z0-9]+;$")
_SPACE = " \t\n\r\v\f"
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_NODE_END = frozenset("*_~=+^`>;)]")  # "=+^": the extras' delimiters
WWW_STOP = r"|(?<=www)\."  # added to the text rule's terminators with linkify
# a break token's meta: the source text between the token before it and the break (a hard
# break's two spaces left out), when there is any
LINE_TAIL = "goldmark_line_tail"
_LINE_SPACE = " \t\v\f"


def _trim_url(url: str) -> str:
    while url:
        before = url
        url = url.rstrip(_TRAILING)
        if url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        elif url.endswith(";"):
            match = _ENTITY_END_RE.search(url)
            if match is not None:
                url = url[: match.start()]
        if url == before:
            break
    return url


def _at_boundary(state: StateInline, start: int) -> bool:
    """May a Goldmark linkify candidate start at `start`?"""
    if start == 0:
        return True
    src = state.src
    prev = src[start - 1]
    j = start - 1
    while j >= 0 and src[j] in " \t":
        j -= 1
    if j < 0 or src[j] == "\n":
        return True  # a line head (a continuation line's indentation is not Goldmark's)
    if prev in " (" and not _escaped(src, start - 1):
        return True  # Goldmark's linkify skips only these (not a tab); escaped, no trigger
    if prev == " " and not getattr(state.md.options["goldmark"], "escaped_space", False):
        return True  # an escaped space triggers unless the cjk extension's escapedSpace is on
    if (
        len(state.pending) == state.pos - start
        and prev in _NODE_END
        and state.tokens[-1].type != "text_special"
    ):
        return True  # right after a delimiter, code span, raw HTML, entity, link...
    before = state.src[start - 2] if start >= 2 else "\n"
    if prev in "\"'":
        return _is_space(before) or _is_punct(before)  # an opening quote the typographer took
    if prev == "-":
        return before == "-"
    return prev == "." and state.src[max(start - 3, 0) : start] == "..."


def _escaped(src: str, i: int) -> bool:
    """Whether src[i] follows an odd run of backslashes."""
    j = i
    while j > 0 and src[j - 1] == "\\":
        j -= 1
    return (i - j) % 2 == 1


def _email_end(src: str, start: int) -> int:
    i = start
    while i < len(src) and src[i] in _EMAIL_LOCAL:
        i += 1
    if i == start or i >= len(src) or src[i] != "@":
        return -1
    domain = _EMAIL_DOMAIN_RE.match(src, i + 1)
    if domain is None:
        return -1
    return domain.end()


def _push_link(state: StateInline, start: int, end: int, href: str) -> None:
    text = state.src[start:end]
    cut = state.pos - start
    state.pending = state.pending[: len(state.pending) - cut]
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": state.md.normalizeLink(href)}
    token.markup = "linkify"
    token.info = "auto"
    token = state.push("text", "", 0)
    token.content = text
    token = state.push("link_close", "a", -1)
    token.markup = "linkify"
    token.info = "auto"
    state.pos = end


def _linkify(state: StateInline, silent: bool) -> bool:
    if state.linkLevel > 0 or silent:
        return False
    pos, src = state.pos, state.src
    ch = src[pos]
    protocol = state.md.options.get("linkify_protocol", "https")
    if ch == ":":
        for scheme in ("https", "http", "ftp"):
            start = pos - len(scheme)
            if start < 0 or src[start:pos] != scheme or len(state.pending) < len(scheme):
                continue
            if not _at_boundary(state, start):
                return False
            match = _URL_RE.match(src, start, state.posMax)
            if match is None:
                return False
            url = _trim_url(match.group(0))
            _push_link(state, start, start + len(url), url)
            return True
        return False
    if ch == ".":
        start = pos - 3
        if start < 0 or src[start:pos] != "www" or len(state.pending) < 3:
            return False
        if not _at_boundary(state, start):
            return False
        match = _WWW_RE.match(src, start, state.posMax)
        if match is None:
            return False
        url = _trim_url(match.group(0))
        _push_link(state, start, start + len(url), f"{protocol}://{url}")
        return True
    if ch == "@":
        start = pos
        while start > 0 and src[start - 1] in _EMAIL_LOCAL and pos - start < len(state.pending):
            start -= 1
        while start < pos and not _at_boundary(state, start):
            start += 1
        if start == pos or src[start] in _ASCII_PUNCT:
            return False
        end = _email_end(src, start)
        if end < 0 or end > state.posMax or "." not in src[pos:end]:
            return False
        if src[end - 1] == ".":
            end -= 1
        if end < state.posMax and src[end] in "-_":
            return False
        if "." not in src[pos : end - 1]:
            return False
        _push_link(state, start, end, "mailto:" + src[start:end])
        return True
    return False


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


def _line_text(pending: str, linkify: bool) -> str:
    """What Goldmark keeps of a line's text before its break: a hard break's two spaces go;
    then, with linkify (each whitespace character is its trigger and ends a Text node there),
    the last whitespace character only, else all the trailing whitespace."""
    text = pending[:-2] if pending.endswith("  ") else pending
    if linkify:
        return text[:-1] if text and text[-1] in _LINE_SPACE else text
    return text.rstrip(_LINE_SPACE)


def _newline(original: Any, linkify: bool) -> Any:
    """markdown-it's newline rule, trimming a line's text before its break as Goldmark does
    (tabs too, not only spaces); the break's meta LINE_TAIL keeps that text as written."""

    def rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "\n":
            return False
        pending = state.pending
        last = state.tokens[-1] if state.tokens else None
        escape = None  # an escaped space or tab ("\\ " is no escape but markdown-it's token)
        if last is not None and last.type == "text_special" and last.markup[-1:] in _LINE_SPACE:
            escape = last
        if escape is not None and escape.markup == "\\ " and pending == " ":
            # "\\  " before the break: markdown-it's escape took one of the two spaces
            # Goldmark counts for a hard break
            state.pending = pending = "  "
        count = len(state.tokens)
        if not original(state, silent):
            return False
        if silent or len(state.tokens) == count:
            return True
        tail = pending[:-2] if pending.endswith("  ") else pending
        if tail:
            state.tokens[-1].meta[LINE_TAIL] = tail
        if len(state.tokens) == count + 2 and state.tokens[-2].type == "text":
            state.tokens[-2].content = _line_text(pending, linkify)  # the flushed line text
        if escape is not None and not (tail.strip(_LINE_SPACE) or (linkify and tail)):
            escape.content = "\\"  # it ends the line's text: its space or tab is trimmed
        return True

    return rule


def _raw_anchors_link_nothing(original: Any) -> Any:
    """markdown-it's raw HTML rule, without its count of open raw <a> tags: markdown-it keeps
    linkify out of them (state.linkLevel), Goldmark's linkify does not look at raw HTML.
    linkLevel is left to link labels, where Goldmark's linkify stays out too."""

    def rule(state: StateInline, silent: bool) -> bool:
        level = state.linkLevel
        if not original(state, silent):
            return False
        state.linkLevel = level
        return True

    return rule


def install(md: MarkdownIt, enabled: bool, protocol: str, typographer: bool) -> None:
    """Add Goldmark's linkify to `md` (markdown-it's own linkify stays off) and its trimming
    of a line's end."""
    newline = md.inline.ruler.__rules__[md.inline.ruler.__find__("newline")]
    md.inline.ruler.at("newline", _newline(newline.fn, enabled))
    md.options["linkify_protocol"] = protocol
    if typographer:
        md.inline.ruler.before("autolink", "goldmark_angle_quotes", _angle_quotes)
    if not enabled:
        return
    md.inline.ruler.before("linkify", "goldmark_linkify", _linkify)
    html = md.inline.ruler.__rules__[md.inline.ruler.__find__("html_inline")]
    md.inline.ruler.at("html_inline", _raw_anchors_link_nothing(html.fn))
    # stop the text rule at "." only after "www" (stopping at every "." costs 10% of a parse)
    md.inline.terminator_re = re.compile(md.inline.terminator_re.pattern + WWW_STOP)


# --- typographer ---------------------------------------------------------------------------

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
        return tail[len(tail.rstrip(_LINE_SPACE)) :] + "\n"
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


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _is_punct_rune(ch: str) -> bool:
    """Goldmark's util.IsPunctRune (Unicode punctuation or symbol)."""
    if ch in _ASCII_PUNCT:
        return True
    return ord(ch) > 127 and unicodedata.category(ch)[0] in "PS"


_is_punct = _is_punct_rune


def _unicode_punct(ch: str) -> bool:
    """Go's unicode.IsPunct."""
    return unicodedata.category(ch)[0] == "P"


def _ascii_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT


def _ascii_space(ch: str) -> bool:
    return ch in _SPACE


def _letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


class _Counter:
    """Goldmark's per-block count of opened quotes (a closing quote needs an opened one)."""

    __slots__ = ("double", "single")

    def __init__(self) -> None:
        self.single = 0
        self.double = 0


def _quote(c: str, line: str, before: str, after: str, counter: _Counter) -> str | None:
    """Goldmark's typographer for a quote at the start of `line` (the rest of its line, or
    its first 6 characters at least); `after` is the character after this run of quotes."""
    n = len(line[:5].encode("utf-8"))  # Goldmark's byte count; only n < 5 matters
    bp, bs = _is_punct_rune(before), _is_space(before)
    ap, as_ = _is_punct_rune(after), _is_space(after)
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
            if n == 3 or _is_space(after4) or _is_punct_rune(after4):
                return "apos"
        if n > 1 and (_unicode_punct(before) or _is_space(before)) and l1 in ("t", "e", "n", "l"):
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
            return name
        if n > 2 and l1 and not _digit(l1):
            return "rsquo"  # plural possessives and abbreviations: Smiths', doin'
        if counter.single > 0 and ((can_close and not can_open) or maybe_close):
            counter.single -= 1
            return "rsquo"
        return None
    if can_open and not can_close:
        counter.double += 1
        return "ldquo"
    if counter.double > 0 and ((can_close and not can_open) or maybe_close):
        if l1 == '"' and _digit(before):
            return None  # "Monitor 21""
        counter.double -= 1
        return "rdquo"
    return None


def _typography(
    text: str, before: str, follow: str, counter: _Counter
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
    children: list[Token], tail: str = "", subs: dict[str, str] = DEFAULT_SUBSTITUTIONS
) -> None:
    """Turn text tokens with typography into "typo_text" tokens (HTML: the substitutions,
    named entities unless the site chose others)."""
    in_autolink = 0
    counter = _Counter()
    for k, token in enumerate(children):
        kind = token.type
        if kind == "link_open" and token.info == "auto":
            in_autolink += 1
        elif kind == "link_close" and token.info == "auto":
            in_autolink -= 1
        if kind != "text" or in_autolink or not _TRIGGERS.search(token.content):
            continue
        before = "\n"
        if k > 0:
            before = _source_text(children[k - 1])[-1:] or " "
        follow = _follow(children, k)
        if "\n" not in follow:
            follow += tail
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


_PIPE_RE = re.compile(r"(?<!\\)\|")


def _cell_tails(line: str) -> list[str]:
    """The whitespace after each cell's text in a table row (Goldmark's cell ends at "|")."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    cells = _PIPE_RE.split(row)
    return [cell[len(cell.rstrip()) :] for cell in cells]


def typographer_rule(state: StateCore, *, triggered_only: bool = False) -> None:
    """Goldmark's typographer over every inline token; with `triggered_only`, past those
    whose content `has_typography` says it leaves as it is (the same result, faster)."""
    tokens = state.tokens
    subs = _substitutions(getattr(state.md.options["goldmark"], "typographer_subs", ()))
    lines: list[str] | None = None
    tails: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open" and token.map:
            if lines is None:
                lines = state.src.split("\n")
            row = token.map[0]
            tails = _cell_tails(lines[row]) if row < len(lines) else []
        if token.type == "inline" and token.children:
            tail = ""
            if i > 0 and tokens[i - 1].type in ("td_open", "th_open"):
                tail = tails.pop(0) if tails else ""
            if triggered_only and not has_typography(token.content):
                continue
            _typographer_children(token.children, tail, subs)
            for child in token.children:
                if child.type == "image" and child.children:
                    _typographer_children(child.children, subs=subs)
