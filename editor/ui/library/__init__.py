"""The post library sidebar: find, open, create, rename, duplicate and retire posts.

`panel` holds `LibraryPanel`; `model` and `delegate` show the entries, `worker` and `search`
run scans and searches off the GUI thread, `watcher` notices changes made outside Inkpost
and `dialogs` asks the panel's questions.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["LibraryPanel"]

if TYPE_CHECKING:
    from editor.ui.library.panel import LibraryPanel
else:
    __getattr__, __dir__ = lazy_face(__name__, {"panel": ["LibraryPanel"]})
