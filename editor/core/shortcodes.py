"""Hugo shortcodes, the way Hugo handles them, offline.

`extract(text, ctx)` runs before Markdown: `{{< name >}}` becomes a placeholder token whose HTML
is put back by `restore(html, placeholders)` after Markdown (a token alone in a paragraph loses
its <p>, as in Hugo); `{{% name %}}` output is Markdown and goes into the text itself; escaped
`{{</* x */>}}` prints the literal shortcode. Built-ins (highlight, figure, details, ref, relref,
param, youtube, vimeo) produce Hugo 0.168's markup; embeds that need the network (x, tweet,
instagram, gist, qr) become a labelled offline card in the preview and a wordless placeholder
otherwise; a site or theme shortcode becomes a labelled box around its rendered inner content.
Nothing here raises on bad input: problems are warnings.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core import shortcode_builtins as builtins
from editor.core.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from editor.core.site import SiteConfig

_OPEN_RE = re.compile(r"\{\{([<%])")
_COMMENT_RE = re.compile(r"\{\{([<%])(\s*)/\*(.*?)\*/(\s*)([>%])\}\}", re.DOTALL)
_NAME_RE = re.compile(r"[^\s/>%\"'`=]+(?:/[^\s/>%\"'`=]+)*")
_TOKEN_RE = re.compile(r"(<p(?: data-line=\"(\d+)\")?>)?(HAHAHUGOSHORTCODE\d+s\d+HBHB)(</p>)?")
_SPACE = " \t\r\n"


def _escape_html(text: str) -> str:
    return html_lib.escape(text, quote=False)


@dataclass(frozen=True)
class ShortcodeContext:
    """What shortcodes may look at while one page renders.

    `render_markdown` renders a Markdown fragment to block HTML with the page's settings (it
    should run `extract`/`restore` itself only if it wants nested shortcodes: `extract` already
    expands shortcodes nested in inner content before calling it). `site_pages` resolves a
    ref/relref target to the page's relative permalink ("/posts/x/"), None when not found; left
    None, the site's content folder is searched. `highlight(code, lang, options)` returns the
    highlighted HTML Hugo's `highlight` would; left None a plain `<pre><code>` is produced.
    """

    site: SiteConfig | None = None
    page_path: Path | None = None
    preview: bool = False
    render_markdown: Callable[[str], str] = builtins.plain_markdown
    site_pages: Callable[[str, Path | None], str | None] | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    highlight: Callable[[str, str, str], str] | None = None
    first_line: int = 1  # the line of `text` passed to extract, in the file


@dataclass(frozen=True)
class Extracted:
    text: str
    placeholders: dict[str, str]
    warnings: tuple[Diagnostic, ...] = ()


@dataclass
class Call:
    """One parsed shortcode tag."""

    name: str
    markdown: bool  # {{% %}} rather than {{< >}}
    closing: bool
    self_closing: bool
    positional: list[str]
    named: dict[str, str]
    start: int
    end: int
    line: int
    inner: str | None = None

    def get(self, key: str | int, default: str = "") -> str:
        if isinstance(key, int):
            return self.positional[key] if key < len(self.positional) else default
        return self.named.get(key, default)

    def first(self, key: str, index: int) -> str:
        """A named argument, else the positional one at `index` (Hugo's `or (.Get k) (.Get i)`)."""
        return self.named.get(key) or self.get(index)


class _State:
    def __init__(self, ctx: ShortcodeContext, start: int, *, nested: bool = False) -> None:
        self.ctx = ctx
        self.nested = nested  # inside inner content: output goes into the text, as in Hugo
        self.placeholders: dict[str, str] = {}
        self.warnings: list[Diagnostic] = []
        self.counter = start

    def warn(self, message: str, line: int) -> None:
        self.warnings.append(
            Diagnostic(
                message, self.ctx.page_path, line + self.ctx.first_line - 1, Severity.WARNING
            )
        )

    def token(self, html: str) -> str:
        key = f"HAHAHUGOSHORTCODE1s{self.counter}HBHB"  # Hugo's form; it numbers from 0 too
        self.counter += 1
        self.placeholders[key] = html
        return key


def extract(text: str, ctx: ShortcodeContext) -> Extracted:
    """Replace every shortcode in `text`; see the module docstring. Run it once per text."""
    state = _State(ctx, 0)
    out = _expand(text, state, 0, len(text), text)
    return Extracted(out, state.placeholders, tuple(state.warnings))


def restore(html: str, placeholders: Mapping[str, str]) -> str:
    """Put the `{{< >}}` output back; a token that is a whole paragraph replaces the paragraph."""
    if not placeholders or "HAHAHUGOSHORTCODE" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        p_open, data_line, key, p_close = match.groups()
        value = placeholders.get(key)
        if value is None:
            return match.group(0)
        if p_open and p_close:
            # A placeholder alone in a paragraph replaces the paragraph (Hugo does the same);
            # in the preview a <div> keeps the block's source line for scroll sync.
            return f'<div data-line="{data_line}">{value}</div>' if data_line else value
        return (p_open or "") + value + (p_close or "")

    return _TOKEN_RE.sub(replace, html)


def render_fragment(markdown: str, ctx: ShortcodeContext) -> str:
    """Markdown with shortcodes (inner content, captions) to HTML."""
    inner = extract(markdown, ctx)
    return restore(ctx.render_markdown(inner.text), inner.placeholders)


# --- parsing --------------------------------------------------------------------------------


def _line_of(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def _parse_tag(text: str, pos: int, state: _State, source: str) -> Call | None:
    """Parse the tag opening at `pos` ("{{<" or "{{%"); None when it is not a usable tag."""
    kind = text[pos + 2]
    close = ">}}" if kind == "<" else "%}}"
    line = _line_of(source, pos)
    i = pos + 3
    n = len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    closing = False
    if text.startswith("/", i):
        closing = True
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
    name_match = _NAME_RE.match(text, i)
    if name_match is None:
        state.warn(f"a shortcode without a name: {text[pos : pos + 20]!r}", line)
        return None
    name = name_match.group(0)
    i = name_match.end()
    args: list[tuple[str | None, str]] = []
    broken = False
    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            state.warn(f"shortcode {name!r} is never closed with {close!r}", line)
            return None
        if text.startswith(close, i):
            return _make_call(name, kind, closing, False, args, pos, i + 3, line, state, broken)
        if text.startswith("/" + close, i):
            return _make_call(name, kind, closing, True, args, pos, i + 4, line, state, broken)
        key: str | None = None
        eq = re.match(r"([\w.-]+)=", text[i:])
        if eq:
            key = eq.group(1)
            i += eq.end()
        value, i, ok = _read_value(text, i, close)
        if not ok:
            broken = True
            state.warn(f"shortcode {name!r}: an argument's quote is never closed", line)
            end = text.find(close, pos)
            if end == -1:
                return None
            return _make_call(name, kind, closing, False, args, pos, end + 3, line, state, True)
        args.append((key, value))


def _read_value(text: str, i: int, close: str) -> tuple[str, int, bool]:
    n = len(text)
    if i < n and text[i] == '"':
        out: list[str] = []
        j = i + 1
        while j < n:
            c = text[j]
            if c == "\\" and j + 1 < n and text[j + 1] in '"\\':
                out.append(text[j + 1])
                j += 2
            elif c == '"':
                return "".join(out), j + 1, True
            elif text.startswith(close, j) and "\n" in text[i:j]:
                return "", i, False
            else:
                out.append(c)
                j += 1
        return "", i, False
    if i < n and text[i] == "`":
        end = text.find("`", i + 1)
        if end == -1:
            return "", i, False
        return text[i + 1 : end], end + 1, True
    j = i
    while j < n and text[j] not in _SPACE and not text.startswith(close, j):
        if text.startswith("/" + close, j):
            break
        j += 1
    return text[i:j], j, True


def _make_call(
    name: str,
    kind: str,
    closing: bool,
    self_closing: bool,
    args: list[tuple[str | None, str]],
    start: int,
    end: int,
    line: int,
    state: _State,
    broken: bool,
) -> Call:
    positional = [v for k, v in args if k is None]
    named = {k: v for k, v in args if k is not None}
    if positional and named and not broken:
        state.warn(f"shortcode {name!r} mixes named and positional arguments", line)
    return Call(name, kind == "%", closing, self_closing, positional, named, start, end, line)


def _find_close(text: str, call: Call, state: _State, source: str) -> tuple[int, int] | None:
    """(start, end) of the matching closing tag, nesting of the same name counted."""
    depth = 0
    pos = call.end
    while True:
        match = _OPEN_RE.search(text, pos)
        if match is None:
            return None
        comment = _COMMENT_RE.match(text, match.start())
        if comment:
            pos = comment.end()
            continue
        other = _parse_tag(text, match.start(), _State(state.ctx, 0), source)
        if other is None:
            pos = match.start() + 3
            continue
        if other.name == call.name and not other.self_closing:
            if other.closing:
                if depth == 0:
                    return other.start, other.end
                depth -= 1
            elif _takes_inner(other.name, state.ctx):
                depth += 1
        pos = other.end


def _takes_inner(name: str, ctx: ShortcodeContext) -> bool:
    return name not in builtins.NO_INNER


def _expand(text: str, state: _State, lo: int, hi: int, source: str) -> str:
    out: list[str] = []
    pos = lo
    segment = text[:hi]
    while pos < hi:
        match = _OPEN_RE.search(segment, pos)
        if match is None:
            break
        out.append(segment[pos : match.start()])
        comment = _COMMENT_RE.match(segment, match.start())
        if comment:
            kind, lead, body, trail, _end = comment.groups()
            close = ">}}" if kind == "<" else "%}}"
            out.append("{{" + kind + lead + body + trail + close)
            pos = comment.end()
            continue
        call = _parse_tag(segment, match.start(), state, source)
        if call is None:
            out.append(_escape_braces(segment[match.start() : match.start() + 3]))
            pos = match.start() + 3
            continue
        if call.closing:
            state.warn(
                f"closing shortcode {{{{< /{call.name} >}}}} without an opening one", call.line
            )
            pos = call.end
            continue
        if not call.self_closing and _takes_inner(call.name, state.ctx):
            found = _find_close(segment, call, state, source)
            if found is not None:
                call.inner = segment[call.end : found[0]]
                call.end = found[1]
            elif call.name in builtins.NEEDS_INNER:
                state.warn(
                    f"shortcode {call.name!r} has no closing tag (Hugo wants it closed or"
                    " self-closed)",
                    call.line,
                )
        out.append(_render(call, state))
        pos = call.end
    out.append(segment[pos:hi])
    return "".join(out)


def _escape_braces(text: str) -> str:
    return text.replace("{{", "{&#8203;{")


def _render(call: Call, state: _State) -> str:
    ctx = state.ctx
    name = call.name
    try:
        result = builtins.render(call, ctx, state.warn, _inner_html(call, state))
    except Exception as exc:  # a shortcode must never break the render
        state.warn(f"shortcode {name!r} failed: {exc}", call.line)
        result = builtins.Output("")
    if result is None:
        site_names: frozenset[str] = getattr(ctx.site, "shortcode_names", frozenset())
        if name in site_names:
            state.warn(
                f"site shortcode {name!r} is shown as a box, not as the theme renders it", call.line
            )
            html = builtins.box(name, call, ctx, _inner_html(call, state)())
        else:
            state.warn(f"unknown shortcode {name!r}: Hugo stops the build on it", call.line)
            html = builtins.box(name, call, ctx, _inner_html(call, state)(), unknown=True)
        # Hugo mode: the inner content as a template rendering it would give it; {{% %}} puts
        # it into the Markdown. The preview's labelled box stays out of the Markdown.
        result = builtins.Output(html, markdown_ok=not ctx.preview)
    if state.nested or (call.markdown and result.markdown_ok):
        return result.html
    return state.token(result.html)


def _inner_html(call: Call, state: _State) -> Callable[[], str]:
    def render() -> str:
        if not call.inner:
            return ""
        nested = _State(state.ctx, state.counter, nested=True)
        text = _expand(call.inner, nested, 0, len(call.inner), call.inner)
        state.counter = nested.counter
        state.warnings.extend(
            Diagnostic(w.message, w.file, (w.line or 1) + call.line - 1, w.severity)
            for w in nested.warnings
        )
        return restore(state.ctx.render_markdown(text), nested.placeholders)

    return render
