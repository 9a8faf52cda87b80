"""Export plans: for each post, the files an export would write, and what stands in the way.

`plan_export` reads nothing but the posts and the target folder; it writes nothing. Each
`PostPlan` lists its files (content bytes, or a source file to copy), the existing files it
would collide with and a free name to use instead, and errors that block it (a slug or
image path that would leave the target folder, a file that is the post's own source). A
slug is cut to fit a file name (255 bytes with its suffix), and a post that cannot be
planned gets its error without stopping the others. `editor.core.export.execute.execute`
carries a plan out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from editor.core.export.formats import FmFormat, Target, convert_front_matter, raw_scalar_texts
from editor.core.export.images import ImageRef, rewrite_links, scan_images, url_path
from editor.core.post.model import Post
from editor.core.site.config import find_site
from editor.core.site.slugs import target_slug

FORMATS = ("hugo", "hugo-bundle", "jekyll", "zola", "html", "pdf")
Format = Literal["hugo", "hugo-bundle", "jekyll", "zola", "html", "pdf"]
FileKind = Literal["post", "image", "html", "pdf"]
_GENERATOR: dict[str, Target] = {
    "hugo": "hugo",
    "hugo-bundle": "hugo",
    "jekyll": "jekyll",
    "zola": "zola",
    "html": "hugo",
    "pdf": "hugo",
}
_MAX_FREE_NAME = 1000
_MAX_SLUG_BYTES = 120  # a slug made from a title
NAME_MAX_BYTES = 255  # one file or folder name (ext4, Btrfs, XFS, APFS; NTFS: 255 units)
# Bytes a format adds around the slug in the longest name made of it (Jekyll: the date).
_NAME_EXTRA = {"hugo": 3, "hugo-bundle": 3, "zola": 3, "jekyll": 14, "html": 5, "pdf": 4}


class UnsafePathError(ValueError):
    """A path that would leave the target folder."""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file an export writes: `content` bytes, or a copy of `source`.

    For kind "pdf", `content` is the standalone HTML that is printed to `dest`.
    """

    dest: Path
    rel: str  # dest relative to the target folder, with "/"
    kind: FileKind
    content: bytes | None = None
    source: Path | None = None
    replaces: bool = False  # an existing file is overwritten (only with overwrite=True)


@dataclass(frozen=True, slots=True)
class Collision:
    """`rel` exists already; `proposed` is a free slug."""

    rel: str
    proposed: str


@dataclass(frozen=True, slots=True)
class PostPlan:
    source: Path | None
    title: str
    slug: str
    files: tuple[PlannedFile, ...] = ()
    collisions: tuple[Collision, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    overwrite: bool = False

    @property
    def blocked(self) -> bool:
        return bool(self.errors) or (bool(self.collisions) and not self.overwrite)

    @property
    def proposed_slug(self) -> str | None:
        return self.collisions[0].proposed if self.collisions else None

    @property
    def problems(self) -> tuple[str, ...]:
        """Why the post is not exported (empty when it is)."""
        if not self.blocked:
            return ()
        out = list(self.errors)
        if self.collisions and not self.overwrite:
            out.extend(
                f"{c.rel} exists (free name: {c.proposed}; or overwrite)" for c in self.collisions
            )
        return tuple(out)

    @property
    def main_file(self) -> PlannedFile | None:
        for planned in self.files:
            if planned.kind != "image":
                return planned
        return None


@dataclass(frozen=True, slots=True)
class ExportPlan:
    target_dir: Path
    fmt: str
    section: str
    overwrite: bool
    posts: tuple[PostPlan, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(post.blocked for post in self.posts)

    def describe(self) -> str:
        """The plan as text (the dry run)."""
        lines = [
            f"Export {len(self.posts)} post(s) to {self.target_dir} as {self.fmt}"
            + (f" (section {self.section})" if self.fmt not in ("html", "pdf", "jekyll") else "")
        ]
        for post in self.posts:
            main = post.main_file
            source = str(post.source) if post.source is not None else post.title
            lines.append(f"  {source} -> {main.rel if main else '(nothing)'}")
            for planned in post.files:
                if planned is main:
                    continue
                lines.append(f"      + {planned.rel}")
            for planned in post.files:
                if planned.replaces:
                    lines.append(f"      ! overwrites {planned.rel}")
            if not post.overwrite:
                for collision in post.collisions:
                    lines.append(
                        f"      ! exists: {collision.rel} (free name: {collision.proposed})"
                    )
            lines.extend(f"      x error: {error}" for error in post.errors)
            lines.extend(f"      - warning: {warning}" for warning in post.warnings)
        return "\n".join(lines) + "\n"

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "source": str(post.source) if post.source is not None else None,
                "title": post.title,
                "slug": post.slug,
                "files": [planned.rel for planned in post.files],
                "overwrites": [planned.rel for planned in post.files if planned.replaces],
                "collisions": [{"path": c.rel, "proposed": c.proposed} for c in post.collisions],
                "errors": list(post.errors),
                "warnings": list(post.warnings),
                "blocked": post.blocked,
            }
            for post in self.posts
        ]


# --- safety ---------------------------------------------------------------------------------


def check_inside(target: Path, rel: str) -> Path:
    """`target/rel`, refusing anything that would leave `target` (`..`, absolute, symlinks)."""
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or "\\" in rel or ".." in pure.parts or rel.startswith("~"):
        raise UnsafePathError(f"{rel!r} would leave the target folder {target}")
    dest = target.joinpath(*pure.parts)
    real_target = target.resolve()
    probe = dest
    while not probe.exists() and not probe.is_symlink() and probe != target:
        probe = probe.parent
    if not probe.resolve().is_relative_to(real_target):
        raise UnsafePathError(
            f"{rel!r} leads outside the target folder {target} (through a symlink)"
        )
    return dest


def check_slug(slug: str) -> None:
    if not slug or slug in (".", "..") or "/" in slug or "\\" in slug or slug.startswith("."):
        raise UnsafePathError(f"slug {slug!r} would leave the section folder")


def check_section(section: str) -> str:
    """The section as a relative folder ('' for none); refuses one that leaves the target."""
    cleaned = section.strip().strip("/")
    pure = PurePosixPath(cleaned)
    if section.strip().startswith("/") or "\\" in cleaned or ".." in pure.parts:
        raise UnsafePathError(f"section {section!r} would leave the content folder")
    return "/".join(p for p in pure.parts if p != ".")


# --- one post -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Options:
    target: Path
    fmt: Format
    section: str
    fm_format: FmFormat | None
    today: date
    html: Callable[[Post], tuple[str, tuple[str, ...]]] | None
    slug_from_title: bool = False


_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")


def _name_stem(post: Post) -> str:
    """The post's file (or bundle folder) name without suffix and Jekyll date prefix."""
    if post.path is None:
        return ""
    path = Path(post.path)
    stem = path.parent.name if path.stem in ("index", "_index") else path.stem
    match = _JEKYLL_NAME.match(stem)
    return match.group(4) if match else stem


def _title_of(post: Post) -> str:
    title = post.metadata.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return _name_stem(post) or "untitled"


def _post_date(post: Post) -> datetime | None:
    """The post's date (Hugo's rules), else the date of a Jekyll file name (2024-01-31-x.md)."""
    value = post.date
    if isinstance(value, datetime):
        return value
    if post.path is not None:
        match = _JEKYLL_NAME.match(Path(post.path).stem)
        if match:
            try:
                year, month, day = (int(match.group(i)) for i in (1, 2, 3))
                return datetime(year, month, day, tzinfo=UTC)
            except ValueError:
                return None
    return None


def _draft(post: Post) -> bool:
    """The draft flag; a post kept in a Jekyll `_drafts` folder without one is a draft."""
    in_drafts = post.path is not None and "_drafts" in Path(post.path).parts
    if "draft" not in post.metadata and in_drafts:
        return True
    return bool(post.draft)


def slug_budget(fmt: str) -> int:
    """The most UTF-8 bytes a slug may have in `fmt`: every name made of it (with its suffix,
    and Jekyll's date) stays within NAME_MAX_BYTES."""
    return NAME_MAX_BYTES - _NAME_EXTRA.get(fmt, 5)


def _base_slug(post: Post, generator: Target, budget: int, keep_name: bool = False) -> str:
    """The slug for the post's file name: from the front matter slug (cut to `budget`
    bytes); else, into Hugo, the post's own file or bundle folder name (the URL Hugo
    publishes stays the same) when `keep_name`; else the title (cut to 120 bytes)."""
    fm_slug = post.metadata.get("slug")
    if isinstance(fm_slug, str) and fm_slug.strip():
        check_slug(fm_slug.strip())
        made = shorten_slug(target_slug(generator, fm_slug), budget)
        return made or "post"
    stem = _name_stem(post)
    if keep_name and stem and stem not in ("index", "_index"):
        kept = shorten_slug(target_slug(generator, stem), budget)
        if kept:
            return kept
    made = target_slug(generator, _title_of(post))
    if not made and post.path is not None:
        made = target_slug(generator, _name_stem(post))
    return shorten_slug(made, min(budget, _MAX_SLUG_BYTES)) or "post"


def shorten_slug(slug: str, limit: int = _MAX_SLUG_BYTES) -> str:
    """`slug` cut to at most `limit` UTF-8 bytes at a character boundary, at a hyphen when
    there is one in its second half (file names are limited to 255 bytes)."""
    if len(slug.encode("utf-8")) <= limit:
        return slug
    cut = slug.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    head, sep, _tail = cut.rpartition("-")
    return (head if sep and len(head) >= limit // 2 else cut).rstrip("-.")


def _rel(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def _post_rel(opts: _Options, post: Post, slug: str) -> str:
    fmt = opts.fmt
    if fmt == "hugo-bundle":
        return _rel("content", opts.section, slug, "index.md")
    if fmt in ("hugo", "zola"):
        return _rel("content", opts.section, f"{slug}.md")
    if fmt == "jekyll":
        if _draft(post):
            return _rel("_drafts", f"{slug}.md")
        when = _post_date(post)
        day = when.date() if when is not None else opts.today
        return _rel("_posts", f"{day.isoformat()}-{slug}.md")
    return f"{slug}.{fmt}"


def _image_rel(opts: _Options, slug: str, image: ImageRef) -> tuple[str, str]:
    """(file rel path in the target, link written in the exported post)."""
    rel = str(image.rel)
    if opts.fmt == "hugo-bundle":
        return _rel("content", opts.section, slug, rel), url_path(rel)
    if opts.fmt == "jekyll":
        return _rel("assets", slug, rel), "/" + url_path(_rel("assets", slug, rel))
    return _rel("static", "images", slug, rel), "/" + url_path(_rel("images", slug, rel))


def _alternates(opts: _Options, rel: str) -> list[str]:
    """Other paths that give the same page (Hugo/Zola: slug.md and slug/index.md)."""
    if opts.fmt in ("hugo", "zola") and rel.endswith(".md"):
        return [rel[:-3] + "/index.md", rel[:-3] + "/_index.md"]
    if opts.fmt == "hugo-bundle" and rel.endswith("/index.md"):
        return [rel[: -len("/index.md")] + ".md"]
    return []


def _document(
    opts: _Options, post: Post, slug: str, renamed: bool
) -> tuple[list[tuple[str, FileKind, bytes | None, Path | None]], list[str]]:
    """The files for `post` under `slug` and warnings."""
    warnings: list[str] = []
    main_rel = _post_rel(opts, post, slug)
    if opts.fmt in ("html", "pdf"):
        assert opts.html is not None
        text, html_warnings = opts.html(post)
        warnings.extend(html_warnings)
        return [(main_rel, opts.fmt, text.encode("utf-8"), None)], warnings
    post_dir = Path(post.path).parent if post.path is not None else None
    scan = scan_images(post.body, post_dir, _static_dirs(opts, post_dir))
    if scan.errors:
        raise UnsafePathError("; ".join(scan.errors))
    warnings.extend(f"image not found: {ref}" for ref in scan.missing)
    files: list[tuple[str, FileKind, bytes | None, Path | None]] = []
    links: dict[str, str] = {}
    sources: dict[str, Path] = {}
    for image in sorted(scan.images, key=lambda i: i.written.startswith("/")):  # own first
        rel, link = _image_rel(opts, slug, image)
        if sources.setdefault(rel, image.source) != image.source:
            warnings.append(f"image {image.written} not copied: {rel} is another image")
            continue
        links[image.written] = link
        if rel not in (f[0] for f in files):
            files.append((rel, "image", None, image.source))
    body = rewrite_links(post.body, links.get) if links else post.body
    generator = _GENERATOR[opts.fmt]
    fm_format: FmFormat
    if generator == "jekyll":
        fm_format = "yaml"
    elif generator == "zola":
        fm_format = "toml"
    else:
        fm_format = opts.fm_format or _source_format(post)
    when = _post_date(post)
    date_value: datetime | date | None = when
    if when is None and generator == "jekyll" and not _draft(post):
        date_value = opts.today
        warnings.append(f"the post has no date: dated {opts.today.isoformat()}")
    converted = convert_front_matter(
        post.metadata,
        raw_scalar_texts(post.front_matter, post.fm_format),
        generator,
        fm_format,
        draft=_draft(post),
        slug=slug if renamed else None,
        date_value=date_value,
    )
    warnings.extend(converted.warnings)
    if generator != "hugo" and ("{{<" in body or "{{%" in body):
        warnings.append("the post uses Hugo shortcodes, which this generator does not know")
    text = converted.block + ("" if body.startswith("\n") else "\n") + body
    if post.newline == "\r\n":
        text = text.replace("\n", "\r\n")
    files.insert(0, (main_rel, "post", text.encode("utf-8"), None))
    return files, warnings


def _static_dirs(opts: _Options, post_dir: Path | None) -> tuple[Path, ...]:
    """The static folders of the post's site, for a page bundle (which takes along the
    images the post links from there); none for the other formats."""
    if opts.fmt != "hugo-bundle" or post_dir is None:
        return ()
    return find_site(post_dir).static_dirs


def _source_format(post: Post) -> FmFormat:
    return post.fm_format or "yaml"


def _exists(target: Path, rel: str) -> bool:
    path = target / rel
    return path.exists() or path.is_symlink()


def _plan_one(
    opts: _Options, post: Post, taken: set[str], overwrite: bool, rename: bool
) -> PostPlan:
    source = Path(post.path) if post.path is not None else None
    title = _title_of(post)
    generator = _GENERATOR[opts.fmt]
    budget = slug_budget(opts.fmt)
    try:
        keep = opts.fmt in ("hugo", "hugo-bundle") and not opts.slug_from_title
        base = _base_slug(post, generator, budget, keep)
        check_slug(base)
    except UnsafePathError as exc:
        return PostPlan(source, title, "", errors=(str(exc),))

    def files_for(
        slug: str, renamed: bool
    ) -> tuple[list[tuple[str, FileKind, bytes | None, Path | None]], list[str]]:
        return _document(opts, post, slug, renamed)

    def clashes(files: Iterable[tuple[str, FileKind, bytes | None, Path | None]]) -> list[str]:
        out: list[str] = []
        for rel, kind, _content, _src in files:
            candidates = [rel, *(_alternates(opts, rel) if kind != "image" else [])]
            out.extend(c for c in candidates if _exists(opts.target, c) or c in taken)
        return out

    def in_batch(files: Iterable[tuple[str, FileKind, bytes | None, Path | None]]) -> bool:
        return any(rel in taken for rel, *_rest in files)

    warnings: list[str] = []
    try:
        slug = base
        files, warnings = files_for(slug, False)
        found = clashes(files)
        collisions: tuple[Collision, ...] = ()
        if found:
            free = _free_slug(base, lambda s: bool(clashes(files_for(s, True)[0])), budget)
            if rename or in_batch(files):
                if in_batch(files):
                    warnings.append(f"another post in this export is also named {base!r}")
                slug = free
                files, more = files_for(slug, True)
                warnings.extend(more)
            else:
                collisions = tuple(Collision(rel, free) for rel in found)
        planned = tuple(
            PlannedFile(
                check_inside(opts.target, rel),
                rel,
                kind,
                content,
                src,
                replaces=overwrite and _exists(opts.target, rel),
            )
            for rel, kind, content, src in files
        )
    except (OSError, UnsafePathError) as exc:
        return PostPlan(source, title, base, errors=(str(exc),), warnings=tuple(warnings))
    taken.update(p.rel for p in planned)
    return PostPlan(
        source,
        title,
        slug,
        planned,
        collisions,
        errors=_onto_itself(post, planned),
        warnings=_dedupe(warnings),
        overwrite=overwrite,
    )


def _onto_itself(post: Post, planned: Iterable[PlannedFile]) -> tuple[str, ...]:
    """An error when a file of the export is the post's own source file."""
    if post.path is None:
        return ()
    source = Path(post.path)
    for item in planned:
        try:
            same = item.dest.exists() and os.path.samefile(item.dest, source)
        except OSError:
            same = False
        if same:
            return (
                f"{item.rel} is the post's own file ({source}): exporting a post onto "
                "itself would rewrite it; export to another folder or section",
            )
    return ()


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _free_slug(base: str, taken: Callable[[str], bool], budget: int = NAME_MAX_BYTES) -> str:
    for n in range(2, _MAX_FREE_NAME):
        candidate = f"{shorten_slug(base, budget - len(f'-{n}'))}-{n}"
        if not taken(candidate):
            return candidate
    raise UnsafePathError(
        f"no free name for {base!r} (tried {base}-2 .. {base}-{_MAX_FREE_NAME - 1})"
    )


def plan_export(
    posts: Sequence[Post | Path | str],
    target_dir: Path | str,
    fmt: str,
    section: str = "posts",
    overwrite: bool = False,
    *,
    rename: bool = False,
    front_matter: str | None = None,
    html: Callable[[Post], tuple[str, tuple[str, ...]]] | None = None,
    today: date | None = None,
    slug_from_title: bool = False,
) -> ExportPlan:
    """Plan exporting `posts` into `target_dir` (the site's root; for html/pdf, any folder).

    `rename=True` takes the proposed free names instead of reporting collisions;
    `front_matter` ("yaml"/"toml"/"json") forces Hugo's front matter format (default: the
    source's); `html(post) -> (document, warnings)` makes the standalone HTML (html/pdf);
    `today` dates undated Jekyll posts. Into Hugo a post keeps its file or bundle folder
    name (so its URL) unless `slug_from_title`; a front matter `slug` always wins. Raises
    ValueError for an unknown format or a section leaving the target folder.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if front_matter not in (None, "yaml", "toml", "json"):
        raise ValueError(f"unknown front matter format {front_matter!r}")
    if fmt in ("html", "pdf") and html is None:
        from editor.core.export.html import html_maker

        html = html_maker()
    clean_section = check_section(section)
    target = Path(os.path.abspath(Path(target_dir).expanduser()))
    opts = _Options(
        target,
        fmt,  # type: ignore[arg-type]
        clean_section,
        front_matter,  # type: ignore[arg-type]
        today or datetime.now(UTC).date(),
        html,
        slug_from_title,
    )
    taken: set[str] = set()
    plans: list[PostPlan] = []
    for item in posts:
        if isinstance(item, Post):
            post = item
        else:
            try:
                post = Post.load(Path(item))
            except (OSError, ValueError) as exc:
                plans.append(PostPlan(Path(item), Path(item).stem, "", errors=(str(exc),)))
                continue
        try:
            plans.append(_plan_one(opts, post, taken, overwrite, rename))
        except Exception as exc:  # one post's failure never stops the others
            source = Path(post.path) if post.path is not None else None
            plans.append(PostPlan(source, _title_of(post), "", errors=(f"cannot plan: {exc}",)))
    return ExportPlan(target, fmt, clean_section, overwrite, tuple(plans))


def with_choice(plan: ExportPlan, *, overwrite: bool) -> ExportPlan:
    """The same plan with overwrite switched (the UI's confirmation)."""
    posts = tuple(
        replace(
            post,
            overwrite=overwrite,
            files=tuple(
                replace(f, replaces=overwrite and _exists(plan.target_dir, f.rel))
                for f in post.files
            ),
        )
        for post in plan.posts
    )
    return replace(plan, overwrite=overwrite, posts=posts)
