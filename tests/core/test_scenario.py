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
    return [(p.line, p.message.code) for p in caught.value.problems]


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
    ("change", "needle", "code"),
    [
        (("after: groet.end", "after: groete.end"), "groete.end", "not_a_moment"),
        (("after: verified", "after: geverifieerd"), "geverifieerd", "not_a_moment"),
        (("whenever: ask_repeat", "whenever: herhalen"), "herhalen", "not_an_action"),
        (("clip: nl-adres-02}", "clip: en-address-01}"), "en-address-01", "clip_language_call"),
        (("said_in: nl-adres-02", "said_in: nl-adres-99"), "nl-adres-99", "unknown_clip"),
        (('expected: "3000"', 'expected: "300"'), 'expected: "300"', "invalid_postcode"),
        (("purpose, register", "purpose, praten"), "praten", "unknown_step"),
        (
            ("closing_code: adres-gewijzigd", "closing_code: klaar"),
            "closing_code: klaar",
            "not_listed_in",
        ),
        (("transfer: null", "transfer: boekhouding"), "boekhouding", "not_listed_in"),
        (("verify_after: nummer", "verify_after: bel"), "verify_after: bel", "not_a_say_event"),
        (
            (
                "{id: einde, after: closed, do: hangup}",
                "{id: einde, after: closed, unless: hld, do: hangup}",
            ),
            "unless: hld",
            "not_a_moment",
        ),
        (("look_up: [verhuis]", "look_up: [verhuizen]"), "look_up:", "not_listed_in"),
        (
            ("    do: chat\n", "    do: chat\n    field: phone\n"),
            "id: collega",
            "record_change_only",
        ),
        (
            ("    do: chat\n", "    do: crm_update\n    field: phone\n"),
            "id: collega",
            "record_change_both",
        ),
        (
            ("    do: chat\n", "    do: crm_update\n    field: fax\n    value: '02 555 11 22'\n"),
            "field: fax",
            "should_be_one_of",
        ),
        (("id: collega", "id: groet"), "id: groet\n", "duplicate_event_id"),
        (
            ("{id: bel, at: 0, do: ring}", "{id: bel, at: 0, after: closed, do: ring}"),
            "id: bel",
            "one_trigger",
        ),
    ],
)
def test_each_mistake_in_a_scenario_is_reported_at_its_line(
    change: tuple[str, str], needle: str, code: str
) -> None:
    text = documented_example().replace(*change)
    assert text != documented_example()
    found = problems(text)
    assert any(code == said for _, said in found), found
    line = line_of(text, needle.rstrip("\n")) if not needle.endswith("\n") else None
    if line is not None:
        assert (line, code) in found, (line, found)


def test_an_event_waiting_for_itself_and_a_call_that_never_rings() -> None:
    text = documented_example().replace("after: answered", "after: nummer")
    found = problems(text)
    assert any(code == "waits_for_itself" for _, code in found)
    silent = documented_example().replace(
        "{id: bel, at: 0, do: ring}", "{id: bel, at: 0, do: hangup}"
    )
    assert any(code == "never_rings" for _, code in problems(silent))
