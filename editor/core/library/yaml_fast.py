"""A fast reader for the simple YAML most front matter is, with PyYAML as the judge.

`fast_yaml(source)` returns the same mapping `yaml.load(source, CSafeLoader)` would for
front matter made only of `key: scalar`, `key: [flow, list]` and `key:` followed by
`- item` lines (scalars plain, or quoted without escapes), and None for anything else,
so the caller falls back to the full parser. Plain scalars are resolved as PyYAML does
for the cases kept here (null, decimal int, date and timestamp), except booleans, which
follow YAML 1.2 as Hugo does (`yes`/`on` are strings; `Yaml12Loader` agrees); anything
else that looks like a number falls back. The library scan spends most of its
time in YAML, and this path is about eight times faster (tests compare the two).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import yaml

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_ITEM_LINE = re.compile(r"[ \t]*-[ \t]+(.*?)[ \t]*$")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_NUMBERISH = re.compile(r"[-+.0-9][-+.0-9_:eE]*|\.(?:inf|Inf|INF|nan|NaN|NAN)|0[xob].*")
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?"
    r"(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_BOOL_11 = frozenset({"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"})
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Yaml12Loader(_BASE_LOADER):  # type: ignore[misc]
    """PyYAML's safe loader with YAML 1.2 booleans, as Hugo reads front matter:
    `draft: yes` is the string "yes" (which Hugo then takes as false), not True."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(source: str) -> Any:
    """Front matter YAML as Hugo sees it (fast path first, then Yaml12Loader)."""
    fast = fast_yaml(source)
    if fast is not None:
        return fast
    return yaml.load(source, Loader=Yaml12Loader)


_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_Unparsed = object()


def _scalar(text: str) -> Any:
    """One scalar value, or _Unparsed when PyYAML must decide."""
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
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    match = _DATE.fullmatch(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return _Unparsed
    match = _TIMESTAMP.fullmatch(text)
    if match:
        return _timestamp(match)
    if _NUMBERISH.fullmatch(text) or (text[0].isdigit() and ":" in text):
        return _Unparsed
    return text


def _timestamp(m: re.Match[str]) -> Any:
    try:
        fraction = (m[7] or "")[:6].ljust(6, "0")
        moment = datetime(
            int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]), int(fraction)
        )
    except ValueError:
        return _Unparsed
    zone = m[8]
    if zone is None:
        return moment
    if zone == "Z":
        return moment.replace(tzinfo=UTC)
    sign = -1 if m[9] == "-" else 1
    offset = timedelta(hours=int(m[10]), minutes=int(m[11] or 0)) * sign
    return moment.replace(tzinfo=timezone(offset))


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
        if value is _Unparsed:
            return _Unparsed
        items.append(value)
    return items


def fast_yaml(source: str) -> dict[str, Any] | None:
    """The mapping for simple front matter, or None when the full parser must run."""
    out: dict[str, Any] = {}
    current_list: list[Any] | None = None
    current_key = ""
    for raw in source.split("\n"):
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t-":
            if current_list is None:
                return None
            item = _ITEM_LINE.fullmatch(line)
            if item is None:
                return None
            value = _scalar(item.group(1))
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
        if key in out or key in ("y", "Y", "n", "N") or key.lower() in _TRUE | _FALSE | _NULLS:
            return None
        if not text:
            current_list = []
            current_key = key
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
