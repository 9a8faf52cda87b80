"""Translations: Inkpost's own (resources/translations/inkpost_<locale>.qm) and Qt's.

    install_translators(app)                     # the system locale, at start-up
    install_translators(app, QLocale("fr_FR"))   # another one (tests, --lang some day)

The ui marks its strings with `QObject.tr` (or `QCoreApplication.translate` with
`QT_TRANSLATE_NOOP` for module-level tables such as the window's ACTIONS), so a .qm file
compiled from tools/translations (see tools/update_translations.py) translates them. No
file for the locale: nothing is installed and the ui stays in English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.app.resources import ResourceError, resource_path

__all__ = ["install_translators", "translations_dir"]

_PREFIX = "inkpost"


def translations_dir() -> Path | None:
    """resources/translations, or None when Inkpost ships none."""
    try:
        return resource_path("translations")
    except ResourceError:
        return None


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None, folder: Path | None = None
) -> list[QTranslator]:
    """Install Qt's translation for `locale` (the system's by default), then Inkpost's from
    `folder` (resources/translations); returns those installed, parented to `app`."""
    chosen = locale if locale is not None else QLocale.system()
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    own_folder = folder if folder is not None else translations_dir()
    candidates = [("qtbase", qt_folder)]
    if own_folder is not None:
        candidates.append((_PREFIX, str(own_folder)))
    for prefix, where in candidates:
        translator = QTranslator(app)
        if translator.load(chosen, prefix, "_", where) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed
