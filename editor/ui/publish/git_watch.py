"""The git state of a site's posts, off the GUI thread: a small Qt adapter over
editor.core.publish.git.

`GitWatch.request(root, posts)` asks for the status of the repository holding the site at
`root` and the state of each post (`posts`: rel_path -> absolute file). One job runs at a
time, on the watch's own thread; requests made meanwhile collapse into one re-run with the
newest arguments, and the result of an older request is dropped. `debounce_ms` gathers a
burst of requests (a save, then the library's rescan of it).

`LibraryGit` keeps a library panel's Git column current: it asks after each scan of the
library (its start, and every rescan the library's watcher makes after a change on disk),
after a post is saved (`refresh`), and when the site changes (`set_site`). A site outside
any git repository gets no column.

Signals:
    GitWatch.statusChanged(object, object): the `RepoStatus` (None: no git work tree, or no
        git) and a dict rel_path -> `GitState` of the posts asked about.
    LibraryGit.statusChanged(object): the newest `RepoStatus`, or None.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from editor.core.publish.git import GitState, RepoStatus, repo_status
from editor.ui.editor.latest_job import LatestJob

__all__ = ["GitWatch", "LibraryGit", "post_states"]

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE_MS = 250


def post_states(
    root: Path, posts: Mapping[str, str]
) -> tuple[RepoStatus | None, dict[str, GitState]]:
    """The repository status at `root` and each post's state (none without a repository)."""
    status = repo_status(root)
    if status is None:
        return None, {}
    return status, {rel: status.state_of(Path(file)) for rel, file in posts.items()}


def _post_states_or_none(
    root: Path, posts: Mapping[str, str]
) -> tuple[RepoStatus | None, dict[str, GitState]] | None:
    """`post_states`, or None when git misbehaves (what the column shows then stays)."""
    try:
        return post_states(root, posts)
    except Exception:  # a git that misbehaves must not stop the library
        log.exception("reading the git status of %s failed", root)
        return None


class GitWatch(QObject):
    """Debounced, single-flight `repo_status` on a thread of its own (module docstring):
    a LatestJob over an executor of one thread, so that a slow git never holds up the
    editor's small jobs on their shared thread."""

    statusChanged = Signal(object, object)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS):
        super().__init__(parent)
        self._debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._latest: tuple[Path, dict[str, str]] | None = None
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inkpost-git")
        self._job = LatestJob(self, self._executor)
        self._job.finished.connect(self._on_job_finished)
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._job.busy

    @property
    def dropped(self) -> int:
        """Stale results dropped (tests)."""
        return self._job.dropped

    def request(self, root: Path, posts: Mapping[str, str]) -> None:
        """Read the status at `root` and the states of `posts` (the newest request wins)."""
        if self._closed:
            return
        self._latest = (Path(root), dict(posts))
        self._timer.start(self._debounce_ms)

    def shutdown(self) -> None:
        """Stop the thread (after the job in flight) and drop what comes; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._executor.shutdown(wait=True)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._latest is not None and not self._closed:
            self._job.submit(_post_states_or_none, *self._latest)

    def _on_job_finished(self, found: tuple[RepoStatus | None, dict[str, GitState]] | None) -> None:
        if found is not None and not self._closed:
            self.statusChanged.emit(*found)


class LibraryGit(QObject):
    """The library's Git column kept current (see the module docstring)."""

    statusChanged = Signal(object)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS):
        super().__init__(parent)
        self.watch = GitWatch(self, debounce_ms=debounce_ms)
        self.watch.statusChanged.connect(self._on_watch_status_changed)
        self.status: RepoStatus | None = None
        self._root: Path | None = None
        self._library: Any = None  # a LibraryPanel
        self._scanner: Any = None  # its scanner, whose `finished` is followed

    def set_site(self, root: Path) -> None:
        """Follow the site at `root` (its repository, if it is in one)."""
        self._root = Path(root).resolve()
        self.refresh()

    def follow_library(self, library: Any) -> None:
        """Show the states in `library` (a LibraryPanel), refreshed after each of its scans;
        call again when the library shows another site (it has a new scanner then)."""
        self._library = library
        scanner = None if library is None else library.scanner
        if scanner is not None and scanner is not self._scanner:
            scanner.finished.connect(self._on_scanner_finished)
        self._scanner = scanner
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Read the status again (soon, off this thread)."""
        if self._root is None:
            return
        self.watch.request(self._root, self._posts())

    def shutdown(self) -> None:
        self.watch.shutdown()

    def _posts(self) -> dict[str, str]:
        index = None if self._library is None else self._library.index
        if index is None or Path(index.site.root).resolve() != self._root:
            return {}
        return {rel: entry.file for rel, entry in index.entries.items() if entry.listed}

    def _on_scanner_finished(self, _result: object) -> None:
        self.refresh()

    def _on_watch_status_changed(
        self, status: RepoStatus | None, states: dict[str, GitState]
    ) -> None:
        self.status = status
        if self._library is not None:
            self._library.set_git(None if status is None else states)
        self.statusChanged.emit(status)
