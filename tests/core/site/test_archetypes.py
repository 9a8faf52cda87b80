"""Archetypes: the file Inkpost creates equals what `hugo new content` creates."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.site.archetypes import (
    BUILTIN_ARCHETYPE,
    ArchetypeContext,
    archetype_text,
    find_archetype,
    go_date,
    render_archetype,
)
from tests.hugo_site import require_hugo

NOW = datetime(2026, 3, 9, 10, 11, 12, tzinfo=UTC)
CUSTOM = """\
---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
slug: {{ .Name | urlize }}
section: {{ .Section }}
type: {{ .Type }}
site: {{ .Site.Title }}
{{- /* a comment */}}
year: {{ now.Format "2006" }}
upper: {{ upper (replace .Name "-" "_") }}
---

Body for {{ .Name }}.
"""


def hugo_exe() -> str:
    return require_hugo()


def ctx(path: str) -> ArchetypeContext:
    return ArchetypeContext(path, NOW, site_title="My Blog")


def test_builtin_default() -> None:
    text, warnings = render_archetype(BUILTIN_ARCHETYPE, ctx("posts/my-first-post.md"))
    assert text == '---\ntitle: "My First Post"\ndate: 2026-03-09T10:11:12Z\ndraft: true\n---\n\n'
    assert warnings == ()


def test_bundle_name_comes_from_the_folder() -> None:
    text, _ = render_archetype(CUSTOM, ctx("notes/a-tale-of-two-cities/index.md"))
    assert 'title: "A Tale of Two Cities"' in text
    assert "slug: a-tale-of-two-cities\nsection: notes\ntype: notes\nsite: My Blog\n" in text
    assert "year: 2026\nupper: A_TALE_OF_TWO_CITIES\n" in text


def test_unsupported_actions_are_kept_with_a_warning() -> None:
    template = "---\ntitle: x\nimg: {{ .Site.Params.images | first }}\n---\n{{ .Date }}\n"
    text, warnings = render_archetype(template, ctx("posts/x.md"))
    assert "img: {{ .Site.Params.images | first }}\n" in text
    assert text.endswith("2026-03-09T10:11:12Z\n")
    assert len(warnings) == 1 and warnings[0].line == 3


def test_go_date_keeps_offsets() -> None:
    moment = datetime.fromisoformat("2026-03-09T10:11:12+05:30")
    assert go_date(moment) == "2026-03-09T10:11:12+05:30"


def test_lookup_order(tmp_path: Path) -> None:
    site_dir, theme_dir = tmp_path / "archetypes", tmp_path / "theme" / "archetypes"
    site_dir.mkdir()
    theme_dir.mkdir(parents=True)
    (theme_dir / "posts.md").write_text("theme posts", encoding="utf-8")
    (site_dir / "default.md").write_text("site default", encoding="utf-8")
    dirs = [site_dir, theme_dir]
    assert find_archetype(dirs, "posts") == theme_dir / "posts.md"
    assert find_archetype(dirs, "notes") == site_dir / "default.md"
    assert archetype_text([tmp_path / "none"], "posts") == (BUILTIN_ARCHETYPE, None)


@pytest.mark.hugo
@pytest.mark.parametrize(
    ("archetype", "target"),
    [
        (None, "posts/my-first-post.md"),
        (CUSTOM, "notes/a-tale-of-two-cities.md"),
        (CUSTOM, "notes/go-to-guide/index.md"),
    ],
)
def test_same_file_as_hugo_new(tmp_path: Path, archetype: str | None, target: str) -> None:
    exe = hugo_exe()
    (tmp_path / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "My Blog"\n')
    (tmp_path / "archetypes").mkdir()
    (tmp_path / "content").mkdir()
    section = target.split("/")[0]
    if archetype is not None:
        (tmp_path / "archetypes" / f"{section}.md").write_text(archetype, encoding="utf-8")
    subprocess.run([exe, "new", "content", target], cwd=tmp_path, check=True, capture_output=True)
    produced = (tmp_path / "content" / target).read_text(encoding="utf-8")
    template, _source = archetype_text([tmp_path / "archetypes"], section)
    ours, warnings = render_archetype(template, ArchetypeContext(target, NOW, "My Blog"))
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)|year: \d{4}")
    assert stamp.sub("<now>", ours) == stamp.sub("<now>", produced)
    assert warnings == ()
