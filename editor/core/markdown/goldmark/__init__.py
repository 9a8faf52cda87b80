"""markdown-it-py made to parse and render like Goldmark as Hugo configures it.

`options` holds `MarkupOptions` (what changes the HTML, read from a site), `parser` builds the
MarkdownIt (`build_markdown`) and reports headings (`HeadingInfo`); `blocks`, `inline` and
`html` are its block, inline and render rules, `text` the text of headings and images.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["HeadingInfo", "MarkupOptions", "build_markdown"]

if TYPE_CHECKING:
    from editor.core.markdown.goldmark.options import MarkupOptions
    from editor.core.markdown.goldmark.parser import HeadingInfo, build_markdown
else:
    __getattr__, __dir__ = lazy_face(
        __name__, {"options": ["MarkupOptions"], "parser": ["HeadingInfo", "build_markdown"]}
    )
