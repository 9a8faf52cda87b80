"""Fenced code left unhighlighted until something needs its markup (the library's figures).

Hugo's figures are read from the rendered HTML: the word count from its plain text (tags
stripped), the automatic summary from its markup as well (page.ExtractSummaryFromHTML counts
the tokens between tags, so a highlighted line's `<span style=...>` matters). Highlighting is
Pygments lexing every fence, which only the summary's head can need. With a
`DeferredFences` in the render's env (`Renderer(defer_fences=True)`), a fence without line
numbers renders as `<pre data-inkpost-fence="N"><code>ESCAPED CODE</code></pre>`: the
same plain text as Hugo's highlighted block (the code, escaped, one "\\n" per line; the lexer
keeps every character), and `expand` puts the real block in place of any such fence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from editor.core.markdown.highlight import CodeOptions, FenceInfo, go_escape, render_fence

__all__ = ["DeferredFences", "has_deferred"]

# \x02 never reaches the markup from a document (the renderer replaces it), and "f" keeps
# this mark apart from the heading-id marks ("\x02<digits>\x03").
_MARK_RE = re.compile('<pre data-inkpost-fence="\x02f(\\d+)\x03"><code>')
_END = "</code></pre>"


class DeferredFences:
    """The fences one render left unhighlighted, by index, to expand on demand."""

    def __init__(self, options: CodeOptions) -> None:
        self.options = options
        self._fences: list[tuple[str, FenceInfo]] = []

    def __len__(self) -> int:
        return len(self._fences)

    def defer(self, code: str, info: FenceInfo) -> str | None:
        """Stand-in markup for this fence, or None when it must be rendered now (line
        numbers add text; the lexer drops a leading byte order mark)."""
        if info.line_nos or code.startswith("\ufeff"):
            return None
        index = len(self._fences)
        self._fences.append((code, info))
        code = code.rstrip("\n")
        body = go_escape(code + "\n") if code else ""
        return f'<pre data-inkpost-fence="\x02f{index}\x03"><code>{body}{_END}'

    def expand_before(self, html: str, end: int) -> str:
        """`html` with the deferred fences that start before `end` rendered for real."""
        out: list[str] = []
        pos = 0
        for match in _MARK_RE.finditer(html):
            if match.start() >= end:
                break
            close = html.index(_END, match.end()) + len(_END)
            code, info = self._fences[int(match.group(1))]
            out.append(html[pos : match.start()])
            out.append(render_fence(code, info, self.options)[0])
            pos = close
        if not out:
            return html
        out.append(html[pos:])
        return "".join(out)

    def expand(self, html: str) -> str:
        """`html` with every deferred fence rendered for real."""
        return self.expand_before(html, len(html))

    def settle(self, html: str, end_of: Callable[[str], int]) -> tuple[str, int]:
        """`html` with real markup up to `end_of(html)` (where a reading of it stops), taking
        into account that expanding a fence moves that end; and that end."""
        while True:
            end = end_of(html)
            first = _MARK_RE.search(html, 0, end)
            if first is None:
                return html, end
            html = self.expand_before(html, end)


def has_deferred(html: str) -> bool:
    """Whether `html` holds a fence still deferred."""
    return _MARK_RE.search(html) is not None
