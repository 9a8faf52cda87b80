"""`python -m editor publish [SITE] PATH... [--message M] [--no-push] [--set-date] [--undraft]
[--json]`: check the posts, commit exactly them with the system's git, pull when behind, push.

Exit codes: 0 published (or committed, with --no-push), 1 the checks found errors or git
refused (the message is git's own), 2 a usage problem (no such file, no post named).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["HELP", "configure_publish", "run_publish"]

HELP = (
    "Publish posts through the site's git repository: check them, commit exactly them "
    "(with their bundle and the static images they show), pull when behind, push."
)


def configure_publish(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="SITE|PATH",
        help="the site folder (default: the site holding the first post), then the posts, "
        "page bundles or folders of posts to publish",
    )
    parser.add_argument("--message", "-m", default="", help="the commit message")
    parser.add_argument("--no-push", action="store_true", help="commit only: no pull, no push")
    parser.add_argument("--set-date", action="store_true", help="set each post's date to now")
    parser.add_argument("--undraft", action="store_true", help="set draft to false")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")


def _targets(targets: list[str]) -> tuple[Any, list[Path]] | str:
    """(site, posts), or the usage problem."""
    from editor.core.site.config import find_site, load_site

    for target in targets:
        if not Path(target).exists():
            return f"no such file or folder: {target}"
    first = Path(targets[0])
    site = find_site(first)
    if first.is_dir() and first.resolve() == Path(site.root).resolve():
        targets = targets[1:]
        site = load_site(first)
    if not targets:
        return "name the posts to publish (publishing never takes a whole site by default)"
    return site, [Path(t) for t in targets]


def _shown(path: Path | None, root: Path | None) -> str:
    if path is None:
        return ""
    for base in (Path.cwd(), root):
        if base is not None:
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)


def _problem_json(d: Any) -> dict[str, object]:
    return {
        "file": None if d.file is None else str(d.file),
        "line": d.line,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
    }


def run_publish(args: argparse.Namespace) -> int:
    from editor.core.publish import PublishOptions, plan_publish, publish

    found = _targets(list(args.targets))
    if isinstance(found, str):
        print(f"inkpost publish: {found}", file=sys.stderr)
        return 2
    site, paths = found
    options = PublishOptions(
        message=args.message,
        push=not args.no_push,
        set_date=args.set_date,
        undraft=args.undraft,
    )
    plan = plan_publish(site, paths, options)
    if not plan.posts:
        print("inkpost publish: no post to publish among the paths given", file=sys.stderr)
        return 2
    if not args.json:
        for d in plan.problems:
            line = f":{d.line}" if d.line is not None else ""
            code = f" [{d.code}]" if d.code else ""
            where = _shown(d.file, plan.root) or "<site>"
            print(f"{where}{line}: {d.severity.value}: {d.message}{code}")
    result = None
    if not plan.blocked:

        def progress(step: str) -> None:
            if not args.json:
                print(f"... {step}", file=sys.stderr, flush=True)

        result = publish(site, plan, options, progress)
    ok = result is not None and result.ok
    message = plan.reason if result is None else result.message
    if args.json:
        data = {
            "site": str(site.root),
            "ok": ok,
            "blocked": plan.blocked,
            "reason": plan.reason,
            "posts": [str(p) for p in plan.posts],
            "files": [str(p) for p in plan.files],
            "problems": [_problem_json(d) for d in plan.problems],
            "committed": result.committed if result else None,
            "pushed": bool(result and result.pushed),
            "pulled": bool(result and result.pulled),
            "message": message,
            "steps": list(result.steps) if result else [],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif ok:
        print(message)
    else:
        print(f"inkpost publish: {message}", file=sys.stderr)
    return 0 if ok else 1
