"""Hugo's shortcodes, handled offline the way Hugo handles them.

`expand` finds and expands them around the Markdown pass (`extract` before, `restore` after),
`context` holds what a shortcode sees (`ShortcodeContext`, the parsed `Call`), `builtins`
renders Hugo's built-in shortcodes and `refs` resolves ref/relref targets.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Call", "Extracted", "ShortcodeContext", "extract", "restore"]

if TYPE_CHECKING:
    from editor.core.markdown.shortcodes.context import Call, ShortcodeContext
    from editor.core.markdown.shortcodes.expand import Extracted, extract, restore
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {"expand": ["Extracted", "extract", "restore"], "context": ["Call", "ShortcodeContext"]},
    )
