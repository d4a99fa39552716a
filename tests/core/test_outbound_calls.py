"""Outbound calls (``direction: outbound``) without Qt or sound: simulated operators place the
shipped outbound calls on the headless call engine (dial, a busy line, a voicemail, a wrong
number, objections) and the journal it writes is scored like the app's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.test_call_engine import Desk
from tests.core.test_shipped_calls import OUTBOUND
from trainer.core import call_engine as ce
from trainer.core.call_line import right_number
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ActionEvent, AudioEvent, ScenarioEvent
from trainer.core.reasons import reason
from trainer.core.scenario import CallExercise, Say

STEP = 0.05


def shipped(call_id: str) -> CallExercise:
    return next(c for c in OUTBOUND if c.id == call_id)


@dataclass
class Operator:
    """How a simulated operator places a call: ``wrong_first`` is dialled before the right
    number; ``redial_after`` seconds after a busy line it calls again; objections are handled
    (``handle_objections``) a second after the customer raised them; a voicemail message
    lasts ``message_seconds``."""

    wrong_first: str | None = None
    redial_after: float | None = None
    handle_objections: bool = True
    message_seconds: float = 15.0


def tick_before(desk: Desk, step: str) -> None:
    """The script's steps before ``step`` not yet done, ticked by the operator."""
    script = desk.call.script
    if step in script:
        for earlier in script[: script.index(step)]:
            if earlier not in desk.engine.ticked:
                desk.do(ce.TickStep(earlier))


def react(desk: Desk, op: Operator, effect: ce.Effect) -> list[tuple[float, ce.Action]]:
    """What the operator plans on seeing ``effect``: (when, what)."""
    call, t = desk.call, desk.t
    assert call.dial is not None
    if isinstance(effect, ce.Loop) and effect.name == "busy" and effect.on:
        wait = op.redial_after if op.redial_after is not None else call.dial.retry_after + 1
        return [(t + 1, ce.Key("end")), (t + wait, ce.Dial(call.number_to_dial))]
    if isinstance(effect, ce.Beep):
        tick_before(desk, "close")  # who calls, why: in the message
        return [(t + op.message_seconds, ce.Key("end"))]
    if isinstance(effect, ce.ShowMessage) and effect.event.respond_within:
        return [(t + 3, ce.Acknowledge(effect.event.id))]
    if not isinstance(effect, ce.Record) or not isinstance(effect.event, AudioEvent):
        return []
    clip = effect.event.clip
    if effect.event.action != "end":
        return []
    plan: list[tuple[float, ce.Action]] = [
        (t + 1.5, ce.CommitField(f.id, f.expected))
        for f in call.fields
        if f.said_in == clip and f.section == "form"
    ]
    if clip == call.dial.wrong_person:  # a stranger: the right number now
        plan.append((t + 1, ce.Dial(call.number_to_dial)))
    verify = next((e for e in call.timeline if e.id == call.expect.verify_after), None)
    if isinstance(verify, Say) and clip == verify.clip:
        plan.append((t + 1.0, ce.Key(call.expect.verification or "verified")))
    if clip in {e.clip for e in call.objections} and op.handle_objections:
        plan.append((t + 1.0, ce.TickStep("handle_objection")))
    return plan


def place(desk: Desk, op: Operator | None = None) -> None:
    """Dials 2 s after the start (a wrong number first when told), hangs up a busy line after
    a second and calls again after ``redial_after`` (else the call's ``retry_after`` and a
    second), leaves a voicemail message after the beep, or, once the customer answered:
    confirms the person when they said their name, enters each value 1.5 s after it was said,
    handles each objection, acknowledges messages in 3 s, opens the articles the call needs,
    and ends when the customer has nothing more to say; then wraps up."""
    op = op or Operator()
    call, engine = desk.call, desk.engine
    desk.do(ce.Due())
    todo: list[tuple[float, ce.Action]] = [(2.0, ce.Dial(op.wrong_first or call.number_to_dial))]
    todo += [(2.0 + 5, ce.OpenArticle(a)) for a in call.expect.look_up]
    seen = 0
    while desk.t < 900 and engine.phase not in (ce.Phase.ENDED, ce.Phase.DONE):
        desk.advance(desk.t + STEP)
        for effect in desk.effects[seen:]:
            todo += react(desk, op, effect)
        seen = len(desk.effects)
        for item in sorted((x for x in todo if x[0] <= desk.t), key=lambda x: x[0]):
            todo.remove(item)
            action = item[1]
            if isinstance(action, ce.Key) and action.name in ("verified", "mismatch"):
                tick_before(desk, "right_person")
            elif isinstance(action, ce.TickStep):
                tick_before(desk, action.step)
            desk.do(action)
        idle = engine.speaking is None and not engine.pending and not todo
        if engine.phase is ce.Phase.TALKING and idle and not engine.timeline.upcoming():
            for f in call.fields:
                if f.section == "form":
                    desk.do(ce.CommitField(f.id, f.expected))
            tick_before(desk, "close")
            desk.do(ce.Key("end"))
    desk.advance(desk.t + 20)
    desk.do(
        ce.WrapUp(
            call.expect.contact_result,
            call.expect.closing_code or "",
            {f.id: f.expected for f in call.fields},
        )
    )


def failed(result: CallResult) -> dict[str, list[str]]:
    return {
        c.code: [r.code for r in c.reasons]
        for c in result.competences
        if c.assessed and not c.shown
    }


def dialled(desk: Desk) -> list[tuple[str, str]]:
    return [
        (e.target, e.value)
        for e in desk.journal
        if isinstance(e, ActionEvent) and e.action == "dialled"
    ]


def test_there_are_outbound_calls_in_every_language() -> None:
    languages = [c.language for c in OUTBOUND]
    assert languages.count("nl") >= 3 and languages.count("fr") >= 2
    assert languages.count("en") >= 2
    assert len({c.level for c in OUTBOUND}) >= 4
    outcomes = {o for c in OUTBOUND if c.dial for o in c.dial.outcomes}
    assert outcomes == {"answer", "busy", "voicemail"}
    assert any(c.objections for c in OUTBOUND)


@pytest.mark.parametrize("call", OUTBOUND, ids=[c.id for c in OUTBOUND])
def test_a_good_operator_passes_every_shipped_outbound_call(
    call: CallExercise, tmp_path: Path
) -> None:
    desk = Desk(call)
    place(desk)
    assert desk.finished()
    result = desk.scored(tmp_path)
    assert result.passed, failed(result)
    assert all(s.done for s in result.script) and result.script_in_order
    assert not any(isinstance(e, ce.Refuse) for e in desk.effects)
    assert result.outbound is not None and all(a.right for a in result.outbound.attempts)
    assert all(o.handled_at is not None for o in result.outbound.objections)
    assert result.handling_time is not None and result.handling_time <= call.expect.handling_time


def test_the_record_is_open_from_the_start_and_dialling_rings_out() -> None:
    call = shipped("nl-uitgaand-02-aanbod-bezwaren")
    desk = Desk(call)
    out = desk.do(ce.Due())
    assert ce.ShowRecord(call.customer, False, frozenset()) in out  # called from the record
    assert desk.do(ce.Key("answer")) == [ce.Refuse("no_ringing")]  # nothing rings here
    assert desk.do(ce.Dial("  ")) == [ce.Refuse("no_number")]
    out = desk.do(ce.Dial("050/34.71.26"))  # the record's number, in another notation
    assert ce.Loop("ringback", True) in out and desk.engine.phase is ce.Phase.DIALLING
    assert desk.do(ce.Dial(call.number_to_dial)) == [ce.Refuse("cannot_dial")]  # line in use
    desk.advance(desk.t + call.dial.ring_seconds if call.dial else 0)
    assert desk.engine.phase is ce.Phase.TALKING
    assert dialled(desk) == [("050/34.71.26", "answer")]
    actions = [e.action for e in desk.journal if isinstance(e, ActionEvent)]
    assert actions == ["dialled", "answered"]


def test_an_inbound_call_cannot_dial() -> None:
    from tests.core.test_shipped_calls import CALLS

    desk = Desk(CALLS[0])
    desk.do(ce.Due())
    assert desk.do(ce.Dial("015 41 28 93")) == [ce.Refuse("cannot_dial")]
    assert desk.journal == [e for e in desk.journal if not isinstance(e, ActionEvent)]


def test_answered_and_sold_after_both_objections(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-02-aanbod-bezwaren")
    desk = Desk(call)
    place(desk)
    result = desk.scored(tmp_path)
    assert result.passed and result.contact_result.given == "verkoop"
    assert result.outbound is not None
    assert [o.id for o in result.outbound.objections] == ["te-duur", "installatie"]
    # the second objection opened the step again on the checklist, to be ticked anew
    assert desk.effects.count(ce.StepReopened("handle_objection")) == 1
    ticks = [e for e in desk.journal if isinstance(e, ActionEvent) and e.action == "step"]
    assert [e.target for e in ticks].count("handle_objection") == 2


def test_an_objection_not_handled_fails_the_script(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-02-aanbod-bezwaren")
    desk = Desk(call)
    place(desk, Operator(handle_objections=False))
    result = desk.scored(tmp_path)
    assert not result.passed
    script = failed(result)["D140801 Id16700"]
    assert script.count("objection_not_handled") == 2
    reasons = next(c.reasons for c in result.competences if c.code == "D140801 Id16700")
    handled = [r.params["objection"] for r in reasons if r.code == "objection_not_handled"]
    assert handled == ["te-duur", "installatie"]


def test_busy_then_called_again_after_a_while_reaches_the_customer(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    desk = Desk(call)
    place(desk)
    assert [reached for _, reached in dialled(desk)] == ["busy", "answer"]
    result = desk.scored(tmp_path)
    assert result.passed, failed(result)
    assert result.outbound is not None and result.outbound.reached_at is not None
    # the call counts from the customer's answer, not from the first attempt
    answered = [e.t for e in desk.journal if isinstance(e, ActionEvent) and e.action == "answered"]
    assert result.outbound.reached_at == answered[0]


def test_calling_again_too_soon_finds_the_line_still_busy(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    assert call.dial is not None and call.dial.retry_after > 10
    desk = Desk(call)
    place(desk, Operator(redial_after=5))  # 5 s, then 5 s again: busy until retry_after
    reached = [r for _, r in dialled(desk)]
    assert reached[0] == "busy" and reached[-1] == "answer"
    assert reached.count("busy") >= 3  # each call too soon is busy again
    assert desk.scored(tmp_path).passed  # no fault: it only costs time


def test_a_voicemail_message_is_journaled_from_the_beep_to_the_end(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-03-voicemail")
    desk = Desk(call)
    place(desk, Operator(message_seconds=14))
    greeting = call.dial.greeting if call.dial else None
    heard = [e.clip for e in desk.journal if isinstance(e, AudioEvent) and e.action == "end"]
    assert heard == [greeting]
    assert any(isinstance(e, ce.Beep) for e in desk.effects)
    result = desk.scored(tmp_path)
    assert result.passed, failed(result)
    out = result.outbound
    assert out is not None and out.message_start is not None and out.message_end is not None
    assert out.message_seconds is not None and abs(out.message_seconds - 14) < 0.2
    actions = [e.action for e in desk.journal if isinstance(e, ActionEvent) and e.action != "step"]
    assert actions[-3:] == ["message_end", "closed", "wrapup"]


def test_a_voicemail_message_too_short_is_a_fault(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-03-voicemail")
    desk = Desk(call)
    place(desk, Operator(message_seconds=2))
    result = desk.scored(tmp_path)
    assert not result.passed
    assert "message_too_short" in failed(result)["D140801 Id16700"]


def test_hanging_up_on_the_greeting_leaves_no_message_and_may_call_again() -> None:
    call = shipped("nl-uitgaand-03-voicemail")
    desk = Desk(call)
    desk.do(ce.Due())
    desk.do(ce.Dial(call.number_to_dial))
    desk.advance(desk.t + 6)  # the greeting is playing
    assert desk.engine.phase is ce.Phase.VOICEMAIL and desk.engine.speaking is not None
    desk.do(ce.Key("end"))
    assert desk.engine.phase is ce.Phase.WAITING
    actions = [e.action for e in desk.journal if isinstance(e, ActionEvent)]
    assert "message_start" not in actions and "message_end" not in actions
    assert ce.Loop("ringback", True) in desk.do(ce.Dial(call.number_to_dial))


def test_a_wrong_number_reaches_a_stranger_and_is_a_fault(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    assert call.dial is not None and call.dial.wrong_person is not None
    wrong = "015 41 28 39"  # two digits swapped
    assert not right_number(call, wrong)
    desk = Desk(call)
    place(desk, Operator(wrong_first=wrong))
    assert dialled(desk)[0] == (wrong, "wrong_person")
    heard = [e.clip for e in desk.journal if isinstance(e, AudioEvent) and e.action == "end"]
    assert heard[0] == call.dial.wrong_person  # the stranger, then the customer
    fired = {e.event for e in desk.journal if isinstance(e, ScenarioEvent)}
    assert "hallo" in fired
    result = desk.scored(tmp_path)
    assert not result.passed
    assert failed(result)["D140801 Id17425"] == ["wrong_number_dialled"]


def test_a_wrong_number_not_in_use_gives_the_busy_tone() -> None:
    call = shipped("nl-uitgaand-02-aanbod-bezwaren")
    assert call.dial is not None and call.dial.wrong_person is None
    desk = Desk(call)
    desk.do(ce.Due())
    out = desk.do(ce.Dial("050 34 71 62"))
    assert ce.Loop("busy", True) in out and desk.engine.phase is ce.Phase.BUSY
    assert dialled(desk) == [("050 34 71 62", "not_in_use")]
    out = desk.do(ce.Key("end"))
    assert ce.Loop("busy", False) in out and desk.engine.phase is ce.Phase.WAITING


def test_an_operator_who_never_reaches_anyone_shows_nothing(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    desk = Desk(call)
    desk.do(ce.Due())
    desk.do(ce.Dial(call.number_to_dial))
    desk.do(ce.Key("end"))  # busy: hangs up
    desk.do(ce.Key("end"))  # and gives up
    assert desk.engine.phase is ce.Phase.ENDED
    desk.do(ce.WrapUp("geen-contact", "geen-actie", {}))
    result = desk.scored(tmp_path)
    assert result.incomplete == "not_answered" and not result.passed
    assert result.not_assessed() == "not_reached"  # dialled, and gave up on the busy line
    # each assessed competence says why: the trainee reached nobody, not "not answered"
    assessed = [c for c in result.competences if c.assessed]
    assert assessed and all(c.reasons == [reason("call_not_reached")] for c in assessed)


def test_an_operator_who_never_dials_is_told_so_by_every_competence(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-03-voicemail")
    desk = Desk(call)
    desk.do(ce.Due())
    desk.do(ce.Key("end"))  # gives up before dialling
    result = desk.scored(tmp_path)
    assert result.incomplete == "not_answered" and not result.passed
    assert result.not_assessed() == "not_dialled"
    assessed = [c for c in result.competences if c.assessed]
    assert assessed and all(c.reasons == [reason("call_not_dialled")] for c in assessed)


def test_the_coachs_rubric_asks_for_the_outbound_criteria_on_every_outbound_call() -> None:
    from trainer.core.rubric import load_rubric, rubric_path
    from trainer.paths import assets_dir

    rubric = load_rubric(rubric_path(assets_dir(), "call"))
    for call in OUTBOUND:
        targeted = {c.code: {k.id for k in c.criteria} for c in rubric.targeted(call)}
        assert {"right_person", "voicemail_message"} <= targeted["D140801 Id234"], call.id


def test_the_replay_marks_the_dial_and_the_voicemail_message(tmp_path: Path) -> None:
    """The coach finds the message in the replay, where the trainee's voice plays: from the
    beep to the hang-up."""
    from tests.journals import write_journal
    from trainer.core.journal import EndEvent
    from trainer.core.replay import replay_of

    call = shipped("nl-uitgaand-03-voicemail")
    desk = Desk(call)
    place(desk)
    journal = write_journal(
        tmp_path / "replay.jsonl", call, [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    )
    result = desk.scored(tmp_path)
    marks = [(m.name, m.t) for m in replay_of(call, journal, result).marks if m.kind == "action"]
    names = [name for name, _ in marks]
    assert names.index("dialled") < names.index("message_start") < names.index("message_end")
    assert result.outbound is not None
    assert dict(marks)["message_start"] == result.outbound.message_start


RESUME = [(c, share) for c in OUTBOUND for share in (0.25, 0.5, 0.8)]


@pytest.mark.parametrize("call,share", RESUME, ids=[f"{c.id}-{s}" for c, s in RESUME])
def test_an_outbound_call_cut_off_goes_on_where_it_stood(
    call: CallExercise, share: float, tmp_path: Path
) -> None:
    """As an inbound call does (tests/core/test_call_resume.py): the dialling, the hang-ups of
    a busy line, the customer's answer and the voicemail's message are rebuilt from the
    journal, and the call goes on to the same result."""
    from tests.core.test_call_resume import LoggedDesk, play, state
    from tests.journals import write_journal
    from trainer.core.call_resume import rebuild_call
    from trainer.core.journal import EndEvent, KeyEvent
    from trainer.core.scoring import score

    def line(engine: ce.CallEngine) -> dict[str, object]:
        assert engine.line is not None
        return {
            **state(engine),
            "calls": engine.line.calls,
            "busy_until": engine.line.busy_until,
            "reached": engine.reached,
            "connect_at": engine.connect_at,
            "message": engine.message_started,
        }

    whole = LoggedDesk(call)
    place(
        whole,
        Operator(wrong_first="000 00 00 00" if call.dial and call.dial.wrong_person else None),
    )
    cut = round(whole.t * share, 3)
    cut_off = LoggedDesk(call)
    play(cut_off, [item for item in whole.log if item[0] <= cut])
    kept = [*cut_off.journal, KeyEvent(t=cut, text="x")]
    rebuilt = rebuild_call(call, kept, cut_off.headset, cut)
    assert line(rebuilt.engine) == line(cut_off.engine)

    resumed = LoggedDesk(call)
    resumed.engine, resumed.t = rebuilt.engine, cut
    resumed.do(ce.SoundOpened(True))
    play(resumed, [item for item in whole.log if item[0] > cut])
    assert resumed.finished()
    events = [*kept, *rebuilt.standstill, *resumed.journal]
    journal = write_journal(
        tmp_path / "combined.jsonl", call, [*events, EndEvent(t=resumed.t, reason="finished")]
    )
    result = score(call, journal)
    whole_result = whole.scored(tmp_path)
    assert isinstance(result, CallResult) and result.passed == whole_result.passed
    assert result.script == whole_result.script
    assert result.outbound is not None and whole_result.outbound is not None
    assert result.outbound.attempts == whole_result.outbound.attempts


def test_the_headset_back_brings_the_busy_tone_back() -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    desk = Desk(call)
    desk.do(ce.Due())
    desk.do(ce.Dial(call.number_to_dial))
    assert desk.engine.phase is ce.Phase.BUSY
    desk.do(ce.SoundLost("gone", None))
    assert desk.do(ce.Key("end")) == [ce.Refuse("call_paused")]
    desk.do(ce.Key("resume_sound"))
    out = desk.do(ce.SoundOpened(True))
    assert ce.Loop("busy", True) in out and ce.Paused(False) in out
