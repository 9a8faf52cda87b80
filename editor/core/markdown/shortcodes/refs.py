"""ref/relref targets resolved against the site's content files, with Hugo's permalinks.

A target is looked up relative to the page, then from the content root, then by file name
(when unique). The link honours the target's front matter `url` and `slug` and the site's
`permalinks` patterns (`:year`, `:month`, `:day`, `:section`, `:sections`, `:title`, `:slug`,
`:filename`, `:contentbasename`, `:slugorfilename`, `:slugorcontentbasename`); paths are
lower-cased as Hugo does by default.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

_EXTENSIONS = (".md", ".markdown", ".html")
_cache: dict[str, tuple[dict[str, float], dict[str, Path]]] = {}


def content_files(content: Path) -> dict[str, Path]:
    """Lower-cased content path without extension -> file; rescanned when a folder changes."""
    key = str(content)
    cached = _cache.get(key)
    if cached is not None and all(_mtime(d) == m for d, m in cached[0].items()):
        return cached[1]
    folders: dict[str, float] = {}
    files: dict[str, Path] = {}
    for folder, _dirs, names in os.walk(content):
        folders[folder] = _mtime(folder)
        for name in names:
            path = Path(folder) / name
            if path.suffix.lower() in _EXTENSIONS:
                files[path.relative_to(content).with_suffix("").as_posix().lower()] = path
    _cache[key] = (folders, files)
    return files


def _mtime(folder: str) -> float:
    try:
        return os.stat(folder).st_mtime
    except OSError:
        return -1.0


def find_target(content: Path, target: str, page_path: Path | None) -> Path | None:
    files = content_files(content)
    if not files:
        return None
    norm = target.strip().lower().removesuffix(".md").strip("/")
    candidates: list[str] = []
    if not target.startswith("/") and page_path is not None:
        try:
            here = Path(page_path).resolve().parent.relative_to(content.resolve())
            candidates.append(os.path.normpath((here / norm).as_posix()).lower())
        except ValueError:
            pass
    candidates.append(norm)
    for key in candidates:
        for variant in (key, key + "/index", key + "/_index"):
            if variant in files:
                return files[variant]
    leaf = norm.rsplit("/", 1)[-1]
    by_name = [path for key, path in files.items() if key.rsplit("/", 1)[-1] == leaf]
    return by_name[0] if len(by_name) == 1 else None


def _meta(metadata: dict[str, Any], key: str) -> Any:
    return next((v for k, v in metadata.items() if str(k).lower() == key), None)


def _pattern(permalinks: dict[str, Any], section: str) -> str | None:
    page = permalinks.get("page")
    if isinstance(page, dict) and isinstance(page.get(section), str):
        return str(page[section])
    value = permalinks.get(section)
    return value if isinstance(value, str) else None


def permalink(site: Any, content: Path, file: Path) -> str:
    """The relative permalink Hugo gives the page in `file`."""
    from editor.core.post.model import Post
    from editor.core.site.slugs import hugo_make_path, hugo_urlize

    parts = file.relative_to(content).with_suffix("").as_posix().split("/")
    if parts[-1] == "_index":
        return hugo_make_path("/" + "/".join(parts[:-1]) + "/") if parts[:-1] else "/"
    try:
        post = Post.load(file)
        metadata, title, date = post.metadata, post.title, post.date
    except (OSError, ValueError):
        metadata, title, date = {}, "", None
    url = _meta(metadata, "url")
    if isinstance(url, str) and url:
        url = "/" + url.lstrip("/")
        return hugo_make_path(url if "." in url.rsplit("/", 1)[-1] else url.rstrip("/") + "/")
    bundle = parts[-1] == "index"
    base = parts[-2] if bundle and len(parts) > 1 else parts[-1]
    dirs = parts[:-2] if bundle else parts[:-1]
    slug = _meta(metadata, "slug")
    slug = str(slug) if slug not in (None, "") else ""
    section = dirs[0] if dirs else ""
    pattern = _pattern(getattr(site, "permalinks", {}) or {}, section) if section else None
    if pattern is None:
        return hugo_make_path("/" + "/".join([*dirs, slug or base]) + "/")
    when = date or datetime(1, 1, 1)
    tokens = {
        ":year": f"{when.year:04d}",
        ":month": f"{when.month:02d}",
        ":monthname": when.strftime("%B").lower(),
        ":day": f"{when.day:02d}",
        ":weekday": str((when.weekday() + 1) % 7),
        ":yearday": str(when.timetuple().tm_yday),
        ":section": section,
        ":sections": "/".join(dirs),
        ":title": hugo_urlize(title),
        ":slug": hugo_urlize(slug or title),
        ":filename": base,
        ":contentbasename": base,
        ":slugorfilename": slug or base,
        ":slugorcontentbasename": slug or base,
    }
    out = pattern
    for token in sorted(tokens, key=len, reverse=True):
        out = out.replace(token, tokens[token])
    out = "/" + out.strip("/") + "/"
    return hugo_make_path(out)
