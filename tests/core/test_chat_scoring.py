"""A chat session scored from the journal its engine wrote: a simulated good operator passes
every shipped session; bad ones (a slow reply, a missing fact, an impolite reply, a customer
who leaves, a misspelt reply, a wrong field) are each caught under its competence, with its
code; the same journal always gives the same result, through ``simultaan replay`` too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_chat_engine import CHATS, WACHTWOORD, ChatDesk, load, operator
from tests.journals import write_journal
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import EndEvent, read_journal
from trainer.core.scoring import score

TIMING, INFORM, POLITE, WRITING, DATA = (
    "co 01669",
    "D140801 Id17255",
    "co 01671",
    "D140801 Id17267",
    "co 01670",
)


def scored(desk: ChatDesk, tmp_path: Path, *, reason: str = "finished") -> ChatResult:
    events = [*desk.journal, EndEvent(t=desk.t, reason=reason)]  # type: ignore[arg-type]
    result = score(desk.exercise, write_journal(tmp_path / "chat.jsonl", desk.exercise, events))
    assert isinstance(result, ChatResult)
    return result


def why_not(result: ChatResult) -> dict[str, list[tuple[str, dict]]]:
    """Per competence not shown, its reasons as (code, values)."""
    return {
        c.code: [(r.code, r.params) for r in c.reasons]
        for c in result.competences
        if c.assessed and not c.shown
    }


def session(tmp_path: Path, **kwargs) -> ChatResult:  # type: ignore[no-untyped-def]
    desk = ChatDesk(WACHTWOORD)
    operator(desk, **kwargs)
    return scored(desk, tmp_path)


@pytest.mark.parametrize("path", CHATS, ids=[p.stem for p in CHATS])
def test_a_good_operator_passes_every_shipped_chat(path: Path, tmp_path: Path) -> None:
    desk = ChatDesk(load(path))
    operator(desk)
    result = scored(desk, tmp_path)
    assert why_not(result) == {}
    assert result.passed
    assert all(r.verdict == "hit" for c in result.conversations for r in c.replies)
    assert all(c.left_at is None for c in result.conversations)
    assert result.spelling.checked and result.spelling.misspelled == []
    assert all(f.verdict == "right" for f in result.fields)


def test_a_slow_reply_is_late_against_its_target(tmp_path: Path) -> None:
    result = session(tmp_path, late=frozenset({("an", "nummer")}))
    (code, values), *_ = why_not(result)[TIMING]
    assert code == "reply_late"
    assert (values["chat"], values["message"], values["norm"]) == ("an", "nummer", 60.0)
    assert values["seconds"] > 60
    assert list(why_not(result)) == [TIMING]


def test_a_reply_without_a_fact_names_the_fact(tmp_path: Path) -> None:
    reply = "Bedankt. Ik heb u een link gestuurd om uw wachtwoord te herstellen."  # no address
    result = session(tmp_path, replies={("an", "nummer"): reply})
    assert why_not(result) == {
        INFORM: [
            (
                "reply_facts_missing",
                {
                    "chat": "an",
                    "message": "nummer",
                    "facts": ["het e-mailadres waar de link naartoe gaat"],
                },
            )
        ]
    }


def test_an_impolite_reply_lacks_its_greeting_and_says_jij(tmp_path: Path) -> None:
    reply = "Wat is jouw klantnummer?"
    result = session(tmp_path, replies={("an", "vraag"): reply})
    assert why_not(result) == {
        POLITE: [
            ("politeness_missing", {"chat": "an", "message": "vraag", "markers": ["greeting"]}),
            ("impolite_words", {"chat": "an", "message": "vraag", "words": "jouw"}),
        ]
    }


@pytest.mark.parametrize(
    ("first", "last", "missing"),
    [
        # the closing's 'fijne dag' holds the greeting 'dag', but not where a greeting goes
        ("Ik help u graag. Mag ik uw klantnummer? Nog een fijne dag.", None, ["greeting"]),
        # a closing at the start of the last reply ends nothing
        (None, "Fijne dag nog. Het werkt nu dus?", ["closing"]),
        # where they belong, after a 'ja,' and before a name
        (
            "Ja, dag An. Mag ik uw klantnummer?",
            "Graag gedaan. Nog een fijne dag, mevrouw Peeters!",
            [],
        ),
    ],
)
def test_a_greeting_opens_the_reply_and_a_closing_ends_it(
    tmp_path: Path, first: str | None, last: str | None, missing: list[str]
) -> None:
    replies = {("an", "vraag"): first, ("an", "gelukt"): last}
    result = session(tmp_path, replies={k: v for k, v in replies.items() if v is not None})
    lacking = [
        m.marker for c in result.conversations for r in c.replies for m in r.markers if not m.found
    ]
    assert lacking == missing


def test_a_customer_ignored_leaves_and_is_held_against_timing(tmp_path: Path) -> None:
    result = session(tmp_path, replies={("an", "nummer"): None})
    conversation = result.conversations[0]
    assert conversation.left_at is not None
    assert [r.verdict for r in conversation.replies] == ["hit", "missed"]
    reasons = why_not(result)[TIMING]
    assert reasons == [("customer_left", {"chat": "an", "at": conversation.left_at})]
    assert INFORM not in why_not(result)  # what was never sent is not judged on its facts
    assert not result.passed


def test_a_misspelt_reply_is_over_the_margin(tmp_path: Path) -> None:
    reply = (
        "Bedankt. Ik heb een lnik om uw wachtwrood te herstelen gestuurd naar "
        "an.peeters@skynet.be. Klik erop en kies een nieuw wachtwoord."
    )
    result = session(tmp_path, replies={("an", "nummer"): reply})
    assert result.spelling.misspelled == ["lnik", "wachtwrood", "herstelen"]
    ((code, values),) = why_not(result)[WRITING]
    assert code == "spelling_over_margin" and values["wrong"] == 3
    assert list(why_not(result)) == [WRITING]


def test_a_wrong_customer_number_in_the_form_is_a_data_error(tmp_path: Path) -> None:
    result = session(tmp_path, fields={"klantnummer": "48213957"})
    assert why_not(result) == {
        DATA: [
            (
                "field_wrong",
                {
                    "field": "klantnummer",
                    "label": "Klantnummer",
                    "value": "48213957",
                    "expected": "48213975",
                },
            )
        ]
    }


def test_corrections_are_counted_apart_from_errors_left(tmp_path: Path) -> None:
    from trainer.core import chat_protocol as cp
    from trainer.core.chat_scenario import reply_box

    desk = ChatDesk(WACHTWOORD)
    desk.advance(5)
    for key in ("x", None, "y", None):
        desk.do(cp.Type(reply_box("an"), text=key, key=None if key else "Backspace"))
    operator(desk)
    result = scored(desk, tmp_path)
    assert result.corrections == 2 and result.passed


def test_a_session_stopped_half_way_shows_nothing(tmp_path: Path) -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance(20)
    result = scored(desk, tmp_path, reason="abandoned")
    assert not result.completed and not result.passed
    assert all(
        [r.code for r in c.reasons] == ["call_not_completed"]
        for c in result.competences
        if c.assessed
    )


def test_the_same_journal_gives_the_same_result_through_replay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.cli import main

    result = session(tmp_path, late=frozenset({("an", "vraag")}))
    again = score(WACHTWOORD, read_journal(tmp_path / "chat.jsonl"))
    assert again == result
    path = Path(__file__).resolve().parents[2] / "exercises/nl/chat/nl-chat-01-wachtwoord.yaml"
    assert main(["replay", str(path), str(tmp_path / "chat.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == result.model_dump(mode="json")
