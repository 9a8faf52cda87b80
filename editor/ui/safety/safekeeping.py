"""Safekeeping: the parts that make sure no word is lost, in one object the window holds.

It owns the recovery journal and its `AutosaveController`, the `ExternalChangeMonitor`
and the store of previous versions, all under the data folder the app passes in
(`<data>/journal`, `<data>/versions`). The window calls it at a few points:

- `attach(tab)` / `detach(tab)` when a tab opens / closes (closing discards the journal
  entry: the window only closes a tab that is saved or that the user chose to discard);
- `before_save(tab, target)` before every save: asks before overwriting a change made on
  disk, then records the bytes about to be replaced as a previous version;
- `save_failed(tab)` when a save failed: the journal is brought up to date at once;
- `restore_version(tab)` for File > Restore Previous Version…;
- `offer_recovery()` at start; `shutdown(discard=...)` when the window closes.

Signals:
    message(str): something for the status bar (a journal write failed, a quiet save...).
    saveAsRequested(object): the change bar asked for Save As; carries the DocumentTab.
    documentRecovered(object): a Document restored from the journal, for the window to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from editor.core.post.model import Post, PostError
from editor.core.post.storage import StorageError
from editor.core.safety.journal import Journal, RecoveryItem, recovery_items
from editor.core.safety.versions import VersionStore
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.safety.autosave import AutosaveController
from editor.ui.safety.external_changes import (
    ExternalChangeMonitor,
    changed_on_disk,
    confirm_save,
    disk_bytes,
    replace_text,
)
from editor.ui.translate import fill

if TYPE_CHECKING:  # the dialogs load when they are needed, not at start-up
    from editor.ui.safety.recovery_dialog import RecoveryDialog

DEFAULT_KEEP = 10


class Safekeeping(QObject):
    """Journal, recovery, external changes, previous versions. See the module docstring."""

    message = Signal(str)
    saveAsRequested = Signal(object)  # noqa: N815 (Qt signal naming)
    documentRecovered = Signal(object)  # noqa: N815

    def __init__(
        self,
        data_dir: Path,
        dialog_parent: QWidget | None = None,
        *,
        idle_ms: int = 2000,
        keep_versions: int = DEFAULT_KEEP,
        settle_ms: int | None = None,
    ) -> None:
        super().__init__(dialog_parent)
        self.data_dir = Path(data_dir)
        self._dialog_parent = dialog_parent
        self.journal = Journal(self.data_dir / "journal")
        self.versions = VersionStore(self.data_dir / "versions")
        self.keep_versions = keep_versions
        self.autosave = AutosaveController(self.journal, self, idle_ms=idle_ms)
        if settle_ms is None:
            self.monitor = ExternalChangeMonitor(self)
        else:
            self.monitor = ExternalChangeMonitor(self, settle_ms=settle_ms)
        self.recovery_dialog: RecoveryDialog | None = None
        self._tabs: list[DocumentTab] = []
        self._adopt: dict[Document, str] = {}
        self.autosave.writeFailed.connect(self.message)
        self.autosave.fileSaveRequested.connect(self._on_autosave_file_save_requested)
        self.monitor.saveAsRequested.connect(self.saveAsRequested)

    def set_preferences(self, idle_ms: int, save_to_file: bool, keep_versions: int) -> None:
        self.autosave.set_idle_ms(idle_ms)
        self.autosave.set_save_to_file(save_to_file)
        self.keep_versions = keep_versions

    # --- tabs ------------------------------------------------------------------------

    def attach(self, tab: DocumentTab) -> None:
        if tab in self._tabs:
            return
        self._tabs.append(tab)
        self.autosave.track(tab.document, self._adopt.pop(tab.document, None))
        self.monitor.watch(tab)

    def detach(self, tab: DocumentTab) -> None:
        """The tab closed (saved, or the user chose Discard): its journal entry goes."""
        if tab in self._tabs:
            self._tabs.remove(tab)
        self.autosave.untrack(tab.document, discard=True)
        self.monitor.unwatch(tab)

    def shutdown(self, *, discard: bool = True) -> None:
        """The window closes. After a clean close (every tab saved or discarded) the entries
        go; `discard=False` keeps them (for the next start to offer)."""
        self.autosave.shutdown(discard=discard)
        for tab in list(self._tabs):
            self.monitor.unwatch(tab)
        self._tabs.clear()

    # --- saving --------------------------------------------------------------------------

    def before_save(self, tab: DocumentTab, target: Path | None) -> bool:
        """Ask before overwriting a change on disk; keep the bytes about to be replaced as a
        previous version. False: do not save."""
        if not confirm_save(tab, target, self._dialog_parent):
            return False
        self._record_version(target if target is not None else tab.document.path)
        return True

    def save_failed(self, tab: DocumentTab) -> None:
        """A save failed: make sure the journal holds the text the user tried to save."""
        self.autosave.flush(tab.document)

    def _record_version(self, path: Path | None) -> None:
        if path is None:
            return
        data = disk_bytes(Path(path))
        if data is None:
            return
        try:
            self.versions.record(Path(path), data, keep=self.keep_versions)
        except (StorageError, OSError) as error:
            self.message.emit(fill(self.tr("The previous version was not kept: %1"), error))

    def quiet_save(self, document: Document) -> bool:
        """ "Save to the file automatically": save without any question; a file changed on
        disk is left alone (its tab shows the change bar)."""
        if document.path is None or not document.is_dirty:
            return False
        if changed_on_disk(document, None) is not None:
            self.message.emit(
                fill(self.tr("Not saved automatically: %1 changed on disk"), document.path)
            )
            return False
        self._record_version(document.path)
        try:
            document.save()
        except (OSError, ValueError) as error:
            self.autosave.flush(document)
            self.message.emit(fill(self.tr("Automatic save failed: %1"), error))
            return False
        return True

    # --- previous versions ---------------------------------------------------------------

    def restore_version(self, tab: DocumentTab | None) -> bool:
        from editor.ui.safety.versions_dialog import restore_version

        return restore_version(tab, self.versions, self._dialog_parent)

    # --- recovery ------------------------------------------------------------------------

    def pending_recovery(self) -> list[RecoveryItem]:
        """What a crashed Inkpost left unsaved (entries of running instances excluded)."""
        try:
            return recovery_items(self.journal)
        except OSError as error:
            self.message.emit(fill(self.tr("The recovery journal could not be read: %1"), error))
            return []

    def offer_recovery(self) -> RecoveryDialog | None:
        """Open (window-modal, not blocking) the recovery dialog when there is anything to
        recover; the dialog, or None."""
        items = self.pending_recovery()
        if not items:
            return None
        from editor.ui.safety.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(items, self._dialog_parent)
        dialog.restoreRequested.connect(self.restore_item)
        dialog.discardRequested.connect(self.discard_item)
        dialog.finished.connect(dialog.deleteLater)
        self.recovery_dialog = dialog
        dialog.open()
        return dialog

    def discard_item(self, item: RecoveryItem) -> None:
        self.journal.discard(item.entry.doc_id)

    def restore_item(self, item: RecoveryItem) -> Document:
        """Open the journaled text as an unsaved document; the entry is adopted by this
        process (same doc_id, rewritten now with our pid)."""
        entry = item.entry
        for tab in self._tabs:
            path = tab.document.path
            if entry.path is not None and path is not None and _same(path, entry.path):
                replace_text(tab.document, entry.text)
                tab.document.text_document.setModified(True)
                self.autosave.untrack(tab.document, discard=not tab.document.is_dirty)
                self.autosave.track(tab.document, entry.doc_id)
                self.autosave.flush(tab.document)
                return tab.document
        document = _recovered_document(item)
        self._adopt[document] = entry.doc_id
        self.documentRecovered.emit(document)
        document.text_document.setModified(True)  # after it is shown: its tab says so
        if not self.autosave.is_tracked(document):  # nobody showed it: journal it anyway
            self.autosave.track(document, self._adopt.pop(document, entry.doc_id))
        self.autosave.flush(document)
        return document

    def _on_autosave_file_save_requested(self, document: Document) -> None:
        self.quiet_save(document)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _recovered_document(item: RecoveryItem) -> Document:
    """A Document showing exactly the journaled text (marked unsaved once it is shown)."""
    entry = item.entry
    post = None
    if entry.path is not None:
        data = disk_bytes(entry.path)
        try:
            post = Post.from_bytes(data, entry.path) if data is not None else None
        except PostError:
            post = None
        if post is None:
            post = Post.from_text(entry.text, path=entry.path)
    document = Document(post)
    if document.text() != entry.text:
        document.text_document.setPlainText(entry.text)
    document.text_document.setModified(False)
    return document
