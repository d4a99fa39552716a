"""Nothing lost when the exam's process is killed (``kill -9``) in the middle of a part, at ten
moments a fixed seed chooses in a copy part and four in a call part: every keystroke the run
had journaled is in the resumed part's journal, in order, none twice; a call goes on where it
stood, with every field it had journaled shown again; the resumed part ends at its time limit
on the session clock (the time used before the kill counted); and its stored result is the
journal's replay.

The processes are the real exam run (``tests/e2e/exam_typist.py``: the signed package, the
enrolled workstation, the store, journals and seals in a real data folder), its session clock
running ten times faster than the wall clock so that a 20-second part takes two, and the real
exam screen with its call desk, offscreen (``tests/e2e/exam_caller.py``), forty times faster
(a four-minute call takes six seconds)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.conftest import REPO
from tests.e2e.exam_typist import keystrokes
from tests.exams import enrol_workstation, parts_of, signed_package
from trainer.core.exam_run import exam_folder, read_state
from trainer.core.exercise import CopyExercise
from trainer.core.journal import FieldEvent, KeyEvent, PauseEvent, read_journal
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score
from trainer.seal.parts import seal_path_of

TYPIST = REPO / "tests" / "e2e" / "exam_typist.py"
CALLER = REPO / "tests" / "e2e" / "exam_caller.py"
SPEED = 10.0
LIMIT = 20  # seconds of the part, on its session clock
KILLS = 10
CALL_SPEED = 40.0
CALL_KILLS = 4


def typist(
    data: Path, package: Path, candidate: str, how: str, script: Path = TYPIST, speed: float = SPEED
) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, str(script), str(data), str(package), candidate, how, str(speed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def reported(process: subprocess.Popen[str], seconds: float) -> int:
    """Read ``K n`` lines for ``seconds`` after the first; the last ``n`` reported."""
    assert process.stdout is not None
    last = -1
    started: float | None = None
    while True:
        line = process.stdout.readline()
        assert line, f"the typist stopped: {process.stderr.read() if process.stderr else ''}"
        if line.startswith("K "):
            last = int(line.split()[1])
            started = started or time.monotonic()
            if time.monotonic() - started >= seconds:
                return last


def typed(events: list[KeyEvent]) -> list[tuple[str | None, str | None]]:
    return [(k.text, k.key) for k in events]


def test_a_killed_exam_resumes_with_nothing_lost(tmp_path: Path, data_dir: Path) -> None:
    key = enrol_workstation(tmp_path / "centre", data_dir)
    package = signed_package(tmp_path / "pakket", key, copy_seconds=LIMIT, dictation=False)
    exercise = parts_of(package)[2][0]
    assert isinstance(exercise, CopyExercise)
    sequence = keystrokes(exercise.text)
    rng = random.Random(20261130)
    for trial in range(KILLS):
        candidate = f"K-{trial + 1:02d}"
        moment = rng.uniform(0.05, 1.6)  # wall seconds into the typing: the part lasts 2
        process = typist(data_dir, package, candidate, "begin")
        last = reported(process, moment)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        folder = exam_folder(data_dir, "nl-proefexamen", candidate)
        state = read_state(folder)
        assert state is not None and state.parts[0].status == "running", trial
        before = read_journal(folder / state.parts[0].journal)
        kept = typed(before.keys)
        # every keystroke reported as journaled is there, in order (one more may be, written
        # after its report was due)
        assert kept[: last + 1] == sequence[: last + 1], trial
        assert len(kept) - (last + 1) in (0, 1), trial

        again = typist(data_dir, package, candidate, "resume")
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        assert out.startswith(f"R {len(kept)}\n") and out.rstrip().endswith("DONE"), out[:200]

        state = read_state(folder)
        assert state is not None and state.finished and state.resumes == 1
        part = state.parts[0]
        assert part.earlier_journals == ["part-01.jsonl"]
        after = read_journal(folder / part.journal)
        final = typed(after.keys)
        assert final[: len(kept)] == kept, trial  # nothing lost
        assert final == sequence[: len(final)], trial  # nothing twice, nothing out of order
        # the time used before the kill counted: the part went on from there to its limit
        resumed_at = next(e.t for e in after.events if isinstance(e, PauseEvent))
        assert resumed_at >= (before.keys[-1].t if before.keys else 0.0)
        assert all(k.t >= resumed_at for k in after.keys[len(kept) :])
        assert after.end is not None and (after.end.reason, after.end.t) == ("time_up", LIMIT)
        # the stored result is the journal's replay, and the part was sealed
        saved = json.loads((folder / part.result).read_text(encoding="utf-8"))
        assert saved == score(exercise, after).model_dump(mode="json"), trial
        assert seal_path_of(folder / part.journal).exists(), trial


def call_reported(process: subprocess.Popen[str], seconds: float) -> tuple[int, list[str]]:
    """Read the caller's lines for ``seconds`` after the call is answered: how many keystrokes
    and which fields it reported as journaled."""
    assert process.stdout is not None
    keys, fields = 0, []
    started: float | None = None
    while True:
        line = process.stdout.readline()
        assert line and line != "DONE\n", "the caller stopped before the kill"
        if line.startswith("K "):
            keys = int(line.split()[1]) + 1
        elif line.startswith("F "):
            fields.append(line.split()[1])
        if line.startswith(("K ", "T")):  # (the call answered: the operator at work)
            started = started or time.monotonic()
        if started is not None and time.monotonic() - started >= seconds:
            return keys, fields


def typed_in(call: CallExercise, keys: list[KeyEvent], committed: dict[str, str]) -> dict[str, str]:
    """Each form field typed into and not committed: the caller types each value in order,
    one key a character, so its text is the value's first characters, one for each key."""
    counts = Counter(k.field for k in keys)
    return {
        f.id: f.expected[: counts[f.id]]
        for f in call.fields
        if counts[f.id] and f.id not in committed
    }


def test_a_call_killed_mid_way_goes_on_where_it_stood(tmp_path: Path, data_dir: Path) -> None:
    key = enrol_workstation(tmp_path / "centre", data_dir)
    package = signed_package(
        tmp_path / "pakket", key, copy_seconds=LIMIT, dictation=False, call=True
    )
    call = parts_of(package)[2][1]
    assert isinstance(call, CallExercise)
    rng = random.Random(20261201)
    for trial in range(CALL_KILLS):
        candidate = f"G-{trial + 1:02d}"
        # wall seconds into the call (six in all): the fields are entered over the first two
        moment = rng.uniform(0.05, 4.5)
        process = typist(data_dir, package, candidate, "begin", CALLER, CALL_SPEED)
        keys, fields = call_reported(process, moment)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        folder = exam_folder(data_dir, "nl-proefexamen", candidate)
        state = read_state(folder)
        assert state is not None and state.part == 1, trial
        cut = state.parts[1]
        assert cut.status == "running" and cut.hosted, trial
        before = read_journal(Path(cut.journal))
        assert len(before.keys) >= keys, trial  # every keystroke reported is journaled
        committed = {e.field: e.value for e in before.events if isinstance(e, FieldEvent)}
        assert set(fields) <= set(committed), trial
        # the field being typed into at the kill: as many of its characters as keys journaled
        typing = typed_in(call, before.keys, committed)

        again = typist(data_dir, package, candidate, "resume", CALLER, CALL_SPEED)
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err[-2000:]
        first, *_ = out.splitlines()
        assert first.startswith("R ") and out.rstrip().endswith("DONE"), out[:300]
        shown = dict(pair.split("=", 1) for pair in first[2:].split(";") if pair)
        # every field journaled is on the desk again, and the text typed and not committed
        assert shown == committed | typing, trial

        state = read_state(folder)
        assert state is not None and state.finished and state.resumes == 1, trial
        part = state.parts[1]
        after = read_journal(folder / part.journal)
        assert after.events[: len(before.events)] == before.events, trial  # nothing lost
        assert read_journal(folder / part.earlier_journals[0]).events == before.events
        stood = [e for e in after.events[len(before.events) :] if isinstance(e, PauseEvent)]
        assert stood and stood[0].reason == "exam interrupted", trial
        # ended at its limit with the time used before the kill counted (the desk ends at the
        # screen's next tick, 0.2 s of wall clock, 8 s of this fast one; on a machine busy
        # with other work a few ticks late: never a part's time given twice, 120 s here)
        assert after.end is not None and after.end.reason == "time_up", trial
        assert 240 <= after.end.t <= 240 + 3 * CALL_SPEED, trial
        saved = json.loads((folder / part.result).read_text(encoding="utf-8"))
        assert saved == score(call, after).model_dump(mode="json"), trial
        assert seal_path_of(folder / part.journal).exists(), trial


def test_a_call_killed_while_a_field_is_typed_in_gives_its_text_back(
    tmp_path: Path, data_dir: Path
) -> None:
    """Killed with three characters typed into a field and no Enter yet: resumed, the field
    shows them with the cursor in it, the candidate types on from there, and the field is
    entered whole (each key once in the journal, none typed twice)."""
    key = enrol_workstation(tmp_path / "centre", data_dir)
    package = signed_package(
        tmp_path / "pakket", key, copy_seconds=LIMIT, dictation=False, call=True
    )
    call = parts_of(package)[2][1]
    assert isinstance(call, CallExercise)
    form = [f for f in call.fields if f.section == "form"]
    process = typist(data_dir, package, "H-01", "hold", CALLER, CALL_SPEED)
    assert process.stdout is not None
    for line in process.stdout:
        if line == "HELD\n":
            break
    else:
        raise AssertionError(process.stderr.read() if process.stderr else "no HELD")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    folder = exam_folder(data_dir, "nl-proefexamen", "H-01")
    state = read_state(folder)
    assert state is not None
    before = read_journal(Path(state.parts[1].journal))
    assert [k.field for k in before.keys][-3:] == [form[1].id] * 3  # stamped with its field

    again = typist(data_dir, package, "H-01", "resume", CALLER, CALL_SPEED)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err[-2000:]
    lines = out.splitlines()
    shown = dict(pair.split("=", 1) for pair in lines[0][2:].split(";") if pair)
    assert shown == {form[0].id: form[0].expected, form[1].id: form[1].expected[:3]}
    assert f"C {form[1].id}" in lines  # the cursor in it once the call went on
    state = read_state(folder)
    assert state is not None and state.finished
    after = read_journal(folder / state.parts[1].journal)
    entered = {e.field: e.value for e in after.events if isinstance(e, FieldEvent)}
    assert entered[form[1].id] == form[1].expected  # typed on, not typed again
    in_second = [k.text for k in after.keys if k.field == form[1].id]
    assert "".join(t or "" for t in in_second) == form[1].expected
