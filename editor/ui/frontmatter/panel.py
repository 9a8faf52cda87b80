"""FrontMatterPanel: the current post's front matter as a form (objectName ``frontMatterPanel``).

It shows a `FormState` (editor.core.post.form) for a `SiteSchema`: the standard fields under
the site generator's labels (title, dates, draft, tags, categories, description, summary,
slug with the URL it publishes at, authors, cover image) and the post's other keys as plain
key/value rows. A field the user is typing in is not overwritten. A front matter that does
not parse shows its message and line, and the fields are disabled until it parses again.
The panel edits nothing itself: each finished edit is a signal.

Signals:
    fieldEdited(str, object): a standard field's name and its new form value.
    extraEdited(str, object): an extra key (as written) and its new plain value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.images import site_path
from editor.core.post.dates import parse_date, rfc3339
from editor.core.post.form import FormState
from editor.core.post.schema import FieldSpec, FieldType, SiteSchema
from editor.ui.accessibility import name_form
from editor.ui.frontmatter.fields import CountedLine, DatePicker
from editor.ui.frontmatter.tokens import TokenField
from editor.ui.frontmatter.url_label import UrlLabel
from editor.ui.tones import set_tone

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif)"


class FrontMatterPanel(QScrollArea):
    """See the module docstring."""

    fieldEdited = Signal(str, object)  # noqa: N815 (Qt signal naming)
    extraEdited = Signal(str, object)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontMatterPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 6, 4, 6)
        self.message = QLabel(body)
        self.message.setObjectName("frontMatterMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.message, "error")
        self.message.hide()
        outer.addWidget(self.message)
        self.form_box = QWidget(body)
        self.form = QFormLayout(self.form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above, narrow
        self.form.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.form_box)
        self.extra_box = QWidget(body)
        self.extra_form = QFormLayout(self.extra_box)
        self.extra_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.extra_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.extra_form.setContentsMargins(0, 0, 0, 0)
        self.extra_title = QLabel(self.tr("Other keys"), body)
        self.extra_title.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.extra_title)
        outer.addWidget(self.extra_box)
        outer.addStretch(1)
        self._make_fields()
        self.schema = SiteSchema()
        self.state = FormState()
        self._extra_widgets: dict[str, QWidget] = {}
        self._extra_layout: list[tuple[str, bool]] = []
        self._site_keys: dict[str, FieldType] = {}
        self._bundle: Path | None = None
        self._static_dirs: list[Path] = []
        self.set_schema(self.schema)

    # --- building -------------------------------------------------------------------------

    def _make_fields(self) -> None:
        box = self.form_box
        self.title = QLineEdit(box)
        self.date = DatePicker(box)
        self.lastmod = DatePicker(box)
        self.draft = QCheckBox(self.tr("Draft (not published)"), box)
        self.tags = TokenField(box, self.tr("tag"))
        self.categories = TokenField(box, self.tr("category"))
        self.warnings = QLabel(box)
        self.warnings.setObjectName("taxonomyWarnings")
        self.warnings.setWordWrap(True)
        set_tone(self.warnings, "warning")
        self.description = CountedLine(box)
        self.summary = CountedLine(box)
        self.slug = QLineEdit(box)
        self.url = UrlLabel(box)  # wraps at "/": a long URL is never cut off
        self.url.setObjectName("urlPreview")
        self.url.setAccessibleName(self.tr("Published URL"))
        self.warnings.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.authors = TokenField(box, self.tr("author"))
        self.image = QLineEdit(box)
        self.choose_image = QPushButton(self.tr("Choose…"), box)
        self.choose_image.clicked.connect(self.choose_cover)
        self.rows: dict[str, QWidget] = {
            "title": self.title,
            "date": self._row(self.date, self._now_button(self.date)),
            "lastmod": self._row(self.lastmod, self._now_button(self.lastmod)),
            "draft": self.draft,
            "tags": self.tags,
            "categories": self.categories,
            "description": self.description,
            "summary": self.summary,
            "slug": self.slug,
            "authors": self.authors,
            "image": self._row(self.image, self.choose_image),
        }
        for name in ("title", "description", "summary"):
            line = self._line(name)
            line.editingFinished.connect(lambda n=name, w=line: self._edited(n, w.text()))
        self.slug.editingFinished.connect(lambda: self._edited("slug", self.slug.text()))
        self.image.editingFinished.connect(lambda: self._edited("image", self.image.text()))
        self.date.dateEdited.connect(lambda value: self._edited("date", value))
        self.lastmod.dateEdited.connect(lambda value: self._edited("lastmod", value))
        self.draft.toggled.connect(lambda on: self._edited("draft", on))
        for name, tokens in (
            ("tags", self.tags),
            ("categories", self.categories),
            ("authors", self.authors),
        ):
            tokens.tokensEdited.connect(lambda value, n=name: self._edited(n, value))

    def _row(self, main: QWidget, button: QWidget) -> QWidget:
        row = QWidget(self.form_box)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main, 1)
        layout.addWidget(button)
        return row

    def _now_button(self, picker: DatePicker) -> QToolButton:
        button = QToolButton(self.form_box)
        button.setText(self.tr("Now"))
        button.setToolTip(self.tr("Set to the current date and time"))
        button.clicked.connect(picker.set_now)
        return button

    def _line(self, name: str) -> QLineEdit:
        widget = self.rows[name]
        return widget.line if isinstance(widget, CountedLine) else widget  # type: ignore[return-value]

    def set_schema(self, schema: SiteSchema) -> None:
        """Lay the form out for `schema`'s fields, with its generator's labels."""
        self.schema = schema
        for widget in (*self.rows.values(), self.warnings, self.url):
            if self.form.indexOf(widget) >= 0:
                taken = self.form.takeRow(widget)
                old = taken.labelItem.widget() if taken.labelItem is not None else None
                if old is not None:  # hidden now: deleteLater waits for the event loop
                    old.hide()
                    old.deleteLater()
        for spec in schema.fields:
            row = self.rows.get(spec.name)
            if row is None:
                continue
            label = "" if spec.name == "draft" else self.tr(spec.label) + ":"
            self.form.addRow(label, row)
            row.setToolTip(self._key_text(spec))
            row.show()
            if spec.name == "categories" or (spec.name == "tags" and not schema.spec("categories")):
                self.form.addRow("", self.warnings)
            if spec.name == "slug":
                self.form.addRow("", self.url)
        for name, widget in self.rows.items():
            if schema.spec(name) is None:
                widget.hide()
        name_form(self.form)  # the fields inside a row (date and Now, counted lines)

    @staticmethod
    def _key_text(spec: FieldSpec) -> str:
        return "[" + "] ".join(spec.path) if len(spec.path) > 1 else spec.path[0]

    # --- showing --------------------------------------------------------------------------

    def show_state(self, state: FormState) -> None:
        """Show `state`; a field being typed in keeps what the user typed."""
        self.state = state
        problem = state.problem
        self.message.setVisible(problem is not None)
        if problem is not None:
            where = self.tr("Line %1: ").replace("%1", str(problem.line)) if problem.line else ""
            self.message.setText(where + problem.message)
        self.form_box.setEnabled(state.editable)
        self.extra_box.setEnabled(state.editable)
        if not state.editable:
            return
        values = state.values
        for name in ("title", "description", "summary"):
            self._set_text(self._line(name), values.get(name, ""))
        self._set_text(self.slug, values.get("slug", ""))
        self._set_text(self.image, values.get("image", ""))
        for name, picker in (("date", self.date), ("lastmod", self.lastmod)):
            if not picker.hasFocus():
                sample = state.date_text.get(name) or next(iter(state.date_text.values()), "")
                picker.set_value(values.get(name), date_only=len(sample) == 10)
        self.draft.blockSignals(True)
        self.draft.setChecked(bool(values.get("draft", False)))
        self.draft.blockSignals(False)
        self.tags.set_tokens(values.get("tags", []))
        self.categories.set_tokens(self._as_list(values.get("categories", [])))
        self.authors.set_tokens(values.get("authors", []))
        self._show_extra(state.extra)

    @staticmethod
    def _as_list(value: Any) -> list[str]:
        return value if isinstance(value, list) else [value] if value else []

    @staticmethod
    def _set_text(line: QLineEdit, text: str) -> None:
        if not line.hasFocus() and line.text() != text:
            line.setText(text)
            line.setCursorPosition(0)  # show the start of a long value

    def set_terms(self, taxonomy: str, names: Sequence[str]) -> None:
        """The site's names for `taxonomy` ("tags", "categories", "authors"): completion."""
        field = {"tags": self.tags, "categories": self.categories, "authors": self.authors}
        if taxonomy in field:
            field[taxonomy].set_choices(names)

    def set_warnings(self, warnings: Sequence[str]) -> None:
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))

    def set_url(self, url: str) -> None:
        self.url.setText(self.tr("Published at: %1").replace("%1", url) if url else "")

    def set_cover_roots(self, bundle: Path | None, static_dirs: Sequence[Path]) -> None:
        """Where the cover chooser may take images from: the page bundle, the static folders."""
        self._bundle = bundle
        self._static_dirs = list(static_dirs)
        self.choose_image.setEnabled(bundle is not None or bool(static_dirs))

    def choose_cover(self) -> None:
        """Ask for an image in the bundle or static/ (refusing any other) and set it."""
        roots = [r for r in (self._bundle, *self._static_dirs) if r is not None and r.is_dir()]
        start = str(roots[0]) if roots else ""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the cover image"), start, self.tr(IMAGE_FILTER)
        )
        if name:
            self.use_cover(Path(name))

    def use_cover(self, chosen: Path) -> bool:
        """Set the cover to `chosen` when it lies in the bundle or static/; else say why."""
        value = site_path(chosen, self._bundle, self._static_dirs)
        if value is None:
            self.message.setText(
                self.tr("The cover must be in the post's bundle or the site's static folder.")
            )
            self.message.show()
            return False
        self.image.setText(value)
        self._edited("image", value)
        return True

    # --- extra keys -----------------------------------------------------------------------

    def set_site_keys(self, keys: Mapping[str, FieldType]) -> None:
        """The site's own keys and their types (editor.core.post.schema): those the post
        lacks are offered as empty rows, a value typed there is stored with that type."""
        self._site_keys = {k: t for k, t in keys.items() if t != "mapping"}
        if self.state.editable:
            self._show_extra(self.state.extra)

    def _show_extra(self, extra: Mapping[str, Any]) -> None:
        present = {str(key).lower() for key in extra}
        rows: dict[str, Any] = dict(extra)
        rows |= {k: None for k in self._site_keys if k.lower() not in present}
        layout = [(key, key in extra) for key in rows]
        if layout != self._extra_layout:
            while self.extra_form.rowCount():
                self.extra_form.removeRow(0)
            self._extra_layout = layout
            self._extra_widgets = {key: self._extra_widget(key, v) for key, v in rows.items()}
            for key, widget in self._extra_widgets.items():
                self.extra_form.addRow(f"{key}:", widget)
        for key, value in rows.items():
            widget = self._extra_widgets[key]
            if isinstance(widget, QCheckBox):
                widget.blockSignals(True)
                widget.setChecked(value is True)
                widget.blockSignals(False)
            elif isinstance(widget, QLineEdit):
                self._set_text(widget, _as_text(value))
        self.extra_title.setVisible(bool(rows))

    def _extra_widget(self, key: str, value: Any) -> QWidget:
        if isinstance(value, bool) or (value is None and self._site_keys.get(key) == "bool"):
            box = QCheckBox(self.extra_box)
            box.setObjectName(f"extra_{key}")
            box.toggled.connect(lambda on: self.extraEdited.emit(key, on))
            return box
        line = QLineEdit(self.extra_box)
        line.setObjectName(f"extra_{key}")
        if isinstance(value, Mapping) or (isinstance(value, list) and not _flat(value)):
            line.setReadOnly(True)  # nested values are edited in the text
            line.setToolTip(self.tr("Edit this value in the text"))
            return line
        if value is None:
            line.setPlaceholderText(self.tr("not set"))
        line.editingFinished.connect(lambda: self._extra_edited(key, line.text()))
        return line

    def _extra_edited(self, key: str, text: str) -> None:
        old = self.state.extra.get(key)
        if _as_text(old) == text:
            return  # unchanged, or a key the post lacks left empty
        if old is None:
            self.extraEdited.emit(key, _typed(text, self._site_keys.get(key, "string")))
            return
        self.extraEdited.emit(key, _from_text(text, old))

    def _edited(self, name: str, value: Any) -> None:
        if self.state.editable and self.state.values.get(name) != value:
            self.fieldEdited.emit(name, value)


def _flat(value: list[Any]) -> bool:
    return all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value)


def _as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, list) and _flat(value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


def _typed(text: str, kind: FieldType) -> Any:
    """Typed `text` for a new key of the site's type `kind` (text when it does not read so)."""
    examples: dict[FieldType, Any] = {"list": [], "number": 0, "date": datetime.now(UTC)}
    value = _from_text(text, examples.get(kind, ""))
    if kind == "number" and isinstance(value, str):
        value = _from_text(text, 0.0)
    return value


def _from_text(text: str, old: Any) -> Any:
    """The typed `text` as a value of the old value's type (text when it does not read so)."""
    if isinstance(old, datetime):
        return parse_date(text.strip()) or text
    if isinstance(old, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(old, int) and not isinstance(old, bool):
        try:
            return int(text)
        except ValueError:
            return text
    if isinstance(old, float):
        try:
            return float(text)
        except ValueError:
            return text
    return text
