"""Last key -> preview settled in a 50,000-word post, this tree against a baseline tree.

    python3 benchmarks/bench_render_settle.py --baseline /tmp/wt-base [--tree NAME=PATH]
        [--rounds 3] [--samples 5]

Uses bench_window's harness (Xvfb, XTEST keys, DAMAGE events; needs python3-xlib, re-runs
itself with /usr/bin/python3 like bench_window): each round starts Inkpost once from the
baseline tree, once from this tree and from each `--tree` (the order reversed every
other round), on the same 50,000-word post with the cursor at the end, and takes
`--samples` settle figures from each: 10 keys 60 ms apart, then the time from the last
key to the preview's last repaint (nothing drawn there for 1.5 s after it). Prints each
tree's figures per round, then its median [min-max] and ratio to the baseline's median.
Set INKPOST_PYTHON to the venv's python.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_window as bw  # noqa: E402  (re-runs itself under /usr/bin/python3 if need be)
from posts import make_post  # noqa: E402


def _app_for(name: str, root: Path) -> bw.App:
    return bw.inkpost_app(name, root, None)


def _settle_samples(screen: bw.Screen, app: bw.App, site: Path, post: Path, n: int) -> list[float]:
    run = bw.Run(screen, app, site, post)
    out: list[float] = []
    try:
        run.wait_shown(30.0)
        run.quiet(1.0, 8.0)
        screen.key("End", "Control_L")
        run.quiet(1.0, 8.0)
        for _ in range(n):
            settled = bw.settle_once(screen, app)
            if settled is not None:
                out.append(settled)
            run.quiet(1.0, 8.0)
    finally:
        run.close()
    return out


def _fig(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, required=True, help="a worktree to compare")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--display", type=int, default=94)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH, another tree")
    args = parser.parse_args()
    trees = {
        "baseline": _app_for("baseline", args.baseline.resolve()),
        "this": _app_for("this", ROOT),
    }
    for item in args.tree:
        name, _, path = item.partition("=")
        trees[name] = _app_for(name, Path(path).resolve())
    site = Path(tempfile.mkdtemp(prefix="bench-settle-"))
    shutil.copytree(ROOT / "resources" / "sample-site", site, dirs_exist_ok=True)
    post = site / "content" / "posts" / "bench-50000.md"
    post.write_text(make_post(50000, 0, title="Bench 50000"))
    screen = bw.Screen(args.display)
    results: dict[str, list[float]] = {name: [] for name in trees}
    try:
        for rnd in range(args.rounds):
            order = list(trees) if rnd % 2 == 0 else list(reversed(trees))
            got: dict[str, list[float]] = {}
            for name in order:
                got[name] = _settle_samples(screen, trees[name], site, post, args.samples)
                results[name] += got[name]
            print(f"round {rnd}: " + ", ".join(f"{n} {_fig(got[n])} ms" for n in trees), flush=True)
    finally:
        screen.close()
        shutil.rmtree(site, ignore_errors=True)
    base = results["baseline"]
    for name, values in results.items():
        ratio = ""
        if base and values:
            ratio = f", ratio to baseline {statistics.median(values) / statistics.median(base):.2f}"
        print(f"settle {name}: {_fig(values)} ms (n={len(values)}){ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
