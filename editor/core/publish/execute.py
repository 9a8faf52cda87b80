"""Carrying out a `PublishPlan`: edit the fields, commit exactly its files, pull, push.

The fields (`draft`, `date`) are edited losslessly and written atomically first. Then
`git add` and `git commit --only` take the plan's files and nothing else (files the user
staged for something else stay staged and uncommitted). When pushing, the upstream is
fetched; a branch behind it is pulled as the repository says (`pull.rebase`,
`branch.<name>.rebase`; a merge otherwise). A conflict stops everything with the repository
left as git left it and a message saying how to finish. git's own words are shown whenever
it refuses (authentication, a rejected push, a hook).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.post.model import Post, PostError
from editor.core.post.storage import StorageError
from editor.core.publish.git import RepoStatus, repo_status
from editor.core.publish.plan import (
    PublishOptions,
    PublishPlan,
    edited_post,
    publish_time,
    refusal,
)
from editor.core.publish.runner import (
    LOCAL_SECONDS,
    NETWORK_SECONDS,
    GitError,
    GitOutput,
    run_git,
)
from editor.core.site.model import SiteConfig

__all__ = ["PublishResult", "publish"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PublishResult:
    """What publishing did: `ok` when every asked step succeeded; `message` says what
    happened (git's own text when it refused); `steps` lists what was done, in order."""

    ok: bool
    committed: str | None  # the new commit's sha, None when nothing was committed
    pushed: bool
    pulled: bool
    message: str
    steps: tuple[str, ...] = ()


class _StopError(Exception):
    """Publishing stops here with this message."""


class _Run:
    """One publishing run: the steps done so far, reported as they start."""

    def __init__(self, root: Path, progress: Progress | None) -> None:
        self.root = root
        self.progress = progress
        self.steps: list[str] = []
        self.committed: str | None = None
        self.pulled = False
        self.pushed = False

    def step(self, text: str) -> None:
        self.steps.append(text)
        if self.progress is not None:
            self.progress(text)

    def git(self, *args: str, network: bool = False) -> GitOutput:
        timeout = NETWORK_SECONDS if network else LOCAL_SECONDS
        return run_git(list(args), self.root, timeout=timeout)

    def result(self, ok: bool, message: str) -> PublishResult:
        return PublishResult(
            ok, self.committed, self.pushed, self.pulled, message, tuple(self.steps)
        )


def publish(
    site: SiteConfig,
    plan: PublishPlan,
    options: PublishOptions,
    progress: Progress | None = None,
) -> PublishResult:
    """Publish `plan`'s posts (see the module's docstring). Never raises for git's refusals
    or a file that cannot be written: the result says what happened."""
    if plan.blocked:
        return PublishResult(False, None, False, False, plan.reason)
    status = repo_status(Path(site.root))
    reason = refusal(status, Path(site.root))
    if status is None or reason:
        return PublishResult(False, None, False, False, reason)
    run = _Run(status.root, progress)
    try:
        _edit_fields(run, plan.posts, options, site.meta_lines)
        _commit(run, plan.files, options.message.strip() or plan.default_message)
        if not options.push:
            return run.result(True, _done_message(run, status))
        _sync(run, status)
        _push(run, status)
    except _StopError as stop:
        return run.result(False, str(stop))
    except GitError as exc:
        return run.result(False, _with_commit(run, str(exc)))
    return run.result(True, _done_message(run, status))


def _edit_fields(run: _Run, posts: Sequence[Path], options: PublishOptions, meta: bool) -> None:
    if not (options.undraft or options.set_date):
        return
    now = publish_time(options)
    for path in posts:
        try:
            post = Post.load(path, meta=meta)
            edited = edited_post(post, options, now)
            if edited.text != post.text:
                run.step(f"Set {_fields_named(post, options)} in {_name(run, path)}")
                edited.save(path)
        except (PostError, StorageError, OSError, ValueError) as exc:
            raise _StopError(f"{path}: the front matter was not changed: {exc}") from exc


def _fields_named(post: Post, options: PublishOptions) -> str:
    names = []
    if options.undraft and post.draft:
        names.append("draft = false")
    if options.set_date:
        names.append("date = now")
    return " and ".join(names)


def _name(run: _Run, path: Path) -> str:
    try:
        return path.relative_to(run.root).as_posix()
    except ValueError:
        return str(path)


def _commit(run: _Run, files: Sequence[Path], message: str) -> None:
    """`git add` and `git commit --only` exactly `files` (nothing when none changed)."""
    names = [_name(run, f) for f in files]
    if not names:
        return
    with tempfile.NamedTemporaryFile("wb", prefix="inkpost-publish-", suffix=".txt") as spec:
        spec.write(b"".join(n.encode("utf-8", "surrogateescape") + b"\0" for n in names))
        spec.flush()
        paths = ["--pathspec-from-file", spec.name, "--pathspec-file-nul"]
        added = run.git("--literal-pathspecs", "add", *paths)
        if not added.ok:
            raise _StopError(f"git add refused the files:\n{added.message()}")
        staged = run.git("diff", "--cached", "--name-only", "--no-renames", "-z")
        if not staged.ok:
            raise _StopError(f"git diff failed:\n{staged.message()}")
        if not set(names) & set(staged.text.split("\0")):
            return  # nothing changed in these files: nothing to commit
        count = len(names)
        run.step(f"Commit {count} file{'s' if count != 1 else ''}: {message.splitlines()[0]}")
        done = run.git("--literal-pathspecs", "commit", "--only", "-m", message, *paths)
    if not done.ok:
        raise _StopError(f"git commit refused:\n{done.message()}")
    head = run.git("rev-parse", "HEAD")
    run.committed = head.text.strip() or None


def _sync(run: _Run, status: RepoStatus) -> None:
    """Fetch the upstream; pull it when the branch is behind."""
    if status.upstream is None:
        return  # `git push` says what to do (or sets it up: push.autoSetupRemote)
    run.step(f"Fetch {status.upstream}")
    fetched = run.git("fetch", network=True)
    if not fetched.ok:
        raise _StopError(_with_commit(run, f"git fetch failed:\n{fetched.message()}"))
    behind = run.git("rev-list", "--count", "HEAD..@{upstream}")
    if not behind.ok or int(behind.text.strip() or 0) == 0:
        return
    rebase = _configured_rebase(run, status.branch)
    how = "rebase" if rebase else "merge"
    run.step(f"Pull {status.upstream} ({how}): the branch is {behind.text.strip()} behind")
    args = ["pull", "--no-edit"] if rebase is not None else ["pull", "--no-edit", "--no-rebase"]
    pulled = run.git(*args, network=True)
    if pulled.ok:
        run.pulled = True
        return
    after = repo_status(run.root)
    if after is not None and (after.conflicted or after.operation):
        raise _StopError(_conflict_message(run, after, pulled))
    raise _StopError(_with_commit(run, f"git pull failed:\n{pulled.message()}"))


def _configured_rebase(run: _Run, branch: str | None) -> bool | None:
    """What the repository says a pull does: True (rebase), False (merge), None (unset)."""
    for key in (f"branch.{branch}.rebase", "pull.rebase"):
        if branch is None and key.startswith("branch."):
            continue
        value = run.git("config", "--get", key)
        if value.ok and value.text.strip():
            return value.text.strip().lower() not in ("false", "no", "off", "0")
    return None


def _conflict_message(run: _Run, after: RepoStatus, pulled: GitOutput) -> str:
    names = [_name(run, p) for p in after.conflicted] or ["(see git status)"]
    if after.operation == "rebase":
        finish = "then `git rebase --continue` (or `git rebase --abort` to go back)"
    else:
        finish = "then `git commit` (or `git merge --abort` to go back)"
    kept = f" Your posts are committed in {run.committed[:10]}." if run.committed else ""
    return (
        f"Pulling stopped on a conflict in {', '.join(names)}. The repository is left as git "
        f"left it: edit the conflicting files to keep the text you want, `git add` them, "
        f"{finish}, and publish again. Inkpost resolves no conflict itself.{kept}\n\n"
        f"git said:\n{pulled.message()}"
    )


def _push(run: _Run, status: RepoStatus) -> None:
    target = status.upstream or f"a new upstream for {status.branch}"
    run.step(f"Push to {target}")
    pushed = run.git("push", network=True)
    if pushed.ok:
        run.pushed = True
        return
    if status.upstream is None:
        raise _StopError(
            _with_commit(
                run,
                f"the branch {status.branch!r} has no upstream to push to "
                f"(set one: git push -u REMOTE {status.branch}).\n\ngit said:\n{pushed.message()}",
            )
        )
    raise _StopError(_with_commit(run, f"git push failed:\n{pushed.message()}"))


def _with_commit(run: _Run, message: str) -> str:
    if run.committed:
        return f"Committed {run.committed[:10]}, but not published: {message}"
    return message


def _done_message(run: _Run, status: RepoStatus) -> str:
    parts = []
    if run.committed:
        parts.append(f"Committed {run.committed[:10]}")
    else:
        parts.append("Nothing new to commit")
    if run.pulled:
        parts.append(f"pulled {status.upstream}")
    if run.pushed:
        parts.append(f"pushed to {status.upstream or 'the new upstream'}")
    return ", ".join(parts) + "."
