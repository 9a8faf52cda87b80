"""PySide6's import hook answers from the files' bytes, the same answer as before."""

from __future__ import annotations

import linecache
import subprocess
import sys
import types
from pathlib import Path

from editor.app import pyside_imports
from editor.app.pyside_imports import read_files_as_bytes, uses_pyside_from_bytes


def _module(tmp_path: Path, name: str, text: str | None) -> types.ModuleType:
    module = types.ModuleType(name)
    if text is not None:
        path = tmp_path / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        module.__file__ = str(path)
    return module


def test_the_answer_comes_from_the_file(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return True

    check = uses_pyside_from_bytes(original)
    assert check(_module(tmp_path, "uses", "from PySide6.QtCore import QObject\n")) is True
    assert check(_module(tmp_path, "plain", "import os\n")) is False
    assert asked == []  # both read from their files
    assert check(_module(tmp_path, "nofile", None)) is True  # no file: the original answers
    missing = _module(tmp_path, "gone", "x = 1\n")
    Path(missing.__file__ or "").unlink()
    assert check(missing) is True
    assert asked == ["nofile", "gone"]


def test_installed_once_and_no_source_is_kept(tmp_path: Path) -> None:
    assert read_files_as_bytes() is True
    feature = sys.modules["shibokensupport.feature"]
    installed = feature._mod_uses_pyside
    assert read_files_as_bytes() is True
    assert feature._mod_uses_pyside is installed  # not wrapped twice
    module = _module(tmp_path, "inkpost_probe_module", "from PySide6 import QtCore\n")
    assert installed(module) is True
    assert str(tmp_path / "inkpost_probe_module.py") not in linecache.cache


def test_a_process_importing_the_window_keeps_no_sources() -> None:
    """The window's modules are imported without their sources landing in linecache, and
    PySide6 still marks a module that uses it (feature id 0) and one that does not (-1)."""
    code = (
        "import linecache, sys\n"
        "from editor.app.pyside_imports import read_files_as_bytes\n"
        "assert read_files_as_bytes()\n"
        "import editor.ui.window.main_window, editor.core.post.model\n"
        "kept = [name for name in linecache.cache if '/editor/' in name]\n"
        "assert not kept, kept\n"
        "features = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "assert features['editor.ui.editor.highlighter'] == 0, features\n"
        "assert features['editor.core.post.model'] == -1, features\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=Path(pyside_imports.__file__).parents[2],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
