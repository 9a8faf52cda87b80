"""Markdown to HTML exactly as Hugo 0.168 renders it, for the preview, the figures and exports.

`renderer` holds `Renderer` (incremental, chunk-cached) and `render_post`/`render_markdown`;
`types` the plain results (`RenderResult`, `Heading`), light enough for the GUI to unpickle
without importing markdown-it, Pygments or Python-Markdown. `goldmark/` sets markdown-it up
to behave like Goldmark, `shortcodes/` expands Hugo's shortcodes, `highlight` renders code
as Chroma does (with Pygments), `heading_ids` makes ids and the table of contents,
`chunks` cuts a body into independently parsable chunks, `python_markdown` serves Pelican
and MkDocs sites and `support` holds the helpers around a render.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Heading", "RenderResult", "Renderer", "render_markdown", "render_post"]

if TYPE_CHECKING:
    from editor.core.markdown.renderer import Renderer, render_markdown, render_post
    from editor.core.markdown.types import Heading, RenderResult
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "renderer": ["Renderer", "render_markdown", "render_post"],
            "types": ["Heading", "RenderResult"],
        },
    )
