"""Rendering time of hostile posts at 1x, 2x and 4x their size: is it linear? (issue 12)

    python benchmarks/bench_hostile.py [--runs N] [--scale K] [--no-hugo] [NAME ...]

Each tests/hostile/render-NAME.md body (its front matter dropped) repeated K times is the 1x
post; 2x and 4x repeat it 2K and 4K times. For each size the median of N renders by
`Renderer(site, cache=False)` (no chunk cache: the whole post is parsed) is printed, then the
growth per doubling (target <= 2.3x), then the time the real Hugo (.venv/bin/hugo, as
tests/hugo_site.py finds it) takes to build a throwaway site holding that one post at each
size ("fails" when Hugo stops the build, e.g. on an unclosed shortcode). render-ext-*.md are
rendered, and built, with the extensions a site turns on (passthrough for math, enableEmoji,
the extras, the cjk extension, guessSyntax: tests/core/markdown/test_render_hostile.py's
EXT_SITE and EXT_CONFIG): their costly work is in regular expressions and string searches,
which that test's line-count guard does not see, so this timing is their check.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.markdown.renderer import Renderer  # noqa: E402
from editor.core.site.config import SiteConfig  # noqa: E402
from tests.core.markdown.test_render_hostile import EXT_CONFIG, site_of  # noqa: E402
from tests.hugo_site import HugoSite, hugo_binary  # noqa: E402

HOSTILE = ROOT / "tests" / "hostile"
SIZES = (1, 2, 4)
_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def bodies(names: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(HOSTILE.glob("render-*.md")):
        name = path.name[len("render-") : -len(".md")]
        if names and name not in names:
            continue
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER_RE.match(text)
        out[name] = text[match.end() :] if match else text
    return out


def render_seconds(text: str, runs: int, site: SiteConfig) -> float:
    times = []
    for _ in range(runs):
        renderer = Renderer(site, cache=False)
        start = time.perf_counter()
        renderer.render(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def hugo_seconds(text: str, runs: int, config: dict[str, Any]) -> float | None:
    """Median wall time of `hugo` building a site with this one post; None if it fails."""
    exe = hugo_binary()
    if exe is None:
        return None
    times = []
    with tempfile.TemporaryDirectory() as folder:
        site = HugoSite(Path(folder), config)
        site.add("posts/hostile.md", '---\ntitle: "hostile"\n---\n' + text)
        site.write_config()
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(
                [exe, "--quiet"], cwd=folder, capture_output=True, timeout=600, check=False
            )
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                return None
    return statistics.median(times)


def _ms(seconds: float | None) -> str:
    return "fails" if seconds is None else f"{seconds * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=8)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    header = (
        f"{'case':30} {'1x KB':>7} {'1x ms':>8} {'2x ms':>8} {'4x ms':>8} "
        f"{'growth':>13} {'hugo 1x/2x/4x ms':>18}"
    )
    print(header)
    worst = 0.0
    for name, body in bodies(args.names).items():
        texts = [body * (args.scale * k) for k in SIZES]
        site = site_of(name)
        config = EXT_CONFIG if name.startswith("ext-") else {}
        ours = [render_seconds(text, args.runs, site) for text in texts]
        growth = [ours[i + 1] / max(ours[i], 1e-9) for i in range(len(ours) - 1)]
        worst = max(worst, *growth)
        hugo = (
            "" if args.no_hugo else "/".join(_ms(hugo_seconds(t, args.runs, config)) for t in texts)
        )
        print(
            f"{name:30} {len(texts[0].encode()) / 1024:7.0f} "
            + " ".join(f"{t * 1000:8.0f}" for t in ours)
            + f" {' '.join(f'{g:.2f}x' for g in growth):>13} {hugo:>18}",
            flush=True,
        )
    print(f"worst growth per doubling: {worst:.2f}x (target <= 2.3x)")


if __name__ == "__main__":
    main()
