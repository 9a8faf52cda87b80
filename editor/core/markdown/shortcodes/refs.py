"""ref/relref targets resolved against the site's content files, with Hugo's permalinks.

A target is looked up relative to the page, then from the content root, then by file name
(when unique). The link is the target's relative permalink (editor.core.site.permalinks:
its front matter `url` and `slug`, the site's `permalinks` patterns).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from editor.core.site.permalinks import content_parts, relative_permalink

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


def permalink(site: Any, content: Path, file: Path) -> str:
    """The relative permalink Hugo gives the page in `file`."""
    from editor.core.post.model import Post

    try:
        metadata = Post.load(file).metadata
    except (OSError, ValueError):
        metadata = {}
    permalinks = getattr(site, "permalinks", {}) or {}
    return relative_permalink(permalinks, content_parts(content, file), metadata)
