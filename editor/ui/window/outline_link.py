"""OutlineLink: the window's Outline dock, fed with the current post's sections.

It makes the dock (objectName ``outlineDock``, right area, hidden until View > Outline; the
window's saved dock state remembers it) with an `OutlinePanel`, and follows the window's tabs
by itself. The headings come from each rendering of the current post (the RenderController's
`rendered`: the renderer knows what is a heading); while the preview is hidden nothing is
rendered, so a short while after an edit the text is scanned for headings on the background
thread instead (editor.core.editing.sections.scan_headings). Nothing is computed while the dock
is hidden.

A click goes to the heading's line; a drop moves the section in the editor as one undo step,
replacing only the lines from the first to the last that change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QDockWidget

from editor.core.editing.sections import (
    Section,
    build_sections,
    flatten,
    move_lines,
    scan_headings,
)
from editor.ui.editor.documents import DocumentTab, document_text
from editor.ui.editor.latest_job import LatestJob
from editor.ui.outline.panel import OutlinePanel
from editor.ui.window.dock_toggle import DockToggle, adopt_dock

SCAN_DELAY_MS = 150  # after the last key, with the preview hidden
FIRST_WIDTH = 240  # px: the dock's width the first time it shows (later: the restored one)


def _line_count(text: str) -> int:
    """Lines as the sections count them: a final newline ends the last line, adds none."""
    return len(text.split("\n")) - (1 if text.endswith("\n") else 0)


def scan_sections(text: str, meta: bool = False) -> tuple[Section, ...]:
    """The sections of `text` from a scan of its headings (what the background job runs;
    `meta`: the post's site reads `Key: value` metadata lines)."""
    return build_sections(scan_headings(text, meta), _line_count(text))


class OutlineLink(QObject):
    """The Outline dock and what feeds it. See the module docstring."""

    def __init__(
        self, window: Any, parent: QObject | None = None, dock: QDockWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.dock = adopt_dock(window, dock, "outlineDock", Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock.setWindowTitle(self.tr("Outline"))
        self.panel = OutlinePanel(self.dock)
        self.dock.setWidget(self.panel)
        self._tab: DocumentTab | None = None
        self.toggle = DockToggle(self.dock, FIRST_WIDTH, parent=self)
        self._scan = LatestJob(self)
        self._scan.finished.connect(self._on_scan_finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SCAN_DELAY_MS)
        self._timer.timeout.connect(self.scan)
        self.panel.goToLineRequested.connect(self.go_to_line)
        self.panel.moveRequested.connect(self.move_section)
        self.toggle.shownChanged.connect(self._on_toggle_shown_changed)
        window.render_controller.rendered.connect(self._on_controller_rendered)
        window.documents.follow_tabs(self._on_documents_tab_added)
        window.tabs.currentChanged.connect(self._on_tabs_current_changed)
        if window.tabs.count():  # posts opened before this link was made
            self._on_tabs_current_changed(window.tabs.currentIndex())

    # --- from the window ------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """A scan is due or running (tests wait on it)."""
        return self._timer.isActive() or self._scan.busy

    def bind_action(self, action: QAction) -> None:
        """Keep View > Outline checked while the dock shows (closed by its own button too)."""
        self.toggle.bind_action(action)

    def sync_action(self) -> None:
        """After the dock layout was restored: the action follows the dock."""
        self.toggle.sync_action()

    def set_visible(self, visible: bool) -> None:
        self.dock.setVisible(visible)
        if visible:
            self.panel.tree.setFocus()

    def go_to_line(self, line: int) -> None:
        if self._tab is not None:
            self._tab.editor.go_to_line(line)
            self._tab.editor.setFocus()

    def scan(self) -> None:
        """Scan the current post for its headings in the background."""
        self._timer.stop()
        if self._tab is not None and self._wanted():
            document = self._tab.document
            self._scan.submit(scan_sections, document_text(document.text_document), document.meta)

    def move_section(self, section: Section, before: Section | None) -> None:
        """Move `section` before `before` (None: to the end) in the editor: one undo step."""
        tab = self._tab
        if tab is None:
            return
        document = tab.document.text_document
        text = document_text(document)
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        section, before = self._fresh(text, section, before)
        to = len(lines) + 1 if before is None else before.start
        if section.end > len(lines) or to > len(lines) + 1:
            return
        change = move_lines(lines, section.start, section.end, to)
        if change is None:
            return
        first, last, new = change
        start = document.findBlockByNumber(first - 1)
        end = document.findBlockByNumber(last - 1)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(start.position())
        cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("\n".join(new))
        cursor.endEditBlock()
        heading = first if to < section.start else to - (section.end - section.start + 1)
        tab.editor.go_to_line(heading)
        self.scan()

    # --- helpers --------------------------------------------------------------------------

    def _wanted(self) -> bool:
        return not self.dock.isHidden()

    def _renders(self) -> bool:
        """The preview link renders the current post after each edit."""
        link = getattr(self.window, "preview_link", None)
        return bool(link and link.enabled and (link.preview is not None or link.prerender))

    def _fresh(
        self, text: str, section: Section, before: Section | None
    ) -> tuple[Section, Section | None]:
        """`section` and `before` as the text now has them (it may have changed since the
        tree was drawn): the same headings by their order, when the headings still match."""
        shown = list(flatten(self.panel.sections))
        meta = self._tab is not None and self._tab.document.meta
        now = list(flatten(scan_sections(text, meta)))
        if [s.level for s in shown] != [s.level for s in now] or section not in shown:
            return section, before
        moved = now[shown.index(section)]
        target = None if before is None or before not in shown else now[shown.index(before)]
        return moved, target

    def _set_tab(self, tab: DocumentTab | None) -> None:
        self._tab = tab
        if tab is None:
            self.panel.set_sections(())
        else:
            self.scan()

    # --- slots ----------------------------------------------------------------------------

    def _on_documents_tab_added(self, tab: DocumentTab) -> None:
        tab.editor.textChanged.connect(lambda: self._on_editor_text_changed(tab))
        tab.editor.cursorMoved.connect(lambda line, _col: self._on_editor_cursor_moved(tab, line))

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._set_tab(self.window.current_tab())

    def _on_editor_text_changed(self, tab: DocumentTab) -> None:
        if tab is self._tab and self._wanted() and not self._renders():
            self._timer.start()  # restarted by each key: once typing pauses

    def _on_editor_cursor_moved(self, tab: DocumentTab, line: int) -> None:
        if tab is self._tab and self._wanted():
            self.panel.highlight_line(line)

    def _on_controller_rendered(self, outcome: Any) -> None:
        tab = self._tab
        if tab is None or not self._wanted() or outcome.result is None:
            return
        if outcome.path != tab.document.path:
            return
        document = tab.document.text_document
        lines = document.blockCount() - (1 if document.lastBlock().length() == 1 else 0)
        self.panel.set_sections(build_sections(outcome.result.headings, max(1, lines)))
        self.panel.highlight_line(tab.editor.cursor_line())

    def _on_scan_finished(self, sections: tuple[Section, ...]) -> None:
        if self._tab is not None:
            self.panel.set_sections(sections)
            self.panel.highlight_line(self._tab.editor.cursor_line())

    def _on_toggle_shown_changed(self, visible: bool) -> None:
        if visible:
            self._set_tab(self._tab)
