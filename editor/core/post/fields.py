"""Front matter values for editor.core.post.model: Hugo's dates, plain Python values, file
lines of keys, and type checks of the fields Hugo reads.

The parsers' own objects and one-field edits that keep every other byte (ruamel.yaml round
trip, tomlkit, a key-order-keeping JSON edit) are in `editor.core.post.edits`, which loads
ruamel.yaml and tomlkit: showing a post needs neither.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timezone
from typing import Any, Literal

from editor.core.diagnostics import Severity
from editor.core.post.dates import parse_date

# "meta": Python-Markdown's `Key: value` lines at the top of a post (Pelican, MkDocs).
FmFormat = Literal["yaml", "toml", "json", "meta"]
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")


def _is_tomlkit_bool(value: object) -> bool:
    """Whether `value` is tomlkit's Bool (only possible once tomlkit is loaded)."""
    items = sys.modules.get("tomlkit.items")
    return items is not None and isinstance(value, items.Bool)


# --- plain values ---------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """ruamel/tomlkit values as plain Python; dates as aware datetimes (Hugo's rules)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, datetime):  # ruamel's TimeStamp is a subclass: make it plain
        offset = value.utcoffset()
        zone = UTC if not offset else timezone(offset)  # one zone object per offset
        return datetime.combine(value.date(), value.time(), zone)
    if isinstance(value, date):
        return parse_date(value)
    if isinstance(value, time):
        return time(value.hour, value.minute, value.second, value.microsecond, value.tzinfo)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Mapping):
        return {_plain_key(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None:
        return None
    if _is_tomlkit_bool(value):  # not a bool subclass (bool cannot be one)
        return bool(value.value)
    inner = getattr(value, "value", None)  # ruamel TaggedScalar
    return str(inner if inner is not None else value)


def _plain_key(key: Any) -> Any:
    """A mapping key as plain Python; YAML's complex keys (lists, mappings) become text."""
    value = plain(key)
    return str(value) if isinstance(value, list | dict) else value


def kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table/mapping"
    if isinstance(value, list):
        return "a list"
    return "no value" if value is None else f"a {type(value).__name__}"


# --- keys and types---------------------------------------------------------------------------


def key_line(fmt: FmFormat, content: str, key: str, line0: int) -> int | None:
    quoted = f"[\"']?{re.escape(key)}[\"']?"
    pattern = {"yaml": rf"^[ \t]*{quoted}[ \t]*:", "toml": rf"^[ \t]*{quoted}[ \t]*="}
    pattern["json"] = rf'"{re.escape(key)}"\s*:'
    pattern["meta"] = rf"^[ ]{{0,3}}{re.escape(key)}:"
    match = re.search(pattern[fmt], content, re.M | re.I)
    return None if match is None else line0 + content.count("\n", 0, match.start())


Folded = dict[str, tuple[str, Any]]
_NOTHING: tuple[None, None] = (None, None)


def folded(metadata: Mapping[str, Any]) -> Folded:
    """Hugo's case-insensitive keys: lower-cased key -> (key as written, value). A key
    written in lower case wins, else the first that folds to it."""
    out: dict[str, tuple[str, Any]] = {}
    for key, value in metadata.items():
        if isinstance(key, str):
            low = key.lower()
            if key == low or low not in out:
                out[low] = (key, value)
    return out


def lookup(metadata: Mapping[str, Any], name: str) -> tuple[str | None, Any]:
    """(key, value) for `name`, matched case-insensitively as Hugo does."""
    if name in metadata:
        return name, metadata[name]
    return folded(metadata).get(name.lower(), _NOTHING)


def field_checks(
    metadata: Mapping[str, Any], fields: Folded | None = None
) -> list[tuple[str, str, Severity]]:
    """(key, message, severity) for each field whose type Hugo would not accept (`fields`:
    the metadata `folded`, when the caller has it). A date Hugo cannot parse is an error:
    Hugo's build fails on it."""
    problems: list[tuple[str, str, Severity]] = []
    warn = Severity.WARNING
    fields = folded(metadata) if fields is None else fields
    key, value = fields.get("title", (None, None))
    if key is not None and not isinstance(value, str | int | float):
        problems.append((key, f"'{key}' should be text, found {kind(value)}", warn))
    for name in (*DATE_KEYS, "expirydate", "unpublishdate"):
        key, value = fields.get(name, (None, None))
        if key is not None and value not in (None, "") and parse_date(value) is None:  # noqa: SIM102
            if not isinstance(value, bool):  # `published: false` is Hugo's inverse draft
                message = f"'{key}' is not a date Hugo can read: {value!r}"
                problems.append((key, message, Severity.ERROR))
    key, value = fields.get("draft", (None, None))
    if key is not None and not isinstance(value, bool) and str(value) not in BOOLS:
        problems.append((key, f"'{key}' should be true or false, found {value!r}", warn))
    for name in ("tags", "categories"):
        key, value = fields.get(name, (None, None))
        if key is not None and value is not None and not isinstance(value, str | list):
            problems.append((key, f"'{key}' should be a list of names, found {kind(value)}", warn))
        elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
            problems.append((str(key), f"'{key}' should be a list of names", warn))
    return problems


# strconv.ParseBool, which Hugo's cast.ToBool applies to text
BOOLS = {
    **dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
    **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False),
}


def as_bool(value: object) -> bool:
    """spf13/cast ToBool, as Hugo applies it to `draft` (text it cannot read is false)."""
    if isinstance(value, str):
        return BOOLS.get(value, False)
    if isinstance(value, bool | int | float):
        return bool(value)
    return False


def _get(metadata: Mapping[str, Any], fields: Folded | None, name: str) -> tuple[str | None, Any]:
    return lookup(metadata, name) if fields is None else fields.get(name, _NOTHING)


def title_of(metadata: Mapping[str, Any], fields: Folded | None = None) -> str:
    """The title as Hugo shows it ("" when missing or not text)."""
    _, value = _get(metadata, fields, "title")
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if isinstance(value, str | int | float) else ""


def draft_of(
    metadata: Mapping[str, Any], fields: Folded | None = None, *, status: bool = False
) -> bool:
    """`draft`, else the inverse of `published` when it is a boolean (as Hugo reads them).
    With `status` (a Pelican site) `Status: draft` is a draft too."""
    if status:
        value = _get(metadata, fields, "status")[1]
        if isinstance(value, str) and value.strip().lower() == "draft":
            return True
    key, value = _get(metadata, fields, "draft")
    if key is not None:
        return as_bool(value)
    _, published = _get(metadata, fields, "published")
    return published is False


def meta_list(value: object) -> tuple[str, ...]:
    """The names in a metadata line's list (`Tags: a, b`), as Pelican reads them: split
    at `;` when there is one, else at `,`; stripped, empty and repeated names dropped.
    A list (the key on several lines) is read item by item."""
    if isinstance(value, str):
        value = value.split(";" if ";" in value else ",")
    if not isinstance(value, list):
        return ()
    names = (str(item).strip() for item in value if not isinstance(item, Mapping | list))
    return tuple(dict.fromkeys(name for name in names if name))


def meta_join(names: Iterable[str]) -> str:
    """Names as one metadata line holds them, read back by `meta_list`: `, ` between them,
    `; ` when a name holds a comma."""
    names = list(names)
    return ("; " if any("," in name for name in names) else ", ").join(names)


def date_of(
    metadata: Mapping[str, Any], names: tuple[str, ...] = DATE_KEYS, fields: Folded | None = None
) -> datetime | None:
    """The first of `names` holding a date (default: `date` and Hugo's fallbacks)."""
    fields = folded(metadata) if fields is None else fields
    for name in names:
        value = fields.get(name, _NOTHING)[1]
        found = None if value is None else parse_date(value)
        if found is not None:
            return found
    return None
