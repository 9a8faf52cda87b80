"""MainWindow: builds the writing window and connects its parts; implements no feature.

Editor tabs and the preview sit side by side in a splitter (either can be hidden), the library
lives in a dock, the status panel at the bottom. Actions are declared in window/actions.py with
their one-line handlers (forwards to the current editor, the find bar or a part). The parts
do the work: `DocumentsController` (window/tabs.py: open, save, close, tab bookkeeping),
`PreferencesController` (window/prefs.py), `PreviewSlot` (window/preview_slot.py: the
QtWebEngine preview, created after the first paint so the window shows up quickly),
`LibraryLink` (window/library_link.py: the library sidebar the app hands over),
`PreviewLink` (typing -> preview and status), window/state.py (what state.ini remembers),
and the parts the first frame does without (window/parts.py: the Problems, Front Matter and
Outline docks, Export, Publish, Open Recent, Help, drops, spelling, the site preview's
modes, the watch on the site's config files), made in the constructor or, with
`defer_parts`, at `build_parts` or the first use of one (the app's start: after the
preview).

Signals:
    previewCreated(object): the PreviewPane exists (after the first paint).
    siteChanged(object): another site was opened, or its settings were read again;
        carries its SiteConfig.
    postOpened(object): a post was opened in a tab; carries its Path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.commands import is_url
from editor.core.site.config import SiteConfig, find_site
from editor.core.stats.figures import count_words, has_cjk
from editor.ui.editor.documents import DocumentTab
from editor.ui.editor.find_bar import FindBar
from editor.ui.editor.post_editor import PostEditor
from editor.ui.preview.link import PreviewLink
from editor.ui.safety.safekeeping import Safekeeping
from editor.ui.window.actions import build_actions, build_menus, build_toolbar, window_handlers
from editor.ui.window.dock_toggle import adopt_dock
from editor.ui.window.first_paint import AfterFirstPaint
from editor.ui.window.library_link import LibraryLink
from editor.ui.window.pane_sizes import PaneSizes
from editor.ui.window.parts import PART_DOCKS, Part, WindowParts
from editor.ui.window.preferences import Preferences, SettingsStore, WindowState
from editor.ui.window.prefs import PreferencesController
from editor.ui.window.preview_slot import PreviewSlot
from editor.ui.window.state import StateKeeper, apply_state, capture_state
from editor.ui.window.status import StatusPanel
from editor.ui.window.tabs import DocumentsController, make_tab_widget, save_state_text
from editor.ui.workers import RenderController

if TYPE_CHECKING:
    from editor.ui.export.dialog import KeyValueStore
    from editor.ui.preview.site_mode import PreviewModes
    from editor.ui.window.drop import DropOpener
    from editor.ui.window.export_link import ExportLink
    from editor.ui.window.front_matter_link import FrontMatterLink
    from editor.ui.window.help_menu import HelpMenu
    from editor.ui.window.outline_link import OutlineLink
    from editor.ui.window.problems_link import ProblemsLink
    from editor.ui.window.publish_link import PublishLink
    from editor.ui.window.recent import RecentMenu
    from editor.ui.window.site_settings import SiteSettingsWatch
    from editor.ui.window.spelling_link import SpellingLink

LIBRARY_WIDTH = 390  # the library dock's first width (later: the restored one)


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
        defer_parts: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings
        self.site = site
        self.appearance = PreferencesController(settings, self, self.tab_list, lambda: self.site)
        self._first_show = True
        self._library_reserved = False
        # What the first frame does not need waits until the post is on the screen.
        self.first_paint = AfterFirstPaint(self)
        self.save_state_on_close = True
        self._pending_sizes: list[int] | None = None

        self.tabs = make_tab_widget(self)
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
        self.preview_slot = PreviewSlot(self.splitter, preview_dir, self._preview_options, self)
        will_preview = create_preview and preview_dir is not None
        if will_preview:
            self.first_paint.then(self.preview_slot.create)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.library_dock = QDockWidget(self.tr("Library"), self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.library_dock.hide()
        # Minimum widths; a window too narrow for all three panes hides the library first.
        self.pane_sizes = PaneSizes(self, self.library_dock, self.preview_slot)

        self.status_panel = StatusPanel(self)
        if isinstance(self.status_panel, QStatusBar):
            self.setStatusBar(self.status_panel)
        else:
            self.statusBar().addPermanentWidget(self.status_panel, 1)
        # The app starts the render process before the window's imports and hands it over
        # (app/main.py); made here, it starts now: either way its imports run beside the
        # window's own start-up, so it is ready when the preview is.
        self.render_controller = render_controller or RenderController(self, debounce_ms=0)
        if self.render_controller.parent() is None:
            self.render_controller.setParent(self)

        self.actions_by_id = build_actions(self, window_handlers(self))
        build_menus(self.menuBar(), self.actions_by_id)
        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        build_toolbar(self.toolbar, self.actions_by_id)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        # Recovery journal, external changes, previous versions (under the app's data folder).
        self.safekeeping = Safekeeping(data_dir, self) if data_dir is not None else None
        self.documents = DocumentsController(
            self.tabs, self, self.appearance.configure_tab, self._start_folder, self.safekeeping
        )
        self.library = LibraryLink(self.library_dock, self)
        self.actions_by_id["export"].setEnabled(False)  # until the app gives a store
        self.preview_link = PreviewLink(self.render_controller, self.status_panel, site, self)
        self.preview_link.prerender = will_preview
        self._parts: WindowParts | None = None  # what the first frame does without
        self._making_parts = False
        # The docks of the parts exist from the start, so that a restored layout places
        # them (and shows them) before their panels arrive.
        self._dock_shells = {
            name: adopt_dock(self, None, name, area) for name, area in PART_DOCKS.items()
        }
        self._docks_restored = False
        self._guide_file: Path | None = None
        self._connect_signals()
        self.state_keeper = StateKeeper(self, settings.save_window_state)  # saved on changes
        self.appearance.apply(self.appearance.prefs)
        self._update_title()
        if not defer_parts:  # deferred: made at build_parts or the first use of a part
            self.build_parts()

    # --- the parts the first frame does without -------------------------------------------

    problems: Part[ProblemsLink] = Part()
    front_matter: Part[FrontMatterLink] = Part()
    exporter: Part[ExportLink] = Part()
    publisher: Part[PublishLink] = Part()
    help: Part[HelpMenu] = Part()
    recent: Part[RecentMenu] = Part()
    drops: Part[DropOpener] = Part()
    outline: Part[OutlineLink] = Part()
    spelling: Part[SpellingLink] = Part()
    preview_modes: Part[PreviewModes] = Part()
    site_settings: Part[SiteSettingsWatch] = Part()

    def build_parts(self) -> None:
        """Make the window's other parts (ui/window/parts.py), once."""
        if self._parts is None:
            if self._making_parts:  # a part's constructor used another part
                raise RuntimeError("the window's parts were used while being made")
            self._making_parts = True
            try:
                self._parts = parts = WindowParts.make(self, self._dock_shells)
            finally:
                self._making_parts = False
            parts.help.guide_file = self._guide_file
            parts.wire(self)  # may use the window's parts: they are in place
            if self._docks_restored:
                parts.sync_dock_actions()

    def parts(self) -> WindowParts:
        """The window's other parts, made now if they were not yet."""
        self.build_parts()
        assert self._parts is not None
        return self._parts

    def sync_dock_actions(self) -> None:
        """After the dock layout was restored: View's actions follow the docks (once the
        parts exist)."""
        self._docks_restored = True
        if self._parts is not None:
            self._parts.sync_dock_actions()

    @property
    def guide_file(self) -> Path | None:
        """Help > User Guide's Markdown (the app sets it; None: not installed)."""
        return self._guide_file

    @guide_file.setter
    def guide_file(self, path: Path | None) -> None:
        self._guide_file = path
        if self._parts is not None:
            self._parts.help.guide_file = path

    # --- construction helpers -----------------------------------------------------------

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tabs.tabCloseRequested.connect(self.documents.close_tab)
        self.documents.tabAdded.connect(self._connect_tab)
        self.documents.postOpened.connect(self.postOpened)
        self.documents.tabStateChanged.connect(self._on_documents_tab_state_changed)
        self.library.openPostRequested.connect(self.open_post)
        self.library.postRenamed.connect(self.documents.follow_rename)
        self.library.postTrashed.connect(self._on_library_post_trashed)
        self.library.leaveRequested.connect(self._on_library_leave_requested)
        self.find_bar.message.connect(self._on_find_bar_message)
        self.library_dock.visibilityChanged.connect(self._on_library_dock_visibility_changed)
        self.preview_link.message.connect(self._on_editor_problem)
        self.appearance.applied.connect(self._on_appearance_applied)
        if self.safekeeping is not None:
            self.safekeeping.message.connect(self._on_editor_problem)
            self.safekeeping.saveAsRequested.connect(self.documents.save_as)
            self.safekeeping.documentRecovered.connect(self.documents.add_document)
        self.actions_by_id["toggle_editor"].setChecked(True)
        self.actions_by_id["toggle_preview"].setChecked(self.preview_slot.visible)
        self.preview_slot.created.connect(self._on_preview_slot_created)

    def _connect_tab(self, tab: DocumentTab) -> None:
        editor = tab.editor
        editor.textChanged.connect(lambda: self.preview_link.text_changed(tab))
        editor.cursorMoved.connect(lambda line, col: self._on_editor_cursor_moved(tab, line, col))
        editor.topLineChanged.connect(lambda line: self.preview_link.top_line_changed(tab, line))
        editor.selectionChanged.connect(lambda: self._on_editor_selection_changed(tab))
        editor.problem.connect(self._on_editor_problem)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        actions = getattr(self, "actions_by_id", None)  # None while __init__ runs
        if event.type() == QEvent.Type.WindowStateChange and actions is not None:
            with QSignalBlocker(actions["full_screen"]):  # F11, or the window manager
                actions["full_screen"].setChecked(self.isFullScreen())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            # Sizes apply once the window has its real width (restored or default) and
            # its panes theirs (the library may just have been hidden for lack of room).
            self.layout().activate()
            if self._pending_sizes:
                self.splitter.setSizes(self._pending_sizes)
            else:
                half = max(1, self.splitter.width() // 2)
                self.splitter.setSizes([half, self.splitter.width() - half])
            self.first_paint.watch(self.tabs)

    # --- documents (DocumentsController does the work) ------------------------------------

    @property
    def preview(self) -> Any:
        """The PreviewPane, or None before it is created."""
        return self.preview_slot.preview

    def create_preview(self) -> None:
        self.preview_slot.create()

    def _preview_options(self) -> dict[str, Any]:
        prefs = self.appearance.prefs
        return {
            "dark": self.appearance.dark,
            "allow_remote": prefs.allow_remote,
            "code_style": self.appearance.code_style(),
        }

    def current_tab(self) -> DocumentTab | None:
        return self.documents.current_tab()

    def current_editor(self) -> PostEditor | None:
        return self.documents.current_editor()

    def tab_list(self) -> list[DocumentTab]:
        return self.documents.tab_list()

    def open_post(self, path: Path) -> DocumentTab | None:
        """Open `path` in a tab (or switch to its tab); None and a message if it cannot be."""
        return self.documents.open_post(path)

    def new_post(self) -> DocumentTab | None:
        """The library's New Post (dialog, archetype, opened in a tab) when a site is open
        in it; otherwise an untitled post in a new tab."""
        if self.library.new_post():
            return self.documents.current_tab()
        return self.documents.new_post()

    def save(self, tab: DocumentTab | None = None) -> bool:
        return self.documents.save(tab)

    def close_current(self) -> bool:
        return self.documents.close_current()

    def _start_folder(self) -> Path:
        return Path(self.site.content_dir or self.site.root)

    def open_site_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a site"), str(self.site.root))
        if folder:
            self.set_site(find_site(Path(folder)))

    def set_site(self, site: SiteConfig) -> None:
        self.site = site
        for tab in self.tab_list():
            self.appearance.configure_tab(tab)
        self.appearance.apply_to_preview()
        self._update_title()
        self.siteChanged.emit(site)
        self.preview_link.set_site(site)
        self.library.set_site(site)
        if self._parts is not None:
            self._parts.problems.set_site(site)
            self._parts.problems.follow_library(self.library.panel)
            self._parts.publisher.follow_library(self.library.panel)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.confirm_all():
            event.ignore()
            return
        if self.save_state_on_close:
            self._settings.save_window_state(self.window_state())
        self.preview_link.shutdown()
        self.render_controller.shutdown()
        if self.safekeeping is not None:
            self.safekeeping.shutdown(discard=True)
        self.library.close()
        if self._parts is not None:
            self._parts.problems.shutdown()
            self._parts.publisher.shutdown()
            self._parts.preview_modes.shutdown()
        event.accept()

    # --- window state ----------------------------------------------------------------------

    def window_state(self) -> WindowState:
        return capture_state(self)

    def restore_state(self, state: WindowState, *, reopen_posts: bool = True) -> None:
        """Geometry, dock, splitter, panes, zoom; and the posts that were open in this site."""
        apply_state(self, state, reopen_posts=reopen_posts)

    def set_library_widget(self, widget: QWidget) -> None:
        """Put the library panel (its view named ``library``) into the dock."""
        self.library_dock.setWidget(widget)

    def reserve_library(self) -> None:
        """Show the library dock at its first width before its panel exists, so that the
        panel arriving after the first paint (`set_library`) moves nothing on the screen;
        `restore_state` may hide the dock again."""
        self._library_reserved = True
        self.library_dock.setWidget(QWidget(self.library_dock))
        self.actions_by_id["toggle_sidebar"].setChecked(True)
        self.resizeDocks([self.library_dock], [LIBRARY_WIDTH], Qt.Orientation.Horizontal)

    def set_library(self, panel: QWidget, cache_dir: Path) -> None:
        """Fill the dock with the library `panel` (a LibraryPanel the app made) and show the
        current site in it; its index lives under `cache_dir`. Without `reserve_library`
        first, the dock is shown at its first width."""
        self.library.attach(panel, cache_dir, self.site)
        self.state_keeper.follow_library(panel)
        if self._parts is not None:
            self._parts.problems.follow_library(panel)
            self._parts.publisher.follow_library(panel)
        if not self._library_reserved:
            self.actions_by_id["toggle_sidebar"].setChecked(True)
            self.resizeDocks([self.library_dock], [LIBRARY_WIDTH], Qt.Orientation.Horizontal)

    def set_export(self, store: KeyValueStore, css: str) -> None:
        """Enable File > Export: `store` remembers the dialog's choices, `css` styles HTML/PDF."""
        self.exporter.configure(store, css)
        self.actions_by_id["export"].setEnabled(True)

    # --- view ------------------------------------------------------------------------------

    @property
    def preview_visible(self) -> bool:
        return self.preview_slot.visible

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        """Editor and preview widths (kept until the first show when the window is hidden)."""
        self._pending_sizes = sizes
        if not self._first_show:
            self.splitter.setSizes(sizes)

    def set_zoom(self, level: int) -> None:
        for tab in self.tab_list():
            tab.editor.zoom_by(level - tab.editor.zoom())
        self.zoom_views(None)

    def set_preview_visible(self, visible: bool) -> None:
        self.preview_slot.set_visible(visible)
        self.preview_link.set_enabled(visible)

    def zoom_views(self, steps: int | None) -> None:
        """Zoom every editor by `steps` (0: reset; None: none) and the preview to match."""
        for tab in self.tab_list():
            if steps == 0:
                tab.editor.reset_zoom()
            elif steps is not None:
                tab.editor.zoom_by(steps)
        editor = self.current_editor()
        self.preview_slot.set_zoom(editor.zoom() if editor is not None else 0)

    def step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def insert_link(self) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        clip = QApplication.clipboard().text().strip()
        url, ok = QInputDialog.getText(
            self,
            self.tr("Insert a link"),
            self.tr("URL:"),
            text=clip if is_url(clip) else "https://",
        )
        if ok:
            editor.insert_link(url.strip() if url.strip() != "https://" else "")

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
        if self._parts is not None:
            self._parts.problems.set_tab(tab)
        self.zoom_views(None)
        if tab is not None:
            self.library.select(tab.document.path)
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

    def _on_documents_tab_state_changed(self, tab: DocumentTab) -> None:
        if self._parts is not None:
            self._parts.problems.tab_state_changed(tab)
        if tab is self.current_tab():
            self._update_title()
            self.library.select(tab.document.path)

    def _on_preview_slot_created(self, preview: Any) -> None:
        self.appearance.set_preview(preview)
        self.preview_link.set_preview(preview)
        preview.openPostRequested.connect(self.open_post)  # a link to another post
        self.previewCreated.emit(preview)

    def _on_appearance_applied(self, prefs: Preferences) -> None:
        self.actions_by_id["line_numbers"].setChecked(prefs.line_numbers)
        self.actions_by_id["soft_wrap"].setChecked(prefs.soft_wrap)
        self.actions_by_id["check_spelling"].setChecked(prefs.spell_check)
        if self._parts is not None:
            self._parts.spelling.set_enabled(prefs.spell_check)
        if self.safekeeping is not None:
            self.safekeeping.set_preferences(
                prefs.journal_delay_ms, prefs.save_to_file, prefs.versions_kept
            )

    def _on_library_post_trashed(self, path: Path) -> None:
        self._on_editor_problem(self.documents.forget_trashed(path))

    def _on_library_leave_requested(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

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
        self.status_panel.set_save_state(save_state_text(tab))
