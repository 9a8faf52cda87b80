"""The bundled sample site (resources/sample-site) is a real Hugo site: the real binary builds
it without errors or warnings, every published post comes out, and it has what the README
promises (long posts, code in many languages, a page bundle with an image, a draft, a
future post, TOML front matter, a Japanese post)."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import tomllib
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import frontmatter
import pytest

from editor.core.site.config import find_site
from tests import hugo_site

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample-site"
POSTS = sorted((SAMPLE / "content" / "posts").rglob("*.md"))


def hugo_exe() -> str:
    return hugo_site.require_hugo()


@dataclass(frozen=True)
class Built:
    root: Path
    stderr: str
    pages: dict[str, Path]  # title -> built HTML file


def build(tmp: Path, *flags: str) -> Built:
    root = tmp / "site"
    shutil.copytree(SAMPLE, root)
    done = subprocess.run(
        [hugo_exe(), "--quiet", "--logLevel", "warn", *flags],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages: dict[str, Path] = {}
    for page in (root / "public").rglob("index.html"):
        found = re.search(r"<article>\s*<h1>(.*?)</h1>", page.read_text(encoding="utf-8"))
        if found:
            pages[html.unescape(found.group(1))] = page
    return Built(root, done.stdout + done.stderr, pages)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("everything"), "--buildDrafts", "--buildFuture")


def metadata(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("+++\n"):
        return tomllib.loads(text.split("+++\n", 2)[1])
    return dict(frontmatter.loads(text).metadata)


def post_date(meta: dict[str, object]) -> datetime:
    value = meta["date"]
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    assert isinstance(value, date)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def meta_numbers(page: Path) -> tuple[int, int]:
    found = re.search(r"· (\d+) min · (\d+) words", page.read_text(encoding="utf-8"))
    assert found, page
    return int(found.group(1)), int(found.group(2))


def test_hugo_builds_it_without_errors_or_warnings(published: Built) -> None:
    assert "ERROR" not in published.stderr
    assert "WARN" not in published.stderr


def test_every_published_post_is_built_and_no_other(published: Built) -> None:
    now = datetime.now(UTC)
    expected = set()
    for path in POSTS:
        meta = metadata(path)
        if not meta.get("draft") and post_date(meta) <= now:
            expected.add(str(meta["title"]))
    assert len(expected) >= 6
    assert set(published.pages) == expected


def test_with_drafts_and_future_every_post_is_built(everything: Built) -> None:
    titles = {str(metadata(path)["title"]) for path in POSTS}
    assert set(everything.pages) == titles
    for page in everything.pages.values():
        minutes, words = meta_numbers(page)
        assert minutes >= 1 and words > 50


def test_the_site_has_what_the_readme_promises(everything: Built) -> None:
    assert 6 <= len(POSTS) <= 10
    metas = [metadata(path) for path in POSTS]
    assert sum(1 for m in metas if m.get("draft")) == 1
    assert any(post_date(m).year >= 2027 for m in metas)
    assert any(path.read_text(encoding="utf-8").startswith("+++\n") for path in POSTS)
    assert any(m.get("isCJKLanguage") is True for m in metas)
    long_posts = [p for p in everything.pages.values() if meta_numbers(p)[1] >= 1500]
    assert len(long_posts) >= 3
    built = "".join(p.read_text(encoding="utf-8") for p in everything.pages.values())
    for lang in ("rust", "python", "yaml", "sql", "typescript", "js", "go", "bash", "toml"):
        assert f'data-lang="{lang}"' in built, lang
    assert 'class="footnote-ref"' in built
    assert 'type="checkbox"' in built
    assert "<table>" in built
    sources = "".join(path.read_text(encoding="utf-8") for path in POSTS)
    assert "<!--more-->" in sources
    assert "{{< highlight" in sources


def test_the_page_bundle_has_a_real_png_that_hugo_publishes(everything: Built) -> None:
    bundle = SAMPLE / "content" / "posts" / "postgres-index-tuning"
    (image,) = bundle.glob("*.png")
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"  # the signature: the sample's own PNG is checked
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (560, 260)
    # every chunk's CRC is right and the pixels decompress
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(tag + body) & 0xFFFFFFFF == crc
        idat += body if tag == b"IDAT" else b""
        pos += 12 + length
    assert len(zlib.decompress(idat)) == height * (1 + width * 3)
    assert f"]({image.name}" in (bundle / "index.md").read_text(encoding="utf-8")
    page = everything.pages["The Index That Made Our Dashboard 40× Faster"]
    assert f'src="{image.name}"' in page.read_text(encoding="utf-8")
    assert (page.parent / image.name).read_bytes() == data


def test_the_japanese_post_counts_as_cjk(everything: Built) -> None:
    page = everything.pages["Hugoで日本語の記事を書くときの文字数と読了時間"]
    minutes, words = meta_numbers(page)
    assert words > 800 and minutes == (words + 499) // 500


def test_inkpost_reads_the_sample_sites_config() -> None:
    site = find_site(SAMPLE / "content" / "posts" / "go-worker-pools.md")
    assert site.kind == "hugo" and site.root == SAMPLE
    assert site.diagnostics == ()
    assert site.title == "Field Notes on Software"
    assert site.author == "Mira Okafor"
    assert site.summary_length == 70
    assert site.highlight.style == "monokai"
    assert site.content_dir == SAMPLE / "content"
    assert site.archetype_dirs == (SAMPLE / "archetypes",)
    assert (SAMPLE / "archetypes" / "default.md").is_file()


def test_hugo_new_uses_the_archetype(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    done = subprocess.run(
        [hugo_exe(), "new", "content", "posts/my-first-post.md"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    meta = metadata(root / "content" / "posts" / "my-first-post.md")
    assert meta["title"] == "My First Post"
    assert meta["draft"] is True and meta["tags"] == []
    assert isinstance(meta["date"], datetime)
