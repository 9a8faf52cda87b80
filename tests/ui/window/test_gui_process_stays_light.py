"""The GUI process never loads the renderer: library figures and previews render in children.

The check runs in a fresh Python (this file as a script), so what other tests imported does
not count: it starts a LibraryScanner with figures on a small site and a RenderController
on a post with a fenced code block, waits for both results, then lists which of the
renderer's modules are in its sys.modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("markdown_it", "pygments", "markdown", "mdit_py_plugins", "editor.core.markdown.renderer")
POST = "---\ntitle: Light\n---\n# Code\n\nSome text.\n\n```python\ndef f():\n    return 1\n```\n"


def test_the_gui_process_does_not_import_the_renderer(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[3]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo))
    env.pop("INKPOST_BLOCK_QT", None)
    done = subprocess.run(
        [sys.executable, __file__, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["figures_exact"] == 3
    assert report["words"] == 12
    assert 'class="highlight"' in report["html"] and "<h1" in report["html"]
    assert report["heavy"] == []


def _probe(folder: Path) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.core.library.index import LibraryIndex
    from editor.core.preview.service import RenderOutcome
    from editor.core.site.config import find_site
    from editor.ui.library.worker import LibraryScanner
    from editor.ui.workers import RenderController

    root = folder / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    for i in range(3):
        text = f"---\ntitle: Post {i}\n---\n" + " ".join(["word"] * (10 + i)) + "\n"
        (root / "content" / "posts" / f"p{i}.md").write_text(text, encoding="utf-8")
    root = root.resolve()
    site = find_site(root)

    app = QApplication.instance() or QApplication([])
    loop = QEventLoop()
    outcomes: list[RenderOutcome] = []
    finished: list[object] = []
    errors: list[str] = []

    def check() -> None:
        if errors or (outcomes and finished):
            loop.quit()

    index = LibraryIndex.open(site, folder / "library.sqlite")
    scanner = LibraryScanner(index, figures=True)
    scanner.finished.connect(lambda result: (finished.append(result), check()))
    scanner.failed.connect(lambda message: (errors.append(message), check()))
    controller = RenderController(debounce_ms=0)
    controller.rendered.connect(lambda outcome: (outcomes.append(outcome), check()))
    controller.failed.connect(lambda message: (errors.append(message), check()))
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: (errors.append("timed out"), loop.quit()))
    guard.start(50_000)
    scanner.request()
    controller.request(POST, site, root / "content" / "posts" / "light.md")
    loop.exec()
    guard.stop()
    scanner.shutdown()
    controller.shutdown()
    if errors:
        raise SystemExit(f"failed: {errors}")
    entries = index.entries
    index.close()
    app.processEvents()
    return {
        "figures_exact": sum(1 for e in entries.values() if e.figures_exact),
        "words": entries["content/posts/p2.md"].words,
        "html": outcomes[-1].result.html,
        "heavy": [name for name in HEAVY if name in sys.modules],
    }


if __name__ == "__main__":
    print(json.dumps(_probe(Path(sys.argv[1]))))
