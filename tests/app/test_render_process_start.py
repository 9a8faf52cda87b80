"""The render process starts before the window's own imports (the real app, a child).

Its imports and warm-up then run on the other core while the window is built, and the
window takes that process over instead of starting one of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.child_app import PREAMBLE, RUN_STEPS, run_on_one_post

_SCRIPT = (
    PREAMBLE
    + r"""
from editor.ui import workers
starts = []
_start_process = workers.RenderController._start_process

def recording_start(self):
    starts.append({"window_imported": "editor.ui.window.main_window" in sys.modules})
    _start_process(self)

workers.RenderController._start_process = recording_start

def step():
    w = window()
    if w is None or w.render_controller.last_outcome is None:
        return
    timer.stop()
    controller = w.render_controller
    say("STARTS", json.dumps(starts))
    say("OWNER", json.dumps({"parent_is_window": controller.parent() is w,
                             "running": controller.process_id() is not None,
                             "rendered": controller.last_outcome.result is not None}))
    os._exit(0)
"""
    + RUN_STEPS
)


@pytest.mark.slow
def test_the_render_process_starts_before_the_window_is_imported(tmp_path: Path) -> None:
    lines, errors = run_on_one_post(_SCRIPT, tmp_path, {"STARTS", "OWNER"})
    assert "OWNER" in lines, errors
    assert json.loads(lines["STARTS"]) == [{"window_imported": False}]  # one process, early
    assert json.loads(lines["OWNER"]) == {
        "parent_is_window": True,
        "running": True,
        "rendered": True,
    }
