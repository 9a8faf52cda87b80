"""The library's third pass: Hugo's own figures (words, reading time, summary) per post.

The scan estimates words from the Markdown source, which is fast; Hugo counts the
rendered HTML. Rendering costs about 2.5 ms a post (25 s for 10,000), so this pass runs
after the scan, in the background, and only for posts whose figures are estimates.
A post that changed on disk since it was scanned is left for the next scan. The app runs
it in a child process (editor.core.library.figures_process) so that the renderer never loads, nor
holds the GIL, in the GUI process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from editor.core.library.store import LibraryStore
from editor.core.library.types import LibrarySite, PostEntry, ScanProgress
from editor.core.limits import FIGURES_SECONDS, TimeLimitExceeded, time_limit
from editor.core.post.model import Post, PostError
from editor.core.site.config import SiteConfig, find_site
from editor.core.stats.figures import post_stats

Figures = tuple[int, int, str]  # words, reading time, summary text
Stored = tuple[str, int, int, str]  # rel_path, words, reading time, summary text
_BATCH = 100
_PROGRESS_EVERY = 25


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
    try:
        st = os.stat(entry.file)
        if st.st_mtime_ns != entry.mtime_ns or st.st_size != entry.size:
            return None
        with time_limit(time_budget):
            post = Post.load(entry.path)
            stats = post_stats(post, site)
    except TimeLimitExceeded:
        return entry.words, entry.reading_time, ""
    except (OSError, PostError, ValueError, RecursionError):
        return None
    return stats.word_count, stats.reading_time, stats.summary_text


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
) -> dict[str, Figures]:
    """Figures for every estimated entry (or the rel_paths in `only`), stored as it goes;
    `stored` is called with each batch once it is in the store."""
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
        for done, entry in enumerate(todo, 1):
            if cancel is not None and cancel():
                break
            figures = figures_for(entry, config)
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
