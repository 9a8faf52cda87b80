"""SpellingService: the window's speller (the site's language and dictionary), and the switch.

It loads editor.core.editing.spelling's `Speller` for the site's language (and, for "en-GB" and
the like, its British spellings) on the background thread (`set_site`; a language
pyspellchecker has not: a message, and no checking), keeps the site's personal dictionary
(`add_to_dictionary`), the words ignored until the window closes (`ignore`) and whether
checking is on (`set_enabled`). Every EditorSpelling follows it.

Signals: `message(str)` for the status bar; `changed()` the speller or its words changed
(editors check again).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editor.core.editing.spelling import (
    PersonalDictionary,
    Speller,
    british_spelling,
    dictionary_path,
    speller_language,
)
from editor.core.site.config import SiteConfig
from editor.ui.editor.latest_job import LatestJob
from editor.ui.translate import fill

__all__ = ["SpellingService"]


def _load(
    language: str, dictionary_file: Path | None, british: bool
) -> tuple[Speller, PersonalDictionary | None]:
    dictionary = PersonalDictionary(dictionary_file) if dictionary_file is not None else None
    words = dictionary.words if dictionary else ()
    return Speller(language, words, british=british), dictionary


class SpellingService(QObject):
    """See the module docstring."""

    message = Signal(str)
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self.speller: Speller | None = None
        self.dictionary: PersonalDictionary | None = None
        self.language: str | None = None
        self.british = False
        self._site: SiteConfig | None = None
        self._loader = LatestJob(self)
        self._loader.finished.connect(self._on_loader_finished)
        self._loader.failed.connect(self._on_loader_failed)

    @property
    def loading(self) -> bool:
        return self._loader.busy

    def set_site(self, site: SiteConfig) -> None:
        """Check in `site`'s language with its personal dictionary (loaded in the background)."""
        self._site = site
        self.speller, self.dictionary = None, None
        code = site.language_code or site.default_language
        self.language = speller_language(code)
        self.british = british_spelling(code)  # "en-GB": "colour" too
        if self.language is None:
            self.message.emit(
                fill(self.tr("No spelling dictionary for the language %1: not checked"), repr(code))
            )
        elif self.enabled:
            self._load()
        self.changed.emit()

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self.enabled:
            return
        self.enabled = enabled
        if enabled and self.speller is None and self.language is not None:
            self._load()
        self.changed.emit()

    @property
    def active(self) -> bool:
        return self.enabled and self.speller is not None

    def add_to_dictionary(self, word: str) -> None:
        if self.speller is None:
            return
        self.speller.accept(word)
        if self.dictionary is not None:
            try:
                self.dictionary.add(word)
            except OSError as error:
                self.message.emit(
                    fill(
                        self.tr("Could not add %1 to the site's dictionary: %2"), repr(word), error
                    )
                )
        self.changed.emit()

    def ignore(self, word: str) -> None:
        if self.speller is not None:
            self.speller.accept(word)
            self.changed.emit()

    def _load(self) -> None:
        site = self._site
        root = Path(site.root) if site is not None else None
        file = dictionary_path(root) if root is not None and root.is_dir() else None
        self._loader.submit(_load, self.language, file, self.british)

    def _on_loader_finished(self, loaded: tuple[Speller, PersonalDictionary | None]) -> None:
        speller, dictionary = loaded
        if speller.language != self.language:
            return  # a site with another language came meanwhile; its load follows
        self.speller, self.dictionary = speller, dictionary
        self.changed.emit()

    def _on_loader_failed(self, error: str) -> None:
        self.message.emit(fill(self.tr("Spell checking is off: %1"), error))
