"""Render rules that give markdown-it's tokens Goldmark's (and Hugo's) HTML.

Raw HTML omitted as Hugo does (comments silently, blocks with a closing line twice), Hugo's
table markup, Goldmark's footnotes, <del> for strikethrough, code blocks through
editor.core.markdown.highlight, images with Goldmark's alt text, the newline Goldmark writes after a
tight list item's text when a block follows, attributes on blockquotes and tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from editor.core.markdown.goldmark import text as goldmark_text
from editor.core.markdown.goldmark.options import MarkupOptions
from editor.core.markdown.highlight import parse_fence_info, render_fence

_OMITTED = "<!-- raw HTML omitted -->"
DEFERRED_FENCES = "inkpost_deferred_fences"  # env key: a DeferredFences, or absent

# --- render rules -------------------------------------------------------------------------


def _opts(options: OptionsDict) -> MarkupOptions:
    """The options build_markdown put in `md.options` (the render rules receive those)."""
    markup: MarkupOptions = options["goldmark"]
    return markup


def _render_html_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = tokens[idx].content
    if _opts(options).unsafe:
        return content
    if content.startswith("<!--") and len(content) > 4:
        return ""
    return _OMITTED + "\n" + (_OMITTED + "\n" if _has_closure(content) else "")


_CLOSING = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)


def _has_closure(content: str) -> bool:
    lines = content.rstrip("\n").split("\n")
    if len(lines) < 2:
        return False
    first = lines[0].lstrip(" ")
    for start, end in _CLOSING:
        if start.match(first):
            return end.search(lines[0]) is None and end.search(lines[-1]) is not None
    return False


def _render_html_inline(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if _opts(options).unsafe or token.meta.get("task"):
        return token.content
    if token.content.startswith("<!--") and len(token.content) > 4:
        return ""
    return _OMITTED


def _render_typo_text(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return tokens[idx].content


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    code_options = _opts(options).code
    info = parse_fence_info(token.info, code_options)
    deferred = env.get(DEFERRED_FENCES)
    if deferred is not None:  # the library's figures: highlighting waits (deferred_fences.py)
        stand_in: str | None = deferred.defer(token.content, info)
        if stand_in is not None:
            return stand_in
    html, known = render_fence(token.content, info, code_options)
    if not known and token.map is not None:
        env.setdefault("warnings", []).append(
            (f"unknown code language {info.lang!r}: shown without highlighting", token.map[0])
        )
    return html


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = escapeHtml(str(token.attrGet("src") or ""))
    alt = goldmark_text.alt_text(token.children or [])
    out = f'<img src="{src}" alt="{alt}"'
    title = token.attrGet("title")
    if title:
        out += f' title="{escapeHtml(str(title))}"'
    for key, value in token.attrs.items():
        if key not in ("src", "alt", "title"):
            out += f' {key}="{escapeHtml(str(value))}"'
    return out + (" />" if _opts(options).xhtml else ">")


def _render_paragraph_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if tokens[idx].meta.get("unwrapped"):
        return ""
    return self.renderToken(tokens, idx, options, env)


def _render_paragraph_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if tokens[idx].meta.get("unwrapped"):
        return ""
    return self.renderToken(tokens, idx, options, env)


def _render_table_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "<table" + self.renderAttrs(tokens[idx]) + ">\n"


def _render_blockquote_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Hugo writes no newline after a <blockquote> that has attributes, and one after an
    empty one (markdown-it writes none before its closing tag)."""
    if tokens[idx].attrs:
        return "<blockquote" + self.renderAttrs(tokens[idx]) + ">"
    if idx + 1 < len(tokens) and tokens[idx + 1].type == "blockquote_close":
        return "<blockquote>\n"
    return self.renderToken(tokens, idx, options, env)


def _render_dd_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Goldmark ends a tight <dd>'s tag with no newline, whatever block comes first in it (a
    table, a list, a quote...), and a loose one's with a newline."""
    token = tokens[idx]
    if "tight" not in token.meta:
        return self.renderToken(tokens, idx, options, env)
    return "<dd" + self.renderAttrs(token) + (">" if token.meta["tight"] else ">\n")


def _render_thead_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
    if nxt is None or nxt.type == "table_close":
        return "\t</thead>\n\t<tbody>\n\t</tbody>\n"
    return "\t</thead>\n"


def _table_rule(open_text: str) -> Any:
    def rule(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return open_text

    return rule


def _cell_open(tag: str) -> Any:
    def rule(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        style = str(tokens[idx].attrGet("style") or "")
        if style.startswith("text-align:"):
            return f'\t\t\t\t\t<{tag} style="text-align: {style[11:]}">'
        return f"\t\t\t\t\t<{tag}>"

    return rule


def _footnote_number(token: Token) -> int:
    return int(token.meta["id"]) + 1


def _sub(token: Token) -> str:
    sub = int(token.meta.get("subId", 0) or 0)
    return str(sub) if sub > 0 else ""


def _prefix(env: EnvType) -> str:
    """Footnote ids' prefix for this page (enableAutoIDPrefix; support.PagePaths)."""
    page = env.get("page") if isinstance(env, dict) else None
    return str(getattr(page, "footnote_prefix", ""))


def _render_footnote_ref(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    n = _footnote_number(token)
    p = _prefix(env)
    return (
        f'<sup id="{p}fnref{_sub(token)}:{n}"><a href="#{p}fn:{n}" class="footnote-ref" '
        f'role="doc-noteref">{n}</a></sup>'
    )


def _render_footnote_anchor(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    n = _footnote_number(token)
    back = _opts(options).footnote_backlink_html  # the site's, as written
    return (
        f'&#160;<a href="#{_prefix(env)}fnref{_sub(token)}:{n}" class="footnote-backref" '
        f'role="doc-backlink">{back}</a>'
    )


def _render_footnote_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<li id="{_prefix(env)}fn:{_footnote_number(tokens[idx])}">\n'


def _render_footnote_block_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    hr = "<hr />" if _opts(options).xhtml else "<hr>"
    return f'<div class="footnotes" role="doc-endnotes">\n{hr}\n<ol>\n'


def _render_s_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "<del>"


def _render_s_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</del>"


def _render_heading_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    attrs = "".join(f' {k}="{escapeHtml(str(v))}"' for k, v in token.attrs.items())
    return f"<{token.tag}{attrs}>"


def after_tight_paragraph(rule: Any) -> Any:
    """Goldmark ends a tight list item's text with a newline when a block follows it."""

    def wrapped(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        html: str = (
            rule(tokens, idx, options, env)
            if hasattr(rule, "__self__")
            else rule(self, tokens, idx, options, env)
        )
        if idx > 0 and tokens[idx - 1].hidden and tokens[idx - 1].nesting == -1:
            return "\n" + html  # even before a block that renders to nothing
        return html

    return wrapped


def install_render_rules(md: MarkdownIt) -> None:
    """Replace markdown-it's render rules by the Goldmark/Hugo ones."""
    rules: dict[str, Any] = {
        "html_block": _render_html_block,
        "html_inline": _render_html_inline,
        "typo_text": _render_typo_text,
        "fence": _render_fence,
        "image": _render_image,
        "paragraph_open": _render_paragraph_open,
        "paragraph_close": _render_paragraph_close,
        "heading_open": _render_heading_open,
        "s_open": _render_s_open,
        "s_close": _render_s_close,
        "table_open": _render_table_open,
        "blockquote_open": _render_blockquote_open,
        "dd_open": _render_dd_open,
        "table_close": _table_rule("</table>\n"),
        "thead_open": _table_rule("\t<thead>\n"),
        "thead_close": _render_thead_close,
        "tbody_open": _table_rule("\t<tbody>\n"),
        "tbody_close": _table_rule("\t</tbody>\n"),
        "tr_open": _table_rule("\t\t\t<tr>\n"),
        "tr_close": _table_rule("\t\t\t</tr>\n"),
        "th_open": _cell_open("th"),
        "td_open": _cell_open("td"),
        "th_close": _table_rule("</th>\n"),
        "td_close": _table_rule("</td>\n"),
        "footnote_ref": _render_footnote_ref,
        "footnote_anchor": _render_footnote_anchor,
        "footnote_open": _render_footnote_open,
        "footnote_close": _table_rule("</li>\n"),
        "footnote_block_open": _render_footnote_block_open,
        "footnote_block_close": _table_rule("</ol>\n</div>\n"),
    }
    for name in ("fence", "html_block", "code_block", "heading_open", "table_open"):
        rules[name] = after_tight_paragraph(
            rules.get(name) or cast(RendererHTML, md.renderer).rules[name]
        )
    for name, rule in rules.items():
        md.add_render_rule(name, rule)
