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
already there, and its library index, library.sqlite, scanned once, not timed) and what
runs is the window's ProblemsLink: the index's entries in a LibraryModel and a view, the
site check (CheckRunner.request_site, its thread and worker processes), then the link
applying the marks on the GUI thread (timed), request to marks applied plus 200 ms; it
prints the three longest gaps and when they ended. Target: max gap < 16 ms.
--gc picks the GUI process's collector policy: app (editor/app/gc_policy.py, gc.freeze of
what is alive once the library is loaded), default (CPython's), freeze, thresholds.

Measured (2 shared cores, other work running; medians of 3 runs [min, max]):
  --checks, 10,000 posts, before (marks grouped on the GUI thread, index lookups per file,
  CPython GC): max 632 ms [566, 915], p99 17.5 [17.4, 18.7], median 5.1 ms; applying the
  marks 632 ms. After (marks grouped on the checks' thread, one dataChanged; app GC):
  max 39.8 ms [33.2, 51.5], p99 17.4 [17.3, 20.0], median 5.1 [5.1, 5.2]; applying the
  marks ~1 ms. CPython's GC instead: max 42.9 [35.4, 54.6]; thresholds (10,000, 20, 20):
  max 55.3 [29.5, 94.4]. The gaps left (~30-50 ms) end just before the report arrives and
  while worker results come in: the checks' thread holding the GIL in the merge
  (editor/core/checks/site_pass.py), not the GUI thread's own work.
  Figures pass, 1,000 posts: CPython GC max 58.8 ms [20.5, 62.3], p99 11.5; app GC
  (freeze) max 13.0 ms [8.9, 19.1], p99 8.0 [6.6, 8.8]; median 5.2 both.
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

TRIED_THRESHOLDS = (10_000, 20, 20)  # CPython's: (700, 10, 10)
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


def measure(root: Path, db: Path, policy: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.library.worker import LibraryScanner

    app = QApplication.instance() or QApplication([])
    index = LibraryIndex.open(find_site(root), db)
    scanner = LibraryScanner(index, figures=True)
    apply_gc(policy)
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


def apply_gc(policy: str) -> None:
    """`default`: CPython's collector; `freeze`/`app`: the app's policy
    (editor/app/gc_policy.py: freeze what is alive); `thresholds`: the alternative tried,
    higher generation thresholds (TRIED_THRESHOLDS)."""
    import gc

    from editor.app import gc_policy

    if policy == "thresholds":
        gc.set_threshold(*TRIED_THRESHOLDS)
    if policy in ("freeze", "app"):
        gc_policy.freeze_long_lived()


def library_db(root: Path) -> Path:
    """The site's library index beside it (scanned once, not timed)."""
    db = root / "library.sqlite"
    if not db.exists():
        scan_site(find_site(root), db, bodies=False)
    return db


def measure_checks(root: Path, policy: str) -> None:
    """The GUI thread's gaps while the window's ProblemsLink has the whole site checked and
    marks the library (a LibraryModel over the index's entries, alive in this process)."""
    from types import SimpleNamespace

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from editor.core.site.config import load_site
    from editor.ui.library.model import LibraryModel
    from editor.ui.window.problems_link import ProblemsLink

    app = QApplication.instance() or QApplication([])
    site = load_site(root)
    index = LibraryIndex.open(find_site(root), library_db(root))
    model = LibraryModel()
    model.set_entries([e for e in index.entries.values() if e.listed])
    window = QMainWindow()
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    library = SimpleNamespace(index=index, scanner=None, set_problems=model.set_problems)
    link = ProblemsLink(window, site)
    link.follow_library(library)
    apply_gc(policy)  # after the library loaded, as the app does
    reports: list[object] = []
    gaps: list[float] = []
    last = [time.perf_counter()]

    ends: list[float] = []  # when each gap ended

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        ends.append(now)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    marks_ms: list[float] = []
    arrived: list[float] = []

    def on_report(*args: object) -> None:  # the link's slot (report, marks), timed
        start = time.perf_counter()
        link._on_runner_site_checked(*args)  # type: ignore[arg-type]
        marks_ms.append((time.perf_counter() - start) * 1000)
        arrived.append(start - started)
        reports.append(args[0])
        QTimer.singleShot(200, app.quit)  # the gaps just after the marks count too

    link.runner.siteChecked.disconnect(link._on_runner_site_checked)
    link.runner.siteChecked.connect(on_report)
    timer.start()
    started = last[0] = time.perf_counter()
    link.runner.request_site()
    app.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    link.shutdown()
    index.close()
    longest = sorted(zip(gaps, ends, strict=True), reverse=True)[:3]
    gaps.sort()
    summary = getattr(reports[0], "summary", lambda: "no report")() if reports else "no report"
    print(f"site check: {elapsed:.2f} s ({summary}), gc policy: {policy}")
    print(
        f"GUI thread (5 ms timer, {len(gaps)} ticks): median gap "
        f"{statistics.median(gaps) * 1000:.1f} ms, p99 {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms,"
        f" max {gaps[-1] * 1000:.1f} ms"
    )
    where = ", ".join(f"{gap * 1000:.0f} ms at +{end - started:.2f} s" for gap, end in longest)
    came = arrived[0] if arrived else float("nan")
    print(f"  longest gaps: {where} (the report arrived at +{came:.2f} s)")
    if marks_ms:
        print(
            f"applying the marks to {model.rowCount()} rows (GUI thread): {marks_ms[0]:.1f} ms,"
            f" {sum(1 for e in index.entries.values() if model.problem(e.rel_path))} marked"
        )
    heavy = [name for name in HEAVY if name in sys.modules]
    print(f"renderer modules in the GUI process: {', '.join(heavy) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int)
    parser.add_argument("--keep", type=Path, help="write the site here (kept)")
    parser.add_argument("--checks", action="store_true", help="the site check, not the figures")
    parser.add_argument(
        "--gc",
        choices=("default", "thresholds", "freeze", "app"),
        default="app",
        help="the GUI process's garbage-collector policy (app: editor/app/gc_policy.py)",
    )
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="inkpost-stall-"))
    try:
        if args.checks:
            from benchmarks.bench_library import generate

            if not (tmp / "content").is_dir():
                tmp.mkdir(parents=True, exist_ok=True)
                generate(tmp, args.posts or 10_000)
            measure_checks(tmp.resolve(), args.gc)
            return 0
        args.posts = args.posts or 1000
        root = (tmp / "site").resolve()
        db = tmp / "library.sqlite"
        started = time.perf_counter()
        write_site(root, args.posts)
        prescan(root, db)
        print(f"site of {args.posts} posts written and scanned in ", end="")
        print(f"{time.perf_counter() - started:.1f} s")
        measure(root, db, args.gc)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
