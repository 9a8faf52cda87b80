"""Pass 3 of the library: Hugo's figures per post, computed and stored in batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.library import figures as library_figures
from editor.core.library.figures import (
    Stored,
    apply_figures,
    compute_figures,
    figures_todo,
)
from editor.core.library.index import LibraryIndex, index_bodies, scan_site
from editor.core.library.store import LibraryStore
from editor.core.library.types import PostEntry, ScanProgress
from editor.core.site.config import find_site

CODE_POST = (
    "---\ntitle: Code\n---\nSome words before the code.\n\n```python\nprint('hi')\n```\n\n"
    "And after it.\n"
)


def write_site(root: Path, posts: int) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    for i in range(posts):
        body = " ".join(["word"] * (10 + i))
        text = f"---\ntitle: Post {i}\n---\n{body}\n"
        (root / "content" / "posts" / f"p{i:03d}.md").write_text(text, encoding="utf-8")
    (root / "content" / "posts" / "code.md").write_text(CODE_POST, encoding="utf-8")
    return root.resolve()


def scanned(root: Path, db: Path) -> dict[str, PostEntry]:
    site = find_site(root)
    outcome = scan_site(site, db, bodies=False)
    return dict(index_bodies(site, db, outcome.entries).entries)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path, dict[str, PostEntry]]:
    root = write_site(tmp_path / "site", 5)
    db = tmp_path / "library.sqlite"
    return root, db, scanned(root, db)


def test_todo_is_the_estimated_entries_or_the_named_ones(
    site: tuple[Path, Path, dict[str, PostEntry]],
) -> None:
    _root, _db, entries = site
    assert len(figures_todo(entries)) == 6
    assert [e.rel_path for e in figures_todo(entries, ["content/posts/p001.md"])] == [
        "content/posts/p001.md"
    ]
    exact = apply_figures(entries, {"content/posts/p000.md": (10, 1)})
    assert len(figures_todo(exact)) == 5


def test_figures_are_hugos_and_stored_in_batches(
    site: tuple[Path, Path, dict[str, PostEntry]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, db, entries = site
    monkeypatch.setattr(library_figures, "_BATCH", 4)
    batches: list[list[Stored]] = []
    progress: list[ScanProgress] = []
    figures = compute_figures(
        find_site(root),
        db,
        entries,
        progress=progress.append,
        stored=lambda b: batches.append(list(b)),
    )
    assert figures["content/posts/p002.md"][:2] == (12, 1)
    assert figures["content/posts/code.md"][0] == 9  # 5 + the code (1) + 3
    assert [len(b) for b in batches] == [4, 2]
    assert {rel for b in batches for rel, *_ in b} == set(figures)
    assert progress[-1] == ScanProgress(6, 6, "", "figures")
    store = LibraryStore(db, root)
    try:
        loaded = store.load_all()
        assert loaded["content/posts/p002.md"].words == 12
        assert all(e.figures_exact for e in loaded.values())
        assert store.summary("content/posts/p000.md").startswith("word word")
    finally:
        store.close()


def test_a_post_changed_since_the_scan_is_left_for_the_next_scan(
    site: tuple[Path, Path, dict[str, PostEntry]],
) -> None:
    root, db, entries = site
    (root / "content" / "posts" / "p000.md").write_text("---\ntitle: New\n---\nchanged text here\n")
    figures = compute_figures(find_site(root), db, entries)
    assert "content/posts/p000.md" not in figures
    assert len(figures) == 5


def test_cancel_stops_between_posts(site: tuple[Path, Path, dict[str, PostEntry]]) -> None:
    root, db, entries = site
    calls = iter(range(100))
    figures = compute_figures(find_site(root), db, entries, cancel=lambda: next(calls) >= 2)
    assert len(figures) == 2


def test_apply_figures_takes_words_and_minutes(
    site: tuple[Path, Path, dict[str, PostEntry]],
) -> None:
    _root, _db, entries = site
    out = apply_figures(
        entries, {"content/posts/p000.md": (400, 2, "summary"), "content/posts/p001.md": (7, 1)}
    )
    assert (out["content/posts/p000.md"].words, out["content/posts/p000.md"].reading_time) == (
        400,
        2,
    )
    assert out["content/posts/p001.md"].figures_exact
    assert not out["content/posts/p002.md"].figures_exact
    assert apply_figures(entries, {"content/posts/gone.md": (1, 1)}) == entries


def test_the_index_computes_figures_in_process(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", 2)
    index = LibraryIndex(find_site(root), tmp_path / "i.sqlite")
    try:
        index.scan()
        assert index.compute_figures() == 3
        assert all(e.figures_exact for e in index.entries.values())
    finally:
        index.close()


def test_the_pool_gives_the_figures_of_one_process(
    site: tuple[Path, Path, dict[str, PostEntry]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, db, entries = site
    alone = compute_figures(find_site(root), db, entries)  # `entries` stay estimates
    monkeypatch.setattr(library_figures, "_POOL_MIN", 1)
    monkeypatch.setattr(library_figures, "_CHUNK", 2)
    progress: list[ScanProgress] = []
    pooled = compute_figures(find_site(root), db, entries, workers=2, progress=progress.append)
    assert pooled == alone
    assert len(pooled) == len(entries) == 6
    assert progress[-1] == ScanProgress(6, 6, "", "figures")


def test_a_cancelled_pool_stops_and_keeps_what_it_stored(
    site: tuple[Path, Path, dict[str, PostEntry]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, db, entries = site
    monkeypatch.setattr(library_figures, "_POOL_MIN", 1)
    monkeypatch.setattr(library_figures, "_CHUNK", 2)
    calls = iter(range(100))
    figures = compute_figures(
        find_site(root), db, entries, workers=2, cancel=lambda: next(calls) >= 2
    )
    assert len(figures) == 3  # the first post (rendered here), the first chunk, the cancel
    store = LibraryStore(db, root)
    try:
        assert sum(e.figures_exact for e in store.load_all().values()) == 3
    finally:
        store.close()


def test_a_worker_freezes_the_heap_it_inherits(tmp_path: Path) -> None:
    import gc

    site = find_site(write_site(tmp_path / "site", 1))
    before = gc.get_freeze_count()
    try:
        library_figures._start_worker(site)
        assert gc.get_freeze_count() > before
        assert library_figures._worker_site is site
    finally:
        gc.unfreeze()
        library_figures._worker_site = None


def _figures_after_reopening(root: Path, db: Path) -> dict[str, PostEntry]:
    index = LibraryIndex.open(find_site(root), db)
    try:
        index.scan()
        index.compute_figures()
        return dict(index.entries)
    finally:
        index.close()


def test_a_change_to_the_site_settings_figures_every_post_again(tmp_path: Path) -> None:
    """Words and summaries depend on the site's settings (hasCJKLanguage, summaryLength,
    the Goldmark extensions...): an index figured under other settings is not trusted."""
    root = write_site(tmp_path / "site", 2)
    cjk = root / "content" / "posts" / "cjk.md"
    cjk.write_text("---\ntitle: CJK\n---\n日本語の文章です。 and two\n", encoding="utf-8")
    two = root / "content" / "posts" / "two.md"
    two.write_text("---\ntitle: Two\n---\nOne two three four.\n\nFive six.\n", encoding="utf-8")
    db = tmp_path / "i.sqlite"
    before = _figures_after_reopening(root, db)
    assert before["content/posts/cjk.md"].words == 3
    index = LibraryIndex.open(find_site(root), db)
    try:
        assert (
            index.summary(index.entries["content/posts/two.md"]) == "One two three four. Five six."
        )
    finally:
        index.close()
    assert _figures_after_reopening(root, db) == before  # same settings: nothing changes

    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\nhasCJKLanguage = true\n')
    after = _figures_after_reopening(root, db)
    assert after["content/posts/cjk.md"].words == 11  # 9 CJK characters and two words
    assert all(e.figures_exact for e in after.values())
    assert after["content/posts/p000.md"].words == 10

    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\nsummaryLength = 3\n')
    index = LibraryIndex.open(find_site(root), db)
    try:
        index.scan()
        index.compute_figures()
        assert index.entries["content/posts/cjk.md"].words == 3
        # Hugo's summary: whole paragraphs until summaryLength words
        assert index.summary(index.entries["content/posts/two.md"]) == "One two three four."
    finally:
        index.close()


def test_the_settings_key_takes_params_of_any_shape(tmp_path: Path) -> None:
    from editor.core.library.index import settings_key

    root = write_site(tmp_path / "site", 1)
    (root / "hugo.toml").unlink()
    (root / "hugo.yaml").write_text("params:\n  1: one\n  l: [{2: z}]\n  when: 2024-01-02\n")
    site = find_site(root)
    assert settings_key(site) == settings_key(find_site(root))
    (root / "hugo.yaml").write_text("params:\n  when: 2024-01-02\n  1: one\n  l: [{2: z}]\n")
    assert settings_key(site) == settings_key(find_site(root))  # the same settings reordered
    (root / "hugo.yaml").write_text("params:\n  1: one\n  l: [{2: y}]\n  when: 2024-01-02\n")
    assert settings_key(site) != settings_key(find_site(root))
