"""Rendering speed: plain markdown-it-py against Inkpost's Renderer, full and through the cache.

    python benchmarks/bench_render.py [--runs N]

Generates a 3,600-word post with 16 code blocks and a 50,000-word post (varied prose, lists,
headings, tables, quotes, code), then reports the median of N runs for:
  * plain markdown-it-py ("commonmark" preset + table, render to HTML): the baseline;
  * Renderer full render with an empty cache (+ stats, when editor.core.stats.figures exists);
  * Renderer re-render after editing one paragraph of the 50,000-word post (warm cache).
Prints each median and its ratio to the baseline. Targets (issue 3): 3,600 words <= 20 ms,
50,000 words <= 300 ms, cached re-render <= 10 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from markdown_it import MarkdownIt

from editor.core.markdown.renderer import Renderer
from editor.core.stats import figures as stats_module

WORDS = [
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
    "his",
    "they",
    "at",
    "be",
    "this",
    "have",
    "from",
    "or",
    "one",
    "had",
    "by",
    "word",
    "but",
    "not",
    "what",
    "all",
    "were",
    "we",
    "when",
    "your",
    "can",
    "said",
    "there",
    "use",
    "an",
    "each",
    "which",
    "she",
    "do",
    "how",
    "their",
    "if",
    "will",
    "up",
    "other",
    "about",
    "out",
    "many",
    "then",
    "them",
    "these",
    "so",
    "some",
    "her",
    "would",
    "make",
    "like",
    "him",
    "into",
    "time",
    "has",
    "look",
    "two",
    "more",
    "write",
    "go",
    "see",
    "number",
    "no",
    "way",
    "could",
    "people",
    "my",
    "than",
    "first",
    "water",
    "been",
    "call",
    "who",
    "oil",
    "its",
    "now",
    "find",
    "long",
    "down",
    "day",
    "did",
    "get",
    "come",
    "made",
    "may",
    "part",
    "render",
    "markdown",
    "hugo",
    "static",
    "site",
    "template",
    "preview",
    "editor",
    "python",
    "parser",
    "token",
    "cache",
    "block",
]
CODE = {
    "python": "def f{n}(x: int) -> int:\n    '''Doc.'''\n    return x * {n}  # twice\n\n"
    "for i in range({n}):\n    print(f'value {{i}}')\n",
    "go": 'package main\n\nimport "fmt"\n\nfunc main() {{\n\tfmt.Println("n =", {n})\n}}\n',
    "js": "const xs = [1, 2, {n}].map((v) => v * 2);\nconsole.log(`sum ${{xs}}`);\n",
    "bash": 'for f in *.md; do\n  echo "$f" {n}\ndone\n',
}


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words[rng.randrange(n)] = f"*{rng.choice(WORDS)}*"
    if rng.random() < 0.2:
        words[rng.randrange(n)] = f"`{rng.choice(WORDS)}()`"
    if rng.random() < 0.15:
        words[rng.randrange(n)] = f"[{rng.choice(WORDS)}](https://example.com/{rng.choice(WORDS)})"
    if rng.random() < 0.1:
        words[rng.randrange(n)] = f'"{rng.choice(WORDS)}"'
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while words > 0:
        n = min(words, rng.randint(8, 20))
        out.append(_sentence(rng, n))
        words -= n
    return " ".join(out)


def make_post(total_words: int, code_blocks: int, seed: int = 1) -> str:
    """A post of about `total_words` words of prose with `code_blocks` fenced blocks."""
    rng = random.Random(seed)
    parts = ["---\ntitle: Benchmark post\ndate: 2026-01-01\n---\n"]
    per_code = total_words // (code_blocks + 1) if code_blocks else total_words
    section, code_left = 0, code_blocks
    code_words = code_blocks * 14  # about what one generated block holds
    written = 0
    while written < total_words - code_words:
        section += 1
        parts.append(f"## Section {section}: {rng.choice(WORDS)} {rng.choice(WORDS)}\n")
        for _ in range(rng.randint(2, 4)):
            n = rng.randint(40, 120)
            parts.append(_paragraph(rng, n) + "\n")
            written += n + 4
        kind = rng.random()
        if kind < 0.25:
            items = [f"- {_sentence(rng, rng.randint(4, 10))}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items) + "\n")
        elif kind < 0.35:
            parts.append("| a | b |\n|---|:-:|\n| " + " | ".join(rng.sample(WORDS, 2)) + " |\n")
        elif kind < 0.45:
            parts.append("> " + _sentence(rng, 12) + "\n")
        if code_left and written >= per_code * (code_blocks - code_left + 1):
            lang = rng.choice(sorted(CODE))
            body = CODE[lang].format(n=section)
            parts.append(f"```{lang}\n{body}```\n")
            code_left -= 1
    while code_left:
        parts.append(f"```python\n{CODE['python'].format(n=code_left)}```\n")
        code_left -= 1
    return "\n".join(parts)


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of `runs` calls (the machine is shared:
    CPU time is the steadier figure when other processes compete for the cores)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def edit_one_paragraph(text: str, rng: random.Random) -> str:
    paragraphs = [i for i, block in enumerate(text.split("\n\n")) if block[:1].isalpha()]
    blocks = text.split("\n\n")
    i = rng.choice(paragraphs)
    blocks[i] = blocks[i].replace(" the ", " THE edited ", 1) + " Edited."
    return "\n\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    from editor.core.site.config import SiteConfig

    site = SiteConfig.hugo_defaults(Path("/nonexistent-benchmark-site"))
    baseline = MarkdownIt("commonmark").enable("table")
    small = make_post(3480, 16, seed=1)  # 3,855 words: the first size >= 3,600
    large = make_post(49_450, 40, seed=2)  # 50,122 words
    words = [len(text.split("---\n", 2)[2].split()) for text in (small, large)]
    print(f"posts: {words[0]:,} and {words[1]:,} words (whitespace tokens of the body)")

    def full(text: str) -> Callable[[], object]:
        return lambda: Renderer(site, cache=False).render(text)

    def full_with_stats(text: str) -> Callable[[], object]:
        def run() -> object:
            result = Renderer(site, cache=False).render(text)
            stats_module.stats_from_html(result.html, cjk=False, more_html=result.more_html)
            return result

        return run

    rows: list[tuple[str, tuple[float, float], tuple[float, float], float | None]] = []

    def add(
        label: str, ms: tuple[float, float], base: tuple[float, float], target: float | None
    ) -> None:
        rows.append((label, ms, (ms[0] / base[0], ms[1] / base[1]), target))

    for name, text, target in (("3,600 words", small, 20.0), ("50,000 words", large, 300.0)):
        base = median_ms(lambda t=text: baseline.render(t), runs)  # type: ignore[misc]
        add(f"{name}: markdown-it-py baseline", base, base, None)
        add(f"{name}: Renderer full render", median_ms(full(text), runs), base, target)
        chunked = median_ms(lambda t=text: Renderer(site).render(t), runs)  # type: ignore[misc]
        add(f"{name}: Renderer first render, chunked (empty cache)", chunked, base, target)
        both = median_ms(full_with_stats(text), runs)
        add(f"{name}: Renderer full render + stats", both, base, target)

    renderer = Renderer(site)
    renderer.render(large)
    rng = random.Random(3)
    edits = [edit_one_paragraph(large, rng) for _ in range(runs)]
    current = iter(edits)
    base = median_ms(lambda: baseline.render(large), runs)
    cached = median_ms(lambda: renderer.render(next(current)), runs)
    add("50,000 words, one paragraph edited: cached re-render", cached, base, 10.0)
    page = Path("/nonexistent-benchmark-site/content/posts/big/index.md")
    renderer.render(large, preview=True, page_path=page)
    current = iter(edits)
    preview = median_ms(lambda: renderer.render(next(current), preview=True, page_path=page), runs)
    add("  the same in preview mode (data-line, paths)", preview, base, 10.0)

    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  wall ms  (x base)   cpu ms  (x base)  target (on wall / cpu)")
    for label, (wall, cpu), (rwall, rcpu), target in rows:
        verdict = ""
        if target is not None:
            marks = ["ok" if v <= target else "MISSED" for v in (wall, cpu)]
            verdict = f"<= {target:g} ms: {marks[0]} / {marks[1]}"
        print(
            f"{label:<{width}}  {wall:7.1f}  ({rwall:5.2f})  {cpu:7.1f}  ({rcpu:5.2f})  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
