"""A blog post as a file: front matter plus Markdown body, read and written losslessly.

The bytes as read are kept (`Post.raw`). Saving a post whose text did not change writes
them back unchanged; after an edit only the lines that changed are re-encoded, so key order,
comments, quoting, date formats, CRLF or mixed line endings, a BOM and a missing final
newline all survive. `with_field` rewrites one front matter field in place (ruamel.yaml
round trip for YAML, tomlkit for TOML, a key-order-keeping edit for JSON).

Front matter is found as Hugo's page lexer finds it: after optional blank space, a `---`
(YAML) or `+++` (TOML) line up to the next such line, or a JSON object starting with `{`.
Problems become `Diagnostic`s (file and 1-based line); nothing is rewritten behind the
user's back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from io import StringIO
from pathlib import Path
from typing import Any, Literal

import tomlkit
import tomlkit.exceptions
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.timestamp import TimeStamp

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.storage import atomic_write, read_bytes

__all__ = ["FmFormat", "Post", "PostError", "parse_date"]

FmFormat = Literal["yaml", "toml", "json"]
_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"(\r\n|\r|\n)")
_FIRST_NON_SPACE = re.compile(r"[^ \t\n]")
_DELIMS: dict[str, tuple[FmFormat, re.Pattern[str]]] = {
    "-": ("yaml", re.compile(r"^---[ \t]*(?:\n|\Z)", re.M)),
    "+": ("toml", re.compile(r"^\+\+\+[ \t]*(?:\n|\Z)", re.M)),
}
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}]', re.S)
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")


class PostError(ValueError):
    """A post cannot be loaded, changed or saved; `str(error)` names the file."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


# --- dates ----------------------------------------------------------------------------------

_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?"
    r"\s?(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{3,5})?"
)


def parse_date(value: object) -> datetime | None:
    """A front matter date as Hugo reads it: an aware datetime, or None if it is not a date.

    A bare date is midnight UTC; a time without an offset is UTC (Hugo's default timeZone);
    RFC 3339 and TOML offset datetimes keep their offset; an integer is a Unix time.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        match = _ISO.fullmatch(text)
        if match:
            day, clock, fraction, zone = match.groups()
            fraction = (fraction or "")[:7]
            offset = "+00:00" if zone in (None, "Z") else zone[:3] + ":" + zone[-2:]
            return datetime.fromisoformat(f"{day}T{clock}{fraction}{offset}")
        if re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", text):
            return datetime.strptime(text, "%d %b %Y").replace(tzinfo=UTC)
        if "," in text:
            parsed = parsedate_to_datetime(text)
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    except (ValueError, TypeError, IndexError):
        return None
    return None


def _rfc3339(value: datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- plain values ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """ruamel/tomlkit values as plain Python; dates as aware datetimes (Hugo's rules)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, datetime):  # ruamel's TimeStamp is a subclass: make it plain
        plain = datetime.combine(value.date(), value.timetz())
        return parse_date(plain)
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
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None:
        return None
    inner = getattr(value, "value", None)  # ruamel TaggedScalar
    return str(inner if inner is not None else value)


def _kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table/mapping"
    if isinstance(value, list):
        return "a list"
    return "no value" if value is None else f"a {type(value).__name__}"


# --- decoding and splitting -----------------------------------------------------------------


def _decode(raw: bytes, path: Path | None) -> tuple[str, bool, bool, list[Diagnostic]]:
    """(text with its own line endings, bom, lossless, diagnostics) of a file's bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PostError("the file is UTF-16 encoded; Inkpost and Hugo expect UTF-8", path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise PostError(f"this is a binary file, not Markdown (NUL byte at offset {nul})", path)
    bom = raw.startswith(_BOM)
    payload = raw[3:] if bom else raw
    try:
        return payload.decode("utf-8"), bom, True, []
    except UnicodeDecodeError as exc:
        good = _LINE_END.sub("\n", payload[: exc.start].decode("utf-8"))
        line = good.count("\n") + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{payload[exc.start]:02x} at offset "
            f"{exc.start + (3 if bom else 0)}); bad bytes are shown as \ufffd and the file "
            "is not saved unless you choose to"
        )
        diag = Diagnostic(message, path, line, Severity.ERROR)
        return payload.decode("utf-8", errors="replace"), bom, False, [diag]


def _dominant_newline(decoded: str) -> str:
    crlf = decoded.count("\r\n")
    return "\r\n" if crlf and crlf >= decoded.count("\n") - crlf else "\n"


def _normalize(decoded: str) -> str:
    return decoded.replace("\r\n", "\n").replace("\r", "\n") if "\r" in decoded else decoded


@dataclass(frozen=True)
class _Split:
    fm_format: FmFormat | None = None
    fm_end: int = 0  # index in text where the body starts
    content: tuple[int, int] | None = None  # the front matter without its delimiters
    content_line: int = 1  # 1-based line of text where the content starts
    broken: str = ""  # why the front matter cannot be edited
    diagnostics: tuple[Diagnostic, ...] = ()


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _split(text: str, path: Path | None) -> _Split:
    first = _FIRST_NON_SPACE.search(text)
    if first is None:
        return _Split()
    start = first.start()
    opener = text[start]
    line = _line_of(text, start)
    if opener == "{":
        return _split_json(text, start, line, path)
    if opener not in _DELIMS or not _DELIMS[opener][1].match(text, start):
        return _Split()
    fmt, closing = _DELIMS[opener]
    newline = text.find("\n", start)
    open_end = newline + 1 if newline >= 0 else len(text)
    close = closing.search(text, open_end) if open_end < len(text) else None
    if close is None:
        message = f"the front matter opened with '{text[start : start + 3]}' is never closed"
        diag = Diagnostic(message, path, line, Severity.ERROR)
        return _Split(broken=message, diagnostics=(diag,))
    return _Split(fmt, close.end(), (open_end, close.start()), line + 1)


def _split_json(text: str, start: int, line: int, path: Path | None) -> _Split:
    depth = 0
    for token in _JSON_TOKEN.finditer(text, start):
        depth += {"{": 1, "}": -1}.get(token.group(), 0)
        if depth <= 0:
            end = token.end()
            if text.startswith("\n", end):
                end += 1
            return _Split("json", end, (start, token.end()), line)
    message = "the JSON front matter (the file starts with '{') is never closed"
    return _Split(broken=message, diagnostics=(Diagnostic(message, path, line, Severity.ERROR),))


# --- parsing --------------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20
    yaml.allow_unicode = True
    for kind in (datetime, TimeStamp):
        yaml.representer.add_representer(
            kind,
            lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:timestamp", _rfc3339(value)),
        )
    return yaml


def _load_native(fmt: FmFormat, content: str) -> Any:
    """The parsed front matter (ruamel/tomlkit/json objects); raises the parser's error."""
    if fmt == "yaml":
        return _yaml().load(content)
    if fmt == "toml":
        return tomlkit.parse(content)
    return json.loads(content)


def _parse(fmt: FmFormat, content: str, line0: int) -> tuple[Any, int, str]:
    """(native data, 0, "") or (None, file line of the error, message)."""
    try:
        return _load_native(fmt, content), 0, ""
    except MarkedYAMLError as exc:
        problem, context = exc.problem or "syntax error", exc.context_mark
        mark = exc.problem_mark or context
        if exc.context and context is not None and context is not mark:
            problem += f" ({exc.context} on line {line0 + context.line})"
        return None, line0 + (mark.line if mark else 0), f"YAML front matter: {problem}"
    except YAMLError as exc:
        return None, line0, f"YAML front matter: {exc}"
    except tomlkit.exceptions.ParseError as exc:
        return None, line0 + exc.line - 1, f"TOML front matter: {exc}"
    except json.JSONDecodeError as exc:
        message = f"JSON front matter: {exc.msg} (column {exc.colno})"
        return None, line0 + exc.lineno - 1, message


def _key_line(fmt: FmFormat, content: str, key: str, line0: int) -> int | None:
    quoted = f"[\"']?{re.escape(key)}[\"']?"
    pattern = {"yaml": rf"^[ \t]*{quoted}[ \t]*:", "toml": rf"^[ \t]*{quoted}[ \t]*="}
    pattern["json"] = rf'"{re.escape(key)}"\s*:'
    match = re.search(pattern[fmt], content, re.M | re.I)
    return None if match is None else line0 + content.count("\n", 0, match.start())


def _lookup(metadata: Mapping[str, Any], name: str) -> tuple[str | None, Any]:
    """(key, value) for `name`, matched case-insensitively as Hugo does."""
    if name in metadata:
        return name, metadata[name]
    for key, value in metadata.items():
        if isinstance(key, str) and key.lower() == name.lower():
            return key, value
    return None, None


def _field_checks(metadata: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for each field whose type Hugo would not accept."""
    problems: list[tuple[str, str]] = []
    key, value = _lookup(metadata, "title")
    if key is not None and not isinstance(value, str | int | float):
        problems.append((key, f"'{key}' should be text, found {_kind(value)}"))
    for name in _DATE_KEYS:
        key, value = _lookup(metadata, name)
        if key is not None and value not in (None, "") and parse_date(value) is None:  # noqa: SIM102
            if not isinstance(value, bool):  # `published: false` is Hugo's inverse draft
                problems.append((key, f"'{key}' is not a date Hugo can read: {value!r}"))
    key, value = _lookup(metadata, "draft")
    if key is not None and not isinstance(value, bool) and str(value).lower() not in _BOOLS:
        problems.append((key, f"'{key}' should be true or false, found {value!r}"))
    for name in ("tags", "categories"):
        key, value = _lookup(metadata, name)
        if key is not None and value is not None and not isinstance(value, str | list):
            problems.append((key, f"'{key}' should be a list of names, found {_kind(value)}"))
        elif isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value):
            problems.append((str(key), f"'{key}' should be a list of names"))
    return problems


_BOOLS = {"true": True, "false": False, "1": True, "0": False, "t": True, "f": False}


def _analyse(text: str, path: Path | None) -> tuple[_Split, dict[str, Any], list[Diagnostic]]:
    split = _split(text, path)
    diags = list(split.diagnostics)
    if split.fm_format is None or split.content is None:
        return split, {}, diags
    fmt = split.fm_format
    content = text[split.content[0] : split.content[1]]
    native, line, error = _parse(fmt, content, split.content_line)
    if error:
        diags.append(Diagnostic(error, path, line, Severity.ERROR))
        return replace(split, broken=error), {}, diags
    if native is None:
        native = {}
    if not isinstance(native, Mapping):
        message = f"the front matter must be a mapping of keys to values, found {_kind(native)}"
        diags.append(Diagnostic(message, path, split.content_line, Severity.ERROR))
        return replace(split, broken=message), {}, diags
    metadata = _plain(native)
    for key, message in _field_checks(metadata):
        where = _key_line(fmt, content, key, split.content_line)
        diags.append(Diagnostic(message, path, where, Severity.WARNING))
    return split, metadata, diags


# --- encoding -------------------------------------------------------------------------------


_STEP = 1 << 16  # compare in C-sized chunks first: linear, fast on a 20 MB post


def _common_prefix(a: str, b: str, limit: int) -> int:
    i = 0
    while i + _STEP <= limit and a[i : i + _STEP] == b[i : i + _STEP]:
        i += _STEP
    while i < limit and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb, n = len(a), len(b), 0
    while n + _STEP <= limit and a[la - n - _STEP : la - n] == b[lb - n - _STEP : lb - n]:
        n += _STEP
    while n < limit and a[la - n - 1] == b[lb - n - 1]:
        n += 1
    return n


def _reencode(source: str, decoded: str, new: str, newline: str) -> str:
    """`new` with the line endings of `decoded` (whose normalized form is `source`) kept
    on every whole line before and after the edited region; edited lines get `newline`."""
    limit = min(len(source), len(new))
    p = _common_prefix(source, new, limit)
    s = _common_suffix(source, new, limit - p)
    head = new.count("\n", 0, p)
    tail = new.count("\n", len(new) - s) if s else 0
    pieces = _LINE_END.split(decoded)
    items = new.split("\n")
    middle = newline.join(items[head : len(items) - tail])
    kept_tail = "".join(pieces[len(pieces) - 2 * tail :]) if tail else ""
    return "".join(pieces[: 2 * head]) + middle + kept_tail


# --- editing front matter -------------------------------------------------------------------


def _yaml_value(value: Any, old: Any) -> Any:
    """Keep the old value's quoting style for a new string."""
    if isinstance(value, str) and not isinstance(value, LiteralScalarString):
        if isinstance(old, DoubleQuotedScalarString):
            return DoubleQuotedScalarString(value)
        if isinstance(old, SingleQuotedScalarString) and "\n" not in value:
            return SingleQuotedScalarString(value)
        if isinstance(old, LiteralScalarString) and "\n" in value:
            return LiteralScalarString(value)
    return value


def _yaml_dump(yaml: YAML, data: Any) -> str:
    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _yaml_full(content: str, key: str, value: Any) -> str:
    """The whole mapping dumped by ruamel's round trip (used when an in-place edit fails)."""
    yaml = _yaml()
    data = yaml.load(content)
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    data[key] = _yaml_value(value, data.get(key))
    return _yaml_dump(yaml, data)


def _yaml_set(content: str, key: str, value: Any) -> str:
    """Replace the lines of `key` only (or append it), keeping every other byte."""
    yaml = _yaml()
    data = yaml.load(content) if content.strip() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    keys = list(data.keys())
    one = CommentedMap()
    one[key] = _yaml_value(value, data.get(key))
    block = _yaml_dump(yaml, one)
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
        return _yaml_full(content, key, value)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    token = data.ca.items.get(key, [None] * 4)
    comment = token[2] if len(token) > 2 else None
    if end - start == 1 and block.count("\n") == 1 and comment is not None:
        old_line = lines[start]
        if comment.start_mark is not None and comment.start_mark.line == start:
            cut = len(old_line[: comment.column].rstrip())
            block = block[:-1] + old_line[cut:] + "\n"
    block = "".join(" " * col + line + "\n" for line in block.split("\n")[:-1])
    return "\n".join(lines[:start]) + ("\n" if start else "") + block + "\n".join(lines[end:])


def _toml_set(content: str, key: str, value: Any) -> str:
    if value is None:
        raise ValueError("TOML has no empty value")
    doc = tomlkit.parse(content)
    old = doc.get(key)
    if (
        isinstance(value, str)
        and isinstance(old, tomlkit.items.String)
        and old.type == tomlkit.items.StringType.SLL
        and "'" not in value
        and "\n" not in value
    ):
        doc[key] = tomlkit.string(value, literal=True)
    else:
        doc[key] = value
    return tomlkit.dumps(doc)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return _rfc3339(value)
    if isinstance(value, date | time):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in JSON")


def _json_set(content: str, key: str, value: Any) -> str:
    decoder = json.JSONDecoder()
    encoded = json.dumps(value, ensure_ascii=False, default=_json_default)
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


# --- the post -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """One post. Immutable: `with_text`, `with_body` and `with_field` return new posts.

    `raw` holds the bytes as read; `to_bytes()` returns them unchanged while `text` is the
    text they decode to. `front_matter + body == text`; `front_matter` includes any blank
    lines Hugo skips before the opening delimiter.
    """

    path: Path | None
    raw: bytes
    text: str
    fm_format: FmFormat | None
    front_matter: str
    body: str
    body_line: int
    metadata: dict[str, Any]
    diagnostics: tuple[Diagnostic, ...]
    newline: str = "\n"
    bom: bool = False
    lossless: bool = True
    _source: str | None = field(default=None, repr=False, compare=False)
    _split: _Split = field(default_factory=_Split, repr=False, compare=False)

    # construction

    @classmethod
    def load(cls, path: str | Path) -> Post:
        """Read a file (StorageError if it cannot be read, PostError if it is binary)."""
        target = Path(path)
        return cls.from_bytes(read_bytes(target), target)

    @classmethod
    def from_bytes(cls, data: bytes, path: str | Path | None = None) -> Post:
        where = None if path is None else Path(path)
        decoded, bom, lossless, diags = _decode(data, where)
        if not data:
            diags.append(Diagnostic("the file is empty", where, None, Severity.INFO))
        text = _normalize(decoded)
        return cls._build(where, data, text, text, _dominant_newline(decoded), bom, lossless, diags)

    @classmethod
    def from_text(cls, text: str, path: str | Path | None = None, like: Post | None = None) -> Post:
        """A post from editor text; newline style and BOM are taken from `like`."""
        where = None if path is None else Path(path)
        newline = like.newline if like is not None else "\n"
        bom = like.bom if like is not None else False
        norm = _normalize(text)
        raw = _encode(norm.replace("\n", newline), bom, where)
        return cls._build(where, raw, norm, norm, newline, bom, True, [])

    @classmethod
    def _build(
        cls,
        path: Path | None,
        raw: bytes,
        text: str,
        source: str | None,
        newline: str,
        bom: bool,
        lossless: bool,
        extra: list[Diagnostic],
    ) -> Post:
        split, metadata, diags = _analyse(text, path)
        return cls(
            path=path,
            raw=raw,
            text=text,
            fm_format=split.fm_format,
            front_matter=text[: split.fm_end],
            body=text[split.fm_end :],
            body_line=_line_of(text, split.fm_end),
            metadata=metadata,
            diagnostics=tuple(extra + diags),
            newline=newline,
            bom=bom,
            lossless=lossless,
            _source=source,
            _split=split,
        )

    # editing

    def with_text(self, text: str) -> Post:
        """The same file with new text (any newline style; stored with "\\n")."""
        norm = _normalize(text)
        if norm == self.text:
            return self
        keep = [] if self.lossless else [self.diagnostics[0]]  # the UTF-8 error comes first
        return Post._build(
            self.path, self.raw, norm, self._source, self.newline, self.bom, self.lossless, keep
        )

    def with_body(self, body: str) -> Post:
        """New body text; the front matter is kept exactly as it is."""
        return self.with_text(self.front_matter + _normalize(body))

    def with_field(self, key: str, value: Any) -> Post:
        """Set one front matter field, rewriting only that field (appended if new).

        A post without front matter gets a YAML block. Raises PostError if the front
        matter cannot be parsed (it is never rewritten then) or cannot hold `value`.
        """
        split = self._split
        if split.broken:
            raise PostError(f"cannot set '{key}': {split.broken}", self.path)
        key = _lookup(self.metadata, key.lower())[0] or key  # Hugo's keys ignore case
        if split.fm_format is None or split.content is None:
            fmt: FmFormat = "yaml"
            a = b = 0
            content, opener, closer = "", "---\n", "---\n"
        else:
            fmt = split.fm_format
            a, b = split.content
            content, opener, closer = self.text[a:b], "", ""
        expected = dict(self.metadata)
        wanted = _plain(value)
        expected[key] = wanted
        order = [k for k in expected if k != key]
        makers = {
            "yaml": (_yaml_set, _yaml_full),
            "toml": (_toml_set,),
            "json": (_json_set,),
        }[fmt]
        problem = "the result would change other keys"
        for make in makers:
            try:
                new = make(content, key, value)
                check = _plain(_load_native(fmt, new))
            except (ValueError, TypeError, YAMLError, tomlkit.exceptions.TOMLKitError) as exc:
                problem = str(exc) or type(exc).__name__
                continue
            if isinstance(wanted, datetime) and key in check:  # JSON keeps dates as text
                check[key] = parse_date(check[key])
            if check == expected and [k for k in check if k != key] == order:
                return self.with_text(self.text[:a] + opener + new + closer + self.text[b:])
        raise PostError(f"cannot set '{key}' to {value!r}: {problem}", self.path)

    # writing

    def to_bytes(self) -> bytes:
        """The bytes to write: exactly `raw` when the text is unchanged."""
        if self._source is not None and self.text == self._source:
            return self.raw
        if self.lossless and self._source is not None:
            decoded = self.raw[3:].decode() if self.bom else self.raw.decode()
            return _encode(_reencode(self._source, decoded, self.text, self.newline), self.bom)
        return _encode(self.text.replace("\n", self.newline), self.bom, self.path)

    def save(self, path: str | Path | None = None, *, force: bool = False) -> Post:
        """Write atomically to `path` (default: where it was read) and return the saved post.

        A post read from bytes that were not valid UTF-8 is refused unless `force` is set.
        Raises PostError or StorageError (an OSError); the file on disk is then untouched.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise PostError("the post has no file name to save to")
        if not self.lossless and not force:
            raise PostError(
                "not saved: the file was not valid UTF-8 and saving would replace its bad "
                "bytes with \ufffd (save explicitly to do it anyway)",
                target,
            )
        data = self.to_bytes()
        atomic_write(target, data)
        return Post.from_bytes(data, target)

    # convenience

    @property
    def title(self) -> str:
        """The title as Hugo shows it ("" when missing or not text)."""
        _, value = _lookup(self.metadata, "title")
        if isinstance(value, bool):
            return str(value).lower()
        return str(value) if isinstance(value, str | int | float) else ""

    @property
    def date(self) -> datetime | None:
        """`date`, else Hugo's fallbacks (publishDate, pubdate, published, lastmod, modified)."""
        for name in _DATE_KEYS:
            _, value = _lookup(self.metadata, name)
            found = parse_date(value) if not isinstance(value, bool) else None
            if found is not None:
                return found
        return None

    @property
    def draft(self) -> bool:
        key, value = _lookup(self.metadata, "draft")
        if key is None:
            _, published = _lookup(self.metadata, "published")
            return published is False
        if isinstance(value, bool):
            return value
        return _BOOLS.get(str(value).lower(), False)

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags as names; a single string is one tag (as Hugo reads taxonomies)."""
        _, value = _lookup(self.metadata, "tags")
        if isinstance(value, str):
            return (value,) if value else ()
        if isinstance(value, list):
            return tuple(str(v) for v in value if not isinstance(v, Mapping | list) and v != "")
        return ()


def _encode(text: str, bom: bool, path: Path | None = None) -> bytes:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        message = f"the text holds a character UTF-8 cannot store: {exc.reason}"
        raise PostError(message, path) from exc
    return _BOM + data if bom else data
