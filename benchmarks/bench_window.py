"""Inkpost's writing window as a user meets it, against ghostwriter and ReText, under Xvfb.

    python3 benchmarks/bench_window.py [--apps inkpost,ghostwriter,retext] [--samples 30]

Needs Xvfb and python-xlib (Debian: xvfb, python3-xlib; this script re-runs itself with
/usr/bin/python3 when the current Python lacks Xlib); the peers are measured when
installed (apt-get install ghostwriter retext). Every app runs in the same Xvfb at
1400x900 with a fresh configuration; keys go in through XTEST, and the screen is watched
through the X DAMAGE extension (every drawn rectangle, timed when it arrives) and the
`-fbdir` framebuffer (to tell a painted post from a blank pane).

Measures (medians unless said; every figure also with its min and max):
  key->editor      one key -> editor repainted, 50,000-word post, cursor at the end
  freeze           longest key->editor time while typing 100 keys at 78 keys/s
  burst p50..max   key->editor times over one burst of 1,000 keys at 78 keys/s (50,000
                   words): each key to the first editor repaint after it; ">16ms" counts
                   the keys that waited longer than a frame
  key->preview     one key -> preview changed, 3,600-word post with 16 code blocks
  settle           last of 10 quick keys -> last preview repaint, 50,000-word post
  spawn->editor    process start -> the post's text drawn in the editor (3,600 words)
  spawn->preview   process start -> the rendered post drawn in the preview
  hand-over        with the app running, a second `app FILE` spawned -> that file's text
                   drawn in an editor (Inkpost: in the first instance's window; the peers
                   open a window of their own)
  pss              whole-app PSS (all processes of the app), 5 s after showing the post

Start-ups alternate between the apps, round by round (the machine's load changes over a
run), each round starting with the next app, and the ratio to ghostwriter is given per round
as well: its median, min and max (with --baseline, Inkpost's ratio to the baseline too).
The keys figures are measured app after app (one instance each).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import mmap
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

try:
    from Xlib import XK, X, display
    from Xlib.ext import damage, xtest
except ImportError:  # the venv has no python-xlib: use Debian's python3-xlib
    if sys.executable != "/usr/bin/python3" and Path("/usr/bin/python3").exists():
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import gap_log  # noqa: E402
from posts import make_post  # noqa: E402

WIDTH, HEIGHT = 1400, 900
# the Python that runs Inkpost: $INKPOST_PYTHON, else the checkout's .venv (README's install)
VENV_PYTHON = os.environ.get("INKPOST_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
TARGETS = {  # measure: (unit, Inkpost's target; "x" = times ghostwriter in the same run)
    "key->editor": ("ms", "<= 4"),
    "freeze": ("ms", "<= 16"),
    "burst p50": ("ms", ""),
    "burst p90": ("ms", ""),
    "burst p99": ("ms", ""),
    "burst max": ("ms", "<= 16"),
    "burst >16ms": ("keys", "0"),
    "key->preview": ("ms", "<= 60"),
    "settle": ("ms", "<= 150"),
    "spawn->editor": ("ms", "<= 0.9x"),
    "spawn->preview": ("ms", "<= 0.9x"),
    "hand-over": ("ms", "<= 100"),
    "pss": ("MiB", "<= 300"),
}
KEYS_PER_S = 78.0  # the typing rate of the freeze and burst figures
BURST_KEYS = 1000
BURSTS = 1  # --bursts: 1,000-key bursts per run of the large post
TYPED = "the quick brown fox jumps over the lazy dog while we measure how the editor keeps up "
# Per start-up round: measure -> round -> app -> value (for ratios within a round).
ROUNDS: dict[str, dict[int, dict[str, float]]] = {}


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    def hits(self, x: int, y: int, w: int, h: int) -> bool:
        return x < self.x + self.w and self.x < x + w and y < self.y + self.h and self.y < y + h


# --- the X server -------------------------------------------------------------------------


class Screen:
    """Xvfb with a memory-mapped framebuffer, DAMAGE on the root window and XTEST keys."""

    def __init__(self, number: int) -> None:
        self.name = f":{number}"
        self.fbdir = Path(tempfile.mkdtemp(prefix="inkpost-fb-"))
        self.proc = subprocess.Popen(
            [
                "Xvfb",
                self.name,
                "-screen",
                "0",
                f"{WIDTH}x{HEIGHT}x24",
                "-fbdir",
                str(self.fbdir),
                "-nolisten",
                "tcp",
                "-ac",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.02)
        self.d = display.Display(self.name)
        self.root = self.d.screen().root
        if not self.d.has_extension("DAMAGE"):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.d.damage_query_version()
        self.damage = self.root.damage_create(damage.DamageReportRawRectangles)
        self.d.sync()
        fb = open(self.fbdir / "Xvfb_screen0", "rb")  # noqa: SIM115 (kept open, mapped)
        self.fb = mmap.mmap(fb.fileno(), 0, access=mmap.ACCESS_READ)
        (header_size,) = struct.unpack(">I", self.fb[:4])
        fields = struct.unpack(">25I", self.fb[:100])
        self.bpl = fields[12]  # bytes_per_line
        ncolors = fields[19]
        self.offset = header_size + ncolors * 12

    def close(self) -> None:
        self.d.close()
        self.fb.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.fbdir, ignore_errors=True)

    # pixels

    def sample(self, rect: Rect, step: int = 6) -> list[bytes]:
        """Every `step`-th pixel of `rect`, row by row."""
        fb, bpl, off = self.fb, self.bpl, self.offset
        out = []
        for y in range(rect.y, rect.y + rect.h, step):
            row = off + y * bpl
            line = fb[row + rect.x * 4 : row + (rect.x + rect.w) * 4]
            out += [line[i : i + 3] for i in range(0, len(line), 4 * step)]
        return out

    def busy_fraction(self, rect: Rect) -> float:
        """Share of sampled pixels in `rect` that differ from its most common colour."""
        pixels = self.sample(rect)
        counts: dict[bytes, int] = {}
        for px in pixels:
            counts[px] = counts.get(px, 0) + 1
        return 1.0 - max(counts.values()) / len(pixels) if pixels else 0.0

    def save_png(self, path: Path) -> None:
        """The whole screen as a PNG (to check where each app put its panes)."""
        rows = []
        for y in range(HEIGHT):
            start = self.offset + y * self.bpl
            line = self.fb[start : start + WIDTH * 4]
            rgb = bytearray(WIDTH * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
            rows.append(b"\0" + bytes(rgb))

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        head = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
        path.write_bytes(
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", head)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
            + chunk(b"IEND", b"")
        )

    # damage

    def drain(self) -> None:
        while self.d.pending_events():
            self.d.next_event()

    def events(self, until: float) -> list[tuple[float, int, int, int, int]]:
        """Damage rectangles (time, x, y, w, h) arriving before monotonic time `until`."""
        out = []
        while True:
            while self.d.pending_events():
                ev = self.d.next_event()
                if ev.type == self.d.extension_event.DamageNotify:
                    a = ev.area
                    out.append((time.monotonic(), a.x, a.y, a.width, a.height))
            left = until - time.monotonic()
            if left <= 0:
                return out
            select.select([self.d.fileno()], [], [], left)

    def wait_damage(
        self, rect: Rect, timeout: float, accept: Callable[[int, int, int, int], bool] | None = None
    ) -> float | None:
        deadline = time.monotonic() + timeout
        while True:
            while self.d.pending_events():
                ev = self.d.next_event()
                if ev.type != self.d.extension_event.DamageNotify:
                    continue
                a = ev.area
                if rect.hits(a.x, a.y, a.width, a.height) and (
                    accept is None or accept(a.x, a.y, a.width, a.height)
                ):
                    return time.monotonic()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            select.select([self.d.fileno()], [], [], left)

    # input

    def pointer(self, x: int, y: int) -> None:
        xtest.fake_input(self.d, X.MotionNotify, x=x, y=y)
        self.d.sync()

    def key(self, name: str, *modifiers: str) -> float:
        """Press and release a key (with modifiers); the time the server has it."""
        codes = [self.d.keysym_to_keycode(XK.string_to_keysym(m)) for m in modifiers]
        code = self.d.keysym_to_keycode(XK.string_to_keysym(name))
        for c in codes:
            xtest.fake_input(self.d, X.KeyPress, c)
        xtest.fake_input(self.d, X.KeyPress, code)
        self.d.sync()
        sent = time.monotonic()
        xtest.fake_input(self.d, X.KeyRelease, code)
        for c in reversed(codes):
            xtest.fake_input(self.d, X.KeyRelease, c)
        self.d.sync()
        return sent


# --- the apps -----------------------------------------------------------------------------


@dataclass
class App:
    name: str
    command: Callable[[Path, Path], list[str]]  # (site, post) -> argv
    editor: Rect
    preview: Rect
    setup: Callable[[Path, Path], dict[str, str]]  # (home, site) -> extra environment
    after_map: Callable[[Screen, subprocess.Popen[bytes]], None] = lambda s, p: None
    results: dict[str, list[float]] = field(default_factory=dict)


def _inkpost_env(home: Path, _site: Path, root: Path = ROOT) -> dict[str, str]:
    return {
        "INKPOST_CONFIG_DIR": str(home / "config"),
        "INKPOST_DATA_DIR": str(home / "data"),
        "PYTHONPATH": str(root),
    }


def inkpost_app(name: str, root: Path, watchdog: Path | None) -> App:
    """Inkpost from the checkout at `root`; with `watchdog` (a folder), run under the
    event-loop watchdog (editor/app/watchdog.py), its log in that folder."""
    module = "editor" if watchdog is None else "editor.app.watchdog"

    def setup(home: Path, site: Path) -> dict[str, str]:
        env = _inkpost_env(home, site, root)
        if watchdog is not None:
            env["INKPOST_WATCHDOG"] = str(watchdog / f"{name}-{int(time.time() * 1000)}.jsonl")
        return env

    return App(
        name,
        # -P: the modules come from PYTHONPATH (`root`), not from the current folder.
        lambda site, post: [VENV_PYTHON, "-P", "-m", module, str(site), str(post)],
        editor=Rect(445, 95, 425, 770),  # right of the library dock
        preview=Rect(915, 95, 460, 770),
        setup=setup,
    )


def _ghostwriter_env(home: Path, _site: Path) -> dict[str, str]:
    conf = home / ".config" / "ghostwriter"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "ghostwriter.conf").write_text(
        "[Preview]\nhtmlPreviewVisible=true\nlastUsedExporter=cmark-gfm\n"
        "[Application]\nrestoreSession=false\n[Window]\nhtmlPreviewVisible=true\n"
        "[Style]\nfocusMode=0\n"
    )
    return {}


def _retext_env(home: Path, _site: Path) -> dict[str, str]:
    conf = home / ".config" / "ReText project"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "ReText.conf").write_text(
        "[General]\ndefaultPreviewState=live-preview\nuseWebEngine=true\n"
        "autoSave=false\nsaveWindowGeometry=false\n"
    )
    return {}


def _place_window(screen: Screen, proc: subprocess.Popen[bytes]) -> None:
    """Peers: move their top-level window to 0,0 and size it 1400x900."""
    env = dict(os.environ, DISPLAY=screen.name)
    for _ in range(200):
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
        if found:
            for win in found:
                subprocess.run(["xdotool", "windowmove", win, "0", "0"], env=env, check=False)
                subprocess.run(
                    ["xdotool", "windowsize", win, str(WIDTH), str(HEIGHT)], env=env, check=False
                )
            return
        time.sleep(0.05)


SHOTS: Path | None = None  # --shots: save a screenshot of each start-up
HALF = WIDTH // 2
# Where each app puts its editor text and its preview at 1400x900 (checked with --shots);
# menus, toolbars, side panels and status bars (where word counts change) left out.
PHASE_BUDGET = 90.0  # seconds per sampling loop: a slow peer gets fewer samples
APPS = {
    "inkpost": inkpost_app("inkpost", ROOT, None),
    "ghostwriter": App(
        "ghostwriter",
        lambda site, post: ["ghostwriter", str(post)],
        editor=Rect(180, 60, 560, 790),  # right of its outline sidebar
        preview=Rect(790, 60, 580, 790),
        setup=_ghostwriter_env,
        after_map=_place_window,
    ),
    "retext": App(
        "retext",
        lambda site, post: ["retext", str(post)],
        editor=Rect(10, 95, 655, 780),
        preview=Rect(710, 95, 660, 780),
        setup=_retext_env,
        after_map=_place_window,
    ),
}


def _not_caret(_x: int, _y: int, w: int, _h: int) -> bool:
    return w > 4  # a blinking caret damages a sliver; a typed key at least a glyph


# --- measuring ----------------------------------------------------------------------------


def watch_panes(
    screen: Screen,
    rects: dict[str, Rect],
    deadline: float,
    settle: float,
    on_first_damage: Callable[[], None],
) -> dict[str, float]:
    """When each pane in `rects` first showed what it shows once settled (monotonic times).

    After each batch of damage to a pane its pixels are sampled and stamped with the
    arrival time of the last damage event read; once nothing has changed for a while
    (`settle` s after the last change), the first snapshot that matches the final
    picture (95% of sampled pixels) gives the time. A pane must not be blank.
    """
    placed = False
    shots: dict[str, list[tuple[float, list[bytes]]]] = {pane: [] for pane in rects}
    last_change = time.monotonic()
    while time.monotonic() < deadline:
        events = screen.events(time.monotonic() + 0.02)
        if not events:
            if time.monotonic() - last_change > settle and all(shots.values()):
                break
            continue
        if not placed:
            on_first_damage()
            placed = True
        stamp = events[-1][0]
        for pane, rect in rects.items():
            if any(rect.hits(x, y, w, h) and _not_caret(x, y, w, h) for _t, x, y, w, h in events):
                shots[pane].append((stamp, screen.sample(rect)))
                last_change = time.monotonic()
    found: dict[str, float] = {}
    for pane, rect in rects.items():
        final = screen.sample(rect)
        if not shots[pane] or screen.busy_fraction(rect) < 0.01:
            continue
        for stamp, pixels in shots[pane]:
            same = sum(a == b for a, b in zip(pixels, final, strict=False))
            if same >= 0.95 * len(final):
                found[pane] = stamp
                break
    return found


class Run:
    """One app instance on one post."""

    def __init__(self, screen: Screen, app: App, site: Path, post: Path) -> None:
        self.screen = screen
        self.app = app
        self.home = Path(tempfile.mkdtemp(prefix=f"bench-{app.name}-"))
        env = dict(os.environ, DISPLAY=screen.name, HOME=str(self.home))
        env["XDG_CONFIG_HOME"] = str(self.home / ".config")
        env["XDG_DATA_HOME"] = str(self.home / ".local" / "share")
        env["XDG_CACHE_HOME"] = str(self.home / ".cache")
        env["XDG_RUNTIME_DIR"] = str(self.home / "runtime")  # Inkpost's instance socket
        (self.home / "runtime").mkdir(mode=0o700)
        env.pop("QT_QPA_PLATFORM", None)
        if os.geteuid() == 0:  # Chromium refuses to run sandboxed as root
            env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        # Byte-compiled modules, as an installed app has them (kept out of the source tree).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "inkpost-bench-pycache")
        env.update(app.setup(self.home, site))
        self.env = env
        screen.drain()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            app.command(site, post), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.editor_at: float | None = None
        self.preview_at: float | None = None

    def wait_shown(self, timeout: float = 30.0, settle: float = 5.0) -> None:
        times = watch_panes(
            self.screen,
            {"editor": self.app.editor, "preview": self.app.preview},
            self.started + timeout,
            settle,
            lambda: self.app.after_map(self.screen, self.proc),
        )
        self.editor_at, self.preview_at = times.get("editor"), times.get("preview")
        self.screen.pointer(self.app.editor.x + 200, self.app.editor.y + 200)

    def hand_over(self, post: Path, timeout: float = 20.0, settle: float = 3.0) -> float | None:
        """Spawn a second `app post` beside this one; ms until an editor shows the post."""
        self.screen.drain()
        started = time.monotonic()
        second = subprocess.Popen(
            self.app.command(post.parents[2], post),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            times = watch_panes(
                self.screen,
                {"editor": self.app.editor},
                started + timeout,
                settle,
                lambda: self.app.after_map(self.screen, second),
            )
        finally:
            if second.poll() is None:  # a peer's own window (Inkpost's second start exits)
                for pid in _tree(second.pid):
                    with contextlib.suppress(OSError):
                        os.kill(pid, 9)
            second.wait()
        at = times.get("editor")
        return None if at is None else (at - started) * 1000

    def quiet(self, seconds: float = 0.4, limit: float = 5.0) -> None:
        """Wait until nothing is drawn for `seconds` (caret blinks aside)."""
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            events = self.screen.events(time.monotonic() + 0.05)
            if any(_not_caret(x, y, w, h) for _t, x, y, w, h in events):
                last = time.monotonic()
            elif time.monotonic() - last >= seconds:
                return

    def pss_mib(self) -> float:
        pids = _tree(self.proc.pid)
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024.0

    def close(self) -> None:
        pids = _tree(self.proc.pid)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        shutil.rmtree(self.home, ignore_errors=True)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _record(res: dict[str, list[float]], measure: str, value: float, name: str, rnd: int) -> None:
    res[measure].append(value)
    ROUNDS.setdefault(measure, {}).setdefault(rnd, {})[name] = value


def _one_start(
    screen: Screen,
    app: App,
    posts: tuple[Path, Path],
    res: dict[str, list[float]],
    rnd: int,
) -> None:
    """One start-up on the 3,600-word post (round 0 only warms the caches): spawn->editor,
    spawn->preview, PSS 5 s later, then the hand-over of a second post."""
    small, second = posts
    run = Run(screen, app, small.parents[2], small)
    try:
        run.wait_shown()
        if SHOTS is not None:
            screen.save_png(SHOTS / f"{app.name}-{rnd}.png")
        if rnd > 0 and run.editor_at is not None:
            _record(res, "spawn->editor", (run.editor_at - run.started) * 1000, app.name, rnd)
        if rnd > 0 and run.preview_at is not None:
            _record(res, "spawn->preview", (run.preview_at - run.started) * 1000, app.name, rnd)
        shown = max(t for t in (run.editor_at, run.preview_at, run.started) if t)
        screen.events(max(shown + 5.0, time.monotonic()))
        if rnd > 0:
            res["pss"].append(run.pss_mib())
        handed = run.hand_over(second)
        if rnd > 0 and handed is not None:
            _record(res, "hand-over", handed, app.name, rnd)
    finally:
        run.close()


def _key_preview(
    screen: Screen, app: App, site: Path, small: Path, samples: int, res: dict[str, list[float]]
) -> None:
    """One key -> preview changed, 3,600-word post, typing at the end of its first paragraph."""
    run = Run(screen, app, site, small)
    try:
        run.wait_shown()
        run.quiet()
        screen.key("Home", "Control_L")
        for _ in range(9):
            screen.key("Down")
        screen.key("End")
        run.quiet(0.8)
        budget = time.monotonic() + PHASE_BUDGET
        for _ in range(samples):
            if time.monotonic() > budget:
                break
            screen.drain()
            sent = screen.key("x")
            got = screen.wait_damage(app.preview, 5.0)
            if got is not None:
                res["key->preview"].append((got - sent) * 1000)
            run.quiet(0.5)
    finally:
        run.close()


def _large(
    screen: Screen, app: App, site: Path, large: Path, samples: int, res: dict[str, list[float]]
) -> None:
    """The 50,000-word post, cursor at the end: key -> editor, freeze, settle."""
    run = Run(screen, app, site, large)
    try:
        run.wait_shown(30.0)
        run.quiet(1.0, 8.0)
        screen.key("End", "Control_L")
        run.quiet(1.0, 8.0)
        budget = time.monotonic() + PHASE_BUDGET
        for _ in range(samples):
            if time.monotonic() > budget:
                break
            screen.drain()
            sent = screen.key("x")
            got = screen.wait_damage(app.editor, 5.0, _not_caret)
            if got is not None:
                res["key->editor"].append((got - sent) * 1000)
            run.quiet(0.6, 8.0)
        for _ in range(3):  # 100 keys at 78 keys/s: the longest wait for a repaint
            times = _burst(screen, app.editor, 100)
            if times:
                res["freeze"].append(max(times))
            run.quiet(1.0, 8.0)
        for burst in range(BURSTS):
            sent, drawn = _burst_keys(screen, app.editor, BURST_KEYS)
            _burst_figures(app.name, _waits(sent, drawn), res)
            log = run.env.get("INKPOST_WATCHDOG")
            if log:  # the app's own log of the burst beside the keys' times
                keys = Path(log).with_suffix(f".burst{burst}.json")
                keys.write_text(json.dumps({"sent": sent, "drawn": drawn}))
                time.sleep(1.0)  # the app flushes its log when idle, at most every 0.5 s
                lo, hi = sent[0], max((d for d in drawn if d is not None), default=sent[-1])
                records = gap_log.read_log(Path(log))
                gaps = [g for g in records["gap"] if lo <= g["start"] <= hi]
                paths = gap_log.key_paths(sent, drawn, records)
                got = [k for k in records["key"] if lo <= k["t"] <= hi]
                print(gap_log.summary(paths, gaps, got), flush=True)
            run.quiet(1.0, 8.0)
        run.quiet(1.0, 8.0)
        budget = time.monotonic() + PHASE_BUDGET
        for _ in range(max(3, samples // 5)):  # settle: 10 quick keys
            if time.monotonic() > budget:
                break
            settled = settle_once(screen, app)
            if settled is not None:
                res["settle"].append(settled)
            run.quiet(1.0, 8.0)
    finally:
        run.close()


def settle_once(screen: Screen, app: App) -> float | None:
    """10 quick keys, then ms from the last one to the preview's last repaint (None when
    the preview did not change within 10 s)."""
    screen.drain()
    last = 0.0
    for _ in range(10):
        last = screen.key("z")
        screen.events(time.monotonic() + 0.06)
    events: list[tuple[float, int, int, int, int]] = []
    quiet_since = time.monotonic()
    cap = time.monotonic() + 10.0
    while time.monotonic() - quiet_since < 1.5 and time.monotonic() < cap:
        batch = [e for e in screen.events(time.monotonic() + 0.1) if app.preview.hits(*e[1:])]
        if batch:
            events += batch
            quiet_since = time.monotonic()
    return (events[-1][0] - last) * 1000 if events else None


def _burst_figures(name: str, waits: list[float], res: dict[str, list[float]]) -> None:
    """One burst's percentiles, max and slow keys into `res`; its distribution printed."""
    times = sorted(waits)
    if not times:
        return
    for label, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99)):
        res[f"burst {label}"].append(times[min(len(times) - 1, int(q * len(times)))])
    res["burst max"].append(times[-1])
    res["burst >16ms"].append(float(sum(t > 16.0 for t in times)))
    print(
        f"{name}: {len(times)} of {BURST_KEYS} keys repainted; ms per key: "
        + ", ".join(
            f"<={edge}: {sum(lo < t <= edge for t in times)}"
            for lo, edge in zip((0, 4, 8, 16, 33, 66), (4, 8, 16, 33, 66, 10_000), strict=True)
        )
        + f"; slowest: {', '.join(f'{t:.1f}' for t in times[-8:])}",
        flush=True,
    )


def _burst(screen: Screen, rect: Rect, keys: int) -> list[float]:
    """Type `keys` keys; each key's ms to the first repaint of `rect` after it."""
    return _waits(*_burst_keys(screen, rect, keys))


def _waits(sent: list[float], drawn: list[float | None]) -> list[float]:
    return [(d - s) * 1000 for s, d in zip(sent, drawn, strict=True) if d is not None]


def _burst_keys(screen: Screen, rect: Rect, keys: int) -> tuple[list[float], list[float | None]]:
    """Type `keys` keys of TYPED (words and spaces) at KEYS_PER_S without waiting; each
    key's send time and the time of the first repaint of `rect` after it (None: never came)."""
    interval = 1.0 / KEYS_PER_S
    screen.drain()
    sent: list[float] = []
    drawn: list[float] = []

    def collect(until: float) -> None:
        drawn.extend(t for t, x, y, w, h in screen.events(until) if rect.hits(x, y, w, h) and w > 4)

    start = time.monotonic()
    for i in range(keys):
        collect(start + i * interval)
        char = TYPED[i % len(TYPED)]
        sent.append(screen.key("space" if char == " " else char))
    collect(time.monotonic() + 3.0)
    drawn.sort()
    out: list[float | None] = []
    j = 0
    for at in sent:
        while j < len(drawn) and drawn[j] < at:
            j += 1
        out.append(drawn[j] if j < len(drawn) else None)
    return sent, out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--apps", default="inkpost,ghostwriter,retext")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--peer-samples", type=int, default=10, help="samples for the peers")
    parser.add_argument("--rounds", type=int, default=5, help="start-up rounds (after a warm one)")
    parser.add_argument("--display", type=int, default=93)
    parser.add_argument("--only", default="startup,preview,large", help="measure groups")
    parser.add_argument("--shots", type=Path, help="save a PNG of each app once shown")
    parser.add_argument("--bursts", type=int, default=1, help="1,000-key bursts per large run")
    parser.add_argument(
        "--large-rounds", type=int, default=1, help="large-post runs per app, app after app"
    )
    parser.add_argument(
        "--baseline", type=Path, help="a checkout (git worktree) measured as app 'baseline'"
    )
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout measured as inkpost")
    parser.add_argument(
        "--watchdog",
        type=Path,
        help="a folder: run Inkpost under editor/app/watchdog.py, log there, and lay its\n"
        "GUI-thread stretches beside each burst's keys (benchmarks/gap_log.py)",
    )
    args = parser.parse_args()
    global SHOTS, BURSTS
    SHOTS = args.shots
    BURSTS = args.bursts
    if args.watchdog is not None:
        args.watchdog.mkdir(parents=True, exist_ok=True)
    APPS["inkpost"] = inkpost_app("inkpost", args.tree.resolve(), args.watchdog)
    if args.watchdog is not None and not (args.tree / "editor/app/watchdog.py").exists():
        shutil.copy2(ROOT / "editor/app/watchdog.py", args.tree / "editor/app/")
    if args.baseline is not None:
        if args.watchdog is not None and not (args.baseline / "editor/app/watchdog.py").exists():
            shutil.copy2(ROOT / "editor/app/watchdog.py", args.baseline / "editor/app/")
        APPS["baseline"] = inkpost_app("baseline", args.baseline.resolve(), args.watchdog)
        args.apps += ",baseline"
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.apps.split(",") if n in ("inkpost", "baseline") or shutil.which(n)]
    skipped = sorted(set(args.apps.split(",")) - set(names))
    if skipped:
        print(f"not installed, skipped: {', '.join(skipped)}")
    groups = set(args.only.split(","))
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    shutil.copytree(ROOT / "resources" / "sample-site", site, dirs_exist_ok=True)
    posts = site / "content" / "posts"
    small = posts / "bench-3600.md"
    small.write_text(make_post(3600, 16, title="Bench 3600"))
    second = posts / "bench-handed.md"
    second.write_text(make_post(1200, 4, title="Handed over"))
    large = posts / "bench-50000.md"
    large.write_text(make_post(50000, 0, title="Bench 50000"))
    screen = Screen(args.display)
    results: dict[str, dict[str, list[float]]] = {n: {k: [] for k in TARGETS} for n in names}
    try:
        if "startup" in groups:
            for rnd in range(args.rounds + 1):
                print(f"start-up round {rnd} of {args.rounds} ...", flush=True)
                # Each round starts with another app: one that follows the closing of a
                # Chromium-based app (its processes ending) is not always the same one.
                shift = rnd % len(names)
                for name in names[shift:] + names[:shift]:
                    _one_start(screen, APPS[name], (small, second), results[name], rnd)
        for name in names:
            samples = args.samples if name in ("inkpost", "baseline") else args.peer_samples
            if "preview" in groups:
                print(f"key->preview: {name} ...", flush=True)
                _key_preview(screen, APPS[name], site, small, samples, results[name])
        for rnd in range(args.large_rounds if "large" in groups else 0):
            for name in names:
                samples = args.samples if name in ("inkpost", "baseline") else args.peer_samples
                print(f"50,000 words: {name} (run {rnd + 1}) ...", flush=True)
                _large(screen, APPS[name], site, large, samples, results[name])
                report({name: results[name]})
    finally:
        screen.close()
        shutil.rmtree(site, ignore_errors=True)
    report(results)
    return 0


def _figure(values: list[float], unit: str) -> str:
    if not values:
        return "-"
    med = statistics.median(values)
    digits = 2 if unit == "x" else 0 if unit in ("ms", "keys") and med >= 10 else 1
    return f"{med:.{digits}f} [{min(values):.{digits}f}-{max(values):.{digits}f}]"


def report(results: dict[str, dict[str, list[float]]]) -> None:
    """Per measure: each app's median [min-max] and n, Inkpost's ratio to ghostwriter (of
    the medians; for start-ups also per round: median [min-max] of the round ratios)."""
    names = list(results)
    peer = "ghostwriter" if "ghostwriter" in results and "inkpost" in results else None
    print()
    head = f"{'measure':15s}{'unit':>5s}" + "".join(f"{n:>26s}" for n in names)
    if peer:
        head += f"{'ink/gw':>8s}{'ink/gw per round':>20s}"
    base = "baseline" if "baseline" in results and "inkpost" in results else None
    if base:
        head += f"{'ink/base per round':>20s}"
    print(head + f"{'target':>10s}")
    for measure, (unit, target) in TARGETS.items():
        if not any(results[n][measure] for n in names):
            continue
        row = f"{measure:15s}{unit:>5s}" + "".join(
            f"{_figure(results[n][measure], unit) + ' n=' + str(len(results[n][measure])):>26s}"
            for n in names
        )
        if peer:
            ink, gw = results["inkpost"][measure], results[peer][measure]
            ratio = statistics.median(ink) / statistics.median(gw) if ink and gw else None
            row += f"{ratio:8.2f}" if ratio is not None and statistics.median(gw) else f"{'-':>8s}"
            pairs = [
                r["inkpost"] / r[peer]
                for r in ROUNDS.get(measure, {}).values()
                if "inkpost" in r and r.get(peer)
            ]
            row += f"{_figure(pairs, 'x') if pairs else '-':>20s}"
        if base:
            pairs = [
                r["inkpost"] / r[base]
                for r in ROUNDS.get(measure, {}).values()
                if "inkpost" in r and r.get(base)
            ]
            row += f"{_figure(pairs, 'x') if pairs else '-':>20s}"
        print(row + f"{target:>10s}")
    print(flush=True)


if __name__ == "__main__":
    sys.exit(main())
