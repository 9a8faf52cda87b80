"""The library's SQLite file: one row per post keyed by path, mtime_ns and size, and an
FTS5 index over title, taxonomy terms and body.

One `LibraryStore` per thread (a connection is not shared); WAL mode lets the GUI
thread search while a worker writes. A file that is not a usable index (corrupt, an
older schema, another site) is rebuilt from scratch, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.library.types import PostEntry, TermMap

SCHEMA_VERSION = "9"  # 9: passthrough, typographer substitutions, guessSyntax (8: metadata lines)
_OPEN = "\ue000"
_CLOSE = "\ue001"
_FTS_SYNTAX = re.compile(r'["*()^:+]|\b(AND|OR|NOT|NEAR)\b')
_WORDS = re.compile(r"[\w']+", re.UNICODE)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    rel_path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT, lastmod TEXT, publish_date TEXT, expiry_date TEXT,
    draft INTEGER NOT NULL,
    taxonomies TEXT NOT NULL,
    summary TEXT NOT NULL,
    words INTEGER NOT NULL,
    reading_time INTEGER NOT NULL,
    figures_exact INTEGER NOT NULL,
    section TEXT NOT NULL,
    language TEXT NOT NULL,
    translation_key TEXT NOT NULL,
    bundle INTEGER NOT NULL,
    body_indexed INTEGER NOT NULL,
    listed INTEGER NOT NULL,
    diagnostics TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, tags, body, prefix='2 3', tokenize='unicode61 remove_diacritics 2'
);
"""

_COLUMNS = (
    "rel_path, mtime_ns, size, title, date, lastmod, publish_date, expiry_date, draft, "
    "taxonomies, words, reading_time, figures_exact, section, language, "
    "translation_key, bundle, body_indexed, listed, diagnostics"
)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _diags_json(diags: tuple[Diagnostic, ...]) -> str:
    if not diags:
        return ""
    return json.dumps([[d.message, d.line, d.severity.value] for d in diags])


def _diags(text: str, path: Path) -> tuple[Diagnostic, ...]:
    if not text:
        return ()
    return tuple(Diagnostic(m, path, line, Severity(sev)) for m, line, sev in json.loads(text))


MAX_QUERY_TERMS = 16
MAX_QUERY_CHARS = 256
QUERY_LIMITS_TEXT = (
    f"Searches the first {MAX_QUERY_TERMS} words ({MAX_QUERY_CHARS} characters) of the query"
)


def bounded_query(text: str) -> str:
    """`text` cut to MAX_QUERY_CHARS characters, at a word's end when one is near."""
    text = text.strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    if text[MAX_QUERY_CHARS].isalnum():
        space = cut.rfind(" ")
        if space > MAX_QUERY_CHARS // 2:
            cut = cut[:space]
    return cut.rstrip()


def query_is_cut(text: str) -> bool:
    """Whether the search for `text` leaves part of it out (see `fts_query`)."""
    words = {w.casefold() for w in _WORDS.findall(text)}
    return len(text.strip()) > MAX_QUERY_CHARS or len(words) > MAX_QUERY_TERMS


def fts_query(query: str) -> str | None:
    """The bounded FTS5 query for what a user typed (at most MAX_QUERY_TERMS words of
    MAX_QUERY_CHARS characters): plain words of two letters or more become prefix terms
    ("hug" finds "hugo"); text with FTS syntax ("a phrase", pre*, AND/OR/NOT) is kept
    when it is within the bounds, else its words are searched as plain words. The index
    keeps 2- and 3-letter prefixes, so short prefixes stay fast."""
    query = bounded_query(query)
    if _FTS_SYNTAX.search(query) and len(_WORDS.findall(query)) <= MAX_QUERY_TERMS:
        return query
    return safe_fts_query(query)


def safe_fts_query(query: str) -> str | None:
    """A bounded query with no syntax at all: each distinct word (the first
    MAX_QUERY_TERMS) as a prefix term."""
    words = _WORDS.findall(bounded_query(query))
    unique = list(dict.fromkeys(w.casefold() for w in words))[:MAX_QUERY_TERMS]
    return " ".join(_prefix_term(w) for w in unique) if unique else None


def _prefix_term(word: str) -> str:
    # One letter as a prefix would expand to a good part of the vocabulary: exact only.
    return f'"{word}"*' if len(word) >= 2 else f'"{word}"'


def search_rows(conn: sqlite3.Connection, query: str, limit: int = 100) -> list[tuple[str, str]]:
    """(rel_path, marked snippet) best first for what a user typed, through `conn`; a
    query FTS cannot parse, or an interrupted one, never raises."""
    for fts in dict.fromkeys((fts_query(query), safe_fts_query(query))):
        if fts is None:
            return []
        try:
            rows: list[tuple[str, str]] = conn.execute(
                "SELECT p.rel_path, snippet(fts, -1, ?, ?, '…', 12) FROM fts"
                " JOIN posts p ON p.id = fts.rowid WHERE fts MATCH ?"
                " ORDER BY rank LIMIT ?",
                (_OPEN, _CLOSE, fts, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                return []
            continue
        return rows
    return []


class SearchReader:
    """A read-only connection to the index at `db_path`, for searching from any one
    thread; `interrupt()` (from any thread) stops the query under way."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._conn: sqlite3.Connection | None = None

    def search(self, query: str, limit: int = 100) -> list[tuple[str, str]]:
        try:
            if self._conn is None:
                uri = self.db_path.resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, timeout=2.0, check_same_thread=False)
            return search_rows(self._conn, query, limit)
        except sqlite3.DatabaseError:
            return []

    def interrupt(self) -> None:
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class LibraryStore:
    """The SQLite index at `db_path` for the site at `root`."""

    def __init__(self, db_path: Path, root: Path) -> None:
        self.db_path = Path(db_path)
        self.root = Path(root)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._connect()
        except sqlite3.DatabaseError:
            self._remove_files()
            self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.db_path, timeout=10.0, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            row = None
            with contextlib.suppress(sqlite3.OperationalError):
                row = conn.execute("SELECT key, value FROM meta WHERE key='schema'").fetchone()
            root_row = None
            with contextlib.suppress(sqlite3.OperationalError):
                root_row = conn.execute("SELECT value FROM meta WHERE key='root'").fetchone()
            if row is None or row[1] != SCHEMA_VERSION or root_row != (str(self.root),):
                conn.executescript(
                    "DROP TABLE IF EXISTS posts; DROP TABLE IF EXISTS fts;"
                    " DROP TABLE IF EXISTS meta;"
                )
                conn.executescript(_SCHEMA)
                with conn:
                    conn.execute(
                        "INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)')"
                    )
                    conn.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema', ?), ('root', ?)",
                        (SCHEMA_VERSION, str(self.root)),
                    )
            conn.execute("SELECT count(*) FROM posts").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def follow_settings(self, key: str) -> bool:
        """Mark every post to be read again (its entry and figures) when the index was made
        under other site settings than `key` (`editor.core.library.index.settings_key`);
        True then. The rows stay listed until the scan replaces them."""
        row = self._conn.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
        if row == (key,):
            return False
        with self._conn:
            self._conn.execute("UPDATE posts SET mtime_ns = -1")
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", (key,))
        return True

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(self.db_path) + suffix).unlink()

    def close(self) -> None:
        self._conn.close()

    # --- reading ----------------------------------------------------------------------

    def load_all(self) -> dict[str, PostEntry]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM posts").fetchall()
        root = str(self.root) + os.sep
        out: dict[str, PostEntry] = {}
        for r in rows:
            out[r[0]] = PostEntry(
                file=root + r[0],
                rel_path=r[0],
                mtime_ns=r[1],
                size=r[2],
                title=r[3],
                date=_dt(r[4]),
                lastmod=_dt(r[5]),
                publish_date=_dt(r[6]),
                expiry_date=_dt(r[7]),
                draft=bool(r[8]),
                taxonomies=TermMap(r[9]) if r[9] else _NO_TERMS,
                words=r[10],
                reading_time=r[11],
                figures_exact=bool(r[12]),
                section=r[13],
                language=r[14],
                translation_key=r[15],
                bundle=bool(r[16]),
                body_indexed=bool(r[17]),
                listed=bool(r[18]),
                diagnostics=_diags(r[19], Path(root + r[0])) if r[19] else (),
            )
        return out

    def is_empty(self) -> bool:
        return self._conn.execute("SELECT 1 FROM posts LIMIT 1").fetchone() is None

    def summary(self, rel_path: str) -> str:
        row = self._conn.execute(
            "SELECT summary FROM posts WHERE rel_path = ?", (rel_path,)
        ).fetchone()
        return "" if row is None else str(row[0])

    def search(self, query: str, limit: int = 100) -> list[tuple[str, str]]:
        """(rel_path, marked snippet) best first; a query FTS cannot parse never raises."""
        return search_rows(self._conn, query, limit)

    # --- writing ----------------------------------------------------------------------

    def write(
        self, items: Iterable[tuple[PostEntry, str | None, str]], *, fresh: bool = False
    ) -> None:
        """Insert or replace posts (entry, body, summary); `fresh`: none is stored yet."""
        items = list(items)
        if not items:
            return
        if not fresh:
            self.delete(e.rel_path for e, _body, _summary in items)
        with self._conn as conn:
            row = conn.execute("SELECT max(id) FROM posts").fetchone()
            first = (row[0] or 0) + 1
            conn.executemany(
                f"INSERT INTO posts (id, summary, {_COLUMNS}) VALUES ({', '.join('?' * 22)})",
                ((first + i, summary, *_row(e)) for i, (e, _b, summary) in enumerate(items)),
            )
            conn.executemany(
                "INSERT INTO fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)",
                (
                    (first + i, e.title, _terms_text(e), body)
                    for i, (e, body, _summary) in enumerate(items)
                    if body is not None
                ),
            )

    def write_bodies(self, items: Iterable[tuple[PostEntry, str, str]]) -> None:
        """Second pass: (entry, body, summary) of posts already stored by the first."""
        items = list(items)
        if not items:
            return
        with self._conn as conn:
            ids = []
            for entry, _body, _summary in items:
                row = conn.execute(
                    "SELECT id FROM posts WHERE rel_path = ?", (entry.rel_path,)
                ).fetchone()
                ids.append(None if row is None else row[0])
            conn.executemany(
                "UPDATE posts SET words = ?, reading_time = ?, summary = ?, body_indexed = 1,"
                " figures_exact = 0, diagnostics = ? WHERE id = ?",
                (
                    (e.words, e.reading_time, summary, _diags_json(e.diagnostics), rowid)
                    for (e, _b, summary), rowid in zip(items, ids, strict=True)
                    if rowid is not None
                ),
            )
            conn.executemany("DELETE FROM fts WHERE rowid = ?", ((i,) for i in ids if i))
            conn.executemany(
                "INSERT INTO fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)",
                (
                    (rowid, e.title, _terms_text(e), body)
                    for (e, body, _s), rowid in zip(items, ids, strict=True)
                    if rowid is not None
                ),
            )

    def delete(self, rel_paths: Iterable[str]) -> None:
        with self._conn as conn:
            ids = []
            for rel in rel_paths:
                row = conn.execute("SELECT id FROM posts WHERE rel_path = ?", (rel,)).fetchone()
                if row is not None:
                    ids.append(row)
            conn.executemany("DELETE FROM fts WHERE rowid = ?", ids)
            conn.executemany("DELETE FROM posts WHERE id = ?", ids)

    def set_figures(self, updates: Iterable[tuple[str, int, int, str]]) -> None:
        """(rel_path, words, reading_time, summary) from Hugo's rules."""
        with self._conn as conn:
            conn.executemany(
                "UPDATE posts SET words = ?, reading_time = ?, summary = ?, figures_exact = 1"
                " WHERE rel_path = ?",
                ((w, rt, s, rel) for rel, w, rt, s in updates),
            )


_NO_TERMS: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_TAX_SEP = "\x1e"
_TERM_SEP = "\x1f"


def _taxonomies_text(taxonomies: Mapping[str, tuple[str, ...]]) -> str:
    return _TAX_SEP.join(
        _TERM_SEP.join((name, *(t.replace(_TAX_SEP, " ").replace(_TERM_SEP, " ") for t in terms)))
        for name, terms in taxonomies.items()
    )


def _terms_text(e: PostEntry) -> str:
    return " ".join(t for terms in e.taxonomies.values() for t in terms)


def _row(e: PostEntry) -> tuple[object, ...]:
    tax = _taxonomies_text(e.taxonomies)
    return (
        e.rel_path,
        e.mtime_ns,
        e.size,
        e.title,
        _iso(e.date),
        _iso(e.lastmod),
        _iso(e.publish_date),
        _iso(e.expiry_date),
        int(e.draft),
        tax,
        e.words,
        e.reading_time,
        int(e.figures_exact),
        e.section,
        e.language,
        e.translation_key,
        int(e.bundle),
        int(e.body_indexed),
        int(e.listed),
        _diags_json(e.diagnostics),
    )


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet without its match markers, and the (start, end) of each match."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for part in _iter_marks(marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start >= 0:
                spans.append((start, length))
            start = -1
        else:
            out.append(part)
            length += len(part)
    text = " ".join("".join(out).split("\n"))
    lead = len(text) - len(text.lstrip())
    spans = [(a - lead, b - lead) for a, b in spans]
    return text[lead:].rstrip(), tuple(spans)


def _iter_marks(marked: str) -> Iterator[str]:
    return (p for p in re.split(f"({_OPEN}|{_CLOSE})", marked) if p)


def entry_mapping(entries: Iterable[PostEntry]) -> Mapping[str, PostEntry]:
    return {e.rel_path: e for e in entries}
