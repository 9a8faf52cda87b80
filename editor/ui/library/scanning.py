"""The site behind a library panel: its index, the scan and search threads, the watcher.

    scanning = LibraryScanning(panel, progress_bar, status_label, figures=True)
    scanning.entriesChanged.connect(refresh)     # a batch read, a scan done: list is stale
    scanning.found.connect(show_hits)            # (text, rows) from the search thread
    scanning.open(site, index_path)              # the index at once, no scan yet
    scanning.rescan()                            # every folder; rescan(folder): one
    scanning.close()

`LibraryScanner` reads the posts on its thread and shows its progress in the panel's
progress bar and status line; `LibrarySearch` queries the index's FTS5 table on its own;
after a scan `LibraryWatcher` watches the site's folders, and a change outside Inkpost
rescans that folder after a short debounce (`set_debounce_ms`, -1 = at once).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from editor.core.library.index import LibraryIndex
from editor.core.library.types import ScanProgress, ScanResult
from editor.ui.library.search import DEFAULT_DEBOUNCE_MS, LibrarySearch
from editor.ui.library.watcher import LibraryWatcher
from editor.ui.library.worker import LibraryScanner
from editor.ui.translate import fill

__all__ = ["LibraryScanning"]


class LibraryScanning(QObject):
    """The open site's index, scanner, search and watcher (see the module docstring)."""

    entriesChanged = Signal()  # noqa: N815 (Qt signal naming)
    found = Signal(str, object)  # the text searched, its (rel_path, snippet) rows

    def __init__(
        self, panel: QWidget, progress_bar: QProgressBar, status_label: QLabel, *, figures: bool
    ) -> None:
        super().__init__(panel)
        self._panel = panel  # the threads' parent, as the watcher's
        self._progress_bar = progress_bar
        self._status_label = status_label
        self._figures = figures
        self._search_debounce_ms = DEFAULT_DEBOUNCE_MS
        self.index: LibraryIndex | None = None
        self.scanner: LibraryScanner | None = None
        self.search: LibrarySearch | None = None
        self.watcher = LibraryWatcher(panel)
        self.watcher.foldersChanged.connect(self._on_watcher_folders_changed)

    def open(self, site: Any, index_path: Path) -> None:
        """Open the index of `site` at `index_path` and start the scan and search threads
        (the scan waits for `rescan`)."""
        self.index = LibraryIndex.open(site, index_path)
        self.scanner = LibraryScanner(self.index, figures=self._figures, parent=self._panel)
        self.scanner.progress.connect(self._on_scanner_progress)
        self.scanner.entriesReady.connect(self._on_scanner_entries_ready)
        self.scanner.finished.connect(self._on_scanner_finished)
        self.scanner.failed.connect(self._on_scanner_failed)
        self.search = LibrarySearch(
            self.index.db_path, self._panel, debounce_ms=self._search_debounce_ms
        )
        self.search.found.connect(self.found)

    def close(self) -> None:
        """Stop scanning, stop watching, close the index."""
        self.watcher.clear()
        if self.scanner is not None:
            self.scanner.shutdown()
            self.scanner.deleteLater()
            self.scanner = None
        if self.search is not None:
            self.search.shutdown()
            self.search.deleteLater()
            self.search = None
        if self.index is not None:
            self.index.close()
            self.index = None

    def rescan(self, folder: Path | None = None) -> None:
        if self.scanner is not None:
            self.scanner.request(folder)

    def set_debounce_ms(self, ms: int) -> None:
        """Delay before a watched change is rescanned; -1 rescans, and searches, at once."""
        self.watcher.set_debounce_ms(ms)
        self.set_search_debounce_ms(-1 if ms < 0 else DEFAULT_DEBOUNCE_MS)

    def set_search_debounce_ms(self, ms: int) -> None:
        """Pause in typing before the search runs (off this thread); -1: at once, here."""
        self._search_debounce_ms = ms
        if self.search is not None:
            self.search.set_debounce_ms(ms)

    def _on_scanner_progress(self, progress: ScanProgress) -> None:
        if progress.total == 0 or progress.done >= progress.total:
            self._progress_bar.hide()
            return
        self._progress_bar.setRange(0, progress.total)
        self._progress_bar.setValue(progress.done)
        self._progress_bar.show()
        template = {
            "search": self.tr("Indexing %1 of %2…"),
            "figures": self.tr("Counting words in %1 of %2…"),
        }.get(progress.phase, self.tr("Reading %1 of %2…"))
        self._status_label.setText(fill(template, f"{progress.done:,}", f"{progress.total:,}"))

    def _on_scanner_entries_ready(self, _entries: object) -> None:
        self.entriesChanged.emit()

    def _on_scanner_finished(self, _result: ScanResult) -> None:
        self._progress_bar.hide()
        self.entriesChanged.emit()
        if self.index is not None:
            self.watcher.watch(self.index)

    def _on_scanner_failed(self, message: str) -> None:
        self._progress_bar.hide()
        self._status_label.setText(fill(self.tr("Library scan failed: %1"), message))

    def _on_watcher_folders_changed(self, folders: list[Path]) -> None:
        for folder in folders:
            self.rescan(folder)
