"""PDF printing with Qt WebEngine: blocking, from a worker thread, and as a child process."""

from __future__ import annotations

import importlib
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from pytestqt.qtbot import QtBot

from editor.core.export.execute import execute, plan_export
from editor.core.export.html import PRINT_CSS, data_uri
from editor.ui.export.pdf import GuiThreadPdfPrinter, main, print_to_pdf, set_pdf_title

FIXTURES = Path(__file__).parent.parent.parent / "core" / "fixtures" / "export"

TITLE = "Profiling Python: a field guide"
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><h1>{TITLE}</h1><p>{"Many words to read. " * 400}</p></body></html>"""


def pdf_text(path: Path) -> tuple[int, str]:
    # pypdf reads the PDF (a test dependency: pip install pypdf).
    reader = importlib.import_module("pypdf").PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)  # "fi" ligatures


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_print_to_pdf_writes_pages_with_the_title(qtbot: QtBot, page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    print_to_pdf(page, out)
    pages, text = pdf_text(out)
    assert pages >= 2 and TITLE in text


def _metadata_title(path: Path) -> object:
    metadata = importlib.import_module("pypdf").PdfReader(path).metadata
    return None if metadata is None else metadata.get("/Title")


def test_the_page_title_is_the_pdf_title(qtbot: QtBot, page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    print_to_pdf(page, out)
    assert _metadata_title(out) == TITLE
    assert set(tmp_path.iterdir()) == {page, out}  # nothing staged is left beside it
    untitled = tmp_path / "untitled.html"
    untitled.write_text("<!DOCTYPE html><p>No title here.</p>", encoding="utf-8")
    print_to_pdf(untitled, tmp_path / "untitled.pdf")
    assert _metadata_title(tmp_path / "untitled.pdf") is None


def test_set_pdf_title_leaves_a_file_it_cannot_read_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    assert set_pdf_title(broken, "T") is False
    assert broken.read_bytes() == b"not a pdf at all" and list(tmp_path.iterdir()) == [broken]


def test_a_missing_page_raises(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="could not print"):
        print_to_pdf(tmp_path / "missing.html", tmp_path / "out.pdf")


def test_printer_called_from_a_worker_thread(qtbot: QtBot, page: Path, tmp_path: Path) -> None:
    printer = GuiThreadPdfPrinter()
    out = tmp_path / "worker.pdf"
    errors: list[BaseException] = []
    finished = threading.Event()

    def work() -> None:
        try:
            printer(page, out)
            printer(tmp_path / "missing.html", tmp_path / "never.pdf")
        except OSError as exc:
            errors.append(exc)
        finished.set()

    thread = threading.Thread(target=work)
    thread.start()
    qtbot.waitUntil(finished.is_set, timeout=60_000)
    thread.join()
    assert TITLE in pdf_text(out)[1]
    assert len(errors) == 1 and "missing.html" in str(errors[0])


def test_printer_called_on_the_gui_thread_prints_directly(
    qtbot: QtBot, page: Path, tmp_path: Path
) -> None:
    out = tmp_path / "gui.pdf"
    GuiThreadPdfPrinter()(page, out)
    assert pdf_text(out)[0] >= 1


def test_main_in_process(qtbot: QtBot, page: Path, tmp_path: Path) -> None:
    out = tmp_path / "main.pdf"
    assert main([str(page), str(out)]) == 0
    assert TITLE in pdf_text(out)[1]
    assert main([str(tmp_path / "missing.html"), str(out)]) == 1


def test_main_usage_and_child_process(page: Path, tmp_path: Path) -> None:
    assert main([]) == 2
    out = tmp_path / "child.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "editor.ui.export.pdf", str(page), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent.parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert TITLE in pdf_text(out)[1]
    failed = subprocess.run(
        [sys.executable, "-m", "editor.ui.export.pdf", str(tmp_path / "nope.html"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent.parent.parent,
    )
    assert failed.returncode == 1 and "inkpost pdf:" in failed.stderr


class _Recorder(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        self.urls.append(info.requestUrl().toString())
        if info.requestUrl().scheme() not in ("file", "data"):
            info.block(True)  # never reach the network, even in the control case


def _load(qtbot: QtBot, path: Path) -> list[str]:
    profile = QWebEngineProfile()
    recorder = _Recorder()
    profile.setUrlRequestInterceptor(recorder)
    page = QWebEnginePage(profile)
    # Allowed here so that only the document itself can stop a request (its CSP).
    page.settings().setAttribute(
        QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True
    )
    with qtbot.waitSignal(page.loadFinished, timeout=60_000) as blocker:
        page.load(QUrl.fromLocalFile(str(path)))
    assert blocker.args == [True]
    urls = list(recorder.urls)
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return urls


def test_exported_html_makes_no_request_but_for_itself(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_export(
        [FIXTURES / "photo-walk" / "index.md", FIXTURES / "yaml-post.md"], tmp_path, "html"
    )
    assert execute(plan).ok
    for name in ("a-photo-walk.html", "profiling-python-a-field-guide.html"):
        path = tmp_path / name
        assert _load(qtbot, path) == [QUrl.fromLocalFile(str(path)).toString()]
    # control: the same interceptor does see a page's remote image
    control = tmp_path / "control.html"
    control.write_text('<p>x</p><img src="http://127.0.0.1:9/x.png">', encoding="utf-8")
    urls = _load(qtbot, control)
    assert "http://127.0.0.1:9/x.png" in urls


def test_a_post_exported_to_pdf_has_its_title(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_export([FIXTURES / "photo-walk" / "index.md"], tmp_path, "pdf")
    report = execute(plan, pdf_printer=GuiThreadPdfPrinter())
    assert report.ok, report.as_json()
    pages, text = pdf_text(tmp_path / "a-photo-walk.pdf")
    assert pages >= 1 and "A photo walk" in text and "Morning light over the river." in text
    assert _metadata_title(tmp_path / "a-photo-walk.pdf") == "A photo walk"


def _figure_pages(tmp_path: Path, print_css: str) -> list[tuple[bool, bool]]:
    """Per page: (has an image, has the caption) for a figure that reaches the page's end."""
    image = data_uri(FIXTURES / "photo-walk" / "river.png")
    # A4 with 15 mm margins holds ~1009 px: the 200 px image fits under the 800 px spacer,
    # its 20 px caption does not.
    doc = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>F</title><style>
body {{ margin: 0; font: 16px/20px sans-serif; }} figure {{ margin: 0; }}
img {{ display: block; width: 200px; height: 200px; }}
{print_css}</style></head><body><div style="height: 800px">Spacer text.</div>
<figure><img src="{image}" alt="river"><figcaption>The caption of the river.</figcaption></figure>
</body></html>"""
    html = tmp_path / "figure.html"
    html.write_text(doc, encoding="utf-8")
    pdf = tmp_path / "figure.pdf"
    print_to_pdf(html, pdf)
    reader = importlib.import_module("pypdf").PdfReader(pdf)
    return [(len(page.images) > 0, "caption" in page.extract_text()) for page in reader.pages]


def test_a_figure_is_printed_with_its_caption(qtbot: QtBot, tmp_path: Path) -> None:
    assert _figure_pages(tmp_path, PRINT_CSS) == [(False, False), (True, True)]
    # control: without the export's print rules the caption falls on the next page
    assert _figure_pages(tmp_path, "") == [(True, False), (False, True)]
