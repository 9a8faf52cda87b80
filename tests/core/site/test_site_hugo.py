"""What editor.core.site.config reads matches what the real Hugo prints with `hugo config`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from editor.core.site.config import SiteConfig, find_site
from tests import hugo_site

pytestmark = pytest.mark.hugo


def hugo_exe() -> str:
    return hugo_site.require_hugo()


def hugo_config(root: Path) -> dict[str, Any]:
    result = subprocess.run(
        [hugo_exe(), "config", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def ours_vs_hugo(site: SiteConfig, hugo: dict[str, Any]) -> list[tuple[Any, Any]]:
    goldmark = hugo["markup"]["goldmark"]
    ext = goldmark["extensions"]
    parser = goldmark["parser"]
    highlight = hugo["markup"]["highlight"]
    toc = hugo["markup"]["tableofcontents"]
    return [
        (site.title, hugo["title"]),
        (site.base_url, hugo["baseurl"]),
        (site.summary_length, hugo["summarylength"]),
        (site.default_language, hugo["defaultcontentlanguage"]),
        (site.content_dir, site.root / hugo["contentdir"]),
        (site.goldmark.unsafe, goldmark.get("renderer", {}).get("unsafe", False)),
        (site.goldmark.hard_wraps, goldmark.get("renderer", {}).get("hardwraps", False)),
        (site.goldmark.typographer, "disable" not in ext.get("typographer", {"disable": True})),
        (site.goldmark.footnote, ext.get("footnote", {}).get("enable", False)),
        (site.goldmark.passthrough, ext.get("passthrough", {}).get("enable", False)),
        (site.goldmark.linkify, ext.get("linkify", False)),
        (site.goldmark.strikethrough, ext.get("strikethrough", False)),
        (site.goldmark.task_list, ext.get("tasklist", False)),
        (site.goldmark.attribute_block, parser.get("attribute", {}).get("block", False)),
        (site.goldmark.auto_heading_id_type, parser["autoidtype"]),
        (site.highlight.style, highlight["style"]),
        (site.highlight.no_classes, highlight.get("noclasses", False)),
        (site.highlight.line_nos, highlight.get("linenos", False)),
        (site.highlight.tab_width, highlight["tabwidth"]),
        ((site.toc.start_level, site.toc.end_level), (toc["startlevel"], toc["endlevel"])),
        (site.toc.ordered, toc.get("ordered", False)),
        (site.taxonomies, hugo["taxonomies"]),
        (site.params, hugo["params"]),
    ]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_hugo_defaults_match(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'baseURL = "https://x.org/"\ntitle = "T"\n')
    pairs = ours_vs_hugo(find_site(tmp_path), hugo_config(tmp_path))
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]


def test_a_busy_toml_config_matches(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        """\
baseURL = "https://x.org/"
Title = "Busy"
SummaryLength = "12"
contentDir = "posts-src"
[markup.goldmark.renderer]
unsafe = true
hardWraps = true
[markup.goldmark.extensions]
typographer = false
linkify = false
strikethrough = false
[markup.goldmark.extensions.footnote]
enable = false
[markup.goldmark.extensions.passthrough]
enable = true
[markup.goldmark.parser]
autoHeadingIDType = "github-ascii"
[markup.goldmark.parser.attribute]
block = true
[markup.highlight]
style = "dracula"
noClasses = false
lineNos = true
tabWidth = 2
[markup.tableOfContents]
startLevel = 1
endLevel = 4
ordered = true
[taxonomies]
series = "series"
[params]
Author = "Ada"
""",
    )
    site = find_site(tmp_path)
    assert site.diagnostics == ()
    pairs = ours_vs_hugo(site, hugo_config(tmp_path))
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]


def test_a_split_yaml_config_folder_matches(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "root"\nsummaryLength = 5\n')
    default = tmp_path / "config" / "_default"
    write(default / "hugo.yaml", "title: Folder\nbaseURL: https://y.org/\n")
    write(
        default / "markup.yaml",
        "goldmark:\n  renderer:\n    unsafe: true\nhighlight:\n  style: github\n",
    )
    write(default / "params.toml", "author = 'Bo'\nshowReadingTime = true\n")
    write(default / "languages.toml", "[en]\nweight = 1\ntitle = 'English title'\n")
    site = find_site(tmp_path)
    assert site.author == "Bo"
    pairs = ours_vs_hugo(site, hugo_config(tmp_path))
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]
