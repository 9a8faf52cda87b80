"""Inkpost's memory per process (PSS), a 3,600-word post open, under Xvfb.

    python benchmarks/bench_memory.py [--roots new=.,base=/tmp/wt] [--rounds 3] [--after 5]
        [--env NAME:VAR=VALUE ...] [--detail N]

Each root is a checkout of Inkpost (or `ghostwriter`, the peer of issue 16, its preview shown:
`--roots ghostwriter=ghostwriter,new=.`; or `floor`, benchmarks/floor_app.py: a bare PySide6
editor beside a QWebEngineView, what the stack alone takes) run with this venv's Python (`-m
editor SITE POST --new-instance`, PYTHONPATH=root), with fresh config, data and cache folders
per start (as a first start: nothing cached). The roots alternate, round by round (the
machine's load changes over a run). `--after` seconds after the window is mapped (xdotool; each
app's window is then placed at 0,0 and sized 1400x900), the PSS of the GUI process and of every
descendant is read from /proc/PID/smaps_rollup and grouped by what the process is (the GUI,
QtWebEngine's zygote, renderer, GPU and utility processes, Python children). Prints, per root,
each group's median [min-max] in MiB and the total, and each total's ratio to the first root's
in the same round.
`--env lite:QTWEBENGINE_CHROMIUM_FLAGS=--js-flags=--lite-mode` sets a variable for the root
named `lite` only (two names may share a checkout: a switch against the same tree).
`--detail N` prints, per process, the N mappings with the most private pages (a library,
[heap], [anon]...), which tells what a process's memory is.

PSS shares a page among all the processes that map it, this app's or not: other programs
running QtWebEngine from the same venv (tests, other benchmarks) lower Inkpost's PSS while
they run (libQt6WebEngineCore alone moves it by 20-40 MiB per process). USS (the private
pages) does not depend on them, nor does "alone" (USS plus the shared pages of the app's
processes counted once: what the app takes when nothing else maps its libraries). Compare
those when the machine is shared.

The site is resources/sample-site with a 3,600-word post (16 code fences), a 1,200-word and a
50,000-word post beside it, as benchmarks/bench_window.py builds it. Needs Xvfb and xdotool.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from posts import make_post  # noqa: E402

SIZE = ("1400", "900")  # every app's window (bench_window.py's size)


def _tree(root: int) -> list[int]:
    """`root` and all its descendants."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _label(pid: int, root: int) -> str:
    """What process `pid` is: gui, webengine:<type>, python:<module or script>, or its name."""
    args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    if pid == root:
        return "gui"
    if "QtWebEngineProcess" in args[0]:
        kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), "?")
        sub = next((a.split("=", 1)[1] for a in args if a.startswith("--utility-sub-type=")), "")
        return f"webengine:{kind}" + (f":{sub.rsplit('.', 1)[-1]}" if sub else "")
    if "python" in Path(args[0]).name:
        rest = [a for a in args[1:] if a]
        if "-m" in rest:
            return "python:" + rest[rest.index("-m") + 1]
        if "-c" in rest:
            return "python:-c " + rest[rest.index("-c") + 1][:40].replace("\n", " ")
        return "python:" + (Path(rest[0]).name if rest else "?")
    return Path(args[0]).name


def _rollup_kib(pid: int) -> tuple[int, int, int]:
    """(PSS, USS, RSS) of `pid` in KiB; USS = its private pages, RSS = all its resident
    pages (which other programs sharing them do not lower)."""
    pss = uss = rss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1])
        elif line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith(("Private_Clean:", "Private_Dirty:")):
            uss += int(line.split()[1])
    return pss, uss, rss


def measure(root: int) -> dict[str, float]:
    """MiB of PSS, USS and RSS per label ("pss gui", "uss gui", ...; summed when a label has
    several processes) and the totals ("pss TOTAL", "uss TOTAL", and "alone TOTAL": USS
    plus the shared pages counted once, see `_shared_once_kib`)."""
    found: dict[str, float] = defaultdict(float)
    for pid in _tree(root):
        with contextlib.suppress(OSError, IndexError):
            label = _label(pid, root)
            pss, uss, rss = _rollup_kib(pid)
            found["pss " + label] += pss / 1024.0
            found["uss " + label] += uss / 1024.0
            found["rss " + label] += rss / 1024.0
    found["pss TOTAL"] = sum(v for k, v in found.items() if k.startswith("pss "))
    found["uss TOTAL"] = sum(
        v for k, v in found.items() if k.startswith("uss ") and k != "uss TOTAL"
    )
    found["alone TOTAL"] = found["uss TOTAL"] + _shared_once_kib(_tree(root)) / 1024.0
    return dict(found)


def _shared_once_kib(pids: list[int]) -> int:
    """The shared resident pages of `pids`' mappings, each counted once: of a file or
    shared-memory mapping the most any of them has of it; of an anonymous one (pages a fork
    shares) each process's share (PSS less its private pages). With the private pages, what
    the app would take if nothing else on the machine mapped the same files."""
    most: dict[tuple[str, str, int, str], int] = {}
    anonymous = 0
    for pid in pids:
        mapping: tuple[str, str, int] | None = None
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
                field = line.split(None, 5)
                if not field[0].endswith(":"):  # a mapping: range, perms, offset, dev, inode
                    low, high = (int(x, 16) for x in field[0].split("-"))
                    inode = field[4] if len(field) > 4 else "0"
                    mapping = (inode, field[2], high - low) if inode != "0" else None
                elif mapping is not None and field[0] in ("Shared_Clean:", "Shared_Dirty:"):
                    key = (*mapping, field[0])
                    most[key] = max(most.get(key, 0), int(field[1]))
                elif mapping is None and field[0] == "Pss:":
                    anonymous += int(field[1])
                elif mapping is None and field[0] in ("Private_Clean:", "Private_Dirty:"):
                    anonymous -= int(field[1])
    return sum(most.values()) + max(0, anonymous)


def _wait_mapped(display: str, pid: int, timeout: float) -> float | None:
    """When `pid`'s first window was mapped (None after `timeout` s); every app's window is
    then placed at 0,0 and sized 1400x900, as Inkpost opens on a first start (ghostwriter
    opens at 800x500, and a smaller window takes less memory: backing stores, tiles)."""
    env = dict(os.environ, DISPLAY=display)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        ).stdout.split()
        if out:
            mapped = time.monotonic()
            for window in out:
                subprocess.run(["xdotool", "windowmove", window, "0", "0"], env=env, check=False)
                subprocess.run(["xdotool", "windowsize", window, *SIZE], env=env, check=False)
            return mapped
        time.sleep(0.05)
    return None


def _ghostwriter(home: Path, post: Path) -> list[str]:
    """ghostwriter's command, its preview shown (as benchmarks/bench_window.py sets it up)."""
    conf = home / ".config" / "ghostwriter"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "ghostwriter.conf").write_text(
        "[Preview]\nhtmlPreviewVisible=true\nlastUsedExporter=cmark-gfm\n"
        "[Application]\nrestoreSession=false\n[Window]\nhtmlPreviewVisible=true\n"
        "[Style]\nfocusMode=0\n"
    )
    return ["ghostwriter", str(post)]


def _mappings_kib(pid: int) -> dict[str, tuple[int, int]]:
    """(PSS, USS) in KiB of `pid` per mapped file name (or [heap], [anon], [stack]...)."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    name = "[anon]"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        field = line.split(None, 5)
        if not field[0].endswith(":"):
            name = Path(field[5].strip()).name if len(field) > 5 else "[anon]"
        elif field[0] == "Pss:":
            found[name][0] += int(field[1])
        elif field[0] in ("Private_Clean:", "Private_Dirty:"):
            found[name][1] += int(field[1])
    return {name: (pss, uss) for name, (pss, uss) in found.items()}


def print_detail(root: int, top: int) -> None:
    """Per process of `root`'s tree, its `top` mappings by private pages (MiB)."""
    for pid in _tree(root):
        with contextlib.suppress(OSError, IndexError):
            label = _label(pid, root)
            rows = sorted(_mappings_kib(pid).items(), key=lambda kv: -kv[1][1])[:top]
            print(f"  {label} (pid {pid}): USS / PSS MiB by mapping")
            for name, (pss, uss) in rows:
                print(f"    {uss / 1024.0:6.1f} / {pss / 1024.0:6.1f}  {name}")


def one_start(
    checkout: Path,
    site: Path,
    post: Path,
    display: str,
    after: float,
    extra_env: dict[str, str] | None = None,
    detail: int = 0,
) -> dict[str, float]:
    """One start of the Inkpost in `checkout` (or of ghostwriter, for the path "ghostwriter",
    or of benchmarks/floor_app.py, for "floor"), with `extra_env` added to its environment."""
    home = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = dict(os.environ, DISPLAY=display, HOME=str(home), PYTHONPATH=str(checkout))
    env.update(extra_env or {})
    for kind in ("config", "data", "cache"):
        env[f"INKPOST_{kind.upper()}_DIR"] = str(home / kind)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    env["XDG_RUNTIME_DIR"] = str(home / "runtime")
    (home / "runtime").mkdir(mode=0o700)
    env.pop("QT_QPA_PLATFORM", None)
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    argv = [sys.executable, "-m", "editor", str(site), str(post), "--new-instance"]
    if checkout.name == "ghostwriter":
        argv, checkout = _ghostwriter(home, post), home
    elif checkout.name == "floor":
        argv, checkout = [sys.executable, str(HERE / "floor_app.py"), str(post)], home
    proc = subprocess.Popen(
        argv, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        mapped = _wait_mapped(display, proc.pid, 30.0)
        if mapped is None:
            raise RuntimeError(f"{checkout}: no window within 30 s")
        time.sleep(max(0.0, mapped + after - time.monotonic()))
        found = measure(proc.pid)
        if detail:
            print_detail(proc.pid, detail)
        return found
    finally:
        pids = _tree(proc.pid)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        shutil.rmtree(home, ignore_errors=True)


def _site(extra: int = 0) -> tuple[Path, Path]:
    site = Path(tempfile.mkdtemp(prefix="bench-memory-site-"))
    shutil.copytree(ROOT / "resources" / "sample-site", site, dirs_exist_ok=True)
    posts = site / "content" / "posts"
    small = posts / "bench-3600.md"
    small.write_text(make_post(3600, 16, title="Bench 3600"))
    (posts / "bench-handed.md").write_text(make_post(1200, 4, title="Handed over"))
    (posts / "bench-50000.md").write_text(make_post(50000, 0, title="Bench 50000"))
    for number in range(extra):  # a site big enough for the worker pools (400+ posts)
        (posts / f"extra-{number}.md").write_text(
            make_post(300, 1, seed=number, title=f"Extra {number}")
        )
    return site, small


def _report(results: dict[str, list[dict[str, float]]]) -> None:
    names = list(results)
    first = names[0]
    for name in names:
        runs = results[name]
        print(f"\n{name} ({len(runs)} starts), PSS MiB median [min-max]")
        labels = sorted({k for r in runs for k in r}, key=lambda k: (k[:4], "TOTAL" in k, k))
        for label in labels:
            values = [r.get(label, 0.0) for r in runs]
            print(
                f"  {label:<40} {statistics.median(values):7.1f} "
                f"[{min(values):.1f}-{max(values):.1f}]"
            )
        for kind in ("pss TOTAL", "uss TOTAL", "alone TOTAL") if name != first else ():
            ratios = [r[kind] / b[kind] for r, b in zip(runs, results[first], strict=False)]
            print(
                f"  {kind} / {first} per round: {statistics.median(ratios):.3f} "
                f"[{min(ratios):.3f}-{max(ratios):.3f}]"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roots", default=f"this={ROOT}", help="name=checkout,... (first: base)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--after", type=float, default=5.0, help="seconds after the window maps")
    parser.add_argument("--display", default=":97")
    parser.add_argument("--posts", type=int, default=0, help="extra 300-word posts in the site")
    parser.add_argument(
        "--env", action="append", default=[], help="NAME:VAR=VALUE, for root NAME only"
    )
    parser.add_argument("--detail", type=int, default=0, help="top N mappings per process")
    args = parser.parse_args()
    envs: dict[str, dict[str, str]] = defaultdict(dict)
    for spec in args.env:
        name, assignment = spec.split(":", 1)
        var, value = assignment.split("=", 1)
        envs[name][var] = value
    roots = {
        n: Path(p) if p in ("ghostwriter", "floor") else Path(p).resolve()
        for n, p in (r.split("=", 1) for r in args.roots.split(","))
    }
    xvfb = None
    if not Path(f"/tmp/.X11-unix/X{args.display.lstrip(':')}").exists():
        xvfb = subprocess.Popen(
            ["Xvfb", args.display, "-screen", "0", "1400x900x24"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0)
    site, post = _site(args.posts)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in roots}
    try:
        for rnd in range(args.rounds):
            for name, checkout in roots.items():
                try:
                    found = one_start(
                        checkout, site, post, args.display, args.after, envs[name], args.detail
                    )
                except RuntimeError as error:  # a start that showed no window: once more
                    print(f"round {rnd} {name}: {error}; starting it again", flush=True)
                    found = one_start(
                        checkout, site, post, args.display, args.after, envs[name], args.detail
                    )
                results[name].append(found)
                print(
                    f"round {rnd} {name}: PSS {found['pss TOTAL']:.1f} MiB, "
                    f"USS {found['uss TOTAL']:.1f} MiB, alone {found['alone TOTAL']:.1f} MiB",
                    flush=True,
                )
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(site, ignore_errors=True)
    _report(results)


if __name__ == "__main__":
    main()
