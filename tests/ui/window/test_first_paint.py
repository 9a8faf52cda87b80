"""AfterFirstPaint: queued work runs after the watched widget's first paint, in order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from editor.ui.window.first_paint import AfterFirstPaint


def test_callbacks_wait_for_the_first_paint_and_run_in_order(qtbot: Any) -> None:
    label = QLabel("post")
    qtbot.addWidget(label)
    hook = AfterFirstPaint()
    ran: list[str] = []
    hook.then(lambda: ran.append("preview"))
    hook.then(lambda: ran.append("library"))
    hook.watch(label)
    QCoreApplication.processEvents()  # nothing painted yet (the label is hidden): nothing runs
    assert ran == [] and not hook.done
    with qtbot.waitSignal(hook.painted, timeout=5000):
        label.show()
    qtbot.waitUntil(lambda: ran == ["preview", "library"], timeout=5000)
    assert hook.done


def test_work_queued_after_the_paint_runs_on_a_later_turn(qtbot: Any) -> None:
    label = QLabel("post")
    qtbot.addWidget(label)
    hook = AfterFirstPaint()
    hook.watch(label)
    with qtbot.waitSignal(hook.painted, timeout=5000):
        label.show()
    ran: list[int] = []
    hook.then(lambda: ran.append(1))
    assert ran == []  # not inside then()
    qtbot.waitUntil(lambda: ran == [1], timeout=5000)


def test_a_failing_callback_does_not_stop_the_rest(qtbot: Any) -> None:
    label = QLabel("post")
    qtbot.addWidget(label)
    hook = AfterFirstPaint()
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    hook.then(broken)
    hook.then(lambda: ran.append("after"))
    hook.watch(label)
    with qtbot.captureExceptions() as errors:
        label.show()
        qtbot.waitUntil(lambda: ran == ["after"], timeout=5000)
    assert [type(e[1]) for e in errors] == [RuntimeError]
