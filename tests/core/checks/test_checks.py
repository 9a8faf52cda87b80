"""The checks, one fixture site in tmp_path: each check finds what it should, and only that."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.checks import CHECKS, SiteChecker
from editor.core.checks.document import parse_body
from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.model import Post
from editor.core.site.config import load_site

NOW = datetime(2026, 3, 1, tzinfo=UTC)
SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"
FM = '---\ntitle: "{title}"\ndescription: "A post."\ndate: 2026-01-01\n{extra}---\n'


def make_site(root: Path, posts: dict[str, str], config: str = "") -> Path:
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n' + config, "utf-8")
    for rel, text in posts.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def post(body: str = "Text.\n", title: str = "A post", extra: str = "") -> str:
    return FM.format(title=title, extra=extra) + "\n" + body


def codes(found: list[Diagnostic]) -> list[str | None]:
    return [d.code for d in found]


def check(
    tmp_path: Path, body: str = "Text.\n", extra: str = "", more: dict[str, str] | None = None
) -> list[Diagnostic]:
    files = {"content/posts/a.md": post(body, extra=extra), **(more or {})}
    site = load_site(make_site(tmp_path, files))
    return SiteChecker(site, now=NOW).check_file(tmp_path / "content/posts/a.md")


def test_a_clean_post_has_no_findings(tmp_path: Path) -> None:
    assert check(tmp_path, "## One\n\nSome [link](https://example.org).\n") == []


@pytest.mark.parametrize(
    ("extra", "code", "line"),
    [
        ("draft: true\n", "draft", 5),
        ("publishDate: 2026-06-01\n", "publish-date", 5),
        ("expiryDate: 2026-02-01\n", "expired", 5),
    ],
)
def test_publishing_state(tmp_path: Path, extra: str, code: str, line: int) -> None:
    found = check(tmp_path, extra=extra)
    assert [(d.code, d.line) for d in found] == [(code, line)]


def test_future_date_names_the_day_hugo_publishes(tmp_path: Path) -> None:
    text = post().replace("date: 2026-01-01", "date: 2026-04-02")
    site = load_site(make_site(tmp_path, {"content/posts/a.md": text}))
    found = SiteChecker(site, now=NOW).check_file(tmp_path / "content/posts/a.md")
    assert codes(found) == ["future-date"]
    assert "2026-04-02" in found[0].message and found[0].line == 4


def test_front_matter_that_does_not_parse_is_an_error(tmp_path: Path) -> None:
    text = '---\ntitle: "unclosed\ndate: [\n---\nBody\n'
    site = load_site(make_site(tmp_path, {"content/posts/a.md": text}))
    found = SiteChecker(site, now=NOW).check_file(tmp_path / "content/posts/a.md")
    assert "front-matter" in codes(found)
    assert all(d.severity == Severity.ERROR for d in found if d.code == "front-matter")


def test_shortcodes(tmp_path: Path) -> None:
    body = (
        '{{< nope >}}\n\n{{< tweet user="a" id="1" >}}\n\n{{< figure alt="x" >}}\n\n'
        '{{< youtube >}}\n\n{{< mine >}}\n\n{{< ref "missing-page" >}}\n\n{{< ref "b" >}}\n'
        "\n{{< highlight go >}}\ncode\n"
    )
    found = check(
        tmp_path,
        body,
        more={"layouts/_shortcodes/mine.html": "{{ .Inner }}", "content/posts/b.md": post()},
    )
    got = {(d.code, d.line, d.severity) for d in found}
    assert got == {
        ("unknown-shortcode", 7, Severity.ERROR),
        ("unknown-shortcode", 9, Severity.ERROR),
        ("shortcode-args", 11, Severity.WARNING),  # figure without src builds
        ("shortcode-args", 13, Severity.ERROR),
        ("broken-ref", 17, Severity.ERROR),
        ("shortcode-args", 21, Severity.ERROR),  # highlight never closed
    }


def test_links_images_and_alt(tmp_path: Path) -> None:
    body = (
        "![](there.png) ![gone](gone.png) ![s](/img/s.png)\n\n"
        "[ok](/posts/b/) [bad](/posts/nothing/) [file](missing.md) [out](https://x.org)\n\n"
        '<img src="decor.png" alt="">\n'
    )
    found = check(
        tmp_path,
        body,
        more={
            "content/posts/there.png": "x",
            "content/posts/decor.png": "x",
            "content/posts/b.md": post(),
            "static/img/s.png": "x",
        },
    )
    got = sorted((d.code or "", d.line or 0, d.message.split("'")[1]) for d in found)
    assert got == [
        ("broken-link", 9, "/posts/nothing/"),
        ("broken-link", 9, "missing.md"),
        ("missing-alt", 7, "there.png"),
        ("missing-image", 7, "gone.png"),
        ("static-image-bundle", 7, "/img/s.png"),
    ]


def test_headings_code_and_lengths(tmp_path: Path) -> None:
    body = "## Two\n\n#### Four\n\n```pythn\nx\n```\n\n```mermaid\ngraph\n```\n\n```go\nx\n```\n"
    files = {
        "content/posts/a.md": post(body, title="T" * 71).replace('description: "A post."\n', "")
    }
    site = load_site(make_site(tmp_path, files))
    found = SiteChecker(site, now=NOW).check_file(tmp_path / "content/posts/a.md")
    assert sorted((d.code or "", d.line or 0) for d in found) == [
        ("heading-skip", 8),
        ("missing-description", 1),
        ("title-length", 2),
        ("unknown-code-language", 10),
    ]


def test_duplicates_follow_edits(tmp_path: Path) -> None:
    files = {
        "content/posts/a.md": post(extra="slug: same\naliases: [/old/]\n"),
        "content/posts/b.md": post(extra="slug: same\n"),
        "content/notes/c.md": post(extra='url: "/posts/same/"\naliases: ["/old"]\n'),
    }
    site = load_site(make_site(tmp_path, files))
    checker = SiteChecker(site, now=NOW)
    report = checker.check_site()
    assert report.posts == 3 and report.ok
    got = {(d.file.name if d.file else "", d.code) for d in report.diagnostics}
    assert got == {
        ("a.md", "duplicate-slug"),
        ("b.md", "duplicate-slug"),
        ("a.md", "duplicate-url"),  # c's url is a's and b's
        ("b.md", "duplicate-url"),
        ("c.md", "duplicate-url"),
        ("a.md", "duplicate-alias"),
        ("c.md", "duplicate-alias"),
    }
    edited = Post.load(tmp_path / "content/posts/b.md")
    edited = edited.with_text(edited.text.replace("slug: same", "slug: other"))
    assert "duplicate-slug" not in codes(checker.check_post(edited))
    again = checker.check_file(tmp_path / "content/posts/a.md")
    assert "duplicate-slug" not in codes(again)


def test_checks_can_be_turned_off(tmp_path: Path) -> None:
    config = '[params.inkpost.checks]\ndisable = ["missing-alt"]\ntitle_max = 5\n'
    files = {"content/posts/a.md": post("![](x.png)\n", title="Longer")}
    make_site(tmp_path, files, config)
    (tmp_path / ".inkpost").mkdir()
    (tmp_path / ".inkpost/checks.toml").write_text('disable = ["missing-image", "nope"]\n')
    checker = SiteChecker(load_site(tmp_path), now=NOW)
    assert checker.settings.disabled == {"missing-alt", "missing-image", "nope"}
    assert any("'nope'" in d.message for d in checker.settings.diagnostics)
    assert codes(checker.check_file(tmp_path / "content/posts/a.md")) == ["title-length"]


def test_every_check_is_registered_once() -> None:
    assert len(CHECKS) == 20
    assert {c.scope for c in CHECKS.values()} == {"post", "site"}


def test_the_sample_site_has_no_error() -> None:
    report = SiteChecker(load_site(SAMPLE)).check_site()
    assert report.posts >= 5
    assert report.ok, [str(d) for d in report.diagnostics if d.severity == Severity.ERROR]


def test_parse_body_lines_follow_the_file() -> None:
    doc = parse_body("a\n\nSee [x](y.md)\nand ![p](q.png)\n\n### H\n", first_line=10)
    assert [(x.url, x.line) for x in doc.links] == [("y.md", 12), ("q.png", 13)]
    assert [(h.level, h.line) for h in doc.headings] == [(3, 15)]
