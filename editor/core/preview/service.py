"""Rendering as a service: what the preview needs from one version of the text, in one call.

`RenderService.handle(request)` turns editor text into a `RenderOutcome`: the preview
render (blocks with `data-line`), Hugo's figures from a plain render, the header card and
the page blocks for patching. It keeps one `Renderer` per mode so the block caches make
re-rendering after a local edit cheap.

The same service runs in a child process (`python -m editor.core.preview.service`), because
the renderer is pure Python and would hold the GIL against the GUI thread. The protocol is
framed pickles over stdin/stdout: each frame is a 24-byte header (payload length, the
job's text revision and `final`, unsigned 64-bit big-endian) and the pickled object, so a
reader can drop a stale outcome without unpickling it. A request with `early_after_ms` set
is answered by two frames when its preview took that long to render: an early outcome as
soon as the preview is ready (`final` 0: no figures yet, the header made with the previous
rendering's figures), then the whole outcome (`final` 1); every job ends with exactly one
final frame. The reader may send the next request as soon as the early frame is in: when
one is waiting by then, the figures of the old text are not computed (its final frame
repeats the early outcome, which is stale for the reader anyway). A `Shutdown` request,
or end of input, ends the child. The child runs at a lower priority (NICE), so the window
comes first.

Every type in a `RenderOutcome` (render_types, stats, preview_header, preview_page,
diagnostics) lives in a module that does not import the renderer, so the GUI process
that unpickles outcomes never loads markdown-it, Pygments or Python-Markdown.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import pickle
import select
import struct
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, Protocol

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.limits import RENDER_SECONDS, TimeLimitExceeded, time_limit
from editor.core.markdown.types import RenderResult
from editor.core.post.model import Post
from editor.core.preview.header import PreviewHeader, post_header
from editor.core.preview.page import Block, blocks_by_html, split_blocks
from editor.core.site.config import SiteConfig
from editor.core.stats.figures import PostStats, post_stats

__all__ = [
    "HEADER",
    "Frame",
    "FrameDecoder",
    "RenderOutcome",
    "RenderRequest",
    "RenderService",
    "Shutdown",
    "encode_frame",
    "serve",
]

HEADER = struct.Struct(">QQQ")  # payload length, text revision, final (1) or early (0)
NICE = 5  # the render process yields to the window (its thread draws what the user types)


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """Render `text` (revision `text_revision`); `site=None` reuses the previous site.

    `early_after_ms`: when the preview took at least this long, it is answered first,
    before the figures (see the module docstring); None: one answer."""

    job_id: int
    text_revision: int
    text: str
    path: Path | None = None
    site: SiteConfig | None = None
    early_after_ms: float | None = None


@dataclass(frozen=True, slots=True)
class Shutdown:
    """Ask the service loop to end."""


@dataclass(frozen=True, slots=True)
class RenderOutcome:
    """One rendering, ready to show: `result` is None (and `error` set) when rendering failed."""

    job_id: int
    text_revision: int
    result: RenderResult | None  # preview mode
    stats: PostStats | None
    header: PreviewHeader | None = None
    blocks: tuple[Block, ...] = ()
    error: str | None = None
    elapsed_ms: float = 0.0
    path: Path | None = field(default=None)
    # what the editor marks: the post's own problems (front matter), then the rendering's
    diagnostics: tuple[Diagnostic, ...] = ()


class _Renderer(Protocol):
    def render(
        self,
        text: str,
        *,
        preview: bool = False,
        page_path: Path | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> Any: ...


def _default_factory(site: SiteConfig) -> _Renderer:
    from editor.core.markdown.renderer import Renderer

    renderer: _Renderer = Renderer(site)
    return renderer


class RenderService:
    """Stateful renderer for one editor: keeps the site, the renderers' block caches, the
    last rendering's blocks (reused when unchanged) and figures (for an early header)."""

    def __init__(
        self,
        renderer_factory: Callable[[SiteConfig], _Renderer] | None = None,
        *,
        time_budget: float = RENDER_SECONDS,
    ) -> None:
        self._factory = renderer_factory or _default_factory
        self._budget = time_budget
        self._site: SiteConfig | None = None
        self._preview: _Renderer | None = None
        self._plain: _Renderer | None = None
        self._known: dict[str, Block] = {}
        self._last_stats: PostStats | None = None

    def handle(
        self,
        request: RenderRequest,
        early: Callable[[RenderOutcome], None] | None = None,
        superseded: Callable[[], bool] | None = None,
    ) -> RenderOutcome:
        """The outcome of `request`. With `early` and `request.early_after_ms`, `early` may
        first be called with the preview alone (an outcome without figures); when
        `superseded()` then says newer text is waiting, that is the outcome (the figures,
        two steps, are left out at either step)."""
        started = time.perf_counter()
        try:
            with time_limit(self._budget):
                outcome = self._render(request, (early, superseded or _never), started)
        except TimeLimitExceeded as exc:
            self._preview = self._plain = None  # their caches may be half-updated
            self._known = {}
            outcome = as_text(request, exc)
        except Exception:  # a bug in rendering must not take the preview down
            outcome = RenderOutcome(
                request.job_id,
                request.text_revision,
                None,
                None,
                error=traceback.format_exc(limit=8),
                path=request.path,
            )
        elapsed = (time.perf_counter() - started) * 1000.0
        return _with_elapsed(outcome, elapsed)

    def _render(
        self,
        request: RenderRequest,
        answer: tuple[Callable[[RenderOutcome], None] | None, Callable[[], bool]],
        started: float,
    ) -> RenderOutcome:
        if request.site is not None and request.site != self._site:
            self._site = request.site
            self._preview = self._plain = None
            self._last_stats = None
        if self._site is None:
            root = request.path.parent if request.path is not None else Path.cwd()
            self._site = SiteConfig.hugo_defaults(root)
        site = self._site
        if self._preview is None or self._plain is None:
            self._preview = self._factory(site)
            self._plain = self._factory(site)
        post = Post.from_text(request.text, request.path, meta=site.meta_lines)
        metadata = post.metadata
        result = self._preview.render(
            request.text, preview=True, page_path=request.path, metadata=metadata
        )
        blocks = split_blocks(result.html, result.line_map, self._known)
        self._known = blocks_by_html(blocks)
        diagnostics = (*post.diagnostics, *result.warnings)
        previous = self._last_stats
        after = request.early_after_ms
        early, superseded = answer
        first: RenderOutcome | None = None
        if (
            early is not None
            and after is not None
            and previous is not None
            and (time.perf_counter() - started) * 1000.0 >= after
        ):
            first = RenderOutcome(
                request.job_id,
                request.text_revision,
                result,
                None,
                header=post_header(post, previous, site),
                blocks=blocks,
                path=request.path,
                diagnostics=diagnostics,
            )
            early(first)
            if superseded():
                return first
        plain = self._plain.render(
            request.text, preview=False, page_path=request.path, metadata=metadata
        )
        if first is not None and superseded():
            return first
        stats = post_stats(post, site, plain)
        self._last_stats = stats
        header = post_header(post, stats, site)
        return RenderOutcome(
            request.job_id,
            request.text_revision,
            result,
            stats,
            header=header,
            blocks=blocks,
            path=request.path,
            diagnostics=diagnostics,
        )


def as_text(request: RenderRequest, exc: TimeLimitExceeded) -> RenderOutcome:
    """The post as plain text, for a rendering that ran past its budget: nothing of the
    text is parsed again (that may be what ran away), and the problem is on line 1."""
    text = request.text
    lines = text.count("\n") + 1
    page = f'<pre class="inkpost-as-text" data-line="1">{html.escape(text)}</pre>'
    problem = Diagnostic(
        f"this post took too long to render ({exc}): the preview shows it as text",
        request.path,
        1,
        Severity.ERROR,
    )
    result = RenderResult(page, "", line_map=((1, lines),), warnings=(problem,))
    name = request.path.stem if request.path is not None else ""
    return RenderOutcome(
        request.job_id,
        request.text_revision,
        result,
        None,
        header=PreviewHeader(title=name),
        blocks=split_blocks(result.html, result.line_map),
        path=request.path,
        diagnostics=(problem,),
    )


def _with_elapsed(outcome: RenderOutcome, elapsed_ms: float) -> RenderOutcome:
    return RenderOutcome(
        outcome.job_id,
        outcome.text_revision,
        outcome.result,
        outcome.stats,
        header=outcome.header,
        blocks=outcome.blocks,
        error=outcome.error,
        elapsed_ms=elapsed_ms,
        path=outcome.path,
        diagnostics=outcome.diagnostics,
    )


def encode_frame(obj: object, revision: int = 0, *, final: bool = True) -> bytes:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(payload), revision, int(final)) + payload


class Frame(NamedTuple):
    """One decoded frame: its text revision, pickled payload and whether it ends its job."""

    revision: int
    payload: bytes
    final: bool = True


class FrameDecoder:
    """Collects bytes as they arrive and yields whole frames."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Frame]:
        self._buffer += data
        frames: list[Frame] = []
        while len(self._buffer) >= HEADER.size:
            length, revision, final = HEADER.unpack_from(self._buffer)
            end = HEADER.size + length
            if len(self._buffer) < end:
                break
            frames.append(Frame(revision, bytes(self._buffer[HEADER.size : end]), bool(final)))
            del self._buffer[:end]
        return frames

    @property
    def pending_bytes(self) -> int:
        return len(self._buffer)


def _read_exact(stream: BinaryIO, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def serve(
    inp: BinaryIO,
    out: BinaryIO,
    service: RenderService | None = None,
    *,
    warm_up_when_idle: bool = False,
) -> int:
    """Answer framed `RenderRequest`s until `Shutdown` or end of input; returns an exit code.

    With `warm_up_when_idle`, the renderer is warmed up (`warm_up_steps`) while no request is
    waiting on `inp` (a file with a descriptor), one step at a time: a request that is there,
    or arrives meanwhile (the post the window opens with), is answered first, and the
    warm-up goes on at the next idle moment.
    """
    service = service or RenderService()
    steps = warm_up_steps() if warm_up_when_idle else None
    while True:
        while steps is not None and not select.select([inp], [], [], 0)[0]:
            if next(steps, None) is None:
                steps = None
        head = _read_exact(inp, HEADER.size)
        if head is None:
            return 0
        length, _revision, _final = HEADER.unpack(head)
        payload = _read_exact(inp, length)
        if payload is None:
            return 0
        request = pickle.loads(payload)
        if isinstance(request, Shutdown):
            return 0
        if not isinstance(request, RenderRequest):
            continue
        outcome = service.handle(
            request, lambda first: _write(out, first, final=False), lambda: _waiting(inp)
        )
        _write(out, outcome, final=True)


def _write(out: BinaryIO, outcome: RenderOutcome, *, final: bool) -> None:
    out.write(encode_frame(outcome, outcome.text_revision, final=final))
    out.flush()


def _waiting(inp: BinaryIO) -> bool:
    """Whether more input (a newer request, or its end) waits on `inp`, a pipe or file."""
    try:
        return bool(select.select([inp], [], [], 0)[0])
    except (OSError, ValueError, io.UnsupportedOperation):  # not one (tests)
        return False


def _never() -> bool:
    return False


def main() -> int:
    """Child-process entry: frames on the real stdout; anything printed goes to stderr."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    if hasattr(os, "nice"):  # the window's thread and the X server come first (typing)
        with contextlib.suppress(OSError):
            os.nice(NICE)
    return serve(sys.stdin.buffer, out, RenderService(), warm_up_when_idle=True)


_WARM_UP_LANGUAGES = ("python", "go", "bash", "javascript", "yaml", "toml", "json", "rust", "c")


def warm_up_steps() -> Iterator[float]:
    """Import and exercise the renderer (the Pygments lexers of common languages too), so
    the first real request does not pay for it: one step per next(), each yielding the
    milliseconds it took (the renderer's import and a small post first, then a language)."""
    service = RenderService()
    texts = [
        "---\ntitle: warm-up\n---\nSome *text* with `code` and a [link](https://example.org).\n"
    ]
    texts += [f"```{lang}\nx\n```\n" for lang in _WARM_UP_LANGUAGES]
    for number, text in enumerate(texts):
        started = time.perf_counter()
        service.handle(RenderRequest(0, number, text, None, None))
        yield (time.perf_counter() - started) * 1000.0


def warm_up() -> float:
    """Every warm-up step at once; returns the milliseconds it took."""
    return sum(warm_up_steps())


if __name__ == "__main__":
    # Run the importable module, not this `__main__` copy: pickled requests name the
    # classes of `editor.core.preview.service`.
    from editor.core.preview.service import main as _main

    sys.exit(_main())
