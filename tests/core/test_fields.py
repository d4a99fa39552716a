"""Field normalisers: what an operator types, with realistic Belgian data, good and bad."""

from __future__ import annotations

import pytest

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
    # postcodes
    ("postcode", "9000", "9000"),
    ("postcode", "B-2018", "2018"),
    ("postcode", " 3500 ", "3500"),
    ("postcode", "1000", "1000"),
    # IBAN: with and without spaces, lower case
    ("iban", "BE68 5390 0754 7034", "BE68539007547034"),
    ("iban", "be68539007547034", "BE68539007547034"),
    ("iban", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
    # e-mail
    ("email", "An.De.Smet@Telenet.be", "an.de.smet@telenet.be"),
    ("email", " wouter.vandamme@skynet.be ", "wouter.vandamme@skynet.be"),
    # dates, Belgian order
    ("date", "12/03/2026", "2026-03-12"),
    ("date", "1.4.26", "2026-04-01"),
    ("date", "29-02-2028", "2028-02-29"),
    ("date", "2026-11-23", "2026-11-23"),
    # amounts in euro
    ("amount", "€ 49,95", "49.95"),
    ("amount", "49,95 EUR", "49.95"),
    ("amount", "1.234,50", "1234.50"),
    ("amount", "€1.234", "1234.00"),
    ("amount", "182.5", "182.50"),
    # customer numbers
    ("customer_number", "40218377", "40218377"),
    ("customer_number", "4021 8377", "40218377"),
    ("customer_number", "402-183-77", "40218377"),
    # names keep accents and case, spaces tidied
    ("name", "  Lefèvre ", "Lefèvre"),
    ("name", "D'Haese", "D'Haese"),
    ("name", "Van  den   Broeck", "Van den Broeck"),
    ("name", "Le\u0301on", "Léon"),  # typed with a combining accent
    ("text", "Printer  drukt\nniet af.", "Printer drukt niet af."),
]

BAD = [
    ("phone", "0471 23 45 6", "phone.length"),  # a digit short
    ("phone", "04 71 23 45 67 8", "phone.length"),
    ("phone", "+31 6 1234 5678", "phone.not_belgian"),
    ("phone", "nul vier", "phone.not_belgian"),
    ("postcode", "900", "postcode.belgian"),
    ("postcode", "0900", "postcode.belgian"),
    ("postcode", "3512 AB", "postcode.belgian"),  # a Dutch one
    ("iban", "BE68 5390 0754 7035", "iban.checksum"),  # one digit off
    ("iban", "BE68 5390 0754 70", "iban.length"),
    ("iban", "68 5390 0754 7034", "iban.format"),
    ("email", "an.de.smet@telenet", "email.format"),
    ("email", "an de smet@telenet.be", "email.format"),
    ("date", "31/02/2026", "date.impossible"),
    ("date", "maart 2026", "date.format"),
    ("amount", "€ 49,9,5", "amount.format"),
    ("amount", "-10", "amount.format"),
    ("amount", "12,345", "amount.format"),  # three decimals: not euro
    ("customer_number", "4021837A", "customer_number.digits"),
    ("customer_number", "123", "customer_number.digits"),
    ("name", "Jan 2", "name.letters"),
    ("name", "   ", "name.letters"),
]


@pytest.mark.parametrize(("kind", "typed", "canonical"), GOOD)
def test_good_values_reach_their_canonical_form(kind: str, typed: str, canonical: str) -> None:
    assert normalise(kind, typed) == canonical  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "typed", "key"), BAD)
def test_bad_values_say_what_is_wrong(kind: str, typed: str, key: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        normalise(kind, typed)  # type: ignore[arg-type]
    assert caught.value.key == key


def test_same_value_compares_after_normalising_and_keeps_accents_apart() -> None:
    assert same_value("phone", "04 71 23 45 67", "+32471234567")
    assert same_value("amount", "€ 1.234,50", "1234.5")
    assert not same_value("name", "Lefevre", "Lefèvre")
    assert not same_value("postcode", "9000", "9050")
    assert not same_value("iban", "BE68 5390 0754 7035", "BE68539007547034")  # invalid never equal
