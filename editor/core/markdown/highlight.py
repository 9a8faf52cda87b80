"""Fenced code blocks as Hugo 0.168 renders them, highlighted by Pygments instead of Chroma.

Hugo's markup is kept (the `<div class="highlight"><pre tabindex="0" ...><code class="language-x"
data-lang="x">` wrapper, one `<span style="display:flex;">` per line, the line-number table or
inline numbers, highlighted lines); the colours come from the Pygments style of the same name.
The code *text* is exactly Hugo's: trailing blank lines dropped, Go's HTML escaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Token, _TokenType
from pygments.util import ClassNotFound

from editor.core.markdown.guess_syntax import guess_language

__all__ = ["CodeOptions", "FenceInfo", "go_escape", "parse_fence_info", "render_fence"]

_GO_ESCAPES = {"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}
_GO_ESCAPE_RE = re.compile("[&'<>\"]")

# Chroma names that Pygments spells differently (or lacks).
_ALIASES = {
    "plaintext": "text",
    "plain": "text",
    "txt": "text",
    "no-highlight": "text",
    "fundamental": "text",
    "shell": "bash",
    "zsh": "bash",
    "golang": "go",
    "dockerfile": "docker",
    "jsonc": "json",
    "vue": "html",
    "svelte": "html",
    "htm": "html",
    "cmd": "batch",
    "cc": "cpp",
    "h": "c",
    "hpp": "cpp",
    "kt": "kotlin",
    "gradle": "groovy",
    "gql": "graphql",
    "patch": "diff",
    "fs": "fsharp",
    "viml": "vim",
    "hbs": "handlebars",
    "env": "bash",
    "csv": "text",
}
# Chroma's guesses (guess_syntax.py) by the names Pygments gives them
_GUESSED = {"fallback": "text", "gdscript3": "gdscript", "dns": "zone"}
# Pygments knows these, Chroma (so Hugo) does not: Hugo shows them unhighlighted.
_CHROMA_UNKNOWN = frozenset(("pycon", "less", "liquid", "pug", "haml"))
# Chroma's monokai differs from Pygments' in two colours the markup shows.
_CHROMA_EXTRAS = {"monokai": ("#3c3d38", "#7f7f7f")}
_LINE_NUMBER_STYLE = (
    "white-space:pre;-webkit-user-select:none;user-select:none;margin-right:0.4em;"
    "padding:0 0.4em 0 0.4em;color:{color}"
)


def go_escape(text: str) -> str:
    """Go's html.EscapeString (what Chroma and Hugo's code templates use)."""
    return _GO_ESCAPE_RE.sub(lambda m: _GO_ESCAPES[m.group(0)], text)


@dataclass(frozen=True)
class CodeOptions:
    """markup.highlight as the renderer needs it."""

    style: str = "monokai"
    no_classes: bool = True
    line_nos: bool = False
    line_numbers_in_table: bool = True
    line_no_start: int = 1
    tab_width: int = 4
    code_fences: bool = True
    guess_syntax: bool = False  # an unknown or missing language: Chroma's guess (guess_syntax.py)
    wrapper_class: str = "highlight"  # markup.highlight.wrapperClass


@dataclass(frozen=True)
class FenceInfo:
    """A fence's language and its `{...}` options, already merged with the site defaults."""

    lang: str
    line_nos: bool
    in_table: bool
    line_no_start: int
    hl_lines: frozenset[int]
    attrs: tuple[tuple[str, str], ...] = ()  # for the <div class="highlight">, class first


_ATTR_RE = re.compile(
    r"""([.#])([^\s,}.#]+)|([A-Za-z_][\w-]*)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[^\s,}]+)"""
)
# Hugo's highlighting options; any other fence attribute goes on the wrapping <div>.
_HIGHLIGHT_KEYS = frozenset(
    (
        "linenos",
        "linenostart",
        "hl_lines",
        "anchorlinenos",
        "lineanchors",
        "linenumbersintable",
        "noclasses",
        "style",
        "guesssyntax",
        "hl_inline",
        "tabwidth",
        "codefences",
    )
)


def _parse_hl_lines(value: str) -> frozenset[int]:
    lines: set[int] = set()
    for part in re.findall(r"\d+\s*-\s*\d+|\d+", value):
        if "-" in part:
            lo, hi = (int(x) for x in part.split("-"))
            lines.update(range(lo, min(hi, lo + 100_000) + 1))
        else:
            lines.add(int(part))
    return frozenset(lines)


def parse_fence_info(info: str, options: CodeOptions) -> FenceInfo:
    """Split "go {linenos=table hl_lines=[2,"4-5"] linenostart=10}" into a FenceInfo."""
    info = info.strip()
    attrs = ""
    brace = info.find("{")
    if brace != -1:
        attrs = info[brace + 1 :].rstrip().removesuffix("}")
        info = info[:brace]
    lang = info.split()[0] if info.split() else ""  # kept as written; lexers by lower case
    line_nos, in_table = options.line_nos, options.line_numbers_in_table
    start, hl_lines = options.line_no_start, frozenset[int]()
    classes: list[str] = []
    extra: list[tuple[str, str]] = []
    for sigil, short, name, raw in _ATTR_RE.findall(attrs):
        if sigil:
            if sigil == ".":
                classes.append(short)
            else:
                extra.append(("id", short))
            continue
        value = raw.strip("\"'")
        key = name.lower()
        if key not in _HIGHLIGHT_KEYS:
            if key == "class":
                classes.append(value)
            else:
                extra.append((name, value))
        elif key == "linenos":
            low = value.lower()
            line_nos = low in ("true", "table", "inline")
            if low == "table":
                in_table = True
            elif low == "inline":
                in_table = False
        elif key == "linenostart" and value.isdigit():
            start = int(value)
        elif key == "hl_lines":
            hl_lines = _parse_hl_lines(value)
    div_attrs = ([("class", " ".join(classes))] if classes else []) + extra
    return FenceInfo(lang, line_nos, in_table, start, hl_lines, tuple(div_attrs))


@lru_cache(maxsize=256)
def _lexer(lang: str) -> Lexer | None:
    if not lang:
        return None
    lang = lang.lower()
    if lang in _CHROMA_UNKNOWN:
        return None
    name = _ALIASES.get(lang, lang)
    try:
        return get_lexer_by_name(name, stripnl=False, stripall=False, ensurenl=True)
    except ClassNotFound:
        return None


def has_lexer(lang: str) -> bool:
    return _lexer(lang.lower()) is not None


@dataclass(frozen=True)
class _Palette:
    pre_style: str
    hl_color: str
    line_number_color: str
    token_style: Callable[[_TokenType], str]


def _style_string(style: StyleMeta, ttype: _TokenType, base: str) -> str:
    while ttype not in style._styles and ttype.parent is not None:
        ttype = ttype.parent
    info = style.style_for_token(ttype)
    parts: list[str] = []
    if info["color"]:
        parts.append(f"color:#{info['color'].lower()}")
    if info["bgcolor"]:
        parts.append(f"background-color:#{info['bgcolor'].lower()}")
    if info["bold"]:
        parts.append("font-weight:bold")
    if info["italic"]:
        parts.append("font-style:italic")
    if info["underline"]:
        parts.append("text-decoration:underline")
    text = ";".join(parts)
    return "" if text == base else text


@lru_cache(maxsize=32)
def _palette(style_name: str, tab_width: int) -> _Palette:
    try:
        style = get_style_by_name(style_name)
    except ClassNotFound:
        style = get_style_by_name("monokai")
        style_name = "monokai"
    base_info = style.style_for_token(Token)
    fg = f"#{base_info['color'].lower()}" if base_info["color"] else ""
    bg = (style.background_color or "").lower()
    pre = ""
    if fg:
        pre += f"color:{fg};"
    if bg:
        pre += f"background-color:{bg};"
    pre += (
        f"-moz-tab-size:{tab_width};-o-tab-size:{tab_width};tab-size:{tab_width};"
        "-webkit-text-size-adjust:none;"
    )
    base = f"color:{fg}" if fg else ""
    hl, number = _CHROMA_EXTRAS.get(
        style_name, ((style.highlight_color or "#ffffcc").lower(), "#7f7f7f")
    )
    cache: dict[_TokenType, str] = {}

    def token_style(ttype: _TokenType) -> str:
        found = cache.get(ttype)
        if found is None:
            found = cache[ttype] = _style_string(style, ttype, base)
        return found

    return _Palette(pre, hl, number, token_style)


def _token_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return str(STANDARD_TYPES[ttype])


def _split_lines(lexer: Lexer, code: str) -> list[list[tuple[_TokenType, str]]]:
    lines: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in lexer.get_tokens(code):
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines[-1].append((ttype, "\n"))
                lines.append([])
            if part:
                lines[-1].append((ttype, part))
    if not lines[-1]:
        lines.pop()
    return lines


def _line_body(tokens: list[tuple[_TokenType, str]], palette: _Palette, classes: bool) -> str:
    out: list[str] = []
    for ttype, value in tokens:
        text = go_escape(value)
        if value == "\n":
            out.append(text)
            continue
        if classes:
            cls = _token_class(ttype)
            out.append(f'<span class="{cls}">{text}</span>' if cls else text)
        else:
            style = palette.token_style(ttype)
            out.append(f'<span style="{style}">{text}</span>' if style else text)
    return "".join(out)


def _number_span(number: str, palette: _Palette, classes: bool) -> str:
    if classes:
        return f'<span class="ln">{number}</span>'
    style = _LINE_NUMBER_STYLE.format(color=palette.line_number_color)
    return f'<span style="{style}">{number}</span>'


def render_fence(code: str, info: FenceInfo, options: CodeOptions) -> tuple[str, bool]:
    """Hugo's HTML for a fenced block; the flag says whether the language was known."""
    code = code.rstrip("\n")
    lang = info.lang
    lexer = _lexer(lang)
    known = lexer is not None or not lang
    if lexer is None and options.guess_syntax and options.code_fences:
        lang = guess_language(code)  # highlighted as Pygments can, plain text else
        lexer = _lexer(_GUESSED.get(lang, lang)) or _lexer("text")
    if lexer is None or not options.code_fences:
        attrs = f' class="language-{go_escape(lang)}" data-lang="{go_escape(lang)}"' if lang else ""
        body = go_escape(code + "\n") if code else ""
        return f'<pre tabindex="0"><code{attrs}>{body}</code></pre>', known
    classes = not options.no_classes
    palette = _palette(options.style, options.tab_width)
    lines = _split_lines(lexer, code) if code else []
    if lines and not (lines[-1] and lines[-1][-1][1] == "\n"):
        lines[-1].append((Token.Text, "\n"))
    width = len(str(info.line_no_start + max(len(lines) - 1, 0)))
    hl_attr = ' class="line hl"' if classes else ' style="display:flex; background-color:{}"'
    plain_attr = ' class="line"' if classes else ' style="display:flex;"'
    inline_numbers = info.line_nos and not info.in_table
    rows: list[str] = []
    for index, tokens in enumerate(lines):
        number = index + info.line_no_start
        highlighted = (index + 1) in info.hl_lines
        attr = hl_attr.format(palette.hl_color) if highlighted else plain_attr
        prefix = ""
        if inline_numbers:
            prefix = _number_span(str(number).rjust(width), palette, classes)
        inner = '<span class="cl">' if classes else "<span>"
        rows.append(
            f"<span{attr}>{prefix}{inner}{_line_body(tokens, palette, classes)}</span></span>"
        )
    lang_attrs = f' class="language-{go_escape(lang)}" data-lang="{go_escape(lang)}"'
    pre_style = palette.pre_style + ("display:grid;" if info.hl_lines and not classes else "")
    pre_attr = ' class="chroma"' if classes else f' style="{pre_style}"'
    code_html = f'<pre tabindex="0"{pre_attr}><code{lang_attrs}>{"".join(rows)}</code></pre>'
    div_class = go_escape(options.wrapper_class)
    div_rest = ""
    for name, value in info.attrs:
        if name == "class":
            div_class += " " + go_escape(value)
        else:
            div_rest += f' {go_escape(name)}="{go_escape(value)}"'
    div = f'<div class="{div_class}"{div_rest}'
    div += ">"
    if not (info.line_nos and info.in_table):
        return f"{div}{code_html}</div>", known
    numbers = "".join(
        _number_span(str(i + info.line_no_start).rjust(width) + "\n", palette, classes)
        for i in range(len(lines))
    )
    if classes:
        return (
            f'{div}<div class="chroma">\n<table class="lntable"><tr>'
            '<td class="lntd">\n<pre tabindex="0" class="chroma">'
            f"<code>{numbers}</code></pre></td>\n"
            f'<td class="lntd">\n{code_html}</td></tr></table>\n</div>\n</div>',
            known,
        )
    cell = "vertical-align:top;padding:0;margin:0;border:0;"
    plain_pre = f'<pre tabindex="0" style="{palette.pre_style}">'
    code_html = code_html.replace(f'<pre tabindex="0" style="{pre_style}">', plain_pre, 1)
    return (
        f'{div}<div style="{palette.pre_style}">\n'
        '<table style="border-spacing:0;padding:0;margin:0;border:0;">'
        f'<tr><td style="{cell}">\n{plain_pre}<code>{numbers}</code></pre></td>\n'
        f'<td style="{cell};width:100%">\n{code_html}</td></tr></table>\n</div>\n</div>',
        known,
    )
