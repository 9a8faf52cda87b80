"""AutosaveController: every open document's text goes to the recovery journal.

A document's text is written to the `Journal` a moment after typing stops (the idle
delay, 2 s by default, -1 = off) and at least every 30 s while typing goes on (the
maximum interval), saved or never saved. Large texts, and every write made while typing
goes on, are written off the GUI thread by a QThreadPool runnable calling the pure
`Journal.write` with a snapshot of the text; there is one write in flight per document
and the latest text wins (a write that finishes after a newer one or after a discard
never puts old text back). The entry goes away when the document is saved, when its
text is back to the saved text, or when `untrack` discards it.

With `set_save_to_file(True)` the idle delay also asks for the post itself to be saved
(documents with a file only): `fileSaveRequested` carries the Document.

Signals:
    entryWritten(str): the journal holds the document's latest text; carries its doc_id.
    writeFailed(str): the journal could not be written; carries the message.
    fileSaveRequested(object): "save to the file automatically" is on and typing stopped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from editor.core.post.storage import StorageError
from editor.core.safety.journal import Journal, digest, new_doc_id
from editor.ui.editor.documents import Document
from editor.ui.translate import fill

IDLE_MS = 2000
MAX_INTERVAL_MS = 30_000
THREAD_THRESHOLD = 64 * 1024  # characters: larger texts are written on a worker thread


@dataclass(eq=False)
class _Tracked:
    """What the controller keeps for one document."""

    document: Document
    doc_id: str
    idle: QTimer
    longest: QTimer
    lock: threading.Lock = field(default_factory=threading.Lock)
    issued: int = 0  # sequence number of the newest snapshot handed out
    floor: int = 0  # writes numbered at or below this must not touch the journal
    in_flight: bool = False
    pending: bool = False
    relay: QObject | None = None


@dataclass(frozen=True)
class _Snapshot:
    """What one journal write records, taken on the GUI thread."""

    text: str
    path: Path | None
    title: str
    disk_digest: str | None

    @classmethod
    def of(cls, document: Document) -> _Snapshot:
        post = document.post
        disk = None if post is None or post.path is None else digest(post.raw)
        try:
            title = document.current_post().title
        except (ValueError, TypeError):
            title = ""
        return cls(document.text(), document.path, title or document.display_name(), disk)


class _Relay(QObject):
    """Receives one document's signals on behalf of the controller."""

    def __init__(self, controller: AutosaveController, tracked: _Tracked) -> None:
        super().__init__(controller)
        self._controller = controller
        self._tracked = tracked

    def on_changed(self) -> None:
        self._controller._on_document_changed(self._tracked)

    def on_dirty_changed(self, dirty: bool) -> None:
        self._controller._on_document_dirty_changed(self._tracked, dirty)

    def on_saved(self, _post: object) -> None:
        if self._controller._is_current(self._tracked):
            self._controller._discard(self._tracked)


class _Done(QObject):
    finished = Signal(object, object)  # _Tracked, error message ("" written, None skipped)


class _WriteJob(QRunnable):
    def __init__(self, run_write: object, tracked: _Tracked, seq: int, snap: _Snapshot) -> None:
        super().__init__()
        self._run_write = run_write
        self._tracked = tracked
        self._seq = seq
        self._snap = snap

    def run(self) -> None:
        self._run_write(self._tracked, self._seq, self._snap)  # type: ignore[operator]


class AutosaveController(QObject):
    """Writes each tracked Document to the journal. See the module docstring."""

    entryWritten = Signal(str)  # noqa: N815 (Qt signal naming)
    writeFailed = Signal(str)  # noqa: N815
    fileSaveRequested = Signal(object)  # noqa: N815

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        *,
        idle_ms: int = IDLE_MS,
        max_interval_ms: int = MAX_INTERVAL_MS,
        thread_threshold: int = THREAD_THRESHOLD,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._idle_ms = idle_ms
        self._max_ms = max_interval_ms
        self.thread_threshold = thread_threshold
        self.save_to_file = False
        self._pool = pool or QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, self._pool.maxThreadCount()))
        self._tracked: dict[Document, _Tracked] = {}
        self._done = _Done(self)
        self._done.finished.connect(self._on_job_finished)

    # --- configuration -----------------------------------------------------------------

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    def set_idle_ms(self, ms: int) -> None:
        """The delay after the last change; -1 turns the journal off (entries are kept)."""
        self._idle_ms = ms
        for tracked in self._tracked.values():
            tracked.idle.setInterval(max(0, ms))
            if ms < 0:
                tracked.idle.stop()
                tracked.longest.stop()

    def set_max_interval_ms(self, ms: int) -> None:
        self._max_ms = ms
        for tracked in self._tracked.values():
            tracked.longest.setInterval(max(0, ms))

    def set_save_to_file(self, on: bool) -> None:
        self.save_to_file = on

    # --- documents ---------------------------------------------------------------------

    def track(self, document: Document, doc_id: str | None = None) -> str:
        """Start journaling `document` (under `doc_id` when adopting a recovered entry)."""
        if document in self._tracked:
            return self._tracked[document].doc_id
        idle = QTimer(self)
        idle.setSingleShot(True)
        idle.setInterval(max(0, self._idle_ms))
        longest = QTimer(self)
        longest.setSingleShot(True)
        longest.setInterval(max(0, self._max_ms))
        tracked = _Tracked(document, doc_id or new_doc_id(), idle, longest)
        self._tracked[document] = tracked
        idle.timeout.connect(lambda: self._on_timer_timeout(tracked, idle=True))
        longest.timeout.connect(lambda: self._on_timer_timeout(tracked, idle=False))
        # A QObject receiver (a child of this controller): Qt drops these connections when
        # the controller goes, even if the document lives on.
        relay = _Relay(self, tracked)
        tracked.relay = relay
        document.text_document.contentsChanged.connect(relay.on_changed)
        document.dirtyChanged.connect(relay.on_dirty_changed)
        document.saved.connect(relay.on_saved)
        if document.is_dirty:
            self._on_document_changed(tracked)
        return tracked.doc_id

    def doc_id(self, document: Document) -> str | None:
        tracked = self._tracked.get(document)
        return None if tracked is None else tracked.doc_id

    def is_tracked(self, document: Document) -> bool:
        return document in self._tracked

    def untrack(self, document: Document, *, discard: bool = True) -> None:
        """Stop journaling `document`; its entry is removed unless `discard` is False."""
        tracked = self._tracked.get(document)
        if tracked is None:
            return
        if discard:
            self._discard(tracked)
        self._forget(tracked)

    def flush(self, document: Document | None = None) -> bool:
        """Write now, on this thread, every dirty document (or just `document`); True if it
        worked for all of them."""
        targets = [self._tracked[document]] if document in self._tracked else []
        if document is None:
            targets = list(self._tracked.values())
        ok = True
        for tracked in targets:
            tracked.idle.stop()
            tracked.longest.stop()
            if tracked.document.is_dirty:
                ok = self._write_now(tracked) and ok
        return ok

    def wait_for_writes(self, msecs: int = 30_000) -> bool:
        """Block until the worker threads are idle (shutdown and tests)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, *, discard: bool) -> None:
        """The window closes: wait for writes, then discard (closed cleanly) or keep entries."""
        self.wait_for_writes()
        for tracked in list(self._tracked.values()):
            if discard:
                self._discard(tracked)
            self._forget(tracked)

    # --- writing -----------------------------------------------------------------------

    def _next_seq(self, tracked: _Tracked) -> int:
        with tracked.lock:
            tracked.issued += 1
            return tracked.issued

    def _run_write(self, tracked: _Tracked, seq: int, snap: _Snapshot) -> str | None:
        """Journal.write under the document's lock unless a newer write or a discard came
        first. Runs on the GUI thread or a worker; an error message, "" when written, None
        when skipped."""
        with tracked.lock:
            if seq <= tracked.floor:
                return None
            try:
                self.journal.write(
                    tracked.doc_id,
                    snap.text,
                    path=snap.path,
                    title=snap.title,
                    disk_digest=snap.disk_digest,
                )
            except (StorageError, ValueError) as error:
                return fill(self.tr("The recovery journal could not be written: %1"), error)
            tracked.floor = seq
        return ""

    def _write_now(self, tracked: _Tracked) -> bool:
        seq = self._next_seq(tracked)
        error = self._run_write(tracked, seq, _Snapshot.of(tracked.document))
        self._report(tracked, error)
        return error is None or not error

    def _write_soon(self, tracked: _Tracked, *, typing: bool = False) -> None:
        """Write the current text: off the GUI thread when it is large, or while typing goes
        on (the fsync must not stall a keystroke)."""
        if self._idle_ms < 0 or not tracked.document.is_dirty:
            return
        small = tracked.document.text_document.characterCount() < self.thread_threshold
        if small and not typing:
            self._write_now(tracked)
            return
        if tracked.in_flight:
            tracked.pending = True  # the latest text goes when the current write is done
            return
        tracked.in_flight = True
        tracked.pending = False
        seq = self._next_seq(tracked)
        job = _WriteJob(self._threaded_write, tracked, seq, _Snapshot.of(tracked.document))
        self._pool.start(job)

    def _threaded_write(self, tracked: _Tracked, seq: int, snap: _Snapshot) -> None:
        self._done.finished.emit(tracked, self._run_write(tracked, seq, snap))

    def _on_job_finished(self, tracked: _Tracked, error: str | None) -> None:
        tracked.in_flight = False
        self._report(tracked, error)
        if tracked.pending and tracked.document in self._tracked:
            tracked.pending = False
            self._write_soon(tracked)

    def _report(self, tracked: _Tracked, error: str | None) -> None:
        if error is None:
            return
        if error:
            self.writeFailed.emit(error)
        elif tracked.floor == tracked.issued and tracked.document in self._tracked:
            self.entryWritten.emit(tracked.doc_id)

    def _discard(self, tracked: _Tracked) -> None:
        tracked.idle.stop()
        tracked.longest.stop()
        tracked.pending = False
        with tracked.lock:
            tracked.floor = tracked.issued = tracked.issued + 1
            try:
                self.journal.discard(tracked.doc_id)
            except OSError as error:
                self.writeFailed.emit(
                    fill(self.tr("The recovery journal entry could not be removed: %1"), error)
                )

    def _forget(self, tracked: _Tracked) -> None:
        tracked.idle.stop()
        tracked.longest.stop()
        if tracked.relay is not None:
            tracked.relay.deleteLater()  # disconnects it from the document
            tracked.relay = None
        if self._is_current(tracked):
            del self._tracked[tracked.document]

    # --- slots -------------------------------------------------------------------------

    def _is_current(self, tracked: _Tracked) -> bool:
        return self._tracked.get(tracked.document) is tracked

    def _on_document_changed(self, tracked: _Tracked) -> None:
        if self._idle_ms < 0 or not self._is_current(tracked):
            return
        tracked.idle.start()
        if not tracked.longest.isActive():
            tracked.longest.start()

    def _on_document_dirty_changed(self, tracked: _Tracked, dirty: bool) -> None:
        if not self._is_current(tracked):
            return
        if dirty:
            self._on_document_changed(tracked)  # e.g. its file was deleted: journal it
        else:
            self._discard(tracked)  # saved, or undone back to the saved text

    def _on_timer_timeout(self, tracked: _Tracked, *, idle: bool) -> None:
        tracked.idle.stop()
        tracked.longest.stop()
        if not self._is_current(tracked):
            return
        self._write_soon(tracked, typing=not idle)
        document = tracked.document
        if idle and self.save_to_file and document.path is not None and document.is_dirty:
            self.fileSaveRequested.emit(document)
