"""Never losing a word: the recovery journal of unsaved text and the previous versions of posts.

`journal` holds the `Journal` (every open document's text, apart from the post) and what
recovery offers after a crash (`recovery_items`, `RecoveryItem`), `versions` the last saved
states of each post (`VersionStore`, `Version`).
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "Journal",
    "RecoveryItem",
    "Version",
    "VersionStore",
    "digest",
    "new_doc_id",
    "recovery_items",
    "unified_diff",
]

if TYPE_CHECKING:
    from editor.core.safety.journal import (
        Journal,
        RecoveryItem,
        digest,
        new_doc_id,
        recovery_items,
        unified_diff,
    )
    from editor.core.safety.versions import Version, VersionStore
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "journal": [
                "Journal",
                "RecoveryItem",
                "digest",
                "new_doc_id",
                "recovery_items",
                "unified_diff",
            ],
            "versions": ["Version", "VersionStore"],
        },
    )
