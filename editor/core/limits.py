"""Time bounds on work done over a user's post, as a last line of defence.

Every parser of user input has its own bounds (front matter: size, depth, alias expansion;
the renderer: linear rules). Should some input still make one post's rendering run away,
the child processes that render (the preview's render service, the library's figures pass)
stop it after a budget and fall back (the post shown as text, the estimated figures kept)
instead of hanging. `time_limit` works through SIGALRM, so only in a process's main thread
on a POSIX system; elsewhere it is a no-op, and the GUI process never renders anyway.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["FIGURES_SECONDS", "RENDER_SECONDS", "TimeLimitExceeded", "time_limit"]

RENDER_SECONDS = 5.0  # one preview rendering; a 17-minute post takes tens of milliseconds
FIGURES_SECONDS = 5.0  # one post of the library's figures pass


class TimeLimitExceeded(BaseException):
    """The work under `time_limit` ran past its budget and was interrupted.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` inside the
    interrupted code can swallow it and run on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


def _can_interrupt() -> bool:
    # get_ident, not current_thread(): that would register a foreign (Qt) thread with
    # `threading` for good
    return hasattr(signal, "setitimer") and threading.get_ident() == threading.main_thread().ident


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `TimeLimitExceeded` inside the block once it has run `seconds`."""
    if seconds <= 0 or not _can_interrupt():
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
