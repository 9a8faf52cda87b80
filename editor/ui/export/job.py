"""The export on a worker thread: `ExportJob(plan, pdf_printer)` moved to a QThread, `run()`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.export.execute import ExportPlan, PdfPrinter, execute

__all__ = ["ExportJob"]


class ExportJob(QObject):
    """Runs `execute(plan)` on a worker thread.

    Signals: progressed(int done, int total, str title), finished(object report).
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(self, plan: ExportPlan, pdf_printer: PdfPrinter | None = None) -> None:
        super().__init__()
        self._plan = plan
        self._pdf_printer = pdf_printer

    @Slot()
    def run(self) -> None:
        report = execute(
            self._plan,
            pdf_printer=self._pdf_printer,
            progress=lambda done, total, title: self.progressed.emit(done, total, title),
        )
        self.finished.emit(report)
