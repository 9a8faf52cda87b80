"""The GUI thread's CPU per typed key in the 50,000-word post (offscreen, in process).

    python benchmarks/bench_typing.py [--keys 400] [--runs 3] [--profile] [--baseline DIR]
                                      [--tree DIR] [--paragraph CHARS]

Opens the window (MainWindow, as the app does, without the library) on a 50,000-word post,
puts the cursor at the end and types `--keys` keys of words and spaces at 78 keys/s (the
event loop runs between keys: timers, the spelling check, the preview's results, repaints of
the offscreen window). Prints the GUI thread's CPU per key (time.thread_time over the burst,
idle waits excluded) and the wall time the loop spent busy. With --profile, cProfile's top
functions by own time. With --baseline DIR, the same measured in the checkout DIR (a git
worktree), run after run alternated, each in a fresh process; medians [min-max] and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TYPED = "the quick brown fox jumps over the lazy dog while we measure how the editor keeps up "
KEYS_PER_S = 78.0


def child(keys: int, profile: bool, paragraph: int = 0) -> int:
    """Runs inside the tree under test (PYTHONPATH): prints one JSON line."""
    sys.path.insert(0, str(HERE))
    from offscreen import large_post_window, spin
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    app, win, _post = large_post_window("bench-typing-", data=True)
    spin(6.0)  # the preview starts, the first render, the spelling dictionary
    editor = win.current_editor()
    assert editor is not None
    editor.moveCursor(QTextCursor.MoveOperation.End)
    if paragraph:  # the paragraph typed into is this many characters long already
        editor.textCursor().insertText((TYPED * (paragraph // len(TYPED) + 1))[:paragraph])
    editor.setFocus()
    spin(2.0)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.thread_time)  # CPU time: idle waits left out
        profiler.enable()
    cpu, start = time.thread_time(), time.monotonic()
    for i in range(keys):
        char = TYPED[i % len(TYPED)]
        QTest.keyClicks(editor, char)
        wait = start + (i + 1) / KEYS_PER_S - time.monotonic()
        spin(max(wait, 0.001))
    spin(3.0)  # what typing scheduled (autosave, checks, the outline) runs too
    cpu = time.thread_time() - cpu
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(40)
    print(json.dumps({"cpu_ms_per_key": cpu * 1000 / keys}), flush=True)
    for tab in win.tab_list():
        tab.document.text_document.setModified(False)
    win.close()
    app.processEvents()
    return 0


def _run(tree: Path, keys: int, profile: bool, paragraph: int = 0) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    env["INKPOST_CONFIG_DIR"] = tempfile.mkdtemp(prefix="bench-typing-config-")
    args = [sys.executable, str(HERE / "bench_typing.py"), "--child", "--keys", str(keys)]
    args += ["--paragraph", str(paragraph)]
    done = subprocess.run(
        args + (["--profile"] if profile else []),
        env=env,
        cwd=tree,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout.splitlines()[-1])["cpu_ms_per_key"])


def _fig(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout measured")
    parser.add_argument(
        "--paragraph", type=int, default=0, help="characters already in the paragraph typed into"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.keys, args.profile, args.paragraph)
    trees = {"this tree": args.tree.resolve()}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    results: dict[str, list[float]] = {name: [] for name in trees}
    for run in range(args.runs):
        for name, tree in trees.items():
            results[name].append(_run(tree, args.keys, args.profile, args.paragraph))
            print(f"run {run + 1} {name}: {results[name][-1]:.2f} ms CPU per key", flush=True)
    for name, values in results.items():
        print(f"{name:10s} GUI-thread CPU per key, ms: {_fig(values)} (n={len(values)})")
    if "baseline" in results:
        ratio = statistics.median(results["this tree"]) / statistics.median(results["baseline"])
        per_run = [a / b for a, b in zip(results["this tree"], results["baseline"], strict=True)]
        print(f"ratio this/baseline: {ratio:.2f} (per run {_fig(per_run)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
