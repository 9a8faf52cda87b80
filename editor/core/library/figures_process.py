"""The library's figures pass (editor.core.library.figures) in a child process.

Rendering every post is seconds of pure Python (25 s for 10,000 posts) that would hold the
GIL against the GUI thread, and it needs the whole renderer (markdown-it, Pygments,
Python-Markdown) in memory. So the GUI side runs it as `python -m
editor.core.library.figures_process`, at a lower priority (nice 5), and only reads its output.
The child renders on every core (a forked pool, editor.core.library.pool) and is the one
process that writes the store.

Protocol: the parent writes one pickled `FiguresRequest` on the child's stdin and closes
it. The child loads the entries from the SQLite index, runs `compute_figures` for the
requested rel_paths (it stores the figures itself, in batches) and writes one JSON object
per line on stdout:
  {"progress": [done, total, rel_path]}
  {"figures": [[rel_path, words, reading_time], ...]}   (a stored batch)
  {"end": count}                                        (the last line of a whole pass)
Anything the renderer prints goes to stderr, which the parent keeps for error messages.

`FiguresProcess(request).run(progress)` is the parent side: it blocks (reads release the
GIL) and returns {rel_path: (words, reading_time)}. `terminate()` may be called from any
thread: the child is killed, and `run` returns what arrived so far with `cancelled` set.
A child that crashes or writes something else raises `FiguresProcessError`.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any

import editor
from editor.core.library.figures import Stored, compute_figures, site_config_for
from editor.core.library.pool import cpu_workers
from editor.core.library.store import LibraryStore
from editor.core.library.types import ScanProgress

__all__ = ["FiguresProcess", "FiguresProcessError", "FiguresRequest", "main"]

NICE = 5
_STDERR_TAIL = 2000


@dataclass(frozen=True)
class FiguresRequest:
    """Figures for `rel_paths` of the index at `db_path`, rendered for `site` (a
    SiteConfig or LibrarySite, as `compute_figures` takes)."""

    site: Any
    db_path: Path
    rel_paths: tuple[str, ...]


class FiguresProcessError(RuntimeError):
    """The child process failed: it crashed, or wrote something that is not the protocol."""


def child_command() -> list[str]:
    return [sys.executable, "-m", "editor.core.library.figures_process"]


def child_environment() -> dict[str, str]:
    """This environment, with the folder holding the `editor` package on PYTHONPATH."""
    env = dict(os.environ)
    package_root = str(Path(editor.__file__).resolve().parent.parent)
    old = env.get("PYTHONPATH", "")
    env["PYTHONPATH"] = package_root + (os.pathsep + old if old else "")
    return env


class FiguresProcess:
    """One figures pass in a child process (see the module docstring)."""

    def __init__(self, request: FiguresRequest) -> None:
        self._lock = threading.Lock()
        self._terminated = False
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (run() closes it)
        self._proc = subprocess.Popen(
            child_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=child_environment(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self.cancelled = False
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            self._proc.stdin.close()
        except OSError:  # the child died at once: run() reports how
            pass

    @property
    def pid(self) -> int:
        return self._proc.pid

    def terminate(self) -> None:
        """Kill the child (any thread; idempotent); `run` then returns early."""
        with self._lock:
            self._terminated = True
        self._kill()

    def _kill(self) -> None:
        with self._lock:
            if self._proc.returncode is None:
                with contextlib.suppress(OSError):
                    self._proc.terminate()

    def run(
        self, progress: Callable[[ScanProgress], None] | None = None
    ) -> dict[str, tuple[int, int]]:
        """Read the child's output to its end; see the module docstring."""
        figures: dict[str, tuple[int, int]] = {}
        ended = read_all = False
        bad: str | None = None
        assert self._proc.stdout is not None
        try:
            for raw in self._proc.stdout:
                try:
                    message = json.loads(raw)
                    if "progress" in message:
                        done, total, rel = message["progress"]
                        if progress is not None:
                            progress(ScanProgress(int(done), int(total), str(rel), "figures"))
                    elif "figures" in message:
                        for rel, words, minutes in message["figures"]:
                            figures[str(rel)] = (int(words), int(minutes))
                    elif "end" in message:
                        ended = True
                    else:
                        raise ValueError("unknown message")
                except (ValueError, TypeError, KeyError) as exc:
                    bad = f"unexpected output from the figures process ({exc}): {raw[:200]!r}"
                    break
            else:
                read_all = True
        finally:
            if not read_all:  # bad output, or `progress` raised: do not wait for the rest
                self._kill()
            self._proc.stdout.close()
            code = self._proc.wait()
        with self._lock:
            self.cancelled = self._terminated and bad is None
        error = self._stderr_tail()
        if bad is not None:
            raise FiguresProcessError(bad)
        if not ended and not self.cancelled:
            raise FiguresProcessError(f"the figures process failed (exit {code}): {error}")
        return figures

    def _stderr_tail(self) -> str:
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - _STDERR_TAIL))
            text = self._stderr.read().decode("utf-8", "replace").strip()
        finally:
            self._stderr.close()
        return text.splitlines()[-1] if text else "no message"


# --- the child ----------------------------------------------------------------------------


def serve(request: FiguresRequest, out: IO[str]) -> int:
    """Run the pass for `request`, writing the protocol lines on `out`; returns the count."""

    def send(message: object) -> None:
        out.write(json.dumps(message, separators=(",", ":")) + "\n")
        out.flush()

    def report(p: ScanProgress) -> None:
        send({"progress": [p.done, p.total, p.path]})

    def stored(batch: Sequence[Stored]) -> None:
        send({"figures": [[rel, words, minutes] for rel, words, minutes, _summary in batch]})

    config = site_config_for(request.site)
    store = LibraryStore(request.db_path, Path(config.root).resolve())
    try:
        entries = store.load_all()
    finally:
        store.close()
    figures = compute_figures(
        config,
        request.db_path,
        entries,
        only=request.rel_paths,
        progress=report,
        stored=stored,
        workers=cpu_workers(),
    )
    send({"end": len(figures)})
    return len(figures)


def _exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    """Child-process entry: protocol lines on the real stdout; anything printed goes to stderr."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICE)
    # terminate() is SIGTERM: exit through the pool's `with`, which terminates the workers
    signal.signal(signal.SIGTERM, _exit_on_signal)
    request = pickle.load(sys.stdin.buffer)
    if not isinstance(request, FiguresRequest):
        print(f"not a FiguresRequest: {type(request).__name__}", file=sys.stderr)
        return 2
    try:
        serve(request, out)
    except BrokenPipeError:  # the parent is gone: nobody wants the figures any more
        return 1
    return 0


if __name__ == "__main__":
    # Run the importable module, not this `__main__` copy: the pickled request names the
    # classes of `editor.core.library.figures_process`.
    from editor.core.library.figures_process import main as _main

    sys.exit(_main())
