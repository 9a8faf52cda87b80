"""How long the GUI thread stalls while the library's figures pass runs (a typing proxy).

    python benchmarks/bench_library_stall.py [--posts N] [--keep DIR]
    python benchmarks/bench_library_stall.py --checks [--posts N] [--keep DIR]

Writes a Hugo site of N generated posts (default 1,000; benchmarks/posts.py, 200-1,500
words, 0-4 code blocks) in a temp folder, scans passes 1 and 2 into a fresh index (not
timed), then runs LibraryScanner(figures=True) on the GUI thread's event loop with a 5 ms
QTimer ticking, and prints:
  * the figures pass's wall time (scanner request to `finished`; passes 1 and 2 only catch
    up, a stat per file);
  * the gaps between timer ticks (median, p99, max): the longest time the GUI thread could
    not run, i.e. a key press waited;
  * whether the renderer's modules (markdown_it, pygments, markdown, editor.core.markdown.renderer)
    were imported into this, the GUI, process.
With --checks, the site is bench_library's (default 10,000 posts; --keep reuses a site
already there) and what runs is the Problems panel's site check (CheckRunner.request_site,
its thread and worker processes), request to `siteChecked`; target: max gap < 16 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.posts import make_post
from editor.core.library.index import LibraryIndex, index_bodies, scan_site
from editor.core.site.config import find_site

HEAVY = ("markdown_it", "pygments", "markdown", "editor.core.markdown.renderer")


def write_site(root: Path, posts: int) -> None:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n')
    for i in range(posts):
        text = make_post(200 + (i * 137) % 1300, i % 5, seed=i, title=f"Post {i}")
        (root / "content" / "posts" / f"post-{i:05d}.md").write_text(text, encoding="utf-8")


def prescan(root: Path, db: Path) -> None:
    site = find_site(root)
    outcome = scan_site(site, db, bodies=False)
    index_bodies(site, db, outcome.entries)


def measure(root: Path, db: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.library.worker import LibraryScanner

    app = QApplication.instance() or QApplication([])
    index = LibraryIndex.open(find_site(root), db)
    scanner = LibraryScanner(index, figures=True)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    failures: list[str] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    scanner.finished.connect(app.quit)
    scanner.failed.connect(failures.append)
    scanner.failed.connect(app.quit)
    timer.start()
    started = time.perf_counter()
    last[0] = started
    scanner.request()
    app.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    scanner.shutdown()
    exact = sum(1 for e in index.entries.values() if e.figures_exact)
    index.close()
    gaps.sort()
    heavy = [name for name in HEAVY if name in sys.modules]
    print(f"figures pass: {elapsed:.2f} s for {len(index.entries)} posts ({exact} exact)")
    if failures:
        print(f"  FAILED: {failures[0]}")
    print(
        f"GUI thread (5 ms timer, {len(gaps)} ticks): median gap "
        f"{statistics.median(gaps) * 1000:.1f} ms, p99 {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms,"
        f" max {gaps[-1] * 1000:.1f} ms"
    )
    print(f"renderer modules in the GUI process: {', '.join(heavy) or 'none'}")


def measure_checks(root: Path) -> None:
    """The GUI thread's gaps while CheckRunner checks the whole site."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.core.site.config import load_site
    from editor.ui.checks.runner import CheckRunner

    app = QApplication.instance() or QApplication([])
    runner = CheckRunner(load_site(root))
    reports: list[object] = []
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    marks_ms: list[float] = []

    def on_report(report: object) -> None:  # what the Problems link does with a report
        from editor.ui.window.problems_link import worst

        start = time.perf_counter()
        by_file = report.by_file()  # type: ignore[attr-defined]
        {path: worst(found) for path, found in by_file.items() if path}
        marks_ms.append((time.perf_counter() - start) * 1000)
        reports.append(report)
        app.quit()

    runner.siteChecked.connect(on_report)
    timer.start()
    started = last[0] = time.perf_counter()
    runner.request_site()
    app.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    runner.shutdown()
    gaps.sort()
    summary = getattr(reports[0], "summary", lambda: "no report")() if reports else "no report"
    print(f"site check: {elapsed:.2f} s ({summary})")
    print(
        f"GUI thread (5 ms timer, {len(gaps)} ticks): median gap "
        f"{statistics.median(gaps) * 1000:.1f} ms, p99 {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms,"
        f" max {gaps[-1] * 1000:.1f} ms"
    )
    if marks_ms:
        print(
            f"the report's marks per file (problems_link, on the GUI thread): {marks_ms[0]:.1f} ms"
        )
    heavy = [name for name in HEAVY if name in sys.modules]
    print(f"renderer modules in the GUI process: {', '.join(heavy) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int)
    parser.add_argument("--keep", type=Path, help="write the site here (kept)")
    parser.add_argument("--checks", action="store_true", help="the site check, not the figures")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="inkpost-stall-"))
    try:
        if args.checks:
            from benchmarks.bench_library import generate

            if not (tmp / "content").is_dir():
                tmp.mkdir(parents=True, exist_ok=True)
                generate(tmp, args.posts or 10_000)
            measure_checks(tmp.resolve())
            return 0
        args.posts = args.posts or 1000
        root = (tmp / "site").resolve()
        db = tmp / "library.sqlite"
        started = time.perf_counter()
        write_site(root, args.posts)
        prescan(root, db)
        print(f"site of {args.posts} posts written and scanned in ", end="")
        print(f"{time.perf_counter() - started:.1f} s")
        measure(root, db)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
