"""What a shortcode sees: the page's `ShortcodeContext` and the parsed tag, a `Call`.

Shared by shortcodes.expand (which parses tags into `Call`s and walks them) and
shortcodes.builtins (which renders Hugo's built-ins from them). `plain_markdown` is the
stand-in Markdown renderer a context has until the renderer passes the real one.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.core.site.model import SiteConfig

__all__ = ["Call", "ShortcodeContext", "plain_markdown"]


def plain_markdown(text: str) -> str:
    """A minimal Markdown stand-in: escaped paragraphs (the renderer passes the real one)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join(f"<p>{html_lib.escape(b, quote=False)}</p>\n" for b in blocks)


@dataclass(frozen=True)
class ShortcodeContext:
    """What shortcodes may look at while one page renders.

    `render_markdown` renders a Markdown fragment to block HTML with the page's settings (it
    should run `extract`/`restore` itself only if it wants nested shortcodes: `extract` already
    expands shortcodes nested in inner content before calling it). `site_pages` resolves a
    ref/relref target to the page's relative permalink ("/posts/x/"), None when not found; left
    None, the site's content folder is searched (editor.core.markdown.shortcodes.refs).
    `highlight(code, lang, options)` returns the highlighted HTML Hugo's `highlight` would; left
    None, editor.core.markdown.highlight is used.
    """

    site: SiteConfig | None = None
    page_path: Path | None = None
    preview: bool = False
    render_markdown: Callable[[str], str] = plain_markdown
    site_pages: Callable[[str, Path | None], str | None] | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    highlight: Callable[[str, str, str], str] | None = None
    first_line: int = 1  # the line of `text` passed to extract, in the file


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
    inline: bool = False  # other text shares its first or last line

    def get(self, key: str | int, default: str = "") -> str:
        if isinstance(key, int):
            return self.positional[key] if key < len(self.positional) else default
        return self.named.get(key, default)

    def first(self, key: str, index: int) -> str:
        """A named argument, else the positional one at `index` (Hugo's `or (.Get k) (.Get i)`)."""
        return self.named.get(key) or self.get(index)
