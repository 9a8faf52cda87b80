"""The preview page, as data: its HTML shell and the block patches that keep it current.

The preview loads `page_shell(...)` once (header card, empty content, the CSS inline and
a strict Content-Security-Policy: no script of any kind, no network unless remote
content is allowed). The post's HTML then goes in as top-level *blocks*: `split_blocks`
cuts a rendered body into them, and `plan_patch` compares two renderings block by block
and says which ones to replace, insert or remove, so that typing patches one paragraph
instead of reloading the page. A block's identity ignores where it sits: its
`data-line` values are compared relative to its first line, and blocks that only moved
(a line was added above them) are renumbered in place (`PatchPlan.shifts`).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from editor.core.preview.header import PreviewHeader

__all__ = [
    "Block",
    "PatchPlan",
    "blocks_by_html",
    "code_style_css",
    "content_security_policy",
    "header_html",
    "page_shell",
    "plan_patch",
    "split_blocks",
]

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp"))
_TOKEN = re.compile(
    r"<!--.*?-->"  # comment
    r"|<![^>]*>|<\?[^>]*>"  # doctype, CDATA-ish, processing instruction
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_DATA_LINE = re.compile(r'\bdata-line="(\d+)"')
_OWN_LINE = re.compile(r'\sdata-line="(\d+)"')


class Block(NamedTuple):
    """One top-level piece of the body HTML (an element with what follows it up to the next).

    `key` is a digest of the HTML without its own `data-line` (`line`, None when it has
    none) and with any nested `data-line` made relative to it, so a block that only moved
    compares equal. (A named tuple: thousands of them cross the process pipe per render.)
    """

    html: str
    key: str
    line: int | None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def split_blocks(
    body_html: str,
    line_map: Sequence[tuple[int, int]] | None = None,
    known: Mapping[str, Block] | None = None,
) -> tuple[Block, ...]:
    """Cut rendered body HTML into its top-level blocks, in order; "".join(b.html) == input.

    With the render's `line_map` (block i starts with a tag carrying `data-line="first"`)
    the cut is a few string searches; without it, or when the HTML does not match it, the
    HTML is tokenized. Tolerant of malformed raw HTML: an element left open keeps the rest
    in one block. `known` maps a block's HTML to its Block (the previous rendering's, see
    `blocks_by_html`): a block is a function of its HTML, so one found there is reused
    instead of digested again.
    """
    known = known or {}
    if line_map:
        fast = _split_by_line_map(body_html, line_map, known)
        if fast is not None:
            return fast
    starts: list[int] = []
    depth = 0
    pos = 0
    end = len(body_html)
    while pos < end:
        match = _TOKEN.search(body_html, pos)
        if match is None:
            break
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if depth == 0 and not closing:
            starts.append(match.start())
        pos = match.end()
        if name is None:  # comment, doctype
            continue
        lowered = name.lower()
        if closing:
            if lowered not in _VOID and depth > 0:
                depth -= 1
            continue
        if lowered in _VOID or (attrs or "").rstrip().endswith("/"):
            continue
        if lowered in _RAW_TEXT:
            close = re.compile(rf"</{re.escape(lowered)}\s*>", re.IGNORECASE).search(body_html, pos)
            if close is None:
                depth += 1
                pos = end
                continue
            pos = close.end()
            continue
        depth += 1
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    blocks: list[Block] = []
    bounds = [*starts, end]
    for first, stop in itertools.pairwise(bounds):
        if first == stop:
            continue
        text = body_html[first:stop]
        blocks.append(known.get(text) or _block(text))
    return tuple(blocks)


def blocks_by_html(blocks: Sequence[Block]) -> dict[str, Block]:
    """`blocks` by their HTML, for `split_blocks(..., known=)` on the next rendering."""
    return {block.html: block for block in blocks}


_TAG_START = re.compile(r"<[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?")


def _split_by_line_map(
    body_html: str, line_map: Sequence[tuple[int, int]], known: Mapping[str, Block]
) -> tuple[Block, ...] | None:
    starts: list[int] = []
    attrs: list[tuple[int, str]] = []
    pos = 0
    for first, _last in line_map:
        needle = f' data-line="{first}"'
        found = body_html.find(needle, pos)
        if found < 0:
            return None
        lt = body_html.rfind("<", pos, found)
        if lt < 0 or _TAG_START.fullmatch(body_html, lt, found) is None:
            return None
        starts.append(lt)
        attrs.append((found - lt, needle))
        pos = found + len(needle)
    blocks: list[Block] = []
    if starts[0] > 0:
        head = body_html[: starts[0]]
        blocks.append(known.get(head) or _block(head))
    bounds = [*starts, len(body_html)]
    for i, (first, stop) in enumerate(itertools.pairwise(bounds)):
        text = body_html[first:stop]
        same = known.get(text)
        if same is not None:
            blocks.append(same)
            continue
        offset, needle = attrs[i]
        if text.find('data-line="', offset + len(needle)) >= 0:
            blocks.append(_block(text))  # nested data-line values: make them relative
        else:
            key = text[:offset] + text[offset + len(needle) :]
            blocks.append(Block(text, _digest(key), line_map[i][0]))
    return tuple(blocks)


def _block(text: str) -> Block:
    tag = _TOKEN.match(text)
    own = _OWN_LINE.search(text, 0, tag.end()) if tag is not None and tag.group(2) else None
    if own is None:
        return Block(text, _digest(text), None)
    line = int(own.group(1))
    rest = _DATA_LINE.sub(lambda m: f'data-line="{int(m.group(1)) - line}"', text[own.end() :])
    return Block(text, _digest(text[: own.start()] + rest), line)


@dataclass(frozen=True, slots=True)
class PatchPlan:
    """Turn the old block list into the new one: one splice plus renumbering.

    Remove `remove` blocks at `start` and put `insert` there; then, for each
    `(first, stop, delta)` in `shifts`, add `delta` to every `data-line` inside new
    blocks `first..stop-1` (blocks that stayed but moved).
    """

    start: int
    remove: int
    insert: tuple[str, ...]
    shifts: tuple[tuple[int, int, int], ...] = ()
    lines: tuple[int | None, ...] = field(default=(), repr=False)

    @property
    def is_empty(self) -> bool:
        return self.remove == 0 and not self.insert and not self.shifts

    @property
    def ops(self) -> tuple[tuple[str, int], ...]:
        """The same splice as ("replace"|"insert"|"remove", index in the old list) steps."""
        both = min(self.remove, len(self.insert))
        out = [("replace", self.start + i) for i in range(both)]
        out += [("insert", self.start + i) for i in range(both, len(self.insert))]
        out += [("remove", self.start + i) for i in range(both, self.remove)]
        return tuple(out)

    def payload(self) -> dict[str, Any]:
        """JSON-ready form for the page's patch function."""
        return {
            "start": self.start,
            "remove": self.remove,
            "insert": list(self.insert),
            "shifts": [list(s) for s in self.shifts],
        }


def plan_patch(old: Sequence[Block] | None, new: Sequence[Block]) -> PatchPlan:
    """The smallest splice (common prefix and suffix kept) that turns `old` into `new`."""
    if old is None:
        return PatchPlan(0, 0, tuple(b.html for b in new))
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix].key == new[prefix].key:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix].key == new[-1 - suffix].key:
        suffix += 1
    kept = [(i, i) for i in range(prefix)]
    kept += [(len(new) - suffix + i, len(old) - suffix + i) for i in range(suffix)]
    shifts: list[tuple[int, int, int]] = []
    for new_i, old_i in kept:
        a, b = old[old_i].line, new[new_i].line
        if a is None or b is None or a == b:
            continue
        delta = b - a
        if shifts and shifts[-1][1] == new_i and shifts[-1][2] == delta:
            shifts[-1] = (shifts[-1][0], new_i + 1, delta)
        else:
            shifts.append((new_i, new_i + 1, delta))
    return PatchPlan(
        start=prefix,
        remove=len(old) - prefix - suffix,
        insert=tuple(b.html for b in new[prefix : len(new) - suffix]),
        shifts=tuple(shifts),
    )


def content_security_policy(*, allow_remote: bool) -> str:
    """No script at all, no network: only local files, data: URLs and inline styles."""
    remote = " https: http:" if allow_remote else ""
    return (
        "default-src 'none'; "
        f"img-src file: data:{remote}; "
        f"media-src file: data:{remote}; "
        "style-src 'unsafe-inline' file:; "
        "font-src file: data:; "
        "script-src 'none'; "
        "form-action 'none'; "
        "base-uri file:"
    )


def header_html(header: PreviewHeader) -> str:
    """The header card (PaperMod's post header: title, description, meta line, tags)."""
    esc = html.escape
    parts = ['<h1 class="post-title">', esc(header.title)]
    if header.draft:
        parts.append(' <sup class="entry-isdraft">[draft]</sup>')
    parts.append("</h1>")
    if header.description:
        parts.append(f'<div class="post-description">{esc(header.description)}</div>')
    if header.meta_line:
        parts.append(f'<div class="post-meta">{esc(header.meta_line)}</div>')
    if header.tags:
        chips = "".join(f"<li><span>{esc(tag)}</span></li>" for tag in header.tags)
        parts.append(f'<ul class="post-tags">{chips}</ul>')
    return "".join(parts)


def page_shell(
    *,
    css: str,
    header: PreviewHeader | None = None,
    dark: bool = False,
    allow_remote: bool = False,
    code_css: str = "",
    body_html: str = "",
) -> str:
    """The whole preview document; the content area `#ip-content` holds `body_html`."""
    theme = "dark" if dark else "light"
    csp = html.escape(content_security_policy(allow_remote=allow_remote), quote=True)
    head = header_html(header) if header is not None else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en" class="{theme}" data-theme="{theme}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<style id="ip-css">{_style_text(css)}</style>\n'
        f'<style id="ip-code-css">{_style_text(code_css)}</style>\n'
        "</head>\n<body>\n"
        '<main class="main"><article class="post-single">\n'
        f'<header class="post-header" id="ip-header">{head}</header>\n'
        f'<div class="post-content" id="ip-content">{body_html}</div>\n'
        "</article></main>\n</body>\n</html>\n"
    )


def _style_text(css: str) -> str:
    # A stylesheet cannot close its own <style> element.
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


@cache
def code_style_css(style: str, *, dark: bool = False) -> str:
    """Pygments CSS for `style` (Hugo's `markup.highlight.style`), for class-based output.

    Covers Hugo's `.chroma` classes and Pygments' `.highlight`; an unknown style falls
    back to the dark or light default (monokai / github-ish "default").
    """
    from pygments.formatters import HtmlFormatter
    from pygments.util import ClassNotFound

    try:
        formatter = HtmlFormatter(style=style)
    except ClassNotFound:
        formatter = HtmlFormatter(style="monokai" if dark else "default")
    css: str = formatter.get_style_defs([".chroma", ".highlight"])
    return css
