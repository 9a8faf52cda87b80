"""The library's data: one `PostEntry` per post, the site layout it was read with, queries.

Plain frozen dataclasses, no I/O. `LibrarySite.from_site(site_config)` takes what the
scanner needs from an `editor.core.site.config.SiteConfig`.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity

DEFAULT_TAXONOMIES: Mapping[str, str] = {"tag": "tags", "category": "categories"}
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})


class PostState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    EXPIRED = "expired"


class SortKey(StrEnum):
    DATE = "date"
    TITLE = "title"
    MODIFIED = "modified"  # last change of the file (mtime)
    LASTMOD = "lastmod"  # Hugo's .Lastmod


@dataclass(frozen=True, slots=True)
class LibrarySite:
    """Where a site's posts live and what Hugo calls its taxonomies and languages."""

    root: Path
    content_dirs: Mapping[str, Path]  # language -> content folder (absolute)
    default_language: str = "en"
    languages: tuple[str, ...] = ("en",)
    taxonomies: tuple[str, ...] = ("tags", "categories")  # plural names, front matter keys
    archetype_dirs: tuple[Path, ...] = ()
    title: str = ""
    base_url: str = ""
    meta: bool = False  # posts may open with `Key: value` lines (Pelican, MkDocs)

    @classmethod
    def simple(cls, root: Path, content_dir: str = "content") -> LibrarySite:
        root = Path(root).resolve()
        return cls(
            root=root,
            content_dirs={"en": root / content_dir},
            archetype_dirs=(root / "archetypes",),
        )

    @classmethod
    def from_site(cls, site: Any) -> LibrarySite:
        """From an editor.core.site.config.SiteConfig (read by attribute, tolerant of shapes)."""
        root = Path(site.root).resolve()
        content = Path(getattr(site, "content_dir", None) or "content")
        content = content if content.is_absolute() else root / content
        default = str(getattr(site, "default_language", None) or "en")
        dirs: dict[str, Path] = {default: content}
        langs: list[str] = [default]
        raw_langs = getattr(site, "languages", None) or ()
        items = raw_langs.items() if isinstance(raw_langs, Mapping) else [(x, x) for x in raw_langs]
        for key, value in items:
            code = str(getattr(value, "code", None) or getattr(value, "lang", None) or key)
            code = code.lower()
            if code not in langs:
                langs.append(code)
            cdir = None
            if isinstance(value, Mapping):
                cdir = value.get("contentDir") or value.get("content_dir")
            else:
                cdir = getattr(value, "content_dir", None)
            if cdir:
                cpath = Path(str(cdir))
                cpath = cpath if cpath.is_absolute() else root / cpath
                if cpath not in dirs.values():
                    dirs[code] = cpath
        raw_tax = getattr(site, "taxonomies", None)
        tax = tuple(str(v) for v in (raw_tax or DEFAULT_TAXONOMIES).values())
        arch = tuple(Path(p) for p in (getattr(site, "archetype_dirs", None) or ()))
        if not arch:
            arch = (root / "archetypes",)
        return cls(
            root=root,
            content_dirs=dirs,
            default_language=default,
            languages=tuple(langs),
            taxonomies=tax,
            archetype_dirs=arch,
            title=str(getattr(site, "title", "") or ""),
            base_url=str(getattr(site, "base_url", "") or ""),
            meta=bool(getattr(site, "meta_lines", False)),
        )


class TermMap(Mapping[str, tuple[str, ...]]):
    """Taxonomy terms as stored in the index ("name\x1fterm\x1fterm\x1ename2..."), parsed
    on first use: opening a 10,000-post index should not parse them all."""

    __slots__ = ("_parsed", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._parsed: dict[str, tuple[str, ...]] | None = None

    def _map(self) -> dict[str, tuple[str, ...]]:
        if self._parsed is None:
            parsed: dict[str, tuple[str, ...]] = {}
            for part in self._text.split("\x1e"):
                name, *terms = part.split("\x1f")
                parsed[name] = tuple(terms)
            self._parsed = parsed
        return self._parsed

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._map()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())

    # The Mapping mixins go through __getitem__ one key at a time; these are direct.
    def get(self, key: str, default: Any = None) -> Any:
        return self._map().get(key, default)

    def items(self) -> ItemsView[str, tuple[str, ...]]:
        return self._map().items()

    def __repr__(self) -> str:
        return repr(self._map())


@dataclass(slots=True)
class PostEntry:
    """One post as the library knows it (no body: the body lives in the search index).

    Treat it as immutable (use dataclasses.replace); it is not frozen only because a
    frozen dataclass's __init__ costs 30 ms more for 10,000 entries when the index opens.
    """

    file: str  # absolute path (a string: building 10,000 Paths costs 100 ms)
    rel_path: str  # relative to the site root, "/" separators ("content/posts/a.md")
    mtime_ns: int
    size: int
    title: str  # Hugo's .Title ("" when the front matter has none)
    date: datetime | None
    lastmod: datetime | None
    publish_date: datetime | None
    expiry_date: datetime | None
    draft: bool
    taxonomies: Mapping[str, tuple[str, ...]]
    words: int
    reading_time: int
    figures_exact: bool  # words/reading_time (and the stored summary) are Hugo's figures
    section: str
    language: str
    translation_key: str  # same for all translations of one post
    bundle: bool  # a leaf bundle (path is its index file)
    body_indexed: bool = True  # body read: in the search index, words estimated
    listed: bool = True  # False for what Hugo leaves out of lists (headless, build.list never)
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        parts = self.rel_path.rsplit("/", 2)
        if self.bundle and len(parts) > 1:
            return parts[-2]
        return parts[-1].rsplit(".", 1)[0]

    @property
    def tags(self) -> tuple[str, ...]:
        return self.taxonomies.get("tags", ())

    @property
    def has_warning(self) -> bool:
        return any(d.severity in (Severity.ERROR, Severity.WARNING) for d in self.diagnostics)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def state(self, now: datetime | None = None) -> PostState:
        moment = now or datetime.now(UTC)
        if self.draft:
            return PostState.DRAFT
        if self.publish_date is not None and self.publish_date > moment:
            return PostState.SCHEDULED
        if self.expiry_date is not None and self.expiry_date <= moment:
            return PostState.EXPIRED
        return PostState.PUBLISHED


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """Which posts to show; None means any."""

    states: frozenset[PostState] | None = None
    section: str | None = None
    taxonomy: str | None = None  # plural name, e.g. "tags"
    term: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry: PostEntry
    snippet: str  # plain text around the match
    highlights: tuple[tuple[int, int], ...]  # (start, end) of matched text in `snippet`


@dataclass(frozen=True, slots=True)
class ScanProgress:
    done: int
    total: int
    path: str = ""
    phase: str = "metadata"  # "metadata", "search" (bodies) or "figures" (Hugo's words)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one scan did: counts and whether it was cancelled (entries are in the index)."""

    read: int  # files read and parsed
    reused: int  # unchanged files taken from the index
    removed: int
    cancelled: bool = False
    errors: tuple[Diagnostic, ...] = field(default_factory=tuple)
