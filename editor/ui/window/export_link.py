"""ExportLink: File > Export… for the window.

Exports the posts selected in the library when the library has the keyboard focus (and
from the library's context menu, "Export…"), else the post being edited. The export reads
files, so a post with unsaved changes is saved first, after asking (what the user sees in
the editor is what gets exported; Cancel exports nothing). The dialog itself is
`ui/export/dialog.py`; the app gives the store that remembers its choices and the CSS for
HTML/PDF (ui never reads the app's resources itself).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import DocumentTab
from editor.ui.translate import fill
from editor.ui.window.library_link import LibraryLink
from editor.ui.window.tabs import DocumentsController

if TYPE_CHECKING:  # the dialog (and the export core) load when the user exports
    from editor.ui.export.dialog import ExportDialog, KeyValueStore

Answer = QMessageBox.StandardButton


class ExportLink(QObject):
    """The window's Export action. See the module docstring."""

    def __init__(
        self,
        documents: DocumentsController,
        library: LibraryLink,
        site: Callable[[], SiteConfig],
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self._documents = documents
        self._library = library
        self._site = site
        self._parent = dialog_parent
        self.store: KeyValueStore | None = None
        self.css = ""
        self.context_action = QAction(self.tr("Export…"), self)
        self.context_action.setObjectName("libraryExport")
        self.context_action.setEnabled(False)  # until `configure`
        self.context_action.triggered.connect(self._on_context_action_triggered)
        library.add_context_action(self.context_action)

    def configure(self, store: KeyValueStore, css: str) -> None:
        self.store, self.css = store, css
        self.context_action.setEnabled(True)

    def posts_to_export(self, *, from_library: bool = False) -> list[Path]:
        """The library's selection when it has the focus (or asked from its menu), else
        the current post (saved)."""
        if from_library or self._library.has_focus():
            chosen = self._library.selected_paths()
            if chosen or from_library:
                return chosen
        tab = self._documents.current_tab()
        if tab is None or not self._saved(tab) or tab.document.path is None:
            return []
        return [tab.document.path]

    def export(self, *, from_library: bool = False) -> ExportDialog | None:
        """Open the Export dialog (window-modal); None when there is nothing to export."""
        if self.store is None:
            return None
        posts = self.posts_to_export(from_library=from_library)
        if not posts:
            return None
        site = self._site()
        from editor.ui.export.dialog import open_export_dialog

        return open_export_dialog(
            self._parent, posts, self.store, site_root=site.root, site=site, css=self.css
        )

    def _saved(self, tab: DocumentTab) -> bool:
        if not tab.document.is_dirty and tab.document.path is not None:
            return True
        answer = QMessageBox.question(
            self._parent,
            self.tr("Save before exporting?"),
            fill(
                self.tr(
                    "“%1” has unsaved changes. The export reads the saved file: "
                    "save the post first?"
                ),
                tab.document.display_name(),
            ),
            Answer.Save | Answer.Cancel,
            Answer.Save,
        )
        return answer == Answer.Save and self._documents.save(tab)

    def _on_context_action_triggered(self) -> None:
        self.export(from_library=True)
