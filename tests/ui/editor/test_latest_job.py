"""LatestJob: one job in flight, stale results dropped, a job outliving its owner (pytest-qt)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import shiboken6
from pytestqt.qtbot import QtBot

from editor.ui.editor.latest_job import LatestJob


def test_the_newest_result_arrives_and_waiting_ones_are_replaced(qtbot: QtBot) -> None:
    gate = threading.Event()
    executor = ThreadPoolExecutor(max_workers=1)
    job = LatestJob(executor=executor)
    results: list[object] = []
    job.finished.connect(results.append)
    job.submit(lambda: gate.wait(5) and "first")
    job.submit(lambda: "second")  # waits, then is replaced
    job.submit(lambda: "third")
    gate.set()
    qtbot.waitUntil(lambda: not job.busy)
    assert results == ["third"] and job.dropped == 2
    executor.shutdown()


def test_a_job_that_ends_after_its_owner_was_deleted_is_dropped_quietly(qtbot: QtBot) -> None:
    """The worker used to emit on the deleted LatestJob: a segmentation fault."""
    gate, ran = threading.Event(), threading.Event()
    executor = ThreadPoolExecutor(max_workers=1)
    job = LatestJob(executor=executor)
    job.submit(lambda: gate.wait(5))
    shiboken6.delete(job)
    assert not shiboken6.isValid(job)
    gate.set()
    executor.submit(ran.set)  # runs after the first job has emitted
    qtbot.waitUntil(ran.is_set)
    live = LatestJob(executor=executor)  # the relay still delivers to a job that exists
    results: list[object] = []
    live.finished.connect(results.append)
    live.submit(lambda: "still works")
    qtbot.waitUntil(lambda: results == ["still works"])
    executor.shutdown()
