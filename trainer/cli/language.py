"""The language of the ``simultaan`` command's human output: Dutch, French or English.

Chosen by ``--lang nl|fr|en``, else by the environment as gettext reads it (``LANGUAGE``, a
list, then the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set), parsed here, not
through setlocale: ``LANG=fr_BE.UTF-8`` means French also on a machine where that locale is
not installed. Anything else (``C``, ``POSIX``, unset, a language Simultaan does not speak):
English.

The command's strings are written in English, what it has always printed and what scripts,
cron jobs and the C locale get unchanged; Dutch and French come from
``assets/translations/simultaan_cli_{nl,fr}.qm`` through a QTranslator used on its own (no
QApplication: ``simultaan`` without a command starts one for the desktop app). QtCore is loaded
only when a string is translated, so English and ``--json`` output stay as quick as before.
``--json`` keys never change with the language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from trainer.paths import assets_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from trainer.core.messages import Message

LANGUAGES = ("nl", "fr", "en")
SOURCE = "en"
_CONTEXT = "cli"

_code = SOURCE
_translator: QTranslator | None = None
_app: object = None


def code_of(value: str) -> str:
    """The language of a locale name: "fr_BE.UTF-8" -> "fr", "nl-BE" -> "nl", "C" -> "c"."""
    return value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, if Simultaan speaks it; else English."""
    env = os.environ if environ is None else environ
    for entry in env.get("LANGUAGE", "").split(":"):  # a list of preferences: "nl_BE:fr"
        if entry and code_of(entry) in LANGUAGES:
            return code_of(entry)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:  # the first one set decides, as for every other program
            code = code_of(value)
            return code if code in LANGUAGES else SOURCE
    return SOURCE


def split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` (anywhere: ``simultaan list --lang fr`` too) and the other arguments.

    A value Simultaan does not speak is left in place for argparse to refuse (exit 2)."""
    rest: list[str] = []
    chosen: str | None = None
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            rest += argv[index:]
            break
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            chosen, index = argv[index + 1], index + 2
            continue
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            chosen, index = arg.removeprefix("--lang="), index + 1
            continue
        rest.append(arg)
        index += 1
    return chosen, rest


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # (the name lupdate knows)
    """Mark ``text`` for lupdate under ``context`` (without loading Qt)."""
    return text


# argparse's own words (it asks gettext for them), marked here so lupdate finds them
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
)


def install(code: str) -> str:
    """Speak ``code`` from now on (anything but nl/fr/en: English); returns it. argparse's
    own words (usage, errors) follow too."""
    global _code, _translator
    _code = code if code in LANGUAGES else SOURCE
    _translator = None  # loaded by the first string to translate
    import argparse
    from gettext import gettext

    # argparse looks its words up through the module's ``_`` at the moment it needs them
    argparse._ = gettext if _code == SOURCE else _argparse_words  # type: ignore[attr-defined]
    return _code


def _argparse_words(text: str) -> str:
    return _translate("argparse", text)


def current() -> str:
    """The language of the output."""
    return _code


def tr(text: str) -> str:
    """``text`` (English, as written in the code) in the output's language."""
    return _translate(_CONTEXT, text)


def _translate(context: str, text: str) -> str:
    if _code == SOURCE:
        return text
    global _translator
    if _translator is None:
        from PySide6.QtCore import QTranslator

        _translator = QTranslator()
        _translator.load(f"simultaan_cli_{_code}", str(assets_dir() / "translations"))
    return _translator.translate(context, text) or text


def plural(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (translated already, so lupdate sees them), ``{n}`` filled in."""
    return (one if n == 1 else many).format(n=n)


def number(value: float, decimals: int) -> str:
    """A number as the language writes it: 3.5 in English, 3,5 in Dutch and French."""
    text = f"{value:.{decimals}f}"
    return text if _code == "en" else text.replace(".", ",")


def number_g(value: float | Decimal) -> str:
    """A number without trailing zeros (``:g``), as the language writes it: 2.5 or 2,5."""
    text = f"{value:g}"
    return text if _code == "en" else text.replace(".", ",")


def whole(value: int) -> str:
    """A whole number with its thousands marked: 1,000,000 / 1.000.000 / 1 000 000."""
    return f"{value:,}".replace(",", {"en": ",", "nl": ".", "fr": " "}[_code])


def percent(value: float, decimals: int = 2) -> str:
    """0.031 -> "3.10%" in English, "3,10 %" in Dutch and French."""
    shown = number(value * 100, decimals)
    return f"{shown}%" if _code == "en" else f"{shown} %"


def ui_words() -> None:
    """Let ``trainer.ui.words`` (a call's reasons, written in Dutch for the results screen)
    speak the output's language: their translations need an installed QTranslator, so a
    QCoreApplication (no widgets, no screen) is made. Only for commands that never start the
    desktop app."""
    from PySide6.QtCore import QCoreApplication

    from trainer.ui import language as app_language

    global _app
    if QCoreApplication.instance() is None:
        _app = QCoreApplication([])  # (kept: it lives as long as the command)
    app_language.install(_code)  # (its number formats too)


def said(exc: BaseException) -> str:
    """What an exception says, in the output's language when it carries a ``Message`` (the
    sentences of ``trainer.ui.messages``); else its own text."""
    from trainer.core.messages import message_of

    found = message_of(exc)
    return str(exc) if found is None else worded(found)


def worded(message: Message) -> str:
    """A ``Message`` in the output's language (the UI's sentences)."""
    from trainer.ui import messages

    ui_words()
    return messages.text(message)
