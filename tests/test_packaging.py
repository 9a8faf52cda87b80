"""The wheel ships every resource (top-level resources/ -> editor/resources), and the
resource locator refuses names that would leave its folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from editor.app import resources

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("inkpost-*.whl")
    return built


def test_wheel_ships_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "editor/resources/" + path.relative_to(REPO / "resources").as_posix()
        for path in (REPO / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected, "resources/ is empty"
    assert expected <= names, sorted(expected - names)[:10]
    assert "editor/__main__.py" in names
    assert "editor/core/post/model.py" in names


def test_wheel_declares_both_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (ep_name,) = [n for n in zf.namelist() if n.endswith("entry_points.txt")]
        text = zf.read(ep_name).decode()
    assert "[gui_scripts]" in text
    assert "inkpost = editor.__main__:main" in text


def test_locator_finds_the_checkouts_resources_in_an_editable_install() -> None:
    assert (resources.sample_site() / "hugo.toml").is_file()


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd", "", "a/../../x", "a\\b"])
def test_locator_refuses_names_outside_its_folder(name: str) -> None:
    with pytest.raises(resources.ResourceError):
        resources.resource_path(name)


def test_locator_reports_a_missing_resource() -> None:
    with pytest.raises(resources.ResourceError, match="no such resource"):
        resources.resource_path("no-such-thing.css")
