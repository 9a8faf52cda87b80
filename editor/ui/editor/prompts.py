"""The editor's two questions: which line to go to, and which images to insert.

Each asks with the platform's own dialog, then hands the answer to the PostEditor
(`go_to_line`, `insert_images`); with no post open they ask nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from editor.core.editing.images import IMAGE_SUFFIXES
from editor.ui.editor.post_editor import PostEditor


def _tr(text: str) -> str:
    return QCoreApplication.translate("Prompts", text)


def image_filter() -> str:
    """The file dialog's filter for every image a post can take."""
    patterns = " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))
    return f"{_tr('Images')} ({patterns})"


def ask_line(parent: QWidget, editor: PostEditor | None) -> None:
    """Ask for a line number (the current one offered) and put the cursor there."""
    if editor is None:
        return
    count = editor.blockCount()
    line, ok = QInputDialog.getInt(
        parent,
        _tr("Go to Line"),
        _tr("Line (1-{count}):").format(count=count),
        editor.cursor_line(),
        1,
        count,
    )
    if ok:
        editor.go_to_line(line)
        editor.setFocus()


def ask_images(parent: QWidget, editor: PostEditor | None) -> None:
    """Ask for image files and insert them at the cursor, copied in for the post."""
    if editor is None:
        return
    if editor.post_path is None:
        editor.problem.emit(_tr("Save the post first: its images go beside it or in static/."))
        return
    names, _ = QFileDialog.getOpenFileNames(
        parent, _tr("Insert images"), str(editor.post_path.parent), image_filter()
    )
    if names:
        editor.insert_images([Path(name) for name in names])
        editor.setFocus()
