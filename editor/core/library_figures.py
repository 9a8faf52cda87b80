"""The library's third pass: Hugo's own figures (words, reading time, summary) per post.

The scan estimates words from the Markdown source, which is fast; Hugo counts the
rendered HTML. Rendering costs about 2.5 ms a post (25 s for 10,000), so this pass runs
after the scan, in the background, and only for posts whose figures are estimates.
A post that changed on disk since it was scanned is left for the next scan.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from editor.core.library_store import LibraryStore
from editor.core.library_types import LibrarySite, PostEntry, ScanProgress
from editor.core.posts import Post, PostError
from editor.core.site import SiteConfig, find_site
from editor.core.stats import post_stats

Figures = tuple[int, int, str]  # words, reading time, summary text
_BATCH = 100
_PROGRESS_EVERY = 25


def site_config_for(site: Any) -> SiteConfig:
    """The SiteConfig to render with (a LibrarySite is looked up from its root)."""
    if isinstance(site, SiteConfig):
        return site
    root = site.root if isinstance(site, LibrarySite) else Path(site.root)
    return find_site(root)


def figures_for(entry: PostEntry, site: SiteConfig) -> Figures | None:
    """Hugo's figures for one post, or None when it cannot be read as it was scanned."""
    try:
        st = os.stat(entry.file)
        if st.st_mtime_ns != entry.mtime_ns or st.st_size != entry.size:
            return None
        post = Post.load(entry.path)
        stats = post_stats(post, site)
    except (OSError, PostError, ValueError, RecursionError):
        return None
    return stats.word_count, stats.reading_time, stats.summary_text


def compute_figures(
    site: Any,
    db_path: Path,
    entries: Mapping[str, PostEntry],
    *,
    only: Iterable[str] | None = None,
    progress: Callable[[ScanProgress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Figures]:
    """Figures for every estimated entry (or the rel_paths in `only`), stored as it goes."""
    config = site_config_for(site)
    wanted = None if only is None else set(only)
    todo = [
        e
        for rel, e in entries.items()
        if (wanted is None and not e.figures_exact) or (wanted is not None and rel in wanted)
    ]
    store = LibraryStore(db_path, Path(config.root).resolve())
    out: dict[str, Figures] = {}
    pending: list[tuple[str, int, int, str]] = []
    total = len(todo)
    try:
        for done, entry in enumerate(todo, 1):
            if cancel is not None and cancel():
                break
            figures = figures_for(entry, config)
            if figures is not None:
                out[entry.rel_path] = figures
                pending.append((entry.rel_path, *figures))
            if len(pending) >= _BATCH:
                store.set_figures(pending)
                pending = []
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(ScanProgress(done, total, entry.rel_path, "figures"))
        store.set_figures(pending)
    finally:
        store.close()
    if progress is not None and total:
        progress(ScanProgress(total, total, "", "figures"))
    return out


def apply_figures(
    entries: Mapping[str, PostEntry], figures: Mapping[str, Figures]
) -> dict[str, PostEntry]:
    """`entries` with the computed figures in place."""
    out = dict(entries)
    for rel, (words, minutes, _summary) in figures.items():
        old = out.get(rel)
        if old is not None:
            out[rel] = replace(old, words=words, reading_time=minutes, figures_exact=True)
    return out
