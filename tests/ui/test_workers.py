"""RenderController: single flight, stale results dropped, clean shutdown, both backends."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editor.core.markdown.renderer import Renderer
from editor.core.post.model import Post
from editor.core.preview.service import RenderOutcome
from editor.core.site.config import SiteConfig
from editor.core.stats.figures import post_stats
from editor.ui.workers import RenderController


def render_children() -> list[int]:
    """Live render processes started by this test process."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmd:
                cmdline = cmd.read()
        except OSError:
            continue
        if (
            int(fields[1]) == os.getpid()
            and fields[0] != "Z"
            and b"editor.core.preview.service" in cmdline
        ):
            found.append(int(entry))
    return found


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    return SiteConfig.hugo_defaults(tmp_path)


@pytest.fixture(params=["process", "thread"])
def controller(request: pytest.FixtureRequest, qtbot: Any) -> Iterator[RenderController]:
    threads = threading.active_count()
    tasks = len(os.listdir("/proc/self/task"))
    ctl = RenderController(mode=request.param, debounce_ms=0)
    yield ctl
    ctl.shutdown()
    assert render_children() == []
    assert threading.active_count() == threads
    # The QThread is gone too (other Qt threads of earlier tests may still be winding down).
    qtbot.waitUntil(lambda: len(os.listdir("/proc/self/task")) == tasks, timeout=5000)
    assert ctl.process_id() is None


def expected_stats(text: str, site: SiteConfig) -> Any:
    return post_stats(Post.from_text(text), site, Renderer(site).render(text))


def test_renders_off_the_gui_thread_with_hugo_figures(
    qtbot: Any, controller: RenderController, site: SiteConfig
) -> None:
    text = "---\ntitle: T\n---\n\nOne *two* three.\n\n```go\nx := 1\n```\n"
    with qtbot.waitSignal(controller.rendered, timeout=30000) as signal_:
        revision = controller.request(text, site, None)
    outcome: RenderOutcome = signal_.args[0]
    assert outcome.text_revision == revision
    assert outcome.stats == expected_stats(text, site)
    assert outcome.header is not None and outcome.header.title == "T"
    assert "".join(b.html for b in outcome.blocks) == outcome.result.html
    if controller.mode == "process":
        assert controller.process_id() not in (None, os.getpid())


def test_stale_results_are_dropped(
    qtbot: Any, controller: RenderController, site: SiteConfig
) -> None:
    shown: list[RenderOutcome] = []
    controller.rendered.connect(shown.append)
    controller.request("first version\n" * 2000, site, None)
    qtbot.waitUntil(lambda: controller.in_flight, timeout=30000)
    last = controller.request("second version\n", site, None)
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    qtbot.waitUntil(lambda: not controller.busy, timeout=30000)
    assert [o.text_revision for o in shown] == [last]
    assert "second version" in shown[0].result.html
    assert controller.dropped == 1


def test_requests_while_busy_collapse_into_one_rerun(
    qtbot: Any, controller: RenderController, site: SiteConfig
) -> None:
    shown: list[RenderOutcome] = []
    controller.rendered.connect(shown.append)
    controller.request("a\n" * 3000, site, None)
    qtbot.waitUntil(lambda: controller.in_flight, timeout=30000)
    for word in ("b", "c", "d"):
        controller.request(word + "\n", site, None)
    qtbot.waitUntil(lambda: bool(shown) and not controller.busy, timeout=30000)
    assert [o.result.html.strip() for o in shown] == ['<p data-line="1">d</p>']


def test_synchronous_mode(qtbot: Any, site: SiteConfig) -> None:
    ctl = RenderController(debounce_ms=-1)
    shown: list[RenderOutcome] = []
    ctl.rendered.connect(shown.append)
    ctl.request("Hello world\n", site, None)
    assert len(shown) == 1 and shown[0].stats.word_count == 2
    assert ctl.process_id() is None
    ctl.shutdown()
    with pytest.raises(RuntimeError):
        ctl.request("x", site, None)


def test_a_crashed_render_process_is_restarted(qtbot: Any, site: SiteConfig) -> None:
    ctl = RenderController(debounce_ms=0)
    try:
        with qtbot.waitSignal(ctl.rendered, timeout=30000):
            ctl.request("one\n", site, None)
        pid = ctl.process_id()
        assert pid is not None and render_children() == [pid]  # the check below can see one
        os.kill(pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: ctl.process_id() != pid, timeout=30000)
        with qtbot.waitSignal(ctl.rendered, timeout=30000) as got:
            ctl.request("two words\n", site, None)
        assert got.args[0].stats.word_count == 2
    finally:
        ctl.shutdown()
    assert render_children() == []


def test_a_slow_rendering_is_previewed_before_its_figures(qtbot: Any, site: SiteConfig) -> None:
    ctl = RenderController(debounce_ms=0)
    ctl.early_after_ms = 0.0
    early: list[RenderOutcome] = []
    ctl.previewed.connect(early.append)
    try:
        with qtbot.waitSignal(ctl.rendered, timeout=30000):
            ctl.request("One two.\n", site, None)
        assert early == []  # the first rendering has no figures to head it with
        with qtbot.waitSignal(ctl.rendered, timeout=30000) as whole:
            revision = ctl.request("One two three.\n", site, None)
        (preview,) = early
        assert preview.text_revision == revision and preview.stats is None
        assert preview.blocks == whole.args[0].blocks
        assert whole.args[0].stats.word_count == 3
        assert ctl.last_outcome is whole.args[0] and not ctl.busy
    finally:
        ctl.shutdown()


def test_a_request_made_after_a_pause_skips_the_debounce(qtbot: Any, site: SiteConfig) -> None:
    ctl = RenderController(mode="thread", debounce_ms=150)
    try:
        ctl.request("a\n", site, None)
        assert ctl._timer.interval() == 150
        ctl._timer.stop()
        with qtbot.waitSignal(ctl.rendered, timeout=30000):
            ctl.request("b\n", site, None, now=True)
            assert ctl._timer.interval() == 0
    finally:
        ctl.shutdown()


def test_the_next_request_goes_once_the_preview_is_in(qtbot: Any, site: SiteConfig) -> None:
    ctl = RenderController(debounce_ms=0)
    ctl.early_after_ms = 0.0
    shown: list[RenderOutcome] = []
    ctl.rendered.connect(shown.append)
    asked: list[int] = []

    def type_more(outcome: RenderOutcome) -> None:
        if not asked:  # newer text while the figures of the previewed one are on their way
            asked.append(ctl.request("Three words now.\n", site, None))
            assert not ctl.in_flight and ctl.busy  # the preview is in; figures are due

    ctl.previewed.connect(type_more)
    try:
        with qtbot.waitSignal(ctl.rendered, timeout=30000):
            ctl.request("One.\n", site, None)
        ctl.request("One two.\n", site, None)
        qtbot.waitUntil(lambda: bool(asked) and not ctl.busy, timeout=30000)
        assert [o.text_revision for o in shown[1:]] == asked  # "One two." was overtaken
        assert shown[-1].stats.word_count == 3
        assert ctl.dropped == 1
    finally:
        ctl.shutdown()


def test_the_render_process_ignores_an_editor_folder_in_the_working_directory(
    qtbot: Any, site: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shadow = tmp_path / "shadow" / "editor"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('the wrong editor package')\n")
    monkeypatch.chdir(shadow.parent)
    ctl = RenderController(debounce_ms=0)
    try:
        with qtbot.waitSignal(ctl.rendered, timeout=30000) as got:
            ctl.request("Two words.\n", site, None)
        assert got.args[0].stats.word_count == 2
    finally:
        ctl.shutdown()
