"""The live preview's core: rendering as a service in a child process, and the page as data.

`service` holds the render child (`RenderService`, its `RenderRequest`/`RenderOutcome`/
`Shutdown` messages and the length-prefixed frames they travel in: `encode_frame`,
`FrameDecoder`), `page` the preview page's HTML shell and the block patches that keep it
current, `header` the card shown above the post instead of its front matter.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "Block",
    "FrameDecoder",
    "PatchPlan",
    "PreviewHeader",
    "RenderOutcome",
    "RenderRequest",
    "RenderService",
    "Shutdown",
    "build_preview_header",
    "code_style_css",
    "encode_frame",
    "header_html",
    "page_shell",
    "plan_patch",
    "post_header",
    "split_blocks",
]

if TYPE_CHECKING:
    from editor.core.preview.header import PreviewHeader, build_preview_header, post_header
    from editor.core.preview.page import (
        Block,
        PatchPlan,
        code_style_css,
        header_html,
        page_shell,
        plan_patch,
        split_blocks,
    )
    from editor.core.preview.service import (
        FrameDecoder,
        RenderOutcome,
        RenderRequest,
        RenderService,
        Shutdown,
        encode_frame,
    )
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "service": [
                "FrameDecoder",
                "RenderOutcome",
                "RenderRequest",
                "RenderService",
                "Shutdown",
                "encode_frame",
            ],
            "page": [
                "Block",
                "PatchPlan",
                "code_style_css",
                "header_html",
                "page_shell",
                "plan_patch",
                "split_blocks",
            ],
            "header": ["PreviewHeader", "build_preview_header", "post_header"],
        },
    )
