"""`SiteChecker`: every check on one post or on the whole site, as `Diagnostic`s with a code.

    checker = SiteChecker(site)               # a SiteConfig; settings read from the site
    problems = checker.check_post(post)       # after an edit: cheap, facts reused
    report = checker.check_site()             # every post (or only those under `paths`)

Site-wide facts (each post's URL, slug and aliases; shortcode names; content files) are
gathered once, on first use, and kept current: `check_post` records the post's new facts
before comparing it with the others, `forget(path)` drops a deleted post.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editor.core.checks import front, links, shortcodes  # noqa: F401  (they register checks)
from editor.core.checks.facts import PostRecord, SiteFacts
from editor.core.checks.registry import CHECKS, site_check
from editor.core.checks.settings import CheckSettings, load_settings
from editor.core.checks.view import PostView
from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.model import Post
from editor.core.site.model import SiteConfig

__all__ = ["CheckReport", "SiteChecker"]

site_check("duplicate-slug", Severity.WARNING, "the same slug as another post of the section")
site_check("duplicate-url", Severity.WARNING, "the same URL as another post: one hides the other")
site_check("duplicate-alias", Severity.WARNING, "an alias another post also claims")

_POOL_MIN = 400  # fewer posts are checked faster than child processes start
_CHUNK = 250
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
    return sorted(diagnostics, key=lambda d: (str(d.file or ""), d.line or 0, _ORDER[d.severity]))


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
        record = None
        if post.path is not None:
            key = post.path.resolve()
            record = self.facts.update(key, post.metadata, post.front_matter, post.fm_format)
        view = PostView(post, self.facts, self.settings, self.now, record)
        out: list[Diagnostic] = []
        for check in self._post_checks:
            assert check.run is not None
            for finding in check.run(view):
                severity = finding.severity or check.severity
                out.append(Diagnostic(finding.message, post.path, finding.line, severity, check.id))
        if record is not None:
            out.extend(self._duplicates(record, post.path or record.path))
        return _sorted(out)

    def check_file(self, path: Path) -> list[Diagnostic]:
        """`check_post` of the file as saved; a file that cannot be read is one error."""
        try:
            post = Post.load(path)
        except (OSError, ValueError) as exc:
            if self.settings.enabled("front-matter"):
                return [Diagnostic(str(exc), path, None, Severity.ERROR, "front-matter")]
            return []
        return self.check_post(post)

    # the site

    def check_site(
        self,
        paths: Iterable[Path] | None = None,
        cancel: Callable[[], bool] | None = None,
        *,
        workers: int = 1,
    ) -> CheckReport:
        """Check every post (or the posts at or under `paths`); with `workers` > 1 the posts
        are checked in that many child processes, which receive the gathered facts."""
        self.gather(cancel)
        targets = sorted(self.facts.records)
        if paths is not None:
            wanted = {Path(p).resolve() for p in paths}
            targets = [t for t in targets if t in wanted or not wanted.isdisjoint(t.parents)]
        out: list[Diagnostic] = list(self.settings.diagnostics) + list(self.facts.problems)
        checked = 0
        for found in self._check_files(targets, cancel, workers):
            out.extend(found)
            checked += 1
        return CheckReport(tuple(_sorted(out)), checked)

    def _check_files(
        self, targets: list[Path], cancel: Callable[[], bool] | None, workers: int
    ) -> Iterator[list[Diagnostic]]:
        if workers <= 1 or len(targets) < _POOL_MIN:
            for path in targets:
                if cancel is not None and cancel():
                    return
                yield self.check_file(path)
            return
        chunks = [targets[i : i + _CHUNK] for i in range(0, len(targets), _CHUNK)]
        context = multiprocessing.get_context("spawn")  # no fork of a threaded (GUI) process
        state = (self.site, self.settings, self.facts, self._now)
        with ProcessPoolExecutor(workers, context, _start_worker, (state,)) as pool:
            for results in pool.map(_check_chunk, chunks):
                if cancel is not None and cancel():
                    pool.shutdown(cancel_futures=True)
                    return
                yield from results

    # site-wide checks of one post

    def _names(self, paths: Iterable[Path]) -> str:
        names = []
        for path in sorted(paths)[:3]:
            try:
                names.append(path.relative_to(self.facts.library.root).as_posix())
            except ValueError:
                names.append(str(path))
        return ", ".join(names)

    def _duplicates(self, record: PostRecord, shown: Path) -> list[Diagnostic]:
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


# --- child processes of check_site ----------------------------------------------------------

_worker: SiteChecker | None = None


def _start_worker(state: tuple[SiteConfig, CheckSettings, SiteFacts, datetime | None]) -> None:
    global _worker
    site, settings, facts, now = state
    _worker = SiteChecker(site, settings, now=now)
    _worker.facts = facts


def _check_chunk(paths: list[Path]) -> list[list[Diagnostic]]:
    assert _worker is not None
    return [_worker.check_file(path) for path in paths]
