"""Reading Pelican/MkDocs metadata lines at 1x, 2x and 4x their number: is it linear?

    python benchmarks/bench_meta_lines.py [--runs 5] [--lines 25000]

Each shape is a post whose metadata lines are hostile in one way: one key repeated on every
line (`Tags: x`), one key continued on every line, every line a key of its own, and a
500-character value on every line. For each size the median of `--runs` reads by
`Post.from_text(text, meta=True)` (split, parse, the Pelican checks) is printed, then the
growth per doubling (linear: about 2x; quadratic: about 4x).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.post.model import Post  # noqa: E402

SIZES = (1, 2, 4)
SHAPES: dict[str, Callable[[int], str]] = {
    "one key repeated": lambda n: "Title: x\n" + "Tags: x\n" * n,
    "one key continued": lambda n: "Summary: x\n" + "    more\n" * n,
    "a key per line": lambda n: "".join(f"Key{i}: value {i}\n" for i in range(n)),
    "long values": lambda n: "".join(f"K{i}: {'v' * 500}\n" for i in range(n)),
}


def read_seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Post.from_text(text, meta=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=25_000, help="metadata lines at 1x")
    args = parser.parse_args()
    print(f"{'shape':<20} " + " ".join(f"{f'{k}x (s)':>10}" for k in SIZES) + "  growth/doubling")
    for name, make in SHAPES.items():
        seconds = [read_seconds(make(args.lines * k) + "\nBody.\n", args.runs) for k in SIZES]
        growth = [b / a for a, b in itertools.pairwise(seconds)]
        cells = " ".join(f"{s:>10.3f}" for s in seconds)
        print(f"{name:<20} {cells}  " + " ".join(f"{g:.2f}x" for g in growth))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
