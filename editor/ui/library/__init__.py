"""The post library sidebar: find, open, create, rename, duplicate and retire posts.

`panel` holds `LibraryPanel`; `model` and `delegate` show the entries, `filters` is the
search, filter and sort bar above them, `scanning` holds the open site's index with
`worker` and `search` (scans and searches off the GUI thread) and `watcher` (changes made
outside Inkpost), `context_menu` the post actions and `dialogs` asks their questions.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["LibraryPanel"]

if TYPE_CHECKING:
    from editor.ui.library.panel import LibraryPanel
else:
    __getattr__, __dir__ = lazy_face(__name__, {"panel": ["LibraryPanel"]})
