"""Planning and publishing off the GUI thread, for the Publish dialog.

`PublishJobs` owns one QThread. `plan(site, posts, options)` asks the core what publishing
would commit and what stands in its way; the newest request wins and an older plan is
dropped. `publish(site, posts, options)` plans again there (the files may have been saved
since the plan shown) and, unless that plan is blocked, publishes it, reporting each step;
then reads the repository's status, so the window sees what git left (a conflict).

Signals:
    planned(object): the newest `PublishPlan`.
    progressed(str): a step of the publish in flight ("Committing 2 files…").
    finished(object, object, object): the plan run, the `PublishResult` (None when the plan
        was blocked) and the `RepoStatus` after it (None: no repository).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from editor.core.publish import PublishOptions, PublishPlan, PublishResult, repo_status
from editor.core.publish import plan_publish as core_plan
from editor.core.publish import publish as core_publish
from editor.core.site.config import SiteConfig

__all__ = ["PublishJobs"]

log = logging.getLogger(__name__)


def _plan(site: SiteConfig, posts: Sequence[Path], options: PublishOptions) -> PublishPlan:
    """The core's plan; a failure of the planning itself is a blocked plan saying so."""
    try:
        return core_plan(site, posts, options)
    except Exception as error:
        log.exception("planning the publish failed")
        reason = f"The publish could not be planned: {error}"
        return PublishPlan(tuple(posts), (), (), "", blocked=True, reason=reason)


class _Worker(QObject):
    planned = Signal(int, object)
    progressed = Signal(str)
    finished = Signal(object, object, object)

    @Slot(int, object, object, object)
    def plan(self, job: int, site: SiteConfig, posts: Sequence[Path], options: object) -> None:
        assert isinstance(options, PublishOptions)
        self.planned.emit(job, _plan(site, posts, options))

    @Slot(object, object, object)
    def publish(self, site: SiteConfig, posts: Sequence[Path], options: object) -> None:
        assert isinstance(options, PublishOptions)
        plan = _plan(site, posts, options)
        result: PublishResult | None = None
        if not plan.blocked:
            try:
                result = core_publish(site, plan, options, self.progressed.emit)
            except Exception as error:  # say so rather than leave the dialog waiting
                log.exception("publishing failed")
                result = PublishResult(
                    ok=False,
                    committed=None,
                    pushed=False,
                    pulled=False,
                    message=f"Publishing failed: {error}",
                    steps=(),
                )
        self.finished.emit(plan, result, repo_status(Path(site.root)))


class PublishJobs(QObject):
    """Plans and publishes on a thread of its own (see the module docstring)."""

    planned = Signal(object)
    progressed = Signal(str)
    finished = Signal(object, object, object)
    _submit_plan = Signal(int, object, object, object)
    _submit_publish = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = 0
        self._running = False
        self._closed = False
        self._worker = _Worker()
        self._worker.planned.connect(self._on_planned)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(self._on_finished)
        self._thread = QThread(self)
        self._thread.setObjectName("inkpost-publish")
        self._worker.moveToThread(self._thread)
        self._submit_plan.connect(self._worker.plan)
        self._submit_publish.connect(self._worker.publish)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # never leave a running thread behind at exit
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        """A publish is in flight."""
        return self._running

    def plan(self, site: SiteConfig, posts: Sequence[Path], options: PublishOptions) -> None:
        if self._closed:
            return
        self._job += 1
        self._submit_plan.emit(self._job, site, tuple(posts), options)

    def publish(self, site: SiteConfig, posts: Sequence[Path], options: PublishOptions) -> bool:
        """Start publishing; False when one is already running."""
        if self._closed or self._running:
            return False
        self._running = True
        self._job += 1  # a plan still in flight is older than what this publish does
        self._submit_publish.emit(site, tuple(posts), options)
        return True

    def shutdown(self) -> None:
        """Wait for the job in flight (a git command is never cut off), stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._thread.quit()
        self._thread.wait()

    @Slot(int, object)
    def _on_planned(self, job: int, plan: PublishPlan) -> None:
        if not self._closed and job == self._job:
            self.planned.emit(plan)

    @Slot(object, object, object)
    def _on_finished(self, plan: PublishPlan, result: object, status: object) -> None:
        self._running = False
        if not self._closed:
            self.finished.emit(plan, result, status)
