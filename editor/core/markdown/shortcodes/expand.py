"""Hugo shortcodes, the way Hugo handles them, offline.

`extract(text, ctx)` runs before Markdown: `{{< name >}}` becomes a placeholder token whose HTML
is put back by `restore(html, placeholders)` after Markdown (a token alone in a paragraph loses
its <p>, as in Hugo); `{{% name %}}` output is Markdown and goes into the text itself; escaped
`{{</* x */>}}` prints the literal shortcode. Built-ins (highlight, figure, details, ref, relref,
param, youtube, vimeo) produce Hugo 0.168's markup; embeds that need the network (x, tweet,
instagram, gist, qr) become a labelled offline card in the preview and print nothing otherwise
(as Hugo does offline); a site or theme shortcode becomes a labelled box around its rendered
inner content in the preview, and just that content otherwise.
Nothing here raises on bad input: problems are warnings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.markdown.shortcodes import builtins
from editor.core.markdown.shortcodes.context import Call, ShortcodeContext
from editor.core.markdown.support import PagePaths, page_paths, resolve_html_paths

_OPEN_RE = re.compile(r"\{\{([<%])")
_COMMENT_RE = re.compile(r"\{\{([<%])(\s*)/\*(.*?)\*/(\s*)([>%])\}\}", re.DOTALL)
_COMMENT_END_RE = re.compile(r"\*/\s*[>%]\}\}")
_NAME_RE = re.compile(r"[^\s/>%\"'`=]+(?:/[^\s/>%\"'`=]+)*")
_TOKEN_RE = re.compile(r"(<p(?: data-line=\"(\d+)\")?>)?(HAHAHUGOSHORTCODE\d+s\d+HBHB)(</p>)?")
# a named argument: `key=value`, or with spaces around "=" as Hugo allows (its lexer then
# counts the key as positional when it checks that named and positional are not mixed)
_KEY_RE = re.compile(r"([\w.-]+)([ \t\r\n]*)=\s*")
_SPACE = " \t\r\n"


@dataclass(frozen=True)
class Extracted:
    """The expanded text; `line_of[j]` is the line of the input that line j of `text` comes
    from (a shortcode's output points at its opening tag), plus one entry past the end."""

    text: str
    placeholders: dict[str, str]
    warnings: tuple[Diagnostic, ...] = ()
    line_of: tuple[int, ...] | None = None
    site_shortcodes: tuple[str, ...] = ()  # the site's own, shown as their inner content


class _State:
    def __init__(self, ctx: ShortcodeContext, start: int, *, nested: bool = False) -> None:
        self.ctx = ctx
        self.nested = nested  # inside inner content: output goes into the text, as in Hugo
        self.placeholders: dict[str, str] = {}
        self.warnings: list[Diagnostic] = []
        self.site_shortcodes: set[str] = set()
        self.counter = start
        self._page: PagePaths | None = None

    def preview_paths(self, html: str, line: int) -> str:
        """In the preview, local image and link paths in a shortcode's output become the
        file:// URLs Markdown images get (the output misses the Markdown's own rewrite)."""
        if not self.ctx.preview or ("<img" not in html and "<a" not in html):
            return html
        if self._page is None:
            self._page = page_paths(self.ctx.site, True, self.ctx.page_path)
        return resolve_html_paths(html, self._page, self.warnings, line + self.ctx.first_line - 1)

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
    if "{{" not in text:
        return Extracted(text, {}, ())
    doc = _Doc(text, state)
    pieces = _expand_pieces(doc, state, 0, len(doc.tags), 0, len(text))
    out = "".join(piece for piece, _, _ in pieces)
    return Extracted(
        out,
        state.placeholders,
        tuple(state.warnings),
        _line_map(doc, pieces),
        tuple(sorted(state.site_shortcodes)),
    )


@dataclass(frozen=True)
class TagScan:
    """The shortcode calls of a text, parsed as `extract` parses them but not expanded."""

    calls: tuple[Call, ...]  # opening tags (lines of the document, `inner` filled in)
    spans: tuple[tuple[int, int], ...]  # (start, end) of every call's tag, closing ones too
    warnings: tuple[Diagnostic, ...]  # unbalanced or broken tags


def scan(text: str, ctx: ShortcodeContext) -> TagScan:
    """Every shortcode call in `text` (for checks: what Hugo will be asked to run)."""
    if "{{" not in text:
        return TagScan((), (), ())
    state = _State(ctx, 0)
    doc = _Doc(text, state)
    calls: list[Call] = []
    spans: list[tuple[int, int]] = []
    for index, tag in enumerate(doc.tags):
        call = tag.call
        if call is None:
            continue
        if not call.closing:
            if tag.close > index:
                call.inner = text[tag.end : doc.tags[tag.close].start]
            call.line += ctx.first_line - 1
            calls.append(call)
        spans.append((tag.start, tag.end))
    return TagScan(tuple(calls), tuple(spans), tuple(state.warnings))


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


@dataclass
class _Tag:
    """One `{{< >}}`/`{{% %}}` occurrence: a call, an escaped comment, or unusable braces."""

    start: int
    end: int
    call: Call | None = None
    literal: str = ""  # what comments and unusable openings leave in the text
    close: int = -1  # index of the matching closing tag (calls with inner content)


class _Doc:
    """The text being expanded, its tags (one scan) and a fast line lookup."""

    def __init__(self, text: str, state: _State) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        # a tag opening after the last closing delimiter can never close
        self.last_close = {"<": text.rfind(">}}"), "%": text.rfind("%}}")}
        self.last_comment_end = max((m.start() for m in _COMMENT_END_RE.finditer(text)), default=-1)
        self.tags = self._scan(state)
        self._pair(state)

    def line_of(self, pos: int) -> int:
        return bisect_right(self.newlines, pos - 1) + 1

    def _scan(self, state: _State) -> list[_Tag]:
        text = self.text
        tags: list[_Tag] = []
        pos = 0
        while True:
            match = _OPEN_RE.search(text, pos)
            if match is None:
                return tags
            start = match.start()
            comment = _COMMENT_RE.match(text, start) if start < self.last_comment_end else None
            if comment:
                kind, lead, body, trail, _end = comment.groups()
                close = ">}}" if kind == "<" else "%}}"
                literal = "{{" + kind + lead + body + trail + close
                tags.append(_Tag(start, comment.end(), literal=literal))
                pos = comment.end()
                continue
            call = None
            if self.last_close[text[start + 2]] < start + 3:
                _warn_unclosable(text, start, state, self.line_of(start))
            else:
                call = _parse_tag(text, start, state, self.line_of(start))
            if call is None:
                tags.append(_Tag(start, start + 3, literal=_escape_braces(text[start : start + 3])))
                pos = start + 3
            else:
                tags.append(_Tag(start, call.end, call=call))
                pos = call.end

    def _pair(self, state: _State) -> None:
        """Match closing tags with their openings (a stack: inner openings left open by a
        closing tag of an outer one simply have no inner content)."""
        stack: list[int] = []
        for index, tag in enumerate(self.tags):
            call = tag.call
            if call is None:
                continue
            if call.closing:
                for depth in range(len(stack) - 1, -1, -1):
                    opening = self.tags[stack[depth]]
                    if opening.call is not None and opening.call.name == call.name:
                        opening.close = index
                        del stack[depth:]
                        break
                else:
                    state.warn(
                        f"closing shortcode {{{{< /{call.name} >}}}} without an opening one",
                        call.line,
                    )
            elif not call.self_closing and _takes_inner(call.name):
                stack.append(index)
        for index in stack:
            call = self.tags[index].call
            if call is not None and call.name in builtins.NEEDS_INNER:
                state.warn(
                    f"shortcode {call.name!r} has no closing tag (Hugo wants it closed or"
                    " self-closed)",
                    call.line,
                )


def _parse_tag(text: str, pos: int, state: _State, line: int) -> Call | None:
    """Parse the tag opening at `pos` ("{{<" or "{{%"); None when it is not a usable tag."""
    kind = text[pos + 2]
    close = ">}}" if kind == "<" else "%}}"
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
    args: list[tuple[str | None, str, bool]] = []  # (key, value, lexed as named by Hugo)
    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            state.warn(f"shortcode {name!r} is never closed with {close!r}", line)
            return None
        if text.startswith(close, i):
            return _make_call(name, kind, closing, False, args, pos, i + 3, line, state)
        if text.startswith("/" + close, i):
            return _make_call(name, kind, closing, True, args, pos, i + 4, line, state)
        key: str | None = None
        eq = _KEY_RE.match(text, i)
        if eq:
            key = eq.group(1)
            i = eq.end()
        tight = eq is not None and not eq.group(2)
        value, i, ok = _read_value(text, i, close)
        if not ok:
            state.warn(f"shortcode {name!r}: an argument's quote is never closed", line)
            end = text.find(close, pos)
            if end == -1:
                return None
            return _make_call(name, kind, closing, False, args, pos, end + 3, line, state)
        args.append((key, value, tight))


def _warn_unclosable(text: str, pos: int, state: _State, line: int) -> None:
    """The warning `_parse_tag` gives a tag with no closing delimiter after it, without
    reading the rest of the text (every later tag would read it again)."""
    close = ">}}" if text[pos + 2] == "<" else "%}}"
    i = pos + 3
    while i < len(text) and text[i] in _SPACE:
        i += 1
    if text.startswith("/", i):
        i += 1
        while i < len(text) and text[i] in _SPACE:
            i += 1
    name_match = _NAME_RE.match(text, i, i + 80)
    if name_match is None:
        state.warn(f"a shortcode without a name: {text[pos : pos + 20]!r}", line)
    else:
        state.warn(f"shortcode {name_match.group(0)!r} is never closed with {close!r}", line)


def _read_value(text: str, i: int, close: str) -> tuple[str, int, bool]:
    n = len(text)
    if i < n and text[i] == '"':
        out: list[str] = []
        j = i + 1
        seen_newline = False
        while j < n:
            c = text[j]
            if c == "\\" and j + 1 < n and text[j + 1] in '"\\':
                out.append(text[j + 1])
                j += 2
                continue
            if c == '"':
                return "".join(out), j + 1, True
            if c == "\n":
                seen_newline = True
            elif seen_newline and text.startswith(close, j):
                return "", i, False
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
    args: list[tuple[str | None, str, bool]],
    start: int,
    end: int,
    line: int,
    state: _State,
) -> Call:
    positional = [v for k, v, _ in args if k is None]
    named = {k: v for k, v, _ in args if k is not None}
    if (positional and named) or len({tight for _, _, tight in args}) > 1:
        state.warn(f"shortcode {name!r} mixes named and positional arguments", line)
    return Call(name, kind == "%", closing, self_closing, positional, named, start, end, line)


def _takes_inner(name: str) -> bool:
    return name not in builtins.NO_INNER


def _expand(doc: _Doc, state: _State, first: int, last: int, lo: int, hi: int) -> str:
    """The text between offsets lo and hi, with tags first..last-1 (all inside) expanded."""
    return "".join(piece for piece, _, _ in _expand_pieces(doc, state, first, last, lo, hi))


def _expand_pieces(
    doc: _Doc, state: _State, first: int, last: int, lo: int, hi: int
) -> list[tuple[str, int, bool]]:
    """`_expand` as (piece, offset in the text, piece is a verbatim copy from there)."""
    out: list[tuple[str, int, bool]] = []
    text = doc.text
    pos = lo
    index = first
    while index < last:
        tag = doc.tags[index]
        out.append((text[pos : tag.start], pos, True))
        call = tag.call
        if call is None:
            out.append((tag.literal, tag.start, False))
            pos, index = tag.end, index + 1
            continue
        if call.closing:  # stray: already warned about
            pos, index = tag.end, index + 1
            continue
        end = doc.tags[tag.close].end if tag.close > index else tag.end
        call.inline = _shares_line(text, tag.start, end)
        if tag.close > index:
            closing = doc.tags[tag.close]
            call.inner = text[tag.end : closing.start]
            out.append((_render(call, state, doc, index + 1, tag.close), tag.start, False))
            pos, index = closing.end, tag.close + 1
        else:
            out.append((_render(call, state, doc, index + 1, index + 1), tag.start, False))
            pos, index = tag.end, index + 1
    out.append((text[pos:hi], pos, True))
    return out


def _line_map(doc: _Doc, pieces: list[tuple[str, int, bool]]) -> tuple[int, ...]:
    """For each line of the joined pieces, the 0-based line of `doc.text` it starts in."""
    mapping = [0]
    for piece, offset, verbatim in pieces:
        if verbatim:
            source = doc.line_of(offset) - 1
            mapping.extend(range(source + 1, source + 1 + piece.count("\n")))
        else:
            mapping.extend([doc.line_of(offset) - 1] * piece.count("\n"))
    mapping.append(len(doc.newlines) + 1)
    return tuple(mapping)


def _shares_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return bool(text[line_start:start].strip() or text[end:line_end].strip())


def _escape_braces(text: str) -> str:
    return text.replace("{{", "{&#8203;{")


def _render(call: Call, state: _State, doc: _Doc, first: int, last: int) -> str:
    ctx = state.ctx
    name = call.name
    inner_html = _inner_html(call, state, doc, first, last)
    try:
        result = builtins.render(call, ctx, state.warn, inner_html)
    except Exception as exc:  # a shortcode must never break the render
        state.warn(f"shortcode {name!r} failed: {exc}", call.line)
        result = builtins.Output("")
    if result is None:
        site_names: frozenset[str] = getattr(ctx.site, "shortcode_names", frozenset())
        if name in site_names:
            state.site_shortcodes.add(name)
            state.warn(
                f"site shortcode {name!r} is shown as a box, not as the theme renders it", call.line
            )
            html = builtins.box(name, call, ctx, inner_html())
        else:
            state.warn(f"unknown shortcode {name!r}: Hugo stops the build on it", call.line)
            html = builtins.box(name, call, ctx, inner_html(), unknown=True)
        # Hugo mode: the inner content as a template rendering it would give it; {{% %}} puts
        # it into the Markdown. The preview's labelled box stays out of the Markdown.
        result = builtins.Output(html, markdown_ok=not ctx.preview)
    if state.nested:  # the outermost shortcode's output is resolved as a whole
        return result.html
    html = state.preview_paths(result.html, call.line)
    return html if call.markdown and result.markdown_ok else state.token(html)


def _inner_html(call: Call, state: _State, doc: _Doc, first: int, last: int) -> Callable[[], str]:
    """Renders the inner content once, on demand: nested shortcodes first, then Markdown."""
    cache: list[str] = []

    def render() -> str:
        if cache:
            return cache[0]
        if not call.inner:
            cache.append("")
            return ""
        nested = _State(state.ctx, state.counter, nested=True)
        nested.warnings = state.warnings
        nested.site_shortcodes = state.site_shortcodes
        lo = doc.tags[first - 1].end
        text = _expand(doc, nested, first, last, lo, lo + len(call.inner))
        state.counter = nested.counter
        cache.append(restore(state.ctx.render_markdown(text), nested.placeholders))
        return cache[0]

    return render
