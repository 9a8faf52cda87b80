"""A site's own config files get the bounds posts get: a billion laughs of YAML aliases or
nesting thousands deep is a located error and Hugo's defaults, never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.diagnostics import Severity
from editor.core.site.config import find_site

HOSTILE = Path(__file__).resolve().parents[2] / "hostile"


def _laughs() -> str:
    text = (HOSTILE / "frontmatter-billion-laughs.md").read_text(encoding="utf-8")
    return text.split("---\n")[1]  # the YAML between the delimiters


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("hugo.yaml", _laughs(), "too many YAML aliases"),
        ("hugo.toml", "title = 'Deep'\nx = " + "[" * 5000 + "]" * 5000 + "\n", ""),
        ("hugo.json", '{"title": "Deep", "x": ' + "[" * 5000 + "]" * 5000 + "}", ""),
    ],
)
def test_a_hostile_config_file_is_an_error_and_the_defaults(
    name: str, text: str, words: str, tmp_path: Path
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    site = find_site(tmp_path)
    errors = [d for d in site.diagnostics if d.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].file == tmp_path / name
    assert words in errors[0].message
    assert site.title == ""  # Hugo's default: the file's values were not taken
