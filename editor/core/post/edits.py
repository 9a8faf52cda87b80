"""One-field edits of front matter that keep every other byte: ruamel.yaml's round trip for
YAML, tomlkit for TOML, a key-order-keeping edit for JSON, a line edit for Python-Markdown's
metadata lines (Pelican, MkDocs).

`editor.core.post.model.Post.with_field` tries `SETTERS[format]` in turn, catching
`EDIT_ERRORS`; they parse with `editor.core.post.native`. A module of its own so that
ruamel.yaml and tomlkit load when a post is edited, not to show one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from io import StringIO
from typing import Any

import tomlkit
import tomlkit.exceptions
import tomlkit.items
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from editor.core.post.dates import rfc3339
from editor.core.post.fields import FmFormat, kind, meta_join, plain
from editor.core.post.frontmatter import (
    META_KEY,
    META_MORE,
    PELICAN_FIRST_LINE,
    load_metadata,
)
from editor.core.post.native import load_native, yaml_round_trip

__all__ = [
    "EDIT_ERRORS",
    "SETTERS",
    "json_default",
    "json_set",
    "meta_expected",
    "meta_lines",
    "meta_set",
    "toml_set",
    "toml_set_path",
    "yaml_dump",
    "yaml_full",
    "yaml_set",
    "yaml_value",
]

EDIT_ERRORS = (ValueError, TypeError, YAMLError, tomlkit.exceptions.TOMLKitError)


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


# --- Python-Markdown's metadata lines (Pelican, MkDocs) -----------------------------------


def meta_lines(value: Any) -> list[str]:
    """The texts of `value` as metadata lines hold them: a list one item per line, a date
    as `2026-03-09 10:20` (seconds and offset when it has them), true/false in lower case."""
    if isinstance(value, list | tuple):
        items = [meta_lines(item) for item in value]
        if any(len(item) != 1 for item in items):
            raise ValueError("a list item of metadata lines must be one line of text")
        return [item[0] for item in items] or [""]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M" + (":%S" if value.second else ""))
        offset = value.utcoffset()
        if offset:
            total = int(offset.total_seconds()) // 60
            text += f"{'-' if total < 0 else '+'}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
        return [text]
    if isinstance(value, date):
        return [value.isoformat()]
    if isinstance(value, Mapping):
        raise TypeError("metadata lines cannot hold a table")
    lines = ["" if value is None else str(value)]
    lines = lines[0].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and not all(line.strip() for line in lines):
        raise ValueError("a blank line would end the metadata")
    return [line.strip() for line in lines]


def meta_set(content: str, key: str, value: Any) -> str:
    """`content` (metadata lines) with `key` (any case) holding `value`: its first line and
    continuations replaced in place, its repeats removed; appended when new. A list of
    tags or authors is one line (`Tags: a, b`), as Pelican reads only one."""
    if isinstance(value, list | tuple) and key.lower() in PELICAN_FIRST_LINE:
        if key.lower() not in ("tags", "authors"):
            raise ValueError(f"Pelican reads one line of {key}, not a list")
        value = meta_join(str(item) for item in value)
    new = meta_lines(value)
    block = [f"{key}: {new[0]}".rstrip(), *(f"    {line}" for line in new[1:])]
    lines = content.split("\n")
    if lines[-1] == "":  # the newline ending the last line (or no content)
        lines.pop()
    out: list[str] = []
    placed = skipping = False
    for line in lines:
        found = META_KEY.match(line)
        if found:
            skipping = found.group(1).lower() == key.lower()
            if skipping and not placed:
                out.extend(block)
                placed = True
            if skipping:
                continue
        elif skipping and META_MORE.match(line):
            continue
        else:
            skipping = False
        out.append(line)
    if not placed:
        out.extend(block)
    return "\n".join(out) + "\n"


def meta_expected(key: str, value: Any) -> Any:
    """What reading the lines `meta_set` writes for `value` gives back."""
    return load_metadata("meta", meta_set("", key, value))[key]


SETTERS: dict[FmFormat, tuple[Callable[[str, str, Any], str], ...]] = {
    "yaml": (yaml_set, yaml_full),
    "toml": (toml_set,),
    "json": (json_set,),
    "meta": (meta_set,),
}
