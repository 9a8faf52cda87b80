"""A blog post as a file: front matter plus Markdown body, read and written losslessly.

The bytes as read are kept (`Post.raw`). Saving a post whose text did not change writes
them back unchanged; after an edit only the lines that changed are re-encoded, so key order,
comments, quoting, date formats, CRLF or mixed line endings, a BOM and a missing final
newline all survive. `with_field` rewrites one front matter field in place (ruamel.yaml
round trip for YAML, tomlkit for TOML, a key-order-keeping edit for JSON).

Front matter is found and read by `editor.core.post.frontmatter` (as Hugo's page lexer
finds it). Problems become `Diagnostic`s (file and 1-based line); nothing is rewritten
behind the user's back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.dates import parse_date
from editor.core.post.fields import (
    FmFormat,
    date_of,
    draft_of,
    lookup,
    meta_list,
    plain,
    title_of,
)
from editor.core.post.frontmatter import FrontMatter, line_of, read_front_matter
from editor.core.post.storage import atomic_write, read_bytes

__all__ = ["FmFormat", "Post", "PostError", "parse_date"]

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"(\r\n|\r|\n)")


class PostError(ValueError):
    """A post cannot be loaded, changed or saved; `str(error)` names the file."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


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
    """The line ending edited lines get: CRLF when at least as frequent as LF, lone CR (old
    Mac) only when more frequent than both, else LF."""
    crlf = decoded.count("\r\n")
    lf = decoded.count("\n") - crlf
    if decoded.count("\r") - crlf > max(lf, crlf):
        return "\r"
    return "\r\n" if crlf and crlf >= lf else "\n"


def _normalize(decoded: str) -> str:
    return decoded.replace("\r\n", "\n").replace("\r", "\n") if "\r" in decoded else decoded


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
    on every whole line before and after the edited region; edited lines get `newline`.

    A kept lone CR never meets an LF written next to it (CR + LF would read back as one
    line ending): the line whose ending would merge joins the edited region instead.
    """
    limit = min(len(source), len(new))
    p = _common_prefix(source, new, limit)
    s = _common_suffix(source, new, limit - p)
    head = new.count("\n", 0, p)
    tail = new.count("\n", len(new) - s) if s else 0
    pieces = _LINE_END.split(decoded)
    items = new.split("\n")
    head, tail = _unmerged_bounds(pieces, items, head, tail, newline)
    middle = newline.join(items[head : len(items) - tail])
    kept_tail = "".join(pieces[len(pieces) - 2 * tail :]) if tail else ""
    return "".join(pieces[: 2 * head]) + middle + kept_tail


def _unmerged_bounds(
    pieces: list[str], items: list[str], head: int, tail: int, newline: str
) -> tuple[int, int]:
    """(head, tail) shrunk until no kept lone CR is followed by an LF in the output.

    The output is `pieces[: 2 * head]` (kept lines, each ending with its own line ending),
    then `newline.join(items[head : len(items) - tail])`, then the kept tail, which starts
    with the line ending `pieces[-2 * tail]`."""
    while True:
        count = len(items) - tail - head  # edited lines: at least one
        kept_end = pieces[2 * head - 1] if head else ""
        tail_start = pieces[len(pieces) - 2 * tail] if tail else ""
        if not items[head]:
            first = newline[0] if count > 1 else tail_start[:1]
            if kept_end == "\r" and first == "\n":
                head -= 1
                continue
        if not items[len(items) - tail - 1]:
            last = newline[-1] if count > 1 else kept_end
            if last == "\r" and tail_start == "\n":
                tail -= 1
                continue
        return head, tail


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
    meta: bool = False  # its site reads Python-Markdown's `Key: value` lines (Pelican, MkDocs)
    _source: str | None = field(default=None, repr=False, compare=False)
    _front: FrontMatter | None = field(default=None, repr=False, compare=False)

    # construction

    @classmethod
    def load(cls, path: str | Path, *, meta: bool = False) -> Post:
        """Read a file (StorageError if it cannot be read, PostError if it is binary).

        `meta`: the post's site reads Python-Markdown's metadata lines, as Pelican and MkDocs
        do (`SiteConfig.meta_lines`); a `---` block is YAML either way."""
        target = Path(path)
        return cls.from_bytes(read_bytes(target), target, meta=meta)

    @classmethod
    def from_bytes(cls, data: bytes, path: str | Path | None = None, *, meta: bool = False) -> Post:
        where = None if path is None else Path(path)
        decoded, bom, lossless, diags = _decode(data, where)
        if not data:
            diags.append(Diagnostic("the file is empty", where, None, Severity.INFO))
        text = _normalize(decoded)
        newline = _dominant_newline(decoded)
        return cls._build(where, data, text, text, newline, bom, lossless, diags, meta)

    @classmethod
    def from_text(
        cls,
        text: str,
        path: str | Path | None = None,
        like: Post | None = None,
        *,
        meta: bool = False,
    ) -> Post:
        """A post from editor text; newline style, BOM and `meta` are taken from `like`."""
        where = None if path is None else Path(path)
        newline = like.newline if like is not None else "\n"
        bom = like.bom if like is not None else False
        meta = meta or (like is not None and like.meta)
        norm = _normalize(text)
        raw = _encode(norm.replace("\n", newline), bom, where)
        return cls._build(where, raw, norm, norm, newline, bom, True, [], meta)

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
        meta: bool = False,
    ) -> Post:
        front = read_front_matter(text, path, meta)
        end = front.split.body_start
        return cls(
            path=path,
            raw=raw,
            text=text,
            fm_format=front.split.fm_format,
            front_matter=text[:end],
            body=text[end:],
            body_line=line_of(text, end),
            metadata=front.metadata,
            diagnostics=tuple(extra) + front.diagnostics,
            newline=newline,
            bom=bom,
            lossless=lossless,
            meta=meta,
            _source=source,
            _front=front,
        )

    # editing

    def with_text(self, text: str) -> Post:
        """The same file with new text (any newline style; stored with "\\n")."""
        norm = _normalize(text)
        if norm == self.text:
            return self
        fm = self.front_matter
        closed = fm.endswith("\n") and (self.fm_format != "meta" or fm.endswith("\n\n"))
        if self.fm_format is not None and closed and norm.startswith(fm):
            # Only the body changed: the front matter analysis still holds (typing is cheap).
            body = norm[len(fm) :]
            return replace(self, text=norm, body=body)
        keep = [] if self.lossless else [self.diagnostics[0]]  # the UTF-8 error comes first
        return Post._build(
            self.path,
            self.raw,
            norm,
            self._source,
            self.newline,
            self.bom,
            self.lossless,
            keep,
            self.meta,
        )

    def read_with_meta(self, meta: bool) -> Post:
        """The same bytes and text read with or without `Key: value` metadata lines."""
        if meta == self.meta:
            return self
        keep = [] if self.lossless else [self.diagnostics[0]]
        return Post._build(
            self.path,
            self.raw,
            self.text,
            self._source,
            self.newline,
            self.bom,
            self.lossless,
            keep,
            meta,
        )

    def with_body(self, body: str) -> Post:
        """New body text; the front matter is kept exactly as it is."""
        return self.with_text(self.front_matter + _normalize(body))

    def with_field(self, key: str, value: Any) -> Post:
        """Set one front matter field, rewriting only that field (appended if new).

        A post without front matter gets a YAML block. Raises PostError if the front
        matter cannot be parsed (it is never rewritten then) or cannot hold `value`.
        """
        front = self._front or read_front_matter(self.text, self.path, self.meta)
        split = front.split
        if front.broken:
            raise PostError(f"cannot set '{key}': {front.broken}", self.path)
        key = lookup(self.metadata, key.lower())[0] or key  # Hugo's keys ignore case
        if split.fm_format is None or split.content is None:
            fmt: FmFormat = "meta" if self.meta else "yaml"
            a = b = 0
            content, opener, closer = "", *(("", "\n") if self.meta else ("---\n", "---\n"))
        else:
            fmt = split.fm_format
            a, b = split.content
            content, opener, closer = self.text[a:b], "", ""
        from editor.core.post.edits import (  # ruamel.yaml, tomlkit: first edit
            EDIT_ERRORS,
            SETTERS,
            meta_expected,
        )

        expected = dict(self.metadata)
        try:
            wanted = meta_expected(key, value) if fmt == "meta" else plain(value)
        except EDIT_ERRORS as exc:
            raise PostError(f"cannot set '{key}' to {value!r}: {exc}", self.path) from exc
        expected[key] = wanted
        order = [k for k in expected if k != key]
        problem = "the result would change other keys"

        for make in SETTERS[fmt]:
            try:
                new = make(content, key, value)
            except EDIT_ERRORS as exc:
                problem = str(exc) or type(exc).__name__
                continue
            post = self.with_text(self.text[:a] + opener + new + closer + self.text[b:])
            check = dict(post.metadata)
            if isinstance(wanted, datetime) and key in check:  # JSON keeps dates as text
                check[key] = parse_date(check[key])
            same = check == expected or repr(check) == repr(expected)  # NaN != NaN
            if same and [k for k in check if k != key] == order:
                return post
            problem = (post._front.broken if post._front else "") or problem
        raise PostError(f"cannot set '{key}' to {value!r}: {problem}", self.path)

    # writing

    def to_bytes(self) -> bytes:
        """The bytes to write: exactly `raw` when the text is unchanged."""
        if self._source is not None and self.text == self._source:
            return self.raw
        if self.lossless and self._source is not None:
            decoded = self.raw[3:].decode() if self.bom else self.raw.decode()
            text = _reencode(self._source, decoded, self.text, self.newline)
            return _encode(text, self.bom, self.path)
        return _encode(self.text.replace("\n", self.newline), self.bom, self.path)

    def save(
        self,
        path: str | Path | None = None,
        *,
        force: bool = False,
        replace_read_only: bool = False,
    ) -> Post:
        """Write atomically to `path` (default: where it was read) and return the saved post.

        A post read from bytes that were not valid UTF-8 is refused unless `force` is set; a
        read-only file raises `ReadOnlyError` unless `replace_read_only` (it stays read-only).
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
        atomic_write(target, data, replace_read_only=replace_read_only)
        return Post.from_bytes(data, target, meta=self.meta)

    # convenience

    @property
    def title(self) -> str:
        """The title as Hugo shows it ("" when missing or not text)."""
        return title_of(self.metadata)

    @property
    def date(self) -> datetime | None:
        """`date`, else Hugo's fallbacks (publishDate, pubdate, published, lastmod, modified)."""
        return date_of(self.metadata)

    @property
    def draft(self) -> bool:
        """`draft` (spf13/cast rules), else `published: false`; in a `meta` site (Pelican)
        also `Status: draft`."""
        return draft_of(self.metadata, status=self.meta)

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags as names; a single string is one tag (as Hugo reads taxonomies)."""
        _, value = lookup(self.metadata, "tags")
        if self.meta:  # Pelican's `Tags: a, b`
            return meta_list(value)
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
