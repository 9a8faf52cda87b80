"""The site preview (View > Site Preview): from a save to the site page showing the change.

    .venv/bin/python benchmarks/bench_site_preview.py [--posts 200] [--saves 9]

A generated Hugo site of `--posts` posts (about 600 words each, a small theme with a list
page, a menu of the posts and a single layout) is served by Inkpost's `SiteServer` and shown
in a `SiteView` (Qt offscreen). Each save writes the post as Inkpost saves it (a new title),
then waits until the page shown has that title (rebuild, reload, load finished). Measures
(medians over the saves):
  save->shown    the save -> the site preview shows the change (Inkpost, end to end)
  hugo total     the same rebuild's "Total in N ms" (Hugo's own rebuild time)
  save->served   the save -> Hugo's server answers the new page over HTTP (polled every 5
                 ms beside; what any browser on `hugo server` could show at best)
  build->shown   from the start of Hugo's timed rebuild ("Total" line's arrival - N ms) to
                 shown: what Inkpost adds to Hugo's own rebuild, Hugo's file watcher aside
and prints save->shown / hugo total (issue 14's target: under 1.5), save->shown /
save->served and build->shown / hugo total.

    .venv/bin/python benchmarks/bench_site_preview.py --typing

types 200 keys (33 a second) into the real window in Fast mode, then in Site mode while
another post is saved every 300 ms (Hugo rebuilding), and prints each key's handling time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses its sandbox as root
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from posts import make_post  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core.site.config import load_site  # noqa: E402
from editor.ui.preview.site_server import SiteServer  # noqa: E402
from editor.ui.preview.site_view import SiteView  # noqa: E402

SINGLE = """<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<nav>{{ range first 20 .Site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ end }}</nav><h1 class="t">{{ .Title }}</h1>{{ .Content }}</body></html>"""
LIST = """<!doctype html><html><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">
{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul></body></html>"""


def make_site(root: Path, posts: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\ntheme = "bench"\n', encoding="utf-8"
    )
    layouts = root / "themes" / "bench" / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    for i in range(posts):
        text = make_post(600, code_blocks=2, seed=i, title=f"Post {i}")
        (folder / f"post-{i:03d}.md").write_text(text, encoding="utf-8")
    return folder / "post-000.md"


def wait(app: QApplication, done: object, timeout_s: float = 60.0) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        QTimer.singleShot(2, loop.quit)
        loop.exec()
    if not done():  # type: ignore[operator]
        raise SystemExit("timed out")


def settle(app: QApplication) -> None:
    """Let the watcher and the page settle between saves (half a second)."""
    end = time.monotonic() + 0.5
    wait(app, lambda: time.monotonic() >= end)


def save(path: Path, text: str) -> None:
    """As Document.save writes: a temporary file beside, then an atomic replace."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def poll_served(url: str, title: str, out: list[float], start: float) -> None:
    needle = f'class="t">{title}<'
    while time.monotonic() - start < 30:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8", errors="replace"):
                    out.append(time.monotonic() - start)
                    return
        except OSError:
            pass
        time.sleep(0.005)


def key_times(app: QApplication, editor: object, keys: int) -> list[float]:
    """Milliseconds each of `keys` typed letters takes to handle (posted events included)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    out = []
    for i in range(keys):
        start = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_A + (i % 26))  # type: ignore[call-overload]
        app.processEvents()
        out.append((time.perf_counter() - start) * 1000)
        end = time.monotonic() + 0.03  # 33 keys a second
        wait(app, lambda end=end: time.monotonic() >= end)
    return out


def typing_latency(posts: int) -> int:
    """Keys in the real window, Fast mode, then Site mode while Hugo rebuilds continually."""
    from editor.app.settings import Settings
    from editor.core.site.config import find_site
    from editor.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="inkpost-bench-typing-") as tmp:
        post = make_site(Path(tmp) / "site", posts)
        other = post.with_name("post-001.md")
        window = MainWindow(
            Settings(Path(tmp) / "config"),
            find_site(Path(tmp) / "site"),
            preview_dir=HERE.parent / "resources" / "preview",
        )
        window.resize(1200, 800)
        window.open_post(post)
        window.show()
        wait(app, lambda: window.preview is not None)
        editor = window.current_editor()
        fast = key_times(app, editor, 200)
        window.preview_modes.choose("site")
        wait(app, lambda: bool(window.preview_modes.server.url), 120)
        text = other.read_text(encoding="utf-8")
        rebuilt: list[float] = []
        window.preview_modes.server.rebuilt.connect(rebuilt.append)
        stop = [False]

        def touch() -> None:  # a save elsewhere every 300 ms: Hugo keeps rebuilding
            n = 0
            while not stop[0]:
                n += 1
                save(other, text + f"\n\nEdit {n}.\n")
                time.sleep(0.3)

        import threading

        toucher = threading.Thread(target=touch)
        toucher.start()
        site = key_times(app, editor, 200)
        stop[0] = True
        toucher.join()
        for tab in window.tab_list():
            tab.document.text_document.setModified(False)
        window.close()
    for name, times in (("fast mode", fast), ("site mode, Hugo rebuilding", site)):
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(f"  key {name:28} median {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms")
    print(f"  rebuilds during the site-mode keys: {len(rebuilt)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--saves", type=int, default=9)
    parser.add_argument("--typing", action="store_true", help="measure typing instead")
    args = parser.parse_args()
    if args.typing:
        return typing_latency(args.posts)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="inkpost-bench-site-") as tmp:
        post = make_site(Path(tmp), args.posts)
        site = load_site(Path(tmp))
        server = SiteServer()
        view = SiteView()
        view.resize(1000, 800)
        view.show()
        totals: list[float] = []
        shown: list[str] = []
        server.rebuilt.connect(totals.append)
        view.shown.connect(shown.append)
        failures: list[str] = []
        server.failed.connect(failures.append)
        assert server.start(site), failures
        wait(app, lambda: bool(server.url) or bool(failures), 120)
        url = server.url.rstrip("/") + "/posts/post-000/"
        view.set_origin(server.url)
        view.show_url(url)
        wait(app, lambda: bool(shown))
        reload = server.rebuilt.connect(lambda _ms: view.show_url(url))
        original = post.read_text(encoding="utf-8")
        end_to_end: list[float] = []
        hugo: list[float] = []
        after_start: list[float] = []  # Hugo's build started -> shown
        built_at: list[float] = []  # when each "Total in" line arrived
        server.rebuilt.connect(lambda _ms: built_at.append(time.monotonic()))
        for i in range(args.saves):
            title = f"Saved title {i}"
            totals.clear()
            built_at.clear()
            seen = [False]

            def check(_url: str, title: str = title, seen: list[bool] = seen) -> None:
                view.run_js(
                    "document.querySelector('h1.t').textContent",
                    lambda text: seen.__setitem__(0, seen[0] or text == title),
                )

            view.shown.connect(check)
            start = time.monotonic()
            save(post, original.replace('title: "Post 0"', f'title: "{title}"'))
            wait(app, lambda seen=seen: seen[0])
            now = time.monotonic()
            end_to_end.append(now - start)
            view.shown.disconnect(check)
            wait(app, lambda: bool(totals))
            hugo.append(totals[0])
            after_start.append(now - (built_at[0] - totals[0] / 1000))
            settle(app)
        # Apart, so that polling takes no CPU from the saves above: Hugo's own save->served.
        server.rebuilt.disconnect(reload)
        served: list[float] = []
        for i in range(args.saves):
            title = f"Served title {i}"
            start = time.monotonic()
            save(post, original.replace('title: "Post 0"', f'title: "{title}"'))
            poll_served(url, title, served, start)
            settle(app)
        server.stop()
    shown_ms = statistics.median(end_to_end) * 1000
    served_ms = statistics.median(served) * 1000
    hugo_ms = statistics.median(hugo)
    start_ms = statistics.median(after_start) * 1000
    print(f"site: {args.posts} posts, {args.saves} saves (medians)")
    print(f"  save->shown   {shown_ms:8.1f} ms   (Inkpost's site preview, end to end)")
    print(f"  hugo total    {hugo_ms:8.1f} ms   (hugo server's own 'Total in')")
    print(f"  build->shown  {start_ms:8.1f} ms   (from the start of Hugo's timed rebuild)")
    print(f"  save->served  {served_ms:8.1f} ms   (hugo server answers the new page)")
    print(f"  ratio shown/total  {shown_ms / max(hugo_ms, 0.1):.2f}   (target < 1.5)")
    print(f"  ratio shown/served {shown_ms / max(served_ms, 0.1):.2f}")
    print(f"  ratio build->shown/total {start_ms / max(hugo_ms, 0.1):.2f}   (Hugo's watcher aside)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
