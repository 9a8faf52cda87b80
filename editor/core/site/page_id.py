"""A Hugo page's identity: its logical path (`.Path`) and the document id Hugo derives from it.

`hugo_path(site, file)` is Hugo 0.168's page path ("/posts/my-post" for
content/posts/My Post.md, "/posts/bundle" for a bundle's index.md, without a language
suffix), `document_id(site, file)` its hashing.XxHashFromStringHexEncoded: XXH64 of that
path, as 16 hex digits (Goldmark's footnote ids start with "h" and it when
markup.goldmark.extensions.footnote.enableAutoIDPrefix is on).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["document_id", "hugo_path", "xxh64"]

_MASK = (1 << 64) - 1
_P1 = 11400714785074694791
_P2 = 14029467366897019727
_P3 = 1609587929392839161
_P4 = 9650029242287828579
_P5 = 2870177450012600261


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & _MASK


def _round(acc: int, lane: int) -> int:
    return (_rotl((acc + lane * _P2) & _MASK, 31) * _P1) & _MASK


def _merge(acc: int, value: int) -> int:
    return ((acc ^ _round(0, value)) * _P1 + _P4) & _MASK


def xxh64(data: bytes, seed: int = 0) -> int:
    """XXH64 (what Hugo's hashing package uses), for short inputs such as paths."""
    n = len(data)
    i = 0
    if n >= 32:
        v = [(seed + _P1 + _P2) & _MASK, (seed + _P2) & _MASK, seed, (seed - _P1) & _MASK]
        while i + 32 <= n:
            for k in range(4):
                v[k] = _round(v[k], int.from_bytes(data[i + 8 * k : i + 8 * k + 8], "little"))
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & _MASK
        for lane in v:
            h = _merge(h, lane)
    else:
        h = (seed + _P5) & _MASK
    h = (h + n) & _MASK
    while i + 8 <= n:
        h ^= _round(0, int.from_bytes(data[i : i + 8], "little"))
        h = (_rotl(h, 27) * _P1 + _P4) & _MASK
        i += 8
    if i + 4 <= n:
        h ^= (int.from_bytes(data[i : i + 4], "little") * _P1) & _MASK
        h = (_rotl(h, 23) * _P2 + _P3) & _MASK
        i += 4
    while i < n:
        h ^= (data[i] * _P5) & _MASK
        h = (_rotl(h, 11) * _P1) & _MASK
        i += 1
    h ^= h >> 33
    h = (h * _P2) & _MASK
    h ^= h >> 29
    h = (h * _P3) & _MASK
    return h ^ (h >> 32)


def hugo_path(site: Any, file: Path) -> str | None:
    """Hugo's `.Path` of the page at `file`, or None when it is in none of the site's content
    folders: lower case, spaces as hyphens (paths.NormalizePathStringBasic)."""
    file = Path(file)
    folders = [Path(getattr(site, "content_dir", "content"))]
    folders += [Path(lang.content_dir) for lang in getattr(site, "languages", ())]
    root = Path(getattr(site, "root", "."))
    inside = [
        folder if folder.is_absolute() else root / folder
        for folder in folders
        if file.is_relative_to(folder if folder.is_absolute() else root / folder)
    ]
    if not inside:
        return None
    relative = file.relative_to(max(inside, key=lambda f: len(f.parts)))
    parts = list(relative.with_suffix("").parts)
    codes = {lang.code.lower() for lang in getattr(site, "languages", ())}
    stem, dot, language = parts[-1].rpartition(".") if parts else ("", "", "")
    if dot and language.lower() in codes:
        parts[-1] = stem
    if parts and parts[-1] in ("index", "_index"):
        parts.pop()
    return ("/" + "/".join(parts)).lower().replace(" ", "-")


def document_id(site: Any, file: Path) -> str | None:
    """Hugo's document id of the page at `file` (None outside the content folders)."""
    path = hugo_path(site, file)
    return None if path is None else format(xxh64(path.encode("utf-8")), "016x")
