"""FrontMatterLink: the window's Front Matter dock, following the current tab both ways.

It makes the dock (objectName ``frontMatterDock``, right area, hidden until View > Front
Matter; the window's dock state remembers it) with a `FrontMatterPanel`. The window tells it
the current tab (`set_tab`), each edit (`text_changed`), the site (`set_site`) and the
library (`follow_library`). Typing re-reads the front matter shortly after (only the head of
the text is parsed); a panel edit goes into the editor as one undo step changing only that
field's lines. A front matter that does not parse gets a gutter mark on its line unless
the preview's rendering marked it already. The site's tags and categories come from the
library's loaded index; the extra keys' types from a scan of the library's files and the
archetypes on a worker thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QDockWidget, QMainWindow

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.form import FormState, edit_extra, edit_field, front_part, read_form
from editor.core.post.model import PostError
from editor.core.post.schema import FieldType, case_variants, scan_keys, site_schema
from editor.core.site.config import SiteConfig
from editor.core.site.permalinks import site_permalink
from editor.ui.editor.documents import DocumentTab
from editor.ui.frontmatter.apply import apply_head, head_text
from editor.ui.frontmatter.panel import FrontMatterPanel
from editor.ui.window.dock_toggle import DockToggle, adopt_dock

REREAD_MS = 150  # after a key, the form follows the text this soon
FIRST_WIDTH = 320  # px: the dock's width the first time it shows


class FrontMatterLink(QObject):
    """See the module docstring."""

    keysScanned = Signal(int, object)  # noqa: N815 (from the scan thread: generation, keys)

    def __init__(
        self,
        window: QMainWindow,
        site: SiteConfig,
        parent: QObject | None = None,
        dock: QDockWidget | None = None,
    ):
        super().__init__(parent)
        area = Qt.DockWidgetArea.RightDockWidgetArea
        self.dock = adopt_dock(window, dock, "frontMatterDock", area)
        self.dock.setWindowTitle(self.tr("Front Matter"))
        self.panel = FrontMatterPanel(self.dock)
        self.dock.setWidget(self.panel)
        self.site = site
        self.schema = site_schema(site.kind, meta=site.meta_lines)
        self._tab: DocumentTab | None = None
        self._library: Any = None
        self._scanner: Any = None
        self._window: Any = None
        self.toggle = DockToggle(self.dock, FIRST_WIDTH, parent=self)
        self._marked: Diagnostic | None = None  # the gutter mark this link put
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REREAD_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._seen: tuple[DocumentTab | None, str] = (None, "")  # the front part last read
        self.panel.fieldEdited.connect(self._on_panel_field_edited)
        self.panel.extraEdited.connect(self._on_panel_extra_edited)
        self.keysScanned.connect(self._on_keys_scanned)
        self.toggle.shownChanged.connect(self._on_toggle_shown_changed)
        self.set_site(site)

    def follow_window(self, window: Any) -> None:
        """Follow a MainWindow by itself: its current tab, each tab's edits, its site and
        library, and its View > Front Matter action."""
        self._window = window
        self.bind_action(window.actions_by_id["toggle_front_matter"])
        window.tabs.currentChanged.connect(lambda _i: self.set_tab(window.current_tab()))
        window.documents.follow_tabs(self._on_documents_tab_added)
        window.siteChanged.connect(self._on_window_site_changed)
        if window.current_tab() is not None:  # posts opened before this link was made
            self.set_tab(window.current_tab())

    def _on_documents_tab_added(self, tab: DocumentTab) -> None:
        tab.editor.textChanged.connect(lambda: self.text_changed(tab))

    def _on_window_site_changed(self, site: SiteConfig) -> None:
        self.set_site(site)
        QTimer.singleShot(0, self._follow_window_library)  # the library opens the site next

    def _follow_window_library(self) -> None:
        panel = None if self._window is None else self._window.library.panel
        if panel is not None and (panel is not self._library or panel.scanner is not self._scanner):
            self.follow_library(panel)

    # --- the action -----------------------------------------------------------------------

    def bind_action(self, action: QAction) -> None:
        """Keep View > Front Matter checked while the dock shows (closed by its button too)."""
        self.toggle.bind_action(action)

    def sync_action(self) -> None:
        """After the dock layout was restored: the action follows the dock."""
        self.toggle.sync_action()
        self.refresh()

    def set_visible(self, visible: bool) -> None:
        self.dock.setVisible(visible)
        if visible:
            self.refresh()

    # --- from the window ------------------------------------------------------------------

    def set_site(self, site: SiteConfig) -> None:
        self.site = site
        self.schema = site_schema(site.kind, meta=site.meta_lines)
        self.panel.set_schema(self.schema)
        self._scan_keys()
        self.set_tab(self._tab)

    def set_tab(self, tab: DocumentTab | None) -> None:
        if tab is not self._tab:
            self._unmark()
        self._tab = tab
        self._timer.stop()
        self.refresh()

    def text_changed(self, tab: DocumentTab) -> None:
        if tab is self._tab:
            self._timer.start()

    def follow_library(self, library: Any) -> None:
        """Complete tags and categories from `library`'s index (a LibraryPanel), after each
        scan; its files are scanned for the site's extra keys."""
        self._library = library
        scanner = None if library is None else library.scanner
        self._scanner = scanner
        if scanner is not None:
            scanner.finished.connect(self._on_scanner_finished)
        self._on_scanner_finished(None)

    @property
    def pending(self) -> bool:
        """True while an edit has not yet reached the form (tests wait on it)."""
        return self._timer.isActive()

    # --- the form -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the current tab's front matter into the panel (and mark a parse error)."""
        self._timer.stop()
        self._follow_window_library()
        tab = self._tab
        self.panel.setEnabled(tab is not None)
        if tab is None:
            self.panel.show_state(FormState())
            return
        head = self._head(tab.document.text_document)
        self._seen = (tab, head)
        state = read_form(head, self.schema, tab.document.path)
        self._mark(tab, state.problem)
        if self.dock.isHidden():
            return
        self.panel.show_state(state)
        if state.editable:
            self._show_context(tab, state)

    def _on_timer_timeout(self) -> None:
        """After typing: read the form again only when the front matter changed (typing in
        the body costs a look at the text's head, no parse)."""
        tab = self._tab
        if tab is not None and self._seen == (tab, self._head(tab.document.text_document)):
            return
        self.refresh()

    def _head(self, document: QTextDocument) -> str:
        """The front part of `document`'s text (its front matter, read from its head)."""
        return front_part(head_text(document, self.schema.meta), self.schema.meta)

    def _show_context(self, tab: DocumentTab, state: FormState) -> None:
        values = state.values
        terms = self._site_terms("tags")
        self.panel.set_warnings(
            case_variants(values.get("tags", []), terms)
            + case_variants(self._as_list(values.get("categories")), self._site_terms("categories"))
        )
        path = tab.document.path
        bundle = path.parent if path is not None and path.stem == "index" else None
        self.panel.set_cover_roots(bundle, [d for d in self.site.static_dirs if d.is_dir()])
        self.panel.set_url(self._url(path, state))

    @staticmethod
    def _as_list(value: Any) -> list[str]:
        return (
            value
            if isinstance(value, list)
            else [value]
            if isinstance(value, str) and value
            else []
        )

    def _url(self, path: Path | None, state: FormState) -> str:
        rel = None if path is None else site_permalink(self.site, path, state.metadata)
        if not rel:
            return ""
        return self.site.base_url.rstrip("/") + rel if self.site.base_url else rel

    def _site_terms(self, taxonomy: str) -> list[str]:
        index = None if self._library is None else self._library.index
        return [] if index is None else [term for term, _n in index.terms(taxonomy)]

    # --- edits ----------------------------------------------------------------------------

    def _on_panel_field_edited(self, name: str, value: object) -> None:
        spec = self.schema.spec(name)
        if spec is not None:
            self._edit(lambda head: edit_field(head, spec, value, self.schema))

    def _on_panel_extra_edited(self, key: str, value: object) -> None:
        self._edit(lambda head: edit_extra(head, key, value, self.schema.meta))

    def _edit(self, change: Any) -> None:
        tab = self._tab
        if tab is None:
            return
        document = tab.document.text_document
        head = self._head(document)
        try:
            new_head = change(head)
        except PostError as exc:
            self.panel.message.setText(exc.message)
            self.panel.message.show()
            return
        apply_head(document, head, new_head)
        self.refresh()

    # --- gutter marks ---------------------------------------------------------------------

    def _mark(self, tab: DocumentTab, problem: Diagnostic | None) -> None:
        """Mark `problem`'s line in the gutter unless it is marked already; remove the mark
        this link put once the front matter parses."""
        editor = tab.editor
        marks = editor.diagnostic_marks()
        mine = self._marked
        if (
            mine is not None
            and mine.line is not None
            and (problem is None or problem.line != mine.line)
        ):
            self._marked = None
            kept = marks.get(mine.line - 1)
            if kept is not None and kept[1] == mine.message:
                del marks[mine.line - 1]
                editor.set_diagnostics(_as_diagnostics(marks.items()))
        if problem is None or problem.line is None or problem.line - 1 in marks:
            return
        marks[problem.line - 1] = (Severity.ERROR, problem.message)
        self._marked = problem
        editor.set_diagnostics(_as_diagnostics(marks.items()))

    def _unmark(self) -> None:
        if self._tab is not None and self._marked is not None:
            self._mark(self._tab, None)
        self._marked = None

    # --- the site's keys ------------------------------------------------------------------

    def _scan_keys(self) -> None:
        """Read the extra keys of the site's posts and archetypes on a worker thread."""
        self._generation += 1
        generation = self._generation
        files: list[Path] = []
        index = None if self._library is None else self._library.index
        if index is not None:
            files = [entry.path for entry in index.entries.values()]
        dirs = list(self.site.archetype_dirs)
        meta = self.site.meta_lines

        def work() -> None:
            archetypes = [p for d in dirs if d.is_dir() for p in sorted(d.rglob("*.md"))]
            keys = scan_keys([*archetypes, *files], meta=meta)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self.keysScanned.emit(generation, keys)

        threading.Thread(target=work, name="front-matter-keys", daemon=True).start()

    def _on_keys_scanned(self, generation: int, keys: dict[str, FieldType]) -> None:
        if generation == self._generation:
            self.schema = site_schema(self.site.kind, keys, meta=self.site.meta_lines)
            self.panel.set_site_keys(self.schema.extra)
            self.refresh()

    def _on_scanner_finished(self, _result: object) -> None:
        for name in ("tags", "categories", "authors"):
            self.panel.set_terms(name, self._site_terms(name))
        self._scan_keys()

    def _on_toggle_shown_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()


def _as_diagnostics(marks: Iterable[tuple[int, tuple[Severity, str]]]) -> list[Diagnostic]:
    return [
        Diagnostic(message, None, block + 1, severity)
        for block, (severity, text) in marks
        for message in text.split("\n")
    ]
