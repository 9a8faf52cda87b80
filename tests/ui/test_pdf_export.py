"""PDF printing with Qt WebEngine: blocking, from a worker thread, and as a child process."""

from __future__ import annotations

import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from editor.ui.pdf_export import GuiThreadPdfPrinter, main, print_to_pdf

TITLE = "Profiling Python: a field guide"
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><h1>{TITLE}</h1><p>{"Many words to read. " * 400}</p></body></html>"""


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
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


def test_main_usage_and_child_process(page: Path, tmp_path: Path) -> None:
    assert main([]) == 2
    out = tmp_path / "child.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "editor.ui.pdf_export", str(page), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert TITLE in pdf_text(out)[1]
    failed = subprocess.run(
        [sys.executable, "-m", "editor.ui.pdf_export", str(tmp_path / "nope.html"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent.parent,
    )
    assert failed.returncode == 1 and "inkpost pdf:" in failed.stderr
