"""The figures a blog shows for a post, computed exactly as Hugo 0.168 computes them.

Everything is derived from the rendered body HTML (Hugo's `.Content`), never from the Markdown:
`plain_text` is Hugo's `StripHTML` (stats/strip_html.py), `count_words` its WordCount (CJK rule
included), the automatic summary walks the HTML "</p>" by "</p>" as
`page.ExtractSummaryFromHTML` does. The measured rules are in ../shared/HUGO_RULES.md;
tests/core/stats/test_stats_hugo.py checks them against the real binary.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.scripts import cjk_scripts_re
from editor.core.stats.strip_html import GO_SPACE, plain_text

if TYPE_CHECKING:
    from editor.core.markdown.types import Heading, RenderResult
    from editor.core.post.model import Post
    from editor.core.site.config import SiteConfig

_NOT_SPACE_RE = re.compile(f"[^{GO_SPACE}]+")

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
    # the site's shortcodes in the post: Hugo also counts the words their templates write
    site_shortcodes: tuple[str, ...] = ()


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
    return cjk_scripts_re().search(text) is not None


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
    end = summary_end(html, summary_length, cjk)
    return html[:end].strip(), bool(html[end:].strip())


def summary_end(html: str, summary_length: int, cjk: bool) -> int:
    """Where the automatic summary of `html` ends (len(html): it is the whole body); it
    depends on `html` up to there and on nothing after it but the tags closing its last
    element. `summary_length` > 0."""
    count = 0
    j = 0
    n = len(html)
    while j < n:
        close = html.find("</p>", j)
        if close == -1:
            break
        chunk = html[j:close]
        # Go walks the runes and never lets the chunk's last rune into a word.
        if cjk:
            for token in _NOT_SPACE_RE.findall(chunk[:-1]):
                count += _summary_token_count(token, cjk)
                if count >= summary_length:
                    break
        else:  # a token without "<", ">" or "=" is a word: only those are looked at
            tokens = plain_words(chunk[:-1])
            count += len(tokens)
            for token in tokens:
                if "<" in token or ">" in token or "=" in token:
                    count -= 1 - _summary_token_count(token, cjk)
        if count >= summary_length:
            return _close_open_elements(html, close + 4)
        j = close + 3
    return n


def trim_short_html(html: str) -> str:
    """Drop the <p> wrapping a one-paragraph rendering (Hugo's RenderString does the same)."""
    s = html.strip()
    if s.startswith("<p>") and s.endswith("</p>") and s.count("<p>") == 1:
        return s[3:-4]
    return s


def summary_text(summary_html: str) -> str:
    """A summary as readable text: tags gone, entities decoded, whitespace collapsed (str.split
    and the `\\s` of a str pattern both split at str.isspace, a superset of Go's spaces)."""
    return " ".join(html_lib.unescape(plain_text(summary_html, collapse=False)).split())


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
    site_shortcodes: tuple[str, ...] = (),
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
        site_shortcodes=site_shortcodes,
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
        site_shortcodes=result.site_shortcodes,
    )
