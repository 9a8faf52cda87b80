"""The plain data a rendering produces: `RenderResult` and its `Heading`s.

They live apart from editor.core.markdown.renderer (which imports markdown-it, Pygments and
Python-Markdown) so that a process that only receives renderings, the GUI unpickling a
`RenderOutcome` from the render child, never imports the renderer. editor.core.markdown.renderer
re-exports both names; import them from either module.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.diagnostics import Diagnostic

__all__ = ["Heading", "RenderResult"]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class RenderResult:
    html: str
    toc_html: str
    headings: tuple[Heading, ...] = ()
    line_map: tuple[tuple[int, int], ...] = ()
    more_html: str | None = None
    warnings: tuple[Diagnostic, ...] = ()
    # shortcodes of the site or its theme: their templates' own words are not in `html`
    site_shortcodes: tuple[str, ...] = ()
