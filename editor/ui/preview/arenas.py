"""glibc's malloc arenas: at most a few for the GUI process, whose QtWebEngine starts ~20 threads.

glibc gives a thread that allocates while another holds the main arena an arena of its own
(up to 8 per core), each keeping its freed memory: the browser side of QtWebEngine (its IO,
network, compositor, GPU and thread-pool threads) made ~15 of them in the GUI process, which
held ~3.5 MiB more than with two (benchmarks/bench_memory.py, alternated starts). Those
threads are mostly idle; two arenas are what glibc's own documentation suggests for
many-threaded programs that care about memory (MALLOC_ARENA_MAX=2). Threads that already
have an arena keep it.

`cap_malloc_arenas()` does nothing where the C library is not glibc, or when the user set
MALLOC_ARENA_MAX (glibc read it at start).
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["ARENAS", "cap_malloc_arenas"]

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's malloc.h
_capped = False


def cap_malloc_arenas(count: int = ARENAS) -> bool:
    """Cap this process's malloc arenas at `count` (once); True if the cap is set now or was."""
    global _capped
    if _capped:
        return True
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the process runs with
    except (OSError, AttributeError):  # not glibc (musl has no mallopt arenas)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    _capped = bool(mallopt(_M_ARENA_MAX, count))
    return _capped
