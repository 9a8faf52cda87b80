"""The site preview's Hugo: command line, output parsing, missing themes, post URLs."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.diagnostics import Severity
from editor.core.publish.hugo_server import (
    EventKind,
    find_hugo,
    free_port,
    lowered_priority,
    missing_theme,
    network_module_error,
    parse_line,
    post_url,
    server_command,
    server_environment,
)
from editor.core.site.config import load_site
from tests.hugo_site import require_hugo


def make_site(root: Path, *, theme: str = "mini", layouts: bool = True) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        f'baseURL = "https://example.org/"\ntitle = "T"\ntheme = "{theme}"\n', encoding="utf-8"
    )
    if layouts:
        folder = root / "themes" / theme / "layouts" / "_default"
        folder.mkdir(parents=True)
        page = "<html><body><h1 class='t'>{{ .Title }}</h1>{{ .Content }}</body></html>"
        (folder / "single.html").write_text(page, encoding="utf-8")
        (folder / "list.html").write_text(page, encoding="utf-8")
    (root / "content" / "posts" / "hello.md").write_text(
        "---\ntitle: Hello Theme\ndraft: true\n---\n\n# Intro\n\nText.\n", encoding="utf-8"
    )
    return root


def test_command_binds_loopback_renders_to_memory_and_builds_all(tmp_path: Path) -> None:
    cmd = server_command("/bin/hugo", tmp_path, 4567, tmp_path / "cache")
    assert cmd[:2] == ["/bin/hugo", "server"]
    joined = " ".join(cmd)
    assert "--bind 127.0.0.1" in joined and "--port 4567" in joined
    assert "--baseURL http://127.0.0.1:4567/" in joined
    for flag in ("--buildDrafts", "--buildFuture", "--buildExpired", "--renderToMemory"):
        assert flag in cmd
    assert "--destination" not in cmd  # never the site's public/


def test_lowered_priority_wraps_the_command_in_nice() -> None:
    command = lowered_priority(["/bin/hugo", "server"])
    assert command[-2:] == ["/bin/hugo", "server"]
    if os.name == "posix" and len(command) > 2:
        assert Path(command[0]).name == "nice" and command[1:3] == ["-n", "10"]


def test_free_port_is_bindable() -> None:
    port = free_port()
    assert 1024 <= port <= 65535


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Web Server is available at http://127.0.0.1:5000/ (bind address 127.0.0.1) ", "ready"),
        ("Change detected, rebuilding site (#2).", "rebuilding"),
        ("Total in 14 ms", "rebuilt"),
        ("Built in 8 ms", "other"),
        ("\x1b[95mRunning Hugo 0.168.0\x1b[0m", "other"),
    ],
)
def test_parse_line_kinds(line: str, kind: str) -> None:
    assert parse_line(line).kind == EventKind(kind)


def test_parse_line_reads_url_and_time() -> None:
    assert parse_line("Web Server is available at http://127.0.0.1:5000/ (bind").url == (
        "http://127.0.0.1:5000/"
    )
    assert parse_line("Total in 14 ms").ms == 14.0


def test_error_names_the_innermost_file_and_line() -> None:
    line = (
        "ERROR Rebuild failed: assemble: failed to create page from pageMetaSource /posts/h: "
        '"/site/content/posts/h.md:8:6": failed to extract shortcode: template for '
        'shortcode "nope" not found'
    )
    event = parse_line(line)
    assert event.kind is EventKind.ERROR and event.diagnostic is not None
    assert event.diagnostic.file == Path("/site/content/posts/h.md")
    assert event.diagnostic.line == 8
    assert event.diagnostic.severity is Severity.ERROR
    assert 'shortcode "nope" not found' in event.diagnostic.message


def test_error_without_a_place_keeps_the_message() -> None:
    event = parse_line("WARN  found no layout file for html")
    assert event.diagnostic is not None and event.diagnostic.file is None
    assert event.diagnostic.severity is Severity.WARNING
    assert "no layout file" in event.diagnostic.message


@given(st.text(max_size=300))
def test_parse_line_never_raises(text: str) -> None:
    event = parse_line(text)
    assert event.kind in EventKind


def test_network_module_error() -> None:
    assert network_module_error("failed to download modules: go: github.com/x/y: dial tcp: ...")
    assert not network_module_error("template for shortcode nope not found")


def test_theme_submodule_not_checked_out(tmp_path: Path) -> None:
    make_site(tmp_path, layouts=False)
    (tmp_path / "themes" / "mini").mkdir(parents=True)
    (tmp_path / ".gitmodules").write_text(
        '[submodule "themes/mini"]\n\tpath = themes/mini\n\turl = https://x/y.git\n',
        encoding="utf-8",
    )
    message = missing_theme(load_site(tmp_path))
    assert message is not None
    assert "theme mini is a git submodule that is not checked out" in message
    assert "git submodule update --init" in message


def test_theme_absent_and_present(tmp_path: Path) -> None:
    make_site(tmp_path / "a", layouts=False)
    assert "theme mini is missing" in (missing_theme(load_site(tmp_path / "a")) or "")
    make_site(tmp_path / "b")
    assert missing_theme(load_site(tmp_path / "b")) is None


def test_module_import_needing_the_network(tmp_path: Path) -> None:
    make_site(tmp_path)
    (tmp_path / "hugo.toml").write_text(
        'title = "T"\n[module]\n[[module.imports]]\npath = "github.com/someone/theme"\n',
        encoding="utf-8",
    )
    message = missing_theme(load_site(tmp_path))
    assert message is not None and "github.com/someone/theme" in message
    assert "downloaded" in message
    (tmp_path / "_vendor" / "github.com" / "someone" / "theme").mkdir(parents=True)
    assert missing_theme(load_site(tmp_path)) is None


def test_post_url_follows_permalinks(tmp_path: Path) -> None:
    make_site(tmp_path)
    site = load_site(tmp_path)
    post = tmp_path / "content" / "posts" / "hello.md"
    assert post_url(site, post, {"title": "Hello"}) == "/posts/hello/"
    assert post_url(site, post, {"slug": "other"}) == "/posts/other/"
    assert post_url(site, tmp_path / "elsewhere.md", {}) is None


@pytest.mark.hugo
def test_real_server_serves_the_post_at_its_url(tmp_path: Path) -> None:
    require_hugo()
    hugo = find_hugo()
    assert hugo is not None
    site = load_site(make_site(tmp_path / "site"))
    port = free_port()
    cmd = server_command(hugo, Path(site.root), port, tmp_path / "cache")
    env = {**os.environ, **server_environment()}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    try:
        url = ""
        deadline = time.monotonic() + 60
        assert proc.stdout is not None
        while not url and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            event = parse_line(line)
            if event.kind is EventKind.READY:
                url = event.url
        assert url == f"http://127.0.0.1:{port}/"
        path = post_url(site, Path(site.content_dir) / "posts" / "hello.md", {})
        with urllib.request.urlopen(url.rstrip("/") + str(path), timeout=10) as response:
            page = response.read().decode("utf-8")
        assert "<h1 class='t'>Hello Theme</h1>" in page or "Hello Theme</h1>" in page
        assert not (Path(site.root) / "public").exists()
        assert not (Path(site.root) / ".hugo_build.lock").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
