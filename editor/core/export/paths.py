"""Paths an export may write: inside the target folder, never out of it.

`check_inside(target, rel)` gives `target/rel` or raises `UnsafePathError` (`..`, an
absolute path, a symlink leading out); `check_slug` and `check_section` refuse a slug or
section that would leave its folder.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class UnsafePathError(ValueError):
    """A path that would leave the target folder."""


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
