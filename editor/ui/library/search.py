"""Library search off the GUI thread: a small Qt adapter over editor.core.library.store.

`LibrarySearch.request(text)` asks for the posts matching what the user typed. The query
waits for a short pause in typing (`debounce_ms`, restarted per key; -1 searches at once,
synchronously, for tests), then runs on a QThread of its own through a read-only
`SearchReader` (SQLite connections are per thread; sqlite releases the GIL while it
searches). One query is in flight at a time: a request made meanwhile interrupts it and
runs once it has stopped; a result for text that has changed since is dropped. The query
itself is bounded in the core (`fts_query`: MAX_QUERY_TERMS words, MAX_QUERY_CHARS).

Signals: `found(str, object)`: the text searched and its (rel_path, marked snippet) rows,
best first, for the newest request only.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from editor.core.library.store import SearchReader

DEFAULT_DEBOUNCE_MS = 150
SEARCH_LIMIT = 100


class _Worker(QObject):
    done = Signal(int, object)

    def __init__(self, reader: SearchReader) -> None:
        super().__init__()
        self.reader = reader
        self.thread_ids: list[int] = []  # the threads that ran queries (tests)

    @Slot(int, str)
    def run(self, job_id: int, text: str) -> None:
        self.thread_ids.append(threading.get_ident())
        self.done.emit(job_id, self.reader.search(text, SEARCH_LIMIT))


class LibrarySearch(QObject):
    """Debounced, single-flight search of one index file (see the module docstring)."""

    found = Signal(str, object)
    _submit = Signal(int, str)

    def __init__(
        self,
        db_path: Path,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._reader = SearchReader(db_path)
        self._inline: SearchReader | None = None
        self._db_path = Path(db_path)
        self._thread = QThread(self)
        self._thread.setObjectName("librarySearchThread")
        self._worker = _Worker(self._reader)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_worker_done)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)
        self._text = ""
        self._job_id = 0
        self._in_flight: tuple[int, str] | None = None
        self._closed = False
        self.dropped = 0  # stale results dropped (tests and benchmarks)

    @property
    def busy(self) -> bool:
        """A search is waiting for its debounce or running."""
        return self._timer.isActive() or self._in_flight is not None

    @property
    def worker_thread_ids(self) -> list[int]:
        return self._worker.thread_ids

    def set_debounce_ms(self, ms: int) -> None:
        """Pause in typing before a search runs; -1 searches at once, on this thread."""
        self._debounce_ms = ms

    def request(self, text: str) -> None:
        """Search for `text` (the newest request wins; older results are dropped)."""
        if self._closed:
            return
        self._text = text
        if self._debounce_ms < 0:
            self._timer.stop()
            if self._inline is None:
                self._inline = SearchReader(self._db_path)
            self.found.emit(text, self._inline.search(text, SEARCH_LIMIT))
            return
        if self._in_flight is not None and self._in_flight[1] != text:
            self._reader.interrupt()  # its result would be dropped: stop it now
        self._timer.start(self._debounce_ms)

    def cancel(self) -> None:
        """Forget the pending request; a result on its way is dropped."""
        self._timer.stop()
        self._text = ""
        self._job_id += 1
        if self._in_flight is not None:
            self._reader.interrupt()

    def shutdown(self) -> None:
        """Stop the thread and close the connections; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._reader.interrupt()
        self._thread.quit()
        self._thread.wait()
        self._reader.close()
        if self._inline is not None:
            self._inline.close()
        self._in_flight = None

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._in_flight is not None or self._closed:
            return  # runs when the query in flight has stopped
        self._job_id += 1
        self._in_flight = (self._job_id, self._text)
        self._submit.emit(self._job_id, self._text)

    @Slot(int, object)
    def _on_worker_done(self, job_id: int, rows: list[tuple[str, str]]) -> None:
        flight = self._in_flight
        self._in_flight = None
        if self._closed:
            return
        if flight is None or job_id != self._job_id or flight[1] != self._text:
            self.dropped += 1
            if self._text and not self._timer.isActive():
                self._on_timer_timeout()
            return
        self.found.emit(flight[1], rows)
