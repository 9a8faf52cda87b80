"""`python -m editor info [PATH] [--json]`: the site kind, root, content folder and settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(
        tmp_path / "hugo.toml",
        'baseURL = "https://blog.example/"\ntitle = "Field Notes"\nsummaryLength = 30\n'
        'hasCJKLanguage = true\ntheme = "paper"\n[markup.goldmark.renderer]\nunsafe = true\n'
        '[markup.highlight]\nstyle = "dracula"\n[params]\nauthor = ["Ada", "Bo"]\n'
        '[taxonomies]\ntag = "tags"\nseries = "series"\n'
        "[languages.en]\nweight = 1\n[languages.ja]\nweight = 2\ncontentDir = 'content/ja'\n",
    )
    write(tmp_path / "layouts" / "_shortcodes" / "note.html", "")
    write(tmp_path / "content" / "posts" / "a.md", "# A\n")
    return tmp_path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_info_prints_the_settings_read(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", str(site / "content" / "posts" / "a.md")]) == 0
    out = capsys.readouterr().out
    fields = dict(
        (label.strip(), value.strip())
        for label, value in (line.split(":", 1) for line in out.splitlines() if ": " in line)
        if not label.startswith("  ")
    )
    assert fields["Site kind"] == "hugo"
    assert fields["Root"] == str(site)
    assert fields["Config file"] == str(site / "hugo.toml")
    assert fields["Content folder"] == str(site / "content")
    assert fields["Title"] == "Field Notes"
    assert fields["summaryLength"] == "30"
    assert fields["hasCJKLanguage"] == "true"
    assert fields["Unsafe HTML"] == "true"
    assert fields["Highlight style"] == "dracula (inline styles)"
    assert fields["Taxonomies"] == "tag -> tags, series -> series"
    assert fields["Author"] == "Ada, Bo"
    assert fields["Languages"] == f"en (default), ja -> {site / 'content' / 'ja'}"
    assert fields["Shortcodes"] == "note"
    assert fields["Diagnostics"] == "1"  # the theme folder is missing
    assert "theme 'paper' not found" in out


def test_info_json(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", "--json", str(site)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "hugo" and data["root"] == str(site)
    assert data["summary_length"] == 30 and data["has_cjk_language"] is True
    assert data["goldmark"]["unsafe"] is True and data["highlight"]["style"] == "dracula"
    assert data["author"] == "Ada, Bo"
    assert [lang["code"] for lang in data["languages"]] == ["en", "ja"]
    assert data["diagnostics"][0]["severity"] == "info"


def test_info_reports_a_malformed_config_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "hugo.toml", 'title = "x"\nsummaryLength = "many"\n')
    assert cli.main(["info", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "summaryLength:   70" in out
    assert f"{tmp_path / 'hugo.toml'}:2: warning: summarylength should be a whole number" in out


def test_info_on_a_bare_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", "# A\n")
    (tmp_path / ".git").mkdir()
    assert cli.main(["info", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Site kind:       folder" in out
    assert "Config file:     (none)" in out


def test_info_on_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_info_defaults_to_the_current_folder(site: Path) -> None:
    done = run_cli("info", "--json", cwd=site / "content")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["root"] == str(site) and data["title"] == "Field Notes"


def test_info_as_a_subprocess_on_the_sample_site() -> None:
    done = run_cli("info", str(REPO / "resources" / "sample-site"))
    assert done.returncode == 0, done.stderr
    assert "Site kind:       hugo" in done.stdout
    assert "Highlight style: monokai" in done.stdout
    assert "Diagnostics:     none" in done.stdout


def test_info_imports_no_qt(site: Path) -> None:
    code = (
        "import sys\n"
        "from editor import cli\n"
        f"rc = cli.main(['info', {str(site)!r}])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not bad, bad\n"
        "assert not any(m.startswith(('editor.ui', 'editor.app.main')) for m in sys.modules)\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Field Notes" in done.stdout
