"""The GUI process's malloc arenas are capped (editor/ui/preview/arenas.py)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from editor.ui.preview import arenas

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's arenas")

# Eight threads allocate at once; glibc's malloc_stats() prints one "Arena N:" per arena.
_THREADS = """
import ctypes, sys, threading
if sys.argv[1] == "cap":
    from editor.ui.preview.arenas import cap_malloc_arenas
    assert cap_malloc_arenas()
barrier = threading.Barrier(8)
kept = []
def work():
    barrier.wait()
    kept.append([bytearray(1 << 16) for _ in range(20)])
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
ctypes.CDLL(None).malloc_stats()
"""


def _arenas(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run(
        [sys.executable, "-c", _THREADS, mode],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


def test_threads_share_at_most_the_capped_arenas() -> None:
    assert _arenas("free") > arenas.ARENAS  # what the cap prevents
    assert 1 <= _arenas("cap") <= arenas.ARENAS


def test_the_users_setting_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arenas, "_capped", False)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert arenas.cap_malloc_arenas() is False
