"""Posts changed on disk by someone else (git pull, another editor), and saving over them.

`ExternalChangeMonitor` watches every open post's file (and its folder: an atomic replace
gives the file a new inode, so the path is added again after each change) and compares
`digest(bytes on disk)` with the digest of the bytes the document was loaded from or last
saved (`document.post.raw`), so the app's own saves are never mistaken for a change.

- No unsaved edits: the post is reloaded in place, the cursor and scroll position kept
  (only the changed span is replaced, as one undoable edit).
- Unsaved edits: a `ChangeBar` above the editor offers Reload, Keep mine and Compare.
- File deleted or renamed away: the text stays, the document is marked unsaved, the bar
  says so and offers Save As.

`confirm_save(tab, target, parent)` is the check before every save: when the file on disk
is not what the document was loaded from, it asks Overwrite / Compare / Cancel.

Signals (ExternalChangeMonitor):
    changeHandled(object, str): a tab's file changed; carries the DocumentTab and what was
        done: "reloaded", "conflict", "deleted", "restored" (back as it was) or "unchanged".
    saveAsRequested(object): the user asked the bar for Save As; carries the DocumentTab.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from editor.core.post.model import Post
from editor.core.post.storage import StorageError, read_bytes
from editor.core.safety.journal import digest
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.safety.diff_view import show_diff
from editor.ui.translate import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExternalChanges", text)


SETTLE_MS = 150  # let a writer finish before the file is read


def known_digest(document: Document) -> str | None:
    """The digest of the bytes the document was loaded from or last saved to (None: new)."""
    post = document.post
    return None if post is None or post.path is None else digest(post.raw)


def disk_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it is not there (or cannot be read)."""
    try:
        return read_bytes(path)
    except StorageError:
        return None


def disk_post(data: bytes, path: Path) -> Post | None:
    """The bytes on disk as a post, or None when they are not one (binary, UTF-16, or
    anything else a parser refuses): whatever another program wrote, the check goes on."""
    try:
        return Post.from_bytes(data, path)
    except (ValueError, RecursionError, MemoryError):
        return None


def disk_text(data: bytes, path: Path) -> str:
    """The text to compare with: the post's, or the bytes decoded as far as they go."""
    post = disk_post(data, path)
    return post.text if post is not None else data.decode("utf-8", "replace")


def replace_text(document: Document, new_text: str) -> None:
    """Turn the document's text into `new_text` as one undoable edit, replacing only the
    span that differs so that a cursor outside it stays where it was."""
    old = document.text()
    if old == new_text:
        return
    start = 0
    limit = min(len(old), len(new_text))
    while start < limit and old[start] == new_text[start]:
        start += 1
    end_old, end_new = len(old), len(new_text)
    while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
        end_old -= 1
        end_new -= 1
    cursor = QTextCursor(document.text_document)
    cursor.beginEditBlock()
    cursor.setPosition(start)
    cursor.setPosition(end_old, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new_text[start:end_new])
    cursor.endEditBlock()


def reload_tab(tab: DocumentTab, post: Post) -> None:
    """Show `post` (just read from disk) in the tab as its saved state. Only the changed
    span is replaced, so the cursor stays on the same text (Qt moves it along with an edit
    before it) and the scroll position is put back."""
    bar = tab.editor.verticalScrollBar()
    scroll = bar.value()
    replace_text(tab.document, post.text)
    tab.document.post = post
    tab.document.text_document.setModified(False)
    bar.setValue(min(scroll, bar.maximum()))


class ChangeBar(QWidget):
    """The bar above the editor when the post changed on disk. objectName `changeBar`.

    Signals: reloadClicked(), keepClicked(), compareClicked(), saveAsClicked().
    """

    reloadClicked = Signal()  # noqa: N815 (Qt signal naming)
    keepClicked = Signal()  # noqa: N815
    compareClicked = Signal()  # noqa: N815
    saveAsClicked = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeBar")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QWidget#changeBar { background: #fff4d6; border-bottom: 1px solid #e0c46c; }"
            "QWidget#changeBar QLabel { color: #4a3b00; }"
        )
        self.kind = ""
        self.label = QLabel(self)
        self.label.setObjectName("changeBarMessage")
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_tr("File changed on disk"))
        self.reload_button = QPushButton(_tr("Reload"), self)
        self.keep_button = QPushButton(_tr("Keep Mine"), self)
        self.compare_button = QPushButton(_tr("Compare…"), self)
        self.save_as_button = QPushButton(_tr("Save As…"), self)
        self.reload_button.clicked.connect(self.reloadClicked)
        self.keep_button.clicked.connect(self.keepClicked)
        self.compare_button.clicked.connect(self.compareClicked)
        self.save_as_button.clicked.connect(self.saveAsClicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        for button in (
            self.reload_button,
            self.keep_button,
            self.compare_button,
            self.save_as_button,
        ):
            layout.addWidget(button)
        self.hide()

    def show_conflict(self, path: Path) -> None:
        self.kind = "conflict"
        self.label.setText(
            fill(
                _tr(
                    "%1 was changed on disk, and you have unsaved changes here. Reload it "
                    "(your changes are lost, Undo brings them back), keep yours, or compare."
                ),
                path.name,
            )
        )
        self._buttons(reload=True, keep=True, compare=True, save_as=False)
        self.show()

    def show_deleted(self, path: Path) -> None:
        self.kind = "deleted"
        self.label.setText(
            fill(
                _tr(
                    "%1 was deleted or moved away. Your text is still here, not saved: "
                    "Save As to keep it."
                ),
                path,
            )
        )
        self._buttons(reload=False, keep=True, compare=False, save_as=True)
        self.keep_button.setText(_tr("Dismiss"))
        self.show()

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()

    def _buttons(self, *, reload: bool, keep: bool, compare: bool, save_as: bool) -> None:
        self.keep_button.setText(_tr("Keep Mine"))
        self.reload_button.setVisible(reload)
        self.keep_button.setVisible(keep)
        self.compare_button.setVisible(compare)
        self.save_as_button.setVisible(save_as)


class _Watched:
    def __init__(self, tab: DocumentTab, bar: ChangeBar) -> None:
        self.tab = tab
        self.bar = bar
        self.deleted = False


class ExternalChangeMonitor(QObject):
    """Watches the open posts' files. See the module docstring."""

    changeHandled = Signal(object, str)  # noqa: N815 (Qt signal naming)
    saveAsRequested = Signal(object)  # noqa: N815

    def __init__(self, parent: QObject | None = None, *, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        self.watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        self._watched: dict[DocumentTab, _Watched] = {}
        self._due: set[DocumentTab] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    # --- tabs --------------------------------------------------------------------------

    def watch(self, tab: DocumentTab) -> ChangeBar:
        """Watch the tab's post; puts a (hidden) ChangeBar above its editor."""
        if tab in self._watched:
            return self._watched[tab].bar
        bar = ChangeBar(tab)
        tab.add_bar(bar)
        watched = _Watched(tab, bar)
        self._watched[tab] = watched
        bar.reloadClicked.connect(lambda: self.reload(tab))
        bar.keepClicked.connect(lambda: self.keep_mine(tab))
        bar.compareClicked.connect(lambda: self.compare(tab))
        bar.saveAsClicked.connect(lambda: self.saveAsRequested.emit(tab))
        tab.document.saved.connect(self._on_document_saved)
        tab.document.pathChanged.connect(self._on_document_path_changed)
        self._refresh_paths()
        path = tab.document.path
        if path is not None and tab.document.post is not None and not path.exists():
            self._schedule([tab])  # e.g. recovered text whose file is gone: say so
        return bar

    def unwatch(self, tab: DocumentTab) -> None:
        if self._watched.pop(tab, None) is not None:
            self._due.discard(tab)
            self._refresh_paths()

    def bar(self, tab: DocumentTab) -> ChangeBar | None:
        watched = self._watched.get(tab)
        return None if watched is None else watched.bar

    def check_now(self, tab: DocumentTab) -> str:
        """Compare the tab's file with what it was loaded from and act; returns what was done."""
        watched = self._watched.get(tab)
        document = tab.document
        path = document.path
        if watched is None or path is None or document.post is None:
            return "unchanged"
        data = disk_bytes(path)
        if data is None:
            if path.exists():
                return "unchanged"  # there but unreadable right now: look again next time
            return self._handle_deleted(watched, path)
        if digest(data) == known_digest(document):
            if watched.deleted or watched.bar.kind == "conflict":
                watched.deleted = False
                watched.bar.dismiss()
                return self._handled(tab, "restored")
            return "unchanged"
        watched.deleted = False
        if not document.is_dirty:
            post = disk_post(data, path)
            if post is None:
                watched.bar.show_conflict(path)  # not a post any more: the user decides
                return self._handled(tab, "conflict")
            reload_tab(tab, post)
            watched.bar.dismiss()
            return self._handled(tab, "reloaded")
        watched.bar.show_conflict(path)
        return self._handled(tab, "conflict")

    # --- the bar's choices -----------------------------------------------------------

    def reload(self, tab: DocumentTab) -> bool:
        """Replace the text with the file on disk (one undoable edit)."""
        path = tab.document.path
        data = None if path is None else disk_bytes(path)
        post = None if path is None or data is None else disk_post(data, path)
        if post is None:
            return False
        reload_tab(tab, post)
        self._dismiss(tab)
        return True

    def keep_mine(self, tab: DocumentTab) -> None:
        """Keep the editor's text: it stays unsaved, and the file's current bytes become
        what a Save replaces without asking again."""
        document = tab.document
        path = document.path
        data = None if path is None else disk_bytes(path)
        post = None if path is None or data is None else disk_post(data, path)
        if post is not None:
            document.post = post
            document.text_document.setModified(True)
            self._dismiss(tab)
        elif tab in self._watched:
            self._watched[tab].bar.dismiss()  # still deleted: the document stays unsaved

    def compare(self, tab: DocumentTab) -> None:
        path = tab.document.path
        data = None if path is None else disk_bytes(path)
        if path is None or data is None:
            return
        disk = disk_text(data, path)
        show_diff(
            tab,
            _tr("Compare with the file on disk"),
            disk,
            tab.document.text(),
            fill(_tr("%1 (on disk)"), path.name),
            _tr("your text"),
        )

    def _dismiss(self, tab: DocumentTab) -> None:
        watched = self._watched.get(tab)
        if watched is not None:
            watched.deleted = False
            watched.bar.dismiss()

    # --- internals -------------------------------------------------------------------

    def _handle_deleted(self, watched: _Watched, path: Path) -> str:
        if watched.deleted:
            return "unchanged"
        watched.deleted = True
        watched.tab.document.text_document.setModified(True)
        watched.bar.show_deleted(path)
        return self._handled(watched.tab, "deleted")

    def _handled(self, tab: DocumentTab, what: str) -> str:
        self.changeHandled.emit(tab, what)
        return what

    def _refresh_paths(self) -> None:
        files: set[str] = set()
        folders: set[str] = set()
        for tab in self._watched:
            path = tab.document.path
            if path is None:
                continue
            folders.add(str(path.parent))
            if path.exists():
                files.add(str(path))
        current = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = files | folders
        stale = sorted(current - wanted)
        if stale:
            self.watcher.removePaths(stale)
        missing = sorted(p for p in wanted - current if Path(p).exists())
        if missing:
            self.watcher.addPaths(missing)

    def _schedule(self, tabs: list[DocumentTab]) -> None:
        self._due.update(tabs)
        if self._due:
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        due, self._due = self._due, set()
        self._refresh_paths()  # an atomic replace dropped the file from the watcher
        for tab in due:
            if tab in self._watched:
                self.check_now(tab)

    def _on_watcher_file_changed(self, name: str) -> None:
        self._schedule([t for t in self._watched if str(t.document.path) == name])

    def _on_watcher_directory_changed(self, name: str) -> None:
        self._schedule(
            [t for t in self._watched if t.document.path and str(t.document.path.parent) == name]
        )

    def _on_document_saved(self, _post: object) -> None:
        for tab in self._watched:
            if tab.document is self.sender():
                self._dismiss(tab)
        self._refresh_paths()

    def _on_document_path_changed(self, _path: object) -> None:
        self._refresh_paths()


# --- before a save ---------------------------------------------------------------------

OVERWRITE, COMPARE, CANCEL = "overwrite", "compare", "cancel"


def ask_overwrite(parent: QWidget | None, path: Path) -> str:
    """Ask what to do about a file changed on disk since it was opened."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("The file changed on disk"))
    box.setText(fill(_tr("%1 was changed on disk since you opened it."), path))
    box.setInformativeText(_tr("Saving now replaces those changes with your text."))
    overwrite = box.addButton(_tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    compare = box.addButton(_tr("Compare…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return OVERWRITE
    if clicked is compare:
        return COMPARE
    return CANCEL


def changed_on_disk(document: Document, target: Path | None) -> bytes | None:
    """The bytes on disk when saving to `target` would replace a change made outside the
    app since the document was loaded or saved; None when there is none."""
    path = document.path
    if path is None or (target is not None and Path(target) != path):
        return None  # Save As: the file dialog asked about replacing the file
    known = known_digest(document)
    data = disk_bytes(path)
    if known is None or data is None or digest(data) == known:
        return None
    return data


def confirm_save(tab: DocumentTab, target: Path | None, parent: QWidget | None) -> bool:
    """True when the save may go ahead: no change on disk, or the user chose Overwrite."""
    document = tab.document
    while True:
        data = changed_on_disk(document, target)
        if data is None:
            return True
        path = document.path
        assert path is not None
        answer = ask_overwrite(parent, path)
        if answer == OVERWRITE:
            return True
        if answer != COMPARE:
            return False
        disk = disk_text(data, path)
        show_diff(
            parent,
            _tr("Compare with the file on disk"),
            disk,
            document.text(),
            fill(_tr("%1 (on disk)"), path.name),
            _tr("your text"),
        )
