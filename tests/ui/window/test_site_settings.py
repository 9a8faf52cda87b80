"""The window follows its site's config files while it runs: the status bar's figures, the
library's and the preview's settings follow an edit of hugo.toml (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor.core.site.config import find_site
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import MainWindow
from editor.ui.window.site_settings import SiteSettingsWatch
from tests.files import write_site
from tests.ui.windows import WindowMaker

CJK = "---\ntitle: CJK\n---\n日本語の文章です。 and two\n"


def _site(root: Path) -> Path:
    return write_site(root, {"cjk.md": CJK}).resolve()


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    win = make_window(_site(tmp_path / "blog"))
    win.site_settings.set_debounce_ms(0)
    make_window.show(win, (900, 600))
    return win


def _watch(window: MainWindow) -> SiteSettingsWatch:
    return window.site_settings


def test_an_edit_of_hugo_toml_reaches_the_status_figures(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    root = Path(window.site.root)
    window.preview_link.prerender = True  # renders as if the preview were there
    window.open_post(root / "content" / "posts" / "cjk.md")
    qtbot.waitUntil(lambda: window.status_panel.words.text() == "3 words", timeout=15_000)
    sites = []
    window.siteChanged.connect(sites.append)
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (root / "hugo.toml").write_text('title = "Blog"\nhasCJKLanguage = true\n')
    assert window.site.has_cjk_language and [s.has_cjk_language for s in sites] == [True]
    qtbot.waitUntil(lambda: window.status_panel.words.text() == "11 words", timeout=15_000)
    assert window.statusBar().currentMessage() == "Site settings read again (hugo.toml)"


def test_an_edit_of_hugo_toml_reaches_the_editor_s_colours_and_the_line_breaks(
    window: MainWindow, qtbot: QtBot
) -> None:
    root = Path(window.site.root)
    post = root / "content" / "posts" / "lines.md"
    post.write_text("---\ntitle: L\n---\n日本語\n文章 ==marked==\n", encoding="utf-8")
    window.preview_link.prerender = True
    tab = window.open_post(post)
    qtbot.waitUntil(lambda: window.status_panel.words.text() == "3 words", timeout=15_000)

    def marked() -> bool:
        block = tab.document.text_document.findBlockByNumber(4)
        column = block.text().index("marked")
        return any(
            r.start <= column < r.start + r.length
            and r.format.background().style() != Qt.BrushStyle.NoBrush
            for r in block.layout().formats()
        )

    assert not marked()
    config = (
        'title = "Blog"\n[markup.goldmark.extensions]\nextras.mark.enable = true\n'
        "cjk = { enable = true, eastAsianLineBreaks = true }\n"
    )
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (root / "hugo.toml").write_text(config, encoding="utf-8")
    qtbot.waitUntil(marked, timeout=5_000)  # ==marked== is Hugo's <mark> now
    # the two lines join as in Hugo: 日本語文章 is one word
    qtbot.waitUntil(lambda: window.status_panel.words.text() == "2 words", timeout=15_000)


def test_a_config_that_appears_or_goes_is_followed(window: MainWindow, qtbot: QtBot) -> None:
    root = Path(window.site.root)
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (root / "config" / "_default").mkdir(parents=True)
        (root / "config" / "_default" / "params.toml").write_text('color = "teal"\n')
    assert window.site.params.get("color") == "teal"
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (root / "config" / "_default" / "params.toml").unlink()
    assert "color" not in window.site.params


def test_a_file_replaced_by_rename_is_still_watched(window: MainWindow, qtbot: QtBot) -> None:
    root = Path(window.site.root)
    for length in (5, 9):  # editors save by writing a new file and renaming it over
        with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
            (root / "hugo.toml.tmp").write_text(f"summaryLength = {length}\n")
            (root / "hugo.toml.tmp").replace(root / "hugo.toml")
        assert window.site.summary_length == length
    assert str(root / "hugo.toml") in _watch(window).watched()


def test_a_config_that_no_longer_parses_names_file_and_line(
    window: MainWindow, qtbot: QtBot
) -> None:
    root = Path(window.site.root)
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (root / "hugo.toml").write_text('title = "Blog"\nsummaryLength = = 3\n')
    problems = [d for d in window.site.diagnostics if d.file == root / "hugo.toml"]
    assert problems and problems[0].line == 2


def test_unchanged_settings_or_other_files_do_not_reload(window: MainWindow, qtbot: QtBot) -> None:
    root = Path(window.site.root)
    site = window.site
    (root / "notes.txt").write_text("not a config\n")
    assert not _watch(window).check()
    (root / "hugo.toml").write_text('title  =  "Blog"\n')  # the same settings, written again
    assert not _watch(window).check()
    assert window.site is site


def test_the_library_figures_follow_the_new_settings(
    qtbot: QtBot, tmp_path: Path, window: MainWindow
) -> None:
    panel = LibraryPanel(window, figures=True)
    panel.set_debounce_ms(-1)
    window.set_library(panel, tmp_path / "cache")

    def words() -> int | None:
        index = panel.index
        entry = None if index is None else index.get("content/posts/cjk.md")
        return None if entry is None or not entry.figures_exact else entry.words

    qtbot.waitUntil(lambda: words() == 3, timeout=20_000)
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (Path(window.site.root) / "hugo.toml").write_text("hasCJKLanguage = true\n")
    qtbot.waitUntil(lambda: words() == 11, timeout=20_000)


def test_another_site_is_watched_instead(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    other = _site(tmp_path / "other")
    window.set_site(find_site(other))
    assert str(other / "hugo.toml") in _watch(window).watched()
    assert str(tmp_path / "blog" / "hugo.toml") not in _watch(window).watched()
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (other / "hugo.toml").write_text("summaryLength = 4\n")
    assert window.site.summary_length == 4


def test_a_site_folder_that_goes_keeps_its_settings(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    site = window.site
    (tmp_path / "blog").rename(tmp_path / "moved")
    assert not _watch(window).check()
    assert window.site is site


def test_the_sites_code_style_reaches_the_preview_settings(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.appearance.prefs.code_style == "site"  # the default: the site's style
    with qtbot.waitSignal(_watch(window).reloaded, timeout=10_000):
        (Path(window.site.root) / "hugo.toml").write_text('[markup.highlight]\nstyle = "dracula"\n')
    assert window.appearance.code_style() == "dracula"
