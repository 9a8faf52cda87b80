"""`python -m editor publish [SITE] PATH...`: exit codes, --json, the options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from tests.core.publish.repos import git, log, post_text, published_site, write

REPO = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["publish", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_publish_a_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, remote = published_site(tmp_path)
    post = write(site / "content/posts/a.md", post_text("Hello", extra="draft: true\n"))

    code, out, err = run(capsys, str(site), str(post), "--undraft", "-m", "Hello world")

    assert code == 0, err
    assert "pushed to origin/main" in out
    assert "... Push to origin/main" in err
    assert log(remote, "main")[0] == "Hello world"
    assert "draft: false" in git(remote, "show", "main:content/posts/a.md")


def test_json_and_no_push(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, remote = published_site(tmp_path)
    before = git(remote, "rev-parse", "main").strip()
    post = write(site / "content/posts/a.md", post_text("Json", body="![x](/nope.png)\n"))

    code, out, _err = run(capsys, str(post), "--no-push", "--json")

    data = json.loads(out)
    assert code == 0
    assert data["ok"] and not data["pushed"] and not data["blocked"]
    assert data["committed"] == git(site, "rev-parse", "HEAD").strip()
    assert data["files"] == [str(post.resolve())]
    assert [p["code"] for p in data["problems"]] == ["missing-image"]
    assert git(remote, "rev-parse", "main").strip() == before
    assert log(site)[0] == "Publish Json"


def test_check_errors_exit_1_and_commit_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, _remote = published_site(tmp_path)
    head = git(site, "rev-parse", "HEAD").strip()
    post = write(site / "content/posts/bad.md", "---\ntitle: [oops\n---\nText\n")

    code, out, err = run(capsys, str(site), str(post))

    assert code == 1
    assert "error" in out and "bad.md" in out
    assert "fix them first" in err
    assert git(site, "rev-parse", "HEAD").strip() == head


def test_git_refusing_exits_1_with_git_s_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, remote = published_site(tmp_path)
    hook = write(remote / "hooks/pre-receive", "#!/bin/sh\necho 'closed for repairs' >&2\nexit 1\n")
    hook.chmod(0o755)
    post = write(site / "content/posts/a.md", post_text())
    code, _out, err = run(capsys, str(post))
    assert code == 1
    assert "closed for repairs" in err


def test_usage_problems_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, _remote = published_site(tmp_path)
    assert run(capsys, str(site / "content/posts/nope.md"))[0] == 2
    code, _out, err = run(capsys, str(site))
    assert code == 2 and "name the posts" in err
    empty = site / "content/empty"
    empty.mkdir()
    code, _out, err = run(capsys, str(site), str(empty))
    assert code == 2 and "no post to publish" in err


def test_the_command_runs_as_a_module(tmp_path: Path) -> None:
    site, remote = published_site(tmp_path)
    post = write(site / "content/posts/a.md", post_text("Module"))
    done = subprocess.run(
        [sys.executable, "-m", "editor", "publish", str(post), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pushed"] is True
    assert log(remote, "main")[0] == "Publish Module"
