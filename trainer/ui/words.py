"""The words and number formats the UI shows for the core's keys and numbers.

The core speaks in keys ("substitution", "time_up") and plain numbers; this module turns them
into the trainee's language. Source strings are Dutch (the first language of the product);
French and English come from translation files without touching the widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

_CTX = "words"


def tr(text: str) -> str:
    """Translate a UI string outside a widget."""
    return QCoreApplication.translate(_CTX, text)


def count(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` with ``%n`` filled in: "1 veld", "3 velden" (Qt's ``%n`` plurals
    need a translation file even for the source language)."""
    return tr(one if n == 1 else many).replace("%n", str(n))


def error_type(key: str) -> str:
    """The name of an error type."""
    return {
        "substitution": tr("vervanging"),
        "insertion": tr("ingevoegd"),
        "omission": tr("weggelaten"),
        "transposition": tr("omwisseling"),
        "split": tr("gesplitst"),
        "join": tr("aaneengeschreven"),
    }.get(key, key)


def step_name(key: str) -> str:
    """A step of a call's script, as on the checklist."""
    return {
        "greet": tr("Begroeten"),
        "identify": tr("Beller identificeren"),
        "verify": tr("Gegevens verifiëren"),
        "purpose": tr("Doel van de oproep"),
        "inform": tr("Informeren"),
        "check_availability": tr("Beschikbaarheid nagaan"),
        "register": tr("Gegevens registreren"),
        "create_ticket": tr("Ticket aanmaken"),
        "transfer": tr("Doorverbinden"),
        "summarise": tr("Samenvatten"),
        "close": tr("Afsluiten"),
    }.get(key, key)


def error_detail(key: str | None) -> str:
    """What alone was wrong in a word ('' when more than one thing)."""
    return {
        "case": tr("hoofdletter"),
        "punctuation": tr("leesteken"),
        "hyphen": tr("koppelteken of spatie"),
    }.get(key or "", "")


def ignored(keys: list[str]) -> str:
    """What an attempt did not mark, as a list: "leestekens en de schrijfwijze van getallen"."""
    names = [
        {
            "punctuation": tr("leestekens"),
            "case": tr("hoofdletters"),
            "number-format": tr("de schrijfwijze van getallen"),
        }.get(key, key)
        for key in keys
    ]
    if len(names) <= 1:
        return "".join(names)
    return tr("%1 en %2").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])


def end_reason(key: str) -> str:
    """How a session ended."""
    return {
        "finished": tr("afgewerkt"),
        "time_up": tr("tijd om"),
        "abandoned": tr("afgebroken"),
        "recovered": tr("hersteld na onderbreking"),
        "running": tr("loopt nog"),
        "lost": tr("verloren"),
    }.get(key, key)


def dropouts(count: int) -> str:
    """A warning that the sound stopped for a moment during the session ('' if it never did)."""
    if not count:
        return ""
    return tr("Let op: het geluid haperde %1 keer (de computer was te traag).").replace(
        "%1", str(count)
    )


def language_name(code: str) -> str:
    """The name of a content language."""
    return {"nl": "Nederlands", "fr": "Français", "en": "English"}.get(code, code)


def kind_name(key: str) -> str:
    """The name of an exercise kind."""
    return {"copy": tr("Overtypen"), "dictation": tr("Dictee"), "call": tr("Gesprek")}.get(key, key)


def unit_name(key: str) -> str:
    """The error unit of an exercise."""
    return {"word": tr("woorden"), "char": tr("tekens")}.get(key, key)


def locale() -> QLocale:
    """Number formats: Belgian Dutch (decimal comma)."""
    return QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium)


def percent(value: float, decimals: int = 1) -> str:
    """0.0312 -> '3,1 %'."""
    return f"{locale().toString(value * 100, 'f', decimals)} %"


def number(value: float | None, decimals: int = 0) -> str:
    """A number in the local format; a dash when there is none."""
    if value is None:
        return "–"
    return locale().toString(float(value), "f", decimals)


def seconds(value: float) -> str:
    """A duration as m:ss."""
    whole = max(0, round(value))
    return f"{whole // 60}:{whole % 60:02d}"
