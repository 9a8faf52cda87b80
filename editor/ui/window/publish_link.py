"""PublishLink: File > Publish… for the window, and the library's Git column.

Publishes the posts selected in the library (all of them, in the list's order) when the
library has the keyboard focus (and from its context menu's "Publish…"), else the post
being edited. Posts with unsaved changes are saved first, after asking (Cancel, or a save
that fails, publishes nothing and leaves the text in the editor); again right before git
runs. The dialog is ui/publish/dialog.py, window-modal, one at a time.

When publishing ends, the open posts whose files changed are looked at at once: a tab with
no unsaved changes reloads its file (the draft and date edits, what a pull merged) without a
"changed on disk" question. When git stopped in the middle of a merge or rebase (a
conflict), each changed post keeps the writer's text instead, marked unsaved (the recovery
journal keeps it), and the change bar says the file changed on disk (Compare shows what git
left): no conflict is resolved by dropping text.

The library's Git column is kept current by `LibraryGit`: after each library scan (the
watcher's rescans too), each save, each publish and a change of site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.post.model import Post
from editor.core.safety.journal import digest
from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import DocumentTab
from editor.ui.publish.git_watch import LibraryGit
from editor.ui.safety.external_changes import disk_bytes, disk_post, reload_tab, replace_text
from editor.ui.translate import fill
from editor.ui.window.library_link import LibraryLink
from editor.ui.window.tabs import DocumentsController

if TYPE_CHECKING:  # the dialog (and the publish core) load when the user publishes
    from editor.ui.publish.dialog import PublishDialog

Answer = QMessageBox.StandardButton


class PublishLink(QObject):
    """The window's Publish action and Git column. See the module docstring."""

    def __init__(
        self,
        documents: DocumentsController,
        library: LibraryLink,
        site: Callable[[], SiteConfig],
        safekeeping: Any,
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self._documents = documents
        self._library = library
        self._site = site
        self._safekeeping = safekeeping
        self._parent = dialog_parent
        self.git = LibraryGit(self)
        self.dialog: PublishDialog | None = None
        self._snapshot: dict[DocumentTab, tuple[str, Post]] = {}
        self._menus: list[object] = []  # the library panels given the context action
        self.context_action = QAction(self.tr("Publish…"), self)
        self.context_action.setObjectName("libraryPublish")
        self.context_action.triggered.connect(self._on_context_action_triggered)
        documents.follow_tabs(self._on_documents_tab_added)

    def follow_library(self, panel: Any) -> None:
        """Show the window's site's git states in `panel` (a LibraryPanel, or None) and add
        "Publish…" to its menu; call again when the window shows another site."""
        self.git.set_site(Path(self._site().root))
        self.git.follow_library(panel)
        if panel is not None and all(p is not panel for p in self._menus):
            self._menus.append(panel)
            panel.add_context_action(self.context_action)

    def posts_to_publish(self, *, from_library: bool = False) -> list[Path]:
        """The library's selection when it has the focus (or asked from its menu), else the
        current post; [] when there is none or the user did not save it."""
        if from_library or self._library.has_focus():
            chosen = self._library.selected_paths()
            if chosen or from_library:
                return chosen if self._saved_all(chosen) else []
        tab = self._documents.current_tab()
        if tab is None or not self._saved(tab) or tab.document.path is None:
            return []
        return [tab.document.path]

    def publish(self, *, from_library: bool = False) -> PublishDialog | None:
        """Open the Publish dialog (window-modal); None when there is nothing to publish."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        posts = self.posts_to_publish(from_library=from_library)
        if not posts:
            return None
        from editor.ui.publish.dialog import PublishDialog

        dialog = PublishDialog(
            self._site(),
            posts,
            self._parent,
            prepare=lambda: self._prepare(posts),
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.published.connect(self._on_dialog_published)
        dialog.finished.connect(lambda _code: self._on_dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        self.git.shutdown()
        if self.dialog is not None:
            self.dialog.shutdown()

    # --- saving first ----------------------------------------------------------------------

    def ask_save(self, names: list[str]) -> bool:
        """Whether to save `names` before publishing (replaceable: tests answer here)."""
        answer = QMessageBox.question(
            self._parent,
            self.tr("Save before publishing?"),
            fill(
                self.tr("Unsaved changes in: %1. Publishing commits the saved files: save first?"),
                ", ".join(names),
            ),
            Answer.Save | Answer.Cancel,
            Answer.Save,
        )
        return answer == Answer.Save

    def _saved(self, tab: DocumentTab) -> bool:
        if not tab.document.is_dirty and tab.document.path is not None:
            return True
        return self.ask_save([tab.document.display_name()]) and self._documents.save(tab)

    def _saved_all(self, posts: list[Path]) -> bool:
        found = (self._documents.tab_for(path) for path in posts)
        tabs = [tab for tab in found if tab is not None and tab.document.is_dirty]
        if not tabs:
            return True
        if not self.ask_save([t.document.display_name() for t in tabs]):
            return False
        return all(self._documents.save(tab) for tab in tabs)

    def _prepare(self, posts: list[Path]) -> bool:
        """Right before git runs: save what was edited meanwhile; note every open post."""
        if not self._saved_all(posts):
            return False
        self._snapshot = {
            tab: (tab.document.text(), tab.document.post)
            for tab in self._documents.tab_list()
            if tab.document.path is not None and tab.document.post is not None
        }
        return True

    # --- after publishing ------------------------------------------------------------------

    def _on_dialog_published(self, result: Any, status: Any) -> None:
        self.git.refresh()
        conflict = (
            result is not None
            and not result.ok
            and status is not None
            and (status.operation is not None or bool(status.conflicted))
        )
        snapshot, self._snapshot = self._snapshot, {}
        open_tabs = self._documents.tab_list()
        for tab, (text, post) in snapshot.items():
            if tab in open_tabs and tab.document.path is not None:
                self._settle(tab, text, post, conflict=conflict)

    def _settle(self, tab: DocumentTab, text: str, post: Post, *, conflict: bool) -> None:
        """Show the tab's file as publishing left it (see the module docstring)."""
        path = tab.document.path
        data = None if path is None else disk_bytes(path)
        if path is None or data is None or digest(data) == digest(post.raw):
            return
        document = tab.document
        if conflict:  # the writer's text stays, unsaved; the bar says the file changed
            replace_text(document, text)
            document.post = post
            document.text_document.setModified(True)
        monitor = None if self._safekeeping is None else self._safekeeping.monitor
        if monitor is not None:
            monitor.check_now(tab)
        elif not document.is_dirty and (fresh := disk_post(data, path)) is not None:
            reload_tab(tab, fresh)

    def _on_dialog_finished(self, dialog: PublishDialog) -> None:
        dialog.shutdown()
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _on_documents_tab_added(self, tab: DocumentTab) -> None:
        tab.document.saved.connect(self.git.refresh)

    def _on_context_action_triggered(self) -> None:
        self.publish(from_library=True)
