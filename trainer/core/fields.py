"""Field values as an operator types them, brought to one canonical form for comparison.

"04 71 23 45 67", "0471/23.45.67" and "+32 471 23 45 67" are the same phone number; "€ 1.234,50"
and "1234.5" the same amount. ``normalise(kind, text)`` returns the canonical form, or raises
``FieldValueError`` with a key saying what is wrong (the UI turns keys into words). Names and
free text keep their accents and case: "Lefèvre" is not "Lefevre".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

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
    return " ".join(unicodedata.normalize("NFC", text).split())


def _phone(text: str) -> str:
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+32"):
        digits = "0" + digits[3:]
    elif digits.startswith("0032"):
        digits = "0" + digits[4:]
    if not digits.isdigit() or not digits.startswith("0"):
        raise FieldValueError("phone.not_belgian", text)
    national = digits[1:]
    mobile = len(national) == 9 and national.startswith("4")
    landline = len(national) == 8 and not national.startswith("4")
    if not (mobile or landline):
        raise FieldValueError("phone.length", text)
    return "+32" + national


def _postcode(text: str) -> str:
    code = _clean(text).upper().removeprefix("B-").removeprefix("B").strip()
    if not (code.isdigit() and len(code) == 4 and 1000 <= int(code) <= 9999):
        raise FieldValueError("postcode.belgian", text)
    return code


def _iban(text: str) -> str:
    compact = re.sub(r"\s", "", text).upper()
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


def _date(text: str) -> str:
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", _clean(text))
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", _clean(text))
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            year += 2000 if year < 100 else 0
            return date(year, month, day).isoformat()
        if iso:
            return date(*(int(g) for g in iso.groups())).isoformat()
    except ValueError:
        raise FieldValueError("date.impossible", text) from None
    raise FieldValueError("date.format", text)


def _amount(text: str) -> str:
    raw = _clean(text).replace("€", "").replace("EUR", "").replace("euro", "").strip()
    raw = raw.replace(" ", "")
    if "," in raw:  # Belgian: 1.234,56
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") > 1 or re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")  # 1.234 is a thousand two hundred and thirty-four
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise FieldValueError("amount.format", text) from None
    if not value.is_finite() or value < 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise FieldValueError("amount.format", text)
    return f"{value:.2f}"


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


def _name(text: str) -> str:
    name = _clean(text)
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
