"""DocumentsController: the open posts of the window, one tab each.

Owns the tab bookkeeping the window used to do itself: opening a post (or switching to its
tab), new posts, Save / Save As through the core, closing with the Save / Discard / Cancel
question, the dirty mark on a tab, and following a post the library renamed or trashed.
The window gives it the QTabWidget, the dialog parent, the safekeeping hooks (or None) and
a `configure(tab)` callback (fonts, colours, the site); it connects each new tab's signals
when `tabAdded` arrives.

Signals:
    tabAdded(object): a DocumentTab was added (before it becomes current).
    postOpened(object): a post was opened in a new tab; carries its resolved Path.
    tabStateChanged(object): a tab's name, dirty mark or file changed; carries the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTabBar, QTabWidget, QToolButton, QWidget

from editor.core.post.storage import ReadOnlyError
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.editor.post_editor import PostEditor
from editor.ui.translate import fill

POST_FILTER = QT_TRANSLATE_NOOP(
    "DocumentTabs", "Markdown posts (*.md *.markdown *.mdown);;All files (*)"
)


def _filter() -> str:
    return QCoreApplication.translate("DocumentTabs", POST_FILTER)


Answer = QMessageBox.StandardButton


def make_tab_widget(parent: QWidget) -> QTabWidget:
    """The row of open posts: movable tabs with our own "×" close buttons.

    No style sheet here: one on the tab bar kept the whole tab widget (and every editor in
    it) on the palette of the moment, so switching theme left the editors as they were."""
    tabs = QTabWidget(parent)
    tabs.setObjectName("documentTabs")
    tabs.setDocumentMode(True)
    tabs.setTabsClosable(True)  # our own "×" buttons replace the style's icons
    tabs.setMovable(True)
    tabs.tabBar().setAccessibleName(QCoreApplication.translate("DocumentTabs", "Open posts"))
    return tabs


def make_close_button(parent: QWidget) -> QToolButton:
    """A tab's "×": drawn in the palette's button text colour, so it shows in either theme."""
    close = QToolButton(parent)
    close.setObjectName("tabCloseButton")
    close.setText("×")
    close.setAutoRaise(True)
    close.setToolTip(QCoreApplication.translate("DocumentTabs", "Close this post"))
    close.setAccessibleName(QCoreApplication.translate("DocumentTabs", "Close post"))
    close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    font = QFont(close.font())
    font.setPixelSize(14)
    close.setFont(font)
    return close


def save_state_text(tab: DocumentTab) -> str:
    """What the status bar says about the tab's post."""
    tr = QCoreApplication.translate
    if tab.document.path is None:
        return tr("DocumentTabs", "Not saved yet")
    return (
        tr("DocumentTabs", "Unsaved changes")
        if tab.document.is_dirty
        else tr("DocumentTabs", "Saved")
    )


class DocumentsController(QObject):
    """The window's open posts. See the module docstring."""

    tabAdded = Signal(object)  # noqa: N815 (Qt signal naming)
    postOpened = Signal(object)  # noqa: N815
    tabStateChanged = Signal(object)  # noqa: N815

    def __init__(
        self,
        tabs: QTabWidget,
        dialog_parent: QWidget,
        configure: Callable[[DocumentTab], None],
        start_folder: Callable[[], Path],
        safekeeping: Any = None,
    ) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._parent = dialog_parent
        self._configure = configure
        self._start_folder = start_folder
        self.safekeeping = safekeeping

    # --- lookup ---------------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentTab) else None

    def current_editor(self) -> PostEditor | None:
        tab = self.current_tab()
        return None if tab is None else tab.editor

    def tab_list(self) -> list[DocumentTab]:
        tabs = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [tab for tab in tabs if isinstance(tab, DocumentTab)]

    def tab_for(self, path: Path) -> DocumentTab | None:
        """The tab editing the file at `path`, if one does."""
        target = Path(path).resolve()
        for tab in self.tab_list():
            if tab.document.path is not None and tab.document.path.resolve() == target:
                return tab
        return None

    def follow_tabs(self, callback: Callable[[DocumentTab], object]) -> None:
        """Call `callback` with each open tab now and with each tab added later (a part of
        the window made after posts were opened still sees every tab)."""
        for tab in self.tab_list():
            callback(tab)
        self.tabAdded.connect(callback)

    # --- opening --------------------------------------------------------------------------

    def add_document(self, document: Document) -> DocumentTab:
        tab = DocumentTab(document, self.tabs)
        self._configure(tab)
        self.tabAdded.emit(tab)
        document.dirtyChanged.connect(lambda _dirty: self._on_document_changed(tab))
        document.pathChanged.connect(lambda _path: self._on_document_changed(tab))
        if self.safekeeping is not None:
            self.safekeeping.attach(tab)
        index = self.tabs.addTab(tab, document.display_name())
        close = make_close_button(self.tabs)
        close.clicked.connect(lambda: self.close_tab(self.tabs.indexOf(tab)))
        self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, close)
        self.tabs.setTabToolTip(index, str(document.path or "Not saved yet"))
        self.tabs.setCurrentIndex(index)
        tab.editor.setFocus()
        return tab

    def open_post(self, path: Path) -> DocumentTab | None:
        """Open `path` in a tab (or switch to its tab); None and a message if it cannot be."""
        path = Path(path).resolve()
        existing = self.tab_for(path)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return existing
        try:
            document = Document.open(path, parent=self)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self._parent, self.tr("Cannot open the post"), str(error))
            return None
        tab = self.add_document(document)
        self.postOpened.emit(path)
        return tab

    def new_post(self) -> DocumentTab:
        return self.add_document(Document.new(parent=self))

    def open_post_dialog(self) -> None:
        start = str(self._start_folder())
        name, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Open a post"), start, _filter()
        )
        if name:
            self.open_post(Path(name))

    # --- saving ---------------------------------------------------------------------------

    def save(self, tab: DocumentTab | None = None) -> bool:
        """Save the tab's post (Save As for a new one); False when not saved."""
        tab = tab or self.current_tab()
        if tab is None:
            return False
        if tab.document.path is None:
            return self.save_as(tab)
        return self._write(tab, None)

    def save_as(self, tab: DocumentTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None:
            return False
        current = tab.document.path
        start = str(current) if current else str(self._start_folder())
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save the post as"), start, _filter()
        )
        if not name:
            return False
        return self._write(tab, Path(name))

    def _write(self, tab: DocumentTab, path: Path | None) -> bool:
        keeper = self.safekeeping
        if keeper is not None and not keeper.before_save(tab, path):
            return False
        try:
            try:
                tab.document.save(path)
            except ReadOnlyError as error:
                if not self._replace_read_only(error.path):
                    return False
                tab.document.save(path, replace_read_only=True)
        except (OSError, ValueError) as error:
            if keeper is not None:
                keeper.save_failed(tab)
            QMessageBox.critical(self._parent, self.tr("The post was not saved"), str(error))
            return False
        return True

    def _replace_read_only(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self._parent,
            self.tr("The file is read-only"),
            fill(self.tr("“%1” is read-only. Replace it anyway? It stays read-only."), path.name)
            + f"\n\n{path}",
            Answer.Save | Answer.Cancel,
            Answer.Cancel,
        )
        return answer == Answer.Save

    # --- closing --------------------------------------------------------------------------

    def close_current(self) -> bool:
        return self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int, *, ask: bool = True) -> bool:
        """Close the tab at `index`, asking first (unless `ask` is False) when it has unsaved
        changes."""
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab):
            return False
        if ask and not self.confirm_discard(tab):
            return False
        self.tabs.removeTab(index)
        if self.safekeeping is not None:
            self.safekeeping.detach(tab)
        tab.deleteLater()
        tab.document.deleteLater()
        return True

    def confirm_discard(self, tab: DocumentTab) -> bool:
        """True when the tab may go: saved, or the user chose Save (and it worked) or Discard."""
        if not tab.document.is_dirty:
            return True
        self.tabs.setCurrentWidget(tab)
        answer = QMessageBox.question(
            self._parent,
            self.tr("Unsaved changes"),
            fill(self.tr("“%1” has unsaved changes. Save them?"), tab.document.display_name()),
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )
        if answer == Answer.Save:
            return self.save(tab)
        return answer == Answer.Discard

    def confirm_all(self) -> bool:
        """Before quitting: ask about every tab with unsaved changes (stops at a Cancel)."""
        return all(self.confirm_discard(tab) for tab in self.tab_list())

    # --- files moved by the library ------------------------------------------------------

    def follow_rename(self, old: Path, new: Path) -> DocumentTab | None:
        """The file of an open post was renamed: its tab now edits `new`."""
        tab = self.tab_for(old)
        if tab is not None:
            tab.document.retarget(Path(new))
        return tab

    def forget_trashed(self, path: Path) -> str:
        """The file at `path` went to the trash. A tab with no unsaved changes closes (nothing
        to ask: the file is gone on purpose); one with unsaved changes stays open so no word is
        lost (Save writes the file again, Close asks as usual). Returns a message, or ""."""
        tab = self.tab_for(path)
        if tab is None:
            return ""
        name = tab.document.display_name()
        if tab.document.is_dirty:
            return f"“{name}” was moved to the trash; its unsaved changes are still open here."
        self.close_tab(self.tabs.indexOf(tab), ask=False)
        return f"“{name}” was moved to the trash and its tab closed."

    # --- slots ----------------------------------------------------------------------------

    def _on_document_changed(self, tab: DocumentTab) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            mark = "*" if tab.document.is_dirty else ""
            self.tabs.setTabText(index, f"{tab.document.display_name()}{mark}")
            self.tabs.setTabToolTip(index, str(tab.document.path or "Not saved yet"))
        self.tabStateChanged.emit(tab)
