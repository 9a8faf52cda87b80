"""`python -m editor library`: table, JSON, search, drafts (no Qt)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    posts = root / "content" / "posts"
    (posts / "one.md").write_text(
        "---\ntitle: One\ndate: 2024-01-02\ntags: [go]\n---\nHello *static* world.\n",
        encoding="utf-8",
    )
    (posts / "two.md").write_text(
        "---\ntitle: Two\ndate: 2024-02-03\ndraft: true\n---\nA draft about static sites.\n",
        encoding="utf-8",
    )
    (posts / "bad.md").write_text("---\ntitle: [x\n---\nbroken\n", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["library", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(site), "--json", "--index", str(tmp_path / "i.sqlite"))
    assert code == 0
    records = json.loads(out)
    assert [r["path"] for r in records] == [
        "content/posts/two.md",
        "content/posts/one.md",
        "content/posts/bad.md",
    ]
    one = records[1]
    assert {k: one[k] for k in ("title", "date", "draft", "tags", "words", "reading_time")} == {
        "title": "One",
        "date": "2024-01-02T00:00:00+00:00",
        "draft": False,
        "tags": ["go"],
        "words": 3,
        "reading_time": 1,
    }
    assert one["figures_exact"] is True
    assert records[2]["title"] == "" and records[2]["warnings"]  # no title, as in Hugo


def test_search_and_drafts(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "i.sqlite")
    _, out, _ = run(capsys, str(site), "--json", "--index", index, "--search", "stat")
    assert sorted(r["title"] for r in json.loads(out)) == ["One", "Two"]
    assert all("snippet" in r for r in json.loads(out))
    _, out, _ = run(capsys, str(site), "--json", "--index", index, "--drafts")
    assert [r["title"] for r in json.loads(out)] == ["Two"]
    _, out, _ = run(capsys, str(site), "--json", "--index", index, "--search", '"unclosed')
    assert json.loads(out) == []


def test_table(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(site), "--index", str(tmp_path / "i.sqlite"), "--estimate")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2024-02-03  draft") and lines[0].endswith("Two")
    assert "! bad" in out
    assert err.strip() == "3 posts"


def test_default_index_goes_to_the_cache(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("INKPOST_CACHE_DIR")  # the platform's cache folder, as for a user
    result = subprocess.run(
        [sys.executable, "-m", "editor", "library", str(site), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert len(json.loads(result.stdout)) == 3
    assert len(list((tmp_path / "cache" / "inkpost" / "library").glob("*.sqlite"))) == 1
