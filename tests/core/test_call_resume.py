"""A call cut off mid-way, rebuilt from its journal and gone on with: the rebuilt call stands
where the one cut off stood (phase, fields, file, messages, steps, timeline, the customer's
clip and where in it), nothing committed before the cut is lost, and the call finished after
the resume scores as the combined journal does, passing as the uncut call passed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.core.test_call_engine import CALLS, Desk, Headset, good_operator
from tests.journals import write_journal
from trainer.core import call_engine as ce
from trainer.core.call_resume import (
    INTERRUPTED,
    CallRebuildError,
    Typed,
    rebuild_call,
    typed_fields,
)
from trainer.core.call_scoring import CallResult
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    EndEvent,
    FieldEvent,
    KeyEvent,
    PauseEvent,
    _Event,
)
from trainer.core.replay import replay_of
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score


@dataclass
class LoggedDesk(Desk):
    """A desk as the app's controller is: its headset says a clip started once the action
    that played it is handled (the test desk says it within that action), and the actions
    given from outside are kept, each with the desk's time and the action's."""

    log: list[tuple[float, float, ce.Action]] = field(default_factory=list)
    depth: int = 0
    heard: list[ce.Action] = field(default_factory=list)

    def do(self, action: ce.Action, t: float | None = None) -> list[ce.Effect]:
        if self.depth > 0 and isinstance(action, ce.ClipHeard):
            self.heard.append(action)  # the headset's poll, after this action
            return []
        if self.depth == 0:
            self.log.append((self.t, self.t if t is None else t, action))
        self.depth += 1
        try:
            out = super().do(action, t)
        finally:
            self.depth -= 1
        if self.depth == 0:
            while self.heard:
                super().do(self.heard.pop(0))
        return out


def play(desk: Desk, log: list[tuple[float, float, ce.Action]]) -> None:
    for desk_t, t, action in log:
        desk.t = desk_t
        desk.do(action, t)


def state(engine: ce.CallEngine) -> dict[str, object]:
    """What the trainee and the customer would notice of a call at one moment."""
    s = engine.speaking
    return {
        "phase": engine.phase,
        "verified": engine.verified,
        "answered_at": engine.answered_at,
        "ticked": sorted(engine.ticked),
        "committed": dict(engine.committed),
        "messages": {k: m.shown_at for k, m in engine.open_messages.items()},
        "record": engine.open_record,
        "customer": engine.customer,
        "changed": sorted(engine.changed_fields),
        "speaking": (s.say.id, s.heard) if s is not None else None,
        "pending": [p.id for p in engine.pending],
        "upcoming": [(d.time, d.event.id) for d in engine.timeline.upcoming()],
    }


def uncut(call: CallExercise, sound: bool = True) -> LoggedDesk:
    desk = LoggedDesk(call, Headset(open=sound))
    good_operator(desk)
    assert desk.finished()
    return desk


CASES = [(c, share, True) for c in CALLS if c.language == "nl" for share in (0.2, 0.45, 0.7)]
# without a headset: the customer read as subtitles, each clip its recording's time
CASES += [(c, share, False) for c in CALLS[:2] for share in (0.3, 0.6)]


@pytest.mark.parametrize(
    "call,share,sound", CASES, ids=[f"{c.id}-{s}-{'sound' if o else 'read'}" for c, s, o in CASES]
)
def test_a_call_cut_off_goes_on_where_it_stood(
    call: CallExercise, share: float, sound: bool, tmp_path: Path
) -> None:
    whole = uncut(call, sound)
    cut = round(whole.t * share, 3)
    before = [item for item in whole.log if item[0] <= cut]
    after = [item for item in whole.log if item[0] > cut]
    # the call as it stood at the cut, and its journal as the disk kept it
    cut_off = LoggedDesk(call, Headset(open=sound))
    play(cut_off, before)
    kept: list[_Event] = [*cut_off.journal, KeyEvent(t=cut, text="x")]  # (a key: kept, not fed)

    rebuilt = rebuild_call(call, kept, cut_off.headset, cut)
    assert state(rebuilt.engine) == state(cut_off.engine)
    assert rebuilt.missing == []
    assert rebuilt.engine.paused and rebuilt.engine.next_due() is None
    assert [(e.paused, e.reason) for e in rebuilt.standstill if isinstance(e, PauseEvent)] == [
        (True, INTERRUPTED)
    ]

    # going on as F10 does, then the rest of the call as the operator did it
    resumed = LoggedDesk(call, Headset(open=sound))
    resumed.engine = rebuilt.engine
    resumed.t = cut
    resumed.do(ce.SoundOpened(True) if sound else ce.Key("resume_subtitles"))
    if cut_off.engine.speaking is not None and cut_off.engine.speaking.heard:
        # the customer on mid-sentence: the clip ends when it would have without the cut
        assert resumed.playing is not None and cut_off.playing is not None
        assert resumed.playing[1] == pytest.approx(cut_off.playing[1])
    play(resumed, after)
    assert resumed.finished()
    journal = write_journal(
        tmp_path / "combined.jsonl",
        call,
        [*kept, *rebuilt.standstill, *resumed.journal, EndEvent(t=resumed.t, reason="finished")],
    )
    result = score(call, journal)
    assert isinstance(result, CallResult) and result.passed
    # nothing committed or done before the cut is lost
    done = [e for e in cut_off.journal if isinstance(e, FieldEvent | ActionEvent)]
    assert all(e in journal.events for e in done)
    # and the resumed call is scored as the uncut one: every field and step as it was
    whole_result = whole.scored(tmp_path)
    assert [f.model_dump() for f in result.fields] == [f.model_dump() for f in whole_result.fields]
    assert result.script == whole_result.script


def test_a_journal_the_engine_did_not_write_is_not_rebuilt() -> None:
    call = next(c for c in CALLS if c.language == "nl")
    desk = uncut(call)
    cut = desk.t / 2
    lines = [e for e in desk.journal if float(getattr(e, "t", 0.0)) <= cut]
    answered = next(i for i, e in enumerate(lines) if isinstance(e, ActionEvent))
    forged = lines[answered].model_copy(update={"t": lines[answered].t - 0.5})
    with pytest.raises(CallRebuildError):  # answered before it rang: not this engine's
        rebuild_call(call, [*lines[:answered], forged, *lines[answered + 1 :]], desk.headset, cut)


def test_an_action_cut_in_two_is_given_back_whole() -> None:
    """The kill came between two lines of one action (a verification and the step it ticks):
    the line not written is given back, to head the new journal."""
    call = next(c for c in CALLS if c.language == "nl")
    desk = uncut(call)
    lines = list(desk.journal)
    verified = next(
        i for i, e in enumerate(lines) if isinstance(e, ActionEvent) and e.action == "verified"
    )
    assert isinstance(lines[verified + 1], ActionEvent) and lines[verified + 1].action == "step"
    rebuilt = rebuild_call(call, lines[: verified + 1], desk.headset, lines[verified].t)
    assert rebuilt.missing == [lines[verified + 1]]
    assert rebuilt.engine.verified
    starts = [e for e in rebuilt.standstill if isinstance(e, AudioEvent)]
    assert starts == []  # the stand-still journals only its pause


@pytest.mark.parametrize("sound", [True, False], ids=["sound", "read"])
def test_a_call_cut_off_twice_goes_on_both_times(sound: bool) -> None:
    """The journal of a call gone on with (its stand-still, the customer on again) rebuilds
    too: a second crash goes on where the call stood then."""
    call = next(c for c in CALLS if c.language == "nl" and c.level == 4)
    whole = uncut(call, sound)
    first, second = round(whole.t * 0.3, 3), round(whole.t * 0.6, 3)
    cut_off = LoggedDesk(call, Headset(open=sound))
    play(cut_off, [item for item in whole.log if item[0] <= first])
    kept: list[_Event] = list(cut_off.journal)
    rebuilt = rebuild_call(call, kept, cut_off.headset, first)
    resumed = LoggedDesk(call, Headset(open=sound))
    resumed.engine, resumed.t = rebuilt.engine, first
    resumed.do(ce.SoundOpened(True) if sound else ce.Key("resume_subtitles"))
    play(resumed, [item for item in whole.log if first < item[0] <= second])
    journal = [*kept, *rebuilt.standstill, *resumed.journal]

    again = rebuild_call(call, journal, resumed.headset, second)
    assert state(again.engine) == state(resumed.engine)
    assert again.missing == []


# text typed into a field and not yet committed ------------------------------------------------
def keys(field_id: str | None, text: str, t: float) -> list[KeyEvent]:
    """``text`` typed into ``field_id`` from ``t`` on, a key each 0.1 s; '⌫' is Backspace,
    '⌦' Delete."""
    out: list[KeyEvent] = []
    for n, char in enumerate(text):
        at = round(t + n * 0.1, 3)
        edit = {"⌫": "Backspace", "⌦": "Delete"}.get(char)
        out.append(
            KeyEvent(t=at, key=edit, field=field_id)  # type: ignore[arg-type]
            if edit
            else KeyEvent(t=at, text=char, field=field_id)
        )
    return out


def typed_journal(whole: LoggedDesk, cut: float) -> list[_Event]:
    """The engine's journal up to ``cut`` with the keys of each field committed before its
    line, typed as the desk's fields stamp them (each with its field)."""
    out: list[_Event] = []
    for event in whole.journal:
        if float(getattr(event, "t", 0.0)) > cut:
            break
        if isinstance(event, FieldEvent):
            out += keys(event.field, event.value, event.t - 0.1 * len(event.value) - 0.05)
        out.append(event)
    return out


def test_text_typed_and_not_committed_is_rebuilt_from_its_keys() -> None:
    """Cut while typing in a field not yet left: its text comes back as typed (Backspace
    honoured, Delete at the end takes nothing), the cursor in it; committed fields, the
    record's search (keys of no field) and older journals' keys give nothing."""
    call = next(c for c in CALLS if c.language == "nl" and c.level == 4)
    whole = uncut(call)
    committed = [e for e in whole.journal if isinstance(e, FieldEvent)]
    assert len(committed) >= 2
    cut = committed[0].t + 0.5
    typing = next(f for f in call.fields if f.section == "form" and f.id != committed[0].field)
    kept = [
        *typed_journal(whole, cut),
        *keys(None, "Peeters", cut - 0.4),  # the record's search
        *keys(typing.id, "Jan Pee⌫⌦ters", cut),
    ]
    kept.sort(key=lambda e: float(getattr(e, "t", 0.0)))
    typed = typed_fields(kept)
    assert typed.texts == {typing.id: "Jan Peters"}
    assert typed.focus == typing.id
    # the rebuild of the call itself is not touched by the keys
    end = max(float(getattr(e, "t", 0.0)) for e in kept)
    rebuilt = rebuild_call(call, kept, whole.headset, end)
    assert rebuilt.engine.committed == {committed[0].field: committed[0].value}
    # all of it entered: nothing left to put back, the cursor nowhere in particular
    entered = [*kept, FieldEvent(t=end + 0.5, field=typing.id, value="Jan Peters")]
    assert typed_fields(entered) == Typed({}, None)
    # a journal from before the keys named their field
    assert typed_fields([k.model_copy(update={"field": None}) for k in kept]).texts == {}


def test_typing_on_after_a_commit_and_over_a_selection() -> None:
    """Enter commits and the cursor stays: the keys after it add to the value. A value
    committed that the keys did not make (a selection typed over, the cursor moved) is the
    field's text from then on."""
    on = [*keys("name", "Jan ", 0.0), FieldEvent(t=1.0, field="name", value="Jan")]
    on += keys("name", "Peeters", 2.0)
    assert typed_fields(on) == Typed({"name": "Jan Peeters"}, "name")
    over = [*keys("city", "Gent", 0.0), FieldEvent(t=1.0, field="city", value="Gent")]
    over += [*keys("city", "Aalst", 2.0), FieldEvent(t=3.0, field="city", value="Aalst")]
    over += keys("city", "er", 4.0)
    assert typed_fields(over).texts == {"city": "Aalster"}
    # typed and taken off again: the committed value stands, nothing to put back
    back = [*on, FieldEvent(t=3.0, field="name", value="Jan Peeters"), *keys("name", "x⌫", 4.0)]
    assert typed_fields(back).texts == {}
    # two fields: the cursor where the last key went
    two = [*keys("name", "Ja", 0.0), *keys("city", "Ge", 1.0)]
    assert typed_fields(two) == Typed({"name": "Ja", "city": "Ge"}, "city")


def test_a_keys_field_changes_no_score_nor_replay(tmp_path: Path) -> None:
    """The field a key went to is for the resume only: a call's result and its replay are
    the same with and without it (the call is scored on its committed fields; a drill's keys
    have none)."""
    call = next(c for c in CALLS if c.language == "nl" and c.level == 4)
    whole = uncut(call)
    events = [*typed_journal(whole, whole.t), EndEvent(t=whole.t, reason="finished")]
    named = write_journal(tmp_path / "named.jsonl", call, events)
    plain = write_journal(
        tmp_path / "plain.jsonl",
        call,
        [e.model_copy(update={"field": None}) if isinstance(e, KeyEvent) else e for e in events],
    )
    assert any(k.field for k in named.keys) and not any(k.field for k in plain.keys)
    assert score(call, named).model_dump() == score(call, plain).model_dump()
    with_field = replay_of(call, named, score(call, named))
    without = replay_of(call, plain, score(call, plain))
    for t in (whole.t * 0.3, whole.t * 0.7, whole.t):
        assert with_field.state_at(t) == without.state_at(t)
