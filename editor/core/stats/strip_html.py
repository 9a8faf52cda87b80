"""Hugo's `.Plain`: tpl.StripHTML, html/template's tag stripper, for a rendered body.

Tags and comments go, `</p>` and `<br>` become newlines, runs of whitespace shrink to their
first character, character references stay as written. A regex handles well-formed HTML; the
rest goes through `_strip_tags_exact`, html/template's state machine one state per function,
so malformed input is cut exactly where Go cuts it. stats/figures.py counts words in the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from editor.core.scripts import GO_SPACES

__all__ = ["GO_SPACE", "plain_text"]

# Go's unicode.IsSpace (Python's str.isspace also counts U+001C..U+001F, Go does not); as
# the inside of a regular-expression character class too (no range, no special character)
GO_SPACE = GO_SPACES
_SPACE_RUN_RE = re.compile(f"(?<=[{GO_SPACE}])[{GO_SPACE}]+")  # all but the first

# html/template's stripTags, fast path: comments and well-formed tags in one regex.
_HTML_WS = " \t\n\f\r"
# Possessive quantifiers: each part is read greedily, as the state machine does, and a tag that
# never closes fails in linear time instead of backtracking exponentially.
_TAG_NAME = r"[A-Za-z][A-Za-z0-9]*+(?:[:-][A-Za-z0-9]++)*+"
_ATTR = (
    rf"[^{_HTML_WS}=>'\"<]++"
    rf"(?:[{_HTML_WS}]*+=[{_HTML_WS}]*+"
    rf"(?:\"[^\"]*+\"|'[^']*+'|(?:[^{_HTML_WS}>\"'][^{_HTML_WS}>]*+)?))?"
)
_TAG_OR_COMMENT_RE = re.compile(
    rf"<!--.*?-->|</?{_TAG_NAME}(?:[{_HTML_WS}]*+{_ATTR})*+[{_HTML_WS}]*+>", re.DOTALL
)
_SPECIAL_ELEMENT_RE = re.compile(r"<(?:script|style|textarea|title)", re.IGNORECASE)
_NEWLINE_PLACEHOLDER = "___hugonl_"


def plain_text(html: str, *, collapse: bool = True) -> str:
    """Hugo's `.Plain` for a body: tpl.StripHTML (entities stay as written). Without
    `collapse`, runs of whitespace stay whole (the same words, found faster)."""
    if "<" not in html and ">" not in html:
        return html
    # Go's strings.Replacer; the patterns cannot overlap, so plain replaces give the same text.
    pre = (
        html.replace("\n", " ")
        .replace("</p>", _NEWLINE_PLACEHOLDER)
        .replace("<br>", _NEWLINE_PLACEHOLDER)
        .replace("<br />", _NEWLINE_PLACEHOLDER)
    )
    stripped = _strip_tags(pre)
    stripped = stripped.replace(_NEWLINE_PLACEHOLDER, "\n")
    return _SPACE_RUN_RE.sub("", stripped) if collapse else stripped


def _strip_tags(text: str) -> str:
    # An unterminated comment would make the regex rescan to the end from every "<!--".
    if _SPECIAL_ELEMENT_RE.search(text) is None and text.rfind("<!--") <= text.rfind("-->"):
        out = _TAG_OR_COMMENT_RE.sub("", text)
        if "<" not in out:
            return out
    return _strip_tags_exact(text)


def _eat_ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in _HTML_WS:
        i += 1
    return i


def _eat_tag_name(s: str, i: int) -> tuple[int, str]:
    n = len(s)
    if i >= n or not (s[i].isascii() and s[i].isalpha()):
        return i, ""
    j = i + 1
    while j < n:
        x = s[j]
        if x.isascii() and x.isalnum():
            j += 1
        elif x in ":-" and j + 1 < n and s[j + 1].isascii() and s[j + 1].isalnum():
            j += 2
        else:
            break
    name = s[i:j].lower()
    return j, name if name in _SPECIAL else ""


def _eat_attr_name(s: str, i: int) -> int:
    """End of an attribute name, or -1 on a quote or '<' in it (html/template's error)."""
    for j in range(i, len(s)):
        c = s[j]
        if c in " \t\n\f\r=>":
            return j
        if c in "'\"<":
            return -1
    return len(s)


# One state of html/template's stripTags: (text, position, special element, output so far) ->
# (next state, next position, special element). "stop" ends the stripping at a malformed tag.
_Step = Callable[[str, int, str, list[str]], tuple[str, int, str]]
_SPECIAL = ("script", "style", "textarea", "title")


def _strip_tags_exact(s: str) -> str:
    """html/template's stripTags, state by state, for input the fast path cannot vouch for."""
    out: list[str] = []
    n = len(s)
    state, i, element = _in_text(s, 0, "", out)
    if state == "text":
        return s  # no comment or tag in it at all
    steps = _STEPS
    while i < n:
        state, i, element = steps[state](s, i, element, out)
    return "".join(out)


def _in_text(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    """Text up to the next comment or tag (a "<" that starts no tag name stays text)."""
    n = len(s)
    k = i
    while True:
        lt = s.find("<", k)
        if lt == -1 or lt + 1 == n:
            out.append(s[i:])
            return "text", n, ""
        if s.startswith("<!--", lt):
            out.append(s[i:lt])
            return "cmt", lt + 4, element
        j = lt + 1
        end = False
        if s[j] == "/":
            if j + 1 == n:
                out.append(s[i:])
                return "text", n, ""
            end, j = True, j + 1
        j2, elem = _eat_tag_name(s, j)
        if j2 != j:
            out.append(s[i:lt])
            return "tag", j2, "" if end else elem
        k = j2


def _in_comment(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    e = s.find("-->", i)
    if e == -1:
        return "cmt", len(s), element
    return "text", e + 3, ""


def _in_special(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    """Inside <script>, <style>, <textarea> or <title>, up to its end tag (any case)."""
    marker = "</" + element
    j = i
    found = -1
    while True:
        p = s.find("</", j)
        if p == -1:
            break
        if s[p : p + len(marker)].lower() == marker:
            found = p
            break
        j = p + 2
    keeps_text = element in ("textarea", "title")
    if found == -1:
        if keeps_text:
            out.append(s[i:])
        return "special", len(s), element
    if keeps_text:
        # stripTags backs up to the last "<" before the end tag's own "<", so a
        # tag inside (<textarea>a <b>x</b></textarea>) loses its last bit.
        last = s.rfind("<", i, found)
        out.append(s[i : last if last != -1 else found])
    return "text", found, ""


def _in_tag(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    """Between attributes: the tag's ">" or the next attribute name."""
    n = len(s)
    j = _eat_ws(s, i)
    if j == n:
        return "tag", n, element
    if s[j] == ">":
        return ("special" if element else "text"), j + 1, element
    e = _eat_attr_name(s, j)
    if e == -1 or e == j:
        return "stop", n, element
    return "aftername", e, element


def _after_name(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    n = len(s)
    j = _eat_ws(s, i)
    if j == n:
        return "aftername", n, element
    if s[j] != "=":
        return "tag", j, element
    return "beforevalue", j + 1, element


def _before_value(s: str, i: int, element: str, out: list[str]) -> tuple[str, int, str]:
    """Skip an attribute value up to its delimiter; one that never ends stops the stripping."""
    n = len(s)
    j = _eat_ws(s, i)
    if j == n:
        return "beforevalue", n, element
    if s[j] in "'\"":
        e = s.find(s[j], j + 1)
        if e == -1:
            return "stop", n, element
        return "tag", e + 1, element
    e = j
    while e < n and s[e] not in " \t\n\f\r>":
        e += 1
    if e == n:
        return "stop", n, element
    return "tag", e, element


_STEPS: dict[str, _Step] = {
    "text": _in_text,
    "cmt": _in_comment,
    "special": _in_special,
    "tag": _in_tag,
    "aftername": _after_name,
    "beforevalue": _before_value,
}
