"""The whole-site check on every core, each post read and parsed once.

`SiteChecker.check_site(workers=N)` lists the posts here, then N worker processes
(editor.core.library.pool) each take chunks of posts and, per post, record its facts (URL,
slug, aliases) and run every check that reads no other post (`SiteChecker.check_alone`); a
post outside the checked `paths` only has its facts recorded. The parent merges the facts,
then runs what compares posts: duplicates (slug, URL, aliases) and the links that only
another page's URL can resolve. So the facts are never gathered in the calling process (the
GUI's), nor sent to the workers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from editor.core.checks.document import LinkRef
from editor.core.checks.facts import PostRecord, SiteFacts
from editor.core.checks.settings import CheckSettings
from editor.core.diagnostics import Diagnostic
from editor.core.library.pool import chunked, post_pool
from editor.core.library.scan import walk_content
from editor.core.post.model import Post
from editor.core.site.model import SiteConfig

__all__ = ["FileResult", "check_in_pool", "is_wanted"]

POOL_MIN = 400  # fewer posts are checked faster than worker processes start
CHUNK = 100  # posts per task (about 0.3 s of work)


class SiteChecker(Protocol):
    """What this pass uses of editor.core.checks.checker.SiteChecker (which calls it)."""

    site: SiteConfig
    settings: CheckSettings
    facts: SiteFacts

    @property
    def now(self) -> datetime: ...

    def check_alone(
        self, post: Post, pending: list[tuple[LinkRef, str | None]] | None = None
    ) -> tuple[list[Diagnostic], PostRecord | None]: ...

    def unreadable(self, path: Path, exc: Exception) -> list[Diagnostic]: ...

    def duplicates(self, record: PostRecord, shown: Path) -> list[Diagnostic]: ...

    def broken_links(
        self, path: Path, pending: Sequence[tuple[LinkRef, str | None]]
    ) -> list[Diagnostic]: ...


class CheckerFactory(Protocol):
    def __call__(
        self, site: SiteConfig, settings: CheckSettings, *, now: datetime | None
    ) -> SiteChecker: ...


@dataclass(frozen=True, slots=True)
class FileResult:
    """One post as a worker saw it: its facts, and for a checked post its own problems and
    the links still to look up among the site's URLs."""

    path: Path
    record: PostRecord | None
    checked: bool
    found: tuple[Diagnostic, ...] = ()
    pending: tuple[tuple[LinkRef, str | None], ...] = ()


def check_in_pool(
    checker: SiteChecker,
    wanted: set[Path] | None,
    cancel: Callable[[], bool] | None,
    workers: int,
) -> tuple[list[Diagnostic], int] | None:
    """(problems, posts checked) of the site's posts (those at or under `wanted`), with
    `checker.facts` gathered afresh; None, having done nothing, when there are too few."""
    facts = SiteFacts(checker.site)
    files = [found.path for found in walk_content(facts.library, None, cancel, facts.problems)]
    items = [(path, is_wanted(path, wanted)) for path in files]
    if sum(target for _path, target in items) < POOL_MIN:
        return None
    checker.facts = facts
    results: list[FileResult] = []
    state = (type(checker), checker.site, checker.settings, checker.now)
    with no_cyclic_gc(), post_pool(workers, _start_worker, state) as pool:
        for chunk in pool.imap(_check_chunk, chunked(items, CHUNK)):
            if cancel is not None and cancel():
                break  # leaving the `with` terminates the workers
            for result in chunk:
                if result.record is not None:
                    facts.add(result.record)
            results.extend(chunk)
    facts.gathered = True
    out: list[Diagnostic] = []
    checked = 0
    for result in results:
        if not result.checked:
            continue
        checked += 1
        out.extend(result.found)
        if result.record is not None:
            out.extend(checker.duplicates(result.record, result.path))
        out.extend(checker.broken_links(result.path, result.pending))
    return out, checked


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """No automatic cyclic garbage collection inside: the results kept while a site's check
    is merged make the collector scan the whole heap (185 ms in a GUI-sized process), with
    the GIL held, so the GUI thread stalls. Reference counting still frees as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def is_wanted(path: Path, wanted: set[Path] | None) -> bool:
    """Is `path` one of `wanted` or under one of them (None: every path is)?"""
    return wanted is None or path in wanted or not wanted.isdisjoint(path.parents)


# --- the worker processes -------------------------------------------------------------------

_worker: SiteChecker | None = None


def _start_worker(
    factory: CheckerFactory, site: SiteConfig, settings: CheckSettings, now: datetime
) -> None:
    global _worker
    _worker = factory(site, settings, now=now)
    _worker.facts.gathered = True  # the parent holds the site's facts


def _check_chunk(items: Sequence[tuple[Path, bool]]) -> list[FileResult]:
    assert _worker is not None
    out = []
    for path, target in items:
        out.append(_check_one(_worker, path, target))
        _worker.facts.remove(path)
    return out


def _check_one(checker: SiteChecker, path: Path, target: bool) -> FileResult:
    if not target:
        return FileResult(path, checker.facts.update_from_file(path), False)
    try:
        post = Post.load(path, meta=checker.site.meta_lines)
    except (OSError, ValueError) as exc:
        found = checker.unreadable(path, exc)
        return FileResult(path, checker.facts.update_from_file(path), True, tuple(found))
    pending: list[tuple[LinkRef, str | None]] = []
    found, record = checker.check_alone(post, pending)
    return FileResult(path, record, True, tuple(found), tuple(pending))
