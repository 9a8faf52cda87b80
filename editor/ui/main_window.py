"""MainWindow: builds the writing window and connects its parts; implements no feature.

Editor tabs and the preview sit side by side in a splitter (either can be hidden), the library
lives in a dock, the status panel at the bottom. Actions are declared in ui/actions.py; their
handlers here are one-line forwards to the current editor, the find bar, or the document
model (ui/documents.py). The QWebEngineView-holding PreviewPane is created after the first
paint so the window shows up quickly.

Signals:
    previewCreated(object): the PreviewPane exists (after the first paint).
    siteChanged(object): another site was opened; carries its SiteConfig.
    postOpened(object): a post was opened in a tab; carries its Path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStatusBar,
    QTabBar,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing import is_url
from editor.core.site import SiteConfig, find_site
from editor.core.stats import count_words, has_cjk
from editor.ui import theme
from editor.ui.about import show_about
from editor.ui.actions import build_actions, build_menus, build_toolbar
from editor.ui.documents import Document, DocumentTab
from editor.ui.find_bar import FindBar
from editor.ui.post_editor import PostEditor
from editor.ui.preferences import Preferences, PreferencesDialog, SettingsStore, WindowState
from editor.ui.preview_link import PreviewLink
from editor.ui.safekeeping import Safekeeping
from editor.ui.status import StatusPanel
from editor.ui.workers import RenderController

_POST_FILTER = "Markdown posts (*.md *.markdown *.mdown);;All files (*)"


class MainWindow(QMainWindow):
    """The writing window. See the module docstring."""

    previewCreated = Signal(object)  # noqa: N815 (Qt signal naming)
    siteChanged = Signal(object)  # noqa: N815
    postOpened = Signal(object)  # noqa: N815

    def __init__(
        self,
        settings: SettingsStore,
        site: SiteConfig,
        parent: QWidget | None = None,
        *,
        preview_dir: Path | None = None,
        create_preview: bool = True,
        render_controller: RenderController | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings
        self.site = site
        self.prefs = settings.preferences()
        self._dark = False
        self._preview_dir = preview_dir
        self._create_preview_on_show = create_preview and preview_dir is not None
        self._first_show = True
        self.preview: Any = None
        self._preview_visible = True
        self.save_state_on_close = True
        self._pending_sizes: list[int] | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("documentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)  # our own "×" buttons replace the style's icons
        self.tabs.setMovable(True)
        self.tabs.tabBar().setStyleSheet(
            "QTabBar::tab { padding: 5px 6px 5px 12px; min-width: 80px; }"
            "QToolButton#tabCloseButton { border: none; padding: 0 4px; font-size: 14px; }"
        )
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.editor_pane = QWidget(self)
        self.editor_pane.setObjectName("editorPane")
        pane_layout = QVBoxLayout(self.editor_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self.tabs)
        pane_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.editor_pane)
        self._preview_slot = QWidget(self)  # stands in for the preview until it exists
        self._preview_slot.setObjectName("previewPlaceholder")
        self._preview_slot.setAutoFillBackground(True)
        self.splitter.addWidget(self._preview_slot)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.library_dock.hide()

        self.status_panel = StatusPanel(self)
        if isinstance(self.status_panel, QStatusBar):
            self.setStatusBar(self.status_panel)
        else:
            self.statusBar().addPermanentWidget(self.status_panel, 1)
        # The render process starts now: its imports run beside the window's own start-up, so
        # it is ready when the preview is (measured: starting it later delays the preview).
        self.render_controller = render_controller or RenderController(self, debounce_ms=0)
        if self.render_controller.parent() is None:
            self.render_controller.setParent(self)

        self.actions_by_id = build_actions(self, self._handlers())
        build_menus(self.menuBar(), self.actions_by_id)
        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        build_toolbar(self.toolbar, self.actions_by_id)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setObjectName("autosaveTimer")
        # Recovery journal, external changes, previous versions (under the app's data folder).
        self.safekeeping = Safekeeping(data_dir, self) if data_dir is not None else None

        self.preview_link = PreviewLink(self.render_controller, self.status_panel, site, self)

        self._connect_signals()
        self.apply_preferences(self.prefs)
        self._update_title()

    # --- construction helpers -----------------------------------------------------------

    def _handlers(self) -> dict[str, Any]:
        def on_editor(name: str) -> Any:
            return lambda: getattr(self.current_editor() or _Nothing(), name)()

        return {
            "new_post": self.new_post,
            "open_post_dialog": self.open_post_dialog,
            "open_site_dialog": self.open_site_dialog,
            "save": self.save,
            "save_as": self.save_as,
            "close_current": self.close_current,
            "close": self.close,
            "undo": on_editor("undo"),
            "redo": on_editor("redo"),
            "cut": on_editor("cut"),
            "copy": on_editor("copy"),
            "paste": on_editor("paste"),
            "find": lambda: self.find_bar.open_find(replace=False),
            "find_next": self.find_bar.find_next,
            "find_previous": self.find_bar.find_previous,
            "replace": lambda: self.find_bar.open_find(replace=True),
            "preferences": self.preferences_dialog,
            "bold": on_editor("toggle_bold"),
            "italic": on_editor("toggle_italic"),
            "code": on_editor("toggle_code"),
            "link": self.insert_link,
            "heading": on_editor("cycle_heading"),
            "zoom_in": lambda: self._zoom(1),
            "zoom_out": lambda: self._zoom(-1),
            "zoom_reset": lambda: self._zoom(0),
            "set_preview_visible": self.set_preview_visible,
            "set_editor_visible": self.editor_pane.setVisible,
            "set_sidebar_visible": self.library_dock.setVisible,
            "set_line_numbers": self._on_line_numbers_toggled,
            "set_soft_wrap": self._on_soft_wrap_toggled,
            "next_tab": lambda: self._step_tab(1),
            "previous_tab": lambda: self._step_tab(-1),
            "about": lambda: show_about(self),
            "restore_version": lambda: (
                self.safekeeping and self.safekeeping.restore_version(self.current_tab())
            ),
        }

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.find_bar.message.connect(self._on_find_bar_message)
        self.library_dock.visibilityChanged.connect(self._on_library_dock_visibility_changed)
        self.autosave_timer.timeout.connect(self._on_autosave_timer_timeout)
        self.preview_link.message.connect(self._on_editor_problem)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        if self.safekeeping is not None:
            self.safekeeping.message.connect(self._on_editor_problem)
            self.safekeeping.saveAsRequested.connect(self.save_as)
            self.safekeeping.documentRecovered.connect(self.add_document)
        self.actions_by_id["toggle_editor"].setChecked(True)
        self.actions_by_id["toggle_preview"].setChecked(self._preview_visible)

    def _connect_tab(self, tab: DocumentTab) -> None:
        editor, document = tab.editor, tab.document
        editor.textChanged.connect(lambda: self.preview_link.text_changed(tab))
        editor.cursorMoved.connect(lambda line, col: self._on_editor_cursor_moved(tab, line, col))
        editor.topLineChanged.connect(lambda line: self.preview_link.top_line_changed(tab, line))
        editor.selectionChanged.connect(lambda: self._on_editor_selection_changed(tab))
        editor.problem.connect(self._on_editor_problem)
        document.dirtyChanged.connect(lambda _dirty: self._on_document_dirty_changed(tab))
        document.pathChanged.connect(lambda _path: self._on_document_dirty_changed(tab))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            # Sizes apply once the window has its real width (restored or default).
            if self._pending_sizes:
                self.splitter.setSizes(self._pending_sizes)
            else:
                half = max(1, self.splitter.width() // 2)
                self.splitter.setSizes([half, self.splitter.width() - half])
            if self._create_preview_on_show:
                # Wait for the first real paint (on X11 it comes after an Expose, later than
                # this event), so the post is on screen before QtWebEngine starts.
                self.tabs.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs and event.type() == QEvent.Type.Paint:
            self.tabs.removeEventFilter(self)
            QTimer.singleShot(0, self.create_preview)
        return super().eventFilter(watched, event)

    def create_preview(self) -> None:
        """Create the PreviewPane (QtWebEngine) in the splitter and connect it."""
        if self.preview is not None:
            return
        from editor.ui.preview import PreviewPane  # QtWebEngine loads here, after first paint

        assert self._preview_dir is not None, "the window was made without preview resources"
        style = self.prefs.code_style
        preview = PreviewPane(
            self._preview_dir,
            self,
            dark=self._dark,
            allow_remote=self.prefs.allow_remote,
            code_style=self.site.highlight.style if style == "site" else style,
        )
        self.splitter.replaceWidget(1, preview)
        self._preview_slot.deleteLater()
        self.preview = preview
        preview.setVisible(self._preview_visible)
        self.preview_link.set_preview(preview)
        self.previewCreated.emit(preview)

    # --- documents -------------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentTab) else None

    def current_editor(self) -> PostEditor | None:
        tab = self.current_tab()
        return None if tab is None else tab.editor

    def tab_list(self) -> list[DocumentTab]:
        tabs = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [tab for tab in tabs if isinstance(tab, DocumentTab)]

    def add_document(self, document: Document) -> DocumentTab:
        tab = DocumentTab(document, self.tabs)
        self._configure_tab(tab)
        self._connect_tab(tab)
        if self.safekeeping is not None:
            self.safekeeping.attach(tab)
        index = self.tabs.addTab(tab, document.display_name())
        close = QToolButton(self.tabs)
        close.setObjectName("tabCloseButton")
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip("Close this post")
        close.clicked.connect(lambda: self.close_tab(self.tabs.indexOf(tab)))
        self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, close)
        self.tabs.setTabToolTip(index, str(document.path or "Not saved yet"))
        self.tabs.setCurrentIndex(index)
        tab.editor.setFocus()
        return tab

    def _configure_tab(self, tab: DocumentTab) -> None:
        static = self.site.static_dirs[0] if self.site.static_dirs else None
        tab.set_site(self.site.root, static)
        editor = tab.editor
        editor.setFont(self.prefs.font())
        editor.set_line_numbers_visible(self.prefs.line_numbers)
        editor.set_soft_wrap(self.prefs.soft_wrap)
        editor.set_colors(self._dark)
        tab.highlighter.set_dark(self._dark)

    def open_post(self, path: Path) -> DocumentTab | None:
        """Open `path` in a tab (or switch to its tab); None and a message if it cannot be."""
        path = Path(path).resolve()
        for tab in self.tab_list():
            if tab.document.path is not None and tab.document.path.resolve() == path:
                self.tabs.setCurrentWidget(tab)
                return tab
        try:
            document = Document.open(path, parent=self)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, "Cannot open the post", str(error))
            return None
        tab = self.add_document(document)
        self.postOpened.emit(path)
        return tab

    def new_post(self) -> DocumentTab:
        return self.add_document(Document.new(parent=self))

    def open_post_dialog(self) -> None:
        start = str(self.site.content_dir if self.site.content_dir else self.site.root)
        name, _ = QFileDialog.getOpenFileName(self, "Open a post", start, _POST_FILTER)
        if name:
            self.open_post(Path(name))

    def open_site_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a site", str(self.site.root))
        if folder:
            self.set_site(find_site(Path(folder)))

    def set_site(self, site: SiteConfig) -> None:
        self.site = site
        for tab in self.tab_list():
            self._configure_tab(tab)
        self._apply_preview_preferences()
        self._update_title()
        self.siteChanged.emit(site)
        self.preview_link.set_site(site)

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
        start = str(current) if current else str(self.site.content_dir or self.site.root)
        name, _ = QFileDialog.getSaveFileName(self, "Save the post as", start, _POST_FILTER)
        if not name:
            return False
        return self._write(tab, Path(name))

    def _write(self, tab: DocumentTab, path: Path | None) -> bool:
        keeper = self.safekeeping
        if keeper is not None and not keeper.before_save(tab, path):
            return False
        try:
            tab.document.save(path)
        except (OSError, ValueError) as error:
            if keeper is not None:
                keeper.save_failed(tab)
            QMessageBox.critical(self, "The post was not saved", str(error))
            return False
        return True

    def close_current(self) -> bool:
        return self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> bool:
        """Close the tab at `index`, asking first when it has unsaved changes."""
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab):
            return False
        if not self._confirm_discard(tab):
            return False
        self.tabs.removeTab(index)
        if self.safekeeping is not None:
            self.safekeeping.detach(tab)
        tab.deleteLater()
        tab.document.deleteLater()
        return True

    def _confirm_discard(self, tab: DocumentTab) -> bool:
        """True when the tab may go: saved, or the user chose Save (and it worked) or Discard."""
        if not tab.document.is_dirty:
            return True
        self.tabs.setCurrentWidget(tab)
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"“{tab.document.display_name()}” has unsaved changes. Save them?",
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(tab)
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(self._confirm_discard(tab) for tab in self.tab_list()):
            event.ignore()
            return
        if self.save_state_on_close:
            self._settings.save_window_state(self.window_state())
        self.render_controller.shutdown()
        if self.safekeeping is not None:
            self.safekeeping.shutdown(discard=True)
        event.accept()

    # --- window state ----------------------------------------------------------------------

    def window_state(self) -> WindowState:
        paths = [str(tab.document.path) for tab in self.tab_list() if tab.document.path]
        current = self.current_tab()
        last = str(current.document.path) if current and current.document.path else ""
        editor = self.current_editor()
        return WindowState(
            geometry=bytes(self.saveGeometry().data()),
            dock_state=bytes(self.saveState().data()),
            splitter_sizes=tuple(self.splitter.sizes()),
            preview_visible=self._preview_visible,
            sidebar_visible=self.library_dock.isVisible(),
            site=str(self.site.root),
            last_post=last,
            open_posts=tuple(paths),
            zoom=editor.zoom() if editor else 0,
        )

    def restore_state(self, state: WindowState, *, reopen_posts: bool = True) -> None:
        """Geometry, dock, splitter, panes, zoom; and the posts that were open in this site."""
        if state.geometry:
            self.restoreGeometry(QByteArray(state.geometry))
        if state.dock_state:
            self.restoreState(QByteArray(state.dock_state))
        if state.splitter_sizes and len(state.splitter_sizes) == 2:
            self._pending_sizes = list(state.splitter_sizes)
            if not self._first_show:
                self.splitter.setSizes(self._pending_sizes)
        self.actions_by_id["toggle_preview"].setChecked(state.preview_visible)
        self.set_preview_visible(state.preview_visible)
        self.actions_by_id["toggle_sidebar"].setChecked(state.sidebar_visible)
        self.library_dock.setVisible(state.sidebar_visible)
        same_site = state.site and Path(state.site).resolve() == Path(self.site.root).resolve()
        if reopen_posts and same_site:
            for name in state.open_posts:
                if Path(name).is_file():
                    self.open_post(Path(name))
            if state.last_post and Path(state.last_post).is_file():
                self.open_post(Path(state.last_post))
        for tab in self.tab_list():
            tab.editor.zoom_by(state.zoom - tab.editor.zoom())

    def set_library_widget(self, widget: QWidget) -> None:
        """Put the library panel (its view named ``library``) into the dock."""
        self.library_dock.setWidget(widget)

    # --- view ------------------------------------------------------------------------------

    def set_preview_visible(self, visible: bool) -> None:
        self._preview_visible = visible
        widget = self.preview if self.preview is not None else self._preview_slot
        widget.setVisible(visible)
        self.preview_link.set_enabled(visible)

    def _zoom(self, steps: int) -> None:
        for tab in self.tab_list():
            if steps == 0:
                tab.editor.reset_zoom()
            else:
                tab.editor.zoom_by(steps)

    def _step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def insert_link(self) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        clip = QApplication.clipboard().text().strip()
        url, ok = QInputDialog.getText(
            self, "Insert a link", "URL:", text=clip if is_url(clip) else "https://"
        )
        if ok:
            editor.insert_link(url.strip() if url.strip() != "https://" else "")

    # --- preferences -----------------------------------------------------------------------

    def preferences_dialog(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            prefs = dialog.preferences()
            self._settings.save_preferences(prefs)
            self.apply_preferences(prefs)

    def apply_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        self._dark = theme.resolve_dark(prefs.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_palette(app, self._dark)
        for tab in self.tab_list():
            self._configure_tab(tab)
        self.actions_by_id["line_numbers"].setChecked(prefs.line_numbers)
        self.actions_by_id["soft_wrap"].setChecked(prefs.soft_wrap)
        if prefs.autosave_interval > 0:
            self.autosave_timer.start(prefs.autosave_interval * 1000)
        else:
            self.autosave_timer.stop()
        if self.safekeeping is not None:
            self.safekeeping.set_preferences(
                prefs.journal_delay_ms, prefs.save_to_file, prefs.versions_kept
            )
        self._apply_preview_preferences()

    def _apply_preview_preferences(self) -> None:
        if self.preview is None:
            return
        self.preview.set_dark(self._dark)
        self.preview.set_allow_remote(self.prefs.allow_remote)
        style = self.prefs.code_style
        self.preview.set_code_style(self.site.highlight.style if style == "site" else style)

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        if self.prefs.theme == "system":  # "follow the system" follows it live
            self.apply_preferences(self.prefs)

    def _on_line_numbers_toggled(self, checked: bool) -> None:
        if checked != self.prefs.line_numbers:
            self._change_preference(line_numbers=checked)

    def _on_soft_wrap_toggled(self, checked: bool) -> None:
        if checked != self.prefs.soft_wrap:
            self._change_preference(soft_wrap=checked)

    def _change_preference(self, **changes: Any) -> None:
        from dataclasses import replace

        prefs = replace(self.prefs, **changes)
        self._settings.save_preferences(prefs)
        self.apply_preferences(prefs)

    # --- slots ----------------------------------------------------------------------------

    @property
    def render_pending(self) -> bool:
        """True while a text change has not yet reached the preview (tests wait on it)."""
        return self.preview_link.pending

    def _on_tabs_current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.find_bar.set_editor(None if tab is None else tab.editor)
        self._update_title()
        self.preview_link.set_tab(tab)
        if tab is not None:
            cursor = tab.editor.textCursor()
            self.status_panel.set_cursor(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)
            self._on_editor_selection_changed(tab)

    def _on_editor_cursor_moved(self, tab: DocumentTab, line: int, column: int) -> None:
        if tab is self.current_tab():
            self.status_panel.set_cursor(line, column)
            self.preview_link.cursor_moved(tab, line)

    def _on_editor_selection_changed(self, tab: DocumentTab) -> None:
        if tab is not self.current_tab():
            return
        selected = tab.editor.textCursor().selectedText()
        if not selected:
            self.status_panel.set_selection_words(None)
            return
        plain = selected.replace("\u2029", "\n")
        self.status_panel.set_selection_words(count_words(plain, has_cjk(plain)))

    def _on_document_dirty_changed(self, tab: DocumentTab) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            mark = "*" if tab.document.is_dirty else ""
            self.tabs.setTabText(index, f"{tab.document.display_name()}{mark}")
            self.tabs.setTabToolTip(index, str(tab.document.path or "Not saved yet"))
        if tab is self.current_tab():
            self._update_title()

    def _on_editor_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_find_bar_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 3000)

    def _on_library_dock_visibility_changed(self, visible: bool) -> None:
        action = self.actions_by_id["toggle_sidebar"]
        if action.isChecked() != visible and not self.isMinimized():
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)

    def _on_autosave_timer_timeout(self) -> None:
        for tab in self.tab_list():
            if self.safekeeping is not None:
                self.safekeeping.quiet_save(tab.document)
            elif tab.document.is_dirty and tab.document.path is not None:
                try:
                    tab.document.save()
                except (OSError, ValueError) as error:
                    self.statusBar().showMessage(f"Autosave failed: {error}", 8000)

    def _update_title(self) -> None:
        tab = self.current_tab()
        site_name = self.site.title or Path(self.site.root).name
        if tab is None:
            self.setWindowTitle(f"{site_name} — Inkpost")
            self.setWindowModified(False)
            self.status_panel.set_save_state("")
            return
        self.setWindowTitle(f"{tab.document.display_name()}[*] — {site_name} — Inkpost")
        self.setWindowModified(tab.document.is_dirty)
        if tab.document.path is None:
            state = "Not saved yet"
        else:
            state = "Unsaved changes" if tab.document.is_dirty else "Saved"
        self.status_panel.set_save_state(state)


class _Nothing:
    """Stands in for the editor when no post is open: every action does nothing."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *args, **kwargs: None
