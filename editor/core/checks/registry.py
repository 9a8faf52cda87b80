"""The checks Inkpost knows: an id, a default severity and one line saying what each finds.

Per-post checks are functions registered with `@post_check(id, severity, summary)`; each
takes a `PostView` (editor.core.checks.view) and yields `Finding`s. Site-wide checks
(duplicates) are listed here with `scope="site"` and run by editor.core.checks.checker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from editor.core.diagnostics import Severity

if TYPE_CHECKING:
    from editor.core.checks.view import PostView

__all__ = ["CHECKS", "Check", "Finding", "PostCheckFn", "post_check", "site_check"]


class Finding(NamedTuple):
    """One problem a check found: its 1-based line in the file (None: the whole file)."""

    line: int | None
    message: str
    severity: Severity | None = None  # None: the check's own severity


PostCheckFn = Callable[["PostView"], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    summary: str
    scope: Literal["post", "site"] = "post"
    run: PostCheckFn | None = None  # per-post checks only


CHECKS: dict[str, Check] = {}


def post_check(
    check_id: str, severity: Severity, summary: str
) -> Callable[[PostCheckFn], PostCheckFn]:
    """Register a per-post check function under `check_id`."""

    def register(fn: PostCheckFn) -> PostCheckFn:
        CHECKS[check_id] = Check(check_id, severity, summary, "post", fn)
        return fn

    return register


def site_check(check_id: str, severity: Severity, summary: str) -> None:
    """Register a site-wide check (run by the checker over the gathered facts)."""
    CHECKS[check_id] = Check(check_id, severity, summary, "site")
