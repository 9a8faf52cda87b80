"""Lay the app's own event-loop log (editor/app/watchdog.py) beside the keys a benchmark sent.

For every key the benchmark typed (its send time and the time the editor's repaint reached the
X server's DAMAGE stream, both `time.monotonic()`, the same clock as the app's log) this finds:
when the app got the key (`key` lines, in order), when the app next flushed a repaint (`flush`),
and whether a busy stretch of the GUI thread (8 ms of CPU or more, `gap`) overlapped the wait.
A slow key with no overlapping stretch waited outside the app's GUI thread (the X server, the
scheduler).

    python3 benchmarks/gap_log.py LOG.jsonl KEYS.json   # KEYS: {"sent": [...], "drawn": [...]}
"""

from __future__ import annotations

import bisect
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLOW_MS = 16.0


@dataclass(frozen=True)
class KeyPath:
    """One key's wait, split: X server -> app, app -> flushed repaint, flush -> damage seen."""

    total: float  # ms, sent -> damage
    to_app: float | None  # ms, sent -> the app's KeyPress
    in_app: float | None  # ms, KeyPress -> the repaint flushed (end of that busy stretch)
    in_app_cpu: float | None  # ms of the GUI thread's CPU in `in_app`
    after: float | None  # ms, flush -> damage seen by the benchmark
    gaps: tuple[dict[str, Any], ...]  # the app's stretches over 8 ms overlapping the wait


def read_log(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The log's records by kind (key, flush, gap), each list in time order."""
    out: dict[str, list[dict[str, Any]]] = {"key": [], "flush": [], "gap": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        with_kind = json.loads(line)
        out.setdefault(with_kind["kind"], []).append(with_kind)
    return out


def key_paths(
    sent: list[float], drawn: list[float | None], log: dict[str, list[dict[str, Any]]]
) -> list[KeyPath]:
    """Each sent key's path (drawn[i] None: no repaint seen for that key)."""
    keys = [r["t"] for r in log["key"]]
    key_cpu = [r.get("cpu", 0.0) for r in log["key"]]
    flushes = [r["t"] for r in log["flush"]]
    flush_cpu = [r.get("cpu", 0.0) for r in log["flush"]]
    gaps = log["gap"]
    paths = []
    for at, seen in zip(sent, drawn, strict=True):
        if seen is None:
            continue
        i = bisect.bisect_left(keys, at)
        got = keys[i] if i < len(keys) and keys[i] <= seen else None
        flushed = cpu = None
        if got is not None:
            j = bisect.bisect_left(flushes, got)
            if j < len(flushes):
                flushed, cpu = flushes[j], (flush_cpu[j] - key_cpu[i]) * 1000
        over = tuple(g for g in gaps if g["start"] < seen and g["start"] + g["ms"] / 1000 > at)
        paths.append(
            KeyPath(
                total=(seen - at) * 1000,
                to_app=None if got is None else (got - at) * 1000,
                in_app=None if got is None or flushed is None else (flushed - got) * 1000,
                in_app_cpu=cpu,
                after=None if flushed is None else (seen - flushed) * 1000,
                gaps=over,
            )
        )
    return paths


def _med(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "-"
    return f"{statistics.median(known):.1f} [{min(known):.1f}-{max(known):.1f}]"


def _split(paths: list[KeyPath]) -> str:
    return (
        f"sent->app {_med([p.to_app for p in paths])}, app->flush "
        f"{_med([p.in_app for p in paths])} (GUI-thread CPU {_med([p.in_app_cpu for p in paths])})"
        f", flush->damage {_med([p.after for p in paths])}"
    )


def summary(
    paths: list[KeyPath], gaps: list[dict[str, Any]], key_records: list[dict[str, Any]]
) -> str:
    """What the slow keys waited for, and the app's longest stretches over the burst."""
    slow = [p for p in paths if p.total > SLOW_MS]
    inside = [p for p in slow if p.gaps]
    lines = [
        f"keys {len(paths)}, over {SLOW_MS:.0f} ms: {len(slow)}; of those, with a GUI-thread "
        f"stretch over 8 ms in their wait: {len(inside)}",
        "  all keys  ms: " + _split(paths),
    ]
    if slow:
        lines.append("  slow keys ms: " + _split(slow))
    cpu = [r["cpu"] for r in key_records if "cpu" in r]
    if len(cpu) > 1:
        lines.append(
            f"  GUI-thread CPU from key to key: {(cpu[-1] - cpu[0]) * 1000 / (len(cpu) - 1):.2f} "
            f"ms per key on average"
        )
    stacks: dict[str, int] = {}
    for g in gaps:
        for where, n in g["stacks"].items():
            stacks[where] = stacks.get(where, 0) + n
    lines.append("  stack samples in stretches, all of the burst:")
    lines += [
        f"    {n:5d}x {where}" for where, n in sorted(stacks.items(), key=lambda kv: -kv[1])[:10]
    ]
    longest = sorted(gaps, key=lambda g: -g["ms"])[:8]
    lines.append(f"  GUI-thread stretches over 8 ms in the burst: {len(gaps)}; longest:")
    for g in longest:
        what = ", ".join(f"{n} {kind}" for kind, n in g["marks"].items())
        gc_part = f" gc {g['gc']}" if g["gc"] else ""
        stacks = "; ".join(f"{n}x {where}" for where, n in list(g["stacks"].items())[:2])
        lines.append(f"    {g['ms']:6.1f} ms ({g['cpu_ms']:.1f} CPU): {what}{gc_part}  [{stacks}]")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    log = read_log(Path(argv[0]))
    keys = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    paths = key_paths(keys["sent"], keys["drawn"], log)
    lo, hi = min(keys["sent"]), max(d for d in keys["drawn"] if d is not None)
    within = [g for g in log["gap"] if lo <= g["start"] <= hi]
    print(summary(paths, within, [k for k in log["key"] if lo <= k["t"] <= hi]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
