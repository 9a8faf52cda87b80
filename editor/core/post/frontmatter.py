"""Front matter as Hugo reads it: the one splitter and parser every part of Inkpost uses.

`split_front_matter(text)` finds the block exactly where Hugo's page lexer does: blank
space and byte order marks before it are skipped; a first `-` must open `---` (YAML) and
a first `+` must open `+++` (TOML), and the block runs to the next line starting with the
same three characters; a first `{` opens a JSON object, closed by its matching `}` outside
strings. `\\n`, `\\r\\n` and `\\r` all end lines. In a site whose posts Python-Markdown
reads (Pelican, MkDocs: `meta=True`) a `---` block is YAML and anything else may open with
the meta extension's `Key: value` lines (format "meta"), read as Python-Markdown reads them.
`read_front_matter(text, path)` parses it: YAML 1.2 through ruamel.yaml (with a fast path
for simple blocks, `yaml_fast`, that loads no ruamel.yaml), TOML through tomllib, JSON
keeping key order, metadata lines as Pelican reads them (`_load_meta`: text, the first
line of the keys Pelican reads once, dates through Pelican's own date parser); values
become plain Python (dates are aware datetimes). Problems are `Diagnostic`s naming the
file and 1-based line. Writing is not done here: `editor.core.post.model.Post` splices
changed lines losslessly.

The same reading is available to any script through python-frontmatter, with Inkpost's
handlers in `editor.core.post.handlers` (read-only: `frontmatter.dumps` would rewrite the
whole block; a module of their own so that python-frontmatter and PyYAML load only there):

    >>> import frontmatter
    >>> from editor.core.post.handlers import InkpostYAMLHandler, handler_for
    >>> text = "\\n---\\ntitle: Hello\\ndraft: yes\\n---\\nThe body.\\n"
    >>> post = frontmatter.loads(text, handler=handler_for(text))
    >>> post["title"], post["draft"], post.content
    ('Hello', 'yes', 'The body.')
    >>> frontmatter.loads(text, handler=InkpostYAMLHandler()).metadata == post.metadata
    True

`frontmatter.load(path, handler=...)` reads a file the same way (CRLF, a BOM and blank
lines before the block included) and gives the metadata `Post.load(path).metadata` has.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.fields import (
    DATE_KEYS,
    FmFormat,
    Folded,
    field_checks,
    folded,
    key_line,
    kind,
    plain,
)
from editor.core.post.yaml_fast import fast_yaml

__all__ = [
    "META_KEY",
    "META_MORE",
    "PELICAN_FIRST_LINE",
    "FrontMatter",
    "FrontMatterError",
    "Split",
    "line_of",
    "load_metadata",
    "read_front_matter",
    "split_front_matter",
]

_LEAD = re.compile("[ \t\r\n\ufeff]*")
_CLOSE = {"-": re.compile(r"[\r\n]---"), "+": re.compile(r"[\r\n]\+\+\+")}
_FORMATS: dict[str, FmFormat] = {"-": "yaml", "+": "toml"}
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|\\.|[{}]', re.S)
_TOML_LINE = re.compile(r"at line (\d+)")
Problem = Literal["", "unclosed", "delimiter"]


@dataclass(frozen=True, slots=True)
class Split:
    """Where a text's front matter is; indexes into the text that was split."""

    fm_format: FmFormat | None = None  # None: no front matter (or none Hugo can read)
    content: tuple[int, int] | None = None  # the block without its delimiters
    body_start: int = 0  # where the body starts (0 without front matter)
    content_line: int = 1  # 1-based line where the block's content starts
    problem: Problem = ""  # "unclosed": never closed; "delimiter": Hugo rejects the opener
    message: str = ""
    line: int = 1  # the line the problem is on

    def whole_in(self, head: str) -> bool:
        """Whether `head` (the text split: the start of a longer text) holds all of the
        text's front matter: a closed block and the body starting inside `head` (metadata
        lines have no closing line, and a block ending at the cut may go on)."""
        return self.problem != "unclosed" and self.body_start < len(head)


def line_of(text: str, index: int) -> int:
    """The 1-based line of `text[index]` (`\\n`, `\\r\\n` and `\\r` end lines)."""
    lines = text.count("\n", 0, index) + 1
    if "\r" in text:
        lines += text.count("\r", 0, index) - text.count("\r\n", 0, index)
    return lines


def _after_line_end(text: str, pos: int) -> int:
    """Hugo's consumeCRLF: an optional "\\r", then an optional "\\n"."""
    if text.startswith("\r", pos):
        pos += 1
    if text.startswith("\n", pos):
        pos += 1
    return pos


def split_front_matter(text: str, meta: bool = False) -> Split:
    """Where Hugo's page lexer finds the front matter of `text` (see the module docstring).

    With `meta` (a site whose posts Python-Markdown reads: Pelican, MkDocs) a `---` block
    opening the text is read as YAML, anything else as Python-Markdown's metadata lines
    (`_split_meta`)."""
    if meta and not text.startswith("---"):
        return _split_meta(text)
    start = _LEAD.match(text).end()  # type: ignore[union-attr]
    opener = text[start : start + 1]
    if opener == "{":
        return _split_json(text, start)
    if opener not in _FORMATS:
        return Split()
    fmt, delim = _FORMATS[opener], opener * 3
    if not text.startswith(delim, start):
        name = fmt.upper()
        message = (
            f"invalid {name} delimiter: Hugo reads a file starting with '{opener}' as "
            f"front matter, which must open with '{delim}'"
        )
        return Split(problem="delimiter", message=message, line=line_of(text, start))
    content_start = _after_line_end(text, start + 3)
    if content_start > start + 3 and text.startswith(delim, content_start):
        close = content_start
    else:
        found = _CLOSE[opener].search(text, content_start)
        if found is None:
            message = f"the front matter opened with '{delim}' is never closed"
            return Split(problem="unclosed", message=message, line=line_of(text, start))
        close = found.start() + 1
    body = _after_line_end(text, close + 3)
    return Split(fmt, (content_start, close), body, line_of(text, content_start))


# Python-Markdown's meta extension (markdown/extensions/meta.py), after its tabs are expanded.
META_KEY = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")
META_MORE = re.compile(r"(?:[ ]{4}|[ ]{0,3}\t)\s*(.*)")
_META_END = ("---", "...")  # END_RE, which re.match finds at the start of any such line
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def _meta_lines(text: str) -> tuple[list[tuple[str, list[str]]], int, int]:
    """Python-Markdown's reading of the metadata lines that open `text`: ([(key as written,
    its values)], where the lines end, where the body starts). A blank line or a `---` /
    `...` line ends them and belongs to neither; any other line that is neither `Key: value`
    nor an indented continuation of the key before it ends them and starts the body."""
    entries: list[tuple[str, list[str]]] = []
    pos = end = body = 0
    while pos < len(text):
        line = _LINE.match(text, pos)
        assert line is not None  # the pattern matches anywhere, possibly empty
        content, after = line.group(1), line.end()
        if not content.strip() or content.startswith(_META_END):
            return entries, end, after
        key = META_KEY.fullmatch(content)
        more = None if key else META_MORE.fullmatch(content)
        if key:
            entries.append((key.group(1), [key.group(2).strip()]))
        elif more and entries:
            entries[-1][1].append(more.group(1).strip())
        else:
            return entries, end, pos
        pos = end = body = after
    return entries, end, body


def _split_meta(text: str) -> Split:
    entries, end, body = _meta_lines(text)
    if not entries:
        return Split()
    return Split("meta", (0, end), body, 1)


def _split_json(text: str, start: int) -> Split:
    depth = 0
    for token in _JSON_TOKEN.finditer(text, start):
        depth += {"{": 1, "}": -1}.get(token.group(), 0)
        if depth <= 0:
            end = token.end()
            return Split("json", (start, end), _after_line_end(text, end), line_of(text, start))
    message = "the JSON front matter (the file starts with '{') is never closed"
    return Split(problem="unclosed", message=message, line=line_of(text, start))


# --- parsing --------------------------------------------------------------------------------


class FrontMatterError(ValueError):
    """A front matter block that cannot be read; `line` is the 1-based file line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_metadata(fmt: FmFormat, content: str, line0: int = 1) -> dict[str, Any]:
    """The block's metadata as plain Python values, keys as written.

    `line0` is the file line of the block's first line, for errors: raises
    FrontMatterError when the block cannot be parsed or is not a mapping.
    """
    if fmt == "yaml":
        fast = fast_yaml(content)
        if fast is not None:
            return fast  # already plain
    if fmt == "meta":
        return _load_meta(content)
    data = _load(fmt, content, line0)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        message = f"the front matter must be a mapping of keys to values, found {kind(data)}"
        raise FrontMatterError(message, line0)
    check_bounds(data, len(content.encode("utf-8", "surrogatepass")), line0)
    return plain(data)  # type: ignore[no-any-return]


_META_DATE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})?)?"
)


# The keys Pelican reads one line of, its first (its readers' DUPLICATES_DEFINITIONS_ALLOWED).
PELICAN_FIRST_LINE = frozenset(
    (
        "tags",
        "date",
        "modified",
        "status",
        "category",
        "author",
        "authors",
        "slug",
        "save_as",
        "url",
    )
)


def _load_meta(content: str) -> dict[str, Any]:
    """Metadata lines as Pelican reads them: one text per key, a list when the key has more
    lines (continuations, or the key again in any case: Python-Markdown lower-cases keys),
    but only the first line of the keys Pelican takes once (`PELICAN_FIRST_LINE`); the date
    keys' ISO dates, with or without seconds, become aware datetimes (UTC when they name no
    offset). The keys keep the case they are written in."""
    gathered: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for key, values in _meta_lines(content)[0]:
        gathered.setdefault(names.setdefault(key.lower(), key), []).extend(values)
    out: dict[str, Any] = {}
    for name, found in gathered.items():
        once = len(found) == 1 or name.lower() in PELICAN_FIRST_LINE
        value: Any = found[0] if once else found
        if name.lower() in DATE_KEYS and isinstance(value, str):
            value = _meta_date(value) or value
        out[name] = value
    return out


def _meta_date(text: str) -> datetime | None:
    match = _META_DATE.fullmatch(text)
    if match is None:
        return _pelican_date(text)
    day, clock, seconds, zone = match.groups()
    offset = "+00:00" if zone in (None, "Z") else zone[:3] + ":" + zone[-2:]
    try:
        return datetime.fromisoformat(f"{day}T{clock or '00:00'}{seconds or ':00'}{offset}")
    except ValueError:
        return None


_LONGEST_DATE = 200  # characters: no date is longer, and the parser's time stays bounded


def _pelican_date(text: str) -> datetime | None:
    """Pelican's `get_date` for a date that is not ISO (`2010/12/03`, `3 Dec 2010 10:20`):
    dateutil's parser, the parts not given taken from today at midnight; UTC when no
    offset is named. None when Pelican would refuse it."""
    if not text.strip() or len(text) > _LONGEST_DATE:
        return None
    from dateutil import parser  # loaded for the first date that is not ISO

    today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    written = re.sub(" +", " ", text.replace("_", " "))
    try:
        found: datetime = parser.parse(written, default=today, tzinfos=_zone)
    except (ValueError, OverflowError, TypeError):
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's time zone for a date's `+02:00` (`offset` seconds) or its name: a name
    that is no offset gives a naive date, which dateutil would give with a warning."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return UTC if name in ("UTC", "GMT", "Z", "z") else None


# --- bounds ---------------------------------------------------------------------------------

MAX_DEPTH = 100  # lists and mappings inside each other; a post's front matter has a handful
MAX_VALUES = 1_000_000  # values once YAML aliases are expanded
_TOO_DEEP = f"front matter nested too deeply: Inkpost reads lists and mappings {MAX_DEPTH} deep"


def alias_limit(size: int) -> int:
    """Hugo's limit on the lists and mappings at one level of a YAML document, aliases
    expanded (parser/metadecoders: 100 under 2 KB, 5,000 under 10 KB, then 10,000)."""
    kib = max(1, size // 1024)
    return 100 if kib < 2 else 5000 if kib < 10 else 10000


def check_bounds(data: Any, size: int, line0: int = 1) -> None:
    """Raise FrontMatterError when the parsed block would expand past what Hugo reads (too
    many lists and mappings at one level: a "billion laughs" of YAML aliases), nests deeper
    than MAX_DEPTH, or holds more than MAX_VALUES values. Walks iteratively and stops at the
    first bound, so a hostile block costs at most the bounds' worth of work."""
    limit = alias_limit(size)
    per_depth: dict[int, int] = {}
    values = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES:
            raise FrontMatterError(f"front matter holds more than {MAX_VALUES:,} values", line0)
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth >= MAX_DEPTH:
            raise FrontMatterError(_TOO_DEEP, line0)
        count = per_depth.get(depth, 0) + 1
        if count > limit:
            raise FrontMatterError("too many YAML aliases for non-scalar nodes", line0)
        per_depth[depth] = count
        stack.extend((child, depth + 1) for child in children)


def _load(fmt: FmFormat, content: str, line0: int) -> Any:
    if fmt == "yaml":
        return _load_yaml(content, line0)
    if fmt == "toml":
        try:
            return tomllib.loads(content.replace("\r\n", "\n"))
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            line = line0 + int(found.group(1)) - 1 if found else line0
            where = _TOML_LINE.sub(f"at line {line}", str(exc), count=1)  # the file's line
            raise FrontMatterError(f"TOML front matter: {where}", line) from exc
        except RecursionError as exc:
            raise FrontMatterError(_TOO_DEEP, line0) from exc
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        message = f"JSON front matter: {exc.msg} (column {exc.colno})"
        raise FrontMatterError(message, line0 + exc.lineno - 1) from exc
    except RecursionError as exc:
        raise FrontMatterError(_TOO_DEEP, line0) from exc


_FLOW_SIGNS = re.compile(r"[\[\]{}\"'#\n]")


def flow_depth_over(content: str, limit: int) -> bool:
    """True when `content` opens more than `limit` YAML flow collections ([ {) inside each
    other. ruamel's scanner is quadratic in that depth (3,000 levels: 7 s), so it is measured
    first, in one pass. Brackets in quotes and comments do not count; elsewhere (block
    scalars) a bracket may count, which only matters past `limit` unclosed ones."""
    depth = 0
    quote = ""
    comment = False
    for match in _FLOW_SIGNS.finditer(content):
        sign = match.group()
        if sign == "\n":
            comment = False
        elif comment:
            continue
        elif quote:
            if sign == quote:
                quote = ""
        elif sign in "\"'":
            quote = sign
        elif sign == "#":
            start = match.start()
            comment = start == 0 or content[start - 1] in " \t\n"
        elif sign in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth = max(0, depth - 1)
    return False


def _load_yaml(content: str, line0: int) -> Any:
    """ruamel.yaml's reading of a block the fast path left (loaded here, on first need)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from editor.core.post.native import load_native

    if flow_depth_over(content, MAX_DEPTH):
        raise FrontMatterError(_TOO_DEEP, line0)
    try:
        return load_native("yaml", content)
    except MarkedYAMLError as exc:
        problem, context = exc.problem or "syntax error", exc.context_mark
        mark = exc.problem_mark or context
        if exc.context and context is not None and context is not mark:
            problem += f" ({exc.context} on line {line0 + context.line})"
        line = line0 + (mark.line if mark else 0)
        raise FrontMatterError(f"YAML front matter: {problem}", line) from exc
    except RecursionError as exc:
        raise FrontMatterError(_TOO_DEEP, line0) from exc
    except YAMLError as exc:
        raise FrontMatterError(f"YAML front matter: {exc}", line0) from exc


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A text's front matter, read: where it is, its metadata and its problems."""

    split: Split
    metadata: dict[str, Any] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    broken: str = ""  # why the block cannot be edited ("" when it can)
    fields: Folded = field(default_factory=dict)  # the metadata `folded` (Hugo ignores case)


def _meta_checks(
    content: str, metadata: Mapping[str, Any], split: Split, path: Path | None
) -> tuple[Diagnostic, ...]:
    """What Pelican says of the lines: an error on a Date or Modified it cannot read (it
    skips the post), a warning on each key of `PELICAN_FIRST_LINE` given on more than one
    line (it logs "Duplicate definition ... Using first one" and drops the others)."""
    lines: dict[str, tuple[str, int]] = {}
    for key, values in _meta_lines(content)[0]:
        first, count = lines.get(key.lower(), (key, 0))
        lines[key.lower()] = (first, count + len(values))
    found = []
    for name in PELICAN_FIRST_LINE.intersection(lines):  # a handful of keys: each line found
        key, count = lines[name]
        value = metadata.get(key)
        line = key_line("meta", content, key, split.content_line)
        if name in ("date", "modified") and isinstance(value, str):
            shown = value if len(value) <= 40 else value[:39] + "…"
            message = f"{key} {shown!r} is not a date Pelican reads: it skips the post"
            found.append(Diagnostic(message, path, line, Severity.ERROR))
        if count > 1:
            message = f"{key} is given on {count} lines: Pelican reads only the first"
            found.append(Diagnostic(message, path, line, Severity.WARNING))
    return tuple(sorted(found, key=lambda d: d.line or 0))


def read_front_matter(text: str, path: Path | None = None, meta: bool = False) -> FrontMatter:
    """Split and parse `text`; problems name `path` and the file line. `meta`: the site
    reads Python-Markdown's metadata lines (see `split_front_matter`)."""
    split = split_front_matter(text, meta)
    if split.problem:
        diag = Diagnostic(split.message, path, split.line, Severity.ERROR)
        broken = split.message if split.problem == "unclosed" else ""
        return FrontMatter(split, {}, (diag,), broken)
    if split.fm_format is None or split.content is None:
        return FrontMatter(split)
    content = text[split.content[0] : split.content[1]]
    try:
        metadata = load_metadata(split.fm_format, content, split.content_line)
    except FrontMatterError as exc:
        diag = Diagnostic(exc.message, path, exc.line, Severity.ERROR)
        return FrontMatter(split, {}, (diag,), exc.message)
    fields = folded(metadata)
    if split.fm_format == "meta":  # text values; Hugo's types are not what Pelican reads
        return FrontMatter(
            split, metadata, _meta_checks(content, metadata, split, path), "", fields
        )
    warnings = tuple(
        Diagnostic(
            message, path, key_line(split.fm_format, content, key, split.content_line), severity
        )
        for key, message, severity in field_checks(metadata, fields)
    )
    return FrontMatter(split, metadata, warnings, "", fields)
