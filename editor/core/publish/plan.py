"""What publishing some posts would commit, and what stands in its way.

`plan_publish(site, posts, options)` checks each post as it will be published (after the
`draft`/`date` edits the options ask for), gathers the files to commit (the posts, their page
bundle's files, the static images they show) and refuses, with a reason, a repository that is
mid-rebase or mid-merge, a detached HEAD, a folder that is no git work tree, or a post with a
check error. Nothing is written: `editor.core.publish.execute.publish` carries a plan out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core.checks import SiteChecker
from editor.core.checks.document import PLACEHOLDER, parse_body
from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.fields import lookup
from editor.core.post.model import Post, PostError
from editor.core.publish.git import GitState, RepoStatus, repo_status
from editor.core.site.model import SiteConfig

__all__ = [
    "PublishOptions",
    "PublishPlan",
    "edited_post",
    "plan_publish",
    "publish_time",
    "refusal",
]

_UNCOMMITTED = (GitState.NEW, GitState.MODIFIED, GitState.STAGED)
_SUFFIXES = (".md", ".markdown", ".mdown")


@dataclass(frozen=True)
class PublishOptions:
    """How to publish: the commit message ("" for the plan's default), whether to push, and
    the lossless field edits made before the commit (`date` to now, `draft` to false)."""

    message: str = ""
    push: bool = True
    set_date: bool = False
    undraft: bool = False
    now: datetime | None = None  # the date `set_date` writes (default: the moment of publishing)


@dataclass(frozen=True)
class PublishPlan:
    """The posts to publish, the files the commit will hold, what the checks found."""

    posts: tuple[Path, ...]
    files: tuple[Path, ...]  # posts + bundle files + referenced static images, with changes
    problems: tuple[Diagnostic, ...]  # errors block; warnings and info are listed
    default_message: str
    blocked: bool
    reason: str  # why it is blocked ("" when not)
    root: Path | None = None  # the repository's work tree
    branch: str | None = None
    upstream: str | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.problems if d.severity == Severity.ERROR)


def publish_time(options: PublishOptions) -> datetime:
    """The date `set_date` writes: the options' `now`, else this second in local time."""
    return options.now or datetime.now().astimezone().replace(microsecond=0)


def edited_post(post: Post, options: PublishOptions, now: datetime) -> Post:
    """`post` with the options' field edits (lossless; raises PostError when impossible)."""
    if options.undraft and post.draft:
        post = _undrafted(post)
    if options.set_date:
        post = post.with_field("date", now)
    return post


def _undrafted(post: Post) -> Post:
    """`post` with what makes it a draft set as its generator writes it: Pelican's
    `Status: published`, Jekyll's `published: true` (with no `draft`), else `draft: false`."""
    status = lookup(post.metadata, "status")[1]
    if post.meta and isinstance(status, str) and status.strip().lower() == "draft":
        post = post.with_field("status", "published")
    unpublished = lookup(post.metadata, "published")[1] is False
    if post.draft and unpublished and lookup(post.metadata, "draft")[0] is None:
        post = post.with_field("published", True)
    if post.draft:
        post = post.with_field("draft", False)
    return post


def refusal(status: RepoStatus | None, folder: Path) -> str:
    """Why the repository cannot be published from right now ("" when it can)."""
    if status is None:
        return f"{folder} is not in a git repository (or git is not installed)"
    if status.operation is not None:
        finish = {
            "rebase": "git rebase --continue (or git rebase --abort)",
            "merge": "git commit (or git merge --abort)",
            "cherry-pick": "git cherry-pick --continue (or git cherry-pick --abort)",
            "revert": "git revert --continue (or git revert --abort)",
            "bisect": "git bisect reset",
            "am": "git am --continue (or git am --abort)",
        }.get(status.operation, f"git {status.operation} --abort")
        return (
            f"the repository is in the middle of a {status.operation}: finish it first "
            f"({finish}), then publish"
        )
    if status.branch is None:
        return (
            "HEAD is detached (no branch is checked out): check out the branch to publish "
            "(git switch BRANCH), then publish"
        )
    return ""


def plan_publish(site: SiteConfig, posts: Sequence[Path], options: PublishOptions) -> PublishPlan:
    """What publishing `posts` (post files, bundle folders or folders of posts) would do."""
    root = Path(site.root)
    status = repo_status(root)
    checker = SiteChecker(site) if site.is_hugo else None
    chosen = _post_files(posts, checker)
    problems: list[Diagnostic] = []
    files: dict[Path, None] = {}
    now = publish_time(options)
    for path in chosen:
        problems.extend(_check(path, checker, options, now, site.meta_lines))
        files[path] = None
        for extra in _companions(path, checker, status):
            files.setdefault(extra, None)
    if checker is not None:
        wanted = set(chosen)
        site_wide = [*checker.settings.diagnostics, *checker.facts.problems]
        problems[:0] = [d for d in site_wide if d.file is None or d.file.resolve() in wanted]
    problems.extend(_outside(files, status, chosen))
    committed = tuple(f for f in files if _to_commit(f, status, chosen))
    reason = refusal(status, root) or _blocking(chosen, problems, posts)
    return PublishPlan(
        posts=tuple(chosen),
        files=committed,
        problems=tuple(problems),
        default_message=_default_message(chosen, site.meta_lines),
        blocked=bool(reason),
        reason=reason,
        root=status.root if status else None,
        branch=status.branch if status else None,
        upstream=status.upstream if status else None,
    )


def _blocking(chosen: Sequence[Path], problems: Iterable[Diagnostic], asked: Sequence[Path]) -> str:
    if not chosen:
        missing = [str(p) for p in asked if not Path(p).exists()]
        return f"no such post: {', '.join(missing)}" if missing else "no post to publish"
    errors = [d for d in problems if d.severity == Severity.ERROR]
    if errors:
        count = len(errors)
        return f"the checks found {count} error{'s' if count != 1 else ''}: fix them first"
    return ""


def _post_files(posts: Sequence[Path], checker: SiteChecker | None) -> list[Path]:
    """The post files named: a file itself, a leaf bundle's index, the posts under a folder."""
    out: dict[Path, None] = {}
    for given in posts:
        path = Path(given).resolve()
        if path.is_file():
            out[path] = None
        elif path.is_dir():
            index = [p for p in sorted(path.glob("index.*")) if p.suffix.lower() in _SUFFIXES]
            if index:
                out[index[0]] = None
                continue
            if checker is not None:
                checker.gather()
                found = sorted(p for p in checker.facts.records if p.is_relative_to(path))
            else:
                found = sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES)
            out.update(dict.fromkeys(found))
    return list(out)


def _check(
    path: Path, checker: SiteChecker | None, options: PublishOptions, now: datetime, meta: bool
) -> list[Diagnostic]:
    """The checks' findings on the post as it will be published (`meta`: the site reads
    `Key: value` metadata lines)."""
    try:
        post = Post.load(path, meta=meta)
    except (OSError, ValueError) as exc:
        return [Diagnostic(str(exc), path, None, Severity.ERROR, "front-matter")]
    try:
        post = edited_post(post, options, now)
    except PostError as exc:
        return [Diagnostic(exc.message, path, None, Severity.ERROR, "front-matter")]
    return checker.check_post(post) if checker is not None else []


def _is_bundle(path: Path) -> bool:
    return path.name.split(".")[0] == "index"


def _companions(path: Path, checker: SiteChecker | None, status: RepoStatus | None) -> list[Path]:
    """A leaf bundle's other files (deleted ones too) and the static images the post shows."""
    out: list[Path] = []
    if _is_bundle(path):
        folder = path.parent
        out.extend(p for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink())
        if status is not None:
            out.extend(p for p in status.states if p.is_relative_to(folder) and not p.exists())
    if checker is not None:
        out.extend(_static_images(path, checker))
    return [p for p in out if p != path]


def _static_images(path: Path, checker: SiteChecker) -> list[Path]:
    """The files in the site's static folders the post's images point at."""
    try:
        post = Post.load(path)
    except (OSError, ValueError):
        return []
    record = checker.facts.records.get(path)
    page_url = record.url if record is not None else "/"
    found: list[Path] = []
    for link in parse_body(post.body, post.body_line, post.path).links:
        if not link.image or PLACEHOLDER in link.url:
            continue
        parts = urlsplit(link.url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        local = unquote(parts.path)
        if not local.startswith("/") and _is_bundle(path) and (path.parent / local).is_file():
            continue  # a bundle resource, already in
        url = local if local.startswith("/") else posixpath.join(page_url, local)
        static = checker.facts.static_file(posixpath.normpath(url))
        if static is not None:
            found.append(static.resolve())
    return found


def _outside(
    files: Iterable[Path], status: RepoStatus | None, posts: Sequence[Path]
) -> list[Diagnostic]:
    """Files git will not publish: an error for a post, a warning for a file it shows."""
    if status is None:
        return []
    out = []
    for path in files:
        severity = Severity.ERROR if path in posts else Severity.WARNING
        if not path.is_relative_to(status.root):
            message = f"{path.name} is outside the repository ({status.root}): not published"
            out.append(Diagnostic(message, path, None, severity, "publish"))
        elif status.state_of(path) is GitState.IGNORED:
            message = f"{path.name} is ignored by git (.gitignore): it will not be published"
            out.append(Diagnostic(message, path, None, severity, "publish"))
    return out


def _to_commit(path: Path, status: RepoStatus | None, posts: Sequence[Path]) -> bool:
    """Is `path` a file the commit takes: inside the work tree, not ignored, and changed (a
    post is always taken: its fields may be edited)."""
    if status is None or not path.is_relative_to(status.root):
        return False
    state = status.state_of(path) if path.exists() else status.states.get(path)
    if state is GitState.IGNORED:
        return False
    return path in posts or state in _UNCOMMITTED


def _default_message(posts: Sequence[Path], meta: bool) -> str:
    titles = []
    for path in posts:
        try:
            title = Post.load(path, meta=meta).title
        except (OSError, ValueError):
            title = ""
        titles.append(title or (path.parent.name if _is_bundle(path) else path.stem))
    if not titles:
        return "Publish"
    if len(titles) == 1:
        return f"Publish {titles[0]}"
    shown = ", ".join(titles[:3]) + (", ..." if len(titles) > 3 else "")
    return f"Publish {len(titles)} posts: {shown}"
