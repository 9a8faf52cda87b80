"""LatestJob: a pure function run off the GUI thread, one job in flight, stale results dropped.

`submit(fn, *args)` runs `fn(*args)` on a background thread. While a job runs, newer submits
wait, and each replaces the one waiting before it (which never runs); a job's result arrives
through `finished(object)` only when no newer job was submitted after it (`dropped` counts the
others). Jobs of every LatestJob share one background thread by default: they are short, and
one thread keeps their GIL use to one job at a time.

Signals: `finished(object)` the newest job's result; `failed(str)` it raised (the message).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

__all__ = ["LatestJob"]

log = logging.getLogger(__name__)
_shared: ThreadPoolExecutor | None = None


def shared_executor() -> ThreadPoolExecutor:
    """The one background thread the editor's small jobs share."""
    global _shared
    if _shared is None:
        _shared = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inkpost-editor-jobs")
    return _shared


_Job = tuple[int, Callable[..., Any], tuple[Any, ...]]


class _Relay(QObject):
    """Carries results from the worker thread to the GUI thread. One per process, never
    deleted: a worker must not emit on a LatestJob that its window may have deleted meanwhile
    (that crashes), so it emits here and the GUI thread finds the job, if it still exists."""

    done = Signal(object, int, object, object)  # weakref to the LatestJob, number, result, error

    @Slot(object, int, object, object)
    def deliver(self, ref: Any, number: int, result: Any, error: Any) -> None:
        job = ref()
        if job is not None and shiboken6.isValid(job):
            job._on_done(number, result, error)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The relay, made on first use (by a LatestJob, on the GUI thread)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.done.connect(_relay.deliver)
    return _relay


class LatestJob(QObject):
    """See the module docstring."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, executor: Executor | None = None) -> None:
        super().__init__(parent)
        self._executor = executor or shared_executor()
        self._submitted = 0
        self._in_flight = False
        self._waiting: _Job | None = None
        self.dropped = 0
        self._relay = _the_relay()
        self._ref = weakref.ref(self)

    @property
    def busy(self) -> bool:
        """A job runs or waits (tests wait on it)."""
        return self._in_flight or self._waiting is not None

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        self._submitted += 1
        job = (self._submitted, fn, args)
        if self._in_flight:
            if self._waiting is not None:
                self.dropped += 1
            self._waiting = job
        else:
            self._start(job)

    def _start(self, job: _Job) -> None:
        self._in_flight = True
        self._executor.submit(self._run, job)

    def _run(self, job: _Job) -> None:  # on the worker thread
        number, fn, args = job
        result: Any = None
        error: BaseException | None = None
        try:
            result = fn(*args)
        except Exception as exc:  # delivered to the GUI thread as `failed`
            error = exc
        self._relay.done.emit(self._ref, number, result, error)

    def _on_done(self, number: int, result: Any, error: BaseException | None) -> None:
        self._in_flight = False
        if self._waiting is not None:
            job, self._waiting = self._waiting, None
            self._start(job)
        if number != self._submitted:
            self.dropped += 1
            return
        if error is not None:
            log.error("a background job failed: %s", error, exc_info=error)
            self.failed.emit(str(error))
            return
        self.finished.emit(result)
