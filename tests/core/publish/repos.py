"""Real git repositories for the publish tests: a bare remote, clones with their own identity."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
}


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git in `cwd` for a test, returning stdout."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def configure(repo: Path) -> None:
    git(repo, "config", "user.name", "Test Writer")
    git(repo, "config", "user.email", "writer@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "config", "init.defaultBranch", "main")


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    configure(path)
    return path


def commit_all(repo: Path, message: str = "commit") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def bare_remote(tmp: Path, work: Path) -> Path:
    """A bare repository `work` pushes to as origin, with main tracking it."""
    remote = tmp / "remote.git"
    git(tmp, "init", "-q", "--bare", "-b", "main", str(remote))
    git(work, "remote", "add", "origin", str(remote))
    git(work, "push", "-q", "-u", "origin", "main")
    return remote


def clone(remote: Path, path: Path) -> Path:
    git(remote.parent, "clone", "-q", str(remote), str(path))
    configure(path)
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HUGO_CONFIG = 'baseURL = "https://example.org/"\ntitle = "Blog"\n'


def post_text(title: str = "A post", extra: str = "", body: str = "Text.\n") -> str:
    return (
        f'---\ntitle: "{title}"\ndescription: "A post."\ndate: 2026-01-01T10:00:00Z\n'
        f"{extra}---\n\n{body}"
    )


def published_site(tmp: Path) -> tuple[Path, Path]:
    """A Hugo site in a repository that pushes to a bare remote: (site, remote)."""
    site = init_repo(tmp / "site")
    write(site / "hugo.toml", HUGO_CONFIG)
    write(site / ".gitignore", "public/\n")
    write(site / "content/posts/old.md", post_text("Old"))
    commit_all(site, "the site")
    return site, bare_remote(tmp, site)


def log(repo: Path, ref: str = "HEAD") -> list[str]:
    """The subjects of `ref`'s commits, newest first."""
    return git(repo, "log", "--format=%s", ref).splitlines()


def files_in(repo: Path, ref: str = "HEAD") -> list[str]:
    """The files `ref`'s last commit changed."""
    return git(repo, "show", "--name-only", "--format=", ref).split()
