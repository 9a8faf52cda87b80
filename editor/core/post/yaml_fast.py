"""A fast reader for the simple YAML most front matter is; ruamel.yaml stays the judge.

`fast_yaml(source)` returns the mapping ruamel.yaml's YAML 1.2 loader returns, as plain
values (`editor.core.post.fields.plain`: dates are aware datetimes), for front matter made
only of `key: scalar`, `key: [flow, list]` and `key:` followed by `- item` lines (scalars
plain, or quoted without escapes), and None for anything else, so the caller runs
ruamel.yaml. Plain scalars are resolved with ruamel.yaml's own YAML 1.2 resolver table (so
`yes` and `on` stay strings, as in Hugo); only null, true/false, decimal integers, dates
and whole-second timestamps are built here, anything else the table calls a number or
special falls back. This path is many times faster than ruamel.yaml's (tests compare the
two), and loads no ruamel.yaml: the table is written out below (a test holds it equal to
ruamel.yaml's own), so showing a post with simple front matter never imports it.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

__all__ = ["fast_yaml"]

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_ITEM_LINE = re.compile(r"([ \t]*)-[ \t]+(.*?)[ \t]*")
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:(Z)|([-+])(\d\d):(\d\d))?"
)
# Characters YAML rejects or reads as line breaks, CR and tabs: left to ruamel.yaml. Written
# as the few ranges left out (not as a negated class of those kept, which takes ~10 ms to
# compile): all but \x0a \x20-\x7e \xa0-\u2027 \u202a-\ud7ff \ue000-\ufefe \uff00-\ufffd and
# the astral planes.
_ODD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# ruamel.yaml's YAML 1.2 implicit resolvers (ruamel/yaml/resolver.py, `implicit_resolvers`
# for version (1, 2)): (tag, the first characters it applies to, pattern, flags), in its order.
RESOLVERS_1_2: tuple[tuple[str, tuple[str, ...], str, int], ...] = (
    (
        "tag:yaml.org,2002:bool",
        tuple("tTfF"),
        """^(?:true|True|TRUE|false|False|FALSE)$""",
        re.X | re.U,
    ),
    (
        "tag:yaml.org,2002:float",
        tuple("-+0123456789."),
        """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""",
        re.X | re.U,
    ),
    (
        "tag:yaml.org,2002:int",
        tuple("-+0123456789"),
        """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        re.X | re.U,
    ),
    ("tag:yaml.org,2002:merge", tuple("<"), "^(?:<<)$", re.U),
    (
        "tag:yaml.org,2002:null",
        ("~", "n", "N", ""),  # "": the empty scalar
        """^(?: ~
        |null|Null|NULL
        | )$""",
        re.X | re.U,
    ),
    (
        "tag:yaml.org,2002:timestamp",
        tuple("0123456789"),
        """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X | re.U,
    ),
    ("tag:yaml.org,2002:value", tuple("="), "^(?:=)$", re.U),
    ("tag:yaml.org,2002:yaml", tuple("!&*"), "^(?:!|&|\\*)$", re.U),
)


@functools.cache
def resolver_table() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """First character of a plain scalar ("" for the empty one) -> (tag, pattern), in order:
    ruamel.yaml's `VersionedResolver(version=(1, 2)).versioned_resolver`, compiled."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, firsts, pattern, flags in RESOLVERS_1_2:
        compiled = re.compile(pattern, flags)
        for first in firsts:
            table.setdefault(first, []).append((tag, compiled))
    return table


_STR = "tag:yaml.org,2002:str"
_Unparsed = object()


@functools.lru_cache(maxsize=4096)  # keys and many values repeat from post to post
def _tag(text: str) -> str:
    """The tag ruamel.yaml's YAML 1.2 resolver gives a plain scalar."""
    for tag, regexp in resolver_table().get(text[:1], ()):
        if regexp.match(text):
            return tag
    return _STR


@functools.lru_cache(maxsize=8192)  # the values it builds are immutable
def _scalar(text: str) -> Any:
    """One scalar value, or _Unparsed when ruamel.yaml must decide."""
    if not text:
        return None
    first = text[0]
    if first == '"':
        if len(text) >= 2 and text.endswith('"') and "\\" not in text and '"' not in text[1:-1]:
            return text[1:-1]
        return _Unparsed
    if first == "'":
        if len(text) >= 2 and text.endswith("'") and "'" not in text[1:-1]:
            return text[1:-1]
        return _Unparsed
    if first in _PLAIN_BAD_START or ": " in text or " #" in text or "\t" in text:
        return _Unparsed
    if text.endswith(":"):
        return _Unparsed
    tag = _tag(text)
    if tag == _STR:
        return text
    kind = tag.rsplit(":", 1)[1]
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() == "true"
    if kind == "int" and _INT.fullmatch(text):
        return int(text)
    if kind == "timestamp":
        return _timestamp(text)
    return _Unparsed


def _timestamp(text: str) -> Any:
    """A date or whole-second timestamp as `plain` makes it: aware, UTC when no offset."""
    try:
        match = _DATE.fullmatch(text)
        if match:
            return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
        match = _TIMESTAMP.fullmatch(text)
        if match is None:
            return _Unparsed
        y, mo, d, h, mi, s = (int(match[i]) for i in range(1, 7))
        zone: timezone = UTC
        if match[8] is not None:
            offset = timedelta(hours=int(match[9]), minutes=int(match[10]))
            if offset:
                zone = timezone(-offset if match[8] == "-" else offset)
        return datetime(y, mo, d, h, mi, s, tzinfo=zone)
    except ValueError:
        return _Unparsed


def _flow_list(text: str) -> Any:
    inner = text[1:-1].strip()
    if not inner:
        return []
    if any(c in inner for c in "[]{}#") or "\\" in inner:
        return _Unparsed
    items: list[Any] = []
    for part in inner.split(","):
        part = part.strip()
        if not part:
            return _Unparsed
        value = _scalar(part)
        if value is _Unparsed or (isinstance(value, str) and part[0] not in "'\"" and ":" in part):
            return _Unparsed
        items.append(value)
    return items


def fast_yaml(source: str) -> dict[str, Any] | None:
    """The mapping for simple front matter, or None when ruamel.yaml must run."""
    if _ODD.search(source):
        return None
    out: dict[str, Any] = {}
    current_list: list[Any] | None = None
    current_key = ""
    indent: str | None = None
    for raw in source.split("\n"):
        line = raw.rstrip(" \t")
        if not line or line.lstrip(" \t").startswith("#"):
            continue
        if line[0] in " \t-":
            item = _ITEM_LINE.fullmatch(line)
            if current_list is None or item is None or indent not in (None, item.group(1)):
                return None
            indent = item.group(1)
            value = _scalar(item.group(2))
            if value is _Unparsed or (isinstance(value, str) and value.startswith("- ")):
                return None
            current_list.append(value)
            continue
        if current_list is not None:
            if not current_list:
                return None
            out[current_key] = current_list
            current_list = None
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            return None
        key, text = match.group(1), match.group(2) or ""
        if key in out or _tag(key) != _STR:
            return None
        if not text:
            current_list, current_key, indent = [], key, None
            continue
        is_list = text.startswith("[") and text.endswith("]")
        value = _flow_list(text) if is_list else _scalar(text)
        if value is _Unparsed:
            return None
        out[key] = value
    if current_list is not None:
        if not current_list:
            return None
        out[current_key] = current_list
    return out
