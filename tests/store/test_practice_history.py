"""How far back adaptive practice reads a trainee's sessions (Ctrl+P): the last 30, but no
further back than 20,000 characters of their texts. Each typed session is replayed key by key
to find the errors put right, so thirty half-hour exams kept the window frozen for seconds;
short drills still count back 30 sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_adaptive import keystrokes
from tests.journals import write_journal
from trainer.core.adaptive import HISTORY_CHARS, HISTORY_SESSIONS
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent
from trainer.core.loader import Catalog, load_catalog
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.practice_history import history

# a letter each session misses (typed as the key beside it and left), newest session last
MISSED = "vbnmwgdpf"


def exercise_file(folder: Path, exercise_id: str, length: int) -> None:
    """A copy exercise of ``length`` characters: a callback note, over and over, each with
    its own ticket number."""
    notes: list[str] = []
    while sum(len(n) + 1 for n in notes) < length:
        notes.append(
            f"Klant belt terug over ticket {4100 + len(notes)}: de printer op de tweede "
            "verdieping drukt geen facturen meer af."
        )
    text = " ".join(notes)[: length - 1] + "."
    (folder / f"{exercise_id}.yaml").write_text(
        f"format: 1\nid: {exercise_id}\ntitle: Notitie\nlanguage: nl\nkind: copy\nlevel: 3\n"
        f"text: |\n  {text}\n",
        encoding="utf-8",
    )


def trainee_with_sessions(
    tmp_path: Path, length: int, sessions: int, *, library: bool = False
) -> tuple[Store, int, Catalog]:
    """A store whose trainee typed a ``length``-character copy ``sessions`` times, session n
    missing the letter MISSED[n % len(MISSED)] each time it came; the catalog holds that copy
    (and the shipped ``library``)."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    exercise_file(folder, "nl-copy-lang", length)
    catalog = load_catalog([exercises_dir(), folder] if library else [folder])
    entry = catalog.by_id("nl-copy-lang")
    assert entry is not None and isinstance(entry.exercise, CopyExercise)
    copy = entry.exercise
    assert len(copy.text.rstrip()) == length
    store = Store(tmp_path / STORE_FILE)
    trainee = store.add_trainee("Jana Claes")
    for n in range(sessions):
        letter = MISSED[n % len(MISSED)]
        keys = keystrokes(copy.text, {letter: "q"}, {})
        path = tmp_path / "journals" / f"{n:02d}.jsonl"
        path.parent.mkdir(exist_ok=True)
        journal = write_journal(path, copy, [*keys, EndEvent(t=keys[-1].t + 1, reason="finished")])
        result = score(copy, journal)
        session = store.start_session(trainee.id, copy.id, "h", copy.title, "practice", path)
        store.finish_session(session, "finished", result.model_dump(mode="json"))
    return store, trainee.id, catalog


def test_long_sessions_are_read_back_only_as_far_as_20000_characters(tmp_path: Path) -> None:
    """Six exams of 5,000 characters: the four newest are read (20,000 characters), newest
    first; the two before them are not replayed."""
    store, trainee, catalog = trainee_with_sessions(tmp_path, 5_000, 6)
    read = history(store, catalog, trainee)
    assert HISTORY_CHARS == 20_000 and len(read) == 4
    missed = [max(s.keys, key=lambda k: s.keys[k]) for s in read]
    assert missed == [MISSED[n] for n in (5, 4, 3, 2)]
    assert all(sum(s.chars.values()) == 5_000 for s in read)


@pytest.mark.parametrize("sessions", [HISTORY_SESSIONS + 2])
def test_short_drills_are_read_back_30_sessions(tmp_path: Path, sessions: int) -> None:
    """Short drills (120 characters) stay far under 20,000 characters: the 30 newest count."""
    store, trainee, catalog = trainee_with_sessions(tmp_path, 120, sessions)
    read = history(store, catalog, trainee)
    assert len(read) == HISTORY_SESSIONS
    newest = [max(s.keys, key=lambda k: s.keys[k]) for s in read[:3]]
    assert newest == [MISSED[n % len(MISSED)] for n in (sessions - 1, sessions - 2, sessions - 3)]
