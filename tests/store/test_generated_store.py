"""``scripts/generate_store.py``: every generated session is a real one (its journal, written
by the app's writer, replays to the result in the store), the same seed gives the same store,
and the trainees look like people: their own speed, getting faster over the year."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest

from tests.generated import generate, generator
from trainer import __version__
from trainer.core.clips import load_shipped_library
from trainer.core.exercise import content_hash
from trainer.core.journal import ActionEvent, Header, read_journal
from trainer.core.journal_writer import JournalWriter
from trainer.core.loader import load_catalog
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score
from trainer.paths import audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, SessionRow, Store
from trainer.store.session_filter import SessionFilter


def sessions(folder: Path) -> list[SessionRow]:
    store = Store(folder / STORE_FILE)
    try:
        return list(store.sessions(SessionFilter()))
    finally:
        store.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "a", 150, 12, seed=7, jobs=2)


def test_every_journal_replays_to_its_stored_result(folder: Path) -> None:
    library = load_shipped_library(audio_dir())
    catalog = load_catalog([exercises_dir()], library.languages)
    rows = sessions(folder)
    assert len(rows) == 150
    assert {r.status for r in rows} >= {"finished", "abandoned"}
    for row in rows:
        entry = catalog.by_id(row.exercise_id)
        assert entry is not None
        journal = read_journal(row.journal_path)
        assert journal.header.trainee == row.trainee and not journal.damage
        again = score(entry.exercise, journal, transcripts=library.transcripts)
        assert again.model_dump(mode="json") == row.result, row.journal_path


def test_the_same_seed_gives_the_same_store_in_any_number_of_processes(
    folder: Path, tmp_path: Path
) -> None:
    # the first in two processes, this one in one: the store does not depend on how many
    same = generate(tmp_path / "b", 150, 12, seed=7, jobs=1)
    first, second = sessions(folder), sessions(same)
    assert [(r.trainee, r.exercise_id, r.started_at, r.result) for r in first] == [
        (r.trainee, r.exercise_id, r.started_at, r.result) for r in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.journal_path.read_bytes() == b.journal_path.read_bytes()
    other = sessions(generate(tmp_path / "c", sessions=150, trainees=12, seed=8))
    assert [r.result for r in other] != [r.result for r in first]


def test_trainees_differ_and_get_faster_over_the_year(tmp_path: Path) -> None:
    folder = generate(tmp_path / "d", sessions=400, trainees=4, seed=3)
    rows = [r for r in sessions(folder) if r.wpm and r.result and r.result["ended"] == "finished"]
    by_trainee: dict[str, list[float]] = {}
    for r in rows:
        if r.exercise_id.split("-")[1] == "copy":
            by_trainee.setdefault(r.trainee, []).append(r.wpm or 0.0)
    assert len(by_trainee) == 4
    for speeds in by_trainee.values():  # (in the order they trained)
        third = len(speeds) // 3
        assert statistics.mean(speeds[-third:]) > statistics.mean(speeds[:third]) + 3
    means = sorted(statistics.mean(s) for s in by_trainee.values())
    assert means[-1] - means[0] > 3  # each their own speed
    store = Store(folder / STORE_FILE)  # every trainee in one of the store's groups
    assert [g.name for g in store.groups()] == ["Groep 1"]
    assert {t.group_id for t in store.trainees()} == {store.groups()[0].id}
    store.close()


def test_every_generated_call_was_taken_and_every_outbound_one_dialled(folder: Path) -> None:
    """A coach's screens are measured on these calls: each one rang and was answered, or was
    dialled and reached someone, and none ran to the simulation's 15-minute stop."""
    calls = {call.id: call for call in shipped_calls()}
    taken = {"inbound": 0, "outbound": 0}
    for row in sessions(folder):
        call = calls.get(row.exercise_id)
        if call is None or row.status != "finished":
            continue
        events = read_journal(row.journal_path).events
        actions = {e.action for e in events if isinstance(e, ActionEvent)}
        if call.outbound:
            assert "dialled" in actions and actions & {"answered", "message_start"}, (
                row.journal_path
            )
        else:
            assert "answered" in actions, row.journal_path
        assert events[-1].t < 600, row.journal_path
        taken["outbound" if call.outbound else "inbound"] += 1
    assert taken["inbound"] and taken["outbound"], taken


@pytest.mark.parametrize("skill", [1.0, 0.3])
def test_the_simulated_operator_places_every_shipped_call(skill: float, tmp_path: Path) -> None:
    """At full skill the generator's operator passes every shipped call, the outbound ones (a
    busy line, a stranger, a voicemail, objections) included; at a low skill it fails some
    outbound ones."""
    world = generator()._load_world()  # (which puts the scripts' folder on the path)
    from simulated_trainee import operator_events

    calls = shipped_calls()
    passed: dict[str, bool] = {}
    for call in calls:
        path = tmp_path / f"{call.id}.jsonl"
        header = Header(
            exercise_id=call.id,
            exercise_hash=content_hash(call),
            trainee="Lotte Peeters",
            app_version=__version__,
            started_at="2026-03-02T10:00:00+01:00",
        )
        writer = JournalWriter(path, header)
        for event in operator_events(call, world["lengths"], skill, random.Random(call.id)):
            writer.write(event)
        writer.close()
        result = score(call, read_journal(path), transcripts=world["transcripts"])
        passed[call.id] = result.passed
    outbound = [c.id for c in calls if c.outbound]
    assert len(outbound) >= 6, outbound
    if skill == 1.0:
        assert [i for i, ok in passed.items() if not ok] == []
    else:
        assert not all(passed[i] for i in outbound), passed


def shipped_calls() -> list[CallExercise]:
    """The shipped calls, as the generator read them."""
    exercises = generator()._load_world()["exercises"].values()
    return [e for e in exercises if isinstance(e, CallExercise)]
