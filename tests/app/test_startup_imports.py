"""What the window's first frame does without: none of it is imported with the window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LATER = (
    "PySide6.QtWebEngineCore",  # the preview, created after the first paint
    "editor.core.checks",  # on the checks thread, with the first check
    "editor.core.library.pool",
    "editor.cli",
)


def test_the_window_module_leaves_them_for_later() -> None:
    code = (
        "import sys\n"
        "import editor.app.main, editor.ui.window.main_window\n"
        f"early = [m for m in {LATER!r} if m in sys.modules]\n"
        "assert not early, early\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=Path(__file__).parents[2],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
