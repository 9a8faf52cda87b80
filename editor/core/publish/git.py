"""What the system's `git` says about a site's files.

`parse_porcelain_v2` reads
`git status --porcelain=v2 --branch -z`; `repo_status(site_root)` puts it together with the
files of the commits not yet pushed (`git diff --name-only @{upstream}...HEAD`) into a
`RepoStatus`, whose `state_of(path)` is what the library shows for a post.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from editor.core.publish.runner import (
    LOCAL_SECONDS,
    NETWORK_SECONDS,
    GitError,
    GitOutput,
    run_git,
)

__all__ = [
    "LOCAL_SECONDS",
    "NETWORK_SECONDS",
    "GitError",
    "GitOutput",
    "GitState",
    "PorcelainEntry",
    "PorcelainStatus",
    "RepoStatus",
    "entry_state",
    "parse_porcelain_v2",
    "repo_status",
    "run_git",  # GitError, GitOutput and run_git live in editor.core.publish.runner
]


# --- git status --porcelain=v2 -------------------------------------------------------------


@dataclass(frozen=True)
class PorcelainEntry:
    """One line of porcelain v2: `kind` is "1" (changed), "2" (renamed or copied),
    "u" (unmerged), "?" (untracked) or "!" (ignored); `xy` the index and work-tree letters
    ("." for unchanged; "" for "?" and "!"); paths relative to the repository root, with "/"."""

    kind: str
    xy: str
    path: str
    orig_path: str | None = None


@dataclass(frozen=True)
class PorcelainStatus:
    """The `# branch.*` headers and the entries of one `git status --porcelain=v2 --branch`."""

    oid: str | None = None  # None before the first commit ("(initial)")
    head: str | None = None  # None when detached
    upstream: str | None = None
    ahead: int = 0
    behind: int = 0
    entries: tuple[PorcelainEntry, ...] = ()


# fields before the path: "1 XY sub mH mI mW hH hI path", "2 ... X<score> path",
# "u XY sub m1 m2 m3 mW h1 h2 h3 path"
_FIELDS_BEFORE_PATH = {"1": 8, "2": 9, "u": 10}


def parse_porcelain_v2(text: str) -> PorcelainStatus:
    """Read the output of `git status --porcelain=v2 --branch -z` (records ended by NUL; a
    rename's original path is the next record). Unknown or cut-off records are skipped."""
    records = text.split("\0")
    header: dict[str, str] = {}
    entries: list[PorcelainEntry] = []
    i = 0
    while i < len(records):
        record = records[i]
        i += 1
        if record.startswith("# "):
            name, _, value = record[2:].partition(" ")
            header[name] = value
            continue
        kind = record[:1]
        if kind in ("?", "!") and record[1:2] == " " and len(record) > 2:
            entries.append(PorcelainEntry(kind, "", record[2:]))
            continue
        count = _FIELDS_BEFORE_PATH.get(kind)
        if count is None:
            continue
        parts = record.split(" ", count)
        if len(parts) <= count or len(parts[1]) != 2 or not parts[count]:
            continue
        orig = None
        if kind == "2":
            if i >= len(records) or not records[i]:
                continue  # the original path was cut off
            orig = records[i]
            i += 1
        entries.append(PorcelainEntry(kind, parts[1], parts[count], orig))
    return PorcelainStatus(
        oid=_header_value(header.get("branch.oid"), "(initial)"),
        head=_header_value(header.get("branch.head"), "(detached)"),
        upstream=header.get("branch.upstream") or None,
        ahead=_count(header.get("branch.ab"), "+"),
        behind=_count(header.get("branch.ab"), "-"),
        entries=tuple(entries),
    )


def _header_value(value: str | None, none_word: str) -> str | None:
    return None if not value or value == none_word else value


def _count(ab: str | None, sign: str) -> int:
    for word in (ab or "").split():
        if word[:1] == sign and word[1:].isdigit():
            return int(word[1:])
    return 0


# --- states ---------------------------------------------------------------------------------


class GitState(enum.Enum):
    """A file's state in git, as the library shows it."""

    NEW = "new"  # untracked
    MODIFIED = "modified"  # changed in the work tree (or deleted, or in conflict)
    STAGED = "staged"  # changes added to the index, none since
    UNPUSHED = "unpushed"  # committed, in a commit the upstream does not have
    SYNCED = "synced"  # committed and pushed
    IGNORED = "ignored"  # matched by .gitignore


# how far from "published" a state is: a folder shows the worst of its files
_RANK = {
    GitState.IGNORED: 0,
    GitState.SYNCED: 1,
    GitState.UNPUSHED: 2,
    GitState.STAGED: 3,
    GitState.NEW: 4,
    GitState.MODIFIED: 5,
}


def entry_state(entry: PorcelainEntry) -> GitState:
    """The state one porcelain entry puts its file in."""
    if entry.kind == "?":
        return GitState.NEW
    if entry.kind == "!":
        return GitState.IGNORED
    if entry.kind == "u":
        return GitState.MODIFIED
    index, worktree = entry.xy[0], entry.xy[1]
    if worktree != ".":
        return GitState.MODIFIED
    return GitState.STAGED if index != "." else GitState.SYNCED


_OPERATIONS = (  # (what in the git folder shows it, the operation's name)
    ("rebase-merge", "rebase"),
    ("rebase-apply/applying", "am"),
    ("rebase-apply", "rebase"),
    ("MERGE_HEAD", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("BISECT_LOG", "bisect"),
    ("sequencer", "cherry-pick"),
)


def operation_in_progress(git_dir: Path) -> str | None:
    """The operation git is in the middle of in this work tree ("rebase", "merge", ...)."""
    for marker, name in _OPERATIONS:
        if (git_dir / marker).exists():
            return name
    return None


@dataclass(frozen=True)
class RepoStatus:
    """A site's repository at one moment: its branch, how it stands against its upstream,
    any operation in progress, and the state of every file that is not simply SYNCED."""

    root: Path  # the work tree's top folder (resolved)
    branch: str | None  # None when HEAD is detached
    upstream: str | None  # "origin/main", or None when the branch tracks nothing
    ahead: int
    behind: int  # as of the last fetch
    operation: str | None  # "rebase", "merge", "cherry-pick", "revert", "bisect", "am" or None
    states: Mapping[Path, GitState]  # absolute paths; files in SYNCED are not listed
    git_dir: Path | None = None
    head: str | None = None  # the commit HEAD names; None before the first commit
    conflicted: tuple[Path, ...] = ()  # files git left unmerged
    ignored_folders: tuple[Path, ...] = field(default=())

    def state_of(self, path: Path) -> GitState:
        """A file's state (SYNCED for a tracked, clean one). A leaf bundle's `index.*` or a
        folder stands for the whole folder: the worst state of the files in it, where a new
        file beside a tracked post makes the post MODIFIED."""
        path = self._key(path)
        own = self._file_state(path)
        if own is GitState.IGNORED:
            return own
        is_folder = path.is_dir()
        if is_folder:
            folder, worst, tracked_post = path, GitState.SYNCED, False
        elif path.name.split(".")[0] == "index":
            folder, worst, tracked_post = path.parent, own, own is not GitState.NEW
        else:
            return own
        for other, state in self._under.get(folder, ()):
            if other == path:
                continue
            if state is GitState.NEW and tracked_post:
                state = GitState.MODIFIED
            if _RANK[state] > _RANK[worst]:
                worst = state
        return worst

    def _key(self, path: Path) -> Path:
        """`path` as `states` names it: absolute, resolved (only when it is not plainly
        inside the work tree already, as resolving costs a system call per folder)."""
        if path.is_absolute():
            plain = Path(os.path.normpath(path))
            if plain.is_relative_to(self.root):
                return plain
        return _absolute(path)

    @cached_property
    def _under(self) -> dict[Path, list[tuple[Path, GitState]]]:
        """Each folder with the listed files anywhere under it (so a look-up is cheap)."""
        out: dict[Path, list[tuple[Path, GitState]]] = {}
        for path, state in self.states.items():
            for folder in path.parents:
                out.setdefault(folder, []).append((path, state))
                if folder == self.root:
                    break
        return out

    @cached_property
    def _ignored(self) -> frozenset[Path]:
        return frozenset(self.ignored_folders)

    def _file_state(self, path: Path) -> GitState:
        state = self.states.get(path)
        if state is not None:
            return state
        if self._ignored and not self._ignored.isdisjoint(path.parents):
            return GitState.IGNORED
        return GitState.SYNCED


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def repo_status(site_root: Path) -> RepoStatus | None:
    """The status of the git work tree `site_root` is in (only its files under `site_root`),
    or None when it is in none, or git is missing or fails. Reads only: fetches nothing."""
    try:
        return _repo_status(_absolute(site_root))
    except GitError:
        return None


def repository_paths(folder: Path) -> tuple[Path, Path] | None:
    """(work tree top, git folder) of the repository `folder` is in, or None."""
    found = run_git(["rev-parse", "--show-toplevel", "--absolute-git-dir"], folder, read_only=True)
    lines = found.text.splitlines()
    if not found.ok or len(lines) < 2 or not lines[0]:
        return None  # not a work tree (or a bare repository, or inside .git)
    return _absolute(Path(lines[0])), Path(lines[1])


def _repo_status(site_root: Path) -> RepoStatus | None:
    if not site_root.is_dir():
        return None
    paths = repository_paths(site_root)
    if paths is None:
        return None
    root, git_dir = paths
    spec = _pathspec(root, site_root)
    done = run_git(
        ["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all",
         "--ignored=matching", "--no-renames", "--", spec],
        root,
        read_only=True,
    )  # fmt: skip
    if not done.ok:
        return None
    parsed = parse_porcelain_v2(done.text)
    states: dict[Path, GitState] = {}
    if parsed.upstream and parsed.ahead and parsed.oid:
        for name in _unpushed_files(root, spec):
            states[root / name] = GitState.UNPUSHED
    ignored: list[Path] = []
    conflicted: list[Path] = []
    for entry in parsed.entries:
        path = root / entry.path.rstrip("/")
        if entry.kind == "!" and entry.path.endswith("/"):
            ignored.append(path)
            continue
        state = entry_state(entry)
        if entry.kind == "u":
            conflicted.append(path)
        if state is not GitState.SYNCED:
            states[path] = state
    return RepoStatus(
        root=root,
        branch=parsed.head,
        upstream=parsed.upstream,
        ahead=parsed.ahead,
        behind=parsed.behind,
        operation=operation_in_progress(git_dir),
        states=states,
        git_dir=git_dir,
        head=parsed.oid,
        conflicted=tuple(conflicted),
        ignored_folders=tuple(ignored),
    )


def _pathspec(root: Path, site_root: Path) -> str:
    try:
        relative = site_root.relative_to(root).as_posix()
    except ValueError:
        return ":/"
    return ":/" if relative == "." else f":(top,literal){relative}"


def _unpushed_files(root: Path, spec: str) -> list[str]:
    """The files the commits ahead of the upstream change."""
    done = run_git(
        ["diff", "--name-only", "-z", "--no-renames", "@{upstream}...HEAD", "--", spec],
        root,
        read_only=True,
    )
    return [name for name in done.text.split("\0") if name] if done.ok else []
