"""Export plans: for each post, the files an export would write, and what stands in the way.

`plan_export` reads nothing but the posts and the target folder; it writes nothing. Each
`PostPlan` lists its files (content bytes, or a source file to copy), the existing files it
would collide with and a free name to use instead, and errors that block it (a slug or
image path that would leave the target folder, a file that is the post's own source). A
post that cannot be planned gets its error without stopping the others.
`editor.core.export.execute.execute` carries a plan out.

Beside it: `layout` (where each format puts a post's files), `naming` (title, date and a
slug cut to fit a file name), `document` (one post's files: converted text and images),
`paths` (nothing leaves the target folder).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from editor.core.export.document import FileSpec, post_files
from editor.core.export.layout import FORMATS, GENERATOR, ExportOptions, FileKind, alternates
from editor.core.export.naming import base_slug, free_slug, slug_budget, title_of
from editor.core.export.paths import UnsafePathError, check_inside, check_section, check_slug
from editor.core.post.model import Post


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


def _exists(target: Path, rel: str) -> bool:
    path = target / rel
    return path.exists() or path.is_symlink()


def _plan_one(
    opts: ExportOptions, post: Post, taken: set[str], overwrite: bool, rename: bool
) -> PostPlan:
    source = Path(post.path) if post.path is not None else None
    title = title_of(post)
    generator = GENERATOR[opts.fmt]
    budget = slug_budget(opts.fmt)
    try:
        keep = opts.fmt in ("hugo", "hugo-bundle") and not opts.slug_from_title
        base = base_slug(post, generator, budget, keep)
        check_slug(base)
    except UnsafePathError as exc:
        return PostPlan(source, title, "", errors=(str(exc),))

    def files_for(slug: str, renamed: bool) -> tuple[list[FileSpec], list[str]]:
        return post_files(opts, post, slug, renamed)

    def clashes(files: Iterable[FileSpec]) -> list[str]:
        out: list[str] = []
        for rel, kind, _content, _src in files:
            candidates = [rel, *(alternates(opts, rel) if kind != "image" else [])]
            out.extend(c for c in candidates if _exists(opts.target, c) or c in taken)
        return out

    def in_batch(files: Iterable[FileSpec]) -> bool:
        return any(rel in taken for rel, *_rest in files)

    warnings: list[str] = []
    try:
        slug = base
        files, warnings = files_for(slug, False)
        found = clashes(files)
        collisions: tuple[Collision, ...] = ()
        if found:
            free = free_slug(base, lambda s: bool(clashes(files_for(s, True)[0])), budget)
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
    meta: bool = False,
) -> ExportPlan:
    """Plan exporting `posts` into `target_dir` (the site's root; for html/pdf, any folder).

    `rename=True` takes the proposed free names instead of reporting collisions;
    `front_matter` ("yaml"/"toml"/"json") forces Hugo's front matter format (default: the
    source's); `html(post) -> (document, warnings)` makes the standalone HTML (html/pdf);
    `today` dates undated Jekyll posts. Into Hugo a post keeps its file or bundle folder
    name (so its URL) unless `slug_from_title`; a front matter `slug` always wins. `meta`:
    the posts given as paths come from a site that reads `Key: value` metadata lines
    (`SiteConfig.meta_lines`). Raises ValueError for an unknown format or a section
    leaving the target folder.
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
    opts = ExportOptions(
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
                post = Post.load(Path(item), meta=meta)
            except (OSError, ValueError) as exc:
                plans.append(PostPlan(Path(item), Path(item).stem, "", errors=(str(exc),)))
                continue
        try:
            plans.append(_plan_one(opts, post, taken, overwrite, rename))
        except Exception as exc:  # one post's failure never stops the others
            source = Path(post.path) if post.path is not None else None
            plans.append(PostPlan(source, title_of(post), "", errors=(f"cannot plan: {exc}",)))
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
