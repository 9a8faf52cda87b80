"""Scanning the library off the GUI thread: a small Qt adapter over editor.core.library.index.

`LibraryScanner.request(folder=None)` asks for the index to catch up with the files (the
whole site, or one folder). One job runs at a time on a QThread of its own; a request
made meanwhile cancels the running job (its remaining work is stale) and runs once it
has stopped, merged with any other pending request. A job runs the core passes in
order: front matter (the list is complete), bodies (search, word estimates), then
Hugo's figures (`figures=True`, slow: it renders each changed post). After each pass
`entriesReady` hands the whole entry mapping to the GUI thread, which owns the index.

The core loops call the job's cancel check once per file; it also sleeps(0) there, so
the GUI thread never waits long for the GIL while a scan runs. The figures pass renders
with the full renderer, which would hold the GIL for seconds and load markdown-it and
Pygments into the GUI process: it runs in a child process (editor.core.library.figures_process),
which this thread only waits on; cancelling the job kills the child.

Signals: `progress(object)` (a ScanProgress), `entriesReady(object)` (a mapping of
rel_path -> PostEntry), `finished(object)` (the ScanResult of the last pass), `failed(str)`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from editor.core.library.figures import apply_figures, figures_todo
from editor.core.library.figures_process import FiguresProcess, FiguresRequest
from editor.core.library.index import LibraryIndex, index_bodies, scan_site
from editor.core.library.types import PostEntry, ScanProgress, ScanResult

log = logging.getLogger(__name__)


class _Cancel(threading.Event):
    """A job's cancel flag; setting it also kills the job's figures process, if any."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._process: FiguresProcess | None = None

    def set(self) -> None:
        with self._lock:
            super().set()
            process = self._process
        if process is not None:
            process.terminate()

    def attach(self, process: FiguresProcess | None) -> None:
        """Kill `process` when the job is cancelled (at once if it already is)."""
        with self._lock:
            self._process = process
            cancelled = self.is_set()
        if process is not None and cancelled:
            process.terminate()


@dataclass(frozen=True)
class _Job:
    job_id: int
    site: Any
    db_path: Path
    known: Mapping[str, PostEntry]
    folders: tuple[Path, ...] | None  # None: the whole site
    figures: bool
    cancel: _Cancel


class _Worker(QObject):
    progress = Signal(int, object)
    entries = Signal(int, object)
    done = Signal(int, object)
    failed = Signal(int, str)

    @Slot(object)
    def run(self, job: _Job) -> None:
        def cancelled() -> bool:
            time.sleep(0)  # let the GUI thread take the GIL
            return job.cancel.is_set()

        def report(p: ScanProgress) -> None:
            self.progress.emit(job.job_id, p)

        try:
            current: Mapping[str, PostEntry] = job.known
            result = ScanResult(0, 0, 0)
            for folder in job.folders or (None,):
                outcome = scan_site(
                    job.site,
                    job.db_path,
                    known=current,
                    folder=folder,
                    progress=report,
                    cancel=cancelled,
                    bodies=False,
                )
                current, result = outcome.entries, outcome.result
                if result.cancelled:
                    break
            self.entries.emit(job.job_id, current)
            if not result.cancelled:
                outcome = index_bodies(
                    job.site, job.db_path, current, progress=report, cancel=cancelled
                )
                current = outcome.entries
                self.entries.emit(job.job_id, current)
                result = ScanResult(
                    result.read, result.reused, result.removed, outcome.result.cancelled
                )
            if job.figures and not result.cancelled:
                figures = self._figures(job, current, report)
                if figures:
                    current = apply_figures(current, figures)
                    self.entries.emit(job.job_id, current)
            self.done.emit(job.job_id, result)
        except Exception as exc:  # a bug or a disk problem: report it, keep the GUI alive
            log.exception("library scan failed")
            self.failed.emit(job.job_id, f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _figures(
        job: _Job, entries: Mapping[str, PostEntry], report: Callable[[ScanProgress], None]
    ) -> dict[str, tuple[int, int]]:
        """Hugo's figures for the estimated entries, from a child process."""
        todo = tuple(e.rel_path for e in figures_todo(entries))
        if not todo or job.cancel.is_set():
            return {}
        process = FiguresProcess(FiguresRequest(job.site, job.db_path, todo))
        job.cancel.attach(process)
        try:
            return process.run(report)
        finally:
            job.cancel.attach(None)


class LibraryScanner(QObject):
    """Runs scans of `index` on a worker thread (see the module docstring)."""

    progress = Signal(object)
    entriesReady = Signal(object)  # noqa: N815 (Qt signal naming)
    finished = Signal(object)
    failed = Signal(str)
    _start = Signal(object)

    def __init__(self, index: LibraryIndex, *, figures: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._index = index
        self._figures = figures
        self._thread = QThread(self)
        self._thread.setObjectName("libraryScanThread")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.entries.connect(self._on_worker_entries)
        self._worker.done.connect(self._on_worker_done)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)
        self._next_id = 0
        self._running: _Job | None = None
        self._pending = False
        self._pending_folders: set[Path] | None = set()

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending

    def request(self, folder: Path | None = None) -> None:
        """Catch up with the files under `folder` (None: the whole site)."""
        if folder is None:
            self._pending_folders = None
        elif self._pending_folders is not None:
            self._pending_folders.add(Path(folder))
        self._pending = True
        if self._running is not None:
            self._running.cancel.set()
        else:
            self._start_pending()

    def cancel(self) -> None:
        self._pending = False
        self._pending_folders = set()
        if self._running is not None:
            self._running.cancel.set()

    def shutdown(self) -> None:
        """Stop the running job and the thread (call before the index is closed)."""
        self.cancel()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()

    @property
    def running(self) -> bool:
        """The worker thread is alive."""
        return self._thread.isRunning()

    def _start_pending(self) -> None:
        if not self._pending:
            return
        folders = self._pending_folders
        self._pending = False
        self._pending_folders = set()
        self._next_id += 1
        job = _Job(
            self._next_id,
            self._index.site_config,
            self._index.db_path,
            dict(self._index.entries),
            None if folders is None else tuple(sorted(folders)),
            self._figures,
            _Cancel(),
        )
        self._running = job
        self._start.emit(job)

    def _current(self, job_id: int) -> bool:
        return self._running is not None and self._running.job_id == job_id

    @Slot(int, object)
    def _on_worker_progress(self, job_id: int, progress: ScanProgress) -> None:
        if self._current(job_id) and not self._pending:
            self.progress.emit(progress)

    @Slot(int, object)
    def _on_worker_entries(self, job_id: int, entries: Mapping[str, PostEntry]) -> None:
        if self._current(job_id):
            self._index.replace(entries)
            self.entriesReady.emit(entries)

    @Slot(int, object)
    def _on_worker_done(self, job_id: int, result: ScanResult) -> None:
        if not self._current(job_id):
            return
        self._running = None
        if self._pending:
            self._start_pending()
        else:
            self.finished.emit(result)

    @Slot(int, str)
    def _on_worker_failed(self, job_id: int, message: str) -> None:
        if not self._current(job_id):
            return
        self._running = None
        self.failed.emit(message)
        self._start_pending()
