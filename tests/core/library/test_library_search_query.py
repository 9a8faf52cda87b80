"""The library search query: what a user types or pastes becomes a bounded FTS5 query (no Qt)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.library.index import LibraryIndex
from editor.core.library.store import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    SearchReader,
    bounded_query,
    fts_query,
    query_is_cut,
    safe_fts_query,
)
from editor.core.site.config import find_site

WORDS = (
    "render",
    "cache",
    "server",
    "thread",
    "latency",
    "parser",
    "token",
    "stream",
    "buffer",
    "queue",
    "worker",
)
PASTE = " ".join(WORDS[i % len(WORDS)] + str(i) for i in range(300))  # ~2.5 KB, 300 words


def terms(query: str) -> list[str]:
    return re.findall(r'"[^"]*"\*?', query)


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for i, word in enumerate(WORDS):
        body = f"The {word} post talks about {word}s and static typing.\n"
        (posts / f"p{i}.md").write_text(f"---\ntitle: Post {word}\n---\n{body}", encoding="utf-8")
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\n')
    idx = LibraryIndex(find_site(root), tmp_path / "lib.sqlite")
    idx.scan()
    yield idx
    idx.close()


def test_a_pasted_paragraph_becomes_a_bounded_query() -> None:
    assert len(PASTE) > 2000
    query = fts_query(PASTE)
    assert query is not None
    assert len(terms(query)) == MAX_QUERY_TERMS
    assert terms(query)[0] == '"render0"*'
    assert query_is_cut(PASTE)
    assert not query_is_cut("render cache")


def test_bounded_query_cuts_at_a_word_end() -> None:
    cut = bounded_query(PASTE)
    assert len(cut) <= MAX_QUERY_CHARS
    assert PASTE.startswith(cut)
    assert PASTE[len(cut)] == " "  # no word cut in half


def test_repeated_words_count_once() -> None:
    assert terms(safe_fts_query("go go go GO hugo") or "") == ['"go"*', '"hugo"*']


def test_fts_syntax_is_kept_when_within_bounds_else_plain_words() -> None:
    assert fts_query('"static typing" OR rend*') == '"static typing" OR rend*'
    long = " OR ".join(f"w{i}*" for i in range(40))
    query = fts_query(long) or ""
    assert len(terms(query)) == MAX_QUERY_TERMS
    assert "OR" not in query.split()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=3000))
def test_any_text_gives_a_bounded_query_that_never_raises(index: LibraryIndex, text: str) -> None:
    query = fts_query(text)
    if query is not None:
        assert len(query) <= MAX_QUERY_CHARS + 3 * MAX_QUERY_TERMS  # quotes and stars
        if query.startswith('"') and query.endswith(("*", '"')):
            assert len(terms(query)) <= MAX_QUERY_TERMS
    assert isinstance(index.search(text), list)


def test_results_stay_correct(index: LibraryIndex) -> None:
    assert [h.entry.title for h in index.search("latency")] == ["Post latency"]
    assert len(index.search('"static typing"')) == len(WORDS)
    hits = index.search("parser " + PASTE)  # the first word is searched, the rest bounded
    assert [h.entry.title for h in hits] == []  # "parser" AND "render0"...: no post has both
    assert [h.entry.title for h in index.search("parser stat")] == ["Post parser"]


def test_a_reader_searches_read_only_on_any_thread(index: LibraryIndex) -> None:
    reader = SearchReader(index.db_path)
    try:
        rows = reader.search("queue")
        assert [rel for rel, _ in rows] == ["content/posts/p9.md"]
        with pytest.raises(sqlite3.OperationalError):
            reader._conn.execute("DELETE FROM posts")  # type: ignore[union-attr]
    finally:
        reader.close()
    assert [h.entry.title for h in index.hits(rows)] == ["Post queue"]


def test_a_missing_index_file_finds_nothing(tmp_path: Path) -> None:
    reader = SearchReader(tmp_path / "absent.sqlite")
    assert reader.search("anything") == []
    reader.close()
