"""The figures pass in a child process: protocol, results, cancel and failures."""

from __future__ import annotations

import io
import json
import sys
import threading
from pathlib import Path

import pytest

from editor.core.library import figures_process
from editor.core.library.figures_process import (
    FiguresProcess,
    FiguresProcessError,
    FiguresRequest,
    serve,
)
from editor.core.library.store import LibraryStore
from editor.core.library.types import ScanProgress
from editor.core.site.config import find_site
from tests.core.library.test_library_figures import scanned, write_site


@pytest.fixture
def request_for(tmp_path: Path) -> FiguresRequest:
    root = write_site(tmp_path / "site", 3)
    db = tmp_path / "library.sqlite"
    entries = scanned(root, db)
    return FiguresRequest(find_site(root), db, tuple(sorted(entries)))


def test_serve_writes_progress_batches_and_the_end(request_for: FiguresRequest) -> None:
    out = io.StringIO()
    assert serve(request_for, out) == 4
    messages = [json.loads(line) for line in out.getvalue().splitlines()]
    assert messages[-1] == {"end": 4}
    assert {"progress": [4, 4, ""]} in messages
    rows = [row for m in messages if "figures" in m for row in m["figures"]]
    assert sorted(rows) == [
        ["content/posts/code.md", 9, 1],
        ["content/posts/p000.md", 10, 1],
        ["content/posts/p001.md", 11, 1],
        ["content/posts/p002.md", 12, 1],
    ]


def test_the_child_computes_and_stores_the_figures(request_for: FiguresRequest) -> None:
    progress: list[ScanProgress] = []
    process = FiguresProcess(request_for)
    figures = process.run(progress.append)
    assert figures["content/posts/p001.md"] == (11, 1)
    assert len(figures) == 4
    assert not process.cancelled
    assert progress[-1] == ScanProgress(4, 4, "", "figures")
    store = LibraryStore(request_for.db_path, Path(request_for.site.root).resolve())
    try:
        assert all(e.figures_exact for e in store.load_all().values())
    finally:
        store.close()


def test_only_the_requested_posts_are_rendered(request_for: FiguresRequest) -> None:
    request = FiguresRequest(request_for.site, request_for.db_path, ("content/posts/p000.md",))
    assert FiguresProcess(request).run() == {"content/posts/p000.md": (10, 1)}


def test_terminate_from_another_thread_ends_the_pass(request_for: FiguresRequest) -> None:
    process = FiguresProcess(request_for)
    killer = threading.Thread(target=process.terminate)
    killer.start()
    killer.join()
    figures = process.run()
    assert process.cancelled
    assert len(figures) <= 4
    process.terminate()  # idempotent, the child is gone


def test_a_crashing_child_raises_with_its_message(
    request_for: FiguresRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = "import sys; sys.stderr.write('boom: no renderer\\n'); sys.exit(3)"
    monkeypatch.setattr(figures_process, "child_command", lambda: [sys.executable, "-c", code])
    with pytest.raises(FiguresProcessError, match=r"exit 3.*boom: no renderer"):
        FiguresProcess(request_for).run()


def test_output_that_is_not_the_protocol_raises(
    request_for: FiguresRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = "print('hello'); import time; time.sleep(60)"
    monkeypatch.setattr(figures_process, "child_command", lambda: [sys.executable, "-c", code])
    process = FiguresProcess(request_for)
    with pytest.raises(FiguresProcessError, match="unexpected output"):
        process.run()
    assert process._proc.returncode is not None  # killed, not waited for a minute


def test_a_bad_request_is_an_error(tmp_path: Path) -> None:
    request = FiguresRequest("not a site", tmp_path / "db.sqlite", ("a.md",))
    with pytest.raises(FiguresProcessError, match=r"exit 1.*AttributeError"):
        FiguresProcess(request).run()
