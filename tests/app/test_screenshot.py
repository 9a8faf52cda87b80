"""Screenshot mode: the whole window with the painted preview, as a PNG, exit code 0."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from editor.app.main import is_blank, main, newest_post
from editor.core.site.config import SiteConfig
from tests.files import write_site

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"

POST = """---
title: "Worker pools in Go"
date: 2026-03-09
tags: [go, concurrency]
---

A worker pool bounds concurrency. **Bounded** work is *predictable* work.

## The pool

```go
func worker(jobs <-chan int, results chan<- int) {
    for j := range jobs {
        results <- j * 2
    }
}
```

- start the workers
- feed the jobs
"""


def _site(root: Path) -> Path:
    return write_site(root, {"pools.md": POST}, 'title = "Shots"\n') / "content/posts/pools.md"


@pytest.mark.slow
def test_screenshot_mode_writes_a_painted_window(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INKPOST_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("INKPOST_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    post = _site(site)
    out = tmp_path / "shots" / "window.png"
    before = post.read_bytes()
    code = main([str(site), str(post), "--screenshot", str(out), "--size", "1000x700"])
    assert code == 0
    image = QImage(str(out))
    assert image.size() == QSize(1000, 700)
    # The right half (the preview, scroll bar left out) is not a blank pane; neither is the
    # editor on the left.
    assert not is_blank(image.copy(QRect(520, 80, 440, 560)))
    assert not is_blank(image.copy(QRect(40, 80, 400, 560)))
    assert post.read_bytes() == before
    # The library sidebar was there, its index in the redirected cache folder.
    assert list((tmp_path / "cache" / "library").glob("*.sqlite"))
    assert not (tmp_path / "config" / "state.ini").exists() or "pools.md" not in (
        tmp_path / "config" / "state.ini"
    ).read_text(encoding="utf-8")
    assert not (tmp_path / "config" / "recent.ini").exists()  # nor File > Open Recent's list
    # The window has Inkpost's icon, and the shell finds the desktop entry by its id.
    assert QApplication.desktopFileName() == "io.github.inkpost.Inkpost"
    assert not QApplication.windowIcon().isNull()


def test_is_blank() -> None:
    image = QImage(50, 40, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    assert is_blank(image)
    image.setPixel(25, 20, 0x000000)
    assert is_blank(image, samples=4)  # a dot between samples goes unseen
    image.fill(0xFFFFFF)
    for x in range(50):
        for y in range(20, 40):
            image.setPixel(x, y, 0x202020)
    assert not is_blank(image)


def test_newest_post_skips_drafts_and_the_future(tmp_path: Path) -> None:
    def write(name: str, front: str) -> Path:
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}\n---\nText\n", encoding="utf-8")
        return path

    write("old.md", "date: 2025-01-01")
    newest = write("bundle/index.md", "date: 2026-02-01")
    write("draft.md", "date: 2026-02-20\ndraft: true")
    write("future.md", "date: 2099-01-01")
    write("_index.md", "date: 2026-03-01")
    site = SiteConfig.hugo_defaults(tmp_path)
    assert newest_post(site, now=datetime(2026, 3, 9, tzinfo=UTC)) == newest
    assert newest_post(SiteConfig.hugo_defaults(tmp_path / "nothing-here")) is None
    laughs = (HOSTILE / "frontmatter-billion-laughs.md").read_bytes()  # read, bounded
    (tmp_path / "content" / "laughs.md").write_bytes(laughs)
    assert newest_post(site, now=datetime(2026, 3, 9, tzinfo=UTC)) == newest
