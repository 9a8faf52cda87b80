"""markdown-it-py set up to parse and render like Goldmark as Hugo 0.168 configures it.

`MarkupOptions.from_site(site)` reads markup.goldmark / markup.highlight / tableOfContents from a
SiteConfig (any object with `goldmark`, `highlight` and `toc` attributes works; missing fields
take Hugo's defaults). `build_markdown(options)` returns a MarkdownIt whose rules reproduce
Goldmark's: linkify triggers and trailing-punctuation rules, the typographer emitted as named
entities, task lists, heading attributes, Hugo's table markup, footnotes, raw HTML omission and
Hugo's code blocks. Inline rules live in goldmark_inline.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from editor.core import goldmark_inline
from editor.core.goldmark_inline import plain_text, toc_title
from editor.core.highlight import CodeOptions, parse_fence_info, render_fence

__all__ = ["HeadingInfo", "MarkupOptions", "build_markdown"]

_OMITTED = "<!-- raw HTML omitted -->"


@dataclass(frozen=True)
class MarkupOptions:
    """Everything that changes the HTML: markup.goldmark, markup.highlight, TOC levels."""

    unsafe: bool = False
    typographer: bool = True
    linkify: bool = True
    linkify_protocol: str = "https"
    table: bool = True
    strikethrough: bool = True
    task_list: bool = True
    footnote: bool = True
    definition_list: bool = True
    attribute_title: bool = True
    attribute_block: bool = False
    auto_heading_id: bool = True
    auto_heading_id_type: str = "github"
    wrap_standalone_image: bool = True
    hard_wraps: bool = False
    xhtml: bool = False
    code: CodeOptions = field(default_factory=CodeOptions)
    toc_start: int = 2
    toc_end: int = 3
    toc_ordered: bool = False

    @classmethod
    def from_site(cls, site: object | None) -> MarkupOptions:
        if site is None:
            return cls()
        gm = getattr(site, "goldmark", None)
        hl = getattr(site, "highlight", None)
        toc = getattr(site, "toc", None)
        base = cls()

        def pick(obj: object, name: str, default: Any) -> Any:
            value = getattr(obj, name, default) if obj is not None else default
            return type(default)(value) if value is not None else default

        code = CodeOptions(
            style=pick(hl, "style", "monokai") or "monokai",
            no_classes=pick(hl, "no_classes", True),
            line_nos=pick(hl, "line_nos", False),
            line_numbers_in_table=pick(hl, "line_numbers_in_table", True),
            line_no_start=pick(hl, "line_no_start", 1),
            tab_width=pick(hl, "tab_width", 4),
            code_fences=pick(hl, "code_fences", True),
        )
        return cls(
            unsafe=pick(gm, "unsafe", base.unsafe),
            typographer=pick(gm, "typographer", base.typographer),
            linkify=pick(gm, "linkify", base.linkify),
            linkify_protocol=pick(gm, "linkify_protocol", base.linkify_protocol),
            table=pick(gm, "table", base.table),
            strikethrough=pick(gm, "strikethrough", base.strikethrough),
            task_list=pick(gm, "task_list", base.task_list),
            footnote=pick(gm, "footnote", base.footnote),
            definition_list=pick(gm, "definition_list", base.definition_list),
            attribute_title=pick(gm, "attribute_title", base.attribute_title),
            attribute_block=pick(gm, "attribute_block", base.attribute_block),
            auto_heading_id=pick(gm, "auto_heading_id", base.auto_heading_id),
            auto_heading_id_type=pick(gm, "auto_heading_id_type", base.auto_heading_id_type),
            wrap_standalone_image=pick(gm, "wrap_standalone_image", base.wrap_standalone_image),
            hard_wraps=pick(gm, "hard_wraps", base.hard_wraps),
            xhtml=pick(gm, "xhtml", base.xhtml),
            code=code,
            toc_start=pick(toc, "start_level", base.toc_start),
            toc_end=pick(toc, "end_level", base.toc_end),
            toc_ordered=pick(toc, "ordered", base.toc_ordered),
        )


@dataclass(frozen=True)
class HeadingInfo:
    """A heading as parsed: its id is resolved later, page-wide (see heading_ids.IdFactory)."""

    level: int
    text: str
    title_html: str
    explicit_id: str | None
    line: int  # 0-based within the parsed chunk
    id_text: str  # what the automatic id is made from


MAX_NESTING = 64  # deeper blocks are cut (Python's recursion); a warning says so
ID_MARK = "\x02{}\x03"
ID_MARK_RE = re.compile("\x02(\\d+)\x03")

# --- heading attributes {#id .class key=value} -------------------------------------------

_ATTR_BLOCK_RE = re.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
_ATTR_ITEM_RE = re.compile(
    r"""\s*(?:\#([^\s#.{}="']+)|\.([^\s#.{}="']+)|([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`{}]+))"""
)
_GLOBAL_ATTRS = frozenset(
    [
        "accesskey",
        "autocapitalize",
        "autofocus",
        "class",
        "contenteditable",
        "dir",
        "draggable",
        "enterkeyhint",
        "hidden",
        "id",
        "inert",
        "inputmode",
        "is",
        "itemid",
        "itemprop",
        "itemref",
        "itemscope",
        "itemtype",
        "lang",
        "part",
        "role",
        "slot",
        "spellcheck",
        "style",
        "tabindex",
        "title",
        "translate",
        "align",
    ]
)


def parse_attribute_block(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """Split "Custom {#my-id .cls}" into ("Custom", [("id", "my-id"), ("class", "cls")])."""
    match = _ATTR_BLOCK_RE.search(text)
    if match is None or "{" in text[: match.start()].rstrip()[-1:]:
        return None
    body = match.group(1)
    pos = 0
    attrs: list[tuple[str, str]] = []
    classes: list[str] = []
    while pos < len(body):
        if not body[pos:].strip():
            break
        item = _ATTR_ITEM_RE.match(body, pos)
        if item is None or item.end() == pos:
            return None
        pos = item.end()
        ident, cls, key, value = item.groups()
        if ident is not None:
            attrs.append(("id", ident))
        elif cls is not None:
            if not classes:
                attrs.append(("class", ""))
            classes.append(cls)
        else:
            if value[:1] in "\"'":
                value = value[1:-1]
            attrs.append((key, value))
    if not attrs:
        return None
    attrs = [(k, " ".join(classes) if k == "class" and not v else v) for k, v in attrs]
    return text[: match.start()].rstrip(" \t"), attrs


# --- block attributes (parser.attribute.block) ---------------------------------------------

_ATTR_LINE_RE = re.compile(r" {0,3}\{[^{}\n]*\}[ \t]*$")


def _attr_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A line "{.class #id key=value}" gives its attributes to the block just above."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[state.bMarks[start_line] : state.eMarks[start_line]]
    if state.src[start : start + 1] != "{" or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    if not _ATTR_LINE_RE.match(line):
        return False
    parsed = parse_attribute_block(line.strip())
    if parsed is None or parsed[0]:
        return False
    if silent:
        return True
    token = state.push("attrs_block", "", 0)
    token.map = [start_line, start_line + 1]
    token.meta = {"attrs": parsed[1]}
    token.hidden = True
    state.line = start_line + 1
    return True


_ATTR_TARGETS = frozenset(
    (
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "table_open",
        "blockquote_open",
        "heading_open",
        "hr",
        "dl_open",
    )
)


def _attr_block_rule(state: StateCore) -> None:
    """Move each attribute line's attributes to the block right above it (else drop it)."""
    tokens = state.tokens
    keep: list[Token] = []
    for token in tokens:
        if token.type != "attrs_block":
            keep.append(token)
            continue
        target = _block_above(keep, token)
        if target is not None and target.type in _ATTR_TARGETS:
            if target.type == "heading_open":
                target.meta.setdefault("block_attrs", []).extend(token.meta["attrs"])
            else:
                for key, value in token.meta["attrs"]:
                    target.attrs[key] = value
    state.tokens = keep


def _block_above(tokens: list[Token], attrs: Token) -> Token | None:
    """The block at the attribute line's level that ends on the line just before it."""
    if not tokens or not attrs.map:
        return None
    last = tokens[-1]
    if last.level != attrs.level:
        return None
    if last.nesting == 0:
        opener: Token | None = last
    else:
        depth = 0
        opener = None
        for token in reversed(tokens):
            depth += token.nesting
            if depth == 0:
                opener = token
                break
    if opener is None or not opener.map or opener.map[1] != attrs.map[0]:
        return None
    return opener


def _heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or i + 1 >= len(tokens):
            continue
        inline = tokens[i + 1]
        parsed = parse_attribute_block(inline.content)
        if parsed is None:
            continue
        inline.content, attrs = parsed
        token.meta["attrs"] = attrs


def _headings_rule(state: StateCore) -> None:
    options: MarkupOptions = state.md.options["goldmark"]
    found: list[HeadingInfo] = state.env.setdefault("headings", [])
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        children = tokens[i + 1].children or []
        attrs: list[tuple[str, str]] = token.meta.get("attrs", [])
        explicit = next((v for k, v in attrs if k == "id"), None)
        for key, value in attrs:
            if key in _GLOBAL_ATTRS or key.startswith(("data-", "aria-")):
                token.attrs[key] = ID_MARK.format(len(found)) if key == "id" else value
        if explicit is None and options.auto_heading_id:
            token.attrs["id"] = ID_MARK.format(len(found))
        for key, value in token.meta.get("block_attrs", []):
            token.attrs[key] = value
        line = token.map[0] if token.map else 0
        level = int(token.tag[1])
        found.append(
            HeadingInfo(
                level,
                plain_text(children),
                toc_title(children),
                explicit,
                line,
                plain_text(children, last_line=True),
            )
        )


# --- definition lists ---------------------------------------------------------------------


def _deflist_rule(state: StateCore) -> None:
    """Goldmark keeps one <dl> across blank lines; a <dd> after a blank line is loose."""
    tokens = state.tokens
    k = 0
    while k + 1 < len(tokens):
        if tokens[k].type == "dl_close" and tokens[k + 1].type == "dl_open":
            del tokens[k : k + 2]
            continue
        k += 1
    lines = state.src.split("\n")
    for j, token in enumerate(tokens):
        if token.type != "dd_open" or not token.map:
            continue
        line = token.map[0]
        term_map = tokens[j - 3].map if j >= 3 else None
        if tokens[j - 1].type == "dt_close" and term_map:
            line = term_map[0] + 2  # mdit maps the first <dd> to its term's line
        loose = line > 0 and line - 1 < len(lines) and not lines[line - 1].strip()
        depth = 0
        for inner in tokens[j + 1 :]:
            if inner.type == "dd_close" and depth == 0:
                break
            depth += inner.nesting if inner.type not in ("paragraph_open", "paragraph_close") else 0
            if (
                inner.type in ("paragraph_open", "paragraph_close")
                and inner.level == token.level + 1
            ):
                inner.hidden = not loose


# --- list tightness -----------------------------------------------------------------------


def _blank(lines: list[str], line: int) -> bool:
    return 0 <= line < len(lines) and not lines[line].strip(" \t>")


def _goldmark_tight(tokens: list[Token], start: int, lines: list[str]) -> bool:
    """Goldmark's verdict for the list opened at `start`: a blank line before an item (but
    the first) or before an item's later child makes it loose, except before a table (the
    table extension builds a new node that forgets the blank line)."""
    level = tokens[start].level
    first_item = True
    i = start + 1
    while i < len(tokens) and not (tokens[i].level == level and tokens[i].nesting == -1):
        token = tokens[i]
        if token.type == "list_item_open" and token.level == level + 1:
            if not first_item and token.map and _blank(lines, token.map[0] - 1):
                return False
            first_item = False
            first_child = True
        elif token.level == level + 2 and token.nesting >= 0 and token.map:
            if not first_child and token.type != "table_open" and _blank(lines, token.map[0] - 1):
                return False
            first_child = False
        i += 1
    return True


def _tightness_rule(state: StateCore) -> None:
    tokens = state.tokens
    lines: list[str] | None = None
    for i, token in enumerate(tokens):
        if token.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        items = [t for t in tokens[i + 1 :] if t.level == token.level + 2]
        if not any(t.type == "table_open" for t in items):
            continue
        if any(t.type == "paragraph_open" and t.hidden for t in items):
            continue  # markdown-it already calls it tight
        if lines is None:
            lines = state.src.split("\n")
        if _goldmark_tight(tokens, i, lines):
            for t in tokens[i + 1 :]:
                if t.level == token.level and t.nesting == -1:
                    break
                if t.level == token.level + 2 and t.type in ("paragraph_open", "paragraph_close"):
                    t.hidden = True


def _is_definition_line(state: StateBlock, line: int) -> bool:
    """Goldmark's description marker: ":" at the container's own indent, then a space."""
    if line >= state.lineMax or state.sCount[line] != state.blkIndent:
        return False
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : start + 2] in (": ", ":\t")


def _goldmark_deflist(rule: Any) -> Any:
    """mdit's deflist, but only with Goldmark's marker (no "~", no indented ":")."""

    def deflist(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent:
            return bool(rule(state, start_line, end_line, silent))
        line = start_line + 1
        if line < end_line and state.isEmpty(line):
            line += 1
        if not _is_definition_line(state, line):
            return False
        # hide marker lines Goldmark would not take ("~", or ":" indented) from the rule
        hidden: dict[int, int] = {}
        for other in range(start_line, end_line):
            start = state.bMarks[other] + state.tShift[other]
            marker = state.src[start : start + 2]
            if marker in (": ", ":\t", "~ ", "~\t") and not _is_definition_line(state, other):
                hidden[other] = state.sCount[other]
                state.sCount[other] = -1
        try:
            return bool(rule(state, start_line, end_line, silent))
        finally:
            for other, count in hidden.items():
                state.sCount[other] = count

    return deflist


_INTERRUPTS_RE = re.compile(r"#{1,6}(?:\s|$)|```|~~~|>|<|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\|")


def _multiline_terms(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Goldmark makes every line of a paragraph followed by ":" a term: emit all but the last
    as their own <dl> (merged with the one the deflist rule opens on the last term)."""
    if silent or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = start_line + 1
    while line < end_line and not state.isEmpty(line):
        if _is_definition_line(state, line):
            break
        first = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if _INTERRUPTS_RE.match(first):
            return False  # another block starts inside: not a plain run of terms
        line += 1
    else:
        return False
    if line - start_line < 2 or _is_definition_line(state, start_line):
        return False
    token = state.push("dl_open", "dl", 1)
    token.map = [start_line, line - 1]
    for term in range(start_line, line - 1):
        state.push("dt_open", "dt", 1).map = [term, term + 1]
        inline = state.push("inline", "", 0)
        inline.map = [term, term + 1]
        inline.content = state.getLines(term, term + 1, state.blkIndent, False).strip()
        inline.children = []
        state.push("dt_close", "dt", -1)
    state.push("dl_close", "dl", -1)
    state.line = line - 1
    return True


# --- task lists ---------------------------------------------------------------------------

_TASK_RE = re.compile(r"\[([ \t\n\r\f\vxX])\][ \t\n\r\f\v]*")


def _task_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i in range(2, len(tokens)):
        token = tokens[i]
        if (
            token.type != "inline"
            or tokens[i - 1].type != "paragraph_open"
            or tokens[i - 2].type != "list_item_open"
            or not token.children
            or token.children[0].type != "text"
        ):
            continue
        first = token.children[0]
        match = _TASK_RE.match(first.content)
        if match is None:
            continue
        checked = match.group(1) in "xX"
        box = Token("html_inline", "", 0)
        box.meta = {"task": True}
        box.content = (
            '<input checked="" disabled="" type="checkbox"'
            if checked
            else ('<input disabled="" type="checkbox"')
        )
        box.content += (" />" if state.md.options["goldmark"].xhtml else ">") + " "
        first.content = first.content[match.end() :]
        token.children.insert(0, box)


# --- render rules -------------------------------------------------------------------------


def _opts(self: RendererHTML) -> MarkupOptions:
    options: MarkupOptions = self._goldmark  # type: ignore[attr-defined]
    return options


def _render_html_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = tokens[idx].content
    if _opts(self).unsafe:
        return content
    if content.startswith("<!--") and len(content) > 4:
        return ""
    return _OMITTED + "\n" + (_OMITTED + "\n" if _has_closure(content) else "")


_CLOSING = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
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
    if _opts(self).unsafe or token.meta.get("task"):
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
    code_options = _opts(self).code
    info = parse_fence_info(token.info, code_options)
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
    alt = goldmark_inline.alt_text(token.children or [])
    out = f'<img src="{src}" alt="{alt}"'
    title = token.attrGet("title")
    if title:
        out += f' title="{escapeHtml(str(title))}"'
    for key, value in token.attrs.items():
        if key not in ("src", "alt", "title"):
            out += f' {key}="{escapeHtml(str(value))}"'
    return out + (" />" if _opts(self).xhtml else ">")


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
    """Hugo writes no newline after a <blockquote> that has attributes."""
    if tokens[idx].attrs:
        return "<blockquote" + self.renderAttrs(tokens[idx]) + ">"
    return self.renderToken(tokens, idx, options, env)


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


def _render_footnote_ref(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    n = _footnote_number(token)
    return (
        f'<sup id="fnref{_sub(token)}:{n}"><a href="#fn:{n}" class="footnote-ref" '
        f'role="doc-noteref">{n}</a></sup>'
    )


def _render_footnote_anchor(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    n = _footnote_number(token)
    return (
        f'&#160;<a href="#fnref{_sub(token)}:{n}" class="footnote-backref" '
        'role="doc-backlink">&#x21a9;&#xfe0e;</a>'
    )


def _render_footnote_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<li id="fn:{_footnote_number(tokens[idx])}">\n'


def _render_footnote_block_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    hr = "<hr />" if _opts(self).xhtml else "<hr>"
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


def _after_tight_paragraph(rule: Any) -> Any:
    """Goldmark ends a tight list item's text with a newline when a block follows it."""

    def wrapped(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        html: str = (
            rule(tokens, idx, options, env)
            if hasattr(rule, "__self__")
            else rule(self, tokens, idx, options, env)
        )
        if html and idx > 0 and tokens[idx - 1].hidden and tokens[idx - 1].nesting == -1:
            return "\n" + html
        return html

    return wrapped


def _unwrap_images_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i in range(1, len(tokens) - 1):
        token = tokens[i]
        children = token.children or []
        if (
            token.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and len(children) == 1
            and children[0].type == "image"
        ):
            tokens[i - 1].meta["unwrapped"] = True
            tokens[i + 1].meta["unwrapped"] = True
            for key, value in tokens[i - 1].attrs.items():  # block attributes
                children[0].attrs[key] = value


def build_markdown(options: MarkupOptions) -> MarkdownIt:
    """A MarkdownIt that renders like Goldmark under Hugo with these options."""
    md = MarkdownIt(
        "commonmark",
        {
            "html": True,
            "xhtmlOut": options.xhtml,
            "breaks": options.hard_wraps,
            "linkify": False,
            "typographer": False,
            "strikethrough_single_tilde": True,
            "maxNesting": MAX_NESTING,
        },
    )
    md.options["goldmark"] = options
    md.renderer._goldmark = options  # type: ignore[attr-defined]
    md.disable(["linkify", "replacements", "smartquotes"], ignoreInvalid=True)
    if options.table:
        md.enable("table")
    if options.strikethrough:
        md.enable("strikethrough")
    if options.definition_list:
        deflist_plugin(md)
        block_rules = md.block.ruler.__rules__
        index = md.block.ruler.__find__("deflist")
        block_rules[index].fn = _goldmark_deflist(block_rules[index].fn)
        md.block.ruler.__compile__()
        md.block.ruler.before("deflist", "goldmark_terms", _multiline_terms)
        md.core.ruler.after("block", "goldmark_deflist", _deflist_rule)
    if options.footnote:
        footnote_plugin(md, inline=False)
    goldmark_inline.install(md, options.linkify, options.linkify_protocol, options.typographer)
    md.core.ruler.before("inline", "goldmark_heading_attrs", _heading_attrs_rule)
    if options.attribute_block:
        md.block.ruler.before(
            "table",
            "goldmark_attr_block",
            _attr_block,
            {"alt": ["paragraph", "reference", "blockquote", "list", "table"]},
        )
        md.core.ruler.after("block", "goldmark_attr_blocks", _attr_block_rule)
    if options.table:
        md.core.ruler.after("block", "goldmark_list_tightness", _tightness_rule)
    if not options.attribute_title:
        md.core.ruler.disable("goldmark_heading_attrs")
    # after "inline", in this order (each insertion goes right after "inline")
    if not options.wrap_standalone_image:
        md.core.ruler.after("inline", "goldmark_unwrap_images", _unwrap_images_rule)
    md.core.ruler.after("inline", "goldmark_headings", _headings_rule)
    if options.task_list:
        md.core.ruler.after("inline", "goldmark_tasks", _task_rule)
    if options.typographer:
        md.core.ruler.after("inline", "goldmark_typographer", goldmark_inline.typographer_rule)
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
        rules[name] = _after_tight_paragraph(
            rules.get(name) or cast(RendererHTML, md.renderer).rules[name]
        )
    for name, rule in rules.items():
        md.add_render_rule(name, rule)
    return md
