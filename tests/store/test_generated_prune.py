"""The generated practice drills (data folder, ``generated/``) do not pile up: making a drill
removes the old ones no session was started on, beyond the newest 30 and the last week's;
every drill a stored session refers to stays, so its past result still opens and reports."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.e2e.test_cli import run
from tests.journals import write_journal
from tests.report_sessions import drill_session
from trainer.core.adaptive import write_drill
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent
from trainer.core.loader import load_catalog
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.practice_history import (
    KEEP_UNUSED,
    generated_folder,
    make_drill,
    prune_generated,
    with_generated,
)

DAY = 86400.0


def drill(n: int) -> CopyExercise:
    return CopyExercise(
        format=1, id=f"adaptive-nl-test-{n:02}", title=f"Oefening {n}", language="nl",
        kind="copy", level=1, text="De klant belt morgen terug voor zijn bestelling.",
    )  # fmt: skip


def stored_session(store: Store, trainee_id: int, exercise: CopyExercise, journal: Path) -> int:
    """A session on ``exercise`` as the app stores it: its journal typed, scored, finished."""
    keys = [KeyEvent(t=1 + i * 0.2, text=c) for i, c in enumerate(exercise.text)]
    events = [*keys, EndEvent(t=2 + len(keys) * 0.2, reason="finished")]
    written = write_journal(journal, exercise, events, trainee="Sofie Maes")
    sid = store.start_session(trainee_id, exercise.id, "h", exercise.title, "practice", journal)
    store.finish_session(sid, "finished", score(exercise, written).model_dump(mode="json"))
    return sid


def aged(path: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_making_a_drill_prunes_the_unused_old_ones_and_keeps_what_sessions_use(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    store = Store(data / STORE_FILE)
    sofie = store.add_trainee("Sofie Maes")
    # a shipped drill typed with errors: something to practise
    shipped, journal = drill_session(tmp_path)
    sid = store.start_session(sofie.id, shipped.id, "h", shipped.title, "practice", journal.path)
    store.finish_session(sid, "finished", score(shipped, journal).model_dump(mode="json"))
    # forty drills made over forty days; the three oldest were practised
    folder = generated_folder(data)
    files = [write_drill(folder, drill(n)) for n in range(40)]
    for n, path in enumerate(files):
        aged(path, 40 - n)
    used = {n: stored_session(store, sofie.id, drill(n), tmp_path / f"{n}.jsonl") for n in range(3)}
    catalog = with_generated(load_catalog([exercises_dir()]), data)
    assert all(catalog.by_id(drill(n).id) for n in range(40))

    made = make_drill(store, catalog, sofie.id, data, {})
    store.close()
    assert made.path.is_file() and made.path.parent == folder
    # kept: the three practised (however old), the new one and the 29 newest unused ones;
    # removed: the seven unused ones older than those (and all over a week old)
    kept = {p.stem for p in folder.glob("adaptive-*.yaml")}
    assert kept == {made.exercise.id} | {drill(n).id for n in (0, 1, 2, *range(11, 40))}
    assert len(kept) == 3 + KEEP_UNUSED
    assert not any(catalog.by_id(drill(n).id) for n in range(3, 11))  # not offered any more
    assert all(catalog.by_id(drill(n).id) for n in (0, 1, 2))
    # the oldest practised drill's result still opens: the report is made from its journal
    out = tmp_path / "report.html"
    done = run("report", "--session", str(used[0]), "--data-dir", data, "-o", out)
    assert done.returncode == 0, done.stderr
    assert drill(0).title in out.read_text(encoding="utf-8")
    again = with_generated(load_catalog([exercises_dir()]), data)
    assert again.by_id(drill(0).id) is not None


def test_unused_drills_of_the_last_week_stay_whatever_their_number(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data / STORE_FILE)
    files = [write_drill(generated_folder(data), drill(n)) for n in range(KEEP_UNUSED + 5)]
    for n, path in enumerate(files):
        aged(path, 6 - n / 100)  # all made in the last week, the first ones first
    assert prune_generated(store, data) == []
    for n, path in enumerate(files):
        aged(path, 9 - n / 100)  # the same, nine days on
    removed = prune_generated(store, data)
    store.close()
    assert sorted(p.stem for p in removed) == [drill(n).id for n in range(5)]
    assert len(list(generated_folder(data).glob("adaptive-*.yaml"))) == KEEP_UNUSED
