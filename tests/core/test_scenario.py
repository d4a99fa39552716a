"""Call scenarios are checked before they run; the documented example is itself checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from trainer.core.clips import load_shipped_library
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.scenario import CallExercise, Say
from trainer.paths import audio_dir

README = REPO / "exercises" / "README.md"


def documented_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Kind `call`") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def transfer_example() -> str:
    """The documented call, with a transfer to billing as the expected handling."""
    text = documented_example()
    for old, new in [
        ("transfer: null", "transfer: facturatie"),
        ("closing_code: adres-gewijzigd", "closing_code: doorverbonden"),
        ("contact_result: opgelost", "contact_result: doorverbonden"),
        ("script: [greet, identify, verify, purpose, register, summarise, close]",
         "script: [greet, identify, verify, purpose, register, transfer, close]"),
    ]:  # fmt: skip
        assert old in text
        text = text.replace(old, new)
    return text


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("gesprek.yaml"), load_shipped_library(audio_dir()).languages)
    return [(p.line, p.message) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_documented_example_is_a_valid_call() -> None:
    call, _ = parse_exercise(
        documented_example(), README, load_shipped_library(audio_dir()).languages
    )
    assert isinstance(call, CallExercise)
    assert [e.do for e in call.timeline][:2] == ["ring", "say"]
    said = [e for e in call.timeline if isinstance(e, Say)]
    assert {e.clip for e in said} == {"nl-groet-01", "nl-klant-01", "nl-adres-02"}
    assert call.expect.verification == "verified"


@pytest.mark.parametrize(
    ("change", "needle", "words"),
    [
        (("after: groet.end", "after: groete.end"), "groete.end", "is no event"),
        (("after: verified", "after: geverifieerd"), "geverifieerd", "is no event"),
        (("whenever: ask_repeat", "whenever: herhalen"), "herhalen", "is no action"),
        (("clip: nl-adres-02}", "clip: en-address-01}"), "en-address-01", "is in 'en'"),
        (("said_in: nl-adres-02", "said_in: nl-adres-99"), "nl-adres-99", "unknown clip"),
        (('expected: "3000"', 'expected: "300"'), 'expected: "300"', "not a valid postcode"),
        (("purpose, register", "purpose, praten"), "praten", "unknown step 'praten'"),
        (
            ("closing_code: adres-gewijzigd", "closing_code: klaar"),
            "closing_code: klaar",
            "not in closing_codes",
        ),
        (("transfer: null", "transfer: boekhouding"), "boekhouding", "not in transfer_targets"),
        (("verify_after: nummer", "verify_after: bel"), "verify_after: bel", "no 'say' event"),
        (
            (
                "{id: einde, after: closed, do: hangup}",
                "{id: einde, after: closed, unless: hld, do: hangup}",
            ),
            "unless: hld",
            "'hld' is no event",
        ),
        (("look_up: [verhuis]", "look_up: [verhuizen]"), "look_up:", "not in knowledge"),
        (
            ("    do: chat\n", "    do: chat\n    field: phone\n"),
            "id: collega",
            "'do: crm_update' only",
        ),
        (
            ("    do: chat\n", "    do: crm_update\n    field: phone\n"),
            "id: collega",
            "both 'field' and 'value'",
        ),
        (
            ("    do: chat\n", "    do: crm_update\n    field: fax\n    value: '02 555 11 22'\n"),
            "field: fax",
            "Input should be",
        ),
        (("id: collega", "id: groet"), "id: groet\n", "duplicate event id"),
        (
            ("{id: bel, at: 0, do: ring}", "{id: bel, at: 0, after: closed, do: ring}"),
            "id: bel",
            "exactly one of",
        ),
    ],
)
def test_each_mistake_in_a_scenario_is_reported_at_its_line(
    change: tuple[str, str], needle: str, words: str
) -> None:
    text = documented_example().replace(*change)
    assert text != documented_example()
    found = problems(text)
    assert any(words in message for _, message in found), found
    line = line_of(text, needle.rstrip("\n")) if not needle.endswith("\n") else None
    if line is not None:
        assert any(words in m and ln == line for ln, m in found), (line, found)


def test_an_event_waiting_for_itself_and_a_call_that_never_rings() -> None:
    text = documented_example().replace("after: answered", "after: nummer")
    found = problems(text)
    assert any("waits for itself" in m for _, m in found)
    silent = documented_example().replace(
        "{id: bel, at: 0, do: ring}", "{id: bel, at: 0, do: hangup}"
    )
    assert any("never rings" in m for _, m in problems(silent))
