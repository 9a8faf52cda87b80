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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from editor.core.publish.git import GitState, RepoStatus, repo_status

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


class _Worker(QObject):
    done = Signal(int, object, object)

    @Slot(int, object, object)
    def run(self, job: int, root: Path, posts: Mapping[str, str]) -> None:
        try:
            status, states = post_states(root, posts)
        except Exception:  # a git that misbehaves must not stop the library
            log.exception("reading the git status of %s failed", root)
            self.done.emit(job, None, None)
            return
        self.done.emit(job, status, states)


class GitWatch(QObject):
    """Debounced, single-flight `repo_status` on a thread of its own (module docstring)."""

    statusChanged = Signal(object, object)  # noqa: N815 (Qt signal naming)
    _submit = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS):
        super().__init__(parent)
        self._debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._job = 0
        self._in_flight: int | None = None
        self._latest: tuple[Path, dict[str, str]] | None = None
        self._closed = False
        self.dropped = 0  # stale results dropped (tests)
        self._worker = _Worker()
        self._thread = QThread(self)
        self._thread.setObjectName("inkpost-git")
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._in_flight is not None

    def request(self, root: Path, posts: Mapping[str, str]) -> None:
        """Read the status at `root` and the states of `posts` (the newest request wins)."""
        if self._closed:
            return
        self._job += 1
        self._latest = (Path(root), dict(posts))
        if self._in_flight is None:
            self._timer.start(self._debounce_ms)

    def shutdown(self) -> None:
        """Stop the thread (after the job in flight) and drop what comes; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
        self._in_flight = None

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._in_flight is not None or self._latest is None or self._closed:
            return
        self._in_flight = self._job
        self._submit.emit(self._job, *self._latest)

    @Slot(int, object, object)
    def _on_done(
        self, job: int, status: RepoStatus | None, states: dict[str, GitState] | None
    ) -> None:
        self._in_flight = None
        if self._closed:
            return
        if job != self._job:
            self.dropped += 1
            if not self._timer.isActive():
                self._timer.start(self._debounce_ms)
            return
        if states is not None:  # None: git failed this time; what is shown stays
            self.statusChanged.emit(status, states)


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
