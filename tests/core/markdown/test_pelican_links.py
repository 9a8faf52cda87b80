"""Pelican's own links in the preview: `{static}`, `{attach}` and `{filename}` (and the older
`|static|` form) find their files as Pelican does, from the content folder when the path
starts with `/`, else from the post's folder; a missing image is a warning on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.markdown.renderer import Renderer
from editor.core.site.config import find_site
from tests.files import TINY_PNG


def _site(tmp_path: Path, config: str) -> tuple[Path, Path]:
    (tmp_path / config).write_text('PATH = "content"\n' if config.endswith(".py") else "", "utf-8")
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "a b.png").write_bytes(TINY_PNG)
    post_dir = tmp_path / "content" / "posts"
    post_dir.mkdir()
    (post_dir / "local.png").write_bytes(TINY_PNG)
    return images / "a b.png", post_dir / "local.png"


def _render(tmp_path: Path, body: str) -> tuple[str, list[tuple[int | None, str]]]:
    page = tmp_path / "content" / "posts" / "pics.md"
    text = f"Title: Pics\nDate: 2024-01-02\n\n{body}\n"
    page.write_text(text, encoding="utf-8")
    result = Renderer(find_site(tmp_path)).render(text, preview=True, page_path=page)
    return result.html, [(w.line, w.message) for w in result.warnings]


@pytest.mark.parametrize(
    ("body", "which"),
    [
        ("![a]({static}/images/a%20b.png)", "static"),
        ("![a]({attach}/images/a%20b.png)", "static"),
        ("![a](|static|/images/a%20b.png)", "static"),
        ("![a]({static}../images/a%20b.png)", "static"),  # from the post's folder
        ("![b]({attach}local.png)", "local"),
        ('<img src="{static}local.png">', "local"),
    ],
)
def test_pelican_links_find_their_files(tmp_path: Path, body: str, which: str) -> None:
    static, local = _site(tmp_path, "pelicanconf.py")
    html, warnings = _render(tmp_path, body)
    target = static if which == "static" else local
    assert f'src="{target.resolve().as_uri()}"' in html
    assert warnings == []


def test_a_missing_pelican_image_is_a_warning_and_a_filename_link_opens_the_post(
    tmp_path: Path,
) -> None:
    _site(tmp_path, "pelicanconf.py")
    html, warnings = _render(
        tmp_path, "![c]({static}/images/missing.png)\n\n[me]({filename}/posts/pics.md)"
    )
    assert warnings == [(4, "image not found: {static}/images/missing.png")]
    page = (tmp_path / "content" / "posts" / "pics.md").resolve()
    assert f'href="{page.as_uri()}"' in html


def test_other_sites_leave_the_syntax_alone(tmp_path: Path) -> None:
    _site(tmp_path, "hugo.toml")
    (tmp_path / "hugo.toml").write_text('title = "x"\n', "utf-8")
    html, _warnings = _render(tmp_path, "![a]({static}/images/a%20b.png)")
    assert "file://" not in html


def test_the_checks_find_pelican_links_as_pelican_does(tmp_path: Path) -> None:
    from editor.core.checks import SiteChecker

    _site(tmp_path, "pelicanconf.py")
    page = tmp_path / "content" / "posts" / "pics.md"
    page.write_text(
        "Title: Pics\nDate: 2024-01-02\n\n![a]({static}/images/a%20b.png)\n\n"
        "![b]({attach}local.png)\n\n[me]({filename}pics.md)\n\n![c]({static}/images/gone.png)\n",
        encoding="utf-8",
    )
    found = SiteChecker(find_site(tmp_path)).check_file(page)
    missing = [(d.line, d.code) for d in found if d.code in ("missing-image", "broken-link")]
    assert missing == [(10, "missing-image")]
