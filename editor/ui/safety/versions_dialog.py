"""Restore Previous Version: the kept versions of a post, each with a diff to the editor.

`VersionsDialog` lists the versions `VersionStore` kept for the post (newest first, with
the time each was replaced) and shows the diff from the current text to the selected one.
`restore_version(tab, store, parent)` runs it and, on Restore, puts that version's text into
the editor as one undoable edit; the user then saves (or undoes).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.post.model import Post
from editor.core.post.storage import StorageError
from editor.core.safety.journal import unified_diff
from editor.core.safety.versions import Version, VersionStore
from editor.ui.editor.documents import DocumentTab
from editor.ui.safety.diff_view import DiffView
from editor.ui.safety.external_changes import replace_text
from editor.ui.translate import fill


def version_label(version: Version, size: int) -> str:
    when = datetime.fromtimestamp(version.saved_at).astimezone()
    return fill(
        QCoreApplication.translate("VersionsDialog", "%1 · %2 bytes"),
        f"{when:%Y-%m-%d %H:%M:%S}",
        f"{size:,}",
    )


class VersionsDialog(QDialog):
    """Pick a previous version; `chosen_text()` after exec() is its text (None: none).

    objectNames: `versionsDialog`, `versionList`, `diffView`, `restoreButton`.
    """

    def __init__(
        self,
        versions: list[tuple[Version, str]],
        current_text: str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.setWindowTitle(fill(self.tr("Previous versions of %1"), name))
        self.resize(900, 600)
        self._versions = versions
        self._current = current_text
        self._name = name
        self._chosen: str | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("versionList")
        self.list.setAccessibleName(self.tr("Previous versions"))
        self.list.setAccessibleDescription(self.tr("The post's earlier saves, newest first"))
        for version, text in versions:
            item = QListWidgetItem(version_label(version, len(text.encode("utf-8"))))
            item.setData(Qt.ItemDataRole.UserRole, version.saved_at_ns)
            self.list.addItem(item)
        self.diff = DiffView(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 3)

        explanation = QLabel(
            self.tr(
                "Each version is the post as it was before a save replaced it. The diff shows "
                "what restoring it changes in your text (“-” goes away, “+” comes back)."
            ),
            self,
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("Restore This Version"), self)
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        if versions:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(versions))

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def chosen_text(self) -> str | None:
        return self._chosen

    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._versions):
            text = self._versions[row][1]
            self.diff.set_diff(
                unified_diff(self._current, text, self.tr("your text"), self.tr("that version"))
            )

    def _on_buttons_accepted(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._versions):
            self._chosen = self._versions[row][1]
            self.accept()


def load_versions(store: VersionStore, tab: DocumentTab) -> list[tuple[Version, str]]:
    """The post's kept versions with their text, newest first (unreadable ones skipped)."""
    path = tab.document.path
    if path is None:
        return []
    found = []
    for version in store.versions(path):
        try:
            found.append((version, Post.from_bytes(store.read(version), path).text))
        except (StorageError, ValueError):
            continue
    return found


def run_versions_dialog(dialog: VersionsDialog) -> str | None:
    """exec() the dialog; its chosen text. Tests replace this to pick without a loop."""
    dialog.exec()
    return dialog.chosen_text()


def restore_version(tab: DocumentTab | None, store: VersionStore, parent: QWidget | None) -> bool:
    """Offer the post's previous versions; True when one was put into the editor."""
    if tab is None:
        return False
    versions = load_versions(store, tab)
    name = tab.document.display_name()
    if not versions:
        tr = QCoreApplication.translate
        QMessageBox.information(
            parent,
            tr("VersionsDialog", "No previous versions"),
            fill(
                tr(
                    "VersionsDialog",
                    "Inkpost has kept no previous version of %1 yet: one is kept each time "
                    "a save replaces the file.",
                ),
                name,
            ),
        )
        return False
    dialog = VersionsDialog(versions, tab.document.text(), name, parent)
    text = run_versions_dialog(dialog)
    dialog.deleteLater()
    if text is None:
        return False
    replace_text(tab.document, text)
    return True
