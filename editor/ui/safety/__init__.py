"""The GUI side of never losing a word: autosave, crash recovery, versions, changes on disk.

`safekeeping` holds `Safekeeping`, the one object the window keeps for all of it; `autosave`
journals every open document, `external_changes` handles posts changed on disk by someone
else, and `recovery_dialog`, `versions_dialog` and `diff_view` are their dialogs.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Safekeeping"]

if TYPE_CHECKING:
    from editor.ui.safety.safekeeping import Safekeeping
else:
    __getattr__, __dir__ = lazy_face(__name__, {"safekeeping": ["Safekeeping"]})
