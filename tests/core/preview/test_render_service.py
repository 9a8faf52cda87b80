from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import editor
from editor.core.post.model import Post
from editor.core.preview.service import (
    HEADER,
    FrameDecoder,
    RenderOutcome,
    RenderRequest,
    RenderService,
    Shutdown,
    encode_frame,
    serve,
)
from editor.core.site.config import SiteConfig
from editor.core.stats.figures import post_stats

POST = """\
---
title: Hello
date: 2026-03-09
tags: [go]
author: Ada
---

# Heading

Some words here, *five* of them.

```go
fmt.Println("hi")
```
"""


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    return SiteConfig.hugo_defaults(tmp_path)


def test_outcome_has_preview_blocks_and_hugo_figures(site: SiteConfig, tmp_path: Path) -> None:
    from editor.core.markdown.renderer import Renderer

    path = tmp_path / "content" / "posts" / "hello.md"
    outcome = RenderService().handle(RenderRequest(7, 3, POST, path, site))
    assert outcome.error is None
    assert (outcome.job_id, outcome.text_revision, outcome.path) == (7, 3, path)
    assert "data-line=" in outcome.result.html
    assert "".join(b.html for b in outcome.blocks) == outcome.result.html
    expected = post_stats(
        Post.from_text(POST, path), site, Renderer(site).render(POST, page_path=path)
    )
    assert outcome.stats == expected
    assert outcome.header is not None
    assert outcome.header.title == "Hello" and outcome.header.tags == ("go",)
    assert outcome.header.meta_line == (
        f"March 9, 2026 · {expected.reading_time} min · {expected.word_count} words · Ada"
    )
    assert outcome.elapsed_ms > 0


def test_site_is_kept_between_requests(site: SiteConfig) -> None:
    seen: list[SiteConfig] = []

    class Fake:
        def __init__(self, s: SiteConfig) -> None:
            seen.append(s)

        def render(self, text: str, **_: object) -> object:
            from editor.core.markdown.renderer import Renderer

            return Renderer(seen[-1]).render(text, preview=bool(_.get("preview")))

    service = RenderService(Fake)
    service.handle(RenderRequest(1, 1, "a", None, site))
    service.handle(RenderRequest(2, 2, "b", None, None))
    assert seen == [site, site]
    other = SiteConfig.hugo_defaults(site.root / "other")
    service.handle(RenderRequest(3, 3, "c", None, other))
    assert seen[-1] is other


def test_a_failing_renderer_gives_an_error_outcome(site: SiteConfig) -> None:
    class Broken:
        def __init__(self, _site: SiteConfig) -> None:
            pass

        def render(self, text: str, **_: object) -> object:
            raise RuntimeError("boom")

    outcome = RenderService(Broken).handle(RenderRequest(1, 1, "x", None, site))
    assert outcome.result is None and outcome.error is not None and "boom" in outcome.error


def test_frames_round_trip_in_pieces() -> None:
    frames = encode_frame({"a": 1}, 5) + encode_frame([2], 6)
    decoder = FrameDecoder()
    got = []
    for i in range(0, len(frames), 3):
        got += decoder.feed(frames[i : i + 3])
    assert [(rev, pickle.loads(data)) for rev, data, _final in got] == [(5, {"a": 1}), (6, [2])]
    assert decoder.pending_bytes == 0
    assert HEADER.size == 24


def test_serve_answers_until_shutdown(site: SiteConfig) -> None:
    inp = io.BytesIO(
        encode_frame(RenderRequest(1, 9, "# hi\n", None, site))
        + encode_frame("ignored")
        + encode_frame(Shutdown())
        + encode_frame(RenderRequest(2, 10, "never", None, None))
    )
    out = io.BytesIO()
    assert serve(inp, out) == 0
    frames = FrameDecoder().feed(out.getvalue())
    assert len(frames) == 1
    revision, payload, final = frames[0]
    outcome = pickle.loads(payload)
    assert final
    assert isinstance(outcome, RenderOutcome) and revision == 9
    assert "hi" in outcome.result.html


def test_warm_up_renders_without_a_site() -> None:
    from editor.core.preview.service import warm_up

    assert warm_up() > 0


def test_a_waiting_request_is_answered_before_the_warm_up(
    site: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor.core.preview.service as module

    calls: list[str] = []

    def steps() -> Iterator[float]:
        calls.append("warm-up")
        yield 1.0

    monkeypatch.setattr(module, "warm_up_steps", steps)
    service = RenderService()
    handle = service.handle
    monkeypatch.setattr(
        service, "handle", lambda r, *more: (calls.append("render"), handle(r, *more))[1]
    )
    read_fd, write_fd = os.pipe()
    with os.fdopen(write_fd, "wb") as writer:  # closed: the reader sees the end after it
        writer.write(encode_frame(RenderRequest(1, 9, "# first\n", None, site)))
    out = io.BytesIO()
    with os.fdopen(read_fd, "rb") as reader:
        assert serve(reader, out, service, warm_up_when_idle=True) == 0
    assert calls == ["render"]
    assert len(FrameDecoder().feed(out.getvalue())) == 1


def test_an_idle_service_warms_up_while_it_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    import editor.core.preview.service as module

    read_fd, write_fd = os.pipe()
    writer = os.fdopen(write_fd, "wb")
    calls: list[str] = []

    def steps() -> Iterator[float]:  # nothing was waiting; the request comes once warmed up
        calls.append("warm-up")
        writer.write(encode_frame(Shutdown()))
        writer.close()
        yield 1.0

    monkeypatch.setattr(module, "warm_up_steps", steps)
    with os.fdopen(read_fd, "rb") as reader:
        assert serve(reader, io.BytesIO(), warm_up_when_idle=True) == 0
    assert calls == ["warm-up"]


def test_a_request_arriving_during_the_warm_up_comes_before_its_next_step(
    site: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app starts the render process before its window: the post's request arrives
    while the child warms up, and waits for one step, not for the whole warm-up."""
    import editor.core.preview.service as module

    read_fd, write_fd = os.pipe()
    writer = os.fdopen(write_fd, "wb")
    calls: list[str] = []

    def steps() -> Iterator[float]:
        calls.append("step 1")
        writer.write(encode_frame(RenderRequest(1, 3, "# post\n", None, site)))
        writer.flush()
        yield 1.0
        calls.append("step 2")
        writer.write(encode_frame(Shutdown()))
        writer.close()
        yield 1.0
        calls.append("step 3")
        yield 1.0

    service = RenderService()
    handle = service.handle
    monkeypatch.setattr(
        service, "handle", lambda r, *more: (calls.append("render"), handle(r, *more))[1]
    )
    monkeypatch.setattr(module, "warm_up_steps", steps)
    out = io.BytesIO()
    with os.fdopen(read_fd, "rb") as reader:
        assert serve(reader, out, service, warm_up_when_idle=True) == 0
    assert calls == ["step 1", "render", "step 2"]
    assert [revision for revision, _p, _f in FrameDecoder().feed(out.getvalue())] == [3]


def test_serve_stops_at_end_of_input() -> None:
    assert serve(io.BytesIO(b""), io.BytesIO()) == 0
    assert serve(io.BytesIO(HEADER.pack(10, 0, 1) + b"abc"), io.BytesIO()) == 0


def test_child_process_protocol(site: SiteConfig) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(editor.__file__).parent.parent))
    request = encode_frame(RenderRequest(4, 4, "Hello *there*\n", None, site))
    done = subprocess.run(
        [sys.executable, "-m", "editor.core.preview.service"],
        input=request + encode_frame(Shutdown()),
        capture_output=True,
        env=env,
        timeout=60,
        check=True,
    )
    (revision, payload, _final), *rest = FrameDecoder().feed(done.stdout)
    assert rest == [] and revision == 4
    outcome = pickle.loads(payload)
    assert outcome.error is None
    assert outcome.stats.word_count == 2


def test_unpickling_an_outcome_does_not_import_the_renderer(
    site: SiteConfig, tmp_path: Path
) -> None:
    # The GUI unpickles outcomes: every type in one (a result with headings and warnings,
    # stats, header, blocks) must come from a module that does not import the renderer.
    text = POST + "\n![missing](nowhere.png)\n\n```\nnever closed\n"
    outcome = RenderService().handle(RenderRequest(1, 1, text, tmp_path / "p.md", site))
    assert outcome.result is not None and outcome.result.headings and outcome.result.warnings
    assert outcome.header is not None and outcome.blocks and outcome.stats is not None
    (tmp_path / "outcome.pickle").write_bytes(pickle.dumps(outcome))
    code = (
        "import pickle, sys; o = pickle.loads(open(sys.argv[1], 'rb').read());"
        " assert o.result.headings[0].text == 'Heading';"
        " print([m for m in ('markdown_it', 'pygments', 'markdown', 'mdit_py_plugins',"
        " 'editor.core.markdown.renderer') if m in sys.modules])"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(editor.__file__).parent.parent))
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "outcome.pickle")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_the_outcome_carries_the_posts_and_the_renderings_problems(
    site: SiteConfig, tmp_path: Path
) -> None:
    path = tmp_path / "content" / "posts" / "hello.md"
    text = "---\ntitle: [unclosed\n---\n\nBody {{< nosuchshortcode >}}\n"
    outcome = RenderService().handle(RenderRequest(1, 1, text, path, site))
    assert outcome.error is None
    post_problems = Post.from_text(text, path).diagnostics
    assert post_problems and outcome.diagnostics[: len(post_problems)] == post_problems
    assert any("nosuchshortcode" in d.message for d in outcome.diagnostics)
    assert all(d.line is not None for d in outcome.diagnostics)
    clean = RenderService().handle(RenderRequest(2, 2, POST, path, site))
    assert clean.diagnostics == ()


def test_an_early_outcome_brings_the_preview_before_the_figures(
    site: SiteConfig, tmp_path: Path
) -> None:
    path = tmp_path / "content" / "posts" / "hello.md"
    service = RenderService()
    early: list[RenderOutcome] = []

    first = service.handle(RenderRequest(1, 1, POST, path, site, 0.0), early.append)
    assert early == []  # no figures yet to make its header with: one answer
    longer = POST + "\nMore words, four more.\n"
    whole = service.handle(RenderRequest(2, 2, longer, path, None, 0.0), early.append)
    (preview,) = early
    assert (preview.job_id, preview.text_revision, preview.path) == (2, 2, path)
    assert preview.stats is None and preview.error is None
    assert preview.result == whole.result and preview.blocks == whole.blocks
    assert preview.diagnostics == whole.diagnostics
    assert preview.header == first.header  # the previous figures: 9 words
    assert whole.stats is not None and whole.stats.word_count == first.stats.word_count + 4
    assert whole.header is not None and str(whole.stats.word_count) in whole.header.meta_line
    # Without a threshold, or under it, there is one answer.
    service.handle(RenderRequest(3, 3, POST, path, None), early.append)
    service.handle(RenderRequest(4, 4, longer, path, None, 60_000.0), early.append)
    assert len(early) == 1
    # Newer text waiting: the early outcome is the answer, without figures.
    skipped = service.handle(RenderRequest(5, 5, POST, path, None, 0.0), early.append, lambda: True)
    assert skipped.stats is None and skipped.blocks == first.blocks
    assert service.handle(RenderRequest(6, 6, POST, path, None)).stats == first.stats


def test_a_request_waiting_in_the_pipe_skips_the_figures(site: SiteConfig) -> None:
    read_fd, write_fd = os.pipe()
    with os.fdopen(write_fd, "wb") as writer:  # both requests wait before serving starts
        writer.write(encode_frame(RenderRequest(1, 1, "# hi\n", None, site, 0.0)))
        writer.write(encode_frame(RenderRequest(2, 2, "# hi there\n", None, None, 0.0)))
        writer.write(encode_frame(RenderRequest(3, 3, "# hi there you\n", None, None, 0.0)))
    out = io.BytesIO()
    with os.fdopen(read_fd, "rb") as reader:
        assert serve(reader, out) == 0
    frames = FrameDecoder().feed(out.getvalue())
    assert [(f.revision, f.final) for f in frames] == [
        (1, True),
        (2, False),
        (2, True),
        (3, False),
        (3, True),
    ]
    outcomes = [pickle.loads(f.payload) for f in frames]
    assert outcomes[2].stats is None  # revision 3 was waiting: no figures for 2
    assert outcomes[2].blocks == outcomes[1].blocks
    assert "hi there you" in outcomes[4].result.html


def test_serve_sends_the_early_frame_first(site: SiteConfig) -> None:
    inp = io.BytesIO(
        encode_frame(RenderRequest(1, 1, "# hi\n", None, site, 0.0))
        + encode_frame(RenderRequest(2, 2, "# hi there\n", None, None, 0.0))
    )
    out = io.BytesIO()
    assert serve(inp, out) == 0
    frames = FrameDecoder().feed(out.getvalue())
    assert [(f.revision, f.final) for f in frames] == [(1, True), (2, False), (2, True)]
    early, whole = (pickle.loads(f.payload) for f in frames[1:])
    assert early.stats is None and whole.stats.word_count == 2
    assert early.blocks == whole.blocks
