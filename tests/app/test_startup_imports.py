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
    # core/post/edits: one-field edits and front matter the fast path leaves; site/files: a
    # YAML config (tests/core/test_light_imports.py runs each of these actions first)
    "editor.core.post.edits",
    "editor.core.post.native",
    "ruamel.yaml",
    "tomlkit",
    "slugify",  # core/site/slugs: a new post's file name
    "text_unidecode",  # Zola slugs
    "urllib.request",  # core/preview/links binds url2pathname without it
    "secrets",  # core/post/storage names temp files with os.urandom
    "hmac",
    "uuid",  # core/safety/journal: a document's id, at first use
    "difflib",  # the journal's recovery diffs
    # the window's parts (ui/window/parts.py), made after the preview shows the post
    "editor.ui.window.problems_link",
    "editor.ui.window.front_matter_link",
    "editor.ui.window.outline_link",
    "editor.ui.window.publish_link",
    "editor.ui.window.export_link",
    "editor.ui.window.help_menu",
    "editor.ui.window.recent",
    "editor.ui.window.drop",
    "editor.ui.window.spelling_link",
    "editor.ui.preview.site_mode",
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
