"""Export posts into a site's content folder (Hugo, Jekyll, Zola) or out to HTML and PDF.

    plan = plan_export(posts, site_root, "hugo-bundle", section="posts")
    print(plan.describe())          # the dry run
    report = execute(plan)

Each post is exported all or nothing: its files are written into a staging folder inside
the target (same file system), then renamed into place one by one; if anything fails, the
files already moved are taken back, overwritten originals restored, and the folders created
for the post removed; the next post goes on whatever happened. An existing file is replaced
only when the plan says so (overwrite).
PDF printing needs a browser engine, so the caller passes `pdf_printer(html, pdf)`
(`editor.ui.export.pdf` provides one).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.export.layout import FORMATS
from editor.core.export.paths import UnsafePathError, check_inside
from editor.core.export.plan import (
    Collision,
    ExportPlan,
    PlannedFile,
    PostPlan,
    plan_export,
    with_choice,
)

__all__ = [
    "FORMATS",
    "Collision",
    "ExportError",
    "ExportPlan",
    "ExportReport",
    "PdfPrinter",
    "PlannedFile",
    "PostPlan",
    "PostResult",
    "UnsafePathError",
    "execute",
    "plan_export",
    "with_choice",
]

PdfPrinter = Callable[[Path, Path], None]
"""`printer(html_file, pdf_file)`: print the HTML file to `pdf_file` (raise on failure)."""
Progress = Callable[[int, int, str], None]
"""`progress(done, total, title)`: called before each post and once at the end."""

STAGING_PREFIX = ".inkpost-export-"


class ExportError(Exception):
    """One post could not be exported; nothing of it was left behind."""


@dataclass(frozen=True, slots=True)
class PostResult:
    source: Path | None
    title: str
    slug: str
    written: tuple[Path, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class ExportReport:
    target_dir: Path
    results: tuple[PostResult, ...]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def written(self) -> tuple[Path, ...]:
        return tuple(path for result in self.results for path in result.written)

    @property
    def failed(self) -> tuple[PostResult, ...]:
        return tuple(result for result in self.results if not result.ok)

    def summary(self) -> str:
        done = sum(1 for result in self.results if result.ok)
        text = f"Exported {done} of {len(self.results)} post(s) to {self.target_dir}"
        return text + (f"; {len(self.failed)} failed" if self.failed else "")

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "source": str(result.source) if result.source is not None else None,
                "title": result.title,
                "slug": result.slug,
                "written": [str(path) for path in result.written],
                "error": result.error,
            }
            for result in self.results
        ]


# Indirection so that tests can inject faults into the moves.
_replace = os.replace


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _staged_name(index: int, planned: PlannedFile) -> str:
    """A short name in the staging folder (the final name may already be 255 bytes long)."""
    suffix = planned.dest.suffix
    return f"{index:03d}{suffix if len(suffix) <= 8 else ''}"


def _stage(post: PostPlan, staging: Path, pdf_printer: PdfPrinter | None) -> list[Path]:
    """Write every file of `post` into `staging`; the staged paths in the plan's order."""
    staged: list[Path] = []
    for index, planned in enumerate(post.files):
        tmp = staging / _staged_name(index, planned)
        if planned.kind == "pdf":
            if pdf_printer is None:
                raise ExportError("PDF export needs a PDF printer (Qt WebEngine)")
            page = staging / f"{index:03d}-print.html"
            _fsync_write(page, planned.content or b"")
            pdf_printer(page, tmp)
            data = tmp.read_bytes() if tmp.is_file() else b""
            if data[:5] != b"%PDF-":
                raise ExportError(f"the PDF printer did not write {planned.rel}")
            tmp.unlink()
            _fsync_write(tmp, data)  # the user's usual permissions, not the printer's 0600
        elif planned.content is not None:
            _fsync_write(tmp, planned.content)
        elif planned.source is not None:
            shutil.copyfile(planned.source, tmp)
        else:
            raise ExportError(f"nothing to write for {planned.rel}")
        staged.append(tmp)
    return staged


def _make_parents(folder: Path, target: Path) -> list[Path]:
    """Create `folder` and its missing parents below `target`; the folders created."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != target:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _move_into_place(
    plan: ExportPlan, post: PostPlan, staged: list[Path], staging: Path
) -> list[Path]:
    done: list[tuple[Path, Path | None]] = []
    created: list[Path] = []
    try:
        for index, (tmp, planned) in enumerate(zip(staged, post.files, strict=True)):
            dest = check_inside(plan.target_dir, planned.rel)
            created.extend(_make_parents(dest.parent, plan.target_dir))
            backup: Path | None = None
            if dest.exists() or dest.is_symlink():
                if not planned.replaces:
                    raise ExportError(f"{planned.rel} appeared since the plan was made")
                with contextlib.suppress(OSError):
                    shutil.copymode(dest, tmp)  # the replaced file's permissions
                backup = staging / f"backup-{index:03d}"
                _replace(dest, backup)
            done.append((dest, backup))
            _replace(tmp, dest)
    except BaseException:
        for dest, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, dest)
                else:
                    dest.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return [dest for dest, _backup in done]


def _export_post(plan: ExportPlan, post: PostPlan, pdf_printer: PdfPrinter | None) -> list[Path]:
    plan.target_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=plan.target_dir))
    try:
        staged = _stage(post, staging, pdf_printer)
        return _move_into_place(plan, post, staged, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _error_text(exc: Exception) -> str:
    """The reason a post failed; an unexpected error is named by its type too."""
    if isinstance(exc, (OSError, ExportError, UnsafePathError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def execute(
    plan: ExportPlan,
    *,
    pdf_printer: PdfPrinter | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Carry `plan` out, post by post; a blocked or failing post leaves nothing behind."""
    results: list[PostResult] = []
    total = len(plan.posts)
    for index, post in enumerate(plan.posts):
        if progress is not None:
            progress(index, total, post.title)
        if post.blocked:
            results.append(
                PostResult(post.source, post.title, post.slug, error="; ".join(post.problems))
            )
            continue
        try:
            written = _export_post(plan, post, pdf_printer)
        except Exception as exc:  # one post's failure never stops the others
            results.append(PostResult(post.source, post.title, post.slug, error=_error_text(exc)))
            continue
        results.append(PostResult(post.source, post.title, post.slug, tuple(written)))
    if progress is not None:
        progress(total, total, "")
    return ExportReport(plan.target_dir, tuple(results))
