"""What spell checking costs a key: key-to-paint latency in a 50,000-word post, on vs off.

    python benchmarks/bench_spelling.py [--keys 200] [--words 50000] [--interval 60]

In process, offscreen Qt: a DocumentTab (PostEditor and its highlighter) holds the post with
the cursor in the middle, 1000x800. Keys are sent by a timer every `interval` ms; a key's
latency runs from the moment it was due (so a key kept waiting by the spelling's own work on
the GUI thread, or by its background thread holding the GIL, counts) to the end of the
editor's next paint. "on" attaches EditorSpelling (English dictionary, loaded first), "off"
does not. The time of each spelling refresh on the GUI thread (collect the visible blocks,
submit, underline), wall and CPU, and the CPU of each check on the worker are reported too:
on a busy machine the CPU times are the steadier figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(values):6.2f} ms  p95 {p95:6.2f} ms  "
        f"max {max(values):6.2f} ms  (n={len(values)})"
    )


def measure(spelling_on: bool, words: int, keys: int, interval: int) -> dict[str, list[float]]:
    from posts import make_post
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editor.core.site.config import SiteConfig
    from editor.ui.editor.documents import Document, DocumentTab
    from editor.ui.editor.spelling import EditorSpelling, SpellingService

    app = QApplication.instance() or QApplication(["bench"])
    document = Document(text=make_post(words, code_blocks=20))
    tab = DocumentTab(document)
    document.setParent(tab)
    tab.resize(1000, 800)
    tab.show()
    editor = tab.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    editor.setFocus()
    refreshes: list[float] = []
    refresh_cpu: list[float] = []
    job_cpu: list[float] = []
    import editor.ui.editor.spelling as spelling_module

    check = spelling_module.check_blocks

    def timed_check(speller: object, lines: object) -> object:
        cpu = time.thread_time()
        try:
            return check(speller, lines)  # type: ignore[arg-type]
        finally:
            job_cpu.append((time.thread_time() - cpu) * 1000)

    spelling_module.check_blocks = timed_check  # type: ignore[assignment]
    if spelling_on:
        service = SpellingService(tab)
        service.set_site(SiteConfig.hugo_defaults(Path("/tmp/bench-spelling-site")))
        spelling = EditorSpelling(editor, tab.highlighter, service)
        original = spelling.refresh

        def timed_refresh(*, reuse: bool = False) -> None:
            start = time.perf_counter()
            cpu = time.thread_time()
            original(reuse=reuse)
            refreshes.append((time.perf_counter() - start) * 1000)
            refresh_cpu.append((time.thread_time() - cpu) * 1000)

        spelling._timer.timeout.disconnect()
        spelling._timer.timeout.connect(timed_refresh)
        spelling.refresh = timed_refresh  # type: ignore[method-assign]
        deadline = time.monotonic() + 30
        while (service.speller is None or spelling.pending) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
    for _ in range(20):
        app.processEvents()
    refreshes.clear()
    refresh_cpu.clear()
    job_cpu.clear()

    samples: list[float] = []
    due: list[float] = []

    original_paint = editor.paintEvent

    def paint(event: object) -> None:
        original_paint(event)  # type: ignore[arg-type]
        if due:
            now = time.perf_counter()
            samples.extend((now - d) * 1000 for d in due)
            due.clear()

    editor.paintEvent = paint  # type: ignore[method-assign]
    start = time.perf_counter()
    sent = 0

    def send() -> None:
        nonlocal sent
        due.append(start + sent * interval / 1000)
        QTest.keyClick(editor, Qt.Key.Key_A if sent % 6 else Qt.Key.Key_Space)
        sent += 1
        if sent < keys:
            delay = start + sent * interval / 1000 - time.perf_counter()
            QTimer.singleShot(max(0, int(delay * 1000)), send)

    QTimer.singleShot(0, send)
    end = start + (keys + 10) * interval / 1000 + 1
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)
    tab.close()
    tab.deleteLater()
    app.processEvents()
    spelling_module.check_blocks = check
    return {
        "latency": samples,
        "refresh": refreshes,
        "refresh_cpu": refresh_cpu,
        "job_cpu": job_cpu,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--interval", type=int, default=60)
    args = parser.parse_args()
    for label, on in (("off", False), ("on", True)):
        data = measure(on, args.words, args.keys, args.interval)
        print(f"spelling {label:3}  key to paint: {summary(data['latency'])}")
        if on:
            print(f"    refresh, GUI thread, wall: {summary(data['refresh'])}")
            print(f"    refresh, GUI thread, CPU:  {summary(data['refresh_cpu'])}")
            print(f"    check job, worker, CPU:    {summary(data['job_cpu'])}")
            per_key = (sum(data["refresh_cpu"]) + sum(data["job_cpu"])) / args.keys
            print(f"    spelling CPU per key (GUI + worker): {per_key:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
