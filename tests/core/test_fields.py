"""Field normalisers: what an operator types, with realistic Belgian data, good and bad.

Every unambiguous notation of a value reaches the same canonical form; a wrong value (a swapped
digit, a bad check digit, an impossible date) never does.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.fields import FieldValueError, normalise, same_value

GOOD = [
    # phone numbers: mobile and landline, the ways people write them
    ("phone", "04 71 23 45 67", "+32471234567"),
    ("phone", "0471/23.45.67", "+32471234567"),
    ("phone", "+32 471 23 45 67", "+32471234567"),
    ("phone", "0032 471 23 45 67", "+32471234567"),
    ("phone", "09 233 12 45", "+3292331245"),
    ("phone", "(02) 512 34 56", "+3225123456"),
    ("phone", "011-22-33-44", "+3211223344"),
    # the trunk 0 kept after the country code, as on business cards
    ("phone", "+32 (0)470 12 34 56", "+32470123456"),
    ("phone", "0032 (0)9 233 12 45", "+3292331245"),
    ("phone", "+32 0470 12 34 56", "+32470123456"),
    # foreign numbers, in international form
    ("phone", "+31 6 1234 5678", "+31612345678"),
    ("phone", "+31 6 12 34 56 78", "+31612345678"),
    ("phone", "0031 6 1234 5678", "+31612345678"),
    ("phone", "+31 (0)6 12345678", "+31612345678"),
    ("phone", "+33 6 12 34 56 78", "+33612345678"),
    ("phone", "0033 (0)6 12 34 56 78", "+33612345678"),
    ("phone", "+352 621 123 456", "+352621123456"),
    ("phone", "+49 170 1234567", "+491701234567"),
    # postcodes
    ("postcode", "9000", "9000"),
    ("postcode", "B-2018", "2018"),
    ("postcode", " 3500 ", "3500"),
    ("postcode", "1000", "1000"),
    # IBAN: with and without spaces, lower case, hyphens, dots, spaces anywhere
    ("iban", "BE68 5390 0754 7034", "BE68539007547034"),
    ("iban", "be68539007547034", "BE68539007547034"),
    ("iban", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
    ("iban", "BE68-5390-0754-7034", "BE68539007547034"),
    ("iban", "BE68.5390.0754.7034", "BE68539007547034"),
    ("iban", "be 68 539 0075 47034", "BE68539007547034"),
    ("iban", "IBAN BE68 5390 0754 7034", "BE68539007547034"),
    ("iban", "nl91-abna-0417-1643-00", "NL91ABNA0417164300"),
    # e-mail
    ("email", "An.De.Smet@Telenet.be", "an.de.smet@telenet.be"),
    ("email", " wouter.vandamme@skynet.be ", "wouter.vandamme@skynet.be"),
    # dates, Belgian order, with or without leading zeros, spaces around the separators
    ("date", "12/03/2026", "2026-03-12"),
    ("date", "1.4.26", "2026-04-01"),
    ("date", "29-02-2028", "2028-02-29"),
    ("date", "2026-11-23", "2026-11-23"),
    ("date", "2/3/2026", "2026-03-02"),
    ("date", "02 / 03 / 2026", "2026-03-02"),
    ("date", "2 - 3 - 26", "2026-03-02"),
    ("date", "2026/03/02", "2026-03-02"),
    # dates in words: Dutch, French, English; abbreviated; with a weekday that fits
    ("date", "1 februari 2024", "2024-02-01"),
    ("date", "1 feb. 2024", "2024-02-01"),
    ("date", "1 Feb 2024", "2024-02-01"),
    ("date", "2 mrt. 2026", "2026-03-02"),
    ("date", "15 augustus 2026", "2026-08-15"),
    ("date", "1 février 2024", "2024-02-01"),
    ("date", "1 fevrier 2024", "2024-02-01"),  # without its accent: still that month
    ("date", "1er février 2024", "2024-02-01"),
    ("date", "le 1er février 2024", "2024-02-01"),
    ("date", "15 août 2026", "2026-08-15"),
    ("date", "3 déc. 2026", "2026-12-03"),
    ("date", "1 February 2024", "2024-02-01"),
    ("date", "February 1, 2024", "2024-02-01"),
    ("date", "February 1st, 2024", "2024-02-01"),
    ("date", "1st of February 2024", "2024-02-01"),
    ("date", "maandag 2 maart 2026", "2026-03-02"),
    ("date", "Maandag, 2 maart 2026", "2026-03-02"),
    ("date", "lundi 2 mars 2026", "2026-03-02"),
    ("date", "maandag 02/03/2026", "2026-03-02"),
    ("date", "Monday, March 2, 2026", "2026-03-02"),
    ("date", "19 mei 2026", "2026-05-19"),
    ("date", "19 mai 26", "2026-05-19"),
    # amounts in euro
    ("amount", "€ 49,95", "49.95"),
    ("amount", "49,95 EUR", "49.95"),
    ("amount", "1.234,50", "1234.50"),
    ("amount", "€1.234", "1234.00"),
    ("amount", "182.5", "182.50"),
    ("amount", "64,50 euros", "64.50"),
    ("amount", "64.50 Euro", "64.50"),
    ("amount", "€ 64,-", "64.00"),
    ("amount", "64,- EUR", "64.00"),
    ("amount", "64,--", "64.00"),
    ("amount", "EUR 64,50", "64.50"),
    ("amount", "64 EUR", "64.00"),
    ("amount", "€64.50", "64.50"),
    ("amount", "64,5", "64.50"),
    ("amount", "1 234,50 €", "1234.50"),
    ("amount", "1\u00a0234,50 €", "1234.50"),  # no-break space between the thousands
    ("amount", "1\u202f234,50 €", "1234.50"),  # narrow no-break space, as LibreOffice puts it
    ("amount", "1\u2009234,50", "1234.50"),  # thin space
    ("amount", "1,234.50", "1234.50"),  # English, in an English call
    ("amount", "1.234.567,89", "1234567.89"),
    # customer numbers
    ("customer_number", "40218377", "40218377"),
    ("customer_number", "4021 8377", "40218377"),
    ("customer_number", "402-183-77", "40218377"),
    # names keep accents and case, spaces tidied, one apostrophe
    ("name", "  Lefèvre ", "Lefèvre"),
    ("name", "D'Haese", "D'Haese"),
    ("name", "D\u2019Haese", "D'Haese"),  # ’ as a word processor or phone types it
    ("name", "D\u02bcHaese", "D'Haese"),  # ʼ modifier letter apostrophe
    ("name", "D`Haese", "D'Haese"),
    ("name", "D\u00b4Haese", "D'Haese"),  # ´ from the AZERTY accent key
    ("name", "Van  den   Broeck", "Van den Broeck"),
    ("name", "Le\u0301on", "Léon"),  # typed with a combining accent
    ("text", "Printer  drukt\nniet af.", "Printer drukt niet af."),
]

BAD = [
    ("phone", "0471 23 45 6", "phone.length"),  # a digit short
    ("phone", "04 71 23 45 67 8", "phone.length"),
    ("phone", "+32 (0)470 12 34 5", "phone.length"),
    ("phone", "+32 00470 12 34 56", "phone.length"),  # one trunk 0 may stand, not two
    ("phone", "06 12 34 56 78", "phone.length"),  # a Dutch mobile without +31 is no number here
    ("phone", "+31 6 1234 567", "phone.country"),  # a digit short for the Netherlands
    ("phone", "+31 6 1234 56789", "phone.country"),
    ("phone", "+33 6 12 34 56 7", "phone.country"),
    ("phone", "+999 123 45 67", "phone.country"),  # no such country code
    ("phone", "nul vier", "phone.format"),
    ("phone", "+31 6 12 34 56 7a", "phone.format"),
    ("phone", "471 23 45 67", "phone.format"),  # neither 0 nor a country code in front
    ("phone", "0471 +23 45 67", "phone.format"),
    ("postcode", "900", "postcode.belgian"),
    ("postcode", "0900", "postcode.belgian"),
    ("postcode", "3512 AB", "postcode.belgian"),  # a Dutch one
    ("iban", "BE68 5390 0754 7035", "iban.checksum"),  # one digit off
    ("iban", "BE86 5390 0754 7034", "iban.checksum"),  # check digits swapped
    ("iban", "BE68-5390-0754-7043", "iban.checksum"),
    ("iban", "BE68 5390 0754 70", "iban.length"),
    ("iban", "BE68 5390 0754 7034 0", "iban.length"),
    ("iban", "68 5390 0754 7034", "iban.format"),
    ("iban", "BE68/5390/0754/7034", "iban.format"),
    ("email", "an.de.smet@telenet", "email.format"),
    ("email", "an de smet@telenet.be", "email.format"),
    ("date", "2 maart 2026 (€", "date.format"),  # other marks around it: not a date
    ("date", "2 (maart) 2026", "date.format"),
    ("date", "31/02/2026", "date.impossible"),
    ("date", "31/04/2026", "date.impossible"),
    ("date", "29/02/2025", "date.impossible"),
    ("date", "30 februari 2024", "date.impossible"),
    ("date", "31 avril 2026", "date.impossible"),
    ("date", "32 maart 2026", "date.impossible"),
    ("date", "maart 2026", "date.format"),
    ("date", "1 februari", "date.format"),  # which year?
    ("date", "12/03", "date.format"),
    ("date", "12/03/202", "date.format"),
    ("date", "2 3 2026", "date.format"),  # spaces alone do not separate a date
    ("date", "1 2 februari 2024", "date.format"),
    ("date", "1 februari 2024 2025", "date.format"),
    ("date", "1 brumaire 2024", "date.format"),
    ("date", "dinsdag 2 maart 2026", "date.weekday"),  # 2 March 2026 is a Monday
    ("date", "Tuesday, March 2, 2026", "date.weekday"),
    ("date", "mardi 02/03/2026", "date.weekday"),
    ("date", "maandag", "date.format"),
    ("amount", "€ 49,9,5", "amount.format"),
    ("amount", "64,5,0", "amount.format"),
    ("amount", "-10", "amount.format"),
    ("amount", "€ -64,50", "amount.format"),
    ("amount", "12,345", "amount.format"),  # three decimals: not euro
    ("amount", "64,505 EUR", "amount.format"),
    ("amount", "1.234.50", "amount.format"),  # which point is the decimal one?
    ("amount", "64 50", "amount.format"),  # a space only between thousands
    ("amount", "€ 64 EUR", "amount.format"),
    ("amount", "vierenzestig euro", "amount.format"),
    ("amount", "64 dollar", "amount.format"),
    ("customer_number", "4021837A", "customer_number.digits"),
    ("customer_number", "123", "customer_number.digits"),
    ("name", "Jan 2", "name.letters"),
    ("name", "   ", "name.letters"),
]

# (kind, typed, expected): what a fair examiner signs as the value asked for ...
SAME = [
    ("phone", "+32 (0)470 12 34 56", "0470 12 34 56"),
    ("phone", "0032 486 27 53 09", "0486 27 53 09"),
    ("phone", "0031 6 1234 5678", "+31 6 12 34 56 78"),
    ("phone", "+31 (0)6 12345678", "+31 6 12 34 56 78"),
    ("phone", "0033 (0)6 12 34 56 78", "+33 6 12 34 56 78"),
    ("iban", "be75-0635-9127-4851", "BE75 0635 9127 4851"),
    ("date", "2 maart 2026", "02/03/2026"),
    ("date", "2/3/26", "02/03/2026"),
    ("date", "19 March 2026", "19/03/2026"),
    ("date", "samedi 7 mars 2026", "07/03/2026"),
    ("amount", "64,50 euros", "64,50"),
    ("amount", "€ 64,5", "64,50"),
    ("amount", "64,- EUR", "64"),
    ("name", "D’Haese", "D'Haese"),
]

# ... and what he refuses: another value, or a value that is not one
DIFFERENT = [
    ("phone", "0470 12 34 65", "+32 (0)470 12 34 56"),  # two digits swapped
    ("phone", "0471 23 45 67", "0471 23 45 6"),  # a digit short in the expected value
    ("phone", "+31 6 1234 5678", "0031 6 1234 5687"),
    ("phone", "+33 6 12 34 56 78", "+31 6 12 34 56 78"),  # same digits, another country
    ("iban", "BE68 5390 0754 7035", "BE68539007547034"),  # a bad check digit never equals
    ("iban", "BE75 0635 9127 4815", "BE75 0635 9127 4851"),
    ("date", "29/02/2025", "01/03/2025"),  # impossible, not "the day after the 28th"
    ("date", "3 februari 2026", "02/03/2026"),  # month and day swapped
    ("date", "February 3, 2026", "02/03/2026"),
    ("date", "dinsdag 2 maart 2026", "02/03/2026"),
    ("amount", "64,05", "64,50"),
    ("amount", "6,450", "64,50"),
    ("amount", "645,0", "64,50"),
    ("name", "Lefevre", "Lefèvre"),
    ("name", "d'Haese", "D'Haese"),
    ("name", "D' Haese", "D'Haese"),
    ("postcode", "9000", "9050"),
]


@pytest.mark.parametrize(("kind", "typed", "canonical"), GOOD)
def test_good_values_reach_their_canonical_form(kind: str, typed: str, canonical: str) -> None:
    assert normalise(kind, typed) == canonical  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "typed", "key"), BAD)
def test_bad_values_say_what_is_wrong(kind: str, typed: str, key: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        normalise(kind, typed)  # type: ignore[arg-type]
    assert caught.value.key == key


@pytest.mark.parametrize(("kind", "typed", "expected"), SAME)
def test_an_examiner_accepts_another_notation_of_the_value(
    kind: str, typed: str, expected: str
) -> None:
    assert same_value(kind, typed, expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "typed", "expected"), DIFFERENT)
def test_an_examiner_refuses_another_value(kind: str, typed: str, expected: str) -> None:
    assert not same_value(kind, typed, expected)  # type: ignore[arg-type]


def test_same_value_compares_after_normalising_and_keeps_accents_apart() -> None:
    assert same_value("phone", "04 71 23 45 67", "+32471234567")
    assert same_value("amount", "€ 1.234,50", "1234.5")
    assert not same_value("name", "Lefevre", "Lefèvre")
    assert not same_value("postcode", "9000", "9050")
    assert not same_value("iban", "BE68 5390 0754 7035", "BE68539007547034")  # invalid never equal


@pytest.mark.parametrize(
    ("foreign", "belgian"),
    [
        ("+33 4 70 12 34 56", "0470 12 34 56"),  # a Lyon landline, the digits of a mobile
        ("0033 (0)4 70 12 34 56", "+32 (0)470 12 34 56"),
        ("+31 6 1234 5678", "0470 12 34 56"),
    ],
)
def test_a_foreign_number_is_never_a_belgian_one(foreign: str, belgian: str) -> None:
    # "+31 6 1234 5678" was refused as "not Belgian"; it is a Dutch number now, a valid value
    # for a Dutch customer and unequal to every Belgian one
    assert not normalise("phone", foreign).startswith("+32")
    assert not same_value("phone", foreign, belgian)


_MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
_MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_WEEKDAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_notation_of_a_date_is_that_date(day: date) -> None:
    nl, fr = _MONTHS_NL.split()[day.month - 1], _MONTHS_FR.split()[day.month - 1]
    first = "1er" if day.day == 1 else str(day.day)
    notations = [
        f"{day.day:02}/{day.month:02}/{day.year}",
        f"{day.day}/{day.month}/{day.year % 100:02}",
        f"{day.day} . {day.month} . {day.year}",
        f"{day.day} {nl} {day.year}",
        f"{_WEEKDAYS_NL[day.weekday()]} {day.day} {nl} {day.year}",
        f"le {first} {fr} {day.year}",
        f"{day:%B} {day.day}, {day.year}",  # the C locale's English month names
        f"{day.day} {day:%b}. {day.year}",
    ]
    for notation in notations:
        assert normalise("date", notation) == day.isoformat(), notation
    wrong_weekday = _WEEKDAYS_NL[(day.weekday() + 1) % 7]
    with pytest.raises(FieldValueError):
        normalise("date", f"{wrong_weekday} {day.day} {nl} {day.year}")
    assert not same_value("date", f"{day.day} {nl} {day.year}", (day + timedelta(1)).isoformat())


@given(st.integers(min_value=0, max_value=9_999_999), st.integers(min_value=0, max_value=99))
def test_every_notation_of_an_amount_is_that_amount(euros: int, cents: int) -> None:
    belgian_groups = f"{euros:,}".replace(",", ".")
    canonical = f"{euros}.{cents:02}"
    for notation in (
        f"€ {belgian_groups},{cents:02}",
        f"{belgian_groups.replace('.', chr(0x202F))},{cents:02} €",
        f"{euros},{cents:02} euro",
        f"EUR {euros}.{cents:02}",
        f"{euros:,}.{cents:02}",
    ):
        assert normalise("amount", notation) == canonical, notation
    assert normalise("amount", f"€ {belgian_groups},-") == f"{euros}.00"
