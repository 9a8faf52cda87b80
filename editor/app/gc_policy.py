"""The GUI process's garbage-collector policy, in one place.

The window's process holds many long-lived objects (the library index's PostEntry rows,
Qt wrappers, modules). A full (generation 2) collection of CPython's cyclic collector walks
all of them while holding the GIL, a stall the user feels as a key that waits. The policy:
freeze what exists once the window is wired (`apply_at_start`) and again each time the
library has new entries (`follow_library`), so that no collection walks them (`gc.freeze`,
a list splice, cheap). The thresholds stay CPython's: raising them showed no gain
(benchmarks/bench_library_stall.py --gc).

Frozen objects are still freed when their reference count drops; only cyclic garbage that
has already reached the oldest generation at the moment of a freeze stays (until
`gc.unfreeze`): the young generations are collected just before each freeze.
"""

from __future__ import annotations

import gc
from typing import Any

__all__ = [
    "apply_at_start",
    "follow_library",
    "freeze_long_lived",
    "pause_for_start",
    "resume",
    "resume_after_paint",
]

START_PAUSE_LIMIT_MS = 5000  # the collector runs again by then, painted or not


def pause_for_start() -> None:
    """No collection while the app starts (until `resume_after_paint`): start-up makes
    what lives on (modules, classes, widgets), which ~90 young collections walked for
    nothing before the first frame (~40 ms measured here)."""
    gc.disable()


def resume() -> None:
    """Collect again (now)."""
    gc.enable()


def resume_after_paint(window: Any) -> None:
    """Collect again once `window` (a MainWindow) has painted the post, or after
    START_PAUSE_LIMIT_MS if it has not; the few cycles made meanwhile go then."""
    from PySide6.QtCore import QTimer

    window.first_paint.painted.connect(gc.enable)
    QTimer.singleShot(START_PAUSE_LIMIT_MS, gc.enable)


def apply_at_start() -> None:
    """Freeze what start-up made (call once the window and its library are wired)."""
    freeze_long_lived()


def freeze_long_lived(*_args: object) -> None:
    """Move every object tracked now out of the collector's view; extra arguments are
    ignored so that a signal can call it. The young generations are collected first (a few
    ms), so that recent cyclic garbage is freed rather than frozen with the rest."""
    gc.collect(1)
    gc.freeze()


def follow_library(panel: Any) -> None:
    """Freeze again each time `panel` (a LibraryPanel) has new entries from a scan."""
    panel.scanning.entriesChanged.connect(freeze_long_lived)
