"""``simultaan report`` draws the heat map on the keyboard the coach chose for the trainee in
the app (kept in the store), whether the session is named by ``--session`` or by its journal;
``--layout`` overrides it; a trainee nobody chose one for gets the language's, as before."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.e2e.test_cli import run
from tests.generated import cached
from trainer.store.db import STORE_FILE, Store
from trainer.store.session_filter import SessionFilter

TITLE = "Fouten per toets ({name})"


def test_the_report_follows_the_trainees_keyboard_and_layout_overrides_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(cached(40, 3), data)
    store = Store(data / STORE_FILE)
    try:
        first, other = store.trainees()[:2]
        store.set_trainee_keyboard(first.id, "fr")
        mine = next(iter(store.sessions(SessionFilter(trainee_ids=frozenset({first.id})))))
        theirs = next(iter(store.sessions(SessionFilter(trainee_ids=frozenset({other.id})))))
    finally:
        store.close()

    def heat_map(*args: str | Path) -> str:
        out = tmp_path / "r.html"
        done = run("report", "--lang", "nl", "--data-dir", data, *args, "-o", out)
        assert done.returncode == 0, done.stderr
        return out.read_text(encoding="utf-8")

    assert TITLE.format(name="Frans AZERTY") in heat_map("--session", str(mine.id))
    by_journal = heat_map(mine.exercise_id, mine.journal_path)  # the journal names the trainee
    assert TITLE.format(name="Frans AZERTY") in by_journal
    chosen = heat_map("--session", str(mine.id), "--layout", "us")
    assert TITLE.format(name="US QWERTY") in chosen and "Frans AZERTY" not in chosen
    assert TITLE.format(name="Belgisch AZERTY") in heat_map("--session", str(theirs.id))
