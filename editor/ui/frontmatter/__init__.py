"""The front matter panel (issue 13): the current post's front matter as a form.

`panel` holds `FrontMatterPanel`; `tokens` the `TokenField` for tags and categories (its
chips and wrapping layout in `token_field`);
`fields` the date picker, counted line and cover rule; `apply` puts an edit into the
editor's document as one undo step. ui/window/front_matter_link.py wires them.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["FrontMatterPanel", "TokenField"]

if TYPE_CHECKING:
    from editor.ui.frontmatter.panel import FrontMatterPanel
    from editor.ui.frontmatter.tokens import TokenField
else:
    __getattr__, __dir__ = lazy_face(
        __name__, {"panel": ["FrontMatterPanel"], "tokens": ["TokenField"]}
    )
