"""Goldmark's inline behaviour for markdown-it-py: linkify and the end of a line.

(The typographer is in goldmark/typographer.py, the text of headings and images in
goldmark/text.py.)

Linkify follows goldmark/extension/linkify.go: a candidate starts at a line head, after
a space, after "(" or right after another inline node; "http:", "https:", "ftp:" and "www."
use Goldmark's regular expressions, e-mail addresses its local-part rules, and trailing
punctuation, unbalanced ")" and entity-like "&x;" endings are trimmed. A line's text before
its break is trimmed as Goldmark trims it (LINE_TAIL keeps it as written on the break).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from editor.core.markdown.goldmark.chars import (
    ASCII_PUNCT,
    LINE_SPACE,
    is_punct_rune,
    is_space,
)

__all__ = ["LINE_TAIL", "WWW_STOP", "install"]

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
_NODE_END = frozenset("*_~=+^`>;)]")  # "=+^": the extras' delimiters
WWW_STOP = r"|(?<=www)\."  # added to the text rule's terminators with linkify
# a break token's meta: the source text between the token before it and the break (a hard
# break's two spaces left out), when there is any
LINE_TAIL = "goldmark_line_tail"


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
        return is_space(before) or is_punct_rune(before)  # an opening quote the typographer took
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
        if start == pos or src[start] in ASCII_PUNCT:
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


def _line_text(pending: str, linkify: bool) -> str:
    """What Goldmark keeps of a line's text before its break: a hard break's two spaces go;
    then, with linkify (each whitespace character is its trigger and ends a Text node there),
    the last whitespace character only, else all the trailing whitespace."""
    text = pending[:-2] if pending.endswith("  ") else pending
    if linkify:
        return text[:-1] if text and text[-1] in LINE_SPACE else text
    return text.rstrip(LINE_SPACE)


def _newline(original: Any, linkify: bool) -> Any:
    """markdown-it's newline rule, trimming a line's text before its break as Goldmark does
    (tabs too, not only spaces); the break's meta LINE_TAIL keeps that text as written."""

    def rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "\n":
            return False
        pending = state.pending
        last = state.tokens[-1] if state.tokens else None
        escape = None  # an escaped space or tab ("\\ " is no escape but markdown-it's token)
        if last is not None and last.type == "text_special" and last.markup[-1:] in LINE_SPACE:
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
        if escape is not None and not (tail.strip(LINE_SPACE) or (linkify and tail)):
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


def install(md: MarkdownIt, enabled: bool, protocol: str) -> None:
    """Add Goldmark's linkify to `md` (markdown-it's own linkify stays off) and its trimming
    of a line's end."""
    newline = md.inline.ruler.__rules__[md.inline.ruler.__find__("newline")]
    md.inline.ruler.at("newline", _newline(newline.fn, enabled))
    md.options["linkify_protocol"] = protocol
    if not enabled:
        return
    md.inline.ruler.before("linkify", "goldmark_linkify", _linkify)
    html = md.inline.ruler.__rules__[md.inline.ruler.__find__("html_inline")]
    md.inline.ruler.at("html_inline", _raw_anchors_link_nothing(html.fn))
    # stop the text rule at "." only after "www" (stopping at every "." costs 10% of a parse)
    md.inline.terminator_re = re.compile(md.inline.terminator_re.pattern + WWW_STOP)
