"""The dialog at start when a crash left unsaved documents in the recovery journal.

It lists each `RecoveryItem` (title or file, when it was written, and whether the post was
never saved, differs from the file, or the file is gone) with the diff from the file on
disk to the journaled text, and offers Restore / Discard for the selected document and for
all of them. "Decide Later" closes it and keeps the entries for the next start.

The dialog decides nothing itself: it emits the user's choice and drops the item.

Signals:
    restoreRequested(object): carries the RecoveryItem to open as an unsaved document.
    discardRequested(object): carries the RecoveryItem whose entry is to be removed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.safety.journal import RecoveryItem
from editor.ui.safety.diff_view import DiffView

STATUS_TEXT = {  # marked for lupdate, translated in item_label
    "never-saved": QT_TRANSLATE_NOOP("RecoveryDialog", "never saved"),
    "differs": QT_TRANSLATE_NOOP("RecoveryDialog", "differs from the file"),
    "file-missing": QT_TRANSLATE_NOOP("RecoveryDialog", "the file is gone"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


def item_label(item: RecoveryItem) -> str:
    entry = item.entry
    title = entry.title or _tr("Untitled")
    where = str(entry.path) if entry.path is not None else title
    when = datetime.fromtimestamp(entry.written_at).astimezone()
    status = _tr(STATUS_TEXT[item.status]) if item.status in STATUS_TEXT else item.status
    return f"{title} — {where}\n{when:%Y-%m-%d %H:%M:%S} · {status}"


class RecoveryDialog(QDialog):
    """Offers the documents a crash left unsaved. See the module docstring.

    objectNames: `recoveryDialog`, `recoveryList`, `diffView`, and the buttons
    `restoreButton`, `discardButton`, `restoreAllButton`, `discardAllButton`, `laterButton`.
    """

    restoreRequested = Signal(object)  # noqa: N815 (Qt signal naming)
    discardRequested = Signal(object)  # noqa: N815

    def __init__(self, items: list[RecoveryItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.resize(960, 620)
        self._items = list(items)

        intro = QLabel(
            self.tr(
                "Inkpost did not close properly last time. These documents had changes that "
                "were not saved. Restore opens each one with its unsaved text (save it to keep "
                "it); Discard throws that text away."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("recoveryList")
        self.list.setAccessibleName(self.tr("Unsaved documents"))
        self.list.setAccessibleDescription(self.tr("The documents a crash left unsaved"))
        for item in self._items:
            row = QListWidgetItem(item_label(item))
            row.setToolTip(str(item.entry.path or self.tr("never saved")))
            self.list.addItem(row)
        self.diff = DiffView(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 2)

        self.restore_button = self._button(self.tr("Restore"), "restoreButton")
        self.discard_button = self._button(self.tr("Discard"), "discardButton")
        self.restore_all_button = self._button(self.tr("Restore All"), "restoreAllButton")
        self.discard_all_button = self._button(self.tr("Discard All"), "discardAllButton")
        self.later_button = self._button(self.tr("Decide Later"), "laterButton")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self.restore(self.list.currentRow()))
        self.discard_button.clicked.connect(lambda: self.discard(self.list.currentRow()))
        self.restore_all_button.clicked.connect(self.restore_all)
        self.discard_all_button.clicked.connect(self.discard_all)
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.restore_all_button, self.discard_all_button, self.later_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        if self._items:
            self.list.setCurrentRow(0)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def items(self) -> list[RecoveryItem]:
        """The items still waiting for a decision."""
        return list(self._items)

    def restore(self, row: int) -> None:
        self._decide(row, self.restoreRequested)

    def discard(self, row: int) -> None:
        self._decide(row, self.discardRequested)

    def restore_all(self) -> None:
        while self._items:
            self.restore(0)

    def discard_all(self) -> None:
        while self._items:
            self.discard(0)

    def _decide(self, row: int, signal: object) -> None:
        if not 0 <= row < len(self._items):
            return
        item = self._items.pop(row)
        self.list.takeItem(row)
        signal.emit(item)  # type: ignore[attr-defined]
        if not self._items:
            self.accept()

    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.diff.set_diff(self._items[row].diff)
        else:
            self.diff.set_diff("")
        self.restore_button.setEnabled(row >= 0)
        self.discard_button.setEnabled(row >= 0)
