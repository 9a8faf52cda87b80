"""The writing window on a 50,000-word post, offscreen, for the in-process benchmarks.

`large_post_window(prefix, data=...)` builds a throwaway Hugo site holding one 50,000-word
post (benchmarks/posts.py), opens it in a MainWindow as the app does (without the library),
shown at 1400x900; `spin(seconds)` runs the event loop meanwhile. Imported by the child
processes of bench_typing.py and bench_render_pipeline.py, which run in the checkout under
test (its `editor` package first on the path).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from posts import make_post

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def large_post_window(prefix: str, *, data: bool) -> tuple[Any, Any, Path]:
    """(QApplication, MainWindow, the post): `data` keeps a recovery journal as the app
    does (autosave and the journal run while typing)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtWidgets import QApplication

    from editor.app.settings import Settings
    from editor.core.site.config import find_site
    from editor.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    root = Path(tempfile.mkdtemp(prefix=prefix))
    (root / "hugo.toml").write_text('title = "Blog"\n', encoding="utf-8")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    post = posts / "bench-50000.md"
    post.write_text(make_post(50000, 0, title="Bench 50000"), encoding="utf-8")
    window = MainWindow(
        Settings(root / "config"),
        find_site(root),
        preview_dir=RESOURCES / "preview",
        data_dir=root / "data" if data else None,
    )
    window.resize(1400, 900)
    window.open_post(post)
    window.show()
    return app, window, post


def spin(seconds: float) -> None:
    """Run the event loop for `seconds` (no busy waiting)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(1, round(seconds * 1000)), loop.quit)
    loop.exec()
