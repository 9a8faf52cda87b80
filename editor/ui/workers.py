"""Rendering off the GUI thread: a small Qt adapter over editor.core.preview.service.

`RenderController.request(text, site, path)` asks for a rendering of the editor's text.
At most one job is in flight; requests made meanwhile collapse into one re-run with the
newest text; a result for text that has changed since is dropped (in process mode without
even being unpickled). `rendered(RenderOutcome)` carries the newest result only. In
process mode a slow rendering (a long post) also sends `previewed(RenderOutcome)` first:
the preview alone, without the figures (stats None, the header made with the previous
figures), as soon as it is ready; `rendered` follows with the whole outcome. The next
request may go as soon as the early outcome is in: the render process then leaves out the
figures of the text that changed meanwhile.

The renderer is pure Python and holds the GIL, so by default it runs in a child process
(`python -m editor.core.preview.service`, driven through QProcess: no extra thread in the
GUI process). benchmarks/bench_render_worker.py measures why: with the renderer in a
QThread, typing stalls. `mode="thread"` exists for that comparison; a debounce of -1
renders synchronously in this process (tests).

Signals: `rendered(object)` (a RenderOutcome), `previewed(object)` (an early RenderOutcome),
`failed(str)` (rendering raised: the text).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from pathlib import Path
from typing import Literal

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QProcess,
    QProcessEnvironment,
    QThread,
    QTimer,
    Signal,
    Slot,
)

import editor
from editor.core.preview.service import (
    FrameDecoder,
    RenderOutcome,
    RenderRequest,
    RenderService,
    Shutdown,
    encode_frame,
)
from editor.core.site.config import SiteConfig

__all__ = ["RenderController", "RenderOutcome"]

log = logging.getLogger(__name__)

Mode = Literal["process", "thread"]
DEFAULT_DEBOUNCE_MS = 15
# A rendering whose preview takes this long is answered in two (`previewed`, then
# `rendered`): the figures (a second, plain rendering and the statistics) would hold the
# preview of a long post back by tens of milliseconds.
EARLY_AFTER_MS = 8.0
_MAX_RESTARTS = 3


class _ThreadWorker(QObject):
    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._service = RenderService()

    @Slot(object)
    def run(self, request: RenderRequest) -> None:
        self.done.emit(self._service.handle(request))


class RenderController(QObject):
    """Debounced, single-flight rendering; see the module docstring."""

    rendered = Signal(object)
    previewed = Signal(object)
    failed = Signal(str)
    _submit = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        mode: Mode = "process",
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._mode: Mode = mode
        self._debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._revision = 0
        self._job_id = 0
        self._in_flight: int | None = None  # revision of the job whose preview is awaited
        self._finals_due = 0  # jobs sent whose last frame has not come back yet
        self._latest: tuple[str, SiteConfig | None, Path | None] | None = None
        self._sent_site: SiteConfig | None = None
        self._dispatched_revision = 0
        self._urgent = False  # the newest request skips the debounce
        self._inline: RenderService | None = None
        self._process: QProcess | None = None
        self._decoder = FrameDecoder()
        self._thread: QThread | None = None
        self._worker: _ThreadWorker | None = None
        self._closed = False
        self._crashes = 0
        self.last_outcome: RenderOutcome | None = None
        self.dropped = 0  # stale results dropped (for tests and benchmarks)
        self.early_after_ms: float | None = EARLY_AFTER_MS  # None: no `previewed`
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if debounce_ms >= 0:
            self._start_backend()

    # public API ----------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def busy(self) -> bool:
        return self._in_flight is not None or self._timer.isActive() or self._finals_due > 0

    @property
    def revision(self) -> int:
        return self._revision

    @property
    def in_flight(self) -> bool:
        """A job has been sent and its preview has not come back yet."""
        return self._in_flight is not None

    def process_id(self) -> int | None:
        """The render process's pid (process mode, while it runs)."""
        if self._process is None or self._process.state() == QProcess.ProcessState.NotRunning:
            return None
        return int(self._process.processId())

    def set_debounce_ms(self, ms: int) -> None:
        """Delay before a request is sent (<= 150 ms); -1 renders synchronously, in process."""
        self._debounce_ms = min(ms, 150)
        if ms >= 0 and not self._closed:
            self._start_backend()

    def request(
        self, text: str, site: SiteConfig | None, path: Path | None, *, now: bool = False
    ) -> int:
        """Ask for a rendering of `text`; returns its revision number. `now` skips the
        debounce (the caller has waited for a pause in typing already)."""
        if self._closed:
            raise RuntimeError("RenderController is shut down")
        self._revision += 1
        self._latest = (text, site, path)
        self._urgent = now
        if self._debounce_ms < 0:
            self._render_inline()
        elif self._in_flight is None and (now or not self._timer.isActive()):
            self._timer.start(0 if now else self._debounce_ms)
        return self._revision

    def shutdown(self) -> None:
        """Stop the worker process or thread and wait for it; idempotent."""
        self._closed = True
        self._timer.stop()
        if self._process is not None:
            process, self._process = self._process, None
            process.readyReadStandardOutput.disconnect(self._on_process_ready_read)
            process.finished.disconnect(self._on_process_finished)
            if process.state() != QProcess.ProcessState.NotRunning:
                process.write(encode_frame(Shutdown()))
                process.closeWriteChannel()
                if not process.waitForFinished(3000):
                    process.kill()
                    process.waitForFinished(3000)
            process.deleteLater()
        if self._thread is not None:
            thread, self._thread = self._thread, None
            thread.quit()
            thread.wait()
            if self._worker is not None:
                self._worker.deleteLater()
                self._worker = None
        self._in_flight = None
        self._finals_due = 0

    # backends --------------------------------------------------------------------------

    def _start_backend(self) -> None:
        if self._mode == "process" and self._process is None:
            self._start_process()
        elif self._mode == "thread" and self._thread is None:
            self._thread = QThread(self)
            self._thread.setObjectName("inkpost-render")
            self._worker = _ThreadWorker()
            self._worker.moveToThread(self._thread)
            self._submit.connect(self._worker.run)
            self._worker.done.connect(self._on_worker_done)
            self._thread.start()

    def _start_process(self) -> None:
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        package_root = str(Path(editor.__file__).resolve().parent.parent)
        old = env.value("PYTHONPATH", "")
        env.insert("PYTHONPATH", package_root + (os.pathsep + old if old else ""))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._on_process_ready_read)
        process.finished.connect(self._on_process_finished)
        # -P: the service comes from this package (PYTHONPATH), never from an `editor`
        # folder in the working directory, which -m would put first on sys.path.
        process.start(sys.executable, ["-P", "-m", "editor.core.preview.service"])
        self._process = process
        self._decoder = FrameDecoder()
        self._sent_site = None

    def _render_inline(self) -> None:
        if self._inline is None:
            self._inline = RenderService()
        request = self._make_request()
        self._deliver(self._inline.handle(request))

    def _make_request(self) -> RenderRequest:
        assert self._latest is not None
        text, site, path = self._latest
        self._job_id += 1
        send_site = site if site is not self._sent_site and site != self._sent_site else None
        if send_site is not None:
            self._sent_site = send_site
        self._dispatched_revision = self._revision
        early = self.early_after_ms if self._mode == "process" else None
        return RenderRequest(self._job_id, self._revision, text, path, send_site, early)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._in_flight is not None or self._latest is None or self._closed:
            return
        if self._dispatched_revision == self._revision:
            return
        if self._mode == "process" and self._process is None:
            self._start_process()
        request = self._make_request()
        self._in_flight = request.text_revision
        self._finals_due += 1
        if self._process is not None:
            self._process.write(encode_frame(request, request.text_revision))
        else:
            self._submit.emit(request)

    def _job_answered(self, revision: int, *, final: bool) -> None:
        """The job of `revision` sent its preview (early or final frame): the next may go."""
        self._finals_due -= int(final)
        if self._in_flight == revision:
            self._in_flight = None
        if (
            self._in_flight is None
            and self._dispatched_revision != self._revision
            and not self._closed
            and not self._timer.isActive()
        ):
            self._timer.start(0 if self._urgent else self._debounce_ms)

    @Slot()
    def _on_process_ready_read(self) -> None:
        assert self._process is not None
        for revision, payload, final in self._decoder.feed(
            bytes(self._process.readAllStandardOutput())
        ):
            stale = revision != self._revision
            if not final:
                self._job_answered(revision, final=False)
                if not stale:
                    self.previewed.emit(pickle.loads(payload))
                continue
            self._job_answered(revision, final=True)
            if stale:
                self.dropped += 1
                continue
            self._crashes = 0
            self._deliver(pickle.loads(payload))

    @Slot(int, QProcess.ExitStatus)
    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._process is not None:
            self._process.deleteLater()
            self._process = None
        self._in_flight = None
        self._finals_due = 0
        self._dispatched_revision = 0
        self._crashes += 1
        if self._crashes > _MAX_RESTARTS:
            message = f"the render process keeps failing (exit {code}); the preview is stopped"
            log.error(message)
            self._closed = True
            self.failed.emit(message)
            return
        log.warning("the render process ended (exit %s, %s); restarting it", code, status)
        if not self._closed and self._latest is not None:
            self._timer.start(self._debounce_ms)

    @Slot(object)
    def _on_worker_done(self, outcome: RenderOutcome) -> None:
        self._job_answered(outcome.text_revision, final=True)
        if outcome.text_revision != self._revision:
            self.dropped += 1
            return
        self._deliver(outcome)

    def _deliver(self, outcome: RenderOutcome) -> None:
        if outcome.error is not None:
            log.error("rendering failed:\n%s", outcome.error)
            self.failed.emit(outcome.error)
            return
        self.last_outcome = outcome
        self.rendered.emit(outcome)
