"""The shipped material is true: every EAN and IBAN a trainee copies, hears or checks against a
record has valid check digits, a field is filled with what its clip really says, and the Dutch
a trainee types is written Dutch. A wrong check digit in a text teaches a wrong number, and an
expected value the customer never says fails a good operator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import yaml

from trainer.core.loader import load_exercise
from trainer.core.typing_metrics import score_typing
from trainer.paths import audio_dir, exercises_dir

EXERCISE_FILES = sorted(exercises_dir().rglob("*.yaml"))
MANIFEST = audio_dir() / "clips.yaml"

# ISO 13616 lengths of the countries a Belgian contact centre meets
IBAN_LENGTH = {"BE": 16, "NL": 18, "LU": 20, "DE": 22, "FR": 27}
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b")
# "EAN 541448820060812344", "EAN elektriciteit: 5414...", "EAN-code 5 412345 678908"
EAN_AFTER_WORD = re.compile(r"\bEAN\b\D{0,25}?(\d(?:[ .]?\d){7,17})")
BELGIAN_EAN = re.compile(r"\b54\d{16}\b")  # a connection point, also without the word EAN
STRUCTURED = re.compile(r"\+\+\+(\d{3})/(\d{4})/(\d{5})\+\+\+")


def strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a YAML document, with where it is (file and key path)."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{where}[{index}]")


def shipped_texts() -> list[tuple[str, str]]:
    """Texts, instructions, knowledge articles, records, expected values and transcripts."""
    found = []
    for path in [*EXERCISE_FILES, MANIFEST]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += strings(data, path.name)
    return found


def gs1_ok(digits: str) -> bool:
    """GS1 mod-10: weights 3 and 1 from the right, the last digit makes the sum a multiple of 10."""
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def iban_problem(iban: str) -> str | None:
    """Why an IBAN is not one a bank would take, or None."""
    compact = re.sub(r"[ -]", "", iban)
    country = compact[:2]
    if country not in IBAN_LENGTH:
        return f"unknown country {country}"
    if len(compact) != IBAN_LENGTH[country]:
        return f"{len(compact)} characters, {country} has {IBAN_LENGTH[country]}"
    moved = compact[4:] + compact[:4]
    if int("".join(str(int(c, 36)) for c in moved)) % 97 != 1:
        return "mod-97 check digits wrong"
    if country == "BE":  # the Belgian account number has its own check: first 10 mod 97
        bban = compact[4:]
        if (int(bban[:10]) % 97 or 97) != int(bban[10:]):
            return "Belgian account check digits wrong"
    return None


def eans() -> list[tuple[str, str]]:
    found = set()
    for where, text in shipped_texts():
        for match in EAN_AFTER_WORD.finditer(text):
            found.add((where, re.sub(r"\D", "", match.group(1))))
        for match in BELGIAN_EAN.finditer(text):
            found.add((where, match.group(0)))
    return sorted(found)


def ibans() -> list[tuple[str, str]]:
    return sorted(
        {(where, m.group(0)) for where, text in shipped_texts() for m in IBAN.finditer(text)}
    )


def test_the_checks_know_a_good_number_from_a_bad_one() -> None:
    assert gs1_ok("541448820060812344") and not gs1_ok("541448820060812347")
    assert gs1_ok("5412345678908") and not gs1_ok("5412345678980")  # swapped neighbours
    assert iban_problem("BE68 5390 0754 7034") is None
    assert iban_problem("BE68 5390 0754 7043") is not None  # swapped neighbours
    assert iban_problem("BE86 5390 0754 7034") is not None
    assert iban_problem("NL91 ABNA 0417 1643 00") is None


def test_every_ean_in_the_shipped_material_has_its_gs1_check_digit() -> None:
    found = eans()
    assert found, "no EAN found: the search itself is broken"
    wrong = [
        f"{where}: EAN {digits}"
        + ("" if len(digits) in (13, 18) else f" has {len(digits)} digits, not 13 or 18")
        for where, digits in found
        if len(digits) not in (13, 18) or not gs1_ok(digits)
    ]
    assert wrong == []


def test_every_iban_in_the_shipped_material_has_valid_check_digits() -> None:
    found = ibans()
    assert len(found) >= 5, "too few IBANs found: the search itself is broken"
    wrong = [
        f"{where}: {iban}: {iban_problem(iban)}" for where, iban in found if iban_problem(iban)
    ]
    assert wrong == []


def test_every_structured_communication_has_its_check_digits() -> None:
    """The Belgian +++123/4567/89002+++: the first ten digits mod 97 (97 for 0) are the last two."""
    wrong = []
    for where, text in shipped_texts():
        for match in STRUCTURED.finditer(text):
            digits = "".join(match.groups())
            if (int(digits[:10]) % 97 or 97) != int(digits[10:]):
                wrong.append(f"{where}: {match.group(0)}")
    assert wrong == []


def transcripts() -> dict[str, str]:
    clips = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["clips"]
    return {clip["id"]: clip["transcript"] for clip in clips}


def letters_and_digits(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ@]", "", text.lower())


MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}
WEEKDAYS = {
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}


def said_as_a_date(expected: str, transcript: str, language: str) -> bool:
    """A date the customer says as people do ("dinsdag 24 maart"): its day and month's name,
    and the weekday, when one is said, the one that date falls on."""
    day, month, year = (int(part) for part in expected.split("/"))
    words = transcript.lower()
    month_name = MONTHS[language].split()[month - 1].lower()
    if not re.search(rf"\b{day}\s+{month_name}\b", words):
        return False
    weekdays = [w.lower() for w in WEEKDAYS[language].split()]
    named = [w for w in weekdays if re.search(rf"\b{w}\b", words)]
    return all(w == weekdays[date(year, month, day).weekday()] for w in named)


def test_a_field_expects_what_its_clip_says() -> None:
    """A good operator types what the customer said; a value the clip does not contain (a
    transcript changed, a field not) can never be entered right. A date may be said in words,
    on the right weekday."""
    said = transcripts()
    wrong = []
    for path in EXERCISE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in data.get("fields") or []:
            clip = field.get("said_in")
            if not clip:
                continue
            expected = str(field["expected"])
            if letters_and_digits(expected) in letters_and_digits(said[clip]):
                continue
            if field["kind"] == "date" and said_as_a_date(expected, said[clip], data["language"]):
                continue
            wrong.append(f"{path.name}: {field['id']} {expected!r} not in {clip}")
    assert wrong == []


def test_a_refund_goes_to_the_account_it_was_taken_from() -> None:
    """nl-gesprek-06: the double debit goes back to the IBAN in the record, which the customer
    confirms after verification, never to an account number given by phone."""
    [path] = exercises_dir().rglob("nl-gesprek-06-*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = re.sub(r"\s", "", data["customer"]["iban"])
    fields = {field["id"]: field for field in data["fields"]}
    assert re.sub(r"\s", "", fields["iban"]["expected"]) == record
    assert record in re.sub(r"\s", "", fields["notitie"]["expected"])
    assert data["expect"]["verify_after"] in [
        e["id"] for e in data["timeline"] if e.get("clip") != fields["iban"]["said_in"]
    ]


# written Dutch: "het ticket" (a het-word), and an inflected adjective after a possessive or
# "het" ("mijn nieuwe adres"); "een nieuw adres" stays as it is
DUTCH_SLIPS = {
    r"\b(de|die|deze) ticket\b": "het ticket / dit ticket",
    r"\been (\w+e )?nieuwe ticket\b": "een nieuw ticket",
    r"\bkorte ticket\b": "kort ticket",
    r"\b(mijn|ons|uw|zijn|haar|jouw|hun|het|dit|dat) (nieuw|oud|vorig|maandelijks) \w": "-e",
    r"\blangs geweest\b": "langsgeweest",
}


@pytest.mark.parametrize("pattern", DUTCH_SLIPS, ids=list(DUTCH_SLIPS.values()))
def test_dutch_texts_and_transcripts_are_written_dutch(pattern: str) -> None:
    clip_language = {
        clip["id"]: clip["language"]
        for clip in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["clips"]
    }
    dutch = []
    for path in EXERCISE_FILES:
        if yaml.safe_load(path.read_text(encoding="utf-8")).get("language") == "nl":
            dutch += strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    for clip_id, text in transcripts().items():
        if clip_language[clip_id] == "nl":
            dutch.append((clip_id, text))
    slips = [f"{where}: {text!r}" for where, text in dutch if re.search(pattern, text, re.I)]
    assert slips == []


def test_a_copy_text_that_counts_every_wrong_data_item_fails_six_of_them() -> None:
    """nl-copy-03 tells the trainee that each wrong number, date or address counts: six data
    items each one digit off must fail, as the instructions promise."""
    [path] = exercises_dir().rglob("nl-copy-03-*.yaml")
    exercise, _ = load_exercise(path)
    text = exercise.text  # type: ignore[attr-defined]
    typed = text
    for right, wrong in [
        ("51730264", "51730246"),
        ("15/04/2026", "15/04/2025"),
        ("Brugsesteenweg 48", "Brugsesteenweg 84"),
        ("2018 Antwerpen", "2081 Antwerpen"),
        ("0478 61 20 93", "0478 61 20 39"),
        ("12/03/2026", "13/03/2026"),
    ]:
        assert right in typed
        typed = typed.replace(right, wrong)
    result = score_typing(
        text,
        typed,
        unit=exercise.error_unit,  # type: ignore[attr-defined]
        margin=str(exercise.margin),  # type: ignore[attr-defined]
    )
    assert result.word_errors == 6
    assert not result.passed
    assert score_typing(text, text, unit=exercise.error_unit).passed  # type: ignore[attr-defined]


def test_a_belgian_household_pays_no_exit_fee_and_gas_costs_less_than_electricity() -> None:
    """en-call-02's product sheet: Belgian household energy contracts have no exit fee (one
    month's notice, free), and gas per kWh is far below electricity per kWh."""
    [path] = exercises_dir().rglob("en-call-02-*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sheet = next(a["text"] for a in data["knowledge"] if a["id"] == "fixplus-offers")
    assert "No exit fee" in sheet and "one month's notice, free of charge" in sheet
    electricity = sheet.split("Electricity:")[1].split("Gas:")[0]
    gas = sheet.split("Gas:")[1].split("Fixed fee")[0]
    prices = [
        [float(p) for p in re.findall(r"€(\d+\.\d+) per kWh", part)] for part in (electricity, gas)
    ]
    assert len(prices[0]) == len(prices[1]) == 2
    assert max(prices[1]) < min(prices[0]) / 2
