"""`python -m editor export`: dry run, JSON report, collisions, overwrite and errors."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from editor import cli

FIXTURES = Path(__file__).parent / "core" / "fixtures" / "export"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_prints_the_plan_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(
        capsys,
        str(FIXTURES / "photo-walk"),
        "--to",
        str(tmp_path),
        "--format",
        "hugo-bundle",
        "--dry-run",
    )
    assert code == 0
    assert "content/posts/photo-walk/index.md" in out  # the bundle's folder name is kept
    assert "+ content/posts/photo-walk/river.png" in out
    assert list(tmp_path.iterdir()) == []


def test_json_lists_the_files_written_per_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(
        capsys,
        str(FIXTURES / "yaml-post.md"),
        str(FIXTURES / "photo-walk" / "index.md"),
        "--to",
        str(tmp_path),
        "--format",
        "jekyll",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    written = {
        Path(p["source"]).name: [Path(w).relative_to(tmp_path).as_posix() for w in p["written"]]
        for p in data["posts"]
    }
    assert written == {
        "yaml-post.md": ["_posts/2024-03-09-profiling-python-a-field-guide.md"],
        "index.md": [
            "_posts/2024-05-01-a-photo-walk.md",
            "assets/a-photo-walk/river.png",
            "assets/a-photo-walk/img/route.svg",
        ],
    }
    for post in data["posts"]:
        assert all(Path(p).is_file() for p in post["written"])


def test_a_collision_is_refused_then_renamed_or_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(FIXTURES / "toml-draft.md")
    existing = tmp_path / "content" / "posts" / "notes-on-toml-front-matter.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("mine", encoding="utf-8")

    code, out, _err = _run(capsys, source, "--to", str(tmp_path / "kept"))
    assert code == 0 and (tmp_path / "kept" / "content" / "posts" / "toml-draft.md").is_file()

    code, _out, err = _run(capsys, source, "--to", str(tmp_path), "--slug-from-title")
    assert code == 1
    assert "notes-on-toml-front-matter-2" in err and existing.read_text("utf-8") == "mine"

    code, out, _err = _run(capsys, source, "--to", str(tmp_path), "--rename", "--slug-from-title")
    assert code == 0 and "notes-on-toml-front-matter-2.md" in out
    assert existing.read_text("utf-8") == "mine"

    code, _out, _err = _run(
        capsys, source, "--to", str(tmp_path), "--overwrite", "--slug-from-title"
    )
    assert code == 0
    assert existing.read_text("utf-8").startswith("+++\ntitle = ")


def test_unknown_section_escape_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(
        capsys, str(FIXTURES / "yaml-post.md"), "--to", str(tmp_path), "--section", "../up"
    )
    assert code == 2 and "leave" in err


def test_a_folder_of_posts_is_expanded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    shutil.copytree(FIXTURES, folder)
    code, out, _err = _run(
        capsys,
        str(folder),
        "--to",
        str(tmp_path / "site"),
        "--format",
        "zola",
        "--dry-run",
        "--json",
    )
    assert code == 0
    names = sorted(Path(p["files"][0]).name for p in json.loads(out)["posts"])
    assert len(names) == 6 and "cafe-creme-zhong-wen-notes.md" in names


def test_the_cli_module_does_not_import_qt() -> None:
    code = (
        "import sys, editor.cli, editor.core.export.execute, editor.core.export.html; "
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.strip() == "False"


def test_pdf_export_prints_in_a_child_process(tmp_path: Path) -> None:
    """The CLI stays Qt-free: the printing runs in `python -m editor.ui.export.pdf`."""
    pypdf = importlib.import_module("pypdf")

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "editor",
            "export",
            str(FIXTURES / "yaml-post.md"),
            "--to",
            str(tmp_path),
            "--format",
            "pdf",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    pdf = Path(data["posts"][0]["written"][0])
    assert pdf.name == "profiling-python-a-field-guide.pdf"
    reader = pypdf.PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    assert "Profiling Python: a field guide" in unicodedata.normalize("NFKC", text)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".inkpost-export-")]


def test_html_export_warns_about_left_out_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys, str(FIXTURES / "photo-walk"), "--to", str(tmp_path), "--format", "html"
    )
    assert code == 0 and "a-photo-walk.html" in out
    assert "warning: remote image left out" in err


HOSTILE = Path(__file__).parent / "hostile"


def test_hostile_posts_export_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)  # a too-long name once stopped the batch
    names = ("export-long-slug.md", "export-slash-title.md", "export-slash-spaced-title.md")
    code, out, err = _run(
        capsys, *(str(HOSTILE / n) for n in names), "--to", str(site), "--slug-from-title"
    )
    assert code == 0, err
    assert "Exported 3 of 3 post(s)" in out
    written = sorted(p.name for p in (site / "content" / "posts").iterdir())
    assert "a-b-testing-at-scale.md" in written and "features-mods.md" in written
    assert all(len(name.encode()) <= 255 for name in written)


def test_exporting_a_post_onto_itself_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "site" / "content" / "posts" / "exported-onto-itself.md"
    own.parent.mkdir(parents=True)
    shutil.copyfile(HOSTILE / "export-onto-itself.md", own)
    before = own.read_bytes()
    code, _out, err = _run(capsys, str(own), "--to", str(tmp_path / "site"), "--overwrite")
    assert code == 1 and "onto itself" in err
    assert own.read_bytes() == before
