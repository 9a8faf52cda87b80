"""Export against hostile input (tests/hostile/export-*.md): a slug too long for a file name,
a `/` in a title, a failing post among others, a post exported onto itself."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.export import execute as export_mod
from editor.core.export import plan as plan_mod
from editor.core.export.execute import execute, plan_export
from editor.core.export.layout import FORMATS
from editor.core.export.naming import NAME_MAX_BYTES, shorten_slug, slug_budget
from editor.core.site.slugs import target_slug

HOSTILE = Path(__file__).parent.parent.parent / "hostile"
LONG_SLUG = HOSTILE / "export-long-slug.md"
SLASH_TITLE = HOSTILE / "export-slash-title.md"
SPACED_SLASH_TITLE = HOSTILE / "export-slash-spaced-title.md"
ONTO_ITSELF = HOSTILE / "export-onto-itself.md"
TODAY = date(2025, 1, 1)
SITE_FORMATS = [fmt for fmt in FORMATS if fmt != "pdf"]  # pdf needs Qt's printer


def _names(paths: list[Path], root: Path) -> list[str]:
    return [part for path in paths for part in path.relative_to(root).parts]


@pytest.mark.parametrize("fmt", SITE_FORMATS)
def test_a_slug_over_255_bytes_is_cut_at_a_character(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "site"
    (target / "content" / "posts").mkdir(parents=True)  # once a stat of the name failed here
    plan = plan_export([LONG_SLUG], target, fmt, today=TODAY)
    (post,) = plan.posts
    assert not post.blocked, post.problems
    written_slug = "é" * 100 + "中" * 40 + "-end"
    assert len(written_slug.encode()) > NAME_MAX_BYTES
    assert target_slug("zola" if fmt == "zola" else "hugo", written_slug).startswith(post.slug)
    assert len(post.slug.encode()) > 120 and len(post.slug.encode()) <= slug_budget(fmt)
    report = execute(plan)
    assert report.ok, report.results[0].error
    names = _names(list(report.written), target)
    assert max(len(name.encode()) for name in names) <= NAME_MAX_BYTES


@given(st.text(min_size=1, max_size=300), st.integers(min_value=8, max_value=260))
def test_a_slug_is_cut_at_a_character_boundary(slug: str, limit: int) -> None:
    cut = shorten_slug(slug, limit)
    assert len(cut.encode("utf-8")) <= limit
    assert slug.startswith(cut)  # whole characters only, never part of one's bytes
    if len(slug.encode("utf-8")) <= limit:
        assert cut == slug


def test_a_long_slug_keeps_its_front_matter_and_a_free_name_fits(tmp_path: Path) -> None:
    target = tmp_path / "site"
    assert execute(plan_export([LONG_SLUG], target, "hugo")).ok
    text = next((target / "content" / "posts").iterdir()).read_text(encoding="utf-8")
    assert 'slug: "' + "é" * 100 in text or "slug: " + "é" * 100 in text  # the URL Hugo makes
    again = plan_export([LONG_SLUG], target, "hugo", rename=True)
    assert not again.posts[0].blocked and again.posts[0].slug.endswith("-2")
    assert execute(again).ok
    names = [p.name for p in (target / "content" / "posts").iterdir()]
    assert len(names) == 2 and all(len(n.encode()) <= NAME_MAX_BYTES for n in names)


@pytest.mark.parametrize(
    ("source", "slug"),
    [(SLASH_TITLE, "a-b-testing-at-scale"), (SPACED_SLASH_TITLE, "features-mods")],
)
@pytest.mark.parametrize("fmt", SITE_FORMATS)
def test_a_slash_in_the_title_is_part_of_the_slug(
    tmp_path: Path, fmt: str, source: Path, slug: str
) -> None:
    plan = plan_export([source], tmp_path / "site", fmt, today=TODAY, slug_from_title=True)
    assert plan.posts[0].slug == slug and not plan.posts[0].blocked
    report = execute(plan)
    assert report.ok
    main = report.results[0].written[0].relative_to(tmp_path / "site").as_posix()
    assert main in {
        f"content/posts/{slug}.md",
        f"content/posts/{slug}/index.md",
        f"_posts/2024-05-0{2 if 'slash-title' in source.name else 3}-{slug}.md",
        f"{slug}.html",
    }


def test_a_failing_post_never_stops_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    (target / "content" / "posts").mkdir(parents=True)
    real_document = plan_mod.post_files

    def planning_bug(opts: object, post: object, slug: str, renamed: bool) -> object:
        if slug == "features-mods":
            raise RuntimeError("unexpected")
        return real_document(opts, post, slug, renamed)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_mod, "post_files", planning_bug)
    plan = plan_export(
        [SPACED_SLASH_TITLE, LONG_SLUG, SLASH_TITLE], target, "hugo", slug_from_title=True
    )
    assert ["unexpected" in e for p in plan.posts for e in p.errors] == [True]
    real_stage = export_mod._stage

    def staging_bug(post: export_mod.PostPlan, staging: Path, printer: object) -> list[Path]:
        if post.slug == "a-b-testing-at-scale":
            raise KeyError("boom")
        return real_stage(post, staging, None)

    monkeypatch.setattr(export_mod, "_stage", staging_bug)
    report = execute(plan)
    assert [r.ok for r in report.results] == [False, True, False]
    assert "KeyError" in (report.results[2].error or "")
    assert len(list((target / "content" / "posts").iterdir())) == 1


@pytest.mark.parametrize("fmt", ["hugo", "hugo-bundle"])
def test_exporting_a_post_onto_itself_is_refused(tmp_path: Path, fmt: str) -> None:
    site = tmp_path / "site"
    own = site / "content" / "posts" / "exported-onto-itself.md"
    if fmt == "hugo-bundle":
        own = own.with_suffix("") / "index.md"
    own.parent.mkdir(parents=True)
    shutil.copyfile(ONTO_ITSELF, own)
    before = own.read_bytes()
    plan = plan_export([own], site, fmt, overwrite=True)
    assert plan.posts[0].blocked
    assert any("own file" in error for error in plan.posts[0].errors)
    report = execute(plan)
    assert not report.ok and "onto itself" in (report.results[0].error or "")
    assert own.read_bytes() == before and b"# this comment" in before
    renamed = plan_export([own], site, fmt, rename=True)  # a free name is still offered
    assert not renamed.posts[0].blocked and renamed.posts[0].slug == "exported-onto-itself-2"
