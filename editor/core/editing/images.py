"""Where an image pasted or dropped into a post goes, under which name, and its Markdown.

A post that is a page bundle (``index.md`` or ``_index.md``) keeps its images beside it, and
the Markdown refers to them by file name (Hugo page resources). A single-file post has no
folder of its own: its images go to the site's ``static/images/`` and are referred to as
``/images/<name>``, which is where Hugo serves them from.

`plan_image` is pure (it takes an `exists` callable); `place_image` writes the file too. An
image that is already in the bundle or in static/ is not copied: `site_path` is where the site
serves it from (the cover image's front matter value takes the same), `image_in_site` its link.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

BUNDLE_INDEX_NAMES = frozenset({"index.md", "_index.md", "index.markdown", "_index.markdown"})
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff"}
)
_MAX_STEM = 60


class ImagePlacementError(ValueError):
    """The image cannot be placed: an unsaved post, or a file that is not an image."""


@dataclass(frozen=True, slots=True)
class ImagePlan:
    """Where the image will be written and the Markdown that shows it."""

    target: Path
    url: str
    markdown: str
    in_bundle: bool


def is_bundle(post_path: Path) -> bool:
    """True when the post is a page bundle's index file (its folder holds its resources)."""
    return post_path.name.lower() in BUNDLE_INDEX_NAMES


def is_image_name(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def safe_stem(stem: str) -> str:
    """A file-name stem safe for URLs: lowercase ASCII letters, digits, '-' and '_'."""
    text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", text.lower()).strip("-_")
    text = re.sub(r"-{2,}", "-", text)
    return text[:_MAX_STEM].rstrip("-_") or "image"


def unique_name(wanted: str, exists: Callable[[str], bool]) -> str:
    """`wanted` made safe, with -2, -3, ... before the suffix until `exists` says it is free."""
    path = Path(wanted)
    suffix = path.suffix.lower()
    if suffix == ".jpeg":
        suffix = ".jpg"
    stem = safe_stem(path.stem if suffix else wanted)
    candidate = f"{stem}{suffix}"
    counter = 2
    while exists(candidate):
        candidate = f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def alt_text(file_name: str) -> str:
    """Readable alt text from a file name: "my-diagram_v2.png" -> "my diagram v2"."""
    stem = Path(file_name).stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    words = re.sub(r"\s+\d+$", "", words) if re.search(r"[A-Za-z]", words) else words
    return words or "image"


def pasted_image_name(now: datetime, suffix: str = ".png") -> str:
    """The name given to image data pasted without a file name (a screenshot, say)."""
    return f"pasted-{now:%Y%m%d-%H%M%S}{suffix}"


def image_markdown(alt: str, url: str) -> str:
    alt = re.sub(r"([\[\]\\])", r"\\\1", alt)
    return f"![{alt}]({url})"


def site_path(chosen: Path, bundle: Path | None, static_dirs: Sequence[Path]) -> str | None:
    """Where the site serves the image file `chosen` from: relative to the page `bundle`, or a
    site path ("/images/a.png") under one of `static_dirs`; None when it is in neither."""
    target = chosen.resolve()
    for folder, lead in ((bundle, ""), *((folder, "/") for folder in static_dirs)):
        if folder is None:
            continue
        try:
            return lead + target.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return None


def image_in_site(
    chosen: Path, post_path: Path, site_root: Path | None, static_dir: Path | None = None
) -> str | None:
    """The Markdown that shows `chosen` when the post can already refer to it where it is (in
    the post's bundle, or in the site's static folder), else None (it has to be copied in)."""
    bundle = post_path.parent if is_bundle(post_path) else None
    static = static_dir if static_dir is not None else (site_root or post_path.parent) / "static"
    found = site_path(chosen, bundle, [static])
    return None if found is None else image_markdown(alt_text(chosen.name), quote(found))


def image_folder(post_path: Path, site_root: Path | None, static_dir: Path | None = None) -> Path:
    """The folder an image for this post goes to."""
    if is_bundle(post_path):
        return post_path.parent
    if static_dir is not None:
        return static_dir / "images"
    root = site_root if site_root is not None else post_path.parent
    return root / "static" / "images"


def plan_image(
    wanted_name: str,
    post_path: Path | None,
    site_root: Path | None,
    exists: Callable[[Path], bool],
    *,
    static_dir: Path | None = None,
    alt: str | None = None,
) -> ImagePlan:
    """Plan the placement of an image called `wanted_name` for the post at `post_path`.

    `exists` is asked about candidate targets (Path.exists in real use), so the plan never
    overwrites a file. Raises ImagePlacementError for an unsaved post or a non-image name.
    """
    if post_path is None:
        raise ImagePlacementError("save the post first: an image is stored next to its post")
    if not is_image_name(wanted_name):
        raise ImagePlacementError(f"not an image file: {wanted_name}")
    folder = image_folder(post_path, site_root, static_dir)
    name = unique_name(wanted_name, lambda candidate: exists(folder / candidate))
    bundle = is_bundle(post_path)
    url = quote(name) if bundle else "/images/" + quote(name)
    text = image_markdown(alt if alt is not None else alt_text(wanted_name), url)
    return ImagePlan(folder / name, url, text, bundle)


def place_image(
    data: bytes,
    wanted_name: str,
    post_path: Path | None,
    site_root: Path | None,
    *,
    static_dir: Path | None = None,
) -> ImagePlan:
    """Write `data` as an image for the post (never overwriting a file) and return the plan."""
    for _attempt in range(100):
        plan = plan_image(wanted_name, post_path, site_root, Path.exists, static_dir=static_dir)
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with plan.target.open("xb") as handle:  # "x": fail rather than overwrite
                handle.write(data)
        except FileExistsError:
            continue  # another writer took the name between planning and writing
        except OSError:
            plan.target.unlink(missing_ok=True)
            raise
        return plan
    raise ImagePlacementError(f"no free file name for {wanted_name} in {plan.target.parent}")
