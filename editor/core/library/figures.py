"""The library's third pass: Hugo's own figures (words, reading time, summary) per post.

The scan estimates words from the Markdown source, which is fast; Hugo counts the
rendered HTML. Rendering and measuring costs about 1.7 ms of CPU a post (17 s for
10,000; editor.core.stats.library_figures, which leaves fenced code unhighlighted where no
figure reads its markup), so this pass runs after the scan, in the background, and only for
posts whose figures are estimates.
A post that changed on disk since it was scanned is left for the next scan. The app runs
it in a child process (editor.core.library.figures_process) so that the renderer never loads, nor
holds the GIL, in the GUI process; with `workers` > 1 the posts are rendered in that many
processes (editor.core.library.pool), in chunks, and stored by the calling one.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from editor.core.library.pool import chunked, post_pool
from editor.core.library.store import LibraryStore
from editor.core.library.types import LibrarySite, PostEntry, ScanProgress
from editor.core.limits import FIGURES_SECONDS, TimeLimitExceeded, time_limit
from editor.core.post.model import Post, PostError
from editor.core.site.config import SiteConfig, find_site
from editor.core.stats.library_figures import library_figures

Figures = tuple[int, int, str]  # words, reading time, summary text
Stored = tuple[str, int, int, str]  # rel_path, words, reading time, summary text
_BATCH = 100
_PROGRESS_EVERY = 25
_POOL_MIN = 200  # fewer posts are rendered faster than worker processes start
_CHUNK = 40  # posts a worker renders per task (about 0.1 s)


def site_config_for(site: Any) -> SiteConfig:
    """The SiteConfig to render with (a LibrarySite is looked up from its root)."""
    if isinstance(site, SiteConfig):
        return site
    root = site.root if isinstance(site, LibrarySite) else Path(site.root)
    return find_site(root)


def figures_for(
    entry: PostEntry, site: SiteConfig, time_budget: float = FIGURES_SECONDS
) -> Figures | None:
    """Hugo's figures for one post, or None when it cannot be read as it was scanned.

    A post whose rendering runs past `time_budget` keeps the scan's estimates, stored as its
    figures so that the next pass does not try again until the file changes."""
    return _figures(_Job.of(entry), site, time_budget)


class _Job(NamedTuple):
    """What rendering one post needs of its entry (cheap to send to a worker)."""

    file: str
    mtime_ns: int
    size: int
    words: int  # the scan's estimates, kept when rendering takes too long
    reading_time: int

    @classmethod
    def of(cls, entry: PostEntry) -> _Job:
        return cls(entry.file, entry.mtime_ns, entry.size, entry.words, entry.reading_time)


def _figures(job: _Job, site: SiteConfig, time_budget: float = FIGURES_SECONDS) -> Figures | None:
    try:
        st = os.stat(job.file)
        if st.st_mtime_ns != job.mtime_ns or st.st_size != job.size:
            return None
        with time_limit(time_budget):
            return library_figures(Post.load(job.file, meta=site.meta_lines), site)
    except TimeLimitExceeded:
        return job.words, job.reading_time, ""
    except (OSError, PostError, ValueError, RecursionError):
        return None


def figures_todo(
    entries: Mapping[str, PostEntry], only: Iterable[str] | None = None
) -> list[PostEntry]:
    """The entries a figures pass renders: the estimated ones, or those named in `only`."""
    if only is None:
        return [e for e in entries.values() if not e.figures_exact]
    wanted = set(only)
    return [e for rel, e in entries.items() if rel in wanted]


def compute_figures(
    site: Any,
    db_path: Path,
    entries: Mapping[str, PostEntry],
    *,
    only: Iterable[str] | None = None,
    progress: Callable[[ScanProgress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    stored: Callable[[Sequence[Stored]], None] | None = None,
    workers: int = 1,
) -> dict[str, Figures]:
    """Figures for every estimated entry (or the rel_paths in `only`), stored as it goes;
    `stored` is called with each batch once it is in the store. With `workers` > 1 (and
    enough posts) the rendering runs in that many processes."""
    config = site_config_for(site)
    todo = figures_todo(entries, only)
    store = LibraryStore(db_path, Path(config.root).resolve())
    out: dict[str, Figures] = {}
    pending: list[Stored] = []
    total = len(todo)

    def flush() -> None:
        store.set_figures(pending)
        if stored is not None and pending:
            stored(list(pending))
        pending.clear()

    try:
        for done, (entry, figures) in enumerate(_figures_of(todo, config, cancel, workers), 1):
            if figures is not None:
                out[entry.rel_path] = figures
                pending.append((entry.rel_path, *figures))
            if len(pending) >= _BATCH:
                flush()
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(ScanProgress(done, total, entry.rel_path, "figures"))
        flush()
    finally:
        store.close()
    if progress is not None and total:
        progress(ScanProgress(total, total, "", "figures"))
    return out


def _figures_of(
    todo: list[PostEntry],
    config: SiteConfig,
    cancel: Callable[[], bool] | None,
    workers: int,
) -> Iterator[tuple[PostEntry, Figures | None]]:
    """Each entry with its figures, here or in a pool; stops when `cancel` says so."""
    if workers <= 1 or len(todo) < _POOL_MIN:
        for entry in todo:
            if cancel is not None and cancel():
                return
            yield entry, figures_for(entry, config)
        return
    # The first post here: the renderer loads once, before the workers fork from this process.
    if cancel is not None and cancel():
        return
    yield todo[0], figures_for(todo[0], config)
    chunks = chunked(todo[1:], _CHUNK)
    with post_pool(workers, _start_worker, (config,)) as pool:  # leaving terminates it
        jobs = ([_Job.of(entry) for entry in chunk] for chunk in chunks)
        for chunk, found in zip(chunks, pool.imap(_figures_chunk, jobs), strict=True):
            if cancel is not None and cancel():
                return
            yield from zip(chunk, found, strict=True)


_worker_site: SiteConfig | None = None


def _start_worker(site: SiteConfig) -> None:
    """In each worker: the site, and the heap inherited from the calling process (its
    index entries, the renderer) frozen, so that no full collection walks it again (and
    its pages stay shared with that process)."""
    global _worker_site
    _worker_site = site
    gc.freeze()


def _figures_chunk(jobs: Sequence[_Job]) -> list[Figures | None]:
    assert _worker_site is not None
    return [_figures(job, _worker_site) for job in jobs]


def apply_figures(
    entries: Mapping[str, PostEntry], figures: Mapping[str, Figures | tuple[int, int]]
) -> dict[str, PostEntry]:
    """`entries` with the computed figures (words and reading time; the summary only lives
    in the store) in place."""
    out = dict(entries)
    for rel, found in figures.items():
        old = out.get(rel)
        if old is not None:
            out[rel] = replace(old, words=found[0], reading_time=found[1], figures_exact=True)
    return out
