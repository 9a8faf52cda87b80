"""What start-up puts off until after the first frame still arrives (the real app, a child).

The first paint of the window comes with neither the library's panel nor File > Open
Recent's file; both arrive after it, and the post opened at start is in the recent list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.child_app import PREAMBLE, RUN_STEPS, run_on_one_post

_SCRIPT = (
    PREAMBLE
    + r"""
from pathlib import Path
RECENT = Path(os.environ["INKPOST_CONFIG_DIR"]) / "recent.ini"

def step():
    w = window()
    if w is None:
        return
    if "hooked" not in state:
        state["hooked"] = True
        w.first_paint.painted.connect(lambda: state.update(
            at_paint={"recent": RECENT.exists(), "library": w.library.panel is not None}))
        return
    if "at_paint" not in state or w.library.panel is None or not RECENT.exists():
        return
    timer.stop()
    say("PAINT", json.dumps(state["at_paint"]))
    say("RECENT", json.dumps(RECENT.read_text(encoding="utf-8")))
    os._exit(0)
"""
    + RUN_STEPS
)


@pytest.mark.slow
def test_library_and_recent_list_arrive_after_the_first_paint(tmp_path: Path) -> None:
    lines, errors = run_on_one_post(_SCRIPT, tmp_path, {"PAINT", "RECENT"})
    assert "PAINT" in lines, errors
    assert json.loads(lines["PAINT"]) == {"recent": False, "library": False}
    assert "first.md" in lines["RECENT"]
