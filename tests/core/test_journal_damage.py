"""A damaged journal is read strictly and forgivingly: each line that cannot count is skipped
and named, the rest is scored, and the result says which lines were skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.journals import write_journal
from trainer.core.exercise import CopyExercise, content_hash
from trainer.core.journal import (
    MAX_EVENT_SECONDS,
    AudioEvent,
    EndEvent,
    JournalError,
    KeyEvent,
    PauseEvent,
    read_journal,
)
from trainer.core.scoring import SessionResult, score
from trainer.core.session_facts import DamagedLine

TEXT = (  # 111 characters: with the header and the end, a journal of 113 lines
    "Meneer Peeters belt terug over de factuur van maart: het bedrag klopt niet, "
    "hij wil een creditnota van 49,95 €."
)
EXERCISE = CopyExercise(
    format=1, id="nl-copy-x", title="X", language="nl", kind="copy", level=1, text=TEXT
)
RECORDED = Path(__file__).parent / "recorded"


def keys_of(text: str, start: float = 1.0) -> list[KeyEvent]:
    return [KeyEvent(t=round(start + i * 0.25, 3), text=ch) for i, ch in enumerate(text)]


def written(path: Path, events: list) -> Path:
    write_journal(path, EXERCISE, events)
    return path


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def with_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def scored(path: Path) -> SessionResult:
    result = score(EXERCISE, read_journal(path))
    assert isinstance(result, SessionResult)
    return result


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (b"{", b"[", "not_json"),
        (b'"key"', b'"kez"', "not_an_event"),
        (b"{", b"\xff", "not_json"),  # not even UTF-8
    ],
)
def test_a_byte_changed_in_line_31_of_113_skips_that_line_only(
    tmp_path: Path, old: bytes, new: bytes, code: str
) -> None:
    keys = keys_of(TEXT)
    events = [*keys, EndEvent(t=keys[-1].t + 1, reason="finished")]
    path = written(tmp_path / "damaged.jsonl", events)
    lines = lines_of(path)
    assert len(lines) == 113
    lines[30] = lines[30].replace(old, new, 1)  # line 31: the 30th keystroke
    with_lines(path, lines)

    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(31, code)]
    assert len(journal.events) == 111 and journal.end is not None  # 112 lines counted
    result = scored(path)
    assert result.damaged_lines == [DamagedLine(line=31, code=code)]
    # scored as the session without that keystroke: the rest all counts
    without = written(tmp_path / "without.jsonl", [e for e in events if e != keys[29]])
    assert result.model_dump(exclude={"damaged_lines"}) == scored(without).model_dump(
        exclude={"damaged_lines"}
    )
    assert result.typing.word_errors == 1 and result.ended == "finished"


def test_a_key_after_the_end_is_not_counted(tmp_path: Path) -> None:
    keys = keys_of("Meneer Peeters")
    end = EndEvent(t=10.0, reason="abandoned")
    path = written(tmp_path / "j.jsonl", [*keys, end])
    lines = lines_of(path)
    late = KeyEvent(t=11.0, text="x").model_dump_json(exclude_none=True).encode()
    second_end = EndEvent(t=12.0, reason="finished").model_dump_json().encode()
    with_lines(path, [*lines, late, second_end])
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(17, "after_end"), (18, "after_end")]
    assert journal.keys == keys and journal.end == end
    result = scored(path)
    assert result.typing.transcribed == "Meneer Peeters" and result.ended == "abandoned"
    assert [d.line for d in result.damaged_lines] == [17, 18]


def test_time_running_backwards_never_gives_negative_seconds(tmp_path: Path) -> None:
    keys = keys_of("Meneer", start=200.0)
    back = KeyEvent(t=1.0, text=" ")  # the clock ran 199 s back
    path = written(tmp_path / "j.jsonl", keys)
    with_lines(path, [*lines_of(path), back.model_dump_json(exclude_none=True).encode()])
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(8, "time_backwards")]
    said = journal.damage[0].message
    assert said.params == {"t": "1", "before": "201.25", "line": 7}  # as the journal has them
    result = scored(path)
    assert result.typing.seconds == 1.25 and result.typing.transcribed == "Meneer"


def test_an_end_earlier_than_the_last_key_does_not_end_the_session(tmp_path: Path) -> None:
    keys = keys_of("Meneer")
    path = written(tmp_path / "j.jsonl", keys)
    end = EndEvent(t=1.0, reason="finished").model_dump_json().encode()
    with_lines(path, [*lines_of(path), end])
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(8, "time_backwards")]
    assert journal.end is None and scored(path).ended == "recovered"


@pytest.mark.parametrize(
    ("t", "code"),
    [
        ("NaN", "time_not_finite"),
        ("Infinity", "time_not_finite"),
        ("-Infinity", "time_not_finite"),
        ("1e400", "time_not_finite"),  # too large for a float: infinity
        ('"nan"', "time_not_finite"),
        ("1e308", "time_out_of_range"),
        (str(MAX_EVENT_SECONDS + 1), "time_out_of_range"),
        ("-0.5", "time_out_of_range"),
    ],
)
def test_a_time_that_is_no_second_of_the_session_is_damage(
    tmp_path: Path, t: str, code: str
) -> None:
    path = written(tmp_path / "j.jsonl", keys_of("ab"))
    bad = f'{{"type":"key","t":{t},"text":"x"}}'.encode()
    lines = lines_of(path)
    with_lines(path, [*lines[:2], bad, *lines[2:]])
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(3, code)]
    assert [k.text for k in journal.keys] == ["a", "b"]
    assert json.loads(scored(path).model_dump_json())["duration"] == 1.25


def test_a_week_of_seconds_is_still_a_time(tmp_path: Path) -> None:
    path = written(tmp_path / "j.jsonl", [KeyEvent(t=MAX_EVENT_SECONDS, text="a")])
    assert read_journal(path).damage == []


def test_other_numbers_that_are_not_finite_make_no_event(tmp_path: Path) -> None:
    path = written(tmp_path / "j.jsonl", keys_of("ab"))
    bad = b'{"type":"audio","t":1.3,"action":"seek","clip":"c","position":NaN}'
    with_lines(path, [*lines_of(path), bad])
    (damage,) = read_journal(path).damage
    assert (damage.line, damage.code) == (4, "not_an_event")
    assert "position" in str(damage.message.params["detail"])


def test_a_torn_last_line_after_a_damaged_one_is_still_no_damage(tmp_path: Path) -> None:
    path = written(tmp_path / "j.jsonl", keys_of("ab"))
    with_lines(path, [*lines_of(path)[:2], b"{oops", lines_of(path)[2]])
    with path.open("ab") as out:
        out.write(b'{"type":"key","t":9.0,"te')  # killed mid-write
    journal = read_journal(path)
    assert journal.truncated and [(d.line, d.code) for d in journal.damage] == [(3, "not_json")]


def test_without_a_valid_header_nothing_can_be_scored(tmp_path: Path) -> None:
    path = written(tmp_path / "j.jsonl", keys_of("ab"))
    lines = lines_of(path)
    with_lines(path, [lines[0].replace(b"{", b"[", 1), *lines[1:]])
    with pytest.raises(JournalError) as raised:
        read_journal(path)
    assert raised.value.message.code == "journal_no_header"


def test_heard_times_may_lead_the_lines_written_after_them(tmp_path: Path) -> None:
    """A clip's heard start is when the sound reaches the headset: ahead of the commands and
    keys written just after it; only a step back among heard times themselves is damage."""
    events = [
        AudioEvent(t=1.0, action="play", clip="c"),
        AudioEvent(t=1.2, action="start", clip="c"),  # heard 0.2 s after the play command
        AudioEvent(t=1.1, action="pause", clip="c", position=0.0),
        KeyEvent(t=1.15, text="a"),
        AudioEvent(t=1.3, action="play", clip="c"),
        AudioEvent(t=0.7, action="start", clip="c"),  # within the tolerance of 1.2
        AudioEvent(t=2.5, action="end", clip="c"),
        AudioEvent(t=1.2, action="start", clip="c"),  # more than a second before 2.5: damage
        PauseEvent(t=1.4, paused=True),
        EndEvent(t=1.5, reason="abandoned"),
    ]
    path = tmp_path / "j.jsonl"
    write_journal(path, EXERCISE, [])
    with_lines(
        path,
        [lines_of(path)[0], *(e.model_dump_json(exclude_none=True).encode() for e in events)],
    )
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(9, "time_backwards")]
    assert len(journal.events) == len(events) - 1


@pytest.mark.parametrize("name", sorted(p.name for p in RECORDED.glob("*.jsonl")))
def test_a_journal_the_app_recorded_is_never_damaged(name: str) -> None:
    """Journals written by the app itself in the audio tests (a whole call, a headset pulled
    mid-call, dictations with pauses and a lost headset) through the real sound device."""

    from tests.core.test_scenario import transfer_example
    from trainer.core.clips import load_shipped_library
    from trainer.core.loader import load_catalog, parse_exercise
    from trainer.paths import audio_dir, exercises_dir

    journal = read_journal(RECORDED / name)
    assert journal.damage == [] and not journal.truncated and journal.end is not None
    entry = load_catalog([exercises_dir()]).by_id(journal.header.exercise_id)
    # the whole call was of the documented example, handled by a transfer
    exercise = entry.exercise if entry else parse_exercise(transfer_example(), Path("x"))[0]
    assert exercise.id == journal.header.exercise_id
    transcripts = load_shipped_library(audio_dir()).transcripts
    assert score(exercise, journal, transcripts=transcripts).damaged_lines == []


def test_a_recorded_call_has_heard_times_ahead_of_later_lines() -> None:
    """Why heard times keep time only with each other: in a real call the clip's heard end
    lies after the status line written after it."""
    journal = read_journal(RECORDED / "call-headset-pulled-fr-appel-01.jsonl")
    heard = {"start", "end"}
    leads = [
        (a, b)
        for i, a in enumerate(journal.events)
        for b in journal.events[i + 1 :]
        if isinstance(a, AudioEvent) and a.action in heard and b.t < a.t
    ]
    assert leads


def test_journals_of_the_test_helpers_are_never_damaged(tmp_path: Path) -> None:
    from tests.core.test_call_scoring import good_call, journal_of
    from tests.journals import scored_dictation

    assert scored_dictation(tmp_path, "Goedemorgen.", "Goedemorgen.").damaged_lines == []
    assert journal_of(tmp_path, good_call()).damage == []


def test_a_damaged_journal_is_recovered_and_one_without_header_is_lost(tmp_path: Path) -> None:
    from trainer.core.loader import Catalog, CatalogEntry
    from trainer.store import Store
    from trainer.store.recovery import recover_sessions

    keys = keys_of("Meneer Peeters")
    damaged = written(tmp_path / "damaged.jsonl", keys)  # the app died: no end event
    lines = lines_of(damaged)
    lines[4] = lines[4].replace(b'"text"', b'"texd"')
    with_lines(damaged, lines)
    headless = written(tmp_path / "headless.jsonl", keys)
    with_lines(headless, [b"{oops", *lines_of(headless)[1:]])

    store = Store(tmp_path / "store.sqlite3")
    trainee = store.add_trainee("An")
    ids = [
        store.start_session(trainee.id, EXERCISE.id, content_hash(EXERCISE), "X", "practice", p)
        for p in (damaged, headless)
    ]
    catalog = Catalog(entries=[CatalogEntry(EXERCISE, Path("x.yaml"))])
    outcomes = {o.session.id: o for o in recover_sessions(store, catalog)}
    assert outcomes[ids[0]].recovered and outcomes[ids[0]].damaged_lines == (5,)
    row = store.session(ids[0])
    assert row is not None and row.status == "recovered"
    problem = outcomes[ids[1]].problem
    assert not outcomes[ids[1]].recovered and problem is not None
    assert (problem.code, problem.params["path"]) == ("journal_no_header", str(headless))
    lost = store.session(ids[1])
    assert lost is not None and lost.status == "lost"
    store.close()


def test_a_journal_that_is_no_regular_file_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)  # a read would wait for a writer forever
    with pytest.raises(JournalError) as raised:
        read_journal(fifo)
    assert raised.value.message.code == "journal_not_regular"
    with pytest.raises(JournalError) as raised:
        read_journal(tmp_path)
    assert raised.value.message.code == "journal_is_folder"


def test_an_action_the_desk_cannot_do_is_refused_when_written_and_skipped_when_read(
    tmp_path: Path,
) -> None:
    """The desk's actions are one closed set: the scorer judges no action it does not know."""
    from pydantic import ValidationError

    from trainer.core.journal import ActionEvent

    with pytest.raises(ValidationError):
        ActionEvent(t=2.0, action="teleport")  # type: ignore[arg-type]
    keys = keys_of("Meneer")
    path = written(
        tmp_path / "action.jsonl",
        [*keys, ActionEvent(t=3.0, action="answered"), EndEvent(t=4.0, reason="finished")],
    )
    lines = lines_of(path)
    at = next(i for i, line in enumerate(lines) if b'"answered"' in line)
    lines[at] = lines[at].replace(b'"answered"', b'"teleport"')
    with_lines(path, lines)
    journal = read_journal(path)
    assert [(d.line, d.code) for d in journal.damage] == [(at + 1, "not_an_event")]
    assert not any(isinstance(e, ActionEvent) for e in journal.events)
