"""The front matter fields a site's posts use: the standard ones under each generator's key
names, and the site's own extra keys with the types seen for them.

`standard_fields(kind)` names where Hugo, Zola, Jekyll and Pelican keep a post's title, dates,
draft state, taxonomies, summary, slug, authors and image (Zola's `[taxonomies] tags = [...]`,
Jekyll's `published: false`, Pelican's `Status: draft` and comma-separated `Tags`).
`observe_keys` infers the type of every key across many posts' metadata, `scan_keys` reads
those from files (the library, archetypes/), and `site_schema` puts both together.
`case_variants` warns about tags that differ from the site's only in case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from editor.core.post.dates import parse_date
from editor.core.post.fields import DATE_KEYS
from editor.core.post.frontmatter import FrontMatterError, load_metadata, split_front_matter

__all__ = [
    "FieldSpec",
    "FieldType",
    "SiteSchema",
    "case_variants",
    "infer_type",
    "observe_keys",
    "scan_keys",
    "site_schema",
    "standard_fields",
]

FieldType = Literal["string", "bool", "date", "list", "number", "mapping"]
# How a value is stored: "list" a list of names; "csv" one comma-separated text (Pelican's
# Tags); "inverse" a boolean stored negated (Jekyll's `published`); "status" Pelican's
# `Status: draft`; "image" a path, possibly inside a mapping (`cover: {image: ...}`).
Shape = Literal["string", "bool", "date", "list", "csv", "inverse", "status", "image", "number"]

HEAD_BYTES = 64 * 1024  # front matter lives at the head of a file: read no more of it
SCAN_LIMIT = 5000  # files `scan_keys` reads at most


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One form field: `name` is Inkpost's ("title", "lastmod", ...), `path` the keys that hold
    it in the front matter (one key, or a table and a key: ("taxonomies", "tags")); `aliases`
    are other keys read when `path` is absent (Hugo's `authors` for `author`)."""

    name: str
    path: tuple[str, ...]
    shape: Shape
    label: str
    aliases: tuple[tuple[str, ...], ...] = ()

    @property
    def type(self) -> FieldType:
        kinds: dict[str, FieldType] = {"csv": "list", "inverse": "bool", "status": "bool"}
        kinds |= {"image": "string", "date": "date", "list": "list", "bool": "bool"}
        kinds["number"] = "number"
        return kinds.get(self.shape, "string")

    @property
    def key(self) -> str:
        """The key as the front matter writes it (the last of `path`)."""
        return self.path[-1]


def _spec(name: str, key: str, shape: Shape, label: str, *aliases: str) -> FieldSpec:
    path = tuple(key.split("."))
    return FieldSpec(name, path, shape, label, tuple(tuple(a.split(".")) for a in aliases))


_HUGO = (
    _spec("title", "title", "string", "Title"),
    _spec("date", "date", "date", "Date"),
    _spec("lastmod", "lastmod", "date", "Last modified"),
    _spec("draft", "draft", "bool", "Draft"),
    _spec("tags", "tags", "list", "Tags"),
    _spec("categories", "categories", "list", "Categories"),
    _spec("description", "description", "string", "Description"),
    _spec("summary", "summary", "string", "Summary"),
    _spec("slug", "slug", "string", "Slug"),
    _spec("authors", "author", "list", "Authors", "authors"),
    _spec("image", "images", "image", "Cover image", "cover.image", "cover", "image"),
)
_ZOLA = (
    _spec("title", "title", "string", "Title"),
    _spec("date", "date", "date", "Date"),
    _spec("lastmod", "updated", "date", "Updated"),
    _spec("draft", "draft", "bool", "Draft"),
    _spec("tags", "taxonomies.tags", "list", "Tags"),
    _spec("categories", "taxonomies.categories", "list", "Categories"),
    _spec("description", "description", "string", "Description"),
    _spec("slug", "slug", "string", "Slug"),
    _spec("authors", "authors", "list", "Authors"),
    _spec("image", "extra.image", "image", "Cover image", "extra.cover"),
)
_JEKYLL = (
    _spec("title", "title", "string", "Title"),
    _spec("date", "date", "date", "Date"),
    _spec("lastmod", "last_modified_at", "date", "Last modified"),
    _spec("draft", "published", "inverse", "Draft"),
    _spec("tags", "tags", "list", "Tags"),
    _spec("categories", "categories", "list", "Categories", "category"),
    _spec("description", "description", "string", "Description"),
    _spec("summary", "excerpt", "string", "Excerpt"),
    _spec("slug", "slug", "string", "Slug"),
    _spec("authors", "author", "list", "Authors", "authors"),
    _spec("image", "image", "image", "Cover image"),
)
_PELICAN = (
    _spec("title", "Title", "string", "Title"),
    _spec("date", "Date", "date", "Date"),
    _spec("lastmod", "Modified", "date", "Modified"),
    _spec("draft", "Status", "status", "Draft"),
    _spec("tags", "Tags", "csv", "Tags"),
    _spec("categories", "Category", "string", "Category"),
    _spec("summary", "Summary", "string", "Summary"),
    _spec("slug", "Slug", "string", "Slug"),
    _spec("authors", "Authors", "csv", "Authors", "Author"),
    _spec("image", "Image", "image", "Cover image"),
)
_BY_KIND = {"zola": _ZOLA, "jekyll": _JEKYLL, "pelican": _PELICAN}


def standard_fields(kind: str) -> tuple[FieldSpec, ...]:
    """The standard fields under the key names of generator `kind` (Hugo's for any other)."""
    return _BY_KIND.get(kind, _HUGO)


# --- the site's own keys --------------------------------------------------------------------


def infer_type(value: Any) -> FieldType | None:
    """The field type of one front matter value (None for no value)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, datetime | date):
        return "date"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return "date" if parse_date(value) is not None and len(str(value)) >= 10 else "string"


def observe_keys(metadatas: Iterable[Mapping[str, Any]]) -> dict[str, FieldType]:
    """Every top-level key seen in `metadatas` (as first written) with its most common type;
    keys differing only in case are one key, as in Hugo."""
    seen: dict[str, Counter[FieldType]] = {}
    names: dict[str, str] = {}
    for metadata in metadatas:
        for key, value in metadata.items():
            kind = infer_type(value)
            if not isinstance(key, str) or kind is None:
                continue
            low = key.lower()
            names.setdefault(low, key)
            seen.setdefault(low, Counter())[kind] += 1
    return {names[low]: counts.most_common(1)[0][0] for low, counts in seen.items()}


def _head_metadata(path: Path, meta: bool) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    split = split_front_matter(head, meta)
    if split.fm_format is None or split.content is None:
        return None
    try:
        return load_metadata(split.fm_format, head[split.content[0] : split.content[1]])
    except FrontMatterError:
        return None


def scan_keys(
    paths: Iterable[Path], limit: int = SCAN_LIMIT, *, meta: bool = False
) -> dict[str, FieldType]:
    """`observe_keys` over the front matter of up to `limit` files (read from their heads;
    files that cannot be read or parsed are skipped; `meta`: see `split_front_matter`)."""
    found: list[dict[str, Any]] = []
    for count, path in enumerate(paths):
        if count >= limit:
            break
        metadata = _head_metadata(path, meta)
        if metadata:
            found.append(metadata)
    return observe_keys(found)


@dataclass(frozen=True, slots=True)
class SiteSchema:
    """The fields of a site's posts: the standard ones, then its extra keys and their types."""

    kind: str = "hugo"
    fields: tuple[FieldSpec, ...] = field(default_factory=lambda: _HUGO)
    extra: Mapping[str, FieldType] = field(default_factory=dict)
    meta: bool = False  # posts may open with `Key: value` lines (`SiteConfig.meta_lines`)

    def spec(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def standard_keys(self) -> frozenset[str]:
        """Lower-cased top-level keys the standard fields use (their aliases too)."""
        keys = {spec.path[0].lower() for spec in self.fields}
        keys |= {alias[0].lower() for spec in self.fields for alias in spec.aliases}
        if self.kind in ("hugo", "folder"):  # Hugo's date fallbacks, edited as extra rows
            keys -= {k for k in DATE_KEYS if k not in ("date", "lastmod")}
        return frozenset(keys)

    def extra_type(self, key: str) -> FieldType | None:
        low = key.lower()
        return next((kind for name, kind in self.extra.items() if name.lower() == low), None)


def site_schema(
    kind: str, observed: Mapping[str, FieldType] | None = None, *, meta: bool = False
) -> SiteSchema:
    """The schema of a `kind` site whose posts and archetypes use the keys `observed`
    (`meta`: the site reads `Key: value` metadata lines, `SiteConfig.meta_lines`)."""
    fields = standard_fields(kind)
    base = SiteSchema(kind, fields)
    standard = base.standard_keys()
    extra = {k: t for k, t in (observed or {}).items() if k.lower() not in standard}
    return SiteSchema(kind, fields, extra, meta)


# --- taxonomy warnings ----------------------------------------------------------------------


def case_variants(terms: Iterable[str], site_terms: Iterable[str]) -> list[str]:
    """Warnings for `terms` that differ only in case from a term of the site, or from another
    of `terms` (Hugo files both under one page, shown as whichever it meets first)."""
    known: dict[str, set[str]] = {}
    for term in site_terms:
        known.setdefault(term.lower(), set()).add(term)
    warnings: list[str] = []
    mine: dict[str, str] = {}
    for term in terms:
        low = term.lower()
        if low in mine and mine[low] != term:
            warnings.append(f"'{term}' and '{mine[low]}' differ only in case: Hugo merges them")
            continue
        mine.setdefault(low, term)
        others = sorted(known.get(low, set()) - {term})
        if others and term not in known.get(low, set()):
            used = "', '".join(others)
            warnings.append(f"'{term}' differs only in case from '{used}' used in the site")
    return warnings
