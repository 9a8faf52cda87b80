"""The library's post actions and its list's context menu.

    actions = PostActions(panel)        # the QActions belong to `panel` (keys reach them)
    actions.popup(pos)                  # the menu at a point of the list's viewport
    actions.add(extra)                  # an action of another part (Publish…) at the end

New Post… asks (`panel.prompts.new_post`) and makes the post from the site's archetype;
Open, Rename…, Duplicate and Reveal in File Manager act on one selected post, Move to
Trash… on every selected post (one question). After a change the post's folder is
rescanned and the panel's signals say what happened (`postCreated`, `postRenamed`,
`postTrashed`, `openPostRequested`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QPoint, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry
from editor.ui.library.dialogs import NewPostChoice
from editor.ui.library.selection import trash_posts

__all__ = ["PostActions", "Prompts"]

log = logging.getLogger(__name__)


class Prompts(Protocol):
    """The questions the actions ask (LibraryPrompts; tests put answers in its place)."""

    def new_post(self, sections: list[str], section: str) -> NewPostChoice | None: ...
    def rename(self, entry: PostEntry) -> str | None: ...
    def confirm_trash(self, entry: PostEntry) -> bool: ...
    def confirm_trash_posts(self, entries: Sequence[PostEntry]) -> bool: ...
    def error(self, message: str) -> None: ...


class PostActions(QObject):
    """New, Open, Rename, Duplicate, Trash and Reveal for a LibraryPanel, and its menu."""

    def __init__(self, panel: Any) -> None:
        super().__init__(panel)
        self._panel = panel  # a LibraryPanel (its module imports this one)
        self._added: list[QAction] = []
        tr = self.tr
        self.new_post_action = self._action(
            "libraryNewPost", tr("New Post…"), self._on_new_post_triggered
        )
        self.open_action = self._action("libraryOpen", tr("Open"), self._on_open_triggered)
        self.rename_action = self._action("libraryRename", tr("Rename…"), self._on_rename_triggered)
        self.duplicate_action = self._action(
            "libraryDuplicate", tr("Duplicate"), self._on_duplicate_triggered
        )
        self.trash_action = self._action(
            "libraryTrash", tr("Move to Trash…"), self._on_trash_triggered
        )
        self.reveal_action = self._action(
            "libraryReveal", tr("Reveal in File Manager"), self._on_reveal_triggered
        )

    def _action(self, name: str, text: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self._panel)
        act.setObjectName(name)
        act.triggered.connect(slot)
        self._panel.addAction(act)
        return act

    def add(self, action: QAction) -> None:
        """Add `action` at the end of the menu (it acts on the panel's `selected_paths`);
        an action added before is not added twice."""
        if all(known is not action for known in self._added):
            self._added.append(action)

    def popup(self, pos: QPoint) -> None:
        """Show the menu at `pos` in the list's viewport."""
        self.update_actions()
        menu = QMenu(self._panel)
        menu.addAction(self.new_post_action)
        menu.addAction(self.open_action)
        menu.addSeparator()
        for act in (self.rename_action, self.duplicate_action, self.trash_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        if self._added:
            menu.addSeparator()
            menu.addActions(self._added)
        menu.popup(self._panel.view.viewport().mapToGlobal(pos))

    def update_actions(self) -> None:
        self.update_selection_actions()
        self.new_post_action.setEnabled(self._panel.index is not None)

    def update_selection_actions(self) -> None:
        """Trash acts on every selected post; Open, Rename, Duplicate, Reveal on one."""
        count = len(self._panel.selected_entries())
        self.trash_action.setEnabled(count > 0)
        for act in (self.open_action, self.rename_action, self.duplicate_action):
            act.setEnabled(count == 1)
        self.reveal_action.setEnabled(count == 1)

    def new_post(self) -> Path | None:
        """Ask title, section and bundle (`prompts.new_post`), create the post from the
        site's archetype and ask to open it; its path, or None (no site, cancelled, error)."""
        panel = self._panel
        index = panel.index
        if index is None:
            return None
        sections = [name for name, _n in index.sections() if name]
        current = panel.current_entry()
        choice = panel.prompts.new_post(sections, current.section if current else "")
        if choice is None:
            return None
        try:
            made = library_actions.new_post(
                index.site, choice.title, section=choice.section, bundle=choice.bundle
            )
        except (OSError, ValueError) as exc:
            panel.prompts.error(str(exc))
            return None
        for warning in made.warnings:
            log.warning("%s", warning)
        panel.rescan(made.path.parent.parent if choice.bundle else made.path.parent)
        panel.postCreated.emit(made.path)
        panel.openPostRequested.emit(made.path)
        return made.path

    def _single_entry(self) -> PostEntry | None:
        """The one post Rename, Duplicate, Open and Reveal act on; None with several."""
        entries = self._panel.selected_entries()
        return entries[0] if len(entries) == 1 else None

    def _rescan_around(self, entry: PostEntry) -> None:
        """Rescan the folder holding `entry` (a bundle's: the folder holding the bundle)."""
        self._panel.rescan(entry.path.parent.parent if entry.bundle else entry.path.parent)

    def _on_new_post_triggered(self) -> None:
        self.new_post()

    def _on_open_triggered(self) -> None:
        entry = self._single_entry()
        if entry is not None:
            self._panel.openPostRequested.emit(entry.path)

    def _on_rename_triggered(self) -> None:
        entry = self._single_entry()
        if entry is None:
            return
        name = self._panel.prompts.rename(entry)
        if not name:
            return
        try:
            meta = self._panel.index is not None and self._panel.index.site.meta
            new_path = library_actions.rename_post(entry.path, name, meta=meta)
        except (OSError, ValueError) as exc:
            self._panel.prompts.error(str(exc))
            return
        self._rescan_around(entry)
        self._panel.postRenamed.emit(entry.path, new_path)

    def _on_duplicate_triggered(self) -> None:
        entry = self._single_entry()
        if entry is None:
            return
        try:
            meta = self._panel.index is not None and self._panel.index.site.meta
            copy = library_actions.duplicate_post(entry.path, meta=meta)
        except (OSError, ValueError) as exc:
            self._panel.prompts.error(str(exc))
            return
        self._rescan_around(entry)
        self._panel.postCreated.emit(copy)

    def _on_trash_triggered(self) -> None:
        """Move the selected posts to the trash, after one question."""
        for entry in trash_posts(self._panel.selected_entries(), self._panel.prompts):
            self._rescan_around(entry)
            self._panel.postTrashed.emit(entry.path)

    def _on_reveal_triggered(self) -> None:
        entry = self._single_entry()
        if entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(entry.path.parent)))
