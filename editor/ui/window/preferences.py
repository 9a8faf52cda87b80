"""The Preferences dialog and the two persisted records it and the window work with.

`Preferences` is what the user chooses; `WindowState` is what the window remembers by itself.
Both are plain frozen dataclasses: the app's Settings stores them (QSettings), the window reads
them through the small `SettingsStore` protocol, so ui never imports app.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.ui.accessibility import label

THEMES = ("system", "light", "dark")
THEME_TITLES = {  # marked for lupdate, translated when the dialog is built
    "system": QT_TRANSLATE_NOOP("PreferencesDialog", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("PreferencesDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("PreferencesDialog", "Dark"),
}
CODE_STYLES = ("site", "monokai", "github", "dracula", "friendly", "nord", "solarized-light")


@dataclass(frozen=True, slots=True)
class Preferences:
    """The user's choices. `editor_font` is a QFont.toString() (empty: the system's fixed font);
    `code_style` is "site" (the site's highlight style) or a Pygments/Chroma style name.
    Autosave is one design: the recovery journal is always written `journal_delay_ms` after
    typing stops (-1 switches it off for tests and tools; the dialog offers 1 to 60 s), and
    `save_to_file` (the one optional choice) saves the post itself to its file then too.
    `versions_kept`: previous versions kept per post (0: none). (An older
    `autosave_interval` setting is migrated to `save_to_file` by the app's Settings.)"""

    editor_font: str = ""
    theme: str = "system"
    code_style: str = "site"
    allow_remote: bool = False
    line_numbers: bool = True
    soft_wrap: bool = True
    spell_check: bool = True
    journal_delay_ms: int = 2000
    save_to_file: bool = False
    versions_kept: int = 10

    def normalized(self) -> Preferences:
        theme = self.theme if self.theme in THEMES else "system"
        delay = -1 if self.journal_delay_ms < 0 else min(self.journal_delay_ms, 60_000)
        kept = min(max(0, self.versions_kept), 1000)
        return replace(
            self,
            theme=theme,
            journal_delay_ms=delay,
            versions_kept=kept,
        )

    def font(self) -> QFont:
        """The editor's font: the one chosen, as chosen; else the system's fixed-pitch font
        at 10.5 pt or more, laid out without OpenType shaping where its script needs none
        (`PreferNoShaping`: a monospace font has no kerning, and a key in a 3,400-character
        paragraph costs ~35% less CPU to lay out again; scripts that need shaping still get
        it). Another family chosen keeps its shaping: its ligatures may be why it was chosen."""
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if self.editor_font:
            chosen = QFont()
            if chosen.fromString(self.editor_font):
                if chosen.family() == font.family():  # the system's font at another size
                    chosen.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
                return chosen
        if font.pointSizeF() < 10:
            font.setPointSizeF(10.5)
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font


@dataclass(frozen=True, slots=True)
class WindowState:
    """What the window restores at start."""

    geometry: bytes = b""
    dock_state: bytes = b""
    splitter_sizes: tuple[int, ...] = ()
    preview_visible: bool = True
    sidebar_visible: bool = True
    site: str = ""
    last_post: str = ""
    open_posts: tuple[str, ...] = ()
    zoom: int = 0
    library_sort: str = ""  # a SortKey value; "" : the library's own default
    library_descending: bool = True


class SettingsStore(Protocol):
    """What the window needs from the app's Settings."""

    def preferences(self) -> Preferences: ...
    def save_preferences(self, prefs: Preferences) -> None: ...
    def window_state(self) -> WindowState: ...
    def save_window_state(self, state: WindowState) -> None: ...


class PreferencesDialog(QDialog):
    """Edits a Preferences record; `preferences()` returns the result after exec()."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferencesDialog")
        self._base = prefs

        self.font_box = QFontComboBox(self)
        self.font_box.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        self.font_box.setCurrentFont(prefs.font())
        self.font_size = QSpinBox(self)
        self.font_size.setRange(6, 48)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(max(6, round(prefs.font().pointSizeF())))

        self.theme_box = QComboBox(self)
        for theme in THEMES:
            title = QCoreApplication.translate("PreferencesDialog", THEME_TITLES[theme])
            self.theme_box.addItem(title, theme)
        self.theme_box.setCurrentIndex(THEMES.index(prefs.normalized().theme))

        self.code_style_box = QComboBox(self)
        for style in CODE_STYLES:
            title = self.tr("The site's style") if style == "site" else style
            self.code_style_box.addItem(title, style)
        if prefs.code_style not in CODE_STYLES:
            self.code_style_box.addItem(prefs.code_style, prefs.code_style)
        self.code_style_box.setCurrentIndex(self.code_style_box.findData(prefs.code_style))

        self.journal_delay = QSpinBox(self)
        self.journal_delay.setRange(1, 60)
        self.journal_delay.setSuffix(self.tr(" s after typing stops"))
        self.journal_delay.setToolTip(
            self.tr(
                "Unsaved text is kept in a recovery journal (never lost in a crash); "
                "this is how soon after you stop typing it is written."
            )
        )
        self._journal_shown = _seconds(prefs.normalized().journal_delay_ms)
        self.journal_delay.setValue(self._journal_shown)

        self.allow_remote = QCheckBox(self.tr("Load remote images and media in the preview"), self)
        self.allow_remote.setChecked(prefs.allow_remote)
        self.line_numbers = QCheckBox(self.tr("Show line numbers"), self)
        self.line_numbers.setChecked(prefs.line_numbers)
        self.soft_wrap = QCheckBox(self.tr("Wrap long lines"), self)
        self.soft_wrap.setChecked(prefs.soft_wrap)
        self.save_to_file = QCheckBox(
            self.tr("Also save the post to its file then (autosave)"), self
        )
        self.save_to_file.setChecked(prefs.save_to_file)
        self.versions_kept = QSpinBox(self)
        self.versions_kept.setRange(0, 1000)
        self.versions_kept.setSpecialValueText(self.tr("None"))
        self.versions_kept.setValue(prefs.normalized().versions_kept)

        self._name_fields()
        form = QFormLayout()
        form.addRow(self.tr("Editor font:"), self.font_box)
        form.addRow(self.tr("Font size:"), self.font_size)
        form.addRow(self.tr("Theme:"), self.theme_box)
        form.addRow(self.tr("Code style in the preview:"), self.code_style_box)
        form.addRow("", self.allow_remote)
        form.addRow("", self.line_numbers)
        form.addRow("", self.soft_wrap)
        form.addRow(self.tr("Keep a recovery copy:"), self.journal_delay)
        form.addRow("", self.save_to_file)
        form.addRow(self.tr("Previous versions kept:"), self.versions_kept)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _name_fields(self) -> None:
        """Accessible names and descriptions of the fields (their labels name them too)."""
        tr = self.tr
        label(self.font_box, tr("Editor font"), tr("The monospaced font of the post's text"))
        label(self.font_size, tr("Font size"), tr("Size of the editor's font, in points"))
        label(self.theme_box, tr("Theme"), tr("Light, dark or as the system is"))
        label(self.code_style_box, tr("Code style"), tr("Colours of code blocks in the preview"))
        label(self.journal_delay, tr("Recovery copy delay"), self.journal_delay.toolTip())
        label(
            self.versions_kept,
            tr("Previous versions kept"),
            tr("How many earlier saves of each post are kept to restore"),
        )

    def preferences(self) -> Preferences:
        font = QFont(self.font_box.currentFont())
        font.setPointSizeF(float(self.font_size.value()))
        return replace(
            self._base,
            editor_font=font.toString(),
            theme=str(self.theme_box.currentData()),
            code_style=str(self.code_style_box.currentData()),
            journal_delay_ms=self._journal_delay_ms(),
            allow_remote=self.allow_remote.isChecked(),
            line_numbers=self.line_numbers.isChecked(),
            soft_wrap=self.soft_wrap.isChecked(),
            save_to_file=self.save_to_file.isChecked(),
            versions_kept=self.versions_kept.value(),
        ).normalized()

    def _journal_delay_ms(self) -> int:
        """The spin box in ms; an untouched box keeps the stored value (which may be finer
        than a second, or -1 set by a tool)."""
        value = self.journal_delay.value()
        return self._base.journal_delay_ms if value == self._journal_shown else value * 1000


def _seconds(ms: int) -> int:
    return 2 if ms < 0 else min(60, max(1, round(ms / 1000)))
