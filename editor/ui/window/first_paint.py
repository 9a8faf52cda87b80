"""AfterFirstPaint: work that waits until the post is on the screen.

Start-up puts the editor with the post on the screen first; what the user does not need in
that first frame (the QtWebEngine preview, the library's panel and scan, the code lexers of
the editor's highlighter) is queued here and runs once the watched widget has painted for
the first time. On X11 that paint follows the window's Expose, later than its showEvent,
so a zero timer from showEvent would still run before the first frame
(docs/window.md has the measurements).

The callbacks run one per turn of the event loop, in the order they were queued, so input
and repaints get through between them. A callback queued after the first paint runs on the
next turn.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """See the module docstring.

    Signals:
        painted(): the watched widget painted for the first time (before the callbacks run).
    """

    painted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watched: QWidget | None = None
        self._queue: list[Callable[[], object]] = []
        self.done = False

    def watch(self, widget: QWidget) -> None:
        """Wait for `widget`'s first paint (once; later calls do nothing)."""
        if self._watched is None and not self.done:
            self._watched = widget
            widget.installEventFilter(self)

    def then(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the first paint (on the next turn if that has happened)."""
        self._queue.append(callback)
        if self.done and len(self._queue) == 1:
            QTimer.singleShot(0, self._run_next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._watched = None
            self.done = True
            self.painted.emit()
            if self._queue:
                QTimer.singleShot(0, self._run_next)
        return super().eventFilter(watched, event)

    def _run_next(self) -> None:
        if not self._queue:
            return
        callback = self._queue.pop(0)
        try:
            callback()
        finally:
            if self._queue:
                QTimer.singleShot(0, self._run_next)
