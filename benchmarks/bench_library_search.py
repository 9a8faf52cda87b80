"""How long the GUI thread stalls when a paragraph is pasted or typed into the library search.

    python benchmarks/bench_library_search.py [--posts N] [--runs R] [--keep DIR]

Writes a Hugo site of N generated posts (default 10,000; benchmarks/posts.py) in a temp
folder and indexes it (not timed). Then, in one process, for R runs each (default 5):

  * old: the search as it was, synchronous on the GUI thread with an unbounded query
    (every word of the text a prefix term), once for the pasted 2 KB paragraph and once
    per key while its first 60 characters are typed;
  * new: LibraryPanel's search box (LibrarySearch: bounded query, 150 ms debounce,
    worker thread), the same paste and the same typing (a key every 30 ms).

While each runs, a 5 ms QTimer ticks on the GUI thread; the longest gap between ticks is
how long a key press could have waited. Prints the medians over the runs and the ratio
old/new.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_library_stall import prescan, write_site
from benchmarks.posts import make_post
from editor.core.library import store
from editor.core.site.config import find_site

TYPED_CHARS = 60
KEY_MS = 30


def paragraph(size: int = 2048) -> str:
    """About `size` characters of post prose, as a user would paste it."""
    text = make_post(900, 0, seed=4242, title="Pasted")
    body = text.split("---", 2)[2]
    prose = " ".join(
        line for line in body.splitlines() if line and not line.startswith(("#", "```", "    "))
    )
    return prose[:size]


def old_search(conn: sqlite3.Connection, text: str) -> int:
    """The search before the bound: every word of `text` a prefix term, on this thread."""
    words = store._WORDS.findall(text)
    if not words:
        return 0
    query = " ".join(store._prefix_term(w) for w in words)
    rows = conn.execute(
        "SELECT p.rel_path, snippet(fts, -1, '[', ']', '…', 12) FROM fts"
        " JOIN posts p ON p.id = fts.rowid WHERE fts MATCH ? ORDER BY rank LIMIT 100",
        (query,),
    ).fetchall()
    return len(rows)


class Heartbeat:
    """A 5 ms QTimer on the GUI thread; `max_gap` is the longest wait between its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def __enter__(self) -> Heartbeat:
        self.gaps = []
        self.last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._tick()
        self.timer.stop()

    @property
    def max_gap_ms(self) -> float:
        return max(self.gaps) * 1000


def spin_until(done: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def spin_for(ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    spin_until(lambda: time.perf_counter() >= end)


def run_old(db: Path, text: str, *, typed: bool) -> float:
    """The old path's longest GUI stall (ms): queries run between the heartbeat's ticks."""
    from PySide6.QtCore import QTimer

    conn = sqlite3.connect(db)
    steps = [text[:i] for i in range(1, TYPED_CHARS + 1)] if typed else [text]
    todo = list(steps)

    def next_key() -> None:
        old_search(conn, todo.pop(0))
        if todo:
            QTimer.singleShot(KEY_MS, next_key)

    with Heartbeat() as beat:
        QTimer.singleShot(0, next_key)
        spin_until(lambda: not todo)
        spin_for(20)
    conn.close()
    return beat.max_gap_ms


def run_new(panel: object, text: str, *, typed: bool) -> tuple[float, float]:
    """(longest GUI stall ms, ms from the last key to the hits shown) through the panel."""
    from PySide6.QtCore import QTimer

    search = panel.search  # type: ignore[attr-defined]
    edit = panel.search_edit  # type: ignore[attr-defined]
    steps = [text[:i] for i in range(1, TYPED_CHARS + 1)] if typed else [text]
    todo = list(steps)
    shown: list[float] = []
    last_key = [0.0]

    def on_found(_text: str, _rows: object) -> None:
        shown.append(time.perf_counter())

    search.found.connect(on_found)

    def next_key() -> None:
        edit.setText(todo.pop(0))
        last_key[0] = time.perf_counter()
        if todo:
            QTimer.singleShot(KEY_MS, next_key)

    with Heartbeat() as beat:
        QTimer.singleShot(0, next_key)
        spin_until(
            lambda: not todo and bool(shown) and shown[-1] >= last_key[0] and not search.busy
        )
        spin_for(20)
    search.found.disconnect(on_found)
    edit.setText("")
    spin_until(lambda: not search.busy)
    return beat.max_gap_ms, (shown[-1] - last_key[0]) * 1000


def measure(root: Path, db: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from editor.ui.library.panel import LibraryPanel

    app = QApplication.instance() or QApplication([])
    panel = LibraryPanel(figures=False)
    panel.set_site(find_site(root), db)
    spin_until(lambda: panel.scanner is not None and not panel.scanner.busy)
    text = paragraph()
    print(f"paste: {len(text)} characters, {len(text.split())} words")
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        for typed in (False, True):
            kind = "typed" if typed else "paste"
            results.setdefault(f"old {kind}", []).append(run_old(db, text, typed=typed))
            stall, latency = run_new(panel, text, typed=typed)
            results.setdefault(f"new {kind}", []).append(stall)
            results.setdefault(f"new {kind} latency", []).append(latency)
    panel.close_site()
    del app
    med = {key: statistics.median(values) for key, values in results.items()}
    for kind in ("paste", "typed"):
        old, new = med[f"old {kind}"], med[f"new {kind}"]
        print(
            f"{kind:5}: GUI stall old (synchronous) {old:7.1f} ms, new {new:5.1f} ms"
            f" (x{old / new:.0f} less); new: hits {med[f'new {kind} latency']:.0f} ms"
            f" after the last key (150 ms debounce)  [medians of {runs}]"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the site here (kept, reused)")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="inkpost-search-"))
    try:
        root = (tmp / "site").resolve()
        db = tmp / "library.sqlite"
        if not db.exists():
            started = time.perf_counter()
            write_site(root, args.posts)
            prescan(root, db)
            print(f"site of {args.posts} posts written and indexed in ", end="")
            print(f"{time.perf_counter() - started:.1f} s")
        measure(root, db, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
