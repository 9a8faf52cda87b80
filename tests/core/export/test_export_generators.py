"""Jekyll and Zola exports checked against what those generators require (no binaries).

Jekyll (lib/jekyll/document.rb, utils.rb): a post is `_posts/YYYY-MM-DD-slug.ext` whose
front matter is YAML between `---` lines at the very top (safe YAML: only Date and Time
objects beyond plain values); a draft lives in `_drafts/` with no date in its name; a
front matter date must agree with the file name's day. Zola (front_matter/page.rs): TOML
between `+++` lines, only its known top-level keys (others are dropped: they belong in
`[extra]`), a date that is an RFC 3339 datetime, local datetime or YYYY-MM-DD, taxonomies
as lists of non-empty strings, non-empty `slug`/`path` when present.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from ruamel.yaml import YAML

from editor.core.export.execute import execute, plan_export
from editor.core.export.formats import ZOLA_KEYS
from editor.core.post.model import Post

FIXTURES = Path(__file__).parent.parent / "fixtures" / "export"
SOURCES = [*sorted(FIXTURES.glob("*.md")), FIXTURES / "photo-walk" / "index.md"]

JEKYLL_DATE_FILENAME = re.compile(r"^(?:.+/)*(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$")
JEKYLL_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
ZOLA_FRONT_MATTER = re.compile(r"\A\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n", re.S)
ZOLA_EXTRA_TOP = {"taxonomies", "extra"}


def _safe_yaml_types(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _safe_yaml_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_safe_yaml_types(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool, dt.date, dt.datetime))


def test_jekyll_layout_and_front_matter(tmp_path: Path) -> None:
    report = execute(plan_export(SOURCES, tmp_path, "jekyll", today=dt.date(2025, 1, 1)))
    assert report.ok
    files = sorted(p for p in tmp_path.rglob("*.md"))
    assert len(files) == len(SOURCES)
    for path in files:
        rel = path.relative_to(tmp_path).as_posix()
        text = path.read_text(encoding="utf-8")
        match = JEKYLL_FRONT_MATTER.match(text)
        assert match, rel
        data = YAML(typ="safe", pure=True).load(match.group(1).removeprefix("---"))
        assert isinstance(data, dict) and _safe_yaml_types(data), rel
        assert data["layout"] == "post" and isinstance(data["title"], str)
        for key in ("tags", "categories"):
            assert key not in data or all(isinstance(t, str) for t in data[key])
        assert "draft" not in data
        if rel.startswith("_drafts/"):
            assert not JEKYLL_DATE_FILENAME.match(path.name), rel
            assert Post.load(_source_of(data["title"])).draft
            continue
        assert rel.startswith("_posts/"), rel
        name = JEKYLL_DATE_FILENAME.match(path.name)
        assert name, rel
        when = data["date"]
        day = when if isinstance(when, dt.date) and not isinstance(when, dt.datetime) else None
        if isinstance(when, dt.datetime):
            source_date = Post.load(_source_of(data["title"])).date
            assert source_date is not None
            day = source_date.date()
        assert day is not None and name.group(1) == day.isoformat(), rel
    assets = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "assets").rglob("*.*"))
    assert assets == ["assets/a-photo-walk/img/route.svg", "assets/a-photo-walk/river.png"]
    walk = next(tmp_path.glob("_posts/*-a-photo-walk.md")).read_text("utf-8")
    assert "](/assets/a-photo-walk/river.png" in walk


def _source_of(title: str) -> Path:
    return next(p for p in SOURCES if Post.load(p).title == title)


def _zola_date_ok(value: Any) -> bool:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    for candidate in (text, text + "Z"):
        try:
            parsed = dt.datetime.fromisoformat(candidate.replace("Z", "+00:00"))
        except ValueError:
            continue
        if parsed.tzinfo is not None:
            return True
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def test_zola_layout_and_front_matter(tmp_path: Path) -> None:
    report = execute(plan_export(SOURCES, tmp_path, "zola", section="blog"))
    assert report.ok
    files = sorted((tmp_path / "content" / "blog").glob("*.md"))
    assert len(files) == len(SOURCES)
    for path in files:
        assert re.fullmatch(r"[a-z0-9-]+\.md", path.name), path.name
        text = path.read_text(encoding="utf-8")
        match = ZOLA_FRONT_MATTER.match(text)
        assert match, path.name
        data = tomlkit.parse(match.group(1)).unwrap()
        assert set(data) <= set(ZOLA_KEYS) | ZOLA_EXTRA_TOP, set(data) - set(ZOLA_KEYS)
        assert isinstance(data["title"], str) and isinstance(data["draft"], bool)
        if "date" in data:
            assert _zola_date_ok(data["date"]), data["date"]
        for key in ("slug", "path"):
            assert key not in data or (isinstance(data[key], str) and data[key])
        for terms in data.get("taxonomies", {}).values():
            assert isinstance(terms, list) and all(isinstance(t, str) and t.strip() for t in terms)
        assert isinstance(data.get("extra", {}), dict)
        assert "weight" not in data or (isinstance(data["weight"], int) and data["weight"] >= 0)
        source = Post.load(_source_of(data["title"]))
        assert data["draft"] == source.draft
    yaml_post = (tmp_path / "content" / "blog" / "profiling-python-a-field-guide.md").read_text()
    data = tomlkit.parse(ZOLA_FRONT_MATTER.match(yaml_post).group(1)).unwrap()  # type: ignore[union-attr]
    assert data["taxonomies"] == {"tags": ["python", "performance"], "categories": ["tutorials"]}
    assert data["description"] == "Where the time goes, and how to find out."
    assert data["extra"] == {"params": {"featured": True}}
    assert data["authors"] == ["Ada"]
    assert data["date"] == dt.datetime(
        2024, 3, 9, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


@pytest.mark.parametrize("fmt", ["jekyll", "zola"])
def test_hugo_shortcodes_are_flagged_for_other_generators(tmp_path: Path, fmt: str) -> None:
    post = Post.from_text('---\ntitle: S\n---\n{{< youtube "x" >}}\n', path=tmp_path / "s.md")
    plan = plan_export([post], tmp_path / "o", fmt, today=dt.date(2025, 1, 1))
    assert any("shortcodes" in w for w in plan.posts[0].warnings)
