"""The coach's sessions list on a year of 10,000 sessions of 50 trainees (made by
``scripts/generate_store.py``, kept under /tmp as for the export benchmark): the page made,
every session read through ``Store.sessions(brief=True)``, worded, sorted newest first and
drawn on screen. In the normal test run (untimed) a 300-session store checks the same."""

from __future__ import annotations

from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.generated import cached
from trainer.core.clips import load_shipped_library
from trainer.core.loader import load_catalog
from trainer.paths import audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, Store


def test_bench_the_sessions_list_opens(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures
) -> None:
    from trainer.ui.sessions_view import SessionsView

    sessions = 300 if benchmark.disabled else 10_000
    store = Store(cached(sessions, 50) / STORE_FILE)
    catalog = load_catalog([exercises_dir()], load_shipped_library(audio_dir()).languages)
    views: list[SessionsView] = []

    def open_list() -> SessionsView:
        view = SessionsView()
        view.resize(1366, 700)
        view.load(store, catalog)
        view.show()
        qtbot.waitExposed(view)  # drawn on screen, its rows with it
        views.append(view)
        return view

    try:
        view = benchmark.pedantic(open_list, rounds=5, iterations=1, warmup_rounds=1)
    finally:
        store.close()
    if (median := median_ms(benchmark)) is not None:
        figures.record("sessions_list_open_ms", median)
    assert view.model.rowCount() == sessions  # nobody archived: every session listed
    dates = [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert {view.model.data(view.model.index(r, 4)) for r in range(sessions)} == {
        "Overtypen",
        "Dictee",
        "Gesprek",
    }
    for v in views:
        v.close()
