"""What the library can do to posts on disk: create, rename, duplicate, move to the trash.

Pure functions over paths (no Qt). Front matter is changed through `editor.core.post.model`
(one field at a time, the rest of the file byte for byte) and written atomically; a
post is never unlinked: deleting means send2trash.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from send2trash import send2trash

from editor.core.diagnostics import Diagnostic
from editor.core.library.types import MARKDOWN_SUFFIXES, LibrarySite
from editor.core.post.model import Post, PostError
from editor.core.post.storage import atomic_write
from editor.core.site.archetypes import (
    ArchetypeContext,
    archetype_text,
    find_bundle_archetype,
    render_archetype,
)
from editor.core.site.slugs import file_slug


class LibraryActionError(OSError):
    """An action cannot be done; the message says why in words a user understands."""


@dataclass(frozen=True)
class NewPost:
    path: Path  # the new file (a bundle's index.md)
    warnings: tuple[Diagnostic, ...]  # archetype actions Inkpost could not evaluate


def _is_index(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES and path.name.split(".")[0] == "index"


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise LibraryActionError(f"{name!r} cannot be a file name")
    return name


def _content_dir(site: LibrarySite, language: str | None) -> Path:
    if language and language in site.content_dirs:
        return site.content_dirs[language]
    return site.content_dirs.get(site.default_language) or next(iter(site.content_dirs.values()))


def new_post(
    site: LibrarySite,
    title: str,
    *,
    section: str = "",
    bundle: bool = False,
    language: str | None = None,
    slug: str | None = None,
    now: datetime | None = None,
) -> NewPost:
    """Create a post from the site's archetype, as Hugo's `hugo new content` would.

    The file is CONTENT/SECTION/SLUG.md, or CONTENT/SECTION/SLUG/index.md for a page
    bundle (with the resources of a directory archetype, if the site has one). The
    archetype fills date and draft; the title is the one given (Hugo would derive it
    from the file name).
    """
    title = title.strip()
    name = _check_name(slug) if slug else file_slug(title)
    section = section.strip("/")
    if any(part in ("", ".", "..") for part in section.split("/")) and section:
        raise LibraryActionError(f"{section!r} is not a section folder")
    folder = _content_dir(site, language) / section if section else _content_dir(site, language)
    target = folder / name / "index.md" if bundle else folder / f"{name}.md"
    if target.exists() or (bundle and target.parent.exists()):
        raise LibraryActionError(f"{target.parent if bundle else target} already exists")
    moment = now or datetime.now().astimezone()
    rel = f"{section}/" if section else ""
    rel += f"{name}/index.md" if bundle else f"{name}.md"
    template, source = archetype_text(site.archetype_dirs, section.split("/")[0], meta=site.meta)
    bundle_dir = find_bundle_archetype(site.archetype_dirs, section.split("/")[0])
    if bundle and bundle_dir is not None:
        source = bundle_dir / "index.md"
        template = source.read_text(encoding="utf-8-sig")
    ctx = ArchetypeContext(
        rel, moment, site.title, site.base_url, language or site.default_language
    )
    text, warnings = render_archetype(template, ctx, source)
    post = Post.from_text(text, target, meta=site.meta)
    if title and post.title != title:
        # An archetype Inkpost could not fully evaluate: keep what Hugo would write.
        with contextlib.suppress(PostError):
            post = post.with_field("title", title)
    target.parent.mkdir(parents=True, exist_ok=True)
    if bundle and bundle_dir is not None:
        _copy_resources(bundle_dir, target.parent)
    post.save(target)
    return NewPost(target, warnings)


def _copy_resources(source: Path, dest: Path) -> None:
    for item in source.iterdir():
        if item.name == "index.md":
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name)
        else:
            shutil.copy2(item, dest / item.name)


def _translations(path: Path) -> list[Path]:
    """`path` and its translation siblings (post.md, post.fr.md, ...)."""
    base = path.name.split(".")[0]
    suffix = path.suffix
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.is_file() and p.suffix == suffix and p.name.split(".")[0] == base
    )


def _set_fields(path: Path, fields: dict[str, object], meta: bool) -> None:
    if not fields:
        return
    post = Post.load(path, meta=meta)
    changed = post
    for key, value in fields.items():
        if key == "slug" and "slug" not in {k.lower() for k in post.metadata}:
            continue
        changed = changed.with_field(key, value)
    if changed.text != post.text:
        changed.save(path)


def rename_post(path: Path, new_name: str, *, title: str | None = None, meta: bool = False) -> Path:
    """Rename a post: its file (and translations) or its bundle folder, resources kept.

    A front matter `slug` is set to the new name; `title`, if given, replaces the title.
    Returns the post's new path. `meta`: the site's `LibrarySite.meta`.
    """
    path = Path(path)
    name = _check_name(new_name)
    fields: dict[str, object] = {"slug": name}
    if title is not None and title.strip():
        fields["title"] = title.strip()
    if _is_index(path):
        folder = path.parent
        target = folder.parent / name
        if target.exists():
            raise LibraryActionError(f"{target} already exists")
        os.rename(folder, target)
        new_path = target / path.name
        _set_fields(new_path, fields, meta)
        return new_path
    moves: list[tuple[Path, Path]] = []
    for item in _translations(path):
        rest = item.name[len(item.name.split(".")[0]) :]
        moves.append((item, item.with_name(name + rest)))
    for _old, new in moves:
        if new.exists():
            raise LibraryActionError(f"{new} already exists")
    new_path = path
    for old, new in moves:
        os.rename(old, new)
        if old == path:
            new_path = new
    _set_fields(new_path, fields, meta)
    return new_path


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    for n in range(1, 1000):
        name = f"{stem}-copy{suffix}" if n == 1 else f"{stem}-copy-{n}{suffix}"
        if not (folder / name).exists():
            return folder / name
    raise LibraryActionError(f"no free name for a copy of {stem} in {folder}")


def duplicate_post(path: Path, *, meta: bool = False) -> Path:
    """A copy beside the original (a bundle with all its resources): title "… (copy)",
    draft, and a front matter slug matching the new name. Returns the copy's path.
    `meta` (the site's `LibrarySite.meta`): Pelican's `Status: draft` marks the draft."""
    path = Path(path)
    if _is_index(path):
        target_dir = _free_name(path.parent.parent, path.parent.name, "")
        shutil.copytree(path.parent, target_dir, symlinks=True)
        new_path = target_dir / path.name
        new_name = target_dir.name
    else:
        stem, _, rest = path.name.partition(".")
        new_path = _free_name(path.parent, stem, "." + rest)
        atomic_write(new_path, path.read_bytes())
        new_name = new_path.name.split(".")[0]
    post = Post.load(new_path, meta=meta)
    draft: dict[str, object] = {"status": "draft"} if meta else {"draft": True}
    fields: dict[str, object] = {**draft, "slug": new_name}
    if post.title:
        fields["title"] = f"{post.title} (copy)"
    with contextlib.suppress(PostError):  # unparseable front matter: still a copy
        _set_fields(new_path, fields, meta)
    return new_path


def trash_post(path: Path) -> Path:
    """Move a post to the system trash: a bundle's whole folder, unless the folder holds
    other translations (then only this index file). Returns what was trashed."""
    path = Path(path)
    target = path
    if _is_index(path):
        others = [p for p in path.parent.iterdir() if p != path and _is_index(p)]
        if not others:
            target = path.parent
    if not target.exists():
        raise LibraryActionError(f"{target} does not exist")
    send2trash(str(target))
    return target
