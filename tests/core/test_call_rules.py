"""The desk's rules without Qt: what an action implies in the script, what a look-up finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_scoring import CALL
from tests.core.test_scenario import documented_example
from trainer.core.call_rules import find_customer, implied_steps
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.scenario import CallExercise, CustomerRecord


def test_what_an_action_implies_in_the_script() -> None:
    assert implied_steps("answered") == ["greet"]
    # the identification before it; on an outbound call: the person wanted is on the line
    assert implied_steps("verified") == ["identify", "verify", "right_person"]
    assert implied_steps("mismatch") == ["identify", "verify", "right_person"]
    assert implied_steps("transferred") == ["transfer", "close"]  # a transfer ends the call
    assert implied_steps("closed") == ["close"]
    assert implied_steps("look_up", "35108624") == ["identify"]  # a file found: identified
    assert implied_steps("look_up", "") == []  # nothing found: nobody identified
    assert implied_steps("hold") == [] and implied_steps("step", "purpose") == []
    # only the steps of the call's own script
    assert implied_steps("transferred", script=["greet", "verify", "close"]) == ["close"]


# the documented call's customer: Sofie Willems, 35108624, 0471 23 45 67
@pytest.mark.parametrize(
    ("typed", "by"),
    [
        ("35108624", "customer_number"),
        ("3510 8624", "customer_number"),
        ("3510.86.24", "customer_number"),
        ("0471/23.45.67", "phone"),
        ("+32 471 23 45 67", "phone"),
        ("0032 (0)471 234 567", "phone"),
        ("Sofie Willems", "name"),
        ("willems sofie", "name"),
        ("  WILLEMS,  Sofie ", "name"),
        ("Sofie Willéms", "name"),  # accents aside, as a CRM searches
    ],
)
def test_a_look_up_finds_the_caller_by_number_phone_or_name(typed: str, by: str) -> None:
    found = find_customer(CALL, typed)
    assert found is not None and found.by == by
    assert found.record.number == "35108624" and found.callers


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "3510 8642", "351086240", "0471 23 45 76", "Willems", "Sofie", "Sofie Willems 2"],
)
def test_a_look_up_with_a_wrong_or_partial_datum_finds_nothing(typed: str) -> None:
    assert find_customer(CALL, typed) is None


def test_a_look_up_finds_another_customers_file_and_says_so() -> None:
    wife = CustomerRecord(number="61502387", name="Annick Verhelst", phone="+32 53 77 41 09")
    call = CALL.model_copy(update={"other_customers": [wife]})
    found = find_customer(call, "6150 2387")
    assert found is not None and found.record == wife and not found.callers
    found = find_customer(call, "053/77.41.09")
    assert found is not None and found.by == "phone" and not found.callers
    assert find_customer(call, "verhelst annick") is not None
    mine = find_customer(call, "sofie willems")
    assert mine is not None and mine.callers
    # names with an apostrophe, written either way
    dhaese = CustomerRecord(number="4001", name="Lotte D’Haese")
    other = CALL.model_copy(update={"other_customers": [dhaese]})
    assert find_customer(other, "d'haese lotte") is not None


def test_another_file_that_a_look_up_cannot_tell_from_the_callers_is_refused() -> None:
    text = documented_example().replace(
        "fields:                         # the contact form",
        'other_customers:\n  - {number: "35108624", name: Jan Peeters}\n'
        "fields:                         # the contact form",
    )
    assert "other_customers" in text
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("gesprek.yaml"))
    (problem,) = caught.value.problems
    assert problem.message.code == "look_up_finds_two"
    assert problem.message.params["name"] == "Sofie Willems"
    assert (
        problem.line == text.splitlines().index('  - {number: "35108624", name: Jan Peeters}') + 1
    )
    fine = text.replace('"35108624", name: Jan', '"61502387", name: Jan')
    call, _ = parse_exercise(fine, Path("gesprek.yaml"))
    assert isinstance(call, CallExercise) and call.other_customers[0].name == "Jan Peeters"
