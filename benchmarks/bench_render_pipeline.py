"""Last key -> preview patched in a 50,000-word post, in the real window, offscreen.

    python benchmarks/bench_render_pipeline.py --baseline /tmp/wt-base [--rounds 4] [--samples 6]

No X server: the MainWindow (its render process and WebEngine preview) runs offscreen
in a child Python per tree and round, the baseline tree and this one alternating. Each
sample types 10 keys 60 ms apart at the end of the post, then takes the time from the
last key to the preview's last patch (the page's script has applied it; Chromium's
paint comes after), once nothing more is pending. Also per sample: the
renders asked for, the GUI process's CPU time and the render process's CPU time (from
/proc) from the first key to the end. Prints medians [min-max] and ratios to the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIGURES = ("settle_ms", "renders", "gui_cpu_ms", "render_cpu_ms")


def _proc_cpu_ms(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def child(samples: int) -> int:
    """Runs inside the tree under test (PYTHONPATH): prints one JSON line of samples."""
    sys.path.insert(0, str(HERE))
    from offscreen import large_post_window, spin
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    _app, win, _post = large_post_window("bench-pipeline-", data=False)  # app kept alive

    def settled() -> bool:
        pane = win.preview
        return pane is not None and not win.preview_link.pending and not pane.busy

    end = time.monotonic() + 60
    while not settled() and time.monotonic() < end:
        spin(0.05)
    spin(2.0)
    editor = win.current_editor()
    assert editor is not None and win.preview is not None
    editor.moveCursor(QTextCursor.MoveOperation.End)
    painted: list[float] = []  # when the page's script applied a patch (a change)
    pane = win.preview
    patched = pane._on_js_patched

    def on_js_patched(count: object) -> None:
        painted.append(time.monotonic())
        patched(count)

    pane._on_js_patched = on_js_patched
    controller = win.render_controller
    out: dict[str, list[float]] = {name: [] for name in FIGURES}
    for _ in range(samples):
        spin(1.0)
        painted.clear()
        revision = controller.revision
        cpu, render_cpu = time.process_time(), _proc_cpu_ms(controller.process_id())
        last = 0.0
        for _key in range(10):
            QTest.keyClick(editor, Qt.Key.Key_Z)
            last = time.monotonic()
            spin(0.06)
        end = time.monotonic() + 10
        while time.monotonic() < end and not (settled() and painted and painted[-1] > last):
            spin(0.005)
        spin(0.5)  # anything later still counts
        if painted and painted[-1] > last:
            out["settle_ms"].append((painted[-1] - last) * 1000)
        out["renders"].append(float(controller.revision - revision))
        out["gui_cpu_ms"].append((time.process_time() - cpu) * 1000)
        out["render_cpu_ms"].append(_proc_cpu_ms(controller.process_id()) - render_cpu)
    print(json.dumps(out), flush=True)
    for tab in win.tab_list():
        tab.document.text_document.setModified(False)
    win.close()
    return 0


def _fig(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, help="a worktree to compare against")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--samples", type=int, default=6)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.samples)
    trees = {"this": ROOT}
    if args.baseline is not None:
        trees = {"baseline": args.baseline.resolve(), "this": ROOT}
    results: dict[str, dict[str, list[float]]] = {name: {f: [] for f in FIGURES} for name in trees}
    for rnd in range(args.rounds):
        order = list(trees) if rnd % 2 == 0 else list(reversed(trees))
        for name in order:
            env = dict(os.environ, PYTHONPATH=str(trees[name]))
            done = subprocess.run(
                [
                    sys.executable,
                    str(HERE / Path(__file__).name),
                    "--child",
                    "--samples",
                    str(args.samples),
                ],
                cwd=trees[name],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
            if not lines:
                print(f"{name}: no figures\n{done.stderr[-2000:]}", flush=True)
                continue
            got: dict[str, Any] = json.loads(lines[-1])
            for figure in FIGURES:
                results[name][figure] += got[figure]
            print(f"round {rnd} {name}: settle {_fig(got['settle_ms'])} ms", flush=True)
    for figure in FIGURES:
        line = f"{figure:14}" + "".join(f"  {name} {_fig(results[name][figure])}" for name in trees)
        if "baseline" in trees and results["baseline"][figure] and results["this"][figure]:
            base = statistics.median(results["baseline"][figure])
            if base:
                line += f"  ratio {statistics.median(results['this'][figure]) / base:.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
