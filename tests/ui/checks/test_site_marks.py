"""The site check's marks are grouped on the checks' thread (CheckRunner.site_marks), keyed
as the library keys its posts, so the GUI thread only applies them."""

from __future__ import annotations

from pathlib import Path

from editor.core.checks import CheckReport
from editor.core.diagnostics import Diagnostic, Severity
from editor.ui.checks.runner import site_marks


def _d(file: Path | None, severity: Severity) -> Diagnostic:
    return Diagnostic("x", file, 1, severity)


def test_marks_are_the_worst_shown_severity_per_rel_path(tmp_path: Path) -> None:
    root = tmp_path / "site"
    a, b, c = (root / "content" / "posts" / name for name in ("a.md", "b.md", "c.md"))
    report = CheckReport(
        (
            _d(a, Severity.WARNING),
            _d(a, Severity.ERROR),
            _d(b, Severity.WARNING),
            _d(b, Severity.INFO),
            _d(c, Severity.INFO),  # info only: no mark
            _d(None, Severity.ERROR),  # the site's own: no post to mark
        ),
        3,
    )
    assert site_marks(report, root) == {
        "content/posts/a.md": Severity.ERROR,
        "content/posts/b.md": Severity.WARNING,
    }


def test_marks_of_a_path_through_a_symlink_match_the_index(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    (real / "content" / "a.md").write_text("x", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real)
    report = CheckReport((_d(link / "content" / "a.md", Severity.WARNING),), 1)
    assert site_marks(report, real) == {"content/a.md": Severity.WARNING}
