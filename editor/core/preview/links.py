"""What a click on a link in the preview may do: open a post, name a file, or browse the web.

The preview never hands a local file to the desktop's opener (`[notes](evil.sh)` must not
run anything). `classify_link` sorts a clicked URL (already resolved against the post's
folder by the page) into:

- POST: a post of the site (a .md/.markdown/.html file under a content folder, or a site
  URL such as `/posts/other/` or `https://example.org/posts/other/` that ref/relref wrote
  and that maps back to a content file): Inkpost opens it;
- LOCAL_FILE: any other file on this machine: shown, never opened;
- WEB: http(s) and mailto: the browser or mail client, on the user's click only;
- IGNORED: every other scheme (javascript:, data:, custom schemes): nothing happens.

`allowed_file` says whether a file: resource (image, style) the page asks for lies in one
of the folders the preview may read.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core.markdown.shortcodes.refs import find_target
from editor.core.site.model import SiteConfig

if sys.platform == "win32":  # what urllib.request (~40 ms to import) binds url2pathname to
    from nturl2path import url2pathname
else:
    url2pathname = unquote

POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_WEB_SCHEMES = frozenset(("http", "https", "mailto"))


class LinkKind(enum.Enum):
    POST = "post"
    LOCAL_FILE = "local-file"
    WEB = "web"
    IGNORED = "ignored"


@dataclass(frozen=True)
class LinkTarget:
    kind: LinkKind
    url: str
    path: Path | None = None  # POST and LOCAL_FILE: the file


def classify_link(url: str, content_dirs: Iterable[Path] = (), base_url: str = "") -> LinkTarget:
    """What a click on `url` may do (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    dirs = tuple(Path(d) for d in content_dirs)
    if scheme in ("http", "https"):
        site_path = _site_path(url, base_url)
        post = _post_for_site_path(site_path, dirs) if site_path is not None else None
        return LinkTarget(LinkKind.POST, url, post) if post else LinkTarget(LinkKind.WEB, url)
    if scheme == "mailto":
        return LinkTarget(LinkKind.WEB, url)
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return LinkTarget(LinkKind.IGNORED, url)
    path = Path(os.path.normpath(url2pathname(unquote(parts.path)))) if parts.path else None
    if path is None:
        return LinkTarget(LinkKind.IGNORED, url)
    post = _post_for_file(path, dirs)
    if post is not None:
        return LinkTarget(LinkKind.POST, url, post)
    return LinkTarget(LinkKind.LOCAL_FILE, url, path)


def _site_path(url: str, base_url: str) -> str | None:
    """The path of `url` inside the site at `base_url` ("posts/x/"), None if elsewhere."""
    if not base_url:
        return None
    link, base = urlsplit(url), urlsplit(base_url)
    if (link.scheme, link.netloc.lower()) != (base.scheme, base.netloc.lower()):
        return None
    prefix = base.path.rstrip("/") + "/"
    path = unquote(link.path or "/")
    if not (path + "/").startswith(prefix):
        return None
    return path[len(prefix) :]


def _post_for_file(path: Path, dirs: tuple[Path, ...]) -> Path | None:
    """The post a file: link means: the file itself, or the page a site URL that the page
    resolved against the filesystem (`/posts/x/` -> file:///posts/x/) stands for."""
    for content in dirs:
        rel = _relative(path, content)
        if rel is not None:
            if path.suffix.lower() in POST_SUFFIXES and path.is_file():
                return path
            return _post_for_site_path(rel, (content,))
    if path.suffix.lower() in POST_SUFFIXES and path.is_file():
        return None  # a Markdown file outside the site: shown like any other file
    if not path.exists():  # a site URL ("/posts/x/") the page took for a path on disk
        return _post_for_site_path(path.as_posix(), dirs)
    return None


def _post_for_site_path(site_path: str, dirs: tuple[Path, ...]) -> Path | None:
    target = site_path.strip("/")
    if not target or ".." in target.split("/"):
        return None
    for content in dirs:
        found = find_target(content, target, None) if content.is_dir() else None
        if found is not None and found.suffix.lower() in POST_SUFFIXES:
            return found
    return None


def _relative(path: Path, folder: Path) -> str | None:
    """`path` inside `folder` ("posts/x.md"; symbolic links followed), else None."""
    try:
        rel = Path(os.path.realpath(path)).relative_to(os.path.realpath(folder)).as_posix()
    except (OSError, ValueError):
        return None
    return "" if rel == "." else rel


def allowed_file(path: str, folders: Iterable[Path]) -> bool:
    """Whether the file at `path` lies in one of `folders` (symbolic links followed)."""
    real = os.path.realpath(path)
    return any(Path(real).is_relative_to(os.path.realpath(f)) for f in folders)


def content_dirs(site: SiteConfig) -> tuple[Path, ...]:
    """The site's content folders (every language's)."""
    dirs = [Path(site.content_dir), *(Path(lang.content_dir) for lang in site.languages)]
    return tuple(dict.fromkeys(dirs))


def site_folders(site: SiteConfig) -> tuple[Path, ...]:
    """The folders of `site` the preview may read files from: its root (content, static,
    assets, themes under it) and the content, static and assets folders set elsewhere."""
    extra = [site.assets_dir] if site.assets_dir is not None else []
    folders = [Path(site.root), *content_dirs(site), *site.static_dirs, *extra]
    return tuple(dict.fromkeys(Path(f) for f in folders))
