"""The front matter as a form: a post's text -> field values, a field's new value -> new text.

`read_form(text, schema)` reads only the head of the text (the front matter: a 50,000-word
body is not looked at) into the values of the schema's fields and the post's extra keys, or
the parse `Diagnostic` (file line) when it does not parse. `edit_field(head, spec, value)`
returns the head with only that field's lines changed (`Post.with_field`, tomlkit for a
key inside a table); a date is written in the layout the post already uses for it (or for
its other date): `2026-03-09` stays a bare date, `2026-03-09T10:00:00+01:00` keeps its
offset, a space instead of the `T` stays.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.dates import go_rfc3339, parse_date
from editor.core.post.fields import (
    FmFormat,
    Folded,
    folded,
    key_line,
    lookup,
    meta_join,
    meta_list,
)
from editor.core.post.frontmatter import read_front_matter, split_front_matter
from editor.core.post.model import Post, PostError
from editor.core.post.schema import FieldSpec, SiteSchema

__all__ = [
    "FormState",
    "edit_extra",
    "edit_field",
    "format_date_like",
    "front_part",
    "read_form",
]


@dataclass(frozen=True, slots=True)
class FormState:
    """What the form shows for one text: `values` by field name (text, bool, aware datetime
    or None, list of names), `extra` the other keys as written with plain values, the raw
    date text per date field (`date_text`), and `problem` when the front matter does not
    parse (the values are then empty)."""

    fm_format: FmFormat | None = None
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    date_text: dict[str, str] = field(default_factory=dict)
    problem: Diagnostic | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def editable(self) -> bool:
        return self.problem is None


def front_part(text: str, meta: bool = False) -> str:
    """The text up to where the body starts (the whole front matter block; "" without one,
    or the text up to its first line when the block is broken). `meta`: the site reads
    `Key: value` metadata lines (`SiteSchema.meta`)."""
    split = split_front_matter(text, meta)
    if split.problem:
        return text
    return text[: split.body_start]


_NONE: tuple[None, None] = (None, None)


def _get_path(
    metadata: Mapping[str, Any], path: tuple[str, ...], fields: Folded | None = None
) -> tuple[bool, Any]:
    """The value at `path`, its keys matched as Hugo does (`fields`: the top level
    `folded`, when the caller has it: a front matter of many keys is folded once)."""
    value: Any = metadata
    for depth, name in enumerate(path):
        if not isinstance(value, Mapping):
            return False, None
        if depth == 0 and fields is not None:
            key, value = (name, value[name]) if name in value else fields.get(name.lower(), _NONE)
        else:
            key, value = lookup(value, name)
        if key is None:
            return False, None
    return True, value


def _found(
    metadata: Mapping[str, Any], spec: FieldSpec, fields: Folded | None = None
) -> tuple[tuple[str, ...], Any] | None:
    for path in (spec.path, *spec.aliases):
        present, value = _get_path(metadata, path, fields)
        if present:
            return path, value
    return None


def _names(value: Any, csv: bool = False) -> list[str]:
    if isinstance(value, str) and csv:
        return list(meta_list(value))
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v) for v in value if not isinstance(v, Mapping | list) and str(v) != ""]
    return []


def form_value(metadata: Mapping[str, Any], spec: FieldSpec, fields: Folded | None = None) -> Any:
    """The value the form shows for `spec` in `metadata` (`fields`: it `folded`, if known)."""
    found = _found(metadata, spec, fields)
    value = None if found is None else found[1]
    shape = spec.shape
    if shape in ("list", "csv"):
        return _names(value, csv=shape == "csv" or spec.name == "authors")
    if shape == "bool":
        return value is True or (isinstance(value, str) and value.lower() == "true")
    if shape == "inverse":
        return value is False
    if shape == "status":
        return isinstance(value, str) and value.strip().lower() == "draft"
    if shape == "date":
        return parse_date(value) if value is not None else None
    if shape == "image":
        if isinstance(value, Mapping):
            value = lookup(value, "image")[1]
        if isinstance(value, list):
            value = value[0] if value else ""
    return "" if value is None or isinstance(value, Mapping | list) else str(value)


_SCALAR = re.compile(r"[ \t]*[\"']?[^\"':=]+[\"']?[ \t]*[:=][ \t]*(?P<v>[^#\n]*?)[ \t]*(?:#.*)?$")


def _raw_text(fm: FmFormat, content: str, key: str) -> tuple[int, str] | None:
    """(0-based line in `content`, the value's text as written) of a one-line `key`."""
    line = key_line(fm, content, key, 0)
    if line is None or fm == "json":
        return None
    match = _SCALAR.match(content.split("\n")[line])
    return None if match is None else (line, match.group("v"))


def read_form(text: str, schema: SiteSchema, path: Path | None = None) -> FormState:
    """The form for `text` (its head only); see the module docstring."""
    head = front_part(text, schema.meta)
    front = read_front_matter(head, path, schema.meta)
    fm = front.split.fm_format
    errors = [d for d in front.diagnostics if d.severity == Severity.ERROR]
    if front.broken or (errors and not front.metadata and fm is not None):
        return FormState(fm, problem=errors[0] if errors else None)
    if front.split.problem:
        return FormState(fm, problem=errors[0] if errors else None)
    metadata = front.metadata
    fields = front.fields if front.fields or not metadata else folded(metadata)
    values = {spec.name: form_value(metadata, spec, fields) for spec in schema.fields}
    standard = schema.standard_keys()
    extra = {k: v for k, v in metadata.items() if str(k).lower() not in standard}
    dates: dict[str, str] = {}
    if fm is not None and front.split.content is not None:
        content = head[front.split.content[0] : front.split.content[1]]
        for spec in schema.fields:
            found = _found(metadata, spec, fields)
            if spec.shape == "date" and found is not None and len(found[0]) == 1:
                raw = _raw_text(fm, content, found[0][0])
                if raw is not None:
                    dates[spec.name] = raw[1].strip("\"'")
    return FormState(fm, values, extra, dates, None, metadata)


# --- dates ----------------------------------------------------------------------------------

_LAYOUT = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:(?P<sep>[T ])\d{2}:\d{2}(?P<seconds>:\d{2}(?P<frac>\.\d+)?)?"
    r"(?P<space> ?)(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)


def format_date_like(moment: datetime, sample: str | None) -> str:
    """`moment` as text in the layout of `sample` (a date as the post writes it): a bare
    date stays one, the separator, seconds (or none), fractions and the offset's form are
    kept, and the time is shown in the sample's offset (UTC when it has none, as Hugo and
    Inkpost's reading of Pelican's dates take it).
    Other layouts, and no sample, give RFC 3339 in `moment`'s own offset."""
    match = _LAYOUT.fullmatch(sample.strip()) if sample else None
    if match is None:
        return go_rfc3339(moment)
    if match.group("sep") is None:
        return moment.date().isoformat()
    zone = match.group("zone")
    if zone is None or zone == "Z":
        local = moment.astimezone(UTC)
        zone_text = zone or ""
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        local = moment.astimezone(timezone(sign * offset))
        zone_text = _zone_like(local, zone)
    clock = local.strftime("%H:%M:%S" if match.group("seconds") else "%H:%M")
    frac = match.group("frac")
    if frac:
        clock += "." + f"{local.microsecond:06d}".ljust(9, "0")[: len(frac) - 1]
    return f"{local.date().isoformat()}{match.group('sep')}{clock}{match.group('space')}{zone_text}"


def _zone_like(local: datetime, sample: str) -> str:
    seconds = int((local.utcoffset() or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hh, mm = abs(seconds) // 3600, abs(seconds) // 60 % 60
    return f"{sign}{hh:02d}:{mm:02d}" if ":" in sample else f"{sign}{hh:02d}{mm:02d}"


def _date_sample(head: str, schema: SiteSchema | None, spec: FieldSpec) -> str | None:
    """The date text to copy the layout of: the field's own, else the post's other dates."""
    if schema is None:
        return None
    state = read_form(head, schema)
    own = state.date_text.get(spec.name)
    if own is not None:
        return own
    return next(iter(state.date_text.values()), None)


def _date_edit(
    head: str, spec: FieldSpec, moment: datetime, sample: str | None, meta: bool
) -> str | None:
    """The head with the one-line date at `spec`'s key rewritten in place (same quotes,
    comment and layout), or None when that is not possible."""
    split = split_front_matter(head, meta)
    if split.fm_format is None or split.content is None:
        return None
    a, b = split.content
    content = head[a:b]
    front = read_front_matter(head, None, meta)
    found = _found(front.metadata, spec)
    if found is None or len(found[0]) != 1:
        return None
    key = lookup(front.metadata, found[0][0])[0] or found[0][0]
    raw = _raw_text(split.fm_format, content, key)
    if raw is None or not raw[1].strip("\"'"):
        return None
    line, written = raw
    lines = content.split("\n")
    bare = written.strip("\"'")
    new_text = format_date_like(moment, sample if sample is not None else bare)
    at = lines[line].rfind(written)
    lines[line] = (
        lines[line][:at] + written.replace(bare, new_text, 1) + lines[line][at + len(written) :]
    )
    new_head = head[:a] + "\n".join(lines) + head[b:]
    check = read_front_matter(new_head, None, meta)
    if check.broken or parse_date(lookup(check.metadata, key)[1]) is None:
        return None
    return new_head


# --- edits ----------------------------------------------------------------------------------


def _stored(spec: FieldSpec, value: Any, old: Any) -> Any:
    """The form's `value` as the front matter stores it at `spec` (`old`: what is there)."""
    shape = spec.shape
    if shape == "csv":
        return meta_join(value)
    if shape == "inverse":
        return not value
    if shape == "status":
        return "draft" if value else "published"
    if shape == "list" and spec.name == "authors" and isinstance(old, str) and len(value) <= 1:
        return value[0] if value else ""
    if shape == "image" and isinstance(old, list):
        return [value, *old[1:]] if value else old[1:]
    if shape == "image" and isinstance(old, Mapping):
        return {**old, "image": value}
    if shape == "image" and old is None and spec.key == "images":
        return [value]
    return value


def _typed_date(moment: datetime, sample: str | None) -> Any:
    """A new date as a typed value in `sample`'s layout (bare date, or datetime)."""
    match = _LAYOUT.fullmatch(sample.strip()) if sample else None
    if match is not None and match.group("sep") is None:
        return date(moment.year, moment.month, moment.day)
    return moment.replace(microsecond=0)


def edit_field(head: str, spec: FieldSpec, value: Any, schema: SiteSchema | None = None) -> str:
    """`head` (a post's front part, see `front_part`) with the field `spec` set to the form
    `value`; only that field's lines change. Raises PostError when it cannot be set (the
    front matter does not parse, or cannot hold the value)."""
    meta = schema is not None and schema.meta
    post = Post.from_text(head, meta=meta)
    if spec.shape == "date":
        if value is None:
            return head
        sample = _date_sample(head, schema, spec)
        in_place = _date_edit(head, spec, value, sample, meta)
        if in_place is not None:
            return in_place
        value = _typed_date(value, sample)
    found = _found(post.metadata, spec)
    path, old = (spec.path, None) if found is None else found
    if found is None and value in ("", [], False, None) and spec.shape != "inverse":
        return head  # nothing to write for a field that is absent and left empty
    stored = value if spec.shape == "date" else _stored(spec, value, old)
    if len(path) == 1:
        return post.with_field(path[0], stored).text
    return _nested(post, path, stored)


def _nested(post: Post, path: tuple[str, ...], value: Any) -> str:
    """Set a key inside a table: tomlkit in place for TOML, the table rewritten otherwise."""
    if post.fm_format != "toml":
        found = _get_path(post.metadata, path[:1])[1]
        table = dict(found) if isinstance(found, Mapping) else {}
        table[path[1]] = value
        return post.with_field(path[0], table).text
    split = split_front_matter(post.text, post.meta)
    assert split.content is not None
    a, b = split.content
    from editor.core.post.edits import toml_set_path  # tomlkit, loaded at the first such edit

    try:
        content = toml_set_path(post.text[a:b], path, value)
    except ValueError as exc:
        raise PostError(f"cannot set '{'.'.join(path)}': {exc}") from exc
    new = post.text[:a] + content + post.text[b:]
    if read_front_matter(new, None, post.meta).broken:
        raise PostError(f"cannot set '{'.'.join(path)}' to {value!r}")
    return new


def edit_extra(head: str, key: str, value: Any, meta: bool = False) -> str:
    """`head` with the extra key `key` set to `value` (plain Python), only its lines changed
    (`meta`: the site reads `Key: value` metadata lines)."""
    return Post.from_text(head, meta=meta).with_field(key, value).text
