"""Goldmark's inline extensions for markdown-it-py: linkify, the typographer, heading text.

Linkify follows goldmark/extension/linkify.go: a candidate starts at a line head, after
whitespace, after "(" or right after another inline node; "http:", "https:", "ftp:" and "www."
use Goldmark's regular expressions, e-mail addresses its local-part rules, and trailing
punctuation, unbalanced ")" and entity-like "&x;" endings are trimmed. The typographer follows
goldmark/extension/typographer.go (quotes decided by flanking, not pairing; its special cases
for '90s, 'em, don't, I've ...) and turns text tokens into "typo_text" tokens whose content
is HTML with named entities.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

__all__ = ["alt_text", "install", "plain_text", "toc_title", "typographer_rule"]

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
_NODE_END = frozenset("*_~`>;)]")


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
    prev = state.src[start - 1]
    if prev in _SPACE or prev == "(":
        return True
    if len(state.pending) == state.pos - start and prev in _NODE_END:
        return True  # right after a delimiter, code span, raw HTML, entity, link...
    before = state.src[start - 2] if start >= 2 else "\n"
    if prev in "\"'":
        return _is_space(before) or _is_punct(before)  # an opening quote the typographer took
    if prev == "-":
        return before == "-"
    return prev == "." and state.src[max(start - 3, 0) : start] == "..."


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
    state.pending += "<<"
    state.pos += 2
    return True


def install(md: MarkdownIt, enabled: bool, protocol: str, typographer: bool) -> None:
    """Add Goldmark's linkify to `md` (markdown-it's own linkify stays off)."""
    md.options["linkify_protocol"] = protocol
    if typographer:
        md.inline.ruler.before("autolink", "goldmark_angle_quotes", _angle_quotes)
    if not enabled:
        return
    md.inline.ruler.before("linkify", "goldmark_linkify", _linkify)
    # stop the text rule at "." only after "www" (stopping at every "." costs 10% of a parse)
    base = md.inline.terminator_re.pattern
    md.inline.terminator_re = re.compile(f"{base}|(?<=www)\\.")


# --- typographer ---------------------------------------------------------------------------

_CHARS = {
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
_TRIGGERS = re.compile(r"['\"]|---?|\.\.\.|<<|>>")


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _is_punct(ch: str) -> bool:
    if ch in _ASCII_PUNCT:
        return True
    return ord(ch) > 127 and unicodedata.category(ch)[0] in "PS"


def _is_unicode_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "P"


def _first_char(token: Token) -> str:
    if token.type in ("text", "text_special", "html_inline"):
        return token.content[:1] or " "
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "code_inline":
        return "`"
    if token.type in ("link_open", "image", "footnote_ref"):
        return "!" if token.type == "image" else "["
    if token.markup:
        return token.markup[0]
    return " "


def _last_char(token: Token) -> str:
    if token.type == "typo_text":
        return str(token.meta["source"][-1:] or " ")
    if token.type == "text":
        return token.content[-1:] or " "
    if token.type == "text_special":
        return token.content[-1:] or " "
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "code_inline":
        return "`"
    if token.type == "html_inline":
        return ">"
    if token.type in ("link_close", "image"):
        return ")"
    if token.type == "footnote_ref":
        return "]"
    if token.markup:
        return token.markup[-1]
    return " "


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    before_p, after_p = _is_punct(before), _is_punct(after)
    before_s, after_s = _is_space(before), _is_space(after)
    left = not after_s and (not after_p or before_s or before_p)
    right = not before_s and (not before_p or after_s or after_p)
    return left, right


def _single_quote(before: str, line: str, can_open: bool, can_close: bool) -> str | None:
    n = len(line)
    if (
        can_open
        and not can_close
        and n > 3
        and line[1].isdigit()
        and line[2].isdigit()
        and line[3] == "s"
    ):
        after = line[4] if n > 4 else " "
        if _is_space(after) or _is_punct(after):
            return "rsquo"
    if n > 1 and (_is_unicode_punct(before) or _is_space(before)) and line[1] in "tenl":
        return "rsquo"
    if n > 1 and (before.isdigit() or before.isalpha()) and line[1].isalpha():
        return "rsquo"
    if can_open and not can_close:
        if n > 1 and line[1] in "smtd" and (n < 3 or _is_punct(line[2]) or _is_space(line[2])):
            return "rsquo"
        if (
            n > 2
            and line[1:3] in ("ve", "ll", "re")
            and (n < 4 or _is_punct(line[3]) or _is_space(line[3]))
        ):
            return "rsquo"
        return "lsquo"
    if n > 2 and not line[1].isdigit():
        return "rsquo"
    if can_close and not can_open:
        return "rsquo"
    return None


def _typography(text: str, before: str, after: str) -> list[tuple[str, bool]] | None:
    """Split `text` into (piece, is_entity) parts, or None when nothing changes."""
    if not _TRIGGERS.search(text):
        return None
    parts: list[tuple[str, bool]] = []
    plain_start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        name: str | None = None
        width = 1
        if ch == "-" and text.startswith("--", i):
            name, width = ("mdash", 3) if text.startswith("---", i) else ("ndash", 2)
        elif ch == "." and text.startswith("...", i):
            name, width = "hellip", 3
        elif ch == "<" and text.startswith("<<", i):
            name, width = "laquo", 2
        elif ch == ">" and text.startswith(">>", i):
            name, width = "raquo", 2
        elif ch in "'\"":
            prev = text[i - 1] if i > 0 else before
            j = i
            while j < n and text[j] == ch:
                j += 1
            nxt = text[j] if j < n else after
            can_open, can_close = _flanking(prev, nxt)
            line = text[i:].split("\n", 1)[0]
            line += "\n" if "\n" in text[i:] or j < n else after
            if ch == "'":
                name = _single_quote(prev, line, can_open, can_close)
            elif can_open and not can_close:
                name = "ldquo"
            elif can_close and not can_open:
                name = "rdquo"
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


def _typographer_children(children: list[Token]) -> None:
    """Turn text tokens with typography into "typo_text" tokens (HTML with named entities)."""
    in_autolink = 0
    for k, token in enumerate(children):
        kind = token.type
        if kind == "link_open" and token.info == "auto":
            in_autolink += 1
        elif kind == "link_close" and token.info == "auto":
            in_autolink -= 1
        if kind != "text" or in_autolink or not _TRIGGERS.search(token.content):
            continue
        before = _last_char(children[k - 1]) if k > 0 else "\n"
        after = _first_char(children[k + 1]) if k + 1 < len(children) else "\n"
        parts = _typography(token.content, before, after)
        if parts is None:
            continue
        html: list[str] = []
        plain: list[str] = []
        for piece, is_entity in parts:
            if is_entity:
                html.append(f"&{piece};")
                plain.append(_CHARS[piece])
            else:
                html.append(escapeHtml(piece))
                plain.append(piece)
        token.type = "typo_text"
        source = token.content
        token.content = "".join(html)
        token.meta = {"plain": "".join(plain), "source": source}


def typographer_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            _typographer_children(token.children)
            for child in token.children:
                if child.type == "image" and child.children:
                    _typographer_children(child.children)


# --- text of a heading or an image --------------------------------------------------------


def plain_text(children: Sequence[Token], *, last_line: bool = False) -> str:
    """The heading's text as Goldmark sees it for ids (typography as characters, no HTML).

    With `last_line`, only what follows the last line break (Goldmark makes a multi-line
    setext heading's id from its last line).
    """
    out: list[str] = []
    for token in children:
        if last_line and token.type in ("softbreak", "hardbreak"):
            out.clear()
            continue
        if token.type in ("text", "text_special", "code_inline"):
            out.append(token.content)
        elif token.type == "typo_text":
            out.append(token.meta["plain"])
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "image" and token.children:
            out.append(plain_text(token.children))
    return "".join(out)


_RICH = frozenset(("em_open", "strong_open", "code_inline", "link_open", "image"))
_ENTITY_RE = re.compile("&(" + "|".join(_CHARS) + ");")


def toc_title(children: Sequence[Token]) -> str:
    """The heading's title in Hugo's `.TableOfContents` (links as text, raw HTML dropped)."""
    out: list[str] = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            out.append(escapeHtml(token.content))
        elif kind == "typo_text":
            out.append(token.content)
        elif kind == "code_inline":
            out.append(f"<code>{escapeHtml(token.content)}</code>")
        elif kind in ("em_open", "strong_open", "em_close", "strong_close"):
            slash = "/" if kind.endswith("close") else ""
            out.append(f"<{slash}{token.tag}>")
        elif kind == "image" and token.children:
            out.append(escapeHtml(plain_text(token.children)))
        elif kind == "softbreak":
            out.append("\n")
    title = "".join(out)
    if any(token.type in _RICH for token in children):
        title = _ENTITY_RE.sub(lambda m: _CHARS[m.group(1)], title)
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
