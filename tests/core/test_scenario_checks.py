"""Every rule ``cross_check`` holds a call to, each mistake said at its line in its words.

One scenario breaks every rule at once, so the whole list of what ``simultaan validate`` and
the home screen say is pinned: a rule that stops finding its mistake, says it in other words
or at another line shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_scenario import documented_example, line_of
from trainer.core.clips import load_shipped_library
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.messages import Message
from trainer.core.scenario import ACTIONS, SCRIPT_STEPS, CallExercise
from trainer.core.scenario_checks import cross_check
from trainer.paths import audio_dir

# (what the documented example says, what the broken scenario says instead)
MISTAKES = [
    # timeline: an event waiting for itself (two events waiting for each other)
    ("{id: groet, after: answered,", "{id: groet, after: nummer,"),
    # timeline: an action that does not exist, and the end of an event that is no clip
    ("{id: nog-eens, whenever: ask_repeat,", "{id: nog-eens, whenever: herhalen,"),
    ("{id: einde, after: closed, do: hangup}",
     "{id: einde, after: closed, unless: bel.end, do: hangup}"),
    # timeline: a duplicate id, and a clip that is not in the library
    ("  - id: collega\n", "  - id: adres\n"),
    ("clip: nl-adres-02}", "clip: nl-adres-99}"),
    # fields: a duplicate id, a value not valid for its kind, a clip in another language
    ("  - id: nieuw_adres\n", "  - id: klantnummer\n"),
    ('expected: "3000"', 'expected: "300"'),
    ("said_in: nl-klant-01 ", "said_in: en-address-01 "),
    # fields: a fact with an invalid value, and one the model answer does not hold
    ('kind: postcode, value: "3000"}', 'kind: postcode, value: "30"}'),
    ("any: [Diestsestraat 64]}", "any: [Naamsestraat 12]}"),
    # script: an unknown step, and a step twice
    ("script: [greet, identify, verify, purpose, register, summarise, close]",
     "script: [greet, identify, verify, praten, register, summarise, close, greet]"),
    # expectations: each one names something the call does not have
    ("transfer: null", "transfer: boekhouding"),
    ("closing_code: adres-gewijzigd", "closing_code: klaar"),
    ("contact_result: opgelost", "contact_result: geholpen"),
    ("verify_after: nummer", "verify_after: bel"),
    ("look_up: [verhuis]", "look_up: [verhuizen]"),
    # a second file that a look-up by phone would find too
    ("fields:   ", 'other_customers:\n  - {number: "35108625", name: Tom Willems, '
     "phone: 0471 23 45 67}\nfields:   "),
]  # fmt: skip


def broken_scenario() -> str:
    text = documented_example()
    for old, new in MISTAKES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def said(text: str) -> list[tuple[int, Message]]:
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("gesprek.yaml"), load_shipped_library(audio_dir()).languages)
    return [(p.line, p.message) for p in caught.value.problems]


def test_every_rule_says_its_mistake_at_its_line() -> None:
    text = broken_scenario()

    def at(needle: str) -> int:
        return text[: text.index(needle)].count("\n") + 1

    steps = list(SCRIPT_STEPS)
    actions = list(ACTIONS)
    assert said(text) == [
        (at("other_customers:") + 1, Message("look_up_finds_two", {
            "value": "0471 23 45 67", "name": "Sofie Willems", "number": "35108624"})),
        (at("said_in: en-address-01"), Message("clip_language_call", {
            "clip": "en-address-01", "language": "en", "own": "nl"})),
        (at("  - id: klantnummer\n    label: Nieuw"),
         Message("duplicate_field_id", {"id": "klantnummer"})),
        (at('expected: "300"'), Message("invalid_postcode", {"value": "300"})),
        (at("any: [Naamsestraat 12]"), Message("fact_not_in_answer", {"id": "straat"})),
        (at('value: "30"'), Message("invalid_postcode", {"value": "30"})),
        (at("script:"), Message("unknown_step", {"step": "praten", "known": steps})),
        (at("script:"), Message("step_twice", {"step": "greet"})),
        (at("{id: groet,"), Message("waits_for_itself", {"id": "groet"})),
        (at("{id: nummer,"), Message("waits_for_itself", {"id": "nummer"})),
        # one line, two rules: the clip is said first, as it always was
        (at("clip: nl-adres-99"), Message("unknown_clip", {"clip": "nl-adres-99"})),
        (at("clip: nl-adres-99"), Message("waits_for_itself", {"id": "adres"})),
        (at("whenever: herhalen"), Message("not_an_action", {
            "name": "herhalen", "actions": actions})),
        (at("  - id: adres\n    after"), Message("duplicate_event_id", {"id": "adres"})),
        # (the two events called 'adres' are one to 'after')
        (at("after: adres.end"), Message("waits_for_itself", {"id": "adres"})),
        (at("unless: bel.end"), Message("not_a_moment", {"name": "bel.end", "actions": actions})),
        (at("transfer: boekhouding"), Message("not_listed_in", {
            "name": "boekhouding", "list": "transfer_targets"})),
        (at("closing_code: klaar"), Message("not_listed_in", {
            "name": "klaar", "list": "closing_codes"})),
        (at("contact_result: geholpen"), Message("not_listed_in", {
            "name": "geholpen", "list": "contact_results"})),
        (at("verify_after: bel"), Message("not_a_say_event", {"name": "bel"})),
        (at("look_up: [verhuizen]"), Message("not_listed_in", {
            "name": "verhuizen", "list": "knowledge"})),
    ]  # fmt: skip
    # the actions a timeline may wait for, as the English sentence has always listed them
    assert actions == [
        "answered", "hold", "resumed", "ask_repeat", "verified", "mismatch", "transferred",
        "closed", "acknowledged", "dialled", "message_start", "message_end", "hang_up",
    ]  # fmt: skip


def test_a_call_that_never_rings_is_said_at_its_timeline() -> None:
    text = documented_example().replace(
        "{id: bel, at: 0, do: ring}", "{id: bel, at: 0, do: hangup}"
    )
    assert said(text) == [(line_of(text, "timeline:"), Message("never_rings"))]


def test_without_a_clip_library_clips_are_not_checked() -> None:
    """``simultaan validate`` without the clips (a coach's own folder) checks everything
    else."""
    text = documented_example().replace("clip: nl-adres-02}", "clip: nl-adres-99}")
    call, _ = parse_exercise(text, Path("gesprek.yaml"))
    assert isinstance(call, CallExercise)
    assert cross_check(call) == []
    library = {"nl-groet-01": "nl", "nl-klant-01": "nl", "nl-adres-02": "nl"}
    unknown = Message("unknown_clip", {"clip": "nl-adres-99"})
    assert cross_check(call, library) == [(("timeline", 3, "clip"), unknown)]
