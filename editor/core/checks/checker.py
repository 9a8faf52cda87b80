"""`SiteChecker`: every check on one post or on the whole site, as `Diagnostic`s with a code.

    checker = SiteChecker(site)               # a SiteConfig; settings read from the site
    problems = checker.check_post(post)       # after an edit: cheap, facts reused
    report = checker.check_site()             # every post (or only those under `paths`)

Site-wide facts (each post's URL, slug and aliases; shortcode names; content files) are
gathered once, on first use, and kept current: `check_post` records the post's new facts
before comparing it with the others, `forget(path)` drops a deleted post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editor.core.checks import front, links, shortcodes  # noqa: F401  (they register checks)
from editor.core.checks.document import LinkRef
from editor.core.checks.facts import PostRecord, SiteFacts
from editor.core.checks.registry import CHECKS, site_check
from editor.core.checks.settings import CheckSettings, load_settings
from editor.core.checks.site_pass import check_in_pool, is_wanted
from editor.core.checks.view import PostView
from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.model import Post
from editor.core.site.model import SiteConfig

__all__ = ["CheckReport", "SiteChecker"]

site_check("duplicate-slug", Severity.WARNING, "the same slug as another post of the section")
site_check("duplicate-url", Severity.WARNING, "the same URL as another post: one hides the other")
site_check("duplicate-alias", Severity.WARNING, "an alias another post also claims")

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking a site (or part of it)."""

    diagnostics: tuple[Diagnostic, ...]
    posts: int  # posts checked

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def ok(self) -> bool:
        """True when nothing would make Hugo fail (no error)."""
        return self.count(Severity.ERROR) == 0

    def by_file(self) -> dict[Path | None, list[Diagnostic]]:
        out: dict[Path | None, list[Diagnostic]] = {}
        for diagnostic in self.diagnostics:
            out.setdefault(diagnostic.file, []).append(diagnostic)
        return out

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"{plural(self.count(Severity.ERROR), 'error')}, "
            f"{plural(self.count(Severity.WARNING), 'warning')}, "
            f"{self.count(Severity.INFO)} info in {plural(self.posts, 'post')}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "diagnostics": [
                {
                    "file": None if d.file is None else str(d.file),
                    "line": d.line,
                    "severity": d.severity.value,
                    "code": d.code,
                    "message": d.message,
                }
                for d in self.diagnostics
            ],
        }


def _sorted(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By file, line, severity, code and message. Files first, then each file's few: one
    sort of a whole site's problems would hold the GIL (the GUI thread) for tens of ms."""
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_file.setdefault(str(diagnostic.file or ""), []).append(diagnostic)
    out: list[Diagnostic] = []
    for name in sorted(by_file):
        out.extend(sorted(by_file[name], key=_in_file))
    return out


def _in_file(d: Diagnostic) -> tuple[int, int, str, str]:
    return (d.line or 0, _ORDER[d.severity], d.code or "", d.message)


class SiteChecker:
    """Runs the registered checks against one site's posts."""

    def __init__(
        self,
        site: SiteConfig,
        settings: CheckSettings | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        self.site = site
        self.settings = settings or load_settings(
            site.root, site.params, site.config_file, CHECKS.keys()
        )
        self.facts = SiteFacts(site)
        self._now = now
        self._post_checks = [c for c in CHECKS.values() if c.run and self.settings.enabled(c.id)]

    @property
    def now(self) -> datetime:
        return self._now or datetime.now(UTC)

    def gather(self, cancel: Callable[[], bool] | None = None) -> None:
        """Gather the site-wide facts now (else the first check does)."""
        if not self.facts.gathered:
            self.facts.gather(cancel)

    def forget(self, path: Path) -> None:
        """A post was deleted or moved away: drop its facts."""
        self.facts.remove(Path(path).resolve())

    # one post

    def check_post(self, post: Post) -> list[Diagnostic]:
        """Every enabled check on `post` (its text as it is now, saved or not)."""
        self.gather()
        out, record = self.check_alone(post)
        if record is not None:
            out.extend(self.duplicates(record, post.path or record.path))
        return _sorted(out)

    def check_alone(
        self, post: Post, pending: list[tuple[LinkRef, str | None]] | None = None
    ) -> tuple[list[Diagnostic], PostRecord | None]:
        """The checks of `post` that read no other post's facts, and its (re)made record.
        With `pending`, the broken-link check leaves there the links that only the other
        pages' URLs can resolve (editor.core.checks.links.unresolved_links)."""
        record = None
        if post.path is not None:
            key = post.path.resolve()
            record = self.facts.update(key, post.metadata, post.front_matter, post.fm_format)
        view = PostView(post, self.facts, self.settings, self.now, record)
        out: list[Diagnostic] = []
        for check in self._post_checks:
            assert check.run is not None
            if pending is not None and check.id == "broken-link":
                pending.extend(links.unresolved_links(view))
                continue
            for finding in check.run(view):
                severity = finding.severity or check.severity
                out.append(Diagnostic(finding.message, post.path, finding.line, severity, check.id))
        return out, record

    def check_file(self, path: Path) -> list[Diagnostic]:
        """`check_post` of the file as saved; a file that cannot be read is one error."""
        try:
            post = Post.load(path, meta=self.site.meta_lines)
        except (OSError, ValueError) as exc:
            return self.unreadable(path, exc)
        return self.check_post(post)

    def unreadable(self, path: Path, exc: Exception) -> list[Diagnostic]:
        """The problem of a post file that cannot be loaded."""
        if self.settings.enabled("front-matter"):
            return [Diagnostic(str(exc), path, None, Severity.ERROR, "front-matter")]
        return []

    def broken_links(
        self, path: Path, pending: Sequence[tuple[LinkRef, str | None]]
    ) -> list[Diagnostic]:
        """The broken-link problems of the links `check_alone` left pending."""
        check = CHECKS["broken-link"]
        out = []
        for link, url in pending:
            if url is None or not self.facts.known_url(url):
                finding = links.broken_link_finding(link)
                severity = finding.severity or check.severity
                out.append(Diagnostic(finding.message, path, finding.line, severity, check.id))
        return out

    # the site

    def check_site(
        self,
        paths: Iterable[Path] | None = None,
        cancel: Callable[[], bool] | None = None,
        *,
        workers: int = 1,
    ) -> CheckReport:
        """Check every post (or the posts at or under `paths`). With `workers` > 1 and a
        large site, each post is read and checked once in one of that many processes, which
        send back its facts (editor.core.checks.site_pass); else the facts are gathered
        first, then the posts checked here."""
        wanted = None if paths is None else {Path(p).resolve() for p in paths}
        pooled = None
        if workers > 1:
            pooled = check_in_pool(self, wanted, cancel, workers)
        if pooled is not None:
            found, checked = pooled
        else:
            self.gather(cancel)
            targets = [t for t in sorted(self.facts.records) if is_wanted(t, wanted)]
            found, checked = [], 0
            for path in targets:
                if cancel is not None and cancel():
                    break
                found.extend(self.check_file(path))
                checked += 1
        out: list[Diagnostic] = list(self.settings.diagnostics) + list(self.facts.problems)
        out.extend(found)
        return CheckReport(tuple(_sorted(out)), checked)

    # site-wide checks of one post

    def _names(self, paths: Iterable[Path]) -> str:
        names = []
        for path in sorted(paths)[:3]:
            try:
                names.append(path.relative_to(self.facts.library.root).as_posix())
            except ValueError:
                names.append(str(path))
        return ", ".join(names)

    def duplicates(self, record: PostRecord, shown: Path) -> list[Diagnostic]:
        facts, enabled = self.facts, self.settings.enabled
        out: list[Diagnostic] = []
        same_slug = facts.same_slug(record) if record.slug else set()
        if same_slug and enabled("duplicate-slug"):
            message = f"slug {record.slug!r} is also the slug of {self._names(same_slug)}"
            line = record.lines.get("slug")
            out.append(Diagnostic(message, shown, line, Severity.WARNING, "duplicate-slug"))
        same_url = facts.by_url.get(record.url, set()) - {record.path} - same_slug
        if same_url and enabled("duplicate-url"):
            message = (
                f"URL {record.url} is also the URL of {self._names(same_url)}: "
                "Hugo publishes only one of them"
            )
            line = record.lines.get("url") or record.lines.get("slug") or 1
            out.append(Diagnostic(message, shown, line, Severity.WARNING, "duplicate-url"))
        if not enabled("duplicate-alias"):
            return out
        for alias in record.aliases:
            others = (facts.by_alias.get(alias, set()) | facts.by_url.get(alias, set())) - {
                record.path
            }
            if others:
                message = f"alias {alias} is also claimed by {self._names(others)}"
                line = record.lines.get("aliases")
                out.append(Diagnostic(message, shown, line, Severity.WARNING, "duplicate-alias"))
        claimed = facts.by_alias.get(record.url, set()) - {record.path}
        if claimed:
            message = f"this post's URL {record.url} is an alias of {self._names(claimed)}"
            out.append(Diagnostic(message, shown, 1, Severity.WARNING, "duplicate-alias"))
        return out
