"""The Publish dialog: commit the chosen posts (and what they bring along), then push.

    dialog = PublishDialog(site, [post_path], parent, prepare=save_them)
    dialog.published.connect(...)   # (PublishResult or None, RepoStatus or None)
    dialog.open()

It shows the core's plan (`plan_publish`, on `PublishJobs`' thread): the files the commit
will hold, the checks' errors (they block: Publish stays disabled and says why) and
warnings. "Mark as published" and "Set the date to now" are the lossless field edits the
core makes before committing (each toggle plans again); the commit message starts as the
plan's and is the user's once edited; "Push after committing" is on by default.
Publish first calls `prepare()` (the window saves unsaved posts there, asking; False stops),
then runs `publish` off the GUI thread, listing its steps, and shows the result: git's own
words on failure, in text that can be selected and copied. The dialog cannot be closed
while git runs (a push is never cut off).

Signals:
    published(object, object): the publish ended; the `PublishResult` (None: the fresh
        plan was blocked) and the `RepoStatus` after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.publish import PublishOptions, PublishPlan, PublishResult
from editor.core.site.config import SiteConfig
from editor.ui.accessibility import label
from editor.ui.publish.job import PublishJobs
from editor.ui.tones import set_tone
from editor.ui.translate import fill

__all__ = ["PublishDialog"]

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


class PublishDialog(QDialog):
    """Plan, options, commit message, progress and result (see the module docstring)."""

    published = Signal(object, object)

    def __init__(
        self,
        site: SiteConfig,
        posts: Sequence[Path],
        parent: QWidget | None = None,
        *,
        prepare: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(self.tr("Publish"))
        self.site = site
        self.posts = tuple(Path(p) for p in posts)
        self.plan: PublishPlan | None = None
        self.outcome: PublishResult | None = None
        self._prepare = prepare
        self._message_edited = False
        self._setting_message = False
        self.jobs = PublishJobs(self)
        self.jobs.planned.connect(self._on_jobs_planned)
        self.jobs.progressed.connect(self._on_jobs_progressed)
        self.jobs.finished.connect(self._on_jobs_finished)
        self._build()
        self.replan()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        root = Path(self.site.root)
        names = ", ".join(_relative(p, root) for p in self.posts)
        self.posts_label = QLabel(fill(self.tr("Publish: %1"), names), self)
        self.posts_label.setWordWrap(True)
        self.files_list = QListWidget(self)
        self.files_list.setObjectName("publishFiles")
        self.files_list.setMaximumHeight(110)
        label(self.files_list, self.tr("Files to publish"), self.tr("What the commit will hold"))
        self.problems_list = QListWidget(self)
        self.problems_list.setObjectName("publishProblems")
        self.problems_list.setMaximumHeight(110)
        label(
            self.problems_list,
            self.tr("Problems"),
            self.tr("What the checks found in the posts; errors block publishing"),
        )
        self.problems_list.setWordWrap(True)  # a check's advice is a sentence or two
        self.problems_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("publishReason")
        label(self.reason_label, self.tr("Why not"))
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undraft_box = QCheckBox(self.tr("Mark as published (draft: false)"), self)
        self.set_date_box = QCheckBox(self.tr("Set the date to now"), self)
        self.message_edit = QPlainTextEdit(self)
        self.message_edit.setObjectName("publishMessage")
        label(self.message_edit, self.tr("Commit message"))
        self.message_edit.setMaximumHeight(70)
        self.message_edit.setTabChangesFocus(True)
        self.push_box = QCheckBox(self.tr("Push after committing"), self)
        self.push_box.setChecked(True)
        self.output = QPlainTextEdit(self)  # steps, then the result: selectable, copyable
        self.output.setObjectName("publishOutput")
        label(self.output, self.tr("Git output"), self.tr("What git does, then the result"))
        self.output.setReadOnly(True)
        self.output.setFont(QFont("DejaVu Sans Mono"))
        self.output.setPlaceholderText(self.tr("What git does appears here."))
        self.buttons = QDialogButtonBox(self)
        self.publish_button = QPushButton(self.tr("Publish"), self)
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setDefault(True)
        self.publish_button.setEnabled(False)  # until there is a plan
        self.buttons.addButton(self.publish_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.posts_label)
        layout.addWidget(QLabel(self.tr("Files to commit:"), self))
        layout.addWidget(self.files_list)
        layout.addWidget(QLabel(self.tr("Checks:"), self))
        layout.addWidget(self.problems_list)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.undraft_box)
        layout.addWidget(self.set_date_box)
        layout.addWidget(QLabel(self.tr("Commit message:"), self))
        layout.addWidget(self.message_edit)
        layout.addWidget(self.push_box)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 620)

        self.undraft_box.toggled.connect(self._on_option_toggled)
        self.set_date_box.toggled.connect(self._on_option_toggled)
        self.message_edit.textChanged.connect(self._on_message_edit_text_changed)
        self.publish_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

    # --- public ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.jobs.running

    def options(self) -> PublishOptions:
        return PublishOptions(
            message=self.message_edit.toPlainText().strip(),
            push=self.push_box.isChecked(),
            set_date=self.set_date_box.isChecked(),
            undraft=self.undraft_box.isChecked(),
        )

    def replan(self) -> None:
        """Ask for the plan of the posts with the options as they are now."""
        self.publish_button.setEnabled(False)
        self.reason_label.setText(self.tr("Checking the posts…"))
        self.jobs.plan(self.site, self.posts, self.options())

    def start(self) -> bool:
        """Publish (after `prepare`): False when it did not start."""
        if self.running or self.plan is None or self.plan.blocked:
            return False
        if self._prepare is not None and not self._prepare():
            return False
        self._set_running(True)
        self.output.setPlainText(self.tr("Publishing…"))
        return self.jobs.publish(self.site, self.posts, self.options())

    def shutdown(self) -> None:
        self.jobs.shutdown()

    # --- showing ---------------------------------------------------------------------------

    def _show_plan(self, plan: PublishPlan) -> None:
        self.plan = plan
        root = Path(self.site.root)
        self.files_list.clear()
        for path in plan.files:
            self.files_list.addItem(_relative(path, root))
        self.problems_list.clear()
        for problem in plan.problems:
            self.problems_list.addItem(self._problem_item(problem, root))
        if not plan.problems:
            self.problems_list.addItem(self.tr("No problems found."))
        self.reason_label.setText(plan.reason if plan.blocked else "")
        set_tone(self.reason_label, "error" if plan.blocked else None)
        if not self._message_edited:
            self._setting_message = True
            try:
                self.message_edit.setPlainText(plan.default_message)
            finally:
                self._setting_message = False
        push = self.tr("Push after committing")
        if plan.upstream:
            push += " " + fill(self.tr("(to %1)"), plan.upstream)
        self.push_box.setText(push)
        self.publish_button.setEnabled(not plan.blocked and not self.running)

    def _problem_item(self, problem: Diagnostic, root: Path) -> QListWidgetItem:
        where = "" if problem.file is None else _relative(problem.file, root)
        if where and problem.line is not None:
            where += f":{problem.line}"
        item = QListWidgetItem(f"{where}  {problem.message}" if where else problem.message)
        item.setIcon(QApplication.style().standardIcon(_ICONS[problem.severity]))
        item.setToolTip(str(problem.message))
        item.setData(Qt.ItemDataRole.UserRole, problem)
        return item

    def _set_running(self, running: bool) -> None:
        for widget in (self.undraft_box, self.set_date_box, self.message_edit, self.push_box):
            widget.setEnabled(not running)
        self.publish_button.setEnabled(not running)
        self.close_button.setEnabled(not running)

    def _result_text(self, plan: PublishPlan, result: PublishResult | None) -> str:
        """What happened first (git's own words on failure), then the steps taken."""
        if result is None:
            return fill(self.tr("Nothing was published: %1"), plan.reason)
        head = self.tr("Published.") if result.ok else self.tr("Publishing stopped.")
        lines = [f"{head} {result.message}".strip()]
        if result.steps:
            lines += ["", self.tr("Steps:"), *(f"• {step}" for step in result.steps)]
        return "\n".join(lines)

    # --- slots -----------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.running:  # git is never cut off
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)

    def _on_option_toggled(self, _on: bool) -> None:
        if not self.running:
            self.replan()

    def _on_message_edit_text_changed(self) -> None:
        if not self._setting_message:
            self._message_edited = True

    def _on_jobs_planned(self, plan: PublishPlan) -> None:
        if not self.running:
            self._show_plan(plan)

    def _on_jobs_progressed(self, step: str) -> None:
        self.output.appendPlainText(step)

    def _on_jobs_finished(
        self, plan: PublishPlan, result: PublishResult | None, status: object
    ) -> None:
        self.outcome = result
        self._set_running(False)
        self.output.setPlainText(self._result_text(plan, result))
        if result is None:
            self._show_plan(plan)
        elif result.ok:
            self.publish_button.setEnabled(False)  # done: a second run would commit nothing
        else:
            self.replan()  # what is left to do, once the user has seen to git's complaint
        self.published.emit(result, status)
