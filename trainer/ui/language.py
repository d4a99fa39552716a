"""The app's language: which one (the trainee's, the settings', the system's) and installing it.

Dutch is the source language of every UI string; French and English come from
``assets/translations/simultaan_<lang>.qm`` (built from the ``.ts`` files by the set-up), and
Qt's own dialogs (the Yes/No/Cancel of a QMessageBox, a file dialog) from Qt's ``qtbase_<lang>``.
Installing another language makes Qt send every widget a ``LanguageChange`` event: the home
screen re-sets its texts, the main window makes its other pages again (see ``MainWindow``).
Everything here runs on the GUI thread.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trainer.paths import assets_dir

LANGUAGES = ("nl", "fr", "en")
SOURCE = "nl"  # the language the strings are written in: no translation file of its own
# the number formats of each language as spoken in Belgium (English: as in Britain, so a
# decimal point, which an English reader expects)
_LOCALES = {
    "nl": (QLocale.Language.Dutch, QLocale.Country.Belgium),
    "fr": (QLocale.Language.French, QLocale.Country.Belgium),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}

_installed: list[QTranslator] = []
_current: str | None = None  # nothing installed yet: the source language, without Qt's


def translations_dir() -> Path:
    """Where the app's ``.qm`` files are (and, in the bundle, Qt's own ``qtbase_*.qm``)."""
    return assets_dir() / "translations"


def system_language() -> str:
    """The system's language if Simultaan speaks it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
    Qt reads them), else Dutch."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE


def saved_language(data_folder: Path | None) -> str | None:
    """The language in the settings file, read without the settings model (pydantic costs the
    first frame 60 ms) and without a TOML parser (tomllib: 4 ms): the top-level line
    ``language = "fr"`` the settings write; None when there is none or the file cannot be read
    (the settings model reads the whole file after the first frame and says what is wrong)."""
    if data_folder is None:
        return None
    try:
        with open(data_folder / "settings.toml", "rb") as file:
            text = file.read(256 * 1024).decode("utf-8")
    except (OSError, ValueError):  # missing, unreadable: the settings say it later
        return None
    for line in text.splitlines():
        if line.lstrip().startswith("["):  # a table: the top-level keys are behind
            break
        if found := _LANGUAGE_LINE.match(line):
            return found.group(1)
    return None


_LANGUAGE_LINE = re.compile(r"""\s*language\s*=\s*["'](nl|fr|en)["']\s*(?:#.*)?$""")


def chosen(settings_language: str | None, trainee_language: str | None = None) -> str:
    """The language to show: the trainee's, else the settings', else the system's."""
    for code in (trainee_language, settings_language):
        if code in LANGUAGES:
            return code
    return system_language()


def current() -> str:
    """The language shown now (the source language until one is installed)."""
    return _current or SOURCE


def installed() -> str | None:
    """The language installed (None before the first ``install``)."""
    return _current


def locale() -> QLocale:
    """Number formats of the language shown now."""
    return QLocale(*_LOCALES[current()])


def _load(translator: QTranslator, name: str, folders: list[Path]) -> bool:
    return any(translator.load(name, str(folder)) for folder in folders if folder.is_dir())


def install(code: str) -> str:
    """Install ``code`` (one of LANGUAGES; anything else: Dutch) for the app and Qt's dialogs;
    returns the language installed. Needs the QCoreApplication."""
    global _current
    code = code if code in LANGUAGES else SOURCE
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install a language after the QApplication is made")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_folders = [
        translations_dir(),  # the bundle carries them here (build.spec)
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    files = [(f"qtbase_{code}", qt_folders)]
    if code != SOURCE:
        files.append((f"simultaan_{code}", [translations_dir()]))
    for name, folders in files:
        translator = QTranslator(app)
        if _load(translator, name, folders):
            app.installTranslator(translator)
            _installed.append(translator)
    _current = code
    QLocale.setDefault(locale())
    return code


def install_at_start(data_folder: Path | None) -> str:
    """The language of the settings (or the system's), before the first window is made."""
    return install(chosen(saved_language(data_folder)))
