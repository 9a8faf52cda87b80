"""LibrarySearch: the library's search runs off the GUI thread, debounced, stale results dropped."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from editor.core.library import store as library_store
from editor.core.library.index import LibraryIndex
from editor.core.library.store import MAX_QUERY_TERMS, SearchReader
from editor.core.site.config import find_site
from editor.ui.library.panel import LibraryPanel
from editor.ui.library.search import LibrarySearch

PASTE = " ".join(f"crab{i} filler words here" for i in range(120))  # ~2.7 KB pasted paragraph


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\n')
    (posts / "a.md").write_text("---\ntitle: Alpha\n---\nGophers write code.\n")
    (posts / "b.md").write_text("---\ntitle: Beta\n---\nFerris the crab0 and static typing.\n")
    idx = LibraryIndex(find_site(root), tmp_path / "lib.sqlite")
    idx.scan()
    yield idx
    idx.close()


@pytest.fixture
def search(qtbot, index: LibraryIndex):  # type: ignore[no-untyped-def]
    adapter = LibrarySearch(index.db_path, debounce_ms=0)
    yield adapter
    adapter.shutdown()


def test_the_query_runs_on_the_worker_thread(qtbot, search: LibrarySearch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    threads: list[int] = []
    real = SearchReader.search

    def spy(self: SearchReader, text: str, limit: int = 100) -> list[tuple[str, str]]:
        threads.append(threading.get_ident())
        return real(self, text, limit)

    monkeypatch.setattr(SearchReader, "search", spy)
    with qtbot.waitSignal(search.found, timeout=3000) as blocker:
        search.request("gophers")
    text, rows = blocker.args
    assert text == "gophers"
    assert [rel for rel, _ in rows] == ["content/posts/a.md"]
    assert threads and threading.get_ident() not in threads


def test_a_stale_result_is_dropped(qtbot, search: LibrarySearch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    release = threading.Event()
    real = SearchReader.search

    def slow(self: SearchReader, text: str, limit: int = 100) -> list[tuple[str, str]]:
        if text == "gophers":
            started.set()
            release.wait(5)
        return real(self, text, limit)

    monkeypatch.setattr(SearchReader, "search", slow)
    found: list[str] = []
    search.found.connect(lambda text, _rows: found.append(text))
    search.request("gophers")
    qtbot.waitUntil(started.is_set, timeout=3000)
    search.request("crab0")  # while the first query is in flight
    release.set()
    qtbot.waitUntil(lambda: found == ["crab0"], timeout=3000)
    assert search.dropped == 1
    assert not search.busy


def test_typing_is_debounced(qtbot, index: LibraryIndex) -> None:  # type: ignore[no-untyped-def]
    adapter = LibrarySearch(index.db_path, debounce_ms=50)
    try:
        found: list[str] = []
        adapter.found.connect(lambda text, _rows: found.append(text))
        for prefix in ("c", "cr", "cra", "crab"):
            adapter.request(prefix)
        qtbot.waitUntil(lambda: bool(found), timeout=3000)
        assert found == ["crab"]  # the keys before the pause asked for nothing
    finally:
        adapter.shutdown()


def test_a_pasted_paragraph_is_searched_bounded(qtbot, index: LibraryIndex, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    queries: list[str | None] = []
    real = library_store.fts_query

    def spy(text: str) -> str | None:
        queries.append(real(text))
        return queries[-1]

    monkeypatch.setattr(library_store, "fts_query", spy)
    panel = LibraryPanel(figures=False)
    qtbot.addWidget(panel)
    panel.set_site(index.site_config, index.db_path)
    panel.set_search_debounce_ms(0)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.scanner.busy, timeout=5000)
    with qtbot.waitSignal(panel.search.found, timeout=5000):
        panel.search_edit.setText(PASTE)
    assert queries and all(q is not None and q.count('"*') <= MAX_QUERY_TERMS for q in queries)
    assert panel.model.rowCount() == 0  # no post has all the first 16 words
    assert f"first {MAX_QUERY_TERMS} words" in panel.status_label.text()
    assert "16" in panel.search_edit.toolTip()
    panel.search_edit.setText("crab0")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)
    assert panel.model.entry(0).title == "Beta"
    panel.close_site()
