"""A process pool for the passes that visit every post (Hugo's figures, the site checks).

Rendering or parsing 10,000 posts is pure Python: one process uses one core. `post_pool`
starts `workers` processes (default: one per core), each running `initializer(*initargs)`
once, so per-site state (the SiteConfig, the settings) crosses the process boundary once
and each task carries only a chunk of paths.

The start method depends on the calling process: `fork` on Linux when nothing but the main
thread runs and Qt is not loaded (the figures child process, the CLI, a benchmark), as it
costs nothing; otherwise (a GUI process, with threads whose locks a fork would copy held)
`forkserver`, whose server imports the heavy modules once per session and forks the workers
from that clean process; `spawn` where neither exists. The fork server holds those modules
(~23 MiB, and ~6 MiB for the resource tracker it starts) for as long as it runs, so both are
stopped once no pool has used them for FORKSERVER_IDLE_S (the next pool starts them again,
~0.6 s, off the GUI thread).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import forkserver, resource_tracker
from multiprocessing.context import BaseContext
from multiprocessing.pool import Pool
from typing import Any, TypeVar

__all__ = ["chunked", "cpu_workers", "pool_context", "post_pool"]

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1

# Imported once by the fork server, so that its workers start with them loaded.
PRELOAD = [
    "editor.core.checks.checker",
    "editor.core.library.figures",
    "editor.core.markdown.figures_markdown",  # the renderer imports it at first use
]
FORKSERVER_IDLE_S = 10.0  # the fork server stops when no pool has used it for this long

_server_lock = threading.Lock()
_server_users = 0  # pools of this process using the fork server now
_server_timer: threading.Timer | None = None


def cpu_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def fork_is_safe() -> bool:
    """Only the main thread runs and no Qt is loaded (fork copies no held lock)."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and "PySide6.QtCore" not in sys.modules
    )


def pool_context() -> BaseContext:
    """The start method for this process (see the module docstring)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and fork_is_safe():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def post_pool(
    workers: int, initializer: Callable[..., object], initargs: tuple[Any, ...] = ()
) -> Iterator[Pool]:
    """`with post_pool(...) as pool`: `workers` processes, each initialized once with
    `initializer(*initargs)`. Leaving the block with all the work done ends them as Python
    documents it (close, then join: each takes its end-of-work sentinel and exits);
    leaving it with work outstanding (a cancel, an exception) terminates them at once.
    `Pool.terminate` can hang its caller when an idle worker holds the task queue's read
    lock (CPython's `_help_stuff_finish`; seen in ~1 of 25 forked pools), so it is kept for
    the cancel. A fork server left unused is stopped FORKSERVER_IDLE_S later."""
    context = pool_context()
    served = context.get_start_method() == "forkserver"
    if served:
        _server_using(+1)
    try:
        pool = context.Pool(workers, _start_worker, (initializer, initargs))
        try:
            yield pool
        except BaseException:
            pool.terminate()
            raise
        if getattr(pool, "_cache", True):  # work outstanding (a cancel): at once
            pool.terminate()
        else:
            pool.close()
            pool.join()
    finally:
        if served:
            _server_using(-1)


def _server_using(change: int) -> None:
    """Count the pools using the fork server; when none is left, stop it later."""
    global _server_users, _server_timer
    with _server_lock:
        _server_users += change
        if _server_timer is not None:
            _server_timer.cancel()
            _server_timer = None
        if _server_users == 0:
            _server_timer = threading.Timer(FORKSERVER_IDLE_S, _stop_server_if_idle)
            _server_timer.daemon = True
            _server_timer.start()


def _stop_server_if_idle() -> None:
    """Stop this process's fork server, and the resource tracker it started, unless a pool
    uses them again (both restart on demand)."""
    with _server_lock:
        if _server_users == 0:
            for server in (forkserver._forkserver, resource_tracker._resource_tracker):
                stop = getattr(server, "_stop", None)  # CPython 3.8+
                if stop is not None:
                    with contextlib.suppress(OSError, ChildProcessError):
                        stop()


def _start_worker(initializer: Callable[..., object], initargs: tuple[Any, ...]) -> None:
    """In each worker: die at once on SIGTERM (which `Pool.terminate` sends; a handler a
    forked worker inherits, such as the figures child's, could leave it waiting on the
    task queue's lock), and with the process that started it (Linux)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    initializer(*initargs)


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    return [items[i : i + size] for i in range(0, len(items), max(1, size))]
