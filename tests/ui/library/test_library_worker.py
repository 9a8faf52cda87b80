"""LibraryScanner: the three passes off the GUI thread, the figures pass in a child process."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from editor.core.library import figures_process
from editor.core.library.figures_process import FiguresProcess
from editor.core.library.index import LibraryIndex
from editor.core.library.types import ScanProgress
from editor.core.site.config import find_site
from editor.ui.library import worker as library_worker
from editor.ui.library.worker import LibraryScanner
from tests.core.library.test_library_figures import write_site


@pytest.fixture
def index(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = write_site(tmp_path / "site", 3)
    idx = LibraryIndex.open(find_site(root), tmp_path / "library.sqlite")
    yield idx
    idx.close()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[FiguresProcess]:
    """The figures processes the scanner starts."""
    processes: list[FiguresProcess] = []

    class Recording(FiguresProcess):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            processes.append(self)

    monkeypatch.setattr(library_worker, "FiguresProcess", Recording)
    return processes


def test_hugos_figures_arrive_from_the_child(qtbot, index: LibraryIndex, started) -> None:  # type: ignore[no-untyped-def]
    scanner = LibraryScanner(index, figures=True)
    progress: list[ScanProgress] = []
    batches: list[dict[str, Any]] = []
    scanner.progress.connect(progress.append)
    scanner.entriesReady.connect(batches.append)
    with qtbot.waitSignal(scanner.finished, timeout=20000):
        scanner.request()
    assert len(batches) == 3  # front matter, bodies, figures
    assert all(e.figures_exact for e in batches[-1].values())
    assert index.entries["content/posts/p002.md"].words == 12
    assert progress[-1] == ScanProgress(4, 4, "", "figures")
    assert len(started) == 1 and started[0]._proc.returncode == 0
    scanner.shutdown()


def test_no_child_when_every_figure_is_exact(qtbot, index: LibraryIndex, started) -> None:  # type: ignore[no-untyped-def]
    scanner = LibraryScanner(index, figures=True)
    with qtbot.waitSignal(scanner.finished, timeout=20000):
        scanner.request()
    with qtbot.waitSignal(scanner.finished, timeout=20000):
        scanner.request()
    assert len(started) == 1
    scanner.shutdown()


def _hanging_child(monkeypatch: pytest.MonkeyPatch) -> None:
    code = "import sys, time; sys.stdin.buffer.read(); time.sleep(120)"
    monkeypatch.setattr(figures_process, "child_command", lambda: [sys.executable, "-c", code])


def test_cancel_kills_the_child(qtbot, index: LibraryIndex, started, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _hanging_child(monkeypatch)
    scanner = LibraryScanner(index, figures=True)
    scanner.request()
    qtbot.waitUntil(lambda: len(started) == 1, timeout=20000)
    with qtbot.waitSignal(scanner.finished, timeout=5000):
        scanner.cancel()
    assert started[0]._proc.returncode == -signal.SIGTERM
    assert not scanner.busy
    scanner.shutdown()


def test_shutdown_leaves_no_child_running(qtbot, index: LibraryIndex, started, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _hanging_child(monkeypatch)
    scanner = LibraryScanner(index, figures=True)
    scanner.request()
    qtbot.waitUntil(lambda: len(started) == 1, timeout=20000)
    scanner.shutdown()
    assert started[0]._proc.returncode == -signal.SIGTERM
    assert not scanner.running


def test_a_new_request_restarts_the_pass(qtbot, index: LibraryIndex, started, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _hanging_child(monkeypatch)
    scanner = LibraryScanner(index, figures=True)
    scanner.request()
    qtbot.waitUntil(lambda: len(started) == 1, timeout=20000)
    monkeypatch.undo()  # the next child is the real one (and stops recording)
    monkeypatch.setattr(library_worker, "FiguresProcess", FiguresProcess)
    with qtbot.waitSignal(scanner.finished, timeout=20000):
        scanner.request()
    assert started[0]._proc.returncode == -signal.SIGTERM
    assert all(e.figures_exact for e in index.entries.values())
    scanner.shutdown()


def test_a_crashing_child_is_reported(qtbot, index: LibraryIndex, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code = "import sys; sys.stderr.write('Traceback: kaput\\n'); sys.exit(1)"
    monkeypatch.setattr(figures_process, "child_command", lambda: [sys.executable, "-c", code])
    scanner = LibraryScanner(index, figures=True)
    with qtbot.waitSignal(scanner.failed, timeout=20000) as blocker:
        scanner.request()
    assert "FiguresProcessError" in blocker.args[0] and "kaput" in blocker.args[0]
    assert not scanner.busy
    assert len(index.entries) == 4  # the first passes' entries are kept
    scanner.shutdown()
