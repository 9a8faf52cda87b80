"""Every post of a site, found on disk and kept in a searchable SQLite index.

`index` holds `LibraryIndex` (scan, search, sort, filter) and its passes (`scan_site`,
`index_bodies`), `types` the data (`PostEntry`, `PostState`, `SortKey`, `LibraryFilter`,
`SearchHit`, `ScanProgress`, `ScanResult`), `scan` reads posts quickly the way Hugo sees
them, `store` is the SQLite file, `figures` and `figures_process` compute Hugo's figures per
post (in a child process), `actions` creates, renames, duplicates and trashes posts.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "FiguresProcess",
    "FiguresRequest",
    "LibraryActionError",
    "LibraryFilter",
    "LibraryIndex",
    "PostEntry",
    "PostState",
    "ScanProgress",
    "ScanResult",
    "SearchHit",
    "SortKey",
    "apply_figures",
    "default_index_path",
    "duplicate_post",
    "figures_todo",
    "index_bodies",
    "new_post",
    "rename_post",
    "scan_site",
    "trash_post",
]

if TYPE_CHECKING:
    from editor.core.library.actions import (
        LibraryActionError,
        duplicate_post,
        new_post,
        rename_post,
        trash_post,
    )
    from editor.core.library.figures import apply_figures, figures_todo
    from editor.core.library.figures_process import FiguresProcess, FiguresRequest
    from editor.core.library.index import LibraryIndex, default_index_path, index_bodies, scan_site
    from editor.core.library.types import (
        LibraryFilter,
        PostEntry,
        PostState,
        ScanProgress,
        ScanResult,
        SearchHit,
        SortKey,
    )
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "index": ["LibraryIndex", "default_index_path", "index_bodies", "scan_site"],
            "types": [
                "LibraryFilter",
                "PostEntry",
                "PostState",
                "ScanProgress",
                "ScanResult",
                "SearchHit",
                "SortKey",
            ],
            "figures": ["apply_figures", "figures_todo"],
            "figures_process": ["FiguresProcess", "FiguresRequest"],
            "actions": [
                "LibraryActionError",
                "duplicate_post",
                "new_post",
                "rename_post",
                "trash_post",
            ],
        },
    )
