"""Every rule a queue exercise is checked by, each mistake said at its line, as ``simultaan
validate`` prints it: one shipped shift broken in many places at once, so a rule that stops
finding its mistake, or says it at another line, shows here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.messages import Message

SHIFT = REPO / "exercises/nl/queue/nl-wachtrij-01-maandagochtend.yaml"

# (what the shipped shift says, what the broken one says, what is said at the new text's line)
MISTAKES: list[tuple[str, str, Message]] = [
    # an arrival named twice
    ("\n  - id: visio\n", "\n  - id: printer-magazijn\n",
     Message("duplicate_event_id", {"id": "printer-magazijn"})),
    # a contact from someone who is not in the list of customers
    ('    requester: "40301"\n    subject: Aanvraag',
     '    requester: "49999"\n    subject: Aanvraag',
     Message("not_listed_in", {"name": "49999", "list": "customers"})),
    # a contact due after the shift's end
    ("    at: 240\n", "    at: 950\n",
     Message("arrival_after_shift", {"at": 950.0, "shift": 900.0})),
    # a close code the helpdesk does not have
    ("      close_code: opgelost\n", "      close_code: klaar\n",
     Message("not_listed_in", {"name": "klaar", "list": "helpdesk.close_codes"})),
    # a team the routing rules do not send the category to
    ("      team: applicaties\n", "      team: werkplek\n",
     Message("team_not_routed",
             {"team": "werkplek", "category": "software", "routed": "applicaties"})),
    # a category that no routing rule sends anywhere, with a team expected
    ("    printer: werkplek\n", "", Message("category_no_route", {"category": "printer"})),
    # a fact the model note does not hold
    ("      note: Wachtwoord gereset voor Sofie Claes, tijdelijk wachtwoord telefonisch "
     "doorgegeven.\n", "      note: Sofie Claes kan weer inloggen.\n",
     Message("fact_note_misses", {"id": "reset"})),
    # an open ticket numbered otherwise than the helpdesk numbers it
    ("\n  - number: INC1040\n", "\n  - number: INC1039\n",
     Message("ticket_number_given", {"number": "INC1039", "gets": "INC1040"})),
    # a contact about an open ticket that is not there
    ("      ticket: none\n", "      ticket: existing\n      existing: INC0001\n",
     Message("not_listed_in", {"name": "INC0001", "list": "tickets"})),
]  # fmt: skip


def _line(text: str, fragment: str) -> int:
    """The line where ``fragment`` starts (a leading newline belongs to the line before)."""
    return text[: text.index(fragment) + fragment.startswith("\n")].count("\n") + 1


# where each is said: a fragment of the broken text that starts the line (once in it)
SAID_AT = {
    "duplicate_event_id": "\n  - id: printer-magazijn\n    at: 950",
    "arrival_after_shift": "\n    at: 950\n",
    "fact_note_misses": "\n        - id: reset\n",
    "team_not_routed": "\n      team: werkplek\n      note: Installatie",
    "category_no_route": "\n      category: printer\n",
    "ticket_number_given": "\n  - number: INC1039\n",
    "customers": '\n    requester: "49999"\n',
    "helpdesk.close_codes": "\n      close_code: klaar\n",
    "tickets": "\n      existing: INC0001\n",
}


def test_each_mistake_is_said_at_its_line() -> None:
    text = SHIFT.read_text(encoding="utf-8")
    for old, new, _ in MISTAKES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    expected = []
    for _, _, said in MISTAKES:
        fragment = SAID_AT.get(said.code) or SAID_AT[str(said.params["list"])]
        assert text.count(fragment) == 1, fragment
        expected.append((_line(text, fragment), said))
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("shift.yaml"))
    found = [(p.line, p.message) for p in caught.value.problems]
    assert sorted(found, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        # a clip belongs to a phone call, not to an e-mail
        ("    channel: email\n    requester: \"40233\"\n",
         "    channel: email\n    requester: \"40233\"\n    clip: nl-wachtwoord-01\n",
         "clip_phone_only"),
        # a new ticket needs its triage: without urgency there is no priority
        ("      urgency: low\n      team: applicaties\n", "      team: applicaties\n",
         "new_ticket_needs_triage"),
        # a contact about an open ticket names which one
        ("      ticket: none\n", "      ticket: existing\n", "existing_ticket_named"),
        # a contact answered without a ticket has no ticket to mark as told
        ("      ticket: none\n", "      ticket: none\n      inform: true\n",
         "inform_needs_ticket"),
        # a contact that needs no ticket has no category
        ("      ticket: none\n", "      ticket: none\n      category: account\n",
         "triage_of_new_only"),
    ],
)  # fmt: skip
def test_a_handling_that_makes_no_sense_is_refused(old: str, new: str, code: str) -> None:
    text = SHIFT.read_text(encoding="utf-8")
    assert text.count(old) == 1
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text.replace(old, new), Path("shift.yaml"))
    assert [p.message.code for p in caught.value.problems] == [code]


def test_the_shipped_shifts_are_valid() -> None:
    from trainer.core.clips import load_shipped_library
    from trainer.core.loader import load_catalog
    from trainer.paths import audio_dir

    languages = load_shipped_library(audio_dir()).languages
    folders = [REPO / "exercises" / lang / "queue" for lang in ("nl", "fr", "en")]
    catalog = load_catalog(folders, languages)
    assert catalog.broken == {}
    assert len(catalog.entries) >= 8
