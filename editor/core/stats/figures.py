"""The figures a blog shows for a post, computed exactly as Hugo 0.168 computes them.

Everything is derived from the rendered body HTML (Hugo's `.Content`), never from the Markdown:
`plain_text` is Hugo's `StripHTML` (html/template's tag stripper, character references left as
they are), `count_words` its WordCount (CJK rule included), the automatic summary walks the HTML
"</p>" by "</p>" as `page.ExtractSummaryFromHTML` does. The measured rules are in
../shared/HUGO_RULES.md; tests/core/test_stats_hugo.py checks them against the real binary.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.core.markdown.renderer import Heading, RenderResult
    from editor.core.post.model import Post
    from editor.core.site.config import SiteConfig

# Go's unicode.IsSpace (Python's str.isspace also counts U+001C..U+001F, Go does not).
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_RUN_RE = re.compile(f"(?<=[{_GO_SPACE}])[{_GO_SPACE}]+")  # all but the first
_NOT_SPACE_RE = re.compile(f"[^{_GO_SPACE}]+")

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
# Han, Hangul, Hiragana and Katakana scripts (Go's \p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}).
_CJK_RE = re.compile(
    "[\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
    "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U00016fe2\U00016fe3\U00016ff0\U00016ff1"
    "\U0001aff0-\U0001affe\U0001b000-\U0001b122\U0001b132\U0001b150-\U0001b152"
    "\U0001b155\U0001b164-\U0001b167\U0001f200\U00020000-\U0002a6df\U0002a700-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U000323af]"
)

# page.ExtractSummaryFromHTML skips tokens that look like bits of HTML.
_PROBABLY_TAG_RE = re.compile(r"</?[A-Za-z]+>?")
_PROBABLY_ATTR_RE = re.compile(r"[A-Za-z]+=[\"']")
# Tokens for the summary's element balance: comments and raw-text elements are one token each.
_ELEMENT_TAG_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",
    re.DOTALL | re.IGNORECASE,
)
_VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_CODE_START_RE = re.compile(r"<(pre|code)\b")
_WS_COLLAPSE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PostStats:
    """Hugo's figures for one post plus the editor's own (characters, code/prose, outline)."""

    word_count: int
    fuzzy_word_count: int
    reading_time: int  # minutes
    summary_html: str
    summary_text: str
    truncated: bool
    characters: int  # characters of the plain text (entities decoded, whitespace collapsed)
    code_words: int  # words inside <pre>/<code>
    prose_words: int  # word_count - code_words
    outline: tuple[Heading, ...] = ()
    cjk: bool = False


# --- Hugo's StripHTML -------------------------------------------------------------------------


def plain_text(html: str) -> str:
    """Hugo's `.Plain` for a body: tpl.StripHTML (entities stay as written)."""
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
    return _SPACE_RUN_RE.sub("", stripped)


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
    return j, name if name in ("script", "style", "textarea", "title") else ""


def _eat_attr_name(s: str, i: int) -> int:
    """End of an attribute name, or -1 on a quote or '<' in it (html/template's error)."""
    for j in range(i, len(s)):
        c = s[j]
        if c in " \t\n\f\r=>":
            return j
        if c in "'\"<":
            return -1
    return len(s)


def _strip_tags_exact(s: str) -> str:
    """html/template's stripTags, state by state, for input the fast path cannot vouch for."""
    out: list[str] = []
    n = len(s)
    i = 0
    state = "text"  # text | tag | aftername | beforevalue | cmt | special
    element = ""
    all_text = True
    while i < n:
        if state == "text":
            k = i
            while True:
                lt = s.find("<", k)
                if lt == -1 or lt + 1 == n:
                    out.append(s[i:])
                    i = n
                    break
                if s.startswith("<!--", lt):
                    out.append(s[i:lt])
                    state, i, all_text = "cmt", lt + 4, False
                    break
                j = lt + 1
                end = False
                if s[j] == "/":
                    if j + 1 == n:
                        out.append(s[i:])
                        i = n
                        break
                    end, j = True, j + 1
                j2, elem = _eat_tag_name(s, j)
                if j2 != j:
                    out.append(s[i:lt])
                    state, element, i, all_text = "tag", ("" if end else elem), j2, False
                    break
                k = j2
        elif state == "cmt":
            e = s.find("-->", i)
            if e == -1:
                i = n
            else:
                state, element, i = "text", "", e + 3
        elif state == "special":
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
            if found == -1:
                if element in ("textarea", "title"):
                    out.append(s[i:])
                i = n
            else:
                if element in ("textarea", "title"):
                    # stripTags backs up to the last "<" before the end tag's own "<", so a
                    # tag inside (<textarea>a <b>x</b></textarea>) loses its last bit.
                    last = s.rfind("<", i, found)
                    out.append(s[i : last if last != -1 else found])
                state, element, i = "text", "", found
        elif state == "tag":
            j = _eat_ws(s, i)
            if j == n:
                i = n
            elif s[j] == ">":
                state = "special" if element else "text"
                i = j + 1
            else:
                e = _eat_attr_name(s, j)
                if e == -1 or e == j:
                    return "".join(out)
                state, i = "aftername", e
        elif state == "aftername":
            j = _eat_ws(s, i)
            if j == n:
                i = n
            elif s[j] != "=":
                state, i = "tag", j
            else:
                state, i = "beforevalue", j + 1
        else:  # beforevalue: skip the value up to its delimiter
            j = _eat_ws(s, i)
            if j == n:
                i = n
                continue
            if s[j] in "'\"":
                e = s.find(s[j], j + 1)
                if e == -1:
                    break
                i = e + 1
            else:
                e = j
                while e < n and s[e] not in " \t\n\f\r>":
                    e += 1
                if e == n:
                    break
                i = e
            state = "tag"
    if all_text:
        return s
    return "".join(out)


# --- words, reading time, CJK ---------------------------------------------------------------


def plain_words(plain: str) -> list[str]:
    """Go's strings.Fields."""
    if any(c in plain for c in "\x1c\x1d\x1e\x1f"):
        return _NOT_SPACE_RE.findall(plain)
    return plain.split()


def count_words(plain: str, cjk: bool) -> int:
    """Hugo's WordCount of a plain text; on a CJK page a non-ASCII token counts its runes."""
    words = plain_words(plain)
    if not cjk:
        return len(words)
    return sum(1 if w.isascii() else len(w) for w in words)


def reading_time(word_count: int, cjk: bool) -> int:
    """Hugo's ReadingTime in minutes: 212 words a minute, 500 on a CJK page."""
    per_minute = 500 if cjk else 212
    return (word_count + per_minute - 1) // per_minute


def fuzzy_word_count(word_count: int) -> int:
    return (word_count + 99) // 100 * 100


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def _meta_get(metadata: dict[str, Any] | None, key: str) -> Any:
    if not metadata:
        return None
    lowered = key.lower()
    for k, v in metadata.items():
        if isinstance(k, str) and k.lower() == lowered:
            return v
    return None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def is_cjk_page(text: str, metadata: dict[str, Any] | None, site: SiteConfig | None) -> bool:
    """isCJKLanguage in front matter wins; else site hasCJKLanguage and a CJK rune in the file."""
    flag = _meta_get(metadata, "isCJKLanguage")
    if flag is not None:
        return _truthy(flag)
    if site is None or not getattr(site, "has_cjk_language", False):
        return False
    return has_cjk(text)


# --- summaries ------------------------------------------------------------------------------


def _summary_token_count(token: str, cjk: bool) -> int:
    if token == ">" or _PROBABLY_TAG_RE.fullmatch(token) or _PROBABLY_ATTR_RE.match(token):
        return 0
    if cjk:
        stripped = plain_text(token)
        return 1 if stripped.isascii() else len(stripped)
    return 1


def _close_open_elements(html: str, end: int) -> int:
    """Hugo ends an automatic summary after the element holding its last "</p>" closes (tags
    counted naively: an end tag closes up to its own name); if that never happens, or the
    elements were balanced already, the summary ends at the "</p>" itself."""
    stack: list[str] = []
    past_end = False
    for match in _ELEMENT_TAG_RE.finditer(html):
        if past_end or match.start() >= end:
            if not stack:
                return end
            past_end = True
            if _track(stack, match):
                return match.end()
        elif match.end() > end:  # a comment or raw-text element around the "</p>": skip it
            past_end = True
        else:
            _track(stack, match)
    return end


def _track(stack: list[str], match: re.Match[str]) -> bool:
    """Apply one token to the open-element stack; True when that emptied it."""
    _raw, closing, name, self_closing = match.groups()
    if name is None:
        return False  # a comment or a raw-text element
    name = name.lower()
    if closing:
        if name in stack:
            while stack.pop() != name:
                pass
            return not stack
    elif not self_closing and name not in _VOID_ELEMENTS:
        stack.append(name)
    return False


def auto_summary(html: str, summary_length: int, cjk: bool) -> tuple[str, bool]:
    """page.ExtractSummaryFromHTML: whole paragraphs up to summaryLength tokens."""
    if summary_length <= 0:
        return "", bool(html)
    count = 0
    j = 0
    n = len(html)
    while j < n:
        close = html.find("</p>", j)
        if close == -1:
            break
        chunk = html[j:close]
        # Go walks the runes and never lets the chunk's last rune into a word.
        for token in _NOT_SPACE_RE.findall(chunk[:-1]):
            count += _summary_token_count(token, cjk)
            if count >= summary_length:
                break
        if count >= summary_length:
            end = _close_open_elements(html, close + 4)
            return html[:end].strip(), bool(html[end:].strip())
        j = close + 3
    return html.strip(), False


def trim_short_html(html: str) -> str:
    """Drop the <p> wrapping a one-paragraph rendering (Hugo's RenderString does the same)."""
    s = html.strip()
    if s.startswith("<p>") and s.endswith("</p>") and s.count("<p>") == 1:
        return s[3:-4]
    return s


def summary_text(summary_html: str) -> str:
    """A summary as readable text: tags gone, entities decoded, whitespace collapsed."""
    return _WS_COLLAPSE_RE.sub(" ", html_lib.unescape(plain_text(summary_html))).strip()


# --- the whole post -------------------------------------------------------------------------


def _code_html(html: str) -> str:
    """The <pre> blocks and inline <code> elements of `html`, space-separated."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _CODE_START_RE.search(html, pos)
        if match is None:
            break
        close = "</pre>" if match.group(1) == "pre" else "</code>"
        end = html.find(close, match.end())
        end = len(html) if end == -1 else end + len(close)
        parts.append(html[match.start() : end])
        pos = end
    return " ".join(parts)


def stats_from_html(
    html: str,
    *,
    cjk: bool,
    summary_length: int = 70,
    more_html: str | None = None,
    front_matter_summary_html: str | None = None,
    outline: tuple[Heading, ...] = (),
) -> PostStats:
    """All figures from a rendered body; the summary follows Hugo's precedence."""
    plain = plain_text(html)
    words = count_words(plain, cjk)
    if more_html is not None:
        summary = more_html.strip()
        truncated = summary != html.strip()
    elif front_matter_summary_html is not None:
        summary, truncated = trim_short_html(front_matter_summary_html), False
    else:
        summary, truncated = auto_summary(html, summary_length, cjk)
    code = _code_html(html)
    code_words = count_words(plain_text(code), cjk) if code else 0
    code_words = min(code_words, words)
    readable = html_lib.unescape(plain).strip()  # plain's whitespace is already collapsed
    return PostStats(
        word_count=words,
        fuzzy_word_count=fuzzy_word_count(words),
        reading_time=reading_time(words, cjk),
        summary_html=summary,
        summary_text=summary_text(summary),
        truncated=truncated,
        characters=len(readable),
        code_words=code_words,
        prose_words=words - code_words,
        outline=outline,
        cjk=cjk,
    )


def post_stats(post: Post, site: SiteConfig, result: RenderResult | None = None) -> PostStats:
    """Hugo's figures for `post` in `site`, from `result` (a non-preview render) or a new one."""
    from editor.core.markdown import renderer as rendering

    if result is None:
        result = rendering.render_post(post, site, preview=False)
    metadata = post.metadata
    cjk = is_cjk_page(post.text, metadata, site)
    fm_summary = _meta_get(metadata, "summary")
    fm_summary_html: str | None = None
    if result.more_html is None and fm_summary not in (None, ""):
        fm_summary_html = rendering.render_markdown(str(fm_summary), site)
    return stats_from_html(
        result.html,
        cjk=cjk,
        summary_length=int(getattr(site, "summary_length", 70)),
        more_html=result.more_html,
        front_matter_summary_html=fm_summary_html,
        outline=tuple(result.headings),
    )
