"""The local images a post refers to, checked for safety, and its links rewritten.

Images are found in Markdown image syntax, reference definitions, `<img src>` and the
`src` of Hugo's figure shortcode, outside code blocks and code spans. A local reference is
a relative path inside the post's folder: `..`, an absolute file path and a symlink that
resolves outside the folder are refused. Paths starting with `/` that are not files on disk
are site URLs (the site's static folder): left alone, or, given the site's static folders,
the file found there (for a page bundle, which takes its images along).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from editor.core.editing.images import is_image_name

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# ![alt](dest "title") / ![alt](<dest> "title")
_MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
_SRC_ATTR = re.compile(r"(?:<img\b|\{\{[<%]\s*figure\b)[^>]*?\bsrc\s*=\s*(\"[^\"]*\"|'[^']*')")


class UnsafeImagePathError(ValueError):
    """An image reference that would read or write outside the post's folder."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    """One local image the post refers to."""

    written: str  # the reference exactly as in the text (without <> or quotes)
    rel: PurePosixPath  # the path inside the post's folder
    source: Path  # the file on disk


@dataclass(frozen=True, slots=True)
class ImageScan:
    images: tuple[ImageRef, ...]
    errors: tuple[str, ...]
    missing: tuple[str, ...]  # local references to files that do not exist


def _mask_code(text: str) -> str:
    """`text` with code blocks and code spans blanked out (same length, same lines)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(line))
            continue
        if match is not None:
            fence = match.group(1)
            out.append(" " * len(line))
            continue
        if line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(" " * len(line))
            continue
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def _references(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reference) for each image reference outside code, in order."""
    masked = _mask_code(text)
    spans: list[tuple[int, int, str]] = []
    for pattern in (_MD_IMAGE, _SRC_ATTR):
        for match in pattern.finditer(masked):
            start, end = match.span(1)
            spans.append((start, end, text[start:end]))
    offset = 0
    for line in masked.split("\n"):
        ref_def = _REF_DEF.match(line)
        if ref_def is not None and _is_image_ref(_unwrap(ref_def.group(1))):
            start, end = ref_def.span(1)
            spans.append((offset + start, offset + end, text[offset + start : offset + end]))
        offset += len(line) + 1
    spans.sort()
    return spans


def _is_image_ref(ref: str) -> bool:
    """True for a reference definition that names an image file (by its suffix)."""
    path = re.split(r"[?#]", ref, maxsplit=1)[0]
    return is_image_name(PurePosixPath(path).name) if path else False


def _unwrap(ref: str) -> str:
    if len(ref) >= 2 and ref[0] + ref[-1] in ("<>", '""', "''"):
        return ref[1:-1]
    return ref


def is_remote(ref: str) -> bool:
    return (bool(_SCHEME.match(ref)) and not _DRIVE.match(ref)) or ref.startswith("//")


def local_path(ref: str) -> str | None:
    """The file path part of a local reference, or None for URLs, anchors and templates."""
    if not ref or is_remote(ref) or ref.startswith(("#", "{{")):
        return None
    path = re.split(r"[?#]", ref, maxsplit=1)[0]
    return unquote(path) if path else None


def resolve_image(ref: str, post_dir: Path) -> ImageRef | None:
    """The local image `ref` names, or None when it is not a local file reference.

    Raises UnsafeImagePathError for `..`, absolute file paths and symlinks leaving `post_dir`.
    Returns an ImageRef whose source may not exist (the caller reports it missing).
    """
    path = local_path(ref)
    if path is None:
        return None
    if _DRIVE.match(path) or path.startswith("\\"):
        raise UnsafeImagePathError(
            f"image path {ref!r} is an absolute path outside the post's folder"
        )
    if path.startswith("/"):
        if Path(path).exists():
            raise UnsafeImagePathError(
                f"image path {ref!r} is an absolute path outside the post's folder"
            )
        return None  # a site URL (served from the site's static folder)
    pure = PurePosixPath(path.replace("\\", "/"))
    if ".." in pure.parts:
        raise UnsafeImagePathError(f"image path {ref!r} leaves the post's folder ('..')")
    parts = [p for p in pure.parts if p not in ("", ".")]
    if not parts:
        return None
    rel = PurePosixPath(*parts)
    source = post_dir.joinpath(*parts)
    if source.exists() or source.is_symlink():
        real = source.resolve()
        if not real.is_relative_to(post_dir.resolve()):
            raise UnsafeImagePathError(
                f"image {ref!r} is a symlink pointing outside the post's folder"
            )
    return ImageRef(ref, rel, source)


def resolve_static(ref: str, static_dirs: Sequence[Path]) -> ImageRef | None:
    """The file a site URL `ref` (`/images/x.png`) names in the first of `static_dirs` that
    has it, its `rel` the URL path without the leading `/`; None when no folder has it or
    it would leave its folder (`..`, a symlink pointing out)."""
    path = local_path(ref)
    if path is None or not path.startswith("/") or path.startswith("//"):
        return None
    parts = [p for p in PurePosixPath(path).parts[1:] if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    for folder in static_dirs:
        source = folder.joinpath(*parts)
        if source.is_file() and source.resolve().is_relative_to(folder.resolve()):
            return ImageRef(ref, PurePosixPath(*parts), source)
    return None


def scan_images(body: str, post_dir: Path | None, static_dirs: Sequence[Path] = ()) -> ImageScan:
    """The local images `body` refers to (each once), refusals and missing files; with
    `static_dirs`, also the site URLs found as files in them."""
    images: dict[str, ImageRef] = {}
    errors: list[str] = []
    missing: list[str] = []
    for _start, _end, written in _references(body):
        ref = _unwrap(written)
        try:
            image = resolve_image(ref, post_dir) if post_dir is not None else None
            if image is None and static_dirs:
                image = resolve_static(ref, static_dirs)
        except UnsafeImagePathError as exc:
            if str(exc) not in errors:
                errors.append(str(exc))
            continue
        if image is None or ref in images:
            continue
        if not image.source.is_file():
            if ref not in missing:
                missing.append(ref)
            continue
        images[ref] = image
    return ImageScan(tuple(images.values()), tuple(errors), tuple(missing))


def rewrite_links(body: str, replace: Callable[[str], str | None]) -> str:
    """`body` with each image reference `r` for which `replace(r)` gives text replaced."""
    pieces: list[str] = []
    last = 0
    for start, end, written in _references(body):
        new = replace(_unwrap(written))
        if new is None:
            continue
        if written[:1] == "<":
            new = f"<{new}>"
        elif written[:1] in "\"'":
            new = written[0] + new + written[0]
        pieces.append(body[last:start])
        pieces.append(new)
        last = end
    pieces.append(body[last:])
    return "".join(pieces)


def url_path(path: PurePosixPath | str) -> str:
    """A path written as a URL path (each segment percent-encoded where needed)."""
    return quote(str(path), safe="/-._~!$&'()*+,;=:@")
