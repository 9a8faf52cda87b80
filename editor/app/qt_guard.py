"""A start-up probe for the PySide6 None-refcount leak.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every Qt call that returns
nothing; after about 5,000 such calls the interpreter aborts with "Fatal Python error:
none_dealloc". The probe makes a few hundred void Qt calls and compares
``sys.getrefcount(None)`` before and after. On a healthy pair the count is unchanged (give or
take a handful of references the interpreter itself takes); on a leaking pair it falls by one
per call.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

PROBE_CALLS = 300
# A leaking pair loses one reference per call; allow a little noise from the interpreter.
LEAK_THRESHOLD = PROBE_CALLS // 2


@dataclass(frozen=True, slots=True)
class LeakProbeResult:
    """What the probe saw: how many references to None went missing over `calls` void calls."""

    calls: int
    lost_references: int
    pyside_version: str
    python_version: str

    @property
    def leaks(self) -> bool:
        return self.lost_references >= LEAK_THRESHOLD

    def message(self) -> str:
        """A message for the user: what is wrong and what to do about it."""
        if not self.leaks:
            return (
                f"PySide6 {self.pyside_version} on Python {self.python_version}: "
                f"no None leak ({self.lost_references} of {self.calls} calls)."
            )
        return (
            f"Inkpost cannot run with PySide6 {self.pyside_version} on Python "
            f"{self.python_version}: this pair loses a reference to None on every Qt call "
            f"({self.lost_references} lost over {self.calls} calls) and would crash with "
            f'"Fatal Python error: none_dealloc" after a few thousand calls.\n'
            "Install PySide6 6.11 (pip install 'PySide6<6.12') or use Python 3.12 or newer."
        )


def probe_none_leak(calls: int = PROBE_CALLS) -> LeakProbeResult:
    """Make `calls` void Qt calls and report how many references to None were lost."""
    import PySide6
    from PySide6.QtCore import QObject

    obj = QObject()
    obj.setObjectName("warm-up")  # the first call may cache things
    before = sys.getrefcount(None)
    for _ in range(calls):
        obj.setObjectName("inkpost-probe")
    after = sys.getrefcount(None)
    version = ".".join(str(part) for part in sys.version_info[:3])
    return LeakProbeResult(calls, before - after, PySide6.__version__, version)
