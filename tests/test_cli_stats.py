"""`python -m editor stats|render`: figures and HTML per post, JSON or text, sites found upwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import editor.core.markdown.renderer  # noqa: F401  (a broken module must fail, not skip)
from editor import cli

POST = """---
title: "Hello & welcome"
date: 2024-03-09T10:00:00+01:00
draft: true
---
First paragraph with five words.

<!--more-->

Second paragraph &amp; more.
"""


def _site(root: Path, config: str = "") -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    if config:
        (root / "hugo.toml").write_text(config, encoding="utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_has_the_keys_and_hugos_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path)
    post = root / "content" / "posts" / "hello.md"
    post.write_text(POST, encoding="utf-8")
    code, out, _ = _run(capsys, "stats", "--json", str(post))
    assert code == 0
    (row,) = json.loads(out)
    assert set(row) >= {"path", "title", "date", "draft", "words", "reading_time", "summary"}
    assert row["path"] == str(post)
    assert row["title"] == "Hello & welcome"
    assert row["date"] == "2024-03-09T10:00:00+01:00"
    assert row["draft"] is True
    assert (row["words"], row["reading_time"]) == (9, 1)
    assert row["summary"] == "First paragraph with five words."


def test_stats_text_output_and_automatic_summary_with_site_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path, 'summaryLength = 2\ntitle = "S"\n')
    post = root / "content" / "posts" / "a.md"
    post.write_text("---\ntitle: A\n---\nOne two three.\n\nFour five.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "stats", str(post))
    assert code == 0
    assert "title: A\n" in out and "words: 5\n" in out and "reading_time: 1\n" in out
    assert "summary: One two three.\n" in out and "draft: false\n" in out


def test_render_gives_the_body_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    post = root / "content" / "posts" / "hello.md"
    post.write_text(POST, encoding="utf-8")
    code, out, _ = _run(capsys, "render", "--json", str(post))
    assert code == 0
    (row,) = json.loads(out)
    assert row["path"] == str(post)
    assert row["html"].startswith("<p>First paragraph with five words.</p>")
    assert "data-line" not in row["html"] and "<!--more-->" not in row["html"]
    code, out, _ = _run(capsys, "render", str(post))
    assert out == row["html"]


def test_site_option_and_folders_and_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path / "site", "summaryLength = 1\n")
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "a.md").write_text("One two.\n\nThree.\n", encoding="utf-8")
    (loose / "b.md").write_text("Four.\n", encoding="utf-8")
    code, out, err = _run(
        capsys, "stats", "--json", "--site", str(site), str(loose), str(tmp_path / "nope.md")
    )
    assert code == 1 and "nope.md" in err
    rows = json.loads(out)
    assert [Path(r["path"]).name for r in rows] == ["a.md", "b.md"]
    assert rows[0]["summary"] == "One two."  # summaryLength 1 from --site
    code, out, _ = _run(capsys, "stats", "--json", str(loose / "a.md"))
    assert json.loads(out)[0]["summary"] == "One two. Three."  # Hugo defaults: 70 words
    code, out, err = _run(capsys, "stats", "--site", str(tmp_path / "nowhere"), str(loose))
    assert code == 1 and "no such folder" in err and out == ""


def test_many_posts_load_each_site_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _site(tmp_path)
    paths = []
    for i in range(100):
        path = root / "content" / "posts" / f"p{i}.md"
        path.write_text(f"---\ntitle: P{i}\n---\nPost number {i}.\n", encoding="utf-8")
        paths.append(str(path))
    from editor.core.site import config as site_mod

    calls: list[Path] = []
    real = site_mod.find_site

    def counting(path: Path) -> object:
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(site_mod, "find_site", counting)
    code, out, _ = _run(capsys, "stats", "--json", *paths)
    assert code == 0 and len(json.loads(out)) == 100
    assert len(calls) == 1


def test_the_cli_imports_no_qt(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("Hello.\n", encoding="utf-8")
    script = (
        "import sys; from editor import cli; cli.main(['stats', '--json', sys.argv[1]]); "
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(post)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.stdout.strip().endswith("NOQT")


@pytest.mark.parametrize(
    ("front_matter", "written"),
    [
        ("---\ndate: '2024-01-02' # published\n---\n", "2024-01-02"),
        ("+++\ndate = 2024-01-02T03:04:05Z\n+++\n", "2024-01-02T03:04:05Z"),
        ('{\n  "title": "j",\n  "date": "2024-05-06"\n}\n', "2024-05-06"),
        ("---\ntitle: none\n---\n", None),
    ],
)
def test_date_is_printed_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], front_matter: str, written: str | None
) -> None:
    post = tmp_path / "p.md"
    post.write_text(front_matter + "Body.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "stats", "--json", str(post))
    assert code == 0
    assert json.loads(out)[0]["date"] == written


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ('---\ntitle: "unclosed\ndraft: true\n---\n', 4),
        ("+++\ntitle = 'fine'\ndate = what\n+++\n", 3),
    ],
)
def test_front_matter_that_does_not_parse_is_reported_with_file_and_line(
    front_matter: str, line: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "broken.md"
    post.write_text(front_matter + "\nThe body still counts.\n", encoding="utf-8")
    code, out, err = _run(capsys, "stats", "--json", str(post))
    assert code == 1
    assert f"{post}:{line}: error:" in err
    assert "Traceback" not in err
    (row,) = json.loads(out)
    assert row["words"] == 4  # the post is still measured, as text
