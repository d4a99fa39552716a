"""The call's traps (issue 8, section 6): a verdict on a call is one an examiner would sign.

A transfer closes the call; verifying identifies the caller; the record opens only by looking
the caller up; half a call shows no competence; a stutter in the headset never makes a breach;
and the small rules that went untested: verifying a caller who does not match, a message
acknowledged exactly at its deadline, the moment of a field's value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_scoring import CALL, LOOK_UP, good_call, journal_of, replace, scored
from tests.core.test_scenario import transfer_example
from tests.journals import write_journal
from trainer.core.call_scoring import CallResult
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    EndEvent,
    FieldEvent,
    PauseEvent,
    ScenarioEvent,
)
from trainer.core.loader import parse_exercise
from trainer.core.reasons import reason
from trainer.core.scenario import CallExercise, CustomerRecord
from trainer.core.scoring import score

IDENTITY, SCRIPT, ROUTING = "D140801 Id17425", "D140801 Id16700", "D140801 Id16426"
VERIFIED = ActionEvent(t=15.0, action="verified")


def without(events: list, *actions: str, targets: tuple[str, ...] = ()) -> list:
    return [
        e
        for e in events
        if not (isinstance(e, ActionEvent) and (e.action in actions or e.target in targets))
    ]


def competence(result: CallResult, code: str):
    return next(c for c in result.competences if c.code == code)


# 1. what an action implies in the script ---------------------------------------------------
def transfer_call() -> CallExercise:
    """The documented call, handled by a transfer to billing."""
    text = transfer_example()
    call, _ = parse_exercise(text, Path("gesprek.yaml"))
    assert isinstance(call, CallExercise)
    return call


def test_a_flawless_transfer_call_passes_its_transfer_closes_the_call(tmp_path: Path) -> None:
    call = transfer_call()
    events = without(good_call(), targets=("summarise", "close"))
    events = replace(
        events,
        ActionEvent(t=45.0, action="closed"),
        ActionEvent(t=45.0, action="transferred", target="facturatie"),
    )
    events = replace(
        events,
        ActionEvent(t=72.0, action="wrapup", target="adres-gewijzigd", value="opgelost"),
        ActionEvent(t=72.0, action="wrapup", target="doorverbonden", value="doorverbonden"),
    )
    result = score(call, write_journal(tmp_path / "transfer.jsonl", call, events))
    assert isinstance(result, CallResult)
    by_step = {s.step: s for s in result.script}
    assert by_step["transfer"].at == 45.0 and by_step["close"].at == 45.0
    assert competence(result, SCRIPT).shown, competence(result, SCRIPT).reasons
    assert competence(result, ROUTING).shown
    assert result.passed


def test_verifying_implies_the_identification_before_it(tmp_path: Path) -> None:
    # neither ticked by hand nor found by a look-up: F5 itself identified the caller
    events = without(good_call(), "look_up", targets=("identify", "verify"))
    by_step = {s.step: s for s in scored(tmp_path, events).script}
    assert by_step["identify"].done and by_step["identify"].at == 15.0
    assert by_step["verify"].at == 15.0
    assert not any(s.out_of_order for s in by_step.values())


def test_identify_ticked_by_hand_before_or_after_verifying_is_in_order(tmp_path: Path) -> None:
    result = scored(tmp_path, good_call())  # ticked at 7.2, verified at 15.0
    by_step = {s.step: s for s in result.script}
    assert by_step["identify"].at == 7.2 and result.script_in_order
    # ticked by hand only after F5: the verification had already identified the caller
    events = without(good_call(), "look_up", targets=("identify",))
    events.insert(-3, ActionEvent(t=50.0, action="step", target="identify"))
    result = scored(tmp_path, events)
    by_step = {s.step: s for s in result.script}
    assert by_step["identify"].at == 15.0
    assert result.script_in_order and competence(result, SCRIPT).shown


def test_a_look_up_that_found_the_caller_is_the_identification(tmp_path: Path) -> None:
    events = without(good_call(), targets=("identify",))
    by_step = {s.step: s for s in scored(tmp_path, events).script}
    assert by_step["identify"].at == LOOK_UP.t
    missed = ActionEvent(t=14.8, action="look_up", target="", value="3510 8642")
    events = replace(events, LOOK_UP, missed)  # found nothing: identified nobody
    by_step = {s.step: s for s in scored(tmp_path, events).script}
    assert by_step["identify"].at == 15.0  # F5 did


# 2. the record opens by a look-up, scored like a field --------------------------------------
def test_the_look_up_is_scored_like_a_field(tmp_path: Path) -> None:
    look_up = scored(tmp_path, good_call()).look_up
    assert (look_up.typed, look_up.found, look_up.callers_file) == ("3510 8624", True, True)
    assert look_up.record == look_up.expected == "35108624"
    assert look_up.by == "customer_number" and look_up.attempts == 1
    assert look_up.said_at == 12.0 and look_up.seconds_after_said == 2.8


def test_a_call_where_the_record_was_never_opened_does_not_show_identity(tmp_path: Path) -> None:
    result = scored(tmp_path, without(good_call(), "look_up"))
    assert not result.look_up.found and result.look_up.attempts == 0
    assert competence(result, IDENTITY).reasons == [reason("not_looked_up")]
    assert not result.passed
    # looked up, but with a wrong number: nothing opened, and what was typed is reported
    wrong = ActionEvent(t=14.8, action="look_up", target="", value="3510 8642")
    result = scored(tmp_path, replace(good_call(), LOOK_UP, wrong))
    assert (result.look_up.typed, result.look_up.found) == ("3510 8642", False)
    assert result.look_up.seconds_after_said == 2.8
    assert competence(result, IDENTITY).reasons == [
        reason("look_up_found_nothing", typed="3510 8642")
    ]


def test_verifying_in_another_customers_file_is_a_breach(tmp_path: Path) -> None:
    other = CustomerRecord(number="61502387", name="Annick Verhelst", address="Molenstraat 12")
    call = CALL.model_copy(update={"other_customers": [other]})
    looked = ActionEvent(t=14.8, action="look_up", target="61502387", value="61502387")
    events = replace(good_call(), LOOK_UP, looked)
    result = score(call, write_journal(tmp_path / "other.jsonl", call, events))
    assert isinstance(result, CallResult)
    assert result.look_up.found and not result.look_up.callers_file
    v = result.verification
    assert v.given == "verified" and v.record == "61502387" and not v.right and v.breach
    assert v.breach_reasons == [reason("verified_other_file", at=15.0, record="61502387")]
    assert not competence(result, IDENTITY).shown


def test_verifying_a_caller_who_does_not_match_is_a_breach(tmp_path: Path) -> None:
    expect = CALL.expect.model_copy(update={"verification": "mismatch"})
    call = CALL.model_copy(update={"expect": expect})
    result = score(call, write_journal(tmp_path / "j.jsonl", call, good_call()))
    assert isinstance(result, CallResult)
    v = result.verification
    assert not v.right and v.breach
    assert v.breach_reasons == [reason("verified_mismatch", at=15.0)]
    assert competence(result, IDENTITY).reasons == [
        reason("verification_wrong", given="verified", expected="mismatch"),
        reason("verified_mismatch", at=15.0),
    ]
    # F6 is the right verdict there, and no breach
    events = replace(good_call(), VERIFIED, ActionEvent(t=15.0, action="mismatch"))
    result = score(call, write_journal(tmp_path / "k.jsonl", call, events))
    assert isinstance(result, CallResult)
    assert result.verification.right and not result.verification.breach


# 3. half a call shows no competence ---------------------------------------------------------
def test_a_call_never_answered_shows_no_competence(tmp_path: Path) -> None:
    events = [ScenarioEvent(t=0.0, event="bel"), EndEvent(t=20.0, reason="abandoned")]
    result = scored(tmp_path, events)
    assert result.incomplete == "not_answered" and not result.passed
    assessed = [c for c in result.competences if c.assessed]
    assert assessed and not any(c.shown for c in assessed)
    assert all(c.reasons == [reason("call_not_answered")] for c in assessed)
    routing = competence(result, ROUTING)  # "Schakelt door: ja" on an empty call, once
    assert routing.assessed and not routing.shown


@pytest.mark.parametrize("cut", ["abandoned", "crash", "no wrap-up"])
def test_a_call_stopped_half_way_shows_no_competence(tmp_path: Path, cut: str) -> None:
    events = good_call()[:16]  # answered, verified, the address being said
    if cut == "abandoned":
        events.append(EndEvent(t=20.0, reason="abandoned"))
    elif cut == "no wrap-up":
        events += [ActionEvent(t=45.0, action="closed"), EndEvent(t=50.0, reason="finished")]
    result = scored(tmp_path, events)
    assert result.incomplete == "not_completed" and not result.completed
    assessed = [c for c in result.competences if c.assessed]
    assert not any(c.shown for c in assessed)
    assert all(c.reasons == [reason("call_not_completed")] for c in assessed)
    assert [c.code for c in result.competences if not c.assessed] == ["D140801 Id17852"]
    assert scored(tmp_path, good_call()).incomplete is None


# 4. the breach is judged on when the data were heard ----------------------------------------
def with_identifying_clip(*audio: AudioEvent, verified_at: float) -> list:
    """The good call with nl-klant-01 (4.0 s of recording, from 8.0) heard as ``audio``
    says, looked up and verified at ``verified_at``."""
    events = [
        e
        for e in good_call()
        if not (isinstance(e, AudioEvent) and e.clip == "nl-klant-01")
        and e not in (VERIFIED, LOOK_UP)
    ]
    events += [
        *audio,
        LOOK_UP.model_copy(update={"t": verified_at - 0.2}),
        ActionEvent(t=verified_at, action="verified"),
    ]
    return sorted(events, key=lambda e: e.t)


def test_a_stutter_never_makes_a_breach_of_a_verification_after_the_data(
    tmp_path: Path,
) -> None:
    # two dropouts held the sound back 2 s: the clip ended at 14.0, not at 12.0; the trainee
    # verified at 12.6, after the recording's end, before the stalled end
    stalled = (
        AudioEvent(t=8.0, action="start", clip="nl-klant-01", length=4.0),
        AudioEvent(t=14.0, action="end", clip="nl-klant-01", underflows=2),
    )
    result = scored(tmp_path, with_identifying_clip(*stalled, verified_at=12.6))
    assert result.verification.heard_at == 12.0
    assert not result.verification.breach, result.verification.breach_reasons
    # a verification while the caller was still giving the data stays a breach
    result = scored(tmp_path, with_identifying_clip(*stalled, verified_at=10.0))
    assert result.verification.breach


def test_a_clip_that_came_through_early_is_judged_on_its_real_end(tmp_path: Path) -> None:
    # (the null sink's first clip measures ~22 ms short): the end as heard counts
    short = (
        AudioEvent(t=8.0, action="start", clip="nl-klant-01", length=4.0),
        AudioEvent(t=11.9, action="end", clip="nl-klant-01"),
    )
    result = scored(tmp_path, with_identifying_clip(*short, verified_at=11.35))
    assert result.verification.heard_at == 11.9
    assert result.verification.breach  # 0.55 s before it ended: beyond the half second
    result = scored(tmp_path, with_identifying_clip(*short, verified_at=11.4 + 0.001))
    assert not result.verification.breach


def test_a_headset_lost_mid_clip_counts_from_where_the_clip_went_on(tmp_path: Path) -> None:
    # cut off 1.5 s in; the trainee pressed F10 and the rest (2.5 s) played from 9.5, with a
    # dropout at its start: it ended at 12.8
    resumed = (
        AudioEvent(t=8.0, action="start", clip="nl-klant-01", length=4.0),
        AudioEvent(t=9.5, action="status", clip="nl-klant-01"),
        PauseEvent(t=9.5, paused=True, reason="device lost"),
        PauseEvent(t=9.5, paused=False),
        AudioEvent(t=9.5, action="start", clip="nl-klant-01", position=1.5, length=4.0),
        AudioEvent(t=12.8, action="end", clip="nl-klant-01", underflows=1),
    )
    result = scored(tmp_path, with_identifying_clip(*resumed, verified_at=12.0))
    assert result.verification.heard_at == 12.0 and not result.verification.breach
    result = scored(tmp_path, with_identifying_clip(*resumed, verified_at=11.0))
    assert result.verification.breach


def test_a_clip_shown_as_a_subtitle_gave_its_data_when_it_appeared(tmp_path: Path) -> None:
    # the headset was lost and the trainee went on with subtitles (F11): the whole sentence,
    # number included, is on screen at 9.5, though the clip 'ends' at 12.0
    subtitled = (
        AudioEvent(t=8.0, action="start", clip="nl-klant-01", length=4.0),
        AudioEvent(t=9.5, action="start", clip="nl-klant-01", position=1.5, length=4.0,
                   subtitle=True),
        AudioEvent(t=12.0, action="end", clip="nl-klant-01"),
    )  # fmt: skip
    result = scored(tmp_path, with_identifying_clip(*subtitled, verified_at=10.5))
    assert result.verification.heard_at == 9.5 and not result.verification.breach
    result = scored(tmp_path, with_identifying_clip(*subtitled[:1], verified_at=10.5))
    assert result.verification.breach  # (cut off, never shown: the data never came)


# 5. rules that went untested ----------------------------------------------------------------
@pytest.mark.parametrize(("fired", "acknowledged"), [(25.0, 55.0), (25.1, 55.1), (0.7, 30.7)])
def test_a_message_acknowledged_exactly_at_its_deadline_is_in_time(
    tmp_path: Path, fired: float, acknowledged: float
) -> None:
    events = replace(
        good_call(),
        ScenarioEvent(t=25.0, event="collega"),
        ScenarioEvent(t=fired, event="collega"),
    )
    events = replace(
        events,
        ActionEvent(t=29.0, action="acknowledged", target="collega"),
        ActionEvent(t=acknowledged, action="acknowledged", target="collega"),
    )
    (message,) = scored(tmp_path, events).screen_events
    assert message.respond_within == 30 and message.verdict == "hit"
    events = replace(
        events,
        ActionEvent(t=acknowledged, action="acknowledged", target="collega"),
        ActionEvent(t=acknowledged + 0.01, action="acknowledged", target="collega"),
    )
    (message,) = scored(tmp_path, events).screen_events
    assert message.verdict == "late"


def test_a_fields_time_is_the_first_commit_of_its_final_value(tmp_path: Path) -> None:
    right = FieldEvent(t=14.5, field="klantnummer", value="3510 8624")
    at = good_call().index(right)
    events = good_call()
    # changed to a wrong number and back: the value it ends with was there from 14.5
    events[at + 1 : at + 1] = [
        FieldEvent(t=14.6, field="klantnummer", value="3510 862"),
        FieldEvent(t=14.7, field="klantnummer", value="3510 8624"),
    ]
    field = scored(tmp_path, events).fields[0]
    assert field.verdict == "right" and field.committed_at == 14.5
    assert field.seconds_after_said == 2.5
    # a wrong value first: the right one counts from its own first commit
    events = good_call()
    events.insert(at, FieldEvent(t=13.0, field="klantnummer", value="3510 8642"))
    field = scored(tmp_path, events).fields[0]
    assert field.committed_at == 14.5
    # the same number tidied up later ("3510 8624", then "35108624") counts from the first
    events = good_call()
    events.insert(at + 1, FieldEvent(t=20.0, field="klantnummer", value="35108624"))
    field = scored(tmp_path, events).fields[0]
    assert field.value == "35108624" and field.committed_at == 14.5


def test_the_same_journal_gives_the_same_look_up_and_verification(tmp_path: Path) -> None:
    journal = journal_of(tmp_path, good_call())
    first = score(CALL, journal)
    again = score(CALL, journal)
    assert isinstance(first, CallResult) and isinstance(again, CallResult)
    assert first.look_up == again.look_up and first.verification == again.verification
