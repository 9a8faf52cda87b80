"""The live preview: `PreviewPane`, a locked-down web view patched block by block.

`pane` holds `PreviewPane`, `link` the `PreviewLink` that keeps the preview and the status
figures in step with the current post.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["PreviewLink", "PreviewPane"]

if TYPE_CHECKING:
    from editor.ui.preview.link import PreviewLink
    from editor.ui.preview.pane import PreviewPane
else:
    __getattr__, __dir__ = lazy_face(__name__, {"pane": ["PreviewPane"], "link": ["PreviewLink"]})
