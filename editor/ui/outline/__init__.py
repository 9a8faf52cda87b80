"""The outline of the current post: its headings as a tree, to go to and to reorder sections.

`panel` holds `OutlinePanel` (the tree; click goes to a heading, drag and drop asks to move a
section). ui/window/outline_link.py makes the dock and feeds it.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["OutlinePanel"]

if TYPE_CHECKING:
    from editor.ui.outline.panel import OutlinePanel
else:
    __getattr__, __dir__ = lazy_face(__name__, {"panel": ["OutlinePanel"]})
