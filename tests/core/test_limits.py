"""editor.core.limits: a runaway rendering is stopped after its budget, and falls back."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import pytest

from editor.core.library.figures import figures_for
from editor.core.library.types import PostEntry
from editor.core.limits import TimeLimitExceeded, time_limit
from editor.core.preview.service import RenderRequest, RenderService
from editor.core.site.config import SiteConfig


def spin(seconds: float) -> None:
    """Pure-Python work that catches every Exception, as a careless renderer might."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(Exception):  # must not swallow the limit
            sum(range(1000))


def test_the_block_is_interrupted_after_its_budget() -> None:
    with pytest.raises(TimeLimitExceeded, match=r"0\.05 s"), time_limit(0.05):
        spin(5)


def test_a_quick_block_is_not_interrupted_and_the_timer_is_gone() -> None:
    with time_limit(5):
        spin(0.01)
    spin(0.05)  # no alarm left behind


def test_outside_the_main_thread_it_is_a_no_op() -> None:
    outcome: list[str] = []

    def work() -> None:
        with time_limit(0.01):
            spin(0.05)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


class _Runaway:
    def __init__(self, _site: SiteConfig) -> None:
        pass

    def render(self, text: str, **_kwargs: object) -> object:
        spin(60)
        raise AssertionError("not reached")


def test_a_runaway_preview_rendering_shows_the_post_as_text(tmp_path: Path) -> None:
    service = RenderService(_Runaway, time_budget=0.05)
    path = tmp_path / "bomb.md"
    text = "---\ntitle: <b>x</b>\n---\n\nBody & more\n"
    outcome = service.handle(RenderRequest(1, 4, text, path, SiteConfig.hugo_defaults(tmp_path)))
    assert outcome.error is None and outcome.result is not None
    assert "Body &amp; more" in outcome.result.html
    assert "<b>" not in outcome.result.html
    assert outcome.result.line_map == ((1, 6),)
    (problem,) = outcome.diagnostics
    assert problem.line == 1 and problem.file == path and "too long" in problem.message
    assert outcome.header is not None and outcome.header.title == "bomb"


def test_a_runaway_post_keeps_its_estimated_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.library import figures

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\nwords here\n", encoding="utf-8")
    st = post.stat()
    entry = PostEntry(
        str(post), "post.md", st.st_mtime_ns, st.st_size, "x", None, None, None, None,
        False, {}, 42, 1, False, "", "en", "post", False,
    )  # fmt: skip
    monkeypatch.setattr(figures, "library_figures", lambda *_args: spin(60))
    assert figures_for(entry, SiteConfig.hugo_defaults(tmp_path), 0.05) == (42, 1, "")
