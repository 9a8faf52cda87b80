"""Finding a site's posts on disk and reading one post quickly, the way Hugo sees them.

`walk_content(site, folder)` yields every post file with its stat: single files, and the
index file of each leaf bundle (a folder with index.md; anything else inside it is a
resource). `_index.md` files are sections, never posts. Hidden files and folders are
skipped; symlinked folders are not followed (so symlink loops cannot trap the walk);
files that vanish or cannot be stat'ed are reported, not raised.

`read_post(site, found)` parses the front matter fast (C YAML, tomllib, json), applies
Hugo's date rules and returns a `PostEntry` plus the body text for the search index.
A post whose front matter cannot be parsed is still returned, with a diagnostic.
Words, reading time and summary here are quick estimates from the Markdown source
(`figures_exact=False`); `editor.core.library.figures` replaces them with Hugo's figures.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.library.types import MARKDOWN_SUFFIXES, LibrarySite, PostEntry
from editor.core.library.yaml_fast import load_yaml
from editor.core.post.model import parse_date

_SUMMARY_WORDS = 70
_SUMMARY_CHARS = 600
_HEAD_BYTES = 4096
_LINE_MARKERS = re.compile(r"^[ \t]*(?:[#>*+-]+|\d+[.)]|```\S*|~~~\S*)(?=\s)", re.M)
_NOISE = re.compile(r"<!--.*?-->|\{\{[<%].*?[%>]\}\}|<[^>\n]+>|!?\[([^\]\n]*)\]\([^)\n]*\)", re.S)
_MARKER = re.compile(r"[#>*+\-=|`~:_]+|\d+[.)]|\[[ xX]?\]")
_SPACES = re.compile(r"\s+")
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_PUBLISH_KEYS = ("publishdate", "pubdate", "published", "date")
_LASTMOD_KEYS = ("lastmod", "modified", "date", "publishdate", "pubdate", "published")
_EXPIRY_KEYS = ("expirydate", "unpublishdate")


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    rel_path: str  # relative to the site root
    content_rel: str  # relative to its content folder
    language: str  # of the content folder
    mtime_ns: int
    size: int
    bundle: bool


def rel_to_root(site: LibrarySite, path: Path) -> str:
    try:
        return path.relative_to(site.root).as_posix()
    except ValueError:
        return path.as_posix()


def _is_index(name: str) -> bool:
    stem, _, suffix = name.rpartition(".")
    return ("." + suffix.lower()) in MARKDOWN_SUFFIXES and stem.split(".")[0] == "index"


def walk_content(
    site: LibrarySite,
    folder: Path | None = None,
    cancel: Callable[[], bool] | None = None,
    errors: list[Diagnostic] | None = None,
) -> Iterator[FoundFile]:
    """Every post file under the site's content folders (or only under `folder`)."""
    for language, content_dir in site.content_dirs.items():
        start = content_dir
        if folder is not None:
            try:
                Path(folder).relative_to(content_dir)
            except ValueError:
                continue
            start = Path(folder)
            # A folder inside a leaf bundle: the bundle's index is the post to refresh.
            for parent in [start, *start.parents]:
                if parent == content_dir.parent:
                    break
                if parent.is_dir() and any(_is_index(n) for n in _names(parent)):
                    start = parent
        yield from _walk_one(site, content_dir, start, language, cancel, errors)


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _walk_one(
    site: LibrarySite,
    content_dir: Path,
    start: Path,
    language: str,
    cancel: Callable[[], bool] | None,
    errors: list[Diagnostic] | None,
) -> Iterator[FoundFile]:
    stack = [str(start)]
    content_str = str(content_dir)
    root_str = str(site.root)
    while stack:
        if cancel is not None and cancel():
            return
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = list(it)
        except FileNotFoundError:
            continue  # gone since it was listed (or a rescan of a removed folder)
        except OSError as exc:
            if errors is not None and current != content_str:
                errors.append(Diagnostic(f"cannot read folder: {exc.strerror}", Path(current)))
            continue
        markdown: list[os.DirEntry[str]] = []
        subdirs: list[str] = []
        leaf = False
        for entry in entries:
            name = entry.name
            if name.startswith((".", "#")) or name.endswith("~"):
                continue  # Hugo ignores these too
            dot = name.rfind(".")
            if dot > 0 and name[dot:].lower() in MARKDOWN_SUFFIXES:
                markdown.append(entry)
                if name.startswith("index.") and _is_index(name):
                    leaf = True
            else:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        subdirs.append(entry.path)
                except OSError:
                    continue
        if leaf:
            markdown = [e for e in markdown if _is_index(e.name)]
        for entry in markdown:
            if entry.name.startswith("_index."):
                continue
            try:
                st = entry.stat()
            except OSError as exc:
                if errors is not None:
                    errors.append(Diagnostic(f"cannot read: {exc.strerror}", Path(entry.path)))
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            path = entry.path
            yield FoundFile(
                path=Path(path),
                rel_path=_rel(path, root_str),
                content_rel=_rel(path, content_str),
                language=language,
                mtime_ns=st.st_mtime_ns,
                size=st.st_size,
                bundle=leaf,
            )
        if not leaf:
            stack.extend(sorted(subdirs, reverse=True))


def _rel(path: str, base: str) -> str:
    if path.startswith(base + os.sep):
        rel = path[len(base) + 1 :]
        return rel.replace(os.sep, "/") if os.sep != "/" else rel
    return Path(path).as_posix()


# --- reading one post --------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str | None, str, str, int]:
    """(format, front matter source, body, 1-based line of the front matter's first line)."""
    if text.startswith(("---", "+++")):
        delim = text[:3]
        first_nl = text.find("\n")
        if first_nl == -1 or text[3:first_nl].strip():
            return None, "", text, 1
        pos = first_nl + 1
        while True:
            nl = text.find("\n", pos)
            line = text[pos:] if nl == -1 else text[pos:nl]
            if line.rstrip() == delim:
                fm = text[first_nl + 1 : pos]
                body = "" if nl == -1 else text[nl + 1 :]
                return ("yaml" if delim == "---" else "toml"), fm, body, 2
            if nl == -1:
                return ("yaml" if delim == "---" else "toml"), text[first_nl + 1 :], "", 2
            pos = nl + 1
    if text.startswith("{"):
        try:
            _obj, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            nl = text.find("\n}")
            end = len(text) if nl == -1 else nl + 2
        return "json", text[:end], text[end:].lstrip("\n"), 1
    return None, "", text, 1


def parse_front_matter(
    fmt: str | None, source: str, path: Path, first_line: int
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """The metadata (keys lower-cased as Hugo does) and any problem found."""
    if fmt is None:
        return {}, ()
    try:
        if fmt == "yaml":
            data = load_yaml(source) if source.strip() else {}
        elif fmt == "toml":
            data = tomllib.loads(source)
        else:
            data = json.loads(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, (Diagnostic(f"front matter is not valid YAML: {problem}", path, line),)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = first_line + int(found.group(1)) - 1 if found else first_line
        return {}, (Diagnostic(f"front matter is not valid TOML: {exc}", path, line),)
    except (ValueError, RecursionError) as exc:
        return {}, (Diagnostic(f"front matter is not valid JSON: {exc}", path, first_line),)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        message = f"front matter is a {type(data).__name__}, not a mapping"
        return {}, (Diagnostic(message, path, first_line),)
    return {str(k).lower(): v for k, v in data.items()}, ()


def as_datetime(value: object) -> datetime | None:
    """A front matter date as an aware datetime (bare date or no offset: UTC), else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), UTC)
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"cannot read {value!r} as a date")
    return parsed


def _first_date(
    meta: Mapping[str, Any], keys: tuple[str, ...], path: Path, problems: list[Diagnostic]
) -> datetime | None:
    for key in keys:
        if key in meta:
            try:
                found = as_datetime(meta[key])
            except ValueError as exc:
                problems.append(Diagnostic(f"{key}: {exc}", path))
                continue
            if found is not None:
                return found
    return None


def _title(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _not_listed(meta: Mapping[str, Any]) -> bool:
    """Hugo leaves these out of its lists: headless bundles, `build: {list: never}`."""
    if _as_bool(meta.get("headless", False)):
        return True
    build = meta.get("build")
    if isinstance(build, Mapping):
        listing = {str(k).lower(): v for k, v in build.items()}.get("list")
        return isinstance(listing, str) and listing.lower() == "never"
    return False


def _as_bool(value: object) -> bool:
    """spf13/cast ToBool, as Hugo applies it to `draft`."""
    if isinstance(value, str):
        return value in ("1", "t", "T", "TRUE", "true", "True")
    if isinstance(value, (bool, int, float)):
        return bool(value)
    return False


def _terms(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if v is not None and str(v) != "")
    text = str(value)
    return (text,) if text else ()


def estimate_words(body: str) -> tuple[int, str]:
    """(word estimate, plain-text summary estimate) from Markdown source: whitespace runs
    minus list/heading/quote markers and fence lines (fast; Hugo counts rendered HTML)."""
    words = len(body.split()) - len(_LINE_MARKERS.findall(body))
    more = body.find("<!--more-->")
    head = body[:more] if more != -1 else body[:_SUMMARY_CHARS]
    head = _NOISE.sub(lambda m: f" {m.group(1) or ''} ", head)
    kept = (t for t in head.split() if not _MARKER.fullmatch(t))
    tokens = list(kept) if more != -1 else list(islice(kept, _SUMMARY_WORDS))
    return max(words, 0), " ".join(tokens)


def decode(data: bytes, path: Path) -> tuple[str, tuple[Diagnostic, ...]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        diag = Diagnostic(f"not valid UTF-8 (byte {exc.start})", path, None, Severity.WARNING)
        return text.replace("\r\n", "\n"), (diag,)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text, ()


def _read_head(path: Path) -> bytes:
    """The file's first bytes, enough for its front matter (the whole file if needed)."""
    with open(path, "rb") as handle:
        data = handle.read(_HEAD_BYTES)
        if len(data) < _HEAD_BYTES:
            return data
        cut = data.rfind(b"\n")
        head = data[: cut + 1] if cut > 0 else data
        text = head.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        if _front_matter_closed(text):
            return head
        return data + handle.read()


def _front_matter_closed(text: str) -> bool:
    if text.startswith(("---", "+++")):
        delim = text[:3]
        return any(line.rstrip() == delim for line in text.split("\n")[1:-1])
    if text.startswith("{"):
        try:
            json.JSONDecoder().raw_decode(text)
        except ValueError:
            return False
    return True


def read_post(
    site: LibrarySite, found: FoundFile, *, body: bool = True
) -> tuple[PostEntry, str | None, str] | None:
    """The post's entry, body text and plain summary; None when the file vanished meanwhile.

    With `body=False` only the front matter is read (the first few KiB of the file):
    words, reading time and summary stay empty until the body is read.
    """
    path = found.path
    problems: list[Diagnostic] = []
    try:
        if body:
            with open(path, "rb") as handle:
                data = handle.read()
        else:
            data = _read_head(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        problems.append(Diagnostic(f"cannot read: {exc.strerror}", path, None, Severity.ERROR))
        data = b""
    text, decode_problems = decode(data, path)
    problems.extend(decode_problems)
    fmt, source, body_text, first_line = split_front_matter(text)
    meta, fm_problems = parse_front_matter(fmt, source, path, first_line)
    problems.extend(fm_problems)
    language, key = _language_and_key(site, found)
    parts = found.content_rel.split("/")
    section = parts[0] if len(parts) > 1 else ""
    title_value = meta.get("title")
    summary_value = meta.get("summary")
    words, summary = estimate_words(body_text) if body else (0, "")
    if isinstance(summary_value, str) and summary_value.strip():
        summary = _SPACES.sub(" ", _NOISE.sub(" ", summary_value)).strip()
    entry = PostEntry(
        file=str(path),
        rel_path=found.rel_path,
        mtime_ns=found.mtime_ns,
        size=found.size,
        title=_title(title_value),
        date=_first_date(meta, _DATE_KEYS, path, problems),
        lastmod=_first_date(meta, _LASTMOD_KEYS, path, problems),
        publish_date=_first_date(meta, _PUBLISH_KEYS, path, problems),
        expiry_date=_first_date(meta, _EXPIRY_KEYS, path, problems),
        draft=_as_bool(meta.get("draft", False)),
        taxonomies={t: _terms(meta.get(t)) for t in site.taxonomies if meta.get(t)},
        words=words,
        reading_time=(words + 211) // 212,
        figures_exact=False,
        section=section,
        language=language,
        translation_key=key,
        bundle=found.bundle,
        body_indexed=body,
        listed=not _not_listed(meta),
        diagnostics=tuple(dict.fromkeys(problems)),
    )
    return entry, (body_text if body else None), summary


def read_body(entry: PostEntry) -> tuple[PostEntry, str, str] | None:
    """The second pass for a post whose front matter is indexed: (entry with word
    estimates, body, summary). None when the file is gone or changed since (then it
    must be read whole again: its front matter may have changed too)."""
    path = Path(entry.file)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if len(data) != entry.size:
        return None
    text, problems = decode(data, path)
    _fmt, _source, body, _line = split_front_matter(text)
    words, summary = estimate_words(body)
    diagnostics = entry.diagnostics
    if problems and not any(d.message.startswith("not valid UTF-8") for d in diagnostics):
        diagnostics = (*diagnostics, *problems)
    updated = replace(
        entry,
        words=words,
        reading_time=(words + 211) // 212,
        body_indexed=True,
        diagnostics=diagnostics,
    )
    return updated, body, summary


def found_for(site: LibrarySite, entry: PostEntry) -> FoundFile:
    """The FoundFile of a known entry (to read it again)."""
    language = site.default_language
    content_rel = entry.rel_path
    for lang, folder in site.content_dirs.items():
        try:
            content_rel = Path(entry.file).relative_to(folder).as_posix()
        except ValueError:
            continue
        language = lang
        break
    return FoundFile(
        Path(entry.file),
        entry.rel_path,
        content_rel,
        language,
        entry.mtime_ns,
        entry.size,
        entry.bundle,
    )


def _language_and_key(site: LibrarySite, found: FoundFile) -> tuple[str, str]:
    """The post's language (file suffix `post.fr.md` beats the content folder) and the
    key shared by its translations."""
    rel = found.content_rel
    folder, _, name = rel.rpartition("/")
    stem, _, ext = name.rpartition(".")
    language = found.language
    base, dot, maybe_lang = stem.rpartition(".")
    if dot and maybe_lang.lower() in site.languages:
        language = maybe_lang.lower()
        stem = base
    key = f"{folder}/{stem}.{ext}" if folder else f"{stem}.{ext}"
    return language, key
