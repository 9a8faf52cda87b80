"""The site checks off the GUI thread: a small Qt adapter over editor.core.checks.

`CheckRunner.request_post(post)` asks for the problems of the post being edited (its text
as it is now); `request_site()` for every post's, after the library's scan. Both run on one
QThread of the runner's own, which owns the `SiteChecker` (its site facts are gathered
there once, then kept current by each post check; a site check reads and checks every post
in worker processes, editor.core.checks.site_pass, so this process only merges their facts).
A post check waits for a short pause in typing (`debounce_ms`; -1 checks at once,
synchronously, for tests); one is in flight at a time, requests made meanwhile collapse
into one re-run with the newest post, and a result for a post that has changed since is
dropped. A site check started for another site (or
before a newer site check) is cancelled and its result dropped.

Signals: `postChecked(object, object)`: the post's path (or None) and its `Diagnostic`s,
for the newest request only; `siteChecked(object, object)`: a `CheckReport` and its marks,
`site_marks` (grouped on the checks' thread, so the GUI thread only applies them).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig

if TYPE_CHECKING:  # the checks are imported on their thread, with the first check
    from editor.core.checks import CheckReport, SiteChecker

__all__ = ["CheckRunner", "site_marks", "worst"]

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE_MS = 120
_SHOWN = (Severity.ERROR, Severity.WARNING)  # what the library marks


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    """ERROR if any, else WARNING if any, else None (info is not a problem to mark)."""
    severities = {d.severity for d in diagnostics}
    return next((s for s in _SHOWN if s in severities), None)


def site_marks(report: CheckReport, root: Path) -> dict[str, Severity]:
    """The worst severity (ERROR or WARNING) of each file `report` finds a problem in,
    keyed like the library's entries (`PostEntry.rel_path`: relative to the site `root`,
    "/" separators); files with only info are left out."""
    found: dict[Path, set[Severity]] = {}
    for diagnostic in report.diagnostics:
        if diagnostic.file is not None and diagnostic.severity in _SHOWN:
            found.setdefault(diagnostic.file, set()).add(diagnostic.severity)
    return {
        _rel_path(path, root): Severity.ERROR if Severity.ERROR in severities else Severity.WARNING
        for path, severities in found.items()
    }


def _rel_path(path: Path, root: Path) -> str:
    """`path` relative to `root` as the library index keys it (LibraryIndex.get)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()


class _Worker(QObject):
    postDone = Signal(int, object)  # noqa: N815 (Qt signal naming)
    siteDone = Signal(int, object, object)  # noqa: N815

    def __init__(self, cancelled: Callable[[int], bool]) -> None:
        super().__init__()
        self._cancelled = cancelled
        self._site: SiteConfig | None = None
        self._checker: SiteChecker | None = None
        self.thread_ids: list[int] = []  # the threads that ran checks (tests)

    def _checker_for(self, site: SiteConfig, *, fresh: bool = False) -> SiteChecker:
        if fresh or self._checker is None or self._site != site:
            from editor.core.checks import SiteChecker

            self._site, self._checker = site, SiteChecker(site)
        return self._checker

    @Slot(int, object, object)
    def check_post(self, job_id: int, site: SiteConfig, post: Post) -> None:
        self.thread_ids.append(threading.get_ident())
        try:
            found = self._checker_for(site).check_post(post)
        except Exception:  # a bug in one check must not stop the panel
            log.exception("checking %s failed", post.path)
            found = []
        self.postDone.emit(job_id, found)

    @Slot(int, object)
    def check_site(self, job_id: int, site: SiteConfig) -> None:
        from editor.core.checks import CheckReport
        from editor.core.library.pool import cpu_workers

        self.thread_ids.append(threading.get_ident())
        try:  # a fresh checker: the files may have changed on disk since the last gathering
            checker = self._checker_for(site, fresh=True)
            report = checker.check_site(
                cancel=lambda: self._cancelled(job_id),
                workers=cpu_workers(),  # processes: a thread would hold the GIL
            )
        except Exception:
            log.exception("checking the site %s failed", site.root)
            report = CheckReport((), 0)
        self.siteDone.emit(job_id, report, site_marks(report, site.root))


class CheckRunner(QObject):
    """Debounced, single-flight checks on a thread of their own (see the module docstring)."""

    postChecked = Signal(object, object)  # noqa: N815 (Qt signal naming)
    siteChecked = Signal(object, object)  # noqa: N815
    _submit_post = Signal(int, object, object)
    _submit_site = Signal(int, object)

    def __init__(
        self,
        site: SiteConfig,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._site = site
        self._debounce_ms = debounce_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._revision = 0
        self._in_flight: int | None = None  # revision of the post check in flight
        self._latest: Post | Callable[[], Post] | None = None  # a callable: read when due
        self._site_job = 0
        self._site_running: int | None = None
        self._site_pending = False
        self._closed = False
        self.dropped = 0  # stale results dropped (tests)
        self._worker = _Worker(self._site_cancelled)
        self._inline = _Worker(self._site_cancelled)
        self._inline.postDone.connect(self._on_post_done)
        self._inline.siteDone.connect(self._on_site_done)
        self._thread = QThread(self)
        self._thread.setObjectName("inkpost-checks")
        self._worker.moveToThread(self._thread)
        self._submit_post.connect(self._worker.check_post)
        self._submit_site.connect(self._worker.check_site)
        self._worker.postDone.connect(self._on_post_done)
        self._worker.siteDone.connect(self._on_site_done)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)

    # public API ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A check waits for its debounce or runs."""
        return (
            self._timer.isActive()
            or self._in_flight is not None
            or self._site_running is not None
            or self._site_pending
        )

    @property
    def worker_thread_ids(self) -> list[int]:
        return self._worker.thread_ids

    @property
    def site(self) -> SiteConfig:
        return self._site

    def set_debounce_ms(self, ms: int) -> None:
        """Pause in typing before a post is checked; -1 checks at once, on this thread."""
        self._debounce_ms = ms

    def set_site(self, site: SiteConfig) -> None:
        """Check `site` from now on; results for the previous one are dropped."""
        self._site = site
        self._revision += 1
        self._site_job += 1  # cancels a site check in flight

    def request_post(self, post: Post | Callable[[], Post]) -> None:
        """Check `post` (the newest request wins; older results are dropped). A callable
        is called once the debounce is over, so that a key does not copy the whole text."""
        if self._closed:
            return
        self._revision += 1
        self._latest = post
        if self._debounce_ms < 0:
            self._timer.stop()
            self._in_flight = self._revision
            self._inline.check_post(self._revision, self._site, self._due_post())
        elif self._in_flight is None:
            self._timer.start(self._debounce_ms)

    def request_site(self) -> None:
        """Check every post of the site (after the one in flight, if any)."""
        if self._closed:
            return
        self._site_job += 1
        if self._site_running is not None:
            self._site_pending = True
            return
        self._site_running = self._site_job
        if self._debounce_ms < 0:
            self._inline.check_site(self._site_job, self._site)
        else:
            self._submit_site.emit(self._site_job, self._site)

    def shutdown(self) -> None:
        """Cancel what runs, stop the thread and wait for it; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._site_job += 1
        self._thread.quit()
        self._thread.wait()
        self._in_flight = None
        self._site_running = None
        self._site_pending = False

    # slots -------------------------------------------------------------------------------

    def _site_cancelled(self, job_id: int) -> bool:  # read on the worker's thread
        return self._closed or job_id != self._site_job

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._in_flight is not None or self._latest is None or self._closed:
            return
        try:
            post = self._due_post()
        except RuntimeError:  # its text document is gone (the tab was closed meanwhile)
            self._latest = None
            return
        self._in_flight = self._revision
        self._submit_post.emit(self._revision, self._site, post)

    def _due_post(self) -> Post:
        """The newest post requested, read now if it was asked for as a callable."""
        latest = self._latest
        if callable(latest):
            latest = self._latest = latest()
        assert latest is not None
        return latest

    @Slot(int, object)
    def _on_post_done(self, job_id: int, found: list[Diagnostic]) -> None:
        self._in_flight = None
        if self._closed:
            return
        if job_id != self._revision or self._latest is None:
            self.dropped += 1
            if self._latest is not None and not self._timer.isActive():
                self._timer.start(max(self._debounce_ms, 0))
            return
        self.postChecked.emit(self._due_post().path, found)

    @Slot(int, object, object)
    def _on_site_done(self, job_id: int, report: CheckReport, marks: dict[str, Severity]) -> None:
        self._site_running = None
        if self._closed:
            return
        if self._site_pending:
            self._site_pending = False
            self.request_site()
            self.dropped += 1
            return
        if job_id != self._site_job:
            self.dropped += 1
            return
        self.siteChecked.emit(report, marks)
