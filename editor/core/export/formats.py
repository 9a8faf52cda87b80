"""Front matter for each export target (Hugo, Jekyll, Zola).

`convert_front_matter` turns a post's metadata into the target's key conventions and
writes it in the target's format (YAML, TOML or JSON), keeping every key: keys a target
has no place for go where that target keeps extra data (Zola's `[extra]`). Dates are kept
as they were written in the source when the target format can hold that text.

Slugs are `editor.core.site.slugs`' (one rule per generator).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

import tomlkit
from ruamel.yaml import YAML

from editor.core.post.dates import parse_date
from editor.core.post.fields import meta_list
from editor.core.site.slugs import Generator

Target = Generator
FmFormat = Literal["yaml", "toml", "json"]

# --- dates as written -----------------------------------------------------------------------

_YAML_TIMESTAMP = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)
_TOML_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[-+]\d{2}:\d{2})?)?$"
)


def raw_scalar_texts(front_matter: str, fm_format: str | None) -> dict[str, str]:
    """Top-level scalar values as written in a front matter block (quotes removed)."""
    out: dict[str, str] = {}
    if fm_format == "json":
        try:
            data = json.loads(front_matter)
        except ValueError:
            return out
        if isinstance(data, dict):
            out = {str(k): v for k, v in data.items() if isinstance(v, str)}
        return out
    pattern = (
        re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*(.+?)\s*$")
        if fm_format == "toml"
        else re.compile(r"^([A-Za-z_][\w-]*)\s*:\s+(.+?)\s*$")
    )
    for line in front_matter.split("\n"):
        match = pattern.match(line)
        if match is None:
            continue
        value = match.group(2)
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        out.setdefault(match.group(1), value)
    return out


@dataclass(frozen=True, slots=True)
class DateText:
    """A date value with the text it was written as (None when not known)."""

    value: datetime | date
    text: str | None

    def yaml(self) -> str:
        if self.text is not None:
            return self.text if _YAML_TIMESTAMP.match(self.text) else json.dumps(self.text)
        return _iso(self.value)

    def toml_item(self) -> Any:
        text = self.text if self.text is not None else _iso(self.value)
        if _TOML_DATETIME.match(text):
            return tomlkit.parse(f"x = {text}\n")["x"]
        return tomlkit.parse(f"x = {_iso(self.value)}\n")["x"]

    def json(self) -> str:
        return self.text if self.text is not None else _iso(self.value)


def _iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value.isoformat()


_BARE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_date(value: Any, text: str | None) -> DateText | None:
    if isinstance(value, DateText):
        return value
    if isinstance(value, (datetime, date)):
        return DateText(value, text)
    if isinstance(value, str):
        parsed = parse_date_text(value)
        if parsed is not None:
            return DateText(parsed, value)
    return None


def parse_date_text(text: str) -> datetime | date | None:
    """A date written as text, in the forms Hugo reads (`editor.core.post.dates`); a bare
    day stays a `date`, so it is written back as one."""
    text = text.strip()
    if _BARE_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return parse_date(text)


# --- key conventions ------------------------------------------------------------------------

ZOLA_KEYS = (
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "slug",
    "path",
    "weight",
    "authors",
    "aliases",
    "template",
    "in_search_index",
)
_HUGO_ORDER = ("title", "date", "draft", "tags", "categories", "summary", "slug")
_JEKYLL_ORDER = ("layout", "title", "date", "categories", "tags")


@dataclass(frozen=True, slots=True)
class ConvertedFrontMatter:
    block: str
    """The front matter with its delimiters, ending in a newline."""
    warnings: tuple[str, ...]


def _split_words(value: Any) -> Any:
    """Jekyll writes `tags: a b` for a list: a string of whitespace-separated words."""
    if isinstance(value, str):
        return value.split()
    return value


def _normalise(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata with other generators' conventions folded into plain keys."""
    meta = dict(metadata)
    taxonomies = meta.pop("taxonomies", None)
    if isinstance(taxonomies, dict):
        for name, terms in taxonomies.items():
            meta.setdefault(str(name), terms)
    elif taxonomies is not None:
        meta["taxonomies"] = taxonomies
    if "published" in meta and isinstance(meta["published"], bool) and "draft" not in meta:
        meta["draft"] = not meta.pop("published")
    for key in ("tags", "categories"):
        if key in meta:
            meta[key] = _split_words(meta[key])
    if "category" in meta and "categories" not in meta and isinstance(meta["category"], str):
        meta["categories"] = [meta.pop("category")]
    if "updated" in meta and "lastmod" not in meta:
        meta["lastmod"] = meta.pop("updated")
    return meta


def from_meta_lines(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Pelican's metadata lines in plain keys, as Pelican reads them: keys lower-cased,
    `Tags` and `Authors` lists (`meta_list`), `Modified` as `lastmod`, a `Summary` on
    several lines joined; `Status` is dropped when it says draft or published (the
    export's `draft` says that)."""
    meta: dict[str, Any] = {}
    for key, value in metadata.items():
        name = key.lower()
        if name in ("tags", "authors"):
            value = list(meta_list(value))
        elif name == "summary" and isinstance(value, list):
            value = "\n".join(str(line) for line in value)
        elif name == "status" and str(value).strip().lower() in ("draft", "published"):
            continue
        meta["lastmod" if name == "modified" else name] = value
    return meta


def _ordered(meta: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    out = {key: meta[key] for key in first if key in meta}
    out.update((key, value) for key, value in meta.items() if key not in out)
    return out


def target_metadata(
    metadata: Mapping[str, Any],
    generator: Target,
    *,
    draft: bool,
    slug: str | None,
    date_value: datetime | date | None,
) -> tuple[dict[str, Any], list[str]]:
    """Metadata in the generator's key conventions (no key lost), with warnings."""
    meta = _normalise(metadata)
    warnings: list[str] = []
    if date_value is not None and "date" not in meta:
        meta["date"] = date_value
    if slug is not None:
        meta["slug"] = slug
    if generator == "hugo":
        meta["draft"] = draft
        return _ordered(meta, _HUGO_ORDER), warnings
    if generator == "jekyll":
        meta.pop("draft", None)  # the _drafts/ folder says it
        meta.setdefault("layout", "post")
        if "summary" in meta and "excerpt" not in meta:
            meta["excerpt"] = meta.pop("summary")
        if "lastmod" in meta and "last_modified_at" not in meta:
            meta["last_modified_at"] = meta.pop("lastmod")
        return _ordered(meta, _JEKYLL_ORDER), warnings
    # zola
    meta["draft"] = draft
    if "summary" in meta and "description" not in meta:
        meta["description"] = meta.pop("summary")
    if "lastmod" in meta:
        meta["updated"] = meta.pop("lastmod")
    if isinstance(meta.get("author"), str) and "authors" not in meta:
        meta["authors"] = [meta.pop("author")]
    extra = meta.pop("extra", None)
    extra_out: dict[str, Any] = dict(extra) if isinstance(extra, dict) else {}
    if extra is not None and not isinstance(extra, dict):
        extra_out["extra"] = extra
    taxonomies: dict[str, Any] = {}
    for name in ("tags", "categories", "series"):
        if name in meta:
            terms = meta.pop(name)
            terms = [terms] if isinstance(terms, str) else terms
            if isinstance(terms, list):
                terms = [str(t) for t in terms if str(t).strip()]
                if terms:
                    taxonomies[name] = terms
            else:
                extra_out[name] = terms
    out: dict[str, Any] = {}
    for key in ZOLA_KEYS:
        if key in meta:
            out[key] = meta.pop(key)
    for key, value in meta.items():
        if key in extra_out:
            warnings.append(f"front matter key {key!r} is also in [extra]; kept the top-level one")
        extra_out[key] = value
    if taxonomies:
        out["taxonomies"] = taxonomies
    if extra_out:
        out["extra"] = extra_out
    return out, warnings


# --- writers --------------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096
    return yaml


def _plain(value: Any) -> Any:
    """Values as YAML/TOML/JSON writers accept them (ruamel and tomlkit wrappers unwrapped)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (datetime, date, time)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)


def write_yaml(meta: Mapping[str, Any], raw: Mapping[str, str]) -> str:
    yaml = _yaml()
    lines: list[str] = []
    for key, value in meta.items():
        as_date = _as_date(value, raw.get(key)) if not isinstance(value, (bool, str)) else None
        if as_date is not None:
            lines.append(f"{_yaml_key(key)}: {as_date.yaml()}\n")
            continue
        plain = _plain(value)
        if _has_odd_chars(plain):
            # YAML writers leave NEL/LS/PS and control characters raw, which YAML reads as
            # line breaks: write the value as JSON (a YAML flow value) with them escaped.
            flow = json.dumps(plain, default=str, ensure_ascii=False)
            flow = _ODD_CHARS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", flow)
            lines.append(f"{_yaml_key(key)}: {flow}\n")
            continue
        stream = io.StringIO()
        yaml.dump({key: plain}, stream)
        lines.append(stream.getvalue())
    return "---\n" + "".join(lines) + "---\n"


_ODD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _has_odd_chars(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_ODD_CHARS.search(value))
    if isinstance(value, dict):
        return any(_has_odd_chars(k) or _has_odd_chars(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_odd_chars(v) for v in value)
    return False


def _yaml_key(key: str) -> str:
    """`key` as YAML writes it (quoted when it would read as true, null, a number, ...)."""
    if not _has_odd_chars(key):
        stream = io.StringIO()
        _yaml().dump({key: 0}, stream)
        text = stream.getvalue()
        if text.endswith(": 0\n") and "\n" not in text[:-1]:
            return text[: -len(": 0\n")]
    return _ODD_CHARS.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(key, ensure_ascii=False)
    )


def _toml_value(value: Any, raw: str | None, warnings: list[str], where: str) -> Any:
    if isinstance(value, bool):
        return value
    as_date = _as_date(value, raw) if isinstance(value, (datetime, date, DateText)) else None
    if as_date is not None:
        return as_date.toml_item()
    if value is None:
        return None
    if isinstance(value, Mapping):
        table: dict[str, Any] = {}
        for k, v in value.items():
            converted = _toml_value(v, None, warnings, f"{where}.{k}")
            if converted is None:
                warnings.append(
                    f"front matter key {where}.{k} is empty (null): TOML cannot hold it"
                )
                continue
            table[str(k)] = converted
        return table
    if isinstance(value, (list, tuple)):
        items = [_toml_value(v, None, warnings, where) for v in value]
        return [v for v in items if v is not None]
    return _plain(value)


DATE_KEYS = frozenset(
    {"date", "lastmod", "publishdate", "pubdate", "expirydate", "updated", "last_modified_at"}
)


def _date_string(key: str, value: Any) -> DateText | None:
    """A top-level date key whose value is a string holding a date (JSON front matter)."""
    if key.lower() in DATE_KEYS and isinstance(value, str):
        return _as_date(value, value)
    return None


def write_toml(meta: Mapping[str, Any], raw: Mapping[str, str]) -> tuple[str, list[str]]:
    warnings: list[str] = []
    doc = tomlkit.document()
    tables: list[tuple[str, Any]] = []
    for key, value in meta.items():
        converted = _toml_value(value, raw.get(key), warnings, key)
        if converted is None:
            warnings.append(f"front matter key {key!r} is empty (null): TOML cannot hold it")
            continue
        if isinstance(converted, dict) or (
            isinstance(converted, list)
            and converted
            and all(isinstance(v, dict) for v in converted)
        ):
            tables.append((key, converted))
        else:
            doc[key] = converted
    for key, converted in tables:
        doc[key] = converted
    text = tomlkit.dumps(doc)
    if text and not text.endswith("\n"):
        text += "\n"
    return "+++\n" + text + "+++\n", warnings


def write_json(meta: Mapping[str, Any], raw: Mapping[str, str]) -> str:
    def convert(value: Any, raw_text: str | None) -> Any:
        if isinstance(value, bool):
            return value
        is_date = isinstance(value, (datetime, date, DateText))
        as_date = _as_date(value, raw_text) if is_date else None
        if as_date is not None:
            return as_date.json()
        if isinstance(value, time):
            return value.isoformat()
        if isinstance(value, Mapping):
            return {str(k): convert(v, None) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(v, None) for v in value]
        return _plain(value)

    data = {key: convert(value, raw.get(key)) for key, value in meta.items()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def convert_front_matter(
    metadata: Mapping[str, Any],
    raw: Mapping[str, str],
    generator: Target,
    fm_format: FmFormat,
    *,
    draft: bool,
    slug: str | None = None,
    date_value: datetime | date | None = None,
) -> ConvertedFrontMatter:
    """The front matter block for `generator`, written as `fm_format`."""
    dated: dict[str, Any] = {}
    for key, value in metadata.items():
        as_date = None
        if isinstance(value, (datetime, date)):
            as_date = _as_date(value, raw.get(key))
        dated[key] = as_date or _date_string(key, value) or value
    meta, warnings = target_metadata(
        dated, generator, draft=draft, slug=slug, date_value=date_value
    )
    if fm_format == "toml":
        block, more = write_toml(meta, raw)
        warnings.extend(more)
    elif fm_format == "json":
        block = write_json(meta, raw)
    else:
        block = write_yaml(meta, raw)
    return ConvertedFrontMatter(block, tuple(warnings))
