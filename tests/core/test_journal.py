"""The journal survives a killed app: every line is on disk as soon as it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.journal import EndEvent, Header, JournalError, KeyEvent, read_journal
from trainer.core.journal_writer import JournalWriter

HEADER = Header(
    exercise_id="nl-copy-x",
    exercise_hash="abc",
    trainee="An",
    app_version="test",
    started_at="2026-11-23T10:00:00+01:00",
)


def test_each_event_is_readable_by_another_reader_at_once(tmp_path: Path) -> None:
    writer = JournalWriter(tmp_path / "j.jsonl", HEADER)
    writer.write(KeyEvent(t=0.1, text="é"))
    writer.write(KeyEvent(t=0.2, key="Backspace"))
    journal = read_journal(tmp_path / "j.jsonl")  # the writer is still open
    assert [(k.text, k.key) for k in journal.keys] == [("é", None), (None, "Backspace")]
    assert journal.end is None
    writer.close(EndEvent(t=0.3, reason="finished"))
    assert read_journal(tmp_path / "j.jsonl").end == EndEvent(t=0.3, reason="finished")


def test_a_journal_is_never_overwritten(tmp_path: Path) -> None:
    JournalWriter(tmp_path / "j.jsonl", HEADER).close()
    with pytest.raises(FileExistsError):
        JournalWriter(tmp_path / "j.jsonl", HEADER)


def test_a_torn_last_line_is_dropped_and_a_corrupt_line_skipped(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    writer = JournalWriter(path, HEADER)
    writer.write(KeyEvent(t=0.1, text="a"))
    writer.close()
    with path.open("a", encoding="utf-8") as out:
        out.write('{"type":"key","t":0.2,"te')  # the app died mid-write
    journal = read_journal(path)
    assert journal.truncated and [k.text for k in journal.keys] == ["a"]
    assert journal.damage == []  # a torn last line is a crash, not damage

    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "{oops", lines[1]]) + "\n", encoding="utf-8")
    journal = read_journal(path)
    assert [k.text for k in journal.keys] == ["a"] and not journal.truncated
    assert [(d.line, d.code) for d in journal.damage] == [(2, "not_json")]


def test_a_file_that_is_no_journal_says_so(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text("hello\n", encoding="utf-8")
    # the core says what and where as a code with values; the UI and the command word it
    cases = [("x.jsonl", "journal_no_header"), ("missing.jsonl", "journal_missing")]
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    cases.append(("empty.jsonl", "journal_empty"))
    for name, code in cases:
        with pytest.raises(JournalError) as raised:
            read_journal(tmp_path / name)
        said = raised.value.message
        assert (said.code, said.params["path"]) == (code, str(tmp_path / name))
    with pytest.raises(JournalError) as raised:
        read_journal(tmp_path / "x.jsonl")
    assert raised.value.message.params["line"] == 1


def test_the_every_second_timer_fsyncs_only_what_is_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = JournalWriter(tmp_path / "j.jsonl", HEADER)
    synced: list[int] = []
    monkeypatch.setattr("trainer.core.journal_writer.os.fsync", synced.append)
    writer.write(KeyEvent(t=0.1, text="a"))  # just after the header's fsync: not due yet
    assert synced == []
    writer.sync_pending()
    writer.sync_pending()  # nothing new: no second fsync
    assert len(synced) == 1
    writer.close(EndEvent(t=0.2, reason="finished"))
    assert len(synced) == 2


def test_a_field_commit_is_on_disk_at_once_and_call_events_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.core.journal import ActionEvent, FieldEvent, ScenarioEvent

    writer = JournalWriter(tmp_path / "j.jsonl", HEADER)
    synced: list[int] = []
    monkeypatch.setattr("trainer.core.journal_writer.os.fsync", synced.append)
    writer.write(ScenarioEvent(t=0.0, event="bel"))
    writer.write(ActionEvent(t=4.2, action="answered"))
    assert synced == []  # within the second: not yet
    writer.write(FieldEvent(t=9.8, field="postcode", value="3000"))
    assert len(synced) == 1  # a field commit is fsync'ed at once
    writer.write(ActionEvent(t=30.0, action="wrapup", target="adres-gewijzigd", value="opgelost"))
    writer.close(EndEvent(t=31.0, reason="finished"))
    events = read_journal(tmp_path / "j.jsonl").events
    assert [e.type for e in events] == ["scenario", "action", "field", "action", "end"]
    assert events[2] == FieldEvent(t=9.8, field="postcode", value="3000")
    assert events[3] == ActionEvent(
        t=30.0, action="wrapup", target="adres-gewijzigd", value="opgelost"
    )


def test_the_session_clock_stands_still_while_paused() -> None:
    from trainer.core.journal_writer import SessionClock

    wall = iter([100.0, 103.0, 110.0, 125.0, 125.0, 126.5])
    clock = SessionClock(lambda: next(wall))  # made at 100
    assert clock.now() == 3.0
    clock.pause()  # at 110: the headset was pulled
    assert clock.paused and clock.now() == 10.0  # (no reading of the wall while paused)
    clock.resume()  # at 125: 15 s later
    assert not clock.paused
    assert clock.now() == 10.0 and clock.now() == 11.5  # the 15 s are not counted
