"""PreviewPane: safety, links, patching and scroll mapping. One shared view (WebEngine is slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from PySide6.QtWidgets import QApplication

from editor.core.preview.header import PreviewHeader
from editor.core.preview.page import split_blocks
from editor.ui.preview.pane import PreviewPane
from tests.files import TINY_PNG
from tests.ui.preview.pages import RESOURCES, Result, js


def long_doc(changed: str = "", extra_line: int = 0) -> Result:
    """40 paragraphs, a 30-line code block and a 20-item list, with source lines."""
    parts, line_map, line = [], [], 1
    for i in range(40):
        text = f"Paragraph {i} " + "words " * 60 + (changed if i == 30 else "")
        parts.append(f'<p data-line="{line}">{text}</p>\n')
        line_map.append((line, line + 1))
        line += 3 + (extra_line if i == 5 else 0)
    code = "".join(f"code line {j}\n" for j in range(30))
    parts.append(
        f'<div class="highlight" data-line="{line}"><pre><code>{code}</code></pre></div>\n'
    )
    line_map.append((line, line + 31))
    line += 33
    items = "".join(f'<li data-line="{line + j}">item {j}</li>\n' for j in range(20))
    parts.append(f'<ul data-line="{line}">\n{items}</ul>\n')
    line_map.append((line, line + 19))
    return Result("".join(parts), tuple(line_map))


class Recorder(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        self.urls.append(info.requestUrl().toString())


@pytest.fixture(scope="module")
def pane(qapp: QApplication) -> Iterator[PreviewPane]:
    widget = PreviewPane(RESOURCES)
    widget.resize(900, 700)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def show(qtbot: Any, pane: PreviewPane, result: Any, **kwargs: Any) -> None:
    with qtbot.waitSignal(pane.contentPainted, timeout=20000):
        pane.show_result(result, PreviewHeader(title="T", meta_line="m"), **kwargs)


def test_no_script_runs_and_nothing_is_fetched(
    qtbot: Any, pane: PreviewPane, tmp_path: Path
) -> None:
    (tmp_path / "local.png").write_bytes(TINY_PNG)
    recorder = Recorder()
    pane.page.profile().setUrlRequestInterceptor(recorder)  # sees everything, blocks nothing
    try:
        html = (
            '<p data-line="1"><img src="https://example.com/remote.png" alt="far">'
            ' <img src="local.png" alt="near"></p>\n'
            "<script>document.title = 'pwned'; document.body.dataset.pwned = '1';</script>\n"
            '<p data-line="3"><img src="x" onerror="document.body.dataset.pwned = \'2\'">'
            '<span style="background: url(https://example.com/bg.png)">bg</span></p>\n'
            '<iframe src="https://example.com/frame"></iframe>\n'
            '<link rel="stylesheet" href="https://example.com/s.css">\n'
            '<picture><source srcset="https://example.com/s.webp"><img src="local.png"></picture>\n'
        )
        show(qtbot, pane, Result(html, ((1, 1), (3, 3))), base_dir=tmp_path)
        qtbot.waitUntil(lambda: js(qtbot, pane, "document.images[0].complete"), timeout=10000)
        state = js(
            qtbot,
            pane,
            "[document.title, document.body.dataset.pwned || null,"
            " document.querySelectorAll('.ip-remote-image').length,"
            " document.images[0].naturalWidth]",
        )
    finally:
        pane.page.profile().setUrlRequestInterceptor(pane.guard)
    assert state == ["", None, 2, 1]  # no script ran; two placeholders; the local image loaded
    assert any(url.endswith("/local.png") for url in recorder.urls)
    assert not [url for url in recorder.urls if not url.startswith(("file:", "data:"))]


def test_a_link_opens_in_the_system_browser(
    qtbot: Any, pane: PreviewPane, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    html = '<p data-line="1"><a id="go" href="https://example.org/post">a link to click</a></p>\n'
    show(qtbot, pane, Result(html, ((1, 1),)))
    rect = js(qtbot, pane, "document.getElementById('go').getBoundingClientRect()")
    point = QPoint(int(rect["x"]) + 4, int(rect["y"] + rect["height"] / 2))
    before = pane.page.url()
    with qtbot.waitSignal(pane.linkOpened, timeout=10000) as signal:
        QTest.mouseClick(pane.view.focusProxy(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args[0] == QUrl("https://example.org/post")
    assert [url.toString() for url in opened] == ["https://example.org/post"]
    assert pane.page.url() == before  # still our page
    assert js(qtbot, pane, "document.getElementById('go').textContent") == "a link to click"


def test_patching_replaces_only_changed_blocks_and_keeps_scroll(
    qtbot: Any, pane: PreviewPane
) -> None:
    show(qtbot, pane, long_doc())
    pane.run_js("window.scrollTo(0, 1500)")
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") == 1500)
    # Mark two live nodes: one that will change, one that only moves.
    js(qtbot, pane, "document.querySelectorAll('#ip-content > p')[20].dataset.mark = 'kept'")
    new = long_doc(changed="CHANGED", extra_line=1)
    show(qtbot, pane, new)
    marked = js(qtbot, pane, "document.querySelector('[data-mark]').getAttribute('data-line')")
    assert int(marked) == new.line_map[20][0] == long_doc().line_map[20][0] + 1  # moved, kept
    content = js(qtbot, pane, "document.getElementById('ip-content').innerHTML")
    assert content.replace(' data-mark="kept"', "") == new.html
    assert js(qtbot, pane, "window.scrollY") == 1500


def test_scroll_to_line_lands_on_the_block_and_inside_it(qtbot: Any, pane: PreviewPane) -> None:
    doc = long_doc()
    show(qtbot, pane, doc)
    first, _last = doc.line_map[12]
    pane.scroll_to_line(first)
    top = js(qtbot, pane, f"document.querySelector('[data-line=\"{first}\"]').offsetTop")
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") == top)
    # Halfway down the code block: halfway down its box.
    code_first, code_last = doc.line_map[40]
    pane.scroll_to_line(code_first + 16)
    box = js(
        qtbot,
        pane,
        f"(function(e){{var r=e.getBoundingClientRect();return [r.top+scrollY, r.height]}})"
        f"(document.querySelector('[data-line=\"{code_first}\"]'))",
    )
    expected = box[0] + box[1] * 16 / (code_last + 1 - code_first)
    qtbot.waitUntil(lambda: abs(js(qtbot, pane, "window.scrollY") - expected) <= 1)
    # A list item: the item itself.
    item_line = doc.line_map[41][0] + 15
    item_top = js(
        qtbot,
        pane,
        f"Math.min(document.querySelector('li[data-line=\"{item_line}\"]').offsetTop,"
        " document.documentElement.scrollHeight - innerHeight)",
    )
    assert item_top > box[0] + box[1]
    pane.scroll_to_line(item_line)
    qtbot.waitUntil(lambda: abs(js(qtbot, pane, "window.scrollY") - item_top) <= 1)


def test_user_scroll_reports_the_source_line(qtbot: Any, pane: PreviewPane) -> None:
    doc = long_doc()
    show(qtbot, pane, doc)
    first, _last = doc.line_map[25]
    top = js(qtbot, pane, f"document.querySelector('[data-line=\"{first}\"]').offsetTop")
    with qtbot.waitSignal(pane.lineScrolled, timeout=10000) as signal:
        pane.run_js(f"window.scrollTo(0, {top})")
    assert signal.args == [first]


def test_dark_theme_and_code_style(qtbot: Any, pane: PreviewPane) -> None:
    pane.set_dark(True)
    qtbot.waitUntil(lambda: js(qtbot, pane, "document.documentElement.className") == "dark")
    pane.set_code_style("friendly")
    qtbot.waitUntil(
        lambda: "#007020" in js(qtbot, pane, "document.getElementById('ip-code-css').textContent")
    )
    pane.set_dark(False)
    qtbot.waitUntil(lambda: js(qtbot, pane, "document.documentElement.className") == "light")


def test_an_in_page_anchor_scrolls_and_opens_nothing(
    qtbot: Any, pane: PreviewPane, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    doc = long_doc()
    html = '<p data-line="1"><a id="jump" href="#fn1">see note</a></p>\n' + doc.html.replace(
        "item 19", '<span id="fn1">the note</span>'
    )
    show(qtbot, pane, Result(html, ((1, 1), *doc.line_map)), base_dir=tmp_path)
    pane.run_js("window.scrollTo(0, 0)")
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") == 0)
    rect = js(qtbot, pane, "document.getElementById('jump').getBoundingClientRect()")
    point = QPoint(int(rect["x"]) + 4, int(rect["y"] + rect["height"] / 2))
    QTest.mouseClick(pane.view.focusProxy(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") > 1000)
    assert opened == []
    assert js(qtbot, pane, "document.getElementById('fn1').textContent") == "the note"


def test_the_view_has_an_accessible_name(pane: PreviewPane) -> None:
    assert pane.view.accessibleName() == "Preview"
    assert pane.view.accessibleDescription()


def test_inserted_and_removed_blocks_leave_the_others_in_place(
    qtbot: Any, pane: PreviewPane
) -> None:
    base = long_doc()
    show(qtbot, pane, base)
    pane.run_js("window.scrollTo(0, 1200)")
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") == 1200)
    js(qtbot, pane, "document.querySelectorAll('#ip-content > p')[35].dataset.mark = 'kept'")
    seen = "document.querySelector('[data-mark]').getBoundingClientRect().top"
    top = js(qtbot, pane, seen)
    blocks = split_blocks(base.html, base.line_map)
    html = [b.html for b in blocks]
    lines = list(base.line_map)
    del html[2], lines[2]  # a paragraph removed; one inserted (line 8 is free now)
    html.insert(3, '<h2 data-line="8">Inserted</h2>\n')
    lines.insert(3, (8, 8))
    new = Result("".join(html), tuple(lines))
    show(qtbot, pane, new)
    content = js(qtbot, pane, "document.getElementById('ip-content').innerHTML")
    assert content.replace(' data-mark="kept"', "") == new.html
    assert js(qtbot, pane, "document.querySelector('[data-mark]').textContent").startswith(
        "Paragraph 35 "
    )
    assert js(qtbot, pane, "window.__inkpost.blockCount()") == len(html)
    assert abs(js(qtbot, pane, seen) - top) < 1  # what was in view stays where it was


def test_the_same_page_again_runs_no_script(
    qtbot: Any, pane: PreviewPane, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = long_doc(changed="again")
    show(qtbot, pane, doc)
    painted: list[bool] = []
    pane.contentPainted.connect(lambda: painted.append(True))
    ran: list[str] = []
    run = pane._run
    monkeypatch.setattr(
        pane, "_run", lambda code, callback=None: (ran.append(code), run(code, callback))
    )
    # A whole outcome after its early preview: equal blocks, the same header.
    pane.show_result(doc, PreviewHeader(title="T", meta_line="m"))
    assert painted == [True] and ran == [] and not pane.busy
    with qtbot.waitSignal(pane.contentPainted, timeout=20000):
        pane.show_result(doc, PreviewHeader(title="T", meta_line="m, later"))
    assert len(ran) == 1 and '"remove": 0, "insert": [], "shifts": []' in ran[0]  # header
    monkeypatch.undo()
    assert js(qtbot, pane, "document.querySelector('.post-meta').textContent") == "m, later"


def test_highlighted_code_is_styled_whatever_the_site_s_wrapper_class(
    qtbot: Any, pane: PreviewPane
) -> None:
    code = '<pre tabindex="0" style="color:#f8f8f2"><code>x := 1\n</code></pre>'
    table = f'<div style="color:#fff"><table><tr><td>{code}</td><td>{code}</td></tr></table></div>'
    html = (
        f'<div class="highlight" data-line="1">{code}</div>\n'
        f'<div class="code-block" data-line="3">{code}</div>\n'  # markup.highlight.wrapperClass
        f'<div class="code-block" data-line="5">{table}</div>\n'  # with line numbers
        '<div class="raw" data-line="7"><pre><code>raw HTML</code></pre></div>\n'
    )
    show(qtbot, pane, Result(html, ((1, 1), (3, 3), (5, 5), (7, 7))))
    overflow = js(
        qtbot,
        pane,
        "[...document.querySelectorAll('#ip-content > div')]"
        ".map(d => getComputedStyle(d).overflow)",
    )
    assert overflow == ["hidden", "hidden", "hidden", "visible"]
