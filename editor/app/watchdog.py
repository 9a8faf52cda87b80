"""An opt-in watchdog of the GUI thread: every stretch in which it works for longer than half
a frame (8 ms of CPU), logged with what ran in it.

    INKPOST_WATCHDOG=/tmp/gaps.jsonl inkpost [arguments]
    INKPOST_WATCHDOG=/tmp/gaps.jsonl python -m editor.app.watchdog [arguments]  (the same)

A thread of its own reads the GUI thread's CPU clock and state every 2 ms: an interval in
which that clock advanced by a quarter of the wall time or more, or at whose end the thread
is running or waiting for a CPU (Linux: /proc), is busy, and a run of busy intervals is a
stretch ("ms" its wall time, "cpu_ms" what the GUI thread ran in it; the difference is time
the machine gave to others). Qt's own work, layout and painting, counts as much as Python's
(the event dispatcher's awake/aboutToBlock signals are not used for this: with the GLib
dispatcher, X events and timers run without an `awake`). While a stretch lasts, the thread
samples the GUI thread's Python stack (Inkpost's innermost frames). The GUI thread itself
only notes, in a list: cyclic garbage collections (`gc.callbacks`: generation and ms), the keys the
windows get and their repaints (event filters on each shown top-level widget and its window,
found every 0.5 s; an application-wide Python filter would wrap widgets while they are
being constructed, and PySide then keeps a base-class wrapper for good). A stretch of 8 ms
of CPU or more is written, from the watchdog's thread, as one JSON line:

    {"kind": "gap", "start": s, "ms": 14.2, "cpu_ms": 12.3, "marks": {"key": 1, "paint": 1},
     "gc": [[2, 7.4]], "gc_small": 3, "stacks": {"editor/ui/...:123 f < ...": 3}}

So that the stretches can be laid beside an outside clock (benchmarks/bench_window.py sends
keys at known `time.monotonic()` times, the same clock), every key press ({"kind": "key",
"t": s, "cpu": the GUI thread's CPU clock, s}) and every repaint flushed ({"kind": "flush",
"t": s, "ms": ms since its UpdateRequest, "cpu": s}; flushed = the event loop about to wait
again) are logged as well. Lines are flushed every 0.5 s. Meant for measuring, off by
default: the thread takes the GIL for a moment every 2 ms.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from collections import Counter, deque
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import editor

__all__ = ["ENV", "Watchdog", "install_from_env"]

ENV = "INKPOST_WATCHDOG"
THRESHOLD_MS = 8.0  # CPU ms of one stretch worth a line
SAMPLE_EVERY_S = 0.002
BUSY_SHARE = 0.25  # an interval is busy when the GUI thread ran this share of it or more
_FLUSH_EVERY_S = 0.5
_SMALL_GC_MS = 0.5  # collections shorter than this are counted, not listed
_KEY = QEvent.Type.KeyPress
_UPDATE = QEvent.Type.UpdateRequest
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(editor.__file__))) + os.sep
_OWN_CODE = _ROOT + "editor" + os.sep
_SELF = os.path.abspath(__file__)


def _stack(frame: Any) -> str:
    """The innermost three of Inkpost's frames in `frame`'s stack, innermost first."""
    own: list[str] = []
    while frame is not None and len(own) < 3:
        path = frame.f_code.co_filename
        if path.startswith(_OWN_CODE) and path != _SELF:
            own.append(f"{path[len(_ROOT) :]}:{frame.f_lineno} {frame.f_code.co_name}")
        frame = frame.f_back
    return " < ".join(own) or "(no Python frame of Inkpost: Qt's own work)"


class _Stretch:
    """A run of busy intervals of the GUI thread."""

    def __init__(self, start: float, cpu: float) -> None:
        self.start, self.end = start, start
        self.cpu_start, self.cpu_end = cpu, cpu
        self.stacks: Counter[str] = Counter()


class Watchdog(QObject):
    """Logs the GUI thread's busy stretches of `threshold_ms` CPU or more to `out`."""

    def __init__(
        self, app: QCoreApplication, out: IO[str], threshold_ms: float = THRESHOLD_MS
    ) -> None:
        super().__init__(app)
        self._out = out
        self._threshold = threshold_ms / 1000.0
        self._main = threading.get_ident()
        self._clock = time.pthread_getcpuclockid(self._main)
        self._stat = f"/proc/self/task/{threading.get_native_id()}/stat"
        # Noted on the GUI thread (appends are atomic), read on the watchdog's thread.
        self._marks: deque[tuple[float, str, float]] = deque()  # (time, kind, thread CPU)
        self._gcs: deque[tuple[float, int, float]] = deque()
        self._gc_started = 0.0
        self._pending_update: float | None = None
        self._watched: list[QObject] = []
        self.gaps = 0  # stretches logged
        dispatcher = QAbstractEventDispatcher.instance(app.thread())
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(self._about_to_block)
        if isinstance(app, QApplication):  # windows shown later are found within 0.5 s
            self._windows = QTimer(self)
            self._windows.timeout.connect(self._watch_windows)
            self._windows.start(500)
        gc.callbacks.append(self._on_gc)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="watchdog", daemon=True)
        self._thread.start()
        app.aboutToQuit.connect(self.stop)

    # the GUI thread's side

    def _watch_windows(self) -> None:
        """Watch each shown top-level widget and its window (keys reach the window first,
        from the X server, whether or not Qt counts it active; repaints are asked of both)."""
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            for obj in (widget, widget.windowHandle()):
                if obj is not None and obj not in self._watched:
                    obj.installEventFilter(self)
                    self._watched.append(obj)
                    obj.destroyed.connect(self._forget)

    def _forget(self, obj: QObject) -> None:
        self._watched = [o for o in self._watched if o is not obj]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _KEY and not watched.isWidgetType():  # once, at the window
            self._marks.append((time.monotonic(), "key", time.thread_time()))
        elif kind == _UPDATE:
            self._pending_update = time.monotonic()
            self._marks.append((self._pending_update, "paint", 0.0))
        return False

    def _about_to_block(self) -> None:
        if self._pending_update is not None:  # the repaint is on its way to the server
            self._marks.append((time.monotonic(), "flush", time.thread_time()))
            self._pending_update = None

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._main:
            return
        if phase == "start":
            self._gc_started = time.monotonic()
        else:
            ms = (time.monotonic() - self._gc_started) * 1000
            self._gcs.append((self._gc_started, info["generation"], ms))

    # the watchdog's thread

    def _run(self) -> None:
        frames = sys._current_frames  # another thread's stack: documented, CPython
        last_t, last_cpu = time.monotonic(), time.clock_gettime(self._clock)
        stretch: _Stretch | None = None
        written = last_t
        while not self._stop.wait(SAMPLE_EVERY_S):
            now, cpu = time.monotonic(), time.clock_gettime(self._clock)
            if cpu - last_cpu >= BUSY_SHARE * (now - last_t) or self._runnable():
                if stretch is None:
                    stretch = _Stretch(last_t, last_cpu)
                stretch.end, stretch.cpu_end = now, cpu
                frame = frames().get(self._main)
                if frame is not None:
                    stretch.stacks[_stack(frame)] += 1
            elif stretch is not None:
                self._close(stretch)
                stretch = None
            last_t, last_cpu = now, cpu
            if stretch is None and now - written > _FLUSH_EVERY_S:
                self._drain(now)
                written = now
        self._drain(time.monotonic())

    def _runnable(self) -> bool:
        """The GUI thread is running or waiting for a CPU (Linux; elsewhere: unknown, False)."""
        try:
            with open(self._stat, "rb") as stat:
                return stat.read().rpartition(b")")[2].split()[0] == b"R"
        except OSError:
            return False

    def _close(self, stretch: _Stretch) -> None:
        self._drain(stretch.start)  # the keys and repaints before it, in time order
        if stretch.cpu_end - stretch.cpu_start < self._threshold:
            return
        self.gaps += 1
        marks: Counter[str] = Counter(
            kind for t, kind, _cpu in list(self._marks) if stretch.start <= t <= stretch.end
        )
        gcs = [(g, ms) for t, g, ms in list(self._gcs) if stretch.start <= t <= stretch.end]
        self._write(
            {
                "kind": "gap",
                "start": round(stretch.start, 6),
                "ms": round((stretch.end - stretch.start) * 1000, 2),
                "cpu_ms": round((stretch.cpu_end - stretch.cpu_start) * 1000, 2),
                "marks": dict(marks),
                "gc": [[g, round(ms, 2)] for g, ms in gcs if ms >= _SMALL_GC_MS],
                "gc_small": sum(ms < _SMALL_GC_MS for _, ms in gcs),
                "stacks": dict(stretch.stacks.most_common(6)),
            }
        )

    def _drain(self, until: float) -> None:
        """Write the keys and flushes noted before `until`; forget older collections."""
        paint: float | None = None
        while self._marks and self._marks[0][0] <= until:
            t, kind, cpu = self._marks.popleft()
            if kind == "key":
                self._write({"kind": "key", "t": round(t, 6), "cpu": round(cpu, 6)})
            elif kind == "paint":
                paint = t if paint is None else paint
            elif kind == "flush" and paint is not None:
                ms = round((t - paint) * 1000, 2)
                self._write({"kind": "flush", "t": round(t, 6), "ms": ms, "cpu": round(cpu, 6)})
                paint = None
        if paint is not None:  # its flush comes later: keep the paint for the next drain
            self._marks.appendleft((paint, "paint", 0.0))
        while self._gcs and self._gcs[0][0] < until - 5.0:
            self._gcs.popleft()
        self._out.flush()

    def _write(self, record: dict[str, Any]) -> None:
        self._out.write(json.dumps(record) + "\n")

    def stop(self) -> None:
        """Stop watching (the application is quitting); the log is flushed."""
        self._stop.set()
        self._thread.join(1.0)
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        for obj in self._watched:
            obj.removeEventFilter(self)
        self._watched = []


def install_from_env(app: QCoreApplication) -> Watchdog | None:
    """A watchdog logging to the file that INKPOST_WATCHDOG names (appended), if it names one."""
    target = os.environ.get("INKPOST_WATCHDOG", "")  # ENV
    if not target:
        return None
    out = Path(target).open("a", encoding="utf-8")  # noqa: SIM115 (open for the app's life)
    return Watchdog(app, out)


def main(argv: list[str] | None = None) -> int:
    """Inkpost's window with the watchdog on (the same arguments as `inkpost`)."""
    from editor.app.main import main as gui_main
    from editor.app.main import prepare_qt_environment

    prepare_qt_environment()
    app = QApplication([sys.argv[0] if sys.argv else "inkpost"])
    install_from_env(app)
    return gui_main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
