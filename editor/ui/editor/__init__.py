"""The text editor: the open `Document`s, their tabs and the `PostEditor` the user writes in.

`documents` holds `Document` and `DocumentTab`, `post_editor` the `PostEditor`, `highlighter`
the Markdown colouring, `line_numbers` the gutter and `find_bar` find and replace.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Document", "DocumentTab", "FindBar", "MarkdownHighlighter", "PostEditor"]

if TYPE_CHECKING:
    from editor.ui.editor.documents import Document, DocumentTab
    from editor.ui.editor.find_bar import FindBar
    from editor.ui.editor.highlighter import MarkdownHighlighter
    from editor.ui.editor.post_editor import PostEditor
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "documents": ["Document", "DocumentTab"],
            "post_editor": ["PostEditor"],
            "find_bar": ["FindBar"],
            "highlighter": ["MarkdownHighlighter"],
        },
    )
