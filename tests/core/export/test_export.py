"""Export plans and their execution: layout, collisions, safety, all-or-nothing, golden output."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from editor.core.export import execute as export_mod
from editor.core.export.execute import ExportError, execute, plan_export, with_choice
from editor.core.export.paths import check_inside, check_section
from editor.core.post.model import Post

FIXTURES = Path(__file__).parent.parent / "fixtures" / "export"
GOLDEN = Path(__file__).parent.parent / "golden" / "export"
SOURCES = [
    FIXTURES / "yaml-post.md",
    FIXTURES / "toml-draft.md",
    FIXTURES / "json-slug.md",
    FIXTURES / "unicode-title.md",
    FIXTURES / "zola-style.md",
    FIXTURES / "photo-walk" / "index.md",
]
TODAY = date(2025, 1, 1)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _dump(root: Path) -> str:
    out: list[str] = []
    for rel, data in _tree(root).items():
        if rel.endswith((".png",)):
            out.append(f"=== {rel} ({len(data)} bytes)\n")
        else:
            out.append(f"=== {rel}\n{data.decode('utf-8')}")
    return "".join(out)


@pytest.mark.parametrize("fmt", ["hugo", "hugo-bundle", "jekyll", "zola"])
def test_exporter_output_matches_golden(tmp_path: Path, fmt: str) -> None:
    report = execute(plan_export(SOURCES, tmp_path, fmt, today=TODAY))
    assert report.ok, report.as_json()
    golden = GOLDEN / f"{fmt}.txt"
    text = _dump(tmp_path)
    if os.environ.get("INKPOST_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_no_staging_folder_is_left_behind(tmp_path: Path) -> None:
    execute(plan_export(SOURCES, tmp_path, "hugo-bundle"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(export_mod.STAGING_PREFIX)]


def test_dry_run_plan_writes_nothing_and_describes_every_file(tmp_path: Path) -> None:
    plan = plan_export(SOURCES, tmp_path / "site", "hugo-bundle")
    text = plan.describe()
    assert not (tmp_path / "site").exists()
    assert "content/posts/photo-walk/index.md" in text
    assert "+ content/posts/photo-walk/img/route.svg" in text
    assert "warning" not in text
    data = plan.as_json()
    assert [len(p["files"]) for p in data] == [1, 1, 1, 1, 1, 3]


def test_slug_comes_from_front_matter_then_title(tmp_path: Path) -> None:
    plan = plan_export(
        [FIXTURES / "json-slug.md", FIXTURES / "unicode-title.md"],
        tmp_path,
        "hugo",
        slug_from_title=True,
    )
    assert [p.slug for p in plan.posts] == ["json-front-matter", "café-crème-中文-notes"]
    jekyll = plan_export([FIXTURES / "unicode-title.md"], tmp_path, "jekyll")
    assert jekyll.posts[0].files[0].rel == "_posts/2021-01-02-café-crème-中文-notes.md"
    zola = plan_export([FIXTURES / "unicode-title.md"], tmp_path, "zola")
    assert zola.posts[0].files[0].rel == "content/posts/cafe-creme-zhong-wen-notes.md"


def test_untitled_post_takes_its_file_name(tmp_path: Path) -> None:
    post = Post.from_text("No front matter at all.\n", path=tmp_path / "My Notes.md")
    plan = plan_export([post], tmp_path / "out", "hugo")
    assert plan.posts[0].slug == "my-notes"
    text = plan.posts[0].files[0].content
    assert text is not None and text.startswith(b"---\ndraft: false\n---\n")


def test_jekyll_undated_post_is_dated_today_with_a_warning(tmp_path: Path) -> None:
    post = Post.from_text("---\ntitle: Undated\n---\nText.\n", path=tmp_path / "u.md")
    plan = plan_export([post], tmp_path / "out", "jekyll", today=TODAY)
    assert plan.posts[0].files[0].rel == "_posts/2025-01-01-undated.md"
    assert any("no date" in w for w in plan.posts[0].warnings)


def test_collision_proposes_a_free_name_and_blocks(tmp_path: Path) -> None:
    target = tmp_path / "site"
    (target / "content" / "posts").mkdir(parents=True)
    (target / "content" / "posts" / "written-for-zola.md").write_text("x", encoding="utf-8")
    (target / "content" / "posts" / "written-for-zola-2").mkdir()
    (target / "content" / "posts" / "written-for-zola-2" / "index.md").write_text("y", "utf-8")
    plan = plan_export([FIXTURES / "zola-style.md"], target, "hugo", slug_from_title=True)
    post = plan.posts[0]
    assert post.blocked and not plan.ok
    assert post.proposed_slug == "written-for-zola-3"
    assert "exists: content/posts/written-for-zola.md (free name: written-for-zola-3)" in (
        plan.describe()
    )
    report = execute(plan)
    assert not report.ok and "exists" in (report.results[0].error or "")
    assert (target / "content" / "posts" / "written-for-zola.md").read_text("utf-8") == "x"

    renamed = plan_export(
        [FIXTURES / "zola-style.md"], target, "hugo", rename=True, slug_from_title=True
    )
    assert renamed.ok and renamed.posts[0].files[0].rel.endswith("written-for-zola-3.md")
    content = renamed.posts[0].files[0].content or b""
    assert b'slug = "written-for-zola-3"' in content


def test_overwrite_replaces_only_with_consent(tmp_path: Path) -> None:
    dest = tmp_path / "content" / "posts" / "written-for-zola.md"
    dest.parent.mkdir(parents=True)
    dest.write_text("old", encoding="utf-8")
    plan = plan_export([FIXTURES / "zola-style.md"], tmp_path, "hugo", slug_from_title=True)
    assert plan.posts[0].blocked
    confirmed = with_choice(plan, overwrite=True)
    assert confirmed.ok and confirmed.posts[0].files[0].replaces
    assert "! overwrites content/posts/written-for-zola.md" in confirmed.describe()
    dest.chmod(0o640)
    assert execute(confirmed).ok
    assert dest.read_text("utf-8").startswith("+++\ntitle = ")
    assert dest.stat().st_mode & 0o777 == 0o640


def test_two_posts_with_one_slug_in_a_batch_get_distinct_names(tmp_path: Path) -> None:
    a = Post.from_text("---\ntitle: Same\n---\nA\n", path=tmp_path / "a.md")
    b = Post.from_text("---\ntitle: Same\n---\nB\n", path=tmp_path / "b.md")
    plan = plan_export([a, b], tmp_path / "out", "hugo", overwrite=True, slug_from_title=True)
    assert [p.files[0].rel for p in plan.posts] == [
        "content/posts/same.md",
        "content/posts/same-2.md",
    ]
    assert any("also named" in w for w in plan.posts[1].warnings)


@pytest.mark.parametrize("slug", ["../../etc", "/abs/path", "a/b", ".."])
def test_a_slug_leaving_the_folder_is_refused(tmp_path: Path, slug: str) -> None:
    post = Post.from_text(f'---\ntitle: T\nslug: "{slug}"\n---\nx\n', path=tmp_path / "p.md")
    for fmt in ("hugo", "jekyll", "zola", "hugo-bundle"):
        plan = plan_export([post], tmp_path / "out", fmt)
        assert plan.posts[0].blocked
        assert "would leave" in plan.posts[0].errors[0]
    report = execute(plan_export([post], tmp_path / "out", "hugo"))
    assert not report.ok and not (tmp_path / "out").exists()


def test_image_paths_leaving_the_post_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"png")
    post_dir = tmp_path / "post"
    post_dir.mkdir()
    (post_dir / "link.png").symlink_to(tmp_path / "outside.png")
    cases = {
        "![x](../outside.png)": "'..'",
        f"![x]({tmp_path / 'outside.png'})": "absolute path",
        "![x](link.png)": "symlink",
    }
    for body, why in cases.items():
        post = Post.from_text(f"---\ntitle: T\n---\n{body}\n", path=post_dir / "index.md")
        plan = plan_export([post], tmp_path / "out", "hugo-bundle")
        assert plan.posts[0].blocked, body
        assert why in plan.posts[0].errors[0]


def test_a_symlinked_section_leading_outside_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "site"
    (target / "content").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (target / "content" / "posts").symlink_to(elsewhere)
    plan = plan_export([FIXTURES / "yaml-post.md"], target, "hugo")
    assert plan.posts[0].blocked and "symlink" in plan.posts[0].errors[0]
    assert not any(elsewhere.iterdir())


def test_section_and_relative_paths_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="leave"):
        check_section("../x")
    with pytest.raises(ValueError, match="leave"):
        check_section("/abs")
    assert check_section("notes/2024") == "notes/2024"
    assert check_section("") == ""
    with pytest.raises(ValueError, match="leave"):
        check_inside(tmp_path, "a/../../b")
    with pytest.raises(ValueError, match="leave"):
        plan_export([FIXTURES / "yaml-post.md"], tmp_path, "hugo", section="../../up")
    with pytest.raises(ValueError, match="unknown export format"):
        plan_export([], tmp_path, "docx")
    with pytest.raises(ValueError, match="front matter"):
        plan_export([], tmp_path, "hugo", front_matter="xml")


def test_unreadable_source_is_an_error_of_that_post_only(tmp_path: Path) -> None:
    plan = plan_export([tmp_path / "missing.md", FIXTURES / "yaml-post.md"], tmp_path / "o", "hugo")
    assert plan.posts[0].blocked and not plan.posts[1].blocked
    report = execute(plan)
    assert [r.ok for r in report.results] == [False, True]
    assert "1 failed" in report.summary()


def test_a_failing_move_leaves_nothing_of_the_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    plan = plan_export([FIXTURES / "photo-walk" / "index.md"], target, "hugo-bundle")
    real = os.replace
    calls = {"n": 0}

    def flaky(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third file (route.svg)
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(export_mod, "_replace", flaky)
    report = execute(plan)
    assert not report.ok and "No space left" in (report.results[0].error or "")
    assert _tree(target) == {}
    assert not (target / "content").exists()


def test_a_failing_overwrite_restores_the_originals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "site"
    bundle = target / "content" / "posts" / "a-photo-walk"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("original index", encoding="utf-8")
    (bundle / "river.png").write_bytes(b"original png")
    before = _tree(target)
    plan = plan_export(
        [FIXTURES / "photo-walk" / "index.md"], target, "hugo-bundle", overwrite=True
    )
    real = os.replace
    seen: list[str] = []

    def flaky(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        seen.append(Path(dst).name)
        if Path(dst).name == "route.svg":
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(export_mod, "_replace", flaky)
    report = execute(plan)
    assert not report.ok and "Permission denied" in (report.results[0].error or "")
    assert _tree(target) == before
    assert not (bundle / "img").exists()


def test_a_failing_copy_writes_nothing(tmp_path: Path) -> None:
    source_dir = tmp_path / "src"
    shutil.copytree(FIXTURES / "photo-walk", source_dir)
    plan = plan_export([source_dir / "index.md"], tmp_path / "site", "hugo-bundle")
    (source_dir / "img" / "route.svg").unlink()  # vanishes between plan and execute
    report = execute(plan)
    assert not report.ok
    assert _tree(tmp_path / "site") == {}


def test_a_file_appearing_after_the_plan_is_not_overwritten(tmp_path: Path) -> None:
    plan = plan_export([FIXTURES / "yaml-post.md"], tmp_path, "hugo")
    dest = plan.posts[0].files[0].dest
    dest.parent.mkdir(parents=True)
    dest.write_text("someone else's", encoding="utf-8")
    report = execute(plan)
    assert not report.ok and "appeared" in (report.results[0].error or "")
    assert dest.read_text("utf-8") == "someone else's"


def test_pdf_needs_a_printer_and_checks_its_output(tmp_path: Path) -> None:
    html = lambda post: ("<html><body>x</body></html>", ())  # noqa: E731
    plan = plan_export([FIXTURES / "yaml-post.md"], tmp_path, "pdf", html=html)
    assert plan.posts[0].files[0].rel == "profiling-python-a-field-guide.pdf"
    report = execute(plan)
    assert not report.ok and "PDF printer" in (report.results[0].error or "")

    def bad_printer(page: Path, out: Path) -> None:
        out.write_bytes(b"not a pdf")

    assert "did not write" in (execute(plan, pdf_printer=bad_printer).results[0].error or "")

    def fake_printer(page: Path, out: Path) -> None:
        assert page.read_text("utf-8") == "<html><body>x</body></html>"
        out.write_bytes(b"%PDF-1.4\n%fake\n")

    progress: list[tuple[int, int, str]] = []
    report = execute(plan, pdf_printer=fake_printer, progress=lambda *a: progress.append(a))
    assert report.ok and report.written == (tmp_path / "profiling-python-a-field-guide.pdf",)
    assert progress == [(0, 1, "Profiling Python: a field guide"), (1, 1, "")]


def test_crlf_posts_keep_their_newlines(tmp_path: Path) -> None:
    raw = b"---\r\ntitle: Windows\r\ndate: 2024-01-01\r\n---\r\n\r\nLine one.\r\nLine two.\r\n"
    post = Post.from_bytes(raw, path=tmp_path / "w.md")
    content = plan_export([post], tmp_path / "o", "hugo").posts[0].files[0].content or b""
    assert b"\r\n" in content and b"\n" not in content.replace(b"\r\n", b"")


def test_front_matter_format_can_be_forced_for_hugo(tmp_path: Path) -> None:
    for fm, start in (("toml", b"+++\n"), ("json", b"{\n"), ("yaml", b"---\n")):
        plan = plan_export([FIXTURES / "yaml-post.md"], tmp_path, "hugo", front_matter=fm)
        content = plan.posts[0].files[0].content or b""
        assert content.startswith(start)
        again = Post.from_bytes(content)
        assert again.title == "Profiling Python: a field guide"
        assert again.tags == ("python", "performance")
        assert again.date == Post.load(FIXTURES / "yaml-post.md").date


def test_export_error_is_an_exception() -> None:
    assert issubclass(ExportError, Exception)


def test_jekyll_sources_give_their_date_name_and_draft_state(tmp_path: Path) -> None:
    posts_dir = tmp_path / "old" / "_posts"
    drafts_dir = tmp_path / "old" / "_drafts"
    posts_dir.mkdir(parents=True)
    drafts_dir.mkdir(parents=True)
    (posts_dir / "2019-07-04-independence.md").write_text("---\nlayout: post\n---\nHi.\n", "utf-8")
    (drafts_dir / "half-done.md").write_text("---\ntitle: Half done\n---\nSoon.\n", "utf-8")
    (posts_dir / "2019-02-31-bad-day.md").write_text("No front matter.\n", "utf-8")
    sources = [
        posts_dir / "2019-07-04-independence.md",
        posts_dir / "2019-02-31-bad-day.md",
        drafts_dir / "half-done.md",
    ]
    plan = plan_export(sources, tmp_path / "site", "hugo")
    assert [p.files[0].rel for p in plan.posts] == [
        "content/posts/independence.md",
        "content/posts/bad-day.md",
        "content/posts/half-done.md",
    ]
    first = (plan.posts[0].files[0].content or b"").decode()
    assert "date: 2019-07-04T00:00:00Z\ndraft: false\n" in first
    assert "draft: true" in (plan.posts[2].files[0].content or b"").decode()
    assert "date:" not in (plan.posts[1].files[0].content or b"").decode()


def test_an_existing_symlink_to_outside_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    posts = tmp_path / "site" / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "written-for-zola.md").symlink_to(outside)
    plan = plan_export(
        [FIXTURES / "zola-style.md"],
        tmp_path / "site",
        "hugo",
        overwrite=True,
        slug_from_title=True,
    )
    assert plan.posts[0].blocked and "symlink" in plan.posts[0].errors[0]
    assert not execute(plan).ok
    assert outside.read_text("utf-8") == "keep"


def test_a_very_long_title_gives_a_file_name_that_fits(tmp_path: Path) -> None:
    title = "A " + "very " * 80 + "long title"
    post = Post.from_text(f"---\ntitle: {title}\n---\nx\n", path=tmp_path / "p.md")
    plan = plan_export([post], tmp_path / "out", "jekyll", today=TODAY)
    name = Path(plan.posts[0].files[0].rel).name
    assert len(name.encode()) < 255 and name.startswith("2025-01-01-a-very-very")
    assert execute(plan).ok
    cjk = Post.from_text("---\ntitle: " + "中" * 200 + "\n---\nx\n", path=tmp_path / "c.md")
    slug = plan_export([cjk], tmp_path / "out2", "hugo", slug_from_title=True).posts[0].slug
    assert len(slug.encode()) <= 120 and set(slug) == {"中"}
