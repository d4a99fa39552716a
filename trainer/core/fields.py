"""Field values as an operator types them, brought to one canonical form for comparison.

"04 71 23 45 67", "0471/23.45.67", "+32 (0)471 23 45 67" are the same phone number; "€ 1.234,50",
"1 234,50 euro" and "1234.5" the same amount; "2/3/2026", "2 maart 2026" and "March 2, 2026" the
same date. ``normalise(kind, text)`` returns the canonical form, or raises ``FieldValueError``
with a key saying what is wrong (the UI turns keys into words). Every unambiguous notation of a
value is accepted; a wrong value never is. Names and free text keep their accents and case:
"Lefèvre" is not "Lefevre".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from trainer.core.word_forms import APOSTROPHES, fold

FieldKind = Literal[
    "customer_number", "postcode", "phone", "email", "iban", "date", "amount", "name", "text"
]
FIELD_KINDS: tuple[str, ...] = FieldKind.__args__  # type: ignore[attr-defined]

_SEPARATORS = re.compile(r"[\s./\-()]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
_IBAN_LENGTHS = {"BE": 16, "NL": 18, "LU": 20, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27}


class FieldValueError(ValueError):
    """A value that is not of its field's kind; ``key`` names the problem."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(f"{key}: {value!r}")
        self.key = key
        self.value = value


def _clean(text: str) -> str:
    # str.split() also splits on no-break and thin spaces, so "1\u202f234" becomes "1 234"
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- phone ---------------------------------------------------------------------------------

_PHONE_TEXT = re.compile(r"\+?[0-9 ./\-()]*[0-9][0-9 ./\-()]*")


def _phone(text: str) -> str:
    """Belgian numbers in any notation, foreign ones in international form, as E.164.

    A Belgian number is checked by its own simple rule (9 digits after the 0 for a mobile,
    which starts with 4; 8 for a landline), so every number that was valid stays valid and
    keeps its canonical form. A foreign number needs its country code (+31 or 0031: without it
    "06 ..." would be dialled as Belgian) and is checked by phonenumbers, which knows the
    lengths and ranges of every country.
    """
    cleaned = _clean(text)
    if not _PHONE_TEXT.fullmatch(cleaned):
        raise FieldValueError("phone.format", text)
    compact = _SEPARATORS.sub("", cleaned)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+32"):
        # "+32 (0)470 ...": the trunk 0 written after the country code (no Belgian number
        # starts with 0 after +32, so dropping it is never ambiguous)
        national = compact[3:].removeprefix("0")
    elif compact.startswith("+"):
        return _foreign_phone(compact, text)
    elif compact.startswith("0"):
        national = compact[1:]
    else:
        raise FieldValueError("phone.format", text)
    mobile = len(national) == 9 and national.startswith("4")
    landline = len(national) == 8 and not national.startswith("4")
    if not (mobile or landline):
        raise FieldValueError("phone.length", text)
    return "+32" + national


def _foreign_phone(compact: str, text: str) -> str:
    # imported here: 15 ms that only a foreign number needs, not the start of the app
    import phonenumbers

    try:
        number = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException:
        raise FieldValueError("phone.country", text) from None
    # the library drops a trunk 0 after the code where the country has one ("+31 (0)6")
    if not phonenumbers.is_valid_number(number):
        raise FieldValueError("phone.country", text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _postcode(text: str) -> str:
    code = _clean(text).upper().removeprefix("B-").removeprefix("B").strip()
    if not (code.isdigit() and len(code) == 4 and 1000 <= int(code) <= 9999):
        raise FieldValueError("postcode.belgian", text)
    return code


# --- IBAN ----------------------------------------------------------------------------------


def _iban(text: str) -> str:
    # grouped by spaces, hyphens or dots, anywhere; "IBAN" in front as on a paper form
    compact = re.sub(r"[\s.\-]", "", text).upper()
    compact = re.sub(r"^IBAN:?", "", compact)
    country = compact[:2]
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", compact):
        raise FieldValueError("iban.format", text)
    if country in _IBAN_LENGTHS and len(compact) != _IBAN_LENGTHS[country]:
        raise FieldValueError("iban.length", text)
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(number) % 97 != 1:
        raise FieldValueError("iban.checksum", text)
    return compact


# --- date ----------------------------------------------------------------------------------

# Month names and their usual abbreviations in Dutch, French and English, without accents
# (see _fold). No word names two different months in these languages.
_MONTH_WORDS = (
    "januari jan janvier janv january",
    "februari feb febr fevrier fevr fev february",
    "maart mrt mars march mar",
    "april apr avril avr",
    "mei mai may",
    "juni jun juin june",
    "juli jul juillet juil july",
    "augustus aug aout august",
    "september sep sept septembre",
    "oktober okt octobre oct october",
    "november nov novembre",
    "december dec decembre",
)
_MONTHS = {word: month for month, words in enumerate(_MONTH_WORDS, 1) for word in words.split()}
# Weekdays only written in full: abbreviations clash ("mar" is mardi and March).
_WEEKDAY_WORDS = (
    "maandag lundi monday",
    "dinsdag mardi tuesday",
    "woensdag mercredi wednesday",
    "donderdag jeudi thursday",
    "vrijdag vendredi friday",
    "zaterdag samedi saturday",
    "zondag dimanche sunday",
)
_WEEKDAYS = {word: day for day, words in enumerate(_WEEKDAY_WORDS) for word in words.split()}
_ORDINALS = {"st", "nd", "rd", "th", "er", "e", "ste", "de"}  # 1st, 1er, 1e, 1ste, 2de
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})")


def _year(digits: str) -> int | None:
    if len(digits) == 2:
        return 2000 + int(digits)  # "1.4.26": a two-digit year is this century
    return int(digits) if len(digits) == 4 else None


def _date_in_words(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written with its month as a word: "1 februari 2024",
    "le 1er février 2024", "1st of February 2024", "February 1, 2024"."""
    folded = fold(text)
    if not re.fullmatch(r"[0-9a-z\s.,]+", folded):  # "2 maart 2026 (€" is no date
        return None
    tokens = re.findall(r"\d+|[a-z]+", folded)
    if tokens[:1] in (["le"], ["the"]):
        tokens = tokens[1:]
    if len(tokens) >= 3 and tokens[0] in _MONTHS:  # "February 1st, 2024": English order
        month_word, tokens = tokens[0], tokens[1:]
        if tokens[0] == "the":
            tokens = tokens[1:]
        day, tokens = tokens[0], tokens[1:]
        if tokens and tokens[0] in _ORDINALS:
            tokens = tokens[1:]
    elif tokens:  # "1 februari 2024", "1er février", "1st of February"
        day, tokens = tokens[0], tokens[1:]
        if tokens and tokens[0] in _ORDINALS:
            tokens = tokens[1:]
        if tokens and tokens[0] == "of":
            tokens = tokens[1:]
        if not tokens:
            return None
        month_word, tokens = tokens[0], tokens[1:]
    else:
        return None
    if len(tokens) != 1 or month_word not in _MONTHS or not day.isdigit() or len(day) > 2:
        return None
    year = _year(tokens[0]) if tokens[0].isdigit() else None
    if year is None:
        return None
    return year, _MONTHS[month_word], int(day)


def _date(text: str) -> str:
    cleaned = _clean(text)
    # a weekday in front ("maandag 2 maart 2026", "lundi 02/03/2026") is checked, then dropped
    first, _, rest = cleaned.partition(" ")
    weekday = _WEEKDAYS.get(fold(first).rstrip(","))
    if weekday is not None:
        cleaned = rest
    numeric = _NUMERIC_DATE.fullmatch(cleaned)
    year_first = _YEAR_FIRST.fullmatch(cleaned)
    if numeric:  # Belgian order: day, month, year
        day, month, year = int(numeric[1]), int(numeric[2]), _year(numeric[3]) or 0
    elif year_first:  # 2026-03-02: year first is always year, month, day
        year, month, day = int(year_first[1]), int(year_first[3]), int(year_first[4])
    elif words := _date_in_words(cleaned):
        year, month, day = words
    else:
        raise FieldValueError("date.format", text)
    try:
        found = date(year, month, day)
    except ValueError:
        raise FieldValueError("date.impossible", text) from None
    if weekday is not None and found.weekday() != weekday:
        # "dinsdag 2 maart 2026", a Monday: which of the two was meant?
        raise FieldValueError("date.weekday", text)
    return found.isoformat()


# --- amount --------------------------------------------------------------------------------

_CURRENCY = r"(?:euros?|eur|€)"
_CURRENCY_BEFORE = re.compile(rf"^{_CURRENCY}\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(rf"\s*{_CURRENCY}$", re.IGNORECASE)
# Whole euros, plain or in groups of three ("1.234", "1 234", "1,234"), then cents after a
# comma or a point, or ",-" for none. No sign: an amount in a form is never negative.
_AMOUNT = re.compile(
    r"(?P<whole>\d{1,3}(?P<group>[., ])\d{3}(?:(?P=group)\d{3})*|\d+)"
    r"(?:(?P<mark>[.,])(?P<cents>\d{1,2})|,--?)?"
)


def _amount(text: str) -> str:
    """Euros as "0.00": "€ 1.234,50", "1 234,50 euro", "EUR 64,-", "64.50 Euro", "1,234.50"."""
    cleaned = _clean(text)  # a no-break or thin space between thousands becomes a space
    body = _CURRENCY_BEFORE.sub("", cleaned, count=1)
    if body == cleaned:  # one currency mark, before or after
        body = _CURRENCY_AFTER.sub("", cleaned, count=1)
    match = _AMOUNT.fullmatch(body)
    if not match:
        raise FieldValueError("amount.format", text)
    group, mark = match["group"], match["mark"]
    if group and group == mark:
        raise FieldValueError("amount.format", text)  # "1.234.50": which point is decimal?
    if group == "," and not mark and match["whole"].count(",") == 1:
        # "12,345": twelve euros and three decimals, or twelve thousand? Refused, as ever.
        raise FieldValueError("amount.format", text)
    whole = int(re.sub(r"\D", "", match["whole"]))
    cents = (match["cents"] or "").ljust(2, "0")
    return f"{whole}.{cents}"


def _customer_number(text: str) -> str:
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit() or not 4 <= len(digits) <= 14:
        raise FieldValueError("customer_number.digits", text)
    return digits


def _email(text: str) -> str:
    address = _clean(text).lower()
    if not _EMAIL.fullmatch(address):
        raise FieldValueError("email.format", text)
    return address


# Apostrophes as keyboards and word processors make them: ’ (U+2019), ʼ (U+02BC), ‘, ` and ´


def _name(text: str) -> str:
    """A name as typed: spaces tidied and apostrophes made one ("D’Haese" is "D'Haese");
    accents and case are kept, they are part of the name."""
    name = _clean(text).translate(APOSTROPHES)
    if not name or any(ch.isdigit() for ch in name):
        raise FieldValueError("name.letters", text)
    return name


def _text(text: str) -> str:
    return _clean(text)


_NORMALISERS = {
    "customer_number": _customer_number,
    "postcode": _postcode,
    "phone": _phone,
    "email": _email,
    "iban": _iban,
    "date": _date,
    "amount": _amount,
    "name": _name,
    "text": _text,
}


def normalise(kind: FieldKind, text: str) -> str:
    """The canonical form of ``text`` as a value of ``kind``; FieldValueError if it is not one."""
    return _NORMALISERS[kind](text)


def same_value(kind: FieldKind, typed: str, expected: str) -> bool:
    """Whether a typed value equals the expected one, once both are normalised."""
    try:
        return normalise(kind, typed) == normalise(kind, expected)
    except FieldValueError:
        return False
