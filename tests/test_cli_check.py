"""`python -m editor check [SITE] [PATH...]`: exit codes, formats, and agreement with Hugo."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from editor import cli
from tests.hugo_site import HugoSite, require_hugo

REPO = Path(__file__).resolve().parent.parent
GOOD = '---\ntitle: "Fine"\ndescription: "A fine post."\ndate: 2024-01-01\n---\n'
# posts Hugo's build fails on, each alone beside the good one
FAILING = {
    "posts/unknown.md": GOOD + "\n{{< nosuch >}}\n",
    "posts/broken-ref.md": GOOD + '\nSee [b]({{< ref "does-not-exist" >}}).\n',
    "posts/unclosed.md": GOOD + "\n{{< highlight go >}}\nx := 1\n",
    "posts/youtube.md": GOOD + "\n{{< youtube >}}\n",
    "posts/removed.md": GOOD + '\n{{< tweet user="a" id="1" >}}\n',
    "posts/figure-inner.md": GOOD + '\n{{< figure src="a.png" >}}x{{< /figure >}}\n',
}
# posts Hugo builds (with warnings at most) that check warns about, never an error
BUILDING = {
    "posts/good.md": GOOD + "\n## Hello\n\nText with a [link](/posts/good/).\n",
    "posts/warned.md": GOOD + "\n![](missing.png) [x](nowhere.md)\n\n#### Deep\n\n"
    "```pythn\nx\n```\n\n{{< figure >}}\n",
    "posts/ref.md": GOOD + '\nSee [g]({{< ref "good" >}}) and {{< relref "good.md" >}}.\n',
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def fixture_site(root: Path, posts: dict[str, str]) -> HugoSite:
    site = HugoSite(root)
    for rel, text in posts.items():
        site.add(rel, text)
    site.write_config()
    return site


def test_a_clean_site_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixture_site(tmp_path, {"posts/good.md": BUILDING["posts/good.md"]})
    code, out, err = run(capsys, str(tmp_path))
    assert (code, out) == (0, "")
    assert "0 errors, 0 warnings, 0 info in 1 post" in err


def test_an_error_exits_1_in_each_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture_site(tmp_path, {"posts/unknown.md": FAILING["posts/unknown.md"]})
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1
    assert "unknown.md:7: error: unknown shortcode 'nosuch'" in out and "[unknown-shortcode]" in out
    code, out, _ = run(capsys, str(tmp_path), "--format", "github")
    assert code == 1 and "::error file=" in out and ",line=7,title=unknown-shortcode::" in out
    code, out, _ = run(capsys, str(tmp_path), "--json")
    data = json.loads(out)
    assert (code, data["errors"], data["posts"]) == (1, 1, 1)
    assert data["diagnostics"][0]["code"] == "unknown-shortcode"


def test_paths_limit_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = {"posts/good.md": GOOD, "posts/unknown.md": FAILING["posts/unknown.md"]}
    fixture_site(tmp_path, posts)
    good = tmp_path / "content/posts/good.md"
    assert run(capsys, str(tmp_path), str(good))[0] == 0
    assert run(capsys, str(good))[0] == 0  # the site is found from the post
    assert run(capsys, str(tmp_path / "content"))[0] == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path / "missing"))
    assert code == 2 and "no such file or folder" in err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--format", "yaml"])
    assert exit_info.value.code == 2


@pytest.mark.hugo
@pytest.mark.parametrize("rel", sorted(FAILING))
def test_what_fails_hugo_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str
) -> None:
    site = fixture_site(tmp_path, {"posts/good.md": BUILDING["posts/good.md"], rel: FAILING[rel]})
    assert site.run("--quiet").returncode != 0
    code, out, _ = run(capsys, str(tmp_path), "--json")
    errors = [d for d in json.loads(out)["diagnostics"] if d["severity"] == "error"]
    assert code == 1
    assert errors and {Path(d["file"]).name for d in errors} == {Path(rel).name}


@pytest.mark.hugo
def test_what_hugo_builds_has_no_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = fixture_site(tmp_path, BUILDING)
    built = site.run("--quiet")
    assert built.returncode == 0, built.stderr
    code, out, _ = run(capsys, str(tmp_path), "--json")
    data = json.loads(out)
    assert code == 0 and data["errors"] == 0
    assert {d["code"] for d in data["diagnostics"]} >= {
        "missing-image",
        "broken-link",
        "missing-alt",
    }


@pytest.mark.hugo
def test_the_sample_site_builds_and_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO / "resources" / "sample-site", root)
    built = subprocess.run(
        [require_hugo(), "--quiet"], cwd=root, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr
    code, out, _ = run(capsys, str(root), "--json")
    assert code == 0 and json.loads(out)["errors"] == 0
