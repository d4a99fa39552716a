"""The exam run, headless: parts in order ending by themselves at their limits, no retry, play
limits across everything, and a resume at the same point after the app was cut off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exams import Clock, begin, resume, write_package
from trainer.core.exam_run import ExamError, read_state
from trainer.core.journal import AudioEvent, read_journal
from trainer.core.scoring import score


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return write_package(tmp_path / "packages")


def test_each_part_ends_by_itself_at_its_limit_and_the_next_follows(
    package: Path, tmp_path: Path
) -> None:
    clock = Clock()
    run = begin(package, tmp_path / "exam", clock=clock)
    run.start_part()
    clock.at += 2
    for char in "Goedemiddag":
        run.key(char)
        clock.at += 0.2
    assert not run.tick()
    assert run.remaining() == pytest.approx(60 - 2 - 11 * 0.2)
    clock.at += 60
    assert run.tick()  # the time is up: the part ended without being asked
    assert run.index == 1 and not run.running
    state = read_state(tmp_path / "exam")
    assert state is not None and state.part == 1 and state.parts[0].status == "done"
    journal = read_journal(tmp_path / "exam" / "part-01.jsonl")
    assert journal.header.mode == "exam"
    assert journal.end is not None and (journal.end.reason, journal.end.t) == ("time_up", 60.0)
    saved = json.loads((tmp_path / "exam" / "part-01.result.json").read_text())
    assert saved == score(run.exercises[0], journal).model_dump(mode="json")
    assert run.remaining() == 120  # the next part's whole limit, until it starts


def test_an_exam_cannot_be_begun_again_for_the_same_candidate(
    package: Path, tmp_path: Path
) -> None:
    begin(package, tmp_path / "exam", clock=Clock()).start_part()
    with pytest.raises(ExamError) as caught:
        begin(package, tmp_path / "exam", clock=Clock())
    assert caught.value.message.code == "exam_already_running"


def test_a_resumed_part_keeps_what_was_typed_and_the_time_used(
    package: Path, tmp_path: Path
) -> None:
    clock = Clock()
    folder = tmp_path / "exam"
    run = begin(package, folder, clock=clock)
    run.start_part()
    for char in "Goedemiddag, u spreekt":
        clock.at += 0.25
        run.key(char)
    run.key(key="Backspace")
    clock.at += 0.5
    run.tick()  # a checkpoint: 6 s used
    assert run.writer is not None
    run.writer.close()  # as a kill leaves it: no end, nothing holds it
    clock.at += 500  # the computer restarted: that time is not the candidate's

    again = resume(package, folder, clock=clock)
    assert again.running and again.index == 0
    assert again.typed_text() == "Goedemiddag, u spreek"
    assert again.remaining() == pytest.approx(60 - 6.0)
    clock.at += 54
    assert again.tick()
    journal = read_journal(folder / "part-01-2.jsonl")
    assert "".join(k.text or "\b" for k in journal.keys) == "Goedemiddag, u spreekt\b"
    assert journal.end is not None and journal.end.t == 60.0
    assert (folder / "part-01.jsonl").exists()  # the first journal kept as evidence
    state = read_state(folder)
    assert state is not None and state.resumes == 1
    assert state.parts[0].earlier_journals == ["part-01.jsonl"]


def test_a_part_still_running_elsewhere_is_not_resumed(package: Path, tmp_path: Path) -> None:
    run = begin(package, tmp_path / "exam", clock=Clock())
    run.start_part()  # its journal is held: this "other app" is still running it
    with pytest.raises(ExamError) as caught:
        resume(package, tmp_path / "exam", clock=Clock())
    assert caught.value.message.code == "exam_already_running"


def test_play_limits_hold_across_a_resume(package: Path, tmp_path: Path) -> None:
    clock = Clock()
    folder = tmp_path / "exam"
    run = begin(package, folder, clock=clock)
    run.start_part()
    clock.at += 61
    run.tick()
    run.start_part()  # the dictation
    clip = run.exercise.clips[0]  # type: ignore[attr-defined]
    run.write(AudioEvent(t=run.now(), action="play", clip=clip, position=0.0))
    clock.at += 3
    run.write(AudioEvent(t=run.now(), action="pause", clip=clip, position=3.0))
    clock.at += 1
    run.tick()
    assert run.writer is not None
    run.writer.close()

    again = resume(package, folder, clock=clock)
    assert again.plays == {clip: 1}  # the play before the crash still counts


def test_a_changed_package_does_not_resume_an_exam(package: Path, tmp_path: Path) -> None:
    begin(package, tmp_path / "exam", clock=Clock()).close()
    changed = write_package(tmp_path / "other", copy_seconds=90)
    with pytest.raises(ExamError) as caught:
        resume(changed, tmp_path / "exam", clock=Clock())
    assert caught.value.message.code == "exam_package_changed"


def test_a_full_disk_mid_part_loses_no_keystroke(package: Path, tmp_path: Path) -> None:
    from tests.disks import fill, make_room, small_disk
    from trainer.core.journal_writer import JournalWriteError

    clock = Clock()
    with small_disk(tmp_path / "disk", "16m") as disk:
        run = begin(package, disk / "exam", clock=clock)
        run.start_part()
        for char in "Goed":
            clock.at += 0.3
            run.key(char)
        fill(disk)
        rest = "emiddag, u spreekt met de klantendienst van " * 20
        refused = 0
        for char in rest:  # (the journal's last page may take a few lines still)
            clock.at += 0.01
            try:
                run.key(char)
            except JournalWriteError:  # said at once, the key kept in memory
                refused += 1
        assert refused > 0
        clock.at += 1
        with pytest.raises(OSError):
            run.tick()
        assert run.typed_text() == "Goed" + rest and run.running
        make_room(disk)
        clock.at += 1
        assert not run.tick()  # what waited is written now
        clock.at += 60
        assert run.tick()
        journal = read_journal(disk / "exam" / "part-01.jsonl")
        assert "".join(k.text or "" for k in journal.keys) == "Goed" + rest
        assert journal.end is not None and journal.end.t == 60.0 and not journal.damage
