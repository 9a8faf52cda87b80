"""Does rendering in a thread stall typing? Key-to-repaint latency, thread vs process.

    python benchmarks/bench_render_worker.py [--keys 120] [--words 50000]

Runs under Xvfb (started here). For each mode a small window holds a QPlainTextEdit with
the post (cursor at the end) whose text is sent to a RenderController on every change,
so the renderer is busy the whole time; xdotool types keys from outside. Latency is the
X server's key timestamp (CLOCK_MONOTONIC, ms) to the end of the editor's next paint,
read with the same clock. The editor overrides keyPressEvent in Python, as the real
PostEditor does, so the GUI thread needs the GIL to handle a key.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_app(mode: str, words: int, out: Path) -> int:
    sys.path[:0] = [str(ROOT), str(HERE)]
    from posts import make_post
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeyEvent, QPaintEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from editor.core.site.config import SiteConfig
    from editor.ui.workers import RenderController

    app = QApplication(["bench"])
    site = SiteConfig.hugo_defaults(Path("/tmp/bench-site"))
    samples: list[float] = []
    renders: list[float] = []
    pending: list[int] = []

    class Editor(QPlainTextEdit):
        def keyPressEvent(self, event: QKeyEvent) -> None:
            pending.append(event.timestamp())
            super().keyPressEvent(event)

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if pending:
                now = time.monotonic() * 1000.0
                samples.extend(now - stamp for stamp in pending)
                pending.clear()

    editor = Editor()
    editor.setWindowTitle("bench-render-worker")
    editor.setPlainText(make_post(words, 0))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.resize(900, 700)
    controller = RenderController(mode=mode)  # type: ignore[arg-type]
    controller.rendered.connect(lambda o: renders.append(o.elapsed_ms))
    editor.textChanged.connect(lambda: controller.request(editor.toPlainText(), site, None))
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    controller.request(editor.toPlainText(), site, None)

    def ready() -> None:
        if not renders:
            QTimer.singleShot(50, ready)
            return
        print("READY", flush=True)

    def finish() -> None:
        controller.shutdown()
        out.write_text(json.dumps({"samples": samples, "renders": renders}))
        app.quit()

    QTimer.singleShot(50, ready)
    sys.stdin_watch = QTimer()  # type: ignore[attr-defined]
    stop_file = out.with_suffix(".stop")

    def poll_stop() -> None:
        if stop_file.exists():
            finish()

    sys.stdin_watch.timeout.connect(poll_stop)  # type: ignore[attr-defined]
    sys.stdin_watch.start(100)  # type: ignore[attr-defined]
    return app.exec()


def start_xvfb(display: str, size: str = "1400x900") -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            return proc
        time.sleep(0.05)
    raise RuntimeError("Xvfb did not start")


def measure(mode: str, words: int, keys: int, display: str, tmp: Path) -> dict[str, list[float]]:
    out = tmp / f"{mode}.json"
    for path in (out, out.with_suffix(".stop")):
        path.unlink(missing_ok=True)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen(
        [sys.executable, __file__, "--app", mode, "--words", str(words), "--out", str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert app.stdout is not None
    if app.stdout.readline().strip() != "READY":
        raise RuntimeError(f"{mode}: the app did not start")
    subprocess.run(["xdotool", "mousemove", "450", "350"], env=env, check=True)
    subprocess.run(["xdotool", "key", "--delay", "60", *(["a"] * keys)], env=env, check=True)
    time.sleep(1.0)
    out.with_suffix(".stop").touch()
    app.wait(timeout=60)
    data: dict[str, list[float]] = json.loads(out.read_text())
    return data


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms  "
        f"max {max(values):6.1f} ms  (n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--words", type=int, default=50000)
    parser.add_argument("--keys", type=int, default=120)
    parser.add_argument("--display", default=":97")
    args = parser.parse_args()
    if args.app:
        return run_app(args.app, args.words, args.out)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (apt-get install xvfb xdotool)")
    tmp = Path("/tmp/inkpost-bench-worker")
    tmp.mkdir(exist_ok=True)
    xvfb = start_xvfb(args.display)
    try:
        results = {}
        for mode in ("thread", "process", "thread", "process"):
            data = measure(mode, args.words, args.keys, args.display, tmp)
            results.setdefault(mode, {"samples": [], "renders": []})
            for key in data:
                results[mode][key] += data[key]
        for mode, data in results.items():
            print(f"{mode:8s} key->repaint {summary(data['samples'])}")
            print(f"{'':8s} render job   {summary(data['renders'])}")
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
