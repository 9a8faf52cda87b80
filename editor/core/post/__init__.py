"""A blog post as a file: front matter plus Markdown body, read and written losslessly.

`model` holds `Post` (parse, edit fields, serialise byte-for-byte) and `PostError` (front
matter that cannot be parsed, with file and line), `fields` the front matter values, `storage`
the safe file access everything else uses too (`read_bytes`, `atomic_write`, `StorageError`,
`ReadOnlyError`).
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Post", "PostError", "ReadOnlyError", "StorageError", "atomic_write", "read_bytes"]

if TYPE_CHECKING:
    from editor.core.post.model import Post, PostError
    from editor.core.post.storage import ReadOnlyError, StorageError, atomic_write, read_bytes
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "model": ["Post", "PostError"],
            "storage": ["ReadOnlyError", "StorageError", "atomic_write", "read_bytes"],
        },
    )
