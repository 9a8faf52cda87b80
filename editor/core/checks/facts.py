"""What the checks need to know about the whole site, gathered once and kept up to date.

`SiteFacts(site)` lists every post (editor.core.library.scan.walk_content), reads each one's
front matter once and keeps, per post, its URL as Hugo builds it (front matter `url` and
`slug`, the site's `permalinks`, a language prefix), its slug and its aliases, indexed so a
duplicate is one dict look-up. `update(path, ...)` replaces one post's record after an edit.
Shortcode names (Hugo's built-ins, the site's and its themes' layouts) and the content files
ref/relref look up (editor.core.markdown.shortcodes.refs) come from the same SiteConfig.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic
from editor.core.library.scan import walk_content
from editor.core.library.types import LibrarySite
from editor.core.markdown.shortcodes import refs
from editor.core.markdown.shortcodes.builtins import HUGO_SHORTCODES, REMOVED_SHORTCODES
from editor.core.post.fields import FmFormat, key_line, lookup
from editor.core.post.frontmatter import read_front_matter
from editor.core.site.model import SiteConfig
from editor.core.site.permalinks import relative_permalink
from editor.core.site.slugs import hugo_make_path

__all__ = ["PostRecord", "SiteFacts"]


@dataclass(frozen=True, slots=True)
class PostRecord:
    """One post as the site-wide checks see it."""

    path: Path
    url: str  # the relative permalink, "/posts/my-post/"
    language: str
    section: str
    slug: str  # front matter `slug` ("" when none)
    aliases: tuple[str, ...]
    lines: Mapping[str, int]  # front matter key (lower case) -> 1-based line


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and value is not True else ""


def _aliases(metadata: Mapping[str, Any]) -> tuple[str, ...]:
    value = lookup(metadata, "aliases")[1]
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(dict.fromkeys(_norm_alias(a) for a in items if _text(a)))


def _norm_alias(alias: Any) -> str:
    text = "/" + _text(alias).lstrip("/")
    return hugo_make_path(text if "." in text.rsplit("/", 1)[-1] else text.rstrip("/") + "/")


class SiteFacts:
    """The site-wide facts; `gather()` reads every post's front matter (once)."""

    def __init__(self, site: SiteConfig) -> None:
        self.site = site
        self.library = LibrarySite.from_site(site)
        self.shortcode_names = (HUGO_SHORTCODES - REMOVED_SHORTCODES) | site.shortcode_names
        self.codeblock_hooks = _codeblock_hooks(site)
        self.records: dict[Path, PostRecord] = {}
        self.by_url: dict[str, set[Path]] = {}
        self.by_slug: dict[tuple[str, str, str], set[Path]] = {}
        self.by_alias: dict[str, set[Path]] = {}
        self.gathered = False
        self.problems: list[Diagnostic] = []

    # gathering

    def gather(self, cancel: Callable[[], bool] | None = None) -> None:
        """Read every post's front matter (what the duplicate and link checks compare)."""
        for found in walk_content(self.library, None, cancel, self.problems):
            self.update_from_file(found.path)
        self.gathered = True

    def update_from_file(self, path: Path) -> PostRecord | None:
        """Record a post's facts from its file as saved; None when it cannot be read."""
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None  # the post's own check reports it
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        front = read_front_matter(text, path, self.library.meta)
        fm_text = text[: front.split.body_start]
        return self.update(path, front.metadata, fm_text, front.split.fm_format)

    def place(self, path: Path) -> tuple[str, Path, list[str]] | None:
        """(language, content folder, content path parts without suffix) of a post file."""
        for language, folder in self.library.content_dirs.items():
            try:
                rel = path.relative_to(folder)
            except ValueError:
                continue
            parts = rel.as_posix().split("/")
            stem, _, _ext = parts[-1].rpartition(".")
            base, dot, maybe = stem.rpartition(".")
            if dot and maybe.lower() in self.library.languages:
                language, stem = maybe.lower(), base
            parts[-1] = stem or parts[-1]
            return language, folder, parts
        return None

    def update(
        self, path: Path, metadata: Mapping[str, Any], fm_text: str, fm_format: FmFormat | None
    ) -> PostRecord | None:
        """Record (or replace) one post's facts; None when it is not in a content folder."""
        self.remove(path)
        placed = self.place(path)
        if placed is None:
            return None
        language, _folder, parts = placed
        prefix = "" if language == self.library.default_language else "/" + language
        lines: dict[str, int] = {}
        if fm_format is not None:
            for key in ("slug", "url", "aliases"):
                name = lookup(metadata, key)[0]
                if name is not None:
                    lines[key] = key_line(fm_format, fm_text, name, 1) or 1
        record = PostRecord(
            path=path,
            url=relative_permalink(self.site.permalinks or {}, parts, metadata, prefix),
            language=language,
            section=parts[0] if len(parts) > 1 else "",
            slug=hugo_make_path(_text(lookup(metadata, "slug")[1])),
            aliases=_aliases(metadata),
            lines=lines,
        )
        self.add(record)
        return record

    def add(self, record: PostRecord) -> None:
        """Record a post's facts computed elsewhere (a worker process of the site check)."""
        path = record.path
        self.remove(path)
        self.records[path] = record
        self.by_url.setdefault(record.url, set()).add(path)
        if record.slug:
            self.by_slug.setdefault(self._slug_key(record), set()).add(path)
        for alias in record.aliases:
            self.by_alias.setdefault(alias, set()).add(path)

    def remove(self, path: Path) -> None:
        record = self.records.pop(path, None)
        if record is None:
            return
        self.by_url.get(record.url, set()).discard(path)
        if record.slug:
            self.by_slug.get(self._slug_key(record), set()).discard(path)
        for alias in record.aliases:
            self.by_alias.get(alias, set()).discard(path)

    @staticmethod
    def _slug_key(record: PostRecord) -> tuple[str, str, str]:
        return (record.language, record.section, record.slug)

    def same_slug(self, record: PostRecord) -> set[Path]:
        return self.by_slug.get(self._slug_key(record), set()) - {record.path}

    # look-ups

    def find_ref(self, target: str, page_path: Path | None) -> Path | None:
        """The content file a ref/relref `target` names (Hugo's look-up), or None."""
        for folder in dict.fromkeys(self.library.content_dirs.values()):
            found = refs.find_target(folder, target, page_path)
            if found is not None:
                return found
        return None

    def known_url(self, url: str) -> bool:
        """Does the site build a page (a post or a section list) at this URL path?"""
        url = url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"
        if self.by_url.get(url.lower()):
            return True
        return url == "/" or self.section_url(url)

    def section_url(self, url: str) -> bool:
        return any(
            (folder / url.strip("/")).is_dir() for folder in self.library.content_dirs.values()
        )

    def static_file(self, url_path: str) -> Path | None:
        """The file in the site's static folders served at `url_path` ("/img/a.png")."""
        return _static_file(tuple(self.site.static_dirs), url_path.lstrip("/"))


def _static_file(static_dirs: tuple[Path, ...], rel: str) -> Path | None:
    for folder in static_dirs:
        candidate = folder / rel
        if rel and os.path.isfile(candidate):
            return candidate
    return None


def _codeblock_hooks(site: SiteConfig) -> frozenset[str]:
    """Languages the site's or its themes' render hooks handle (render-codeblock-LANG.html)."""
    root = Path(site.root)
    layouts = [root / "layouts", *(root / "themes" / name / "layouts" for name in site.theme)]
    names: set[str] = set()
    for folder in layouts:
        for sub in ("_markup", "_default/_markup"):
            hooks = folder / sub
            if hooks.is_dir():
                for hook in hooks.glob("render-codeblock-*"):
                    names.add(hook.name.removeprefix("render-codeblock-").split(".")[0].lower())
    return frozenset(names)
