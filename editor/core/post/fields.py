"""Front matter values for editor.core.post.model: Hugo's dates, plain Python values, parsing
with file lines for errors, type checks of the fields Hugo reads, and one-field edits that
keep every other byte (ruamel.yaml round trip, tomlkit, a key-order-keeping JSON edit).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timezone
from io import StringIO
from typing import Any, Literal

import tomlkit
import tomlkit.exceptions
import tomlkit.items
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.timestamp import TimeStamp

from editor.core.diagnostics import Severity
from editor.core.post.dates import parse_date, rfc3339

FmFormat = Literal["yaml", "toml", "json"]
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
EDIT_ERRORS = (ValueError, TypeError, YAMLError, tomlkit.exceptions.TOMLKitError)


# --- plain values ---------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """ruamel/tomlkit values as plain Python; dates as aware datetimes (Hugo's rules)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, tomlkit.items.Bool):  # not a bool subclass (bool cannot be one)
        return bool(value.value)
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


# --- parsing --------------------------------------------------------------------------------


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, but a timestamp that is no real date
    (`2026-02-30`) stays text, as in Hugo's YAML parser; Hugo then reports the field."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def yaml_round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 1 << 20
    yaml.allow_unicode = True
    for cls in (datetime, TimeStamp):
        yaml.representer.add_representer(
            cls,
            lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:timestamp", rfc3339(value)),
        )
    return yaml


@functools.lru_cache(maxsize=16)
def load_native(fmt: FmFormat, content: str) -> Any:
    """The parsed front matter (ruamel/tomlkit/json objects); raises the parser's error.

    Cached (a post is parsed when loaded, edited and saved): callers must not mutate it.
    """
    if fmt == "yaml":
        return yaml_round_trip().load(content)
    if fmt == "toml":
        return tomlkit.parse(content)
    return json.loads(content)


def key_line(fmt: FmFormat, content: str, key: str, line0: int) -> int | None:
    quoted = f"[\"']?{re.escape(key)}[\"']?"
    pattern = {"yaml": rf"^[ \t]*{quoted}[ \t]*:", "toml": rf"^[ \t]*{quoted}[ \t]*="}
    pattern["json"] = rf'"{re.escape(key)}"\s*:'
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


def draft_of(metadata: Mapping[str, Any], fields: Folded | None = None) -> bool:
    """`draft`, else the inverse of `published` when it is a boolean (as Hugo reads them)."""
    key, value = _get(metadata, fields, "draft")
    if key is not None:
        return as_bool(value)
    _, published = _get(metadata, fields, "published")
    return published is False


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


# --- editing front matter -------------------------------------------------------------------


_YAML_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_value(value: Any, old: Any) -> Any:
    """A new string in the old value's quoting style, double quotes where others are unsafe
    (line breaks, control characters: ruamel can fold those wrongly in other styles)."""
    if isinstance(value, list) and isinstance(old, CommentedSeq) and old.fa.flow_style():
        seq = CommentedSeq(yaml_value(v, None) for v in value)
        seq.fa.set_flow_style()  # `tags: [a, b]` stays on its line
        return seq
    if type(value) is not str:
        return value
    unsafe = _YAML_UNSAFE.search(value) is not None
    if isinstance(old, LiteralScalarString) and "\n" in value and not unsafe:
        return LiteralScalarString(value)
    if unsafe or "\n" in value or isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    return value


def yaml_dump(yaml: YAML, data: Any) -> str:
    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def yaml_full(content: str, key: str, value: Any) -> str:
    """The whole mapping dumped by ruamel's round trip (used when an in-place edit fails)."""
    yaml = yaml_round_trip()
    data = yaml.load(content)
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    data[key] = yaml_value(value, None)
    return yaml_dump(yaml, data)


def yaml_set(content: str, key: str, value: Any) -> str:
    """Replace the lines of `key` only (or append it), keeping every other byte."""
    yaml = yaml_round_trip()
    data = load_native("yaml", content) if content.strip() else None  # read only
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    keys = list(data.keys())
    one = CommentedMap()
    one[key] = yaml_value(value, data.get(key))
    block = yaml_dump(yaml, one)
    lines = content.split("\n")
    if key not in data:
        sep = "" if not content or content.endswith("\n") else "\n"
        col = data.lc.key(keys[0])[1] if keys else 0
        return content + sep + "".join(" " * col + line + "\n" for line in block.split("\n")[:-1])
    start, col = data.lc.key(key)
    following = [data.lc.key(k)[0] for k in keys[keys.index(key) + 1 :]]
    end = following[0] if following else len(lines) - (1 if content.endswith("\n") else 0)
    others = [data.lc.key(k)[0] for k in keys if k != key]
    if start in others or any(start < line < end for line in others) or end <= start:
        return yaml_full(content, key, value)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    token = data.ca.items.get(key, [None] * 4)
    comment = token[2] if len(token) > 2 else None
    if end - start == 1 and block.count("\n") == 1 and comment is not None:
        old_line = lines[start]
        cut = len(old_line[: comment.column].rstrip())
        same_line = comment.start_mark is not None and comment.start_mark.line == start
        if same_line and old_line[cut:].lstrip().startswith("#"):
            block = block[:-1] + old_line[cut:] + "\n"
    block = "".join(" " * col + line + "\n" for line in block.split("\n")[:-1])
    return "\n".join(lines[:start]) + ("\n" if start else "") + block + "\n".join(lines[end:])


def toml_set(content: str, key: str, value: Any) -> str:
    if value is None:
        raise ValueError("TOML has no empty value")
    doc = tomlkit.parse(content)
    old = doc.get(key)
    if (
        isinstance(value, str)
        and isinstance(old, tomlkit.items.String)
        and old.type == tomlkit.items.StringType.SLL
        and not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", value)
    ):
        doc[key] = tomlkit.string(value, literal=True)
    else:
        doc[key] = value
    return tomlkit.dumps(doc)


def toml_set_path(content: str, path: tuple[str, ...], value: Any) -> str:
    """Set the key at `path` (a table, then a key: `[taxonomies] tags`), making the table
    when it is missing; every other item keeps its bytes (tomlkit)."""
    if value is None:
        raise ValueError("TOML has no empty value")
    doc = tomlkit.parse(content)
    table: Any = doc
    for name in path[:-1]:
        inner = table.get(name)
        if inner is None:
            inner = tomlkit.table()
            table[name] = inner
            inner = table[name]
        if not isinstance(inner, Mapping):
            raise ValueError(f"'{name}' is {kind(plain(inner))}, not a table")
        table = inner
    table[path[-1]] = value
    return tomlkit.dumps(doc)


def json_default(value: object) -> str:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date | time):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in JSON")


def json_set(content: str, key: str, value: Any) -> str:
    decoder = json.JSONDecoder()
    encoded = json.dumps(value, ensure_ascii=False, default=json_default)
    ws = re.compile(r"[ \t\n\r]*")
    pos = ws.match(content, 1).end()  # type: ignore[union-attr]
    last_end = 1
    while content[pos] == '"':
        name, after = decoder.raw_decode(content, pos)
        colon = ws.match(content, after).end()  # type: ignore[union-attr]
        start = ws.match(content, colon + 1).end()  # type: ignore[union-attr]
        _, end = decoder.raw_decode(content, start)
        if name == key:
            return content[:start] + encoded + content[end:]
        last_end = end
        pos = ws.match(content, end).end()  # type: ignore[union-attr]
        if content[pos] == ",":
            pos = ws.match(content, pos + 1).end()  # type: ignore[union-attr]
    member = f"{json.dumps(key, ensure_ascii=False)}: {encoded}"
    if last_end == 1:  # empty object
        return "{\n  " + member + "\n" + content[pos:]
    line_start = content.rfind("\n", 0, last_end) + 1
    indent = re.match(r"[ \t]*", content[line_start:]).group()  # type: ignore[union-attr]
    sep = ",\n" + indent if "\n" in content[:last_end] else ", "
    return content[:last_end] + sep + member + content[last_end:]


SETTERS: dict[FmFormat, tuple[Callable[[str, str, Any], str], ...]] = {
    "yaml": (yaml_set, yaml_full),
    "toml": (toml_set,),
    "json": (json_set,),
}
