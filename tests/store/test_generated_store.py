"""``scripts/generate_store.py``: every generated session is a real one (its journal, written
by the app's writer, replays to the result in the store), the same seed gives the same store,
and the trainees look like people: their own speed, getting faster over the year."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tests.generated import generate
from trainer.core.clips import load_shipped_library
from trainer.core.journal import read_journal
from trainer.core.loader import load_catalog
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
