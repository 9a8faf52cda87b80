"""ProblemsLink: the window's Problems dock and the site checks behind it and the library.

It makes the dock (objectName ``problemsDock``, bottom area, hidden until View > Problems)
with a `ProblemsPanel`, and a `CheckRunner` for the window's site. The window tells it the
current tab (`set_tab`), each edit (`text_changed`) and the site (`set_site`); the current
post is re-checked off the GUI thread and its problems shown. After each library scan the
whole site is checked in the background and the library told which posts have problems;
a post check updates its own row too.

Signals:
    goToLineRequested(int): a row of the panel was activated; the 1-based line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.site.config import SiteConfig
from editor.ui.checks.problems import ProblemsPanel
from editor.ui.checks.runner import CheckRunner, worst
from editor.ui.editor.documents import DocumentTab
from editor.ui.window.dock_toggle import DockToggle, adopt_dock

if TYPE_CHECKING:
    from editor.core.checks import CheckReport

__all__ = ["FIRST_HEIGHT", "ProblemsLink", "worst"]

FIRST_HEIGHT = 170  # px: the dock's height the first time it shows (later: the restored one)


class ProblemsLink(QObject):
    """The Problems dock and the checks. See the module docstring."""

    goToLineRequested = Signal(int)  # noqa: N815 (Qt signal naming)

    def __init__(
        self,
        window: QMainWindow,
        site: SiteConfig,
        parent: QObject | None = None,
        dock: QDockWidget | None = None,
    ):
        super().__init__(parent)
        self.dock = adopt_dock(window, dock, "problemsDock", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.dock.setWindowTitle(self.tr("Problems"))
        self.panel = ProblemsPanel(self.dock)
        self.dock.setWidget(self.panel)
        self.runner = CheckRunner(site, self)
        self.runner.postChecked.connect(self._on_runner_post_checked)
        self.runner.siteChecked.connect(self._on_runner_site_checked)
        self.panel.goToLineRequested.connect(self.goToLineRequested)
        self._tab: DocumentTab | None = None
        self._library: Any = None  # a LibraryPanel
        self.toggle = DockToggle(self.dock, FIRST_HEIGHT, Qt.Orientation.Vertical, self)
        self._found: list[Diagnostic] = []  # the current post's own problems
        self._extra: list[Diagnostic] = []  # from elsewhere (the site preview's Hugo)
        self._checked_path: Path | None = None  # the path the panel's problems are for

    def bind_action(self, action: QAction) -> None:
        """Keep View > Problems checked while the dock shows (closed by its own button too)."""
        self.toggle.bind_action(action)

    def sync_action(self) -> None:
        """After the dock layout was restored: the action follows the dock."""
        self.toggle.sync_action()

    def set_visible(self, visible: bool) -> None:
        """View > Problems: show the dock and put the keyboard in its list (Enter goes to
        the line), or hide it."""
        self.dock.setVisible(visible)
        if visible:
            self.panel.view.setFocus()

    def go_to_line(self, line: int) -> None:
        """Move the current post's cursor to `line` and give it the focus."""
        if self._tab is not None:
            self._tab.editor.go_to_line(line)
            self._tab.editor.setFocus()

    def set_extra_problems(self, found: Sequence[Diagnostic]) -> None:
        """Show `found` beside the current post's problems until replaced: those of the post
        keep their line, those of other files name theirs in the message."""
        self._extra = list(found)
        self._show()

    def _show(self) -> None:
        path = None if self._tab is None else self._tab.document.path
        extra = [
            d
            if d.file is None or (path is not None and d.file.resolve() == path.resolve())
            else Diagnostic(
                f"{d.file.name}:{d.line or ''} {d.message}", None, None, d.severity, d.code
            )
            for d in self._extra
        ]
        self.panel.set_problems([*self._found, *extra])

    def set_site(self, site: SiteConfig) -> None:
        self.runner.set_site(site)
        self.set_tab(self._tab)

    def set_tab(self, tab: DocumentTab | None) -> None:
        """Show the problems of `tab`'s post (none without a tab)."""
        self._tab = tab
        if tab is None:
            self._found = []
            self._show()
            return
        self.runner.request_post(tab.document.current_post())

    def text_changed(self, tab: DocumentTab) -> None:
        if tab is self._tab:  # the text is read once typing pauses, not on every key
            self.runner.request_post(tab.document.current_post)

    def tab_state_changed(self, tab: DocumentTab) -> None:
        """After a save: a post saved under another name (Save As) is checked again where it
        now lives (relative images, its bundle, its URL) without waiting for an edit."""
        if tab is self._tab and tab.document.path != self._checked_path:
            self.runner.request_post(tab.document.current_post())

    def follow_library(self, library: Any) -> None:
        """Check the whole site after each scan of `library` (a LibraryPanel) and mark its
        posts; call again when the library shows another site."""
        self._library = library
        scanner = None if library is None else library.scanner
        if scanner is not None:
            scanner.finished.connect(self._on_scanner_finished)

    def shutdown(self) -> None:
        self.runner.shutdown()

    def _on_scanner_finished(self, _result: object) -> None:
        self.runner.request_site()

    def _on_runner_post_checked(self, path: Path | None, found: Sequence[Diagnostic]) -> None:
        tab = self._tab
        if tab is None or tab.document.path != path:
            return
        self._checked_path = path
        self._found = list(found)
        self._show()
        library = self._library
        index = None if library is None else library.index
        entry = None if index is None or path is None else index.get(path)
        if entry is not None:
            library.set_problems({entry.rel_path: worst(found)}, replace=False)

    def _on_runner_site_checked(self, _report: CheckReport, marks: dict[str, Severity]) -> None:
        """Apply the marks grouped on the checks' thread (by rel_path, as the index keys
        its entries): no per-file work here beyond a dict lookup."""
        library = self._library
        index = None if library is None else library.index
        if index is not None:
            entries = index.entries
            library.set_problems(
                {rel: mark for rel, mark in marks.items() if rel in entries}, replace=True
            )
        if self._tab is not None:  # the other posts' facts are fresh now: compare again
            self.runner.request_post(self._tab.document.current_post())
