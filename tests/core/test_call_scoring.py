"""A call is scored from its journal: fields, verification, script, times, screen events."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_scenario import documented_example
from tests.journals import write_journal
from trainer.core.call_scoring import CallResult
from trainer.core.exercise import content_hash
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    EndEvent,
    FieldEvent,
    ScenarioEvent,
    read_journal,
)
from trainer.core.loader import parse_exercise
from trainer.core.reasons import reason
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score

CALL, _ = parse_exercise(documented_example(), Path("README.md"))
assert isinstance(CALL, CallExercise)

NOTE = "Adres gewijzigd naar Diestsestraat 64, 3000 Leuven. Bevestiging per e-mail."
# the caller looked up by the number they gave: their file opens
LOOK_UP = ActionEvent(t=14.8, action="look_up", target="35108624", value="3510 8624")


def good_call() -> list:
    """A well-handled call of the documented example, event by event."""
    return [
        ScenarioEvent(t=0.0, event="bel"),
        ActionEvent(t=4.0, action="answered"),
        ActionEvent(t=4.1, action="step", target="greet"),
        ScenarioEvent(t=4.5, event="groet"),
        AudioEvent(t=4.5, action="start", clip="nl-groet-01", length=2.5),
        AudioEvent(t=7.0, action="end", clip="nl-groet-01"),
        ActionEvent(t=7.2, action="step", target="identify"),
        ScenarioEvent(t=8.0, event="nummer"),
        AudioEvent(t=8.0, action="start", clip="nl-klant-01", length=4.0),
        AudioEvent(t=12.0, action="end", clip="nl-klant-01"),
        FieldEvent(t=14.5, field="klantnummer", value="3510 8624"),
        LOOK_UP,
        ActionEvent(t=15.0, action="verified"),
        ActionEvent(t=15.0, action="step", target="verify"),
        ActionEvent(t=15.5, action="step", target="purpose"),
        ScenarioEvent(t=15.5, event="adres"),
        AudioEvent(t=15.5, action="start", clip="nl-adres-02", length=5.5),
        AudioEvent(t=21.0, action="end", clip="nl-adres-02"),
        ActionEvent(t=22.0, action="open_article", target="verhuis"),
        FieldEvent(t=24.0, field="nieuw_adres", value="Diestsestraat 64"),
        FieldEvent(t=26.0, field="postcode", value="3000"),
        ActionEvent(t=26.5, action="step", target="register"),
        ScenarioEvent(t=25.0, event="collega"),
        ActionEvent(t=29.0, action="acknowledged", target="collega"),
        ActionEvent(t=40.0, action="step", target="summarise"),
        ActionEvent(t=45.0, action="step", target="close"),
        ActionEvent(t=45.0, action="closed"),
        ScenarioEvent(t=45.0, event="einde"),
        FieldEvent(t=70.0, field="notitie", value=NOTE),
        ActionEvent(t=72.0, action="wrapup", target="adres-gewijzigd", value="opgelost"),
        EndEvent(t=72.0, reason="finished"),
    ]


def journal_of(tmp_path: Path, events: list):
    name = f"journal-{len(list(tmp_path.glob('*.jsonl')))}.jsonl"
    return write_journal(tmp_path / name, CALL, events)


def scored(tmp_path: Path, events: list, **kwargs) -> CallResult:
    result = score(CALL, journal_of(tmp_path, events), **kwargs)
    assert isinstance(result, CallResult)
    return result


def replace(events: list, old, new) -> list:
    return [new if e == old else e for e in events]


def shown(result: CallResult) -> dict[str, bool]:
    return {c.code: c.shown for c in result.competences if c.assessed}


def test_a_well_handled_call_passes_with_every_competence_shown(tmp_path: Path) -> None:
    result = scored(tmp_path, good_call())
    assert result.passed and result.completed
    assert all(shown(result).values()), [c.reasons for c in result.competences]
    assert [f.verdict for f in result.fields] == ["right", "right", "right", "right"]
    assert result.answered_after == 4.0 and result.handling_time == 41.0
    assert result.fields[0].seconds_after_said == 2.5  # nl-klant-01 ended at 12.0
    assert result.verification.right and not result.verification.breach
    assert result.screen_events[0].verdict == "hit" and result.screen_events[0].reaction == 4.0
    assert result.script_in_order
    assert result.contact_result.right and result.closing_code.right and result.transfer.right
    not_assessed = [c.code for c in result.competences if not c.assessed]
    assert not_assessed == ["D140801 Id17852"]  # this call has no availability check


def test_a_wrong_value_and_a_value_in_the_wrong_field(tmp_path: Path) -> None:
    events = good_call()
    events = replace(
        events,
        FieldEvent(t=26.0, field="postcode", value="3000"),
        FieldEvent(t=26.0, field="postcode", value="3001"),
    )
    events = replace(
        events,
        FieldEvent(t=14.5, field="klantnummer", value="3510 8624"),
        FieldEvent(t=14.5, field="klantnummer", value="3000"),
    )
    result = scored(tmp_path, events)
    by_id = {f.id: f for f in result.fields}
    assert by_id["postcode"].verdict == "wrong"
    assert by_id["klantnummer"].verdict == "misplaced"
    assert by_id["klantnummer"].belongs_in == "postcode"
    data = next(c for c in result.competences if c.code == "co 01670")
    assert not data.shown
    assert data.reasons == [
        reason(
            "field_misplaced",
            field="klantnummer",
            label="Klantnummer",
            value="3000",
            belongs_in="postcode",
            belongs_in_label="Postcode",
        ),
        reason("field_wrong", field="postcode", label="Postcode", value="3001", expected="3000"),
    ]
    assert not result.passed


def test_the_last_commit_counts_and_its_first_moment(tmp_path: Path) -> None:
    events = good_call()
    events.insert(10, FieldEvent(t=13.0, field="klantnummer", value="3510 8642"))
    result = scored(tmp_path, events)
    assert result.fields[0].verdict == "right"
    assert result.fields[0].committed_at == 14.5


def test_a_missing_required_field_and_an_optional_one(tmp_path: Path) -> None:
    events = [
        e
        for e in good_call()
        if not (isinstance(e, FieldEvent) and e.field in ("nieuw_adres", "notitie"))
    ]
    result = scored(tmp_path, events)
    by_id = {f.id: f for f in result.fields}
    assert by_id["nieuw_adres"].verdict == "missing"
    assert by_id["notitie"].verdict == "not_given"  # required: false


def with_note(note: str) -> list:
    return replace(
        good_call(),
        FieldEvent(t=70.0, field="notitie", value=NOTE),
        FieldEvent(t=70.0, field="notitie", value=note),
    )


def test_a_note_in_the_operators_own_words_counts_when_it_holds_every_fact(
    tmp_path: Path,
) -> None:
    own_words = "Verhuisd naar Diestsestraat 64 in B-3000 Leuven, bevestigd via mail."
    result = scored(tmp_path, with_note(own_words))
    note = result.fields[-1]
    assert note.verdict == "right"
    assert [(f.id, f.found, f.as_typed) for f in note.facts] == [
        ("straat", True, "Diestsestraat 64"),
        ("postcode", True, "B-3000"),
        ("bevestiging", True, "via mail"),
    ]
    assert shown(result)["D140801 Id17267"]
    assert result.spelling.checked and result.spelling.misspelled == []


def test_a_note_without_a_fact_is_wrong_and_names_what_is_missing(tmp_path: Path) -> None:
    result = scored(tmp_path, with_note("Adres gewijzigd naar Diestsestraat 64, 3000 Leuven."))
    note = result.fields[-1]
    assert note.verdict == "wrong"
    assert [f.id for f in note.facts if not f.found] == ["bevestiging"]
    reasons = next(c for c in result.competences if c.code == "D140801 Id17267").reasons
    assert reasons == [
        reason("facts_missing", field="notitie", label="Notitie",
               facts=["de bevestiging per e-mail"]),
    ]  # fmt: skip


def test_misspelled_words_are_held_against_the_margin(tmp_path: Path) -> None:
    typo = NOTE.replace("Bevestiging", "Bevestigng")
    result = scored(tmp_path, with_note(typo))
    assert result.fields[-1].verdict == "right"  # every fact is there
    spelling = result.spelling
    assert (spelling.misspelled, spelling.words) == (["Bevestigng"], 10)
    assert not spelling.within_margin  # 1 of 10 words: 10 %
    (why,) = next(c for c in result.competences if c.code == "D140801 Id17267").reasons
    assert why == reason("spelling_over_margin", wrong=1, words=10, rate=0.1, margin=0.03,
                         misspelled=["Bevestigng"])  # fmt: skip
    assert not shown(result)["D140801 Id17267"]
    rescored = scored(tmp_path, with_note(typo), margin="0.10")  # a coach's wider margin
    assert rescored.spelling.within_margin
    assert shown(rescored)["D140801 Id17267"]


def test_a_free_text_field_without_facts_is_compared_word_by_word(tmp_path: Path) -> None:
    events = replace(
        good_call(),
        FieldEvent(t=24.0, field="nieuw_adres", value="Diestsestraat 64"),
        FieldEvent(t=24.0, field="nieuw_adres", value="Diestsestraat 46"),
    )
    result = scored(tmp_path, events)
    street = next(f for f in result.fields if f.id == "nieuw_adres")
    assert street.verdict == "wrong"
    assert street.typing is not None and street.typing.word_errors == 1


def test_verifying_before_the_caller_gave_their_data_is_a_breach(tmp_path: Path) -> None:
    events = [e for e in good_call() if not (isinstance(e, ActionEvent) and e.action == "verified")]
    # looked up by the name from the greeting, then verified before the number was said
    events.insert(7, ActionEvent(t=7.5, action="look_up", target="35108624", value="Sofie Willems"))
    events.insert(10, ActionEvent(t=9.0, action="verified"))  # nl-klant-01 ends at 12.0
    result = scored(tmp_path, events)
    assert result.look_up.by == "name" and result.look_up.seconds_after_said == -4.5
    assert result.verification.right  # the verdict itself is right
    assert result.verification.breach
    assert result.verification.breach_reasons == [reason("verified_early", at=9.0)]
    assert not shown(result)["D140801 Id17425"]


def test_a_mismatch_where_the_caller_was_right_is_a_wrong_verdict(tmp_path: Path) -> None:
    events = replace(
        good_call(),
        ActionEvent(t=15.0, action="verified"),
        ActionEvent(t=15.0, action="mismatch"),
    )
    result = scored(tmp_path, events)
    assert not result.verification.right and result.verification.given == "mismatch"
    assert not result.verification.breach


def test_screen_events_late_and_missed(tmp_path: Path) -> None:
    late = replace(
        good_call(),
        ActionEvent(t=29.0, action="acknowledged", target="collega"),
        ActionEvent(t=61.0, action="acknowledged", target="collega"),
    )
    result = scored(tmp_path, late)
    assert result.screen_events[0].verdict == "late" and result.screen_events[0].reaction == 36.0
    missed = [e for e in good_call() if not (isinstance(e, ActionEvent) and e.target == "collega")]
    result = scored(tmp_path, missed)
    assert result.screen_events[0].verdict == "missed"
    assert not shown(result)["co 01669"]


def test_a_screen_event_that_never_fired_is_not_judged(tmp_path: Path) -> None:
    events = [e for e in good_call() if not (isinstance(e, ScenarioEvent) and e.event == "collega")]
    assert scored(tmp_path, events).screen_events == []


def test_script_steps_out_of_order_and_missing(tmp_path: Path) -> None:
    events = [
        e for e in good_call() if not (isinstance(e, ActionEvent) and e.target == "summarise")
    ]
    events = replace(
        events,
        ActionEvent(t=15.5, action="step", target="purpose"),
        ActionEvent(t=5.0, action="step", target="purpose"),
    )
    result = scored(tmp_path, events)
    by_step = {s.step: s for s in result.script}
    assert not by_step["summarise"].done
    assert by_step["purpose"].out_of_order and not result.script_in_order
    reasons = next(c for c in result.competences if c.code == "D140801 Id16700").reasons
    assert reasons == [
        reason("step_not_done", step="summarise"),
        reason("step_out_of_order", step="purpose"),
    ]


def test_answering_late_and_a_long_call_miss_the_targets(tmp_path: Path) -> None:
    events = replace(
        good_call(),
        ActionEvent(t=4.0, action="answered"),
        ActionEvent(t=12.5, action="answered"),  # target 10 s
    )
    events = replace(
        events, ActionEvent(t=45.0, action="closed"), ActionEvent(t=300.0, action="closed")
    )
    # the session ends after the call: an event after the end would not count
    events = replace(events, events[-1], EndEvent(t=300.0, reason="finished"))
    result = scored(tmp_path, events)
    assert result.answered_after == 12.5
    timing = next(c for c in result.competences if c.code == "co 01669")
    assert timing.reasons == [
        reason("answered_late", after=12.5, norm=10.0),
        reason("handling_too_long", seconds=287.5, norm=180.0),
    ]


@pytest.mark.parametrize(
    ("wrapup", "fails"),
    [
        (ActionEvent(t=72.0, action="wrapup", target="doorverbonden", value="opgelost"), "code"),
        (ActionEvent(t=72.0, action="wrapup", target="adres-gewijzigd", value="terugbellen"), "r"),
    ],
)
def test_a_wrong_closing_code_or_contact_result(tmp_path: Path, wrapup, fails) -> None:
    events = replace(
        good_call(),
        ActionEvent(t=72.0, action="wrapup", target="adres-gewijzigd", value="opgelost"),
        wrapup,
    )
    result = scored(tmp_path, events)
    assert result.closing_code.right == (fails != "code")
    assert result.contact_result.right == (fails == "code")
    assert not shown(result)["D140801 Id17267"]


def test_an_unexpected_transfer(tmp_path: Path) -> None:
    events = replace(
        good_call(),
        ActionEvent(t=45.0, action="closed"),
        ActionEvent(t=45.0, action="transferred", target="verkoop"),
    )
    result = scored(tmp_path, events)
    assert result.transfer.given == "verkoop" and not result.transfer.right
    assert not shown(result)["D140801 Id16426"]
    assert result.handling_time == 41.0  # a transfer ends the call too


def test_a_call_cut_off_by_a_crash_is_scored_but_not_passed(tmp_path: Path) -> None:
    events = good_call()[:12]  # no wrap-up, no end event
    result = scored(tmp_path, events)
    assert result.ended == "recovered" and not result.completed and not result.passed
    assert result.handling_time is None


def test_the_same_journal_always_gives_the_same_result(tmp_path: Path) -> None:
    journal = journal_of(tmp_path, good_call())
    first = score(CALL, journal).model_dump(mode="json")
    again = score(CALL, read_journal(journal.path)).model_dump(mode="json")
    assert first == again


def test_a_call_killed_mid_way_is_recovered_into_the_store(tmp_path: Path) -> None:
    from trainer.core.loader import Catalog, CatalogEntry
    from trainer.store import Store
    from trainer.store.recovery import recover_sessions

    journal = journal_of(tmp_path, good_call()[:14])  # the app died after the verification
    store = Store(tmp_path / "store.sqlite3")
    trainee = store.add_trainee("Test")
    session_id = store.start_session(
        trainee.id, CALL.id, content_hash(CALL), CALL.title, "practice", journal.path
    )
    catalog = Catalog(entries=[CatalogEntry(CALL, Path("gesprek.yaml"))])
    (outcome,) = recover_sessions(store, catalog)
    assert outcome.recovered
    row = store.session(session_id)
    assert row is not None and row.status == "recovered" and row.passed is False
    assert row.error_rate is None  # a call has no typing figures of its own
