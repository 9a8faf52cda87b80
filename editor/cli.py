"""The command line: the same core as the app, no GUI and no Qt.

python -m editor --version
python -m editor info [PATH]
python -m editor stats [--site DIR] [--json] PATH...
python -m editor render [--site DIR] [--json] PATH...
python -m editor check [SITE] [PATH...] [--format text|json|github]
python -m editor publish [SITE] PATH... [--message M] [--no-push] [--set-date] [--undraft] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from editor import __version__
from editor.core.diagnostics import Severity

COMMANDS = ("info", "stats", "render", "library", "export", "check", "publish")


def wants_cli(args: Sequence[str]) -> bool:
    """True when the arguments ask for a CLI command rather than the GUI."""
    if not args:
        return False
    first = args[0]
    if first in ("--version", "-V"):
        return True
    return first in COMMANDS and not Path(first).exists()


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inkpost", description="Inkpost, without the GUI.")
    parser.add_argument("--version", "-V", action="version", version=f"inkpost {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (helptext, configure, _run) in _COMMANDS.items():
        configure(sub.add_parser(name, help=helptext, description=helptext))
    return parser


def command_summaries() -> list[tuple[str, str]]:
    """(name, one-line help) of every command, as `inkpost --help` lists them."""
    return [(name, spec[0]) for name, spec in _COMMANDS.items()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    _helptext, _configure, run = _COMMANDS[args.command]
    try:
        return run(args)
    except BrokenPipeError:
        return 0


# --- commands -------------------------------------------------------------------------------

_CommandSpec = tuple[
    str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]
]
_COMMANDS: dict[str, _CommandSpec] = {}


# --- info (issue 2) -------------------------------------------------------------------------


def _configure_info(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=".", metavar="PATH", help="a site, or any file or folder in one"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _info_lines(site: object) -> list[tuple[str, str]]:
    from editor.core.site.config import SiteConfig

    assert isinstance(site, SiteConfig)

    def yes_no(value: bool) -> str:
        return "true" if value else "false"

    languages = ", ".join(
        f"{lang.code}{' (default)' if lang.code == site.default_language else ''}"
        f"{'' if lang.content_dir == site.content_dir else f' -> {lang.content_dir}'}"
        for lang in site.languages
    )
    style = site.highlight.style + (" (inline styles)" if site.highlight.no_classes else " (CSS)")
    taxonomies = ", ".join(f"{one} -> {many}" for one, many in site.taxonomies.items())
    return [
        ("Site kind", site.kind),
        ("Root", str(site.root)),
        ("Config file", str(site.config_file) if site.config_file else "(none)"),
        ("Content folder", str(site.content_dir)),
        ("Title", site.title or "(none)"),
        ("Base URL", site.base_url or "(none)"),
        ("Languages", languages),
        ("Markdown engine", site.markdown_engine),
        ("summaryLength", str(site.summary_length)),
        ("hasCJKLanguage", yes_no(site.has_cjk_language)),
        ("Unsafe HTML", yes_no(site.goldmark.unsafe)),
        ("Highlight style", style),
        ("Taxonomies", taxonomies or "(none)"),
        ("Author", site.author or "(none)"),
        ("Theme", ", ".join(site.theme) or "(none)"),
        ("Shortcodes", ", ".join(sorted(site.shortcode_names)) or "(none)"),
    ]


def _run_info(args: argparse.Namespace) -> int:
    from editor.core.site.config import find_site

    path = Path(args.path).expanduser()
    if not path.exists():
        print(f"inkpost info: no such file or folder: {path}", file=sys.stderr)
        return 2
    site = find_site(path)
    if args.json:
        _print_json(site.to_json())
        return 0
    lines = _info_lines(site)
    width = max(len(label) for label, _ in lines) + 1
    for label, value in lines:
        print(f"{label + ':':<{width}} {value}")
    print(f"{'Diagnostics:':<{width}} {len(site.diagnostics) or 'none'}")
    for diagnostic in site.diagnostics:
        print(f"  {diagnostic}")
    return 0


_COMMANDS["info"] = (
    "Show the site holding PATH: its kind, root, content folder and the settings read.",
    _configure_info,
    _run_info,
)


# --- export (issue 6) -----------------------------------------------------------------------

_EXPORT_FORMATS = ("hugo", "hugo-bundle", "jekyll", "zola", "html", "pdf")


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="posts (or folders of posts)")
    parser.add_argument(
        "--to",
        required=True,
        metavar="DIR",
        dest="to",
        help="the target site's root (for html/pdf: any folder)",
    )
    parser.add_argument("--format", choices=_EXPORT_FORMATS, default="hugo", dest="format")
    parser.add_argument("--section", default="posts", help="content section (default: posts)")
    parser.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    parser.add_argument("--overwrite", action="store_true", help="replace existing files")
    parser.add_argument(
        "--rename",
        action="store_true",
        help="on a collision, take the proposed free name (-2, -3, ...)",
    )
    parser.add_argument(
        "--slug-from-title",
        action="store_true",
        help="Hugo: name the file or bundle after the title (default: keep the post's own "
        "file or folder name, so its URL; a front matter slug always wins)",
    )
    parser.add_argument(
        "--front-matter",
        choices=("yaml", "toml", "json"),
        default=None,
        help="Hugo front matter format (default: the post's own)",
    )
    parser.add_argument(
        "--css", metavar="FILE", default=None, help="stylesheet inlined into html/pdf exports"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _export_sources(paths: Sequence[str]) -> list[Path]:
    """The post files named by `paths` (a folder: its index.md, else its Markdown files)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            index = path / "index.md"
            if index.is_file():
                out.append(index)
                continue
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in (".md", ".markdown") and p.stem != "_index" and p.is_file()
            )
        else:
            out.append(path)
    return out


def _pdf_by_subprocess(html_file: Path, pdf_file: Path) -> None:
    """Print with Qt WebEngine in a child process (the CLI itself never imports Qt)."""
    import os
    import subprocess

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    package_parent = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-m", "editor.ui.export.pdf", str(html_file), str(pdf_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise OSError(f"PDF printing failed: {done.stderr.strip() or done.returncode}")


def _run_export(args: argparse.Namespace) -> int:
    from editor.core.export.execute import execute, plan_export

    html = None
    if args.format in ("html", "pdf"):
        from editor.core.export.html import html_maker

        html = html_maker(None, Path(args.css).read_text(encoding="utf-8") if args.css else "")
    from editor.core.site.config import find_site

    sources = _export_sources(args.paths)
    meta = bool(sources) and find_site(sources[0].parent).meta_lines  # the posts' own site
    try:
        plan = plan_export(
            sources,
            Path(args.to),
            args.format,
            args.section,
            args.overwrite,
            rename=args.rename,
            slug_from_title=args.slug_from_title,
            front_matter=args.front_matter,
            html=html,
            meta=meta,
        )
    except ValueError as exc:
        print(f"inkpost export: {exc}", file=sys.stderr)
        return 2
    if args.dry_run:
        if args.json:
            _print_json({"dry_run": True, "target": str(plan.target_dir), "posts": plan.as_json()})
        else:
            sys.stdout.write(plan.describe())
        return 0 if plan.ok else 1
    for post in plan.posts:
        for warning in post.warnings:
            print(f"{post.source or post.title}: warning: {warning}", file=sys.stderr)
    printer = _pdf_by_subprocess if args.format == "pdf" else None
    report = execute(plan, pdf_printer=printer)
    if args.json:
        _print_json({"target": str(report.target_dir), "posts": report.as_json()})
    else:
        for result in report.results:
            name = str(result.source) if result.source is not None else result.title
            if result.ok:
                for path in result.written:
                    print(f"{name} -> {path}")
            else:
                print(f"{name}: not exported: {result.error}", file=sys.stderr)
        print(report.summary())
    return 0 if report.ok else 1


_COMMANDS["export"] = (
    "Export posts into a Hugo, Jekyll or Zola site, or to standalone HTML or PDF.",
    _configure_export,
    _run_export,
)


# --- stats and render (issue 3) ---------------------------------------------------------------

_FM_DATE_RE = re.compile(r"""^\s*"?date"?\s*[:=]\s*(.*?)\s*,?\s*$""", re.MULTILINE | re.IGNORECASE)


def _configure_posts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="posts (or folders of posts)")
    parser.add_argument("--site", metavar="DIR", default=None, help="the site (default: found)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


class _PostRunner:
    """Loads posts and renders them, one site (and one Renderer) per site root."""

    def __init__(self, site_dir: str | None) -> None:
        from editor.core.site.config import find_site, load_site

        self._find_site = find_site
        self._fixed = load_site(Path(site_dir)) if site_dir else None
        self._sites: dict[Path, Any] = {}
        self._renderers: dict[Path, Any] = {}

    def site_for(self, path: Path) -> Any:
        if self._fixed is not None:
            return self._fixed
        folder = path.resolve().parent
        if folder not in self._sites:
            self._sites[folder] = self._find_site(folder)
        return self._sites[folder]

    def render(self, path: Path) -> tuple[Any, Any, Any]:
        from editor.core.markdown.renderer import Renderer
        from editor.core.post.model import Post

        site = self.site_for(path)
        post = Post.load(path, meta=site.meta_lines)
        renderer = self._renderers.get(site.root)
        if renderer is None:
            renderer = self._renderers[site.root] = Renderer(site)
        result = renderer.render(
            post.text, preview=False, page_path=post.path, metadata=post.metadata
        )
        return post, site, result


def _date_as_written(post: Any) -> str | None:
    match = _FM_DATE_RE.search(post.front_matter)
    if match:
        written = re.sub(r"\s+#.*$", "", match.group(1))  # a YAML/TOML comment after it
        return written.strip().strip("'\"")
    value = post.metadata.get("date")
    return None if value is None else str(value)


def _text_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _each_post(args: argparse.Namespace, command: str) -> Iterator[tuple[Path, Any]]:
    """(path, (post, site, result)) per post; problems go to stderr and set args.failed."""
    if args.site and not Path(args.site).is_dir():
        print(f"inkpost {command}: --site: no such folder: {args.site}", file=sys.stderr)
        args.failed = True
        return
    runner = _PostRunner(args.site)
    for path in _export_sources(args.paths):
        try:
            rendered = runner.render(path)
        except (OSError, ValueError) as exc:
            print(f"inkpost {command}: {path}: {exc}", file=sys.stderr)
            args.failed = True
            continue
        for problem in rendered[0].diagnostics:  # the post's own: front matter, encoding
            print(f"inkpost {command}: {problem}", file=sys.stderr)
            args.failed = args.failed or problem.severity == Severity.ERROR
        yield path, rendered


def _run_stats(args: argparse.Namespace) -> int:
    from editor.core.stats.figures import post_stats

    args.failed = False
    rows: list[dict[str, Any]] = []
    for path, (post, site, result) in _each_post(args, "stats"):
        figures = post_stats(post, site, result)
        row = {
            "path": str(path),
            "title": post.title,
            "date": _date_as_written(post),
            "draft": post.draft,
            "words": figures.word_count,
            "reading_time": figures.reading_time,
            "summary": figures.summary_text,
        }
        if args.json:
            rows.append(row)
        else:
            print("\n".join(f"{key}: {_text_value(v)}" for key, v in row.items()) + "\n")
    if args.json:
        _print_json(rows)
    return 1 if args.failed else 0


def _run_render(args: argparse.Namespace) -> int:
    args.failed = False
    rows: list[dict[str, str]] = []
    for path, (_post, _site, result) in _each_post(args, "render"):
        if args.json:
            rows.append({"path": str(path), "html": result.html})
        else:
            sys.stdout.write(result.html)
    if args.json:
        _print_json(rows)
    return 1 if args.failed else 0


_COMMANDS["stats"] = (
    "Print Hugo's figures per post: title, date, draft, words, reading time, summary.",
    _configure_posts,
    _run_stats,
)
_COMMANDS["render"] = (
    "Print each post's body HTML, as Hugo's .Content would be.",
    _configure_posts,
    _run_render,
)


# --- library (issue 5) ------------------------------------------------------------------------


def _configure_library(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", default=".", help="the site folder (default: .)")
    parser.add_argument("--json", action="store_true", help="one JSON array, a record per post")
    parser.add_argument("--search", metavar="QUERY", help="full-text search (FTS5 syntax)")
    parser.add_argument("--drafts", action="store_true", help="only drafts")
    parser.add_argument("--sort", choices=("date", "title", "modified", "lastmod"), default="date")
    parser.add_argument("--index", metavar="FILE", help="the index file (default: user cache)")
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="quick word estimates instead of Hugo's figures (which render every new post)",
    )


def _library_record(entry: Any, snippet: str | None) -> dict[str, object]:
    record: dict[str, object] = {
        "path": entry.rel_path,
        "title": entry.title,  # as Hugo reads it: "" when the post has none
        "date": entry.date.isoformat() if entry.date else None,
        "draft": entry.draft,
        "tags": list(entry.tags),
        "words": entry.words,
        "reading_time": entry.reading_time,
        "state": entry.state().value,
        "section": entry.section,
        "language": entry.language,
        "figures_exact": entry.figures_exact,
        "warnings": [d.message for d in entry.diagnostics],
    }
    if snippet is not None:
        record["snippet"] = snippet
    return record


def _run_library(args: argparse.Namespace) -> int:
    from editor.core.library.index import LibraryIndex, default_index_path
    from editor.core.library.types import LibraryFilter, PostState, SortKey
    from editor.core.site.config import find_site

    site = find_site(Path(args.site))
    db = Path(args.index) if args.index else default_index_path(site.root)
    index = LibraryIndex.open(site, db)
    try:
        index.scan()
        if not args.estimate:
            index.compute_figures()
        flt = LibraryFilter(states=frozenset({PostState.DRAFT})) if args.drafts else None
        if args.search:
            found = [(h.entry, h.snippet) for h in index.search(args.search, flt)]
        else:
            found = [(e, None) for e in index.posts(flt, SortKey(args.sort))]
    finally:
        index.close()
    if args.json:
        _print_json([_library_record(e, s) for e, s in found])
        return 0
    for entry, snippet in found:
        day = entry.date.date().isoformat() if entry.date else "-" * 10
        flag = "!" if entry.has_warning else " "
        state = entry.state().value
        print(f"{day}  {state:<9} {entry.reading_time:>3} min {flag} {entry.display_title}")
        print(f"{'':>12}{entry.rel_path}" + (f"\n{'':>12}… {snippet}" if snippet else ""))
    print(f"{len(found)} post{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0


_COMMANDS["library"] = (
    "List the site's posts (title, date, state, reading time), search them, or only drafts.",
    _configure_library,
    _run_library,
)


# --- check (issue 13) -------------------------------------------------------------------------

_CHECK_FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="SITE|PATH",
        help="the site folder (default: .), then posts or folders of posts to check",
    )
    parser.add_argument("--format", choices=_CHECK_FORMATS, default=None, dest="format")
    parser.add_argument("--json", action="store_true", help="the same as --format json")


def _check_targets(targets: list[str]) -> tuple[Any, list[Path] | None] | str:
    """(site, paths or None for the whole site), or the usage problem."""
    from editor.core.site.config import find_site

    for target in targets:
        if not Path(target).exists():
            return f"no such file or folder: {target}"
    first = Path(targets[0]) if targets else Path(".")
    site = find_site(first)
    if targets and first.is_dir() and first.resolve() == Path(site.root).resolve():
        targets = targets[1:]
    if not site.is_hugo:
        return f"{site.root} is a {site.kind} site: check knows Hugo's rules only"
    return site, ([Path(t) for t in targets] or None)


def _shown(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _run_check(args: argparse.Namespace) -> int:
    import os

    from editor.core.checks import SiteChecker

    fmt = args.format or ("json" if args.json else "text")
    found = _check_targets(list(args.targets))
    if isinstance(found, str):
        print(f"inkpost check: {found}", file=sys.stderr)
        return 2
    site, paths = found
    report = SiteChecker(site).check_site(paths, workers=min(4, os.cpu_count() or 1))
    if fmt == "json":
        _print_json({"site": str(site.root), **report.as_json()})
    for d in report.diagnostics:
        where = _shown(d.file)
        if fmt == "github":
            props = f"file={_github_escape(where, prop=True)}" if where else ""
            if d.line is not None:
                props += f",line={d.line}"
            if d.code:
                props += f",title={_github_escape(d.code, prop=True)}"
            print(f"::{_GITHUB_LEVEL[d.severity]} {props.lstrip(',')}::{_github_escape(d.message)}")
        elif fmt == "text":
            line = f":{d.line}" if d.line is not None else ""
            code = f" [{d.code}]" if d.code else ""
            print(f"{where or '<site>'}{line}: {d.severity.value}: {d.message}{code}")
    if fmt != "json":
        print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


_COMMANDS["check"] = (
    "Check the site's posts before publishing: what would make Hugo fail (errors), "
    "drafts, scheduled and expired posts, missing images, broken links, and more.",
    _configure_check,
    _run_check,
)


# --- publish (issue 14) -----------------------------------------------------------------------

from editor.cli_publish import HELP as _PUBLISH_HELP  # noqa: E402
from editor.cli_publish import configure_publish, run_publish  # noqa: E402

_COMMANDS["publish"] = (_PUBLISH_HELP, configure_publish, run_publish)
