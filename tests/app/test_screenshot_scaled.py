"""Screenshot mode at a 2x scale factor: the blank check reads the grab's own pixels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage

from editor.app.main import is_blank, saved_preview_is_blank
from tests.app.child_app import ROOT, app_env
from tests.files import write_site

POST = "---\ntitle: Scaled\ndate: 2026-03-09\n---\n\nA worker pool bounds **concurrency**.\n"


def _half_dark(width: int, height: int) -> QImage:
    """White on the left half, dark on the right half."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    for x in range(width // 2, width):
        for y in range(height):
            image.setPixel(x, y, 0x202020 if (x + y) % 7 else 0x808080)
    return image


def test_is_blank_reads_a_logical_region_in_device_pixels() -> None:
    image = _half_dark(200, 160)
    image.setDevicePixelRatio(2)  # a 100x80 window grabbed at 2x
    assert not is_blank(image, QRect(50, 0, 50, 80))  # the right half: pixels 100..199
    assert is_blank(image, QRect(0, 0, 50, 80))
    assert not is_blank(image, QRect(90, 70, 40, 40))  # clipped to the image
    assert is_blank(image, QRect(120, 0, 10, 10))  # outside: nothing to see


def test_a_saved_picture_is_checked_at_its_own_scale(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert _half_dark(200, 160).save(str(out), "PNG")
    assert not saved_preview_is_blank(out, 100, QRect(50, 0, 50, 80))
    assert saved_preview_is_blank(out, 100, QRect(0, 0, 50, 80))
    assert saved_preview_is_blank(tmp_path / "missing.png", 100, QRect(0, 0, 50, 80))


@pytest.mark.slow
def test_screenshot_at_2x_waits_for_the_painted_preview(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"scaled.md": POST}, 'title = "Scaled"\n')
    post = site / "content" / "posts" / "scaled.md"
    out = tmp_path / "shot.png"
    env = app_env(tmp_path, QT_SCALE_FACTOR="2")
    args = [str(site), str(post), "--screenshot", str(out), "--size", "1000x700"]
    result = subprocess.run(
        [sys.executable, "-m", "editor.app.main", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert image.size() == QSize(2000, 1400)
    image.setDevicePixelRatio(2)
    assert not is_blank(image, QRect(520, 80, 440, 560))  # the preview pane
