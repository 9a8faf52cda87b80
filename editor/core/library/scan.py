"""Finding a site's posts on disk and reading one post quickly, the way Hugo sees them.

`walk_content(site, folder)` yields every post file with its stat: single files, and the
index file of each leaf bundle (a folder with index.md; anything else inside it is a
resource). `_index.md` files are sections, never posts. Hidden files and folders are
skipped; symlinked folders are not followed (so symlink loops cannot trap the walk);
files that vanish or cannot be stat'ed are reported, not raised.

`read_post(site, found)` reads the front matter with `editor.core.post.frontmatter` (the
splitter and parser `Post` uses, so the library shows what the editor shows), applies
Hugo's date rules and returns a `PostEntry` plus the body text for the search index.
A post whose front matter cannot be parsed is still returned, with a diagnostic.
Words, reading time and summary here are quick estimates from the Markdown source
(`figures_exact=False`); `editor.core.library.figures` replaces them with Hugo's figures.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.library.types import MARKDOWN_SUFFIXES, LibrarySite, PostEntry
from editor.core.post.fields import (
    DATE_KEYS,
    as_bool,
    date_of,
    draft_of,
    meta_list,
    title_of,
)
from editor.core.post.frontmatter import FrontMatter, read_front_matter, split_front_matter

_SUMMARY_WORDS = 70
_SUMMARY_CHARS = 600
_HEAD_BYTES = 4096
_LINE_MARKERS = re.compile(r"^[ \t]*(?:[#>*+-]+|\d+[.)]|```\S*|~~~\S*)(?=\s)", re.M)
_NOISE = re.compile(r"<!--.*?-->|\{\{[<%].*?[%>]\}\}|<[^>\n]+>|!?\[([^\]\n]*)\]\([^)\n]*\)", re.S)
_MARKER = re.compile(r"[#>*+\-=|`~:_]+|\d+[.)]|\[[ xX]?\]")
_SPACES = re.compile(r"\s+")
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


def _not_listed(meta: Mapping[str, Any]) -> bool:
    """Hugo leaves these out of its lists: headless bundles, `build: {list: never}`."""
    if as_bool(meta.get("headless", False)):
        return True
    build = meta.get("build")
    if isinstance(build, Mapping):
        listing = {str(k).lower(): v for k, v in build.items()}.get("list")
        return isinstance(listing, str) and listing.lower() == "never"
    return False


def _terms(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if v is not None and str(v) != "")
    text = str(value)
    return (text,) if text else ()


def _taxonomies(site: LibrarySite, meta: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The post's terms per taxonomy (`meta`: lower-cased keys). A Pelican-style site writes
    `Tags: a, b` (see `meta_list`) and one `Category`, a single name."""
    if not site.meta:
        return {t: _terms(meta.get(t)) for t in site.taxonomies if meta.get(t)}
    found: dict[str, tuple[str, ...]] = {}
    for name in site.taxonomies:
        if name == "categories" and meta.get(name) is None:
            terms = _terms(meta.get("category"))[:1]
        else:
            terms = meta_list(meta.get(name))
        if terms:
            found[name] = terms
    return found


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
        return _normalize(text), (diag,)
    return _normalize(text), ()


def _normalize(text: str) -> str:
    """Text with "\n" line ends, as in `Post.text`."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _read(path: Path, whole: bool, meta: bool) -> tuple[str, FrontMatter, tuple[Diagnostic, ...]]:
    if whole:
        with open(path, "rb") as handle:
            data = handle.read()
    else:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # no buffer: one read
        try:
            data = os.read(fd, _HEAD_BYTES)
            cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
            if len(data) == _HEAD_BYTES and cut > 0:  # whole lines only; may hold the block
                text, problems = decode(data[: cut + 1], path)
                front = read_front_matter(text, path, meta)
                if front.split.whole_in(text):
                    return text, front, problems
            if len(data) == _HEAD_BYTES:
                data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        finally:
            os.close(fd)
    text, problems = decode(data, path)
    return text, read_front_matter(text, path, meta), problems


def read_front(
    path: Path, *, whole: bool, meta: bool = False
) -> tuple[str, FrontMatter, list[Diagnostic]]:
    """(text read, its front matter, problems): the whole file, or with `whole=False` only
    its head (the first few KiB, more when the front matter needs it). Raises
    FileNotFoundError if the file is gone. `meta`: see `LibrarySite.meta`."""
    try:
        text, front, problems = _read(path, whole, meta)
    except FileNotFoundError:
        raise
    except OSError as exc:
        cannot = Diagnostic(f"cannot read: {exc.strerror}", path, None, Severity.ERROR)
        text, front, problems = "", read_front_matter(""), (cannot,)
    return text, front, [*problems, *front.diagnostics]


def read_post(
    site: LibrarySite, found: FoundFile, *, body: bool = True
) -> tuple[PostEntry, str | None, str] | None:
    """The post's entry, body text and plain summary; None when the file vanished meanwhile.

    With `body=False` only the front matter is read (the first few KiB of the file):
    words, reading time and summary stay empty until the body is read.
    """
    path = found.path
    try:
        text, front, problems = read_front(path, whole=body, meta=site.meta)
    except FileNotFoundError:
        return None
    body_text = text[front.split.body_start :]
    metadata, fields = front.metadata, front.fields
    meta = {low: value for low, (_, value) in fields.items()}
    language, key = _language_and_key(site, found)
    parts = found.content_rel.split("/")
    section = parts[0] if len(parts) > 1 else ""
    summary_value = meta.get("summary")
    words, summary = estimate_words(body_text) if body else (0, "")
    if isinstance(summary_value, str) and summary_value.strip():
        summary = _SPACES.sub(" ", _NOISE.sub(" ", summary_value)).strip()
    entry = PostEntry(
        file=str(path),
        rel_path=found.rel_path,
        mtime_ns=found.mtime_ns,
        size=found.size,
        title=title_of(metadata, fields),
        date=date_of(metadata, DATE_KEYS, fields),
        lastmod=date_of(metadata, _LASTMOD_KEYS, fields),
        publish_date=date_of(metadata, _PUBLISH_KEYS, fields),
        expiry_date=date_of(metadata, _EXPIRY_KEYS, fields),
        draft=draft_of(metadata, fields, status=site.meta),
        taxonomies=_taxonomies(site, meta),
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


def read_body(entry: PostEntry, *, meta: bool = False) -> tuple[PostEntry, str, str] | None:
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
    body = text[split_front_matter(text, meta).body_start :]
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
