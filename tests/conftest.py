"""Test setup shared by every test: offscreen Qt, and an optional block on Qt imports.

With INKPOST_BLOCK_QT=1 any import of PySide6 or shiboken6 fails, so `tests/core`
proves that editor.core works where Qt cannot be imported at all (CI runs it so). The
`make_window` fixture (tests/ui and tests/app) imports Qt only when a test asks for it.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tests.ui.windows import WindowMaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# An app started by a test listens for later starts (editor/app/instance.py) in its own
# runtime folder, never in the user's, where a real Inkpost may be running.
os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="inkpost-test-runtime-")
# Nor does it touch the user's settings, recovery journal or caches (the spelling word
# list, the library index): one throwaway set of folders for the run, unless given.
_FOLDERS = tempfile.mkdtemp(prefix="inkpost-test-folders-")
for _kind in ("CONFIG", "DATA", "CACHE"):
    os.environ.setdefault(f"INKPOST_{_kind}_DIR", os.path.join(_FOLDERS, _kind.lower()))
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

_BLOCKED = ("PySide6", "shiboken6")


class _QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".")[0] in _BLOCKED:
            raise ImportError(f"{fullname} is blocked: INKPOST_BLOCK_QT=1 (core must not need Qt)")
        return None


if os.environ.get("INKPOST_BLOCK_QT") == "1":
    for name in list(sys.modules):
        if name.split(".")[0] in _BLOCKED:
            raise RuntimeError(f"{name} was imported before the Qt block was set up")
    sys.meta_path.insert(0, _QtBlocker())


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowMaker]:
    """Main windows on the test's throwaway sites, closed after it (tests/ui/windows.py)."""
    from tests.ui.windows import WindowMaker

    maker = WindowMaker(qtbot, tmp_path)
    yield maker
    maker.close_all()
