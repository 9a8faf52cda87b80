"""The Export dialog: pick a folder, a format and a section, see the plan, export, reveal.

    dialog = ExportDialog(paths, store, site_root=site.root, css=css, parent=window)
    dialog.open()

`store` is anything with `get(key, default) -> str` and `set(key, value)`; the target folder,
format and section are remembered per site under `export/<site>/...`, the last target of any
site under `export/last-target`. `IniStore` is one over an INI file. With nothing remembered,
HTML and PDF go to the last target, else the documents folder (never into the post's own site);
the site formats write into another site, so their folder is left for the user to choose.
The plan (`editor.core.export.execute.plan_export`) is shown before anything is
written, collisions marked with their proposed free names, and re-planned as the folder is
typed (after a short pause, `set_debounce_ms`; -1 = at once); existing files are replaced only
after a confirmation. The export itself runs on a worker thread (`ExportJob`), reporting
progress; at the end the plan shows what was written (until the user changes something), and
the summary has a Reveal button that opens the target folder.

Signals: exportFinished(object) with the `ExportReport`; revealRequested(str) with the folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QStandardPaths,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.export.execute import (
    FORMATS,
    ExportPlan,
    ExportReport,
    PdfPrinter,
    plan_export,
    with_choice,
)
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from editor.ui.accessibility import label
from editor.ui.export.job import ExportJob
from editor.ui.export.plan_view import show_plan, show_result
from editor.ui.export.store import IniStore, KeyValueStore
from editor.ui.translate import fill

__all__ = ["ExportDialog", "ExportJob", "IniStore", "KeyValueStore", "open_export_dialog"]

FORMAT_TITLES = {
    "hugo": QT_TRANSLATE_NOOP("ExportDialog", "Hugo (single file)"),
    "hugo-bundle": QT_TRANSLATE_NOOP("ExportDialog", "Hugo (page bundle)"),
    "jekyll": "Jekyll",
    "zola": "Zola",
    "html": QT_TRANSLATE_NOOP("ExportDialog", "Standalone HTML"),
    "pdf": "PDF",
}
_FILE_FORMATS = ("html", "pdf")
LAST_TARGET_KEY = "export/last-target"
DEFAULT_DEBOUNCE_MS = 400


def _open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _documents_folder() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder or str(Path.home())


def _same_folder(a: str, b: Path | None) -> bool:
    if not a or b is None:
        return False
    try:
        return Path(a).expanduser().resolve() == Path(b).resolve()
    except OSError:
        return False


def _site_key(site_root: Path | None) -> str:
    if site_root is None:
        return "export/default"
    digest = hashlib.sha1(str(Path(site_root).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"export/{digest}"


class ExportDialog(QDialog):
    """Export the given posts; see the module docstring.

    Signals: exportFinished(object report), revealRequested(str folder).
    """

    exportFinished = Signal(object)  # noqa: N815 (Qt signal naming)
    revealRequested = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(
        self,
        posts: Sequence[Path | Post],
        store: KeyValueStore,
        *,
        site_root: Path | None = None,
        site: SiteConfig | None = None,
        css: str = "",
        pdf_printer: PdfPrinter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self._posts: list[Path | Post] = list(posts)
        self._store = store
        self._key = _site_key(site_root)
        self._site = site
        self._css = css
        self._pdf_printer = pdf_printer
        self._plan: ExportPlan | None = None
        self._report: ExportReport | None = None
        self._thread: QThread | None = None
        self._job: ExportJob | None = None
        self._site_root = site_root
        self._target_chosen = False  # typed, browsed or remembered: format changes keep it
        self._setting_target = False
        self._debounce_ms = DEFAULT_DEBOUNCE_MS
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.timeout.connect(self._refresh_plan)
        self.confirm: Callable[[str], bool] = self._ask
        self.open_folder: Callable[[Path], object] = _open_folder
        self._build()
        self._refresh_plan()

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        remembered = self._store.get(f"{self._key}/target", "")
        if _same_folder(remembered, self._site_root):
            remembered = ""  # the site itself, the old default: not a choice to keep
        self._target_chosen = bool(remembered)
        self.target_edit = QLineEdit(remembered)
        self.target_edit.setObjectName("exportTarget")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._on_browse_clicked)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormat")
        for fmt in FORMATS:
            self.format_combo.addItem(self.tr(FORMAT_TITLES[fmt]), fmt)
        saved = self._store.get(f"{self._key}/format", "hugo")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(saved)))
        if not self._target_chosen:
            self._set_default_target()
        self.section_edit = QLineEdit(self._store.get(f"{self._key}/section", "posts"))
        self.section_edit.setObjectName("exportSection")
        self.rename_check = QCheckBox(self.tr("Use a free name when a file exists (-2, -3, …)"))
        self.rename_check.setObjectName("exportRename")
        self.overwrite_check = QCheckBox(self.tr("Overwrite existing files"))
        self.overwrite_check.setObjectName("exportOverwrite")

        form = QFormLayout()
        form.addRow(self.tr("Folder:"), target_row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Section:"), self.section_edit)
        form.addRow("", self.rename_check)
        form.addRow("", self.overwrite_check)

        self.plan_tree = QTreeWidget()
        self.plan_tree.setObjectName("exportPlan")
        self.plan_tree.setHeaderLabels([self.tr("Post / file"), self.tr("Status"), self.tr("From")])
        self.plan_tree.setColumnWidth(0, 380)
        self.plan_tree.setColumnWidth(1, 220)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("exportPlanSummary")
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("exportSummary")
        self.summary_label.setWordWrap(True)
        self._name_fields()

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportRun")
        self.reveal_button = self.buttons.addButton(
            self.tr("Reveal"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.reveal_button.setObjectName("exportReveal")
        self.reveal_button.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.reveal_button.clicked.connect(self._on_reveal_button_clicked)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan_tree, 1)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

        self.target_edit.textChanged.connect(self._on_target_edit_text_changed)
        self.target_edit.editingFinished.connect(self._refresh_plan)
        self.section_edit.editingFinished.connect(self._refresh_plan)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        self.rename_check.toggled.connect(self._refresh_plan)
        self.overwrite_check.toggled.connect(self._on_overwrite_check_toggled)

    # --- plan -----------------------------------------------------------------------------

    def _name_fields(self) -> None:
        """Accessible names: what each field is for, read by screen readers."""
        tr = self.tr
        label(self.target_edit, tr("Folder"), tr("The folder the posts are exported into"))
        label(self.format_combo, tr("Format"), tr("Hugo site, page bundle, HTML or PDF"))
        label(self.section_edit, tr("Section"), tr("The site section the posts go into"))
        label(self.plan_tree, tr("Export plan"), tr("Each post and the files it will write"))
        label(self.plan_label, tr("Plan summary"))
        label(self.summary_label, tr("Export result"))
        label(self.progress, tr("Export progress"))

    @property
    def plan(self) -> ExportPlan | None:
        return self._plan

    @property
    def report(self) -> ExportReport | None:
        return self._report

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_debounce_ms(self, ms: int) -> None:
        """Pause in typing the folder before the plan is redone; -1 = at once, synchronously."""
        self._debounce_ms = ms

    def default_target(self) -> str:
        """The folder proposed when none is remembered for this site: for HTML and PDF the last
        target, else the documents folder, never the post's own site; "" for the site formats
        (they write into another site, which the user chooses)."""
        if self.fmt() not in _FILE_FORMATS:
            return ""
        last = self._store.get(LAST_TARGET_KEY, "")
        if last and not _same_folder(last, self._site_root):
            return last
        return _documents_folder()

    def _set_default_target(self) -> None:
        self._setting_target = True
        try:
            self.target_edit.setText(self.default_target())
        finally:
            self._setting_target = False

    @Slot(str)
    def _on_target_edit_text_changed(self, _text: str) -> None:
        if self._setting_target:
            return
        self._target_chosen = True
        if self._debounce_ms < 0:
            self._refresh_plan()
        else:
            self._plan_timer.start(self._debounce_ms)

    def _html_maker(self) -> object:
        from editor.core.export.html import html_maker

        return html_maker(self._site, self._css)

    @Slot()
    def _refresh_plan(self) -> None:
        self._plan_timer.stop()
        target = self.target_edit.text().strip()
        self.plan_tree.clear()
        self._plan = None
        if not target:
            self.plan_label.setText(
                self.tr("Choose the folder to export into.")
                if self.fmt() in _FILE_FORMATS
                else self.tr("Choose the folder to export into (the site's root).")
            )
            self.export_button.setEnabled(False)
            return
        fmt = self.fmt()
        self.section_edit.setEnabled(fmt not in ("jekyll", "html", "pdf"))
        try:
            plan = plan_export(
                self._posts,
                Path(target),
                fmt,
                self.section_edit.text().strip(),
                self.overwrite_check.isChecked(),
                rename=self.rename_check.isChecked(),
                meta=self._site is not None and self._site.meta_lines,
                html=self._html_maker() if fmt in ("html", "pdf") else None,  # type: ignore[arg-type]
            )
        except ValueError as exc:
            self.plan_label.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self._plan = plan
        ready = show_plan(self.plan_tree, plan)
        total = len(plan.posts)
        text = fill(
            self.tr("%1 of %2 post(s) ready to export to %3"), ready, total, plan.target_dir
        )
        if ready < total:
            text += fill(self.tr("; %1 blocked (see the plan)"), total - ready)
        self.plan_label.setText(text)
        self.export_button.setEnabled(ready > 0 and self._thread is None)

    @Slot(int)
    def _on_format_combo_changed(self, _index: int) -> None:
        if not self._target_chosen:
            self._set_default_target()
        self._refresh_plan()

    @Slot(bool)
    def _on_overwrite_check_toggled(self, checked: bool) -> None:
        if checked and self._plan is not None:
            existing = [
                f.rel
                for p in with_choice(self._plan, overwrite=True).posts
                for f in p.files
                if f.replaces
            ]
            if existing and not self.confirm(
                self.tr("Replace these existing files?") + "\n\n" + "\n".join(existing[:20])
            ):
                self.overwrite_check.blockSignals(True)
                self.overwrite_check.setChecked(False)
                self.overwrite_check.blockSignals(False)
                return
        self._refresh_plan()

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Overwrite files"), text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export into"), self.target_edit.text()
        )
        if folder:
            self.target_edit.setText(folder)
            self._refresh_plan()

    # --- export ---------------------------------------------------------------------------

    @Slot()
    def _on_export_button_clicked(self) -> None:
        self._refresh_plan()
        plan = self._plan
        if plan is None or self._thread is not None:
            return
        self._remember()
        printer = self._pdf_printer
        if plan.fmt == "pdf" and printer is None:
            from editor.ui.export.pdf import GuiThreadPdfPrinter

            printer = GuiThreadPdfPrinter(self)
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.progress.setRange(0, max(1, len(plan.posts)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.summary_label.clear()
        thread = QThread(self)
        job = ExportJob(plan, printer)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progressed.connect(self._on_job_progressed)
        job.finished.connect(self._on_job_finished)
        self._thread, self._job = thread, job
        thread.start()

    def _remember(self) -> None:
        self._store.set(f"{self._key}/target", self.target_edit.text().strip())
        self._store.set(LAST_TARGET_KEY, self.target_edit.text().strip())
        self._store.set(f"{self._key}/format", self.fmt())
        self._store.set(f"{self._key}/section", self.section_edit.text().strip())

    @Slot(int, int, str)
    def _on_job_progressed(self, done: int, total: int, title: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if title:
            self.summary_label.setText(fill(self.tr("Exporting %1…"), title))

    @Slot(object)
    def _on_job_finished(self, report: ExportReport) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._job is not None:
            self._job.deleteLater()
        self._thread, self._job = None, None
        self.close_button.setEnabled(True)
        self._report = report
        lines = [report.summary() + "."]
        for result in report.failed:
            lines.append(f"{result.source or result.title}: {result.error}")
        self.summary_label.setText("\n".join(lines))
        self.reveal_button.setVisible(bool(report.written))
        show_result(self.plan_tree, report)
        self.plan_label.setText(
            self.tr("Done (see below); change a setting to plan another export.")
        )
        self.export_button.setEnabled(False)
        self.exportFinished.emit(report)

    def reveal_target(self) -> Path:
        """The folder the Reveal button opens: that of the first file written, else the target."""
        if self._report is not None and self._report.written:
            first = self._report.written[0]
            return first.parent
        return Path(self.target_edit.text().strip())

    @Slot()
    def _on_reveal_button_clicked(self) -> None:
        folder = self.reveal_target()
        self.revealRequested.emit(str(folder))
        self.open_folder(folder)

    def done(self, result: int) -> None:
        if self._thread is not None:
            return  # an export is running: it ends by itself, then the dialog can close
        super().done(result)


def open_export_dialog(
    parent: QWidget | None,
    posts: Sequence[Path | Post],
    store: KeyValueStore,
    *,
    site_root: Path | None = None,
    site: SiteConfig | None = None,
    css: str = "",
) -> ExportDialog:
    """Show the Export dialog for `posts` (window-modal, deleted when closed); the one call the
    main window makes from its Export action."""
    dialog = ExportDialog(posts, store, site_root=site_root, site=site, css=css, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
