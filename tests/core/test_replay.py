"""The session replay's state at any moment and its marks, from journals written for the test:
what a coach scrubbing through a session sees (the text as typed, the desk's fields, the
messages, what sounds and from where) and where 'next mark' takes them (the results page's
errors, in its order, at the moment they were typed)."""

from __future__ import annotations

from pathlib import Path

from tests.journals import write_journal
from trainer.core.call_scoring import CallResult
from trainer.core.exercise import CopyExercise
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    EndEvent,
    FieldEvent,
    KeyEvent,
    ScenarioEvent,
    VoiceEvent,
)
from trainer.core.loader import load_exercise
from trainer.core.replay import SNAPSHOT_KEYS, Replay, replay_of
from trainer.core.scenario import CallExercise
from trainer.core.scoring import SessionResult, score
from trainer.paths import exercises_dir

TEXT = "De klant belt terug om tien uur."


def copy_exercise(text: str = TEXT, unit: str = "word") -> CopyExercise:
    return CopyExercise(
        format=1, id="nl-copy-replay", title="R", language="nl", kind="copy", level=1,
        text=text, error_unit=unit,
    )  # fmt: skip


def keys_of(typed: str, start: float = 1.0, step: float = 0.5) -> list[KeyEvent]:
    """One key each ``step`` seconds; '<' is a Backspace."""
    return [
        KeyEvent(t=start + i * step, key="Backspace") if ch == "<" else
        KeyEvent(t=start + i * step, text=ch)
        for i, ch in enumerate(typed)
    ]  # fmt: skip


Drill = tuple[Replay, SessionResult, list[KeyEvent]]


def drill(tmp_path: Path, typed: str, text: str = TEXT, unit: str = "word") -> Drill:
    exercise = copy_exercise(text, unit)
    keys = keys_of(typed)
    end = EndEvent(t=keys[-1].t + 1, reason="finished")
    journal = write_journal(tmp_path / "drill.jsonl", exercise, [*keys, end])
    result = score(exercise, journal)
    assert isinstance(result, SessionResult)
    return replay_of(exercise, journal, result, exercise.text), result, keys


def test_the_text_appears_as_it_was_typed_with_corrections(tmp_path: Path) -> None:
    replay, _result, keys = drill(tmp_path, "De klx<ant belt terug om tien uur.")
    # 'x' typed at key 6 (t=3.5), erased at key 7 (t=4.0)
    assert replay.state_at(0.5).typed == ""
    assert replay.state_at(keys[5].t).typed == "De klx"
    assert replay.state_at(keys[5].t + 0.2).typed == "De klx"  # between two keys
    assert replay.state_at(keys[6].t).typed == "De kl"
    assert replay.state_at(replay.duration).typed == TEXT
    assert replay.state_at(replay.duration + 60).t == replay.duration  # clamped


def test_a_long_drill_gives_the_same_text_as_typing_it_again(tmp_path: Path) -> None:
    """Snapshots every SNAPSHOT_KEYS keys: a state across several of them, with corrections
    that reach back over a snapshot, is the text the keys make."""
    words = "onze klant wacht op een antwoord over de factuur van maart "
    typed = "".join(w + ("x<" if n % 7 == 0 else "") for n, w in enumerate(words.split(" ") * 40))
    text = "".join(words.split(" ") * 40)
    replay, _result, keys = drill(tmp_path, typed, text=text)
    assert len(keys) > 3 * SNAPSHOT_KEYS
    for n in (0, SNAPSHOT_KEYS - 1, SNAPSHOT_KEYS, SNAPSHOT_KEYS + 1, 2 * SNAPSHOT_KEYS + 5,
              len(keys) - 1):  # fmt: skip
        expected: list[str] = []
        for key in keys[: n + 1]:
            if key.key == "Backspace":
                expected.pop()
            else:
                expected.append(key.text or "")
        assert replay.typed_at(keys[n].t) == "".join(expected), n


def test_error_marks_are_the_results_page_errors_at_the_moment_they_were_typed(
    tmp_path: Path,
) -> None:
    # 'belt' typed as 'belr' (keys 9-12), 'tien' as 'tein' (keys 23-26)
    replay, result, keys = drill(tmp_path, "De klant belr terug om tein uur.")
    errors = [m for m in replay.marks if m.kind == "error"]
    assert [(m.detail, m.value) for m in errors] == [
        (e.expected, e.typed) for e in result.typing.word_error_list
    ]
    assert [m.index for m in errors] == [0, 1]
    assert errors[0].t == keys[12].t  # the 'r' of 'belr': the word's last key
    assert errors[1].t == keys[26].t  # the 'n' of 'tein'
    # at the first error's moment the text shows it
    assert replay.state_at(errors[0].t).typed.endswith("belr")
    assert replay.next_mark(0.0) == errors[0]
    assert replay.next_mark(errors[0].t) == errors[1]
    assert replay.next_mark(errors[1].t) is None
    assert replay.previous_mark(errors[1].t) == errors[0]
    assert replay.previous_mark(errors[0].t) is None


def test_character_errors_are_marked_when_the_unit_is_the_character(tmp_path: Path) -> None:
    replay, result, keys = drill(tmp_path, "De klant belt teru om tien uur.", unit="char")
    errors = [m for m in replay.marks if m.kind == "error"]
    assert (
        [(m.name, m.detail) for m in errors]
        == [(e.type, e.expected) for e in result.typing.errors]
        == [("omission", "g")]
    )
    assert errors[0].t == keys[17].t  # the 'u' after which the 'g' was left out


def test_an_extra_word_is_marked_when_it_was_typed(tmp_path: Path) -> None:
    replay, _result, keys = drill(tmp_path, "De klant belt ons terug om tien uur.")
    (error,) = [m for m in replay.marks if m.kind == "error"]
    assert (error.name, error.value) == ("insertion", "ons")
    assert error.t == keys[16].t  # the 's' of 'ons'


CALL = "nl/call/nl-gesprek-02-printer.yaml"


def call_journal(tmp_path: Path) -> tuple[CallExercise, list[object]]:
    exercise, _line = load_exercise(exercises_dir() / CALL)
    assert isinstance(exercise, CallExercise)
    events = [
        ScenarioEvent(t=0.0, event="bel", due=0.0),
        ActionEvent(t=2.0, action="answered"),
        ScenarioEvent(t=3.0, event="groet", due=3.0),
        AudioEvent(t=3.0, action="play", clip="nl-printer-01"),
        AudioEvent(t=3.05, action="start", clip="nl-printer-01", length=4.0),
        AudioEvent(t=7.05, action="end", clip="nl-printer-01"),
        ScenarioEvent(t=8.05, event="nummer", due=8.05),
        AudioEvent(t=8.05, action="play", clip="nl-printer-02"),
        AudioEvent(t=8.1, action="start", clip="nl-printer-02", length=5.0),
        AudioEvent(t=13.1, action="end", clip="nl-printer-02"),
        FieldEvent(t=15.0, field="personeelsnummer", value="207351"),  # wrong
        FieldEvent(t=18.0, field="personeelsnummer", value="207315"),  # put right
        ActionEvent(t=19.0, action="verified"),
        ScenarioEvent(t=20.0, event="collega", due=20.0),
        ActionEvent(t=26.5, action="acknowledged", target="collega"),
        FieldEvent(t=30.0, field="assetnummer", value="PR-GNT-0174"),  # wrong, stays
        VoiceEvent(t=2.5, action="start", file="call.voice.opus", rate=16000),
        VoiceEvent(t=12.0, action="sync", frame=16000 * 8),  # the clock stood still 1.5 s
        VoiceEvent(t=40.0, action="end", frame=16000 * 36),
        ActionEvent(t=41.0, action="closed"),
        EndEvent(t=45.0, reason="abandoned"),
    ]
    return exercise, events


def call_replay(tmp_path: Path) -> tuple[Replay, CallResult]:
    exercise, events = call_journal(tmp_path)
    journal = write_journal(tmp_path / "call.jsonl", exercise, events)  # type: ignore[arg-type]
    result = score(exercise, journal)
    assert isinstance(result, CallResult)
    return replay_of(exercise, journal, result), result


def test_a_calls_fields_fill_as_they_were_committed(tmp_path: Path) -> None:
    replay, _result = call_replay(tmp_path)
    assert replay.state_at(14.9).fields == {}
    assert replay.state_at(15.0).fields == {"personeelsnummer": "207351"}
    assert replay.state_at(20.0).fields == {"personeelsnummer": "207315"}
    assert replay.state_at(44.0).fields == {
        "personeelsnummer": "207315", "assetnummer": "PR-GNT-0174",
    }  # fmt: skip


def test_messages_pop_up_when_they_fired_and_are_acknowledged_when_they_were(
    tmp_path: Path,
) -> None:
    replay, _result = call_replay(tmp_path)
    assert replay.state_at(19.9).events == ()
    (shown,) = replay.state_at(21.0).events
    assert (shown.id, shown.do, shown.acknowledged_at) == ("collega", "chat", None)
    assert "leenlaptop" in shown.text
    (shown,) = replay.state_at(27.0).events
    assert shown.acknowledged_at == 26.5


def test_the_customer_and_the_trainee_sound_from_where_they_were(tmp_path: Path) -> None:
    replay, _result = call_replay(tmp_path)
    at = {s.source: (s.file, round(offset, 3)) for s, offset in replay.state_at(5.05).sounding}
    assert at == {"customer": ("nl-printer-01", 2.0), "trainee": ("call.voice.opus", 2.55)}
    at = {s.source: (s.file, round(offset, 3)) for s, offset in replay.state_at(7.5).sounding}
    assert at == {"trainee": ("call.voice.opus", 5.0)}  # between two clips
    # after the clock stood still the file's 8th second was taken at 12.0
    at = {s.source: (s.file, round(offset, 3)) for s, offset in replay.state_at(13.0).sounding}
    assert at == {"customer": ("nl-printer-02", 4.9), "trainee": ("call.voice.opus", 9.0)}
    assert replay.state_at(42.0).sounding == ()  # the recording ended at 40


def test_a_calls_marks_are_its_events_actions_and_wrong_fields(tmp_path: Path) -> None:
    replay, result = call_replay(tmp_path)
    marks = [(m.t, m.kind, m.name) for m in replay.marks]
    assert (0.0, "screen", "bel") in marks
    assert (20.0, "screen", "collega") in marks
    assert (2.0, "action", "answered") in marks
    assert (41.0, "action", "closed") in marks
    wrong = [m for m in replay.marks if m.kind == "field"]
    # the final value is judged, at the moment it was first committed; the one put right is not
    assert [(m.t, m.name, m.detail, m.value) for m in wrong] == [
        (30.0, "assetnummer", "wrong", "PR-GNT-0174")
    ]
    assert [f.verdict for f in result.fields if f.id == "personeelsnummer"] == ["right"]
    assert [m.t for m in replay.marks] == sorted(m.t for m in replay.marks)


def test_a_clip_cut_off_by_the_end_of_the_session_sounds_until_then(tmp_path: Path) -> None:
    exercise = copy_exercise()
    events = [
        AudioEvent(t=1.0, action="start", clip="c", length=10.0),
        EndEvent(t=4.0, reason="abandoned"),
    ]
    journal = write_journal(tmp_path / "cut.jsonl", exercise, events)
    result = score(exercise, journal)
    assert isinstance(result, SessionResult)
    replay = replay_of(exercise, journal, result, exercise.text)
    ((sound, offset),) = replay.state_at(3.0).sounding
    assert (sound.file, offset, sound.stop) == ("c", 2.0, 4.0)


def test_a_dictation_clip_paused_and_sought_sounds_from_where_it_went(tmp_path: Path) -> None:
    exercise = copy_exercise()
    events = [
        AudioEvent(t=1.0, action="play", clip="d"),
        AudioEvent(t=1.1, action="start", clip="d", position=0.0),
        AudioEvent(t=3.1, action="pause", clip="d", position=2.0),
        AudioEvent(t=5.0, action="play", clip="d", position=2.0),
        AudioEvent(t=5.1, action="start", clip="d", position=2.0),
        AudioEvent(t=6.1, action="seek", clip="d", position=0.5),
        AudioEvent(t=7.1, action="speed", clip="d", position=1.5, speed=0.5),
        AudioEvent(t=9.1, action="end", clip="d", position=2.5),
        EndEvent(t=10.0, reason="finished"),
    ]
    journal = write_journal(tmp_path / "dictee.jsonl", exercise, events)
    result = score(exercise, journal)
    assert isinstance(result, SessionResult)
    replay = replay_of(exercise, journal, result, exercise.text)

    def offset(t: float) -> float | None:
        sounding = replay.state_at(t).sounding
        return round(sounding[0][1], 3) if sounding else None

    assert offset(2.1) == 1.0
    assert offset(4.0) is None  # paused
    assert offset(5.6) == 2.5
    assert offset(6.6) == 1.0  # sought back to 0.5 at 6.1
    assert offset(8.1) == 2.0  # at half speed from 1.5 at 7.1
    assert offset(9.5) is None


def test_no_marks_means_no_next_or_previous(tmp_path: Path) -> None:
    replay, _result, _keys = drill(tmp_path, TEXT)
    assert replay.marks == []
    assert replay.next_mark(0.0) is None and replay.previous_mark(replay.duration) is None
