"""LibraryIndex: every post of a site, kept in SQLite, searchable, sortable, filterable.

    index = LibraryIndex.open(site, cache_dir / "library.sqlite")   # from the index, fast
    index.scan(progress=cb, cancel=lambda: stop)                     # re-reads changed files
    index.posts(LibraryFilter(states=frozenset({PostState.DRAFT})), SortKey.DATE)
    index.search('"static site" hug')                                # FTS5, snippets

`scan_site()` is the pure function behind `scan()`: it opens its own connection, so a
worker thread can run it and hand the resulting entries to `LibraryIndex.replace()`.
`site` is a `LibrarySite` or an `editor.core.site.config.SiteConfig`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic
from editor.core.folders import folders
from editor.core.library.figures import apply_figures, compute_figures
from editor.core.library.scan import FoundFile, found_for, read_body, read_post, walk_content
from editor.core.library.store import LibraryStore, split_snippet
from editor.core.library.types import (
    LibraryFilter,
    LibrarySite,
    PostEntry,
    ScanProgress,
    ScanResult,
    SearchHit,
    SortKey,
)
from editor.core.site.model import SiteConfig

ProgressCallback = Callable[[ScanProgress], None]
CancelCheck = Callable[[], bool]
_BATCH = 1000
_PROGRESS_EVERY = 100
_MIN_DATE = datetime.min.replace(tzinfo=UTC)


def default_index_path(root: Path, cache_dir: Path | None = None) -> Path:
    """Where a site's index lives by default: CACHE/library/<hash of root>.sqlite (CACHE:
    `cache_dir`, else Inkpost's cache folder, `editor.core.folders`: the app and the CLI
    share it)."""
    if cache_dir is None:
        cache_dir = folders().cache
    digest = hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:20]
    return Path(cache_dir) / "library" / f"{digest}.sqlite"


def as_library_site(site: LibrarySite | Any) -> LibrarySite:
    return site if isinstance(site, LibrarySite) else LibrarySite.from_site(site)


def settings_key(site: LibrarySite | Any) -> str:
    """A digest of the settings an index's entries are made under: all of a SiteConfig's
    but its diagnostics (words and summaries follow hasCJKLanguage, summaryLength, the
    Markdown extensions; entries follow the taxonomies and languages), or a LibrarySite's."""
    if isinstance(site, SiteConfig):
        settings: Any = {k: v for k, v in site.to_json().items() if k != "diagnostics"}
    else:
        settings = repr(as_library_site(site))
    text = json.dumps(settings, sort_keys=True, default=str)  # the reader's keys are strings
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class ScanOutcome:
    result: ScanResult
    entries: Mapping[str, PostEntry]


def scan_site(
    site: LibrarySite | Any,
    db_path: Path,
    *,
    known: Mapping[str, PostEntry] | None = None,
    folder: Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    bodies: bool = True,
) -> ScanOutcome:
    """Bring the index at `db_path` up to date with the files (all, or under `folder`).

    Unchanged files (same path, mtime_ns and size) are not read. `known` is the current
    entry mapping (loaded from the index when None). Changed files are read in two
    passes: front matter first (the list is complete after it), then, with `bodies`,
    the bodies for search and word estimates (`index_bodies`). Cancelled scans keep
    what they did.
    """
    lsite = as_library_site(site)
    store = LibraryStore(db_path, lsite.root)
    try:
        current = dict(store.load_all() if known is None else known)
        errors: list[Diagnostic] = []
        found = list(walk_content(lsite, folder, cancel, errors))
        if cancel is not None and cancel():
            return ScanOutcome(ScanResult(0, 0, 0, cancelled=True), current)
        seen = {f.rel_path for f in found}
        scope = _scope_prefixes(lsite, folder)
        stale = [
            rel for rel in current if rel not in seen and (scope is None or rel.startswith(scope))
        ]
        todo: list[FoundFile] = []
        reused = 0
        for item in found:
            old = current.get(item.rel_path)
            if old is not None and old.mtime_ns == item.mtime_ns and old.size == item.size:
                reused += 1
            else:
                todo.append(item)
        read, vanished, cancelled = _read_files(
            lsite, store, todo, current, progress, cancel, fresh=store.is_empty(), body=False
        )
        stale.extend(vanished)
        removed = 0
        if not cancelled:
            store.delete(stale)
            for rel in stale:
                if current.pop(rel, None) is not None:
                    removed += 1
            if bodies:
                cancelled = _index_bodies(lsite, store, current, scope, progress, cancel)
        result = ScanResult(read, reused, removed, cancelled, tuple(errors))
        return ScanOutcome(result, current)
    finally:
        store.close()


def index_bodies(
    site: LibrarySite | Any,
    db_path: Path,
    known: Mapping[str, PostEntry],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ScanOutcome:
    """Read the bodies of posts whose front matter alone is indexed (second pass)."""
    lsite = as_library_site(site)
    store = LibraryStore(db_path, lsite.root)
    try:
        current = dict(known)
        cancelled = _index_bodies(lsite, store, current, None, progress, cancel)
        return ScanOutcome(ScanResult(0, len(current), 0, cancelled), current)
    finally:
        store.close()


def _index_bodies(
    site: LibrarySite,
    store: LibraryStore,
    current: dict[str, PostEntry],
    scope: str | None,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> bool:
    todo = [
        e
        for rel, e in current.items()
        if not e.body_indexed and (scope is None or rel.startswith(scope))
    ]
    total = len(todo)
    if progress is not None:
        progress(ScanProgress(0, total, "", "search"))
    batch: list[tuple[PostEntry, str, str]] = []
    again: list[FoundFile] = []  # changed since the first pass: read whole
    cancelled = False
    for done, entry in enumerate(todo, 1):
        if cancel is not None and cancel():
            cancelled = True
            break
        read = read_body(entry, meta=site.meta)
        if read is None:
            again.append(found_for(site, entry))
        else:
            batch.append(read)
            current[entry.rel_path] = read[0]
        if len(batch) >= _BATCH:
            store.write_bodies(batch)
            batch = []
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(ScanProgress(done, total, entry.rel_path, "search"))
    store.write_bodies(batch)
    if progress is not None and not cancelled:
        progress(ScanProgress(total, total, "", "search"))
    vanished: list[str] = []
    if again and not cancelled:
        _read, vanished, cancelled = _read_files(
            site, store, again, current, None, cancel, fresh=False, body=True, phase="search"
        )
    if vanished and not cancelled:
        store.delete(vanished)
        for rel in vanished:
            current.pop(rel, None)
    return cancelled


def _read_files(
    site: LibrarySite,
    store: LibraryStore,
    todo: list[FoundFile],
    current: dict[str, PostEntry],
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
    *,
    fresh: bool,
    body: bool,
    phase: str = "metadata",
) -> tuple[int, list[str], bool]:
    """Read `todo` into `current` and the store: (files read, vanished, cancelled)."""
    total = len(todo)
    if progress is not None:
        progress(ScanProgress(0, total, "", phase))
    batch: list[tuple[PostEntry, str | None, str]] = []
    vanished: list[str] = []
    read = 0
    cancelled = False
    for done, item in enumerate(todo, 1):
        if cancel is not None and cancel():
            cancelled = True
            break
        parsed = read_post(site, item, body=body)
        if parsed is None:
            vanished.append(item.rel_path)
        else:
            batch.append(parsed)
            current[item.rel_path] = parsed[0]
            read += 1
        if len(batch) >= _BATCH:
            store.write(batch, fresh=fresh)
            batch = []
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(ScanProgress(done, total, item.rel_path, phase))
    store.write(batch, fresh=fresh)
    if progress is not None and not cancelled:
        progress(ScanProgress(total, total, "", phase))
    return read, vanished, cancelled


def _scope_prefixes(site: LibrarySite, folder: Path | None) -> str | None:
    if folder is None:
        return None
    try:
        rel = Path(folder).resolve().relative_to(site.root).as_posix()
    except ValueError:
        return None
    return rel.rstrip("/") + "/"


def _sort_key(key: SortKey) -> Callable[[PostEntry], Any]:
    if key is SortKey.TITLE:
        return lambda e: (e.display_title.casefold(), e.rel_path)
    if key is SortKey.MODIFIED:
        return lambda e: (e.mtime_ns, e.rel_path)
    if key is SortKey.LASTMOD:
        return lambda e: (e.lastmod or _MIN_DATE, e.rel_path)
    return lambda e: (e.date or _MIN_DATE, e.rel_path)


def matches(entry: PostEntry, flt: LibraryFilter | None, now: datetime | None = None) -> bool:
    """Whether a listed post passes `flt` (never for what Hugo does not list)."""
    if not entry.listed:
        return False
    if flt is None:
        return True
    if flt.states is not None and entry.state(now) not in flt.states:
        return False
    if flt.section is not None and entry.section != flt.section:
        return False
    if flt.language is not None and entry.language != flt.language:
        return False
    if flt.term is not None:
        taxonomies = [flt.taxonomy] if flt.taxonomy else list(entry.taxonomies)
        wanted = flt.term.casefold()
        if not any(
            t.casefold() == wanted for tax in taxonomies for t in entry.taxonomies.get(tax, ())
        ):
            return False
    return True


def _count_terms(entries: Iterable[PostEntry]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for entry in entries:
        taxonomies = entry.taxonomies
        if not taxonomies or not entry.listed:
            continue
        for name, terms in taxonomies.items():
            bucket = out.get(name)
            if bucket is None:
                bucket = out[name] = {}
            for term in dict.fromkeys(terms) if len(terms) > 1 else terms:
                bucket[term] = bucket.get(term, 0) + 1
    return out


class LibraryIndex:
    """The posts of one site, in memory (no bodies) and in the SQLite index."""

    def __init__(self, site: LibrarySite | Any, db_path: Path) -> None:
        self.site = as_library_site(site)
        self.site_config = site  # what figures are rendered with (see library_figures)
        self.db_path = Path(db_path)
        self._store = LibraryStore(self.db_path, self.site.root)
        self._store.follow_settings(settings_key(site))
        self._entries: dict[str, PostEntry] = {}
        self._terms_source: object = None
        self._terms_cache: dict[str, dict[str, int]] = {}

    @classmethod
    def open(cls, site: LibrarySite | Any, db_path: Path) -> LibraryIndex:
        """The index as last stored: no file is read (call scan() to catch up)."""
        index = cls(site, db_path)
        index._entries = index._store.load_all()
        return index

    def close(self) -> None:
        self._store.close()

    def __len__(self) -> int:
        """How many posts are listed (`entries` also holds headless bundles and the like)."""
        return sum(1 for e in self._entries.values() if e.listed)

    @property
    def entries(self) -> Mapping[str, PostEntry]:
        return self._entries

    def get(self, path: Path | str) -> PostEntry | None:
        rel = path if isinstance(path, str) else self._rel(path)
        return self._entries.get(rel)

    def _rel(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.site.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    # --- updating ---------------------------------------------------------------------

    def scan(
        self,
        *,
        folder: Path | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        bodies: bool = True,
    ) -> ScanResult:
        outcome = scan_site(
            self.site,
            self.db_path,
            known=self._entries,
            folder=folder,
            progress=progress,
            cancel=cancel,
            bodies=bodies,
        )
        self.replace(outcome.entries)
        return outcome.result

    def index_bodies(
        self, *, progress: ProgressCallback | None = None, cancel: CancelCheck | None = None
    ) -> ScanResult:
        outcome = index_bodies(
            self.site, self.db_path, self._entries, progress=progress, cancel=cancel
        )
        self.replace(outcome.entries)
        return outcome.result

    def replace(self, entries: Mapping[str, PostEntry]) -> None:
        """Take the entries a scan in another thread produced."""
        self._entries = dict(entries)

    def reload(self) -> None:
        self._entries = self._store.load_all()

    def compute_figures(
        self,
        *,
        only: list[str] | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> int:
        """Hugo's words, reading time and summary for posts that have estimates (slow:
        it renders each post). Returns how many posts got their figures."""
        figures = compute_figures(
            self.site_config,
            self.db_path,
            self._entries,
            only=only,
            progress=progress,
            cancel=cancel,
        )
        self._entries = apply_figures(self._entries, figures)
        return len(figures)

    # --- querying ---------------------------------------------------------------------

    def posts(
        self,
        flt: LibraryFilter | None = None,
        sort: SortKey = SortKey.DATE,
        *,
        descending: bool | None = None,
        now: datetime | None = None,
    ) -> list[PostEntry]:
        """Matching posts, sorted (dates and last change newest first by default)."""
        moment = now or datetime.now(UTC)
        sort = SortKey(sort)
        chosen = [e for e in self._entries.values() if matches(e, flt, moment)]
        desc = sort is not SortKey.TITLE if descending is None else descending
        chosen.sort(key=_sort_key(sort), reverse=desc)
        return chosen

    def search(
        self, query: str, flt: LibraryFilter | None = None, *, limit: int = 100
    ) -> list[SearchHit]:
        """Best matches first; a query with bad FTS syntax falls back to plain words, a
        long one is bounded (`editor.core.library.store.fts_query`)."""
        if not query.strip():
            return []
        return self.hits(self._store.search(query, limit), flt)

    def hits(
        self, rows: Iterable[tuple[str, str]], flt: LibraryFilter | None = None
    ) -> list[SearchHit]:
        """The search hits for (rel_path, marked snippet) rows an FTS query returned (on
        any connection, e.g. a `SearchReader` on another thread), filtered by `flt`."""
        moment = datetime.now(UTC)
        hits: list[SearchHit] = []
        for rel, marked in rows:
            entry = self._entries.get(rel)
            if entry is None or not matches(entry, flt, moment):
                continue
            snippet, spans = split_snippet(marked)
            hits.append(SearchHit(entry, snippet, spans))
        return hits

    def summary(self, entry: PostEntry) -> str:
        """The post's summary as plain text (Hugo's once figures are computed)."""
        return self._store.summary(entry.rel_path)

    def sections(self, flt: LibraryFilter | None = None) -> list[tuple[str, int]]:
        counts = Counter(e.section for e in self._entries.values() if matches(e, flt))
        return sorted(counts.items(), key=lambda kv: kv[0].casefold())

    def terms(self, taxonomy: str, flt: LibraryFilter | None = None) -> list[tuple[str, int]]:
        """Terms of one taxonomy (plural name) with their post counts, most used first."""
        if flt is None:
            counts = self._all_terms().get(taxonomy, {})
        else:
            counts = _count_terms(e for e in self._entries.values() if matches(e, flt)).get(
                taxonomy, {}
            )
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))

    def _all_terms(self) -> dict[str, dict[str, int]]:
        """Term counts of every taxonomy, computed once per set of entries."""
        if self._terms_source is not self._entries:
            self._terms_cache = _count_terms(self._entries.values())
            self._terms_source = self._entries
        return self._terms_cache

    def translations(self, entry: PostEntry) -> list[PostEntry]:
        """Every language version of `entry` (itself included), by language."""
        same = [
            e
            for e in self._entries.values()
            if e.translation_key == entry.translation_key
            and e.section == entry.section
            and e.listed
        ]
        return sorted(same, key=lambda e: e.language)

    def languages(self) -> list[tuple[str, int]]:
        counts = Counter(e.language for e in self._entries.values() if e.listed)
        return sorted(counts.items())
