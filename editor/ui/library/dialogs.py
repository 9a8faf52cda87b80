"""The questions the library panel asks: new post, rename, move to trash, errors.

`LibraryPrompts` is the real, modal implementation; tests give the panel an object with
the same methods instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from editor.core.library.types import PostEntry
from editor.ui.translate import fill


@dataclass(frozen=True)
class NewPostChoice:
    title: str
    section: str
    bundle: bool


class NewPostDialog(QDialog):
    """Title, section (any existing one, or a new name) and single file or page bundle."""

    def __init__(self, sections: Sequence[str], section: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Post"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newPostTitle")
        self.section_combo = QComboBox(self)
        self.section_combo.setObjectName("newPostSection")
        self.section_combo.setEditable(True)
        self.section_combo.addItems(list(sections))
        self.section_combo.setCurrentText(section)
        self.bundle_check = QCheckBox(
            self.tr("Page bundle (a folder for the post and its images)"), self
        )
        self.bundle_check.setObjectName("newPostBundle")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Section"), self.section_combo)
        form.addRow("", self.bundle_check)
        form.addRow(buttons)

    def _on_title_edit_text_changed(self, text: str) -> None:
        self._ok.setEnabled(bool(text.strip()))

    def choice(self) -> NewPostChoice:
        return NewPostChoice(
            self.title_edit.text().strip(),
            self.section_combo.currentText().strip().strip("/"),
            self.bundle_check.isChecked(),
        )


_LISTED = 10  # titles named in the question about trashing several posts


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryPrompts", text)


class LibraryPrompts:
    """Modal dialogs parented to `parent`."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def new_post(self, sections: Sequence[str], section: str) -> NewPostChoice | None:
        dialog = NewPostDialog(sections, section, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def rename(self, entry: PostEntry) -> str | None:
        current = entry.path.parent.name if entry.bundle else entry.path.name.split(".")[0]
        text, ok = QInputDialog.getText(
            self._parent,
            _tr("Rename Post"),
            _tr("New file name (the slug, without .md):")
            if not entry.bundle
            else _tr("New folder name:"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        return text.strip() if ok and text.strip() and text.strip() != current else None

    def confirm_trash(self, entry: PostEntry) -> bool:
        what = _tr("its folder with all its files") if entry.bundle else _tr("the file")
        answer = QMessageBox.question(
            self._parent,
            _tr("Move to Trash"),
            fill(_tr("Move “%1” (%2) to the trash?"), entry.display_title, what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_trash_posts(self, entries: Sequence[PostEntry]) -> bool:
        """One question for several posts: their count, and the first titles."""
        titles = [f"• {entry.display_title}" for entry in entries[:_LISTED]]
        if len(entries) > _LISTED:
            titles.append("…")
        text = fill(_tr("Move these %1 posts to the trash?"), len(entries))
        if any(entry.bundle for entry in entries):
            text += "\n" + _tr("A page bundle goes with its folder and all its files.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _tr("Move to Trash"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setInformativeText("\n".join(titles))
        return box.exec() == QMessageBox.StandardButton.Yes

    def error(self, message: str) -> None:
        QMessageBox.warning(self._parent, _tr("Library"), message)
