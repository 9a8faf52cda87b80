"""Print an HTML file to PDF with Qt WebEngine (`QWebEnginePage.printToPdf`).

`editor.core.export.execute` plans a PDF as the standalone HTML document and calls a printer
`printer(html_file, pdf_file)` to turn it into the PDF. This module provides the printers:

- `PdfPrintJob` (QObject): one asynchronous print; signal `finished(bool ok, str message)`.
- `print_to_pdf(html_file, pdf_file)`: blocking, on the GUI thread (spins a local event loop).
- `GuiThreadPdfPrinter`: a printer callable from a worker thread (the export runs off the GUI
  thread); each print is handed to the GUI thread and the worker waits for its end.
- `python -m editor.ui.export.pdf IN.html OUT.pdf`: the same in a child process, which is how
  the CLI prints (it never imports Qt itself).

Chromium's printToPdf writes no Title metadata, so the page's `<title>` (the export HTML has
the post's title there) is set as the PDF's Title afterwards with pypdf (`set_pdf_title`).

The page is loaded in an off-the-record profile with JavaScript off; the document's own
Content-Security-Policy keeps it from loading anything, and the HTML export has already
removed what could run or fetch (`editor.core.export.sanitize`: no `javascript:` link
reaches the PDF's link annotations).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMarginsF,
    QObject,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings

__all__ = [
    "GuiThreadPdfPrinter",
    "PdfPrintJob",
    "main",
    "page_layout",
    "print_to_pdf",
    "set_pdf_title",
]

DEFAULT_TIMEOUT_MS = 120_000


def page_layout() -> QPageLayout:
    """A4 portrait with 15 mm margins."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(15, 15, 15, 15),
        QPageLayout.Unit.Millimeter,
    )


def set_pdf_title(pdf_file: Path, title: str) -> bool:
    """Give `pdf_file` the Title `title` (rewritten beside it, then moved over it); False, and
    the file untouched, when pypdf cannot read or write it."""
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    pdf_file = Path(pdf_file)
    staged = pdf_file.with_name(pdf_file.name + ".title")
    try:
        writer = PdfWriter(clone_from=pdf_file)
        writer.add_metadata({"/Title": title})
        with staged.open("wb") as out:
            writer.write(out)
        os.replace(staged, pdf_file)
    except (PyPdfError, OSError, ValueError):
        staged.unlink(missing_ok=True)
        return False
    return True


def _page_title(page: QWebEnginePage) -> str:
    """The document's <title>; "" when it has none (Qt then reports the URL)."""
    title = page.title().strip()
    url = page.url()
    return "" if title in (url.toString(), url.toDisplayString(), url.fileName()) else title


class PdfPrintJob(QObject):
    """Load one HTML file and print it to a PDF file.

    Signals: finished(bool ok, str message).
    """

    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = QWebEngineProfile(self)  # off the record: no disk cache or cookies
        self._page: QWebEnginePage | None = None
        self._pdf = ""
        self._title = ""
        self._done = False

    def start(self, html_file: Path, pdf_file: Path) -> None:
        self._pdf = str(pdf_file)
        page = QWebEnginePage(self._profile, self)
        attr = QWebEngineSettings.WebAttribute
        for name in (attr.JavascriptEnabled, attr.LocalContentCanAccessRemoteUrls):
            page.settings().setAttribute(name, False)
        page.loadFinished.connect(self._on_page_load_finished)
        page.pdfPrintingFinished.connect(self._on_page_pdf_printing_finished)
        self._page = page
        page.load(QUrl.fromLocalFile(str(Path(html_file).resolve())))

    @Slot(bool)
    def _on_page_load_finished(self, ok: bool) -> None:
        if self._page is None or self._done:
            return
        if not ok:
            self._finish(False, "the page could not be loaded")
            return
        self._title = _page_title(self._page)
        self._page.printToPdf(self._pdf, page_layout())

    @Slot(str, bool)
    def _on_page_pdf_printing_finished(self, path: str, ok: bool) -> None:
        if ok and self._title:
            set_pdf_title(Path(path), self._title)
        self._finish(ok, "" if ok else f"printing to {path} failed")

    def _finish(self, ok: bool, message: str) -> None:
        if self._done:
            return
        self._done = True
        page, self._page = self._page, None
        if page is not None:
            page.deleteLater()
        self.finished.emit(ok, message)


def print_to_pdf(html_file: Path, pdf_file: Path, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
    """Print `html_file` to `pdf_file`; blocks (local event loop). GUI thread only.

    Raises OSError when the page cannot be loaded, printing fails or it times out.
    """
    loop = QEventLoop()
    outcome: list[tuple[bool, str]] = []
    job = PdfPrintJob()

    def done(ok: bool, message: str) -> None:
        outcome.append((ok, message))
        loop.quit()

    job.finished.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    job.start(html_file, pdf_file)
    if not outcome:
        loop.exec()
    timer.stop()
    job.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if not outcome:
        raise OSError(f"printing {html_file} to PDF timed out")
    ok, message = outcome[0]
    if not ok:
        raise OSError(f"could not print {html_file} to PDF: {message}")


class _Waiter:
    def __init__(self) -> None:
        self.event = threading.Event()
        self.error: str | None = None


class GuiThreadPdfPrinter(QObject):
    """A PDF printer for `editor.core.export.execute.execute` running on a worker thread.

    Create it on the GUI thread. Calling it from another thread hands the print to the
    GUI thread and waits for it; calling it on the GUI thread prints directly.
    """

    _requested = Signal(str, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requested.connect(self._on_self_requested, Qt.ConnectionType.QueuedConnection)

    def __call__(self, html_file: Path, pdf_file: Path) -> None:
        if QThread.currentThread() is self.thread():
            print_to_pdf(html_file, pdf_file)
            return
        waiter = _Waiter()
        self._requested.emit(str(html_file), str(pdf_file), waiter)
        waiter.event.wait()
        if waiter.error is not None:
            raise OSError(waiter.error)

    @Slot(str, str, object)
    def _on_self_requested(self, html_file: str, pdf_file: str, waiter: _Waiter) -> None:
        job = PdfPrintJob(self)

        def done(ok: bool, message: str) -> None:
            waiter.error = None if ok else f"could not print {html_file} to PDF: {message}"
            waiter.event.set()
            job.deleteLater()

        job.finished.connect(done)
        job.start(Path(html_file), Path(pdf_file))


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m editor.ui.export.pdf IN.html OUT.pdf`"""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m editor.ui.export.pdf IN.html OUT.pdf", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(["inkpost-pdf"])
    try:
        print_to_pdf(Path(args[0]), Path(args[1]))
    except OSError as exc:
        print(f"inkpost pdf: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
