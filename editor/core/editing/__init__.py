"""The editor's Markdown conveniences as pure text operations, and where pasted images go.

`commands` holds the list, heading, emphasis and link edits (`on_enter`, `wrap_inline`,
`make_link`, ...), `images` the placement and naming of an image pasted or dropped into a
post (`plan_image`, `place_image`).
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "ImagePlacementError",
    "TextEdit",
    "cycle_heading",
    "is_image_name",
    "is_url",
    "make_link",
    "on_enter",
    "place_image",
    "plan_image",
    "wrap_inline",
]

if TYPE_CHECKING:
    from editor.core.editing.commands import (
        TextEdit,
        cycle_heading,
        is_url,
        make_link,
        on_enter,
        wrap_inline,
    )
    from editor.core.editing.images import (
        ImagePlacementError,
        is_image_name,
        place_image,
        plan_image,
    )
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "commands": [
                "TextEdit",
                "cycle_heading",
                "is_url",
                "make_link",
                "on_enter",
                "wrap_inline",
            ],
            "images": ["ImagePlacementError", "is_image_name", "place_image", "plan_image"],
        },
    )
