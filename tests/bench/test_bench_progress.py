"""The coach's progress window on a year of 10,000 sessions of 50 trainees (made by
``scripts/generate_store.py``, kept under /tmp as for the export benchmark): a trainee's charts
open, the next trainee's charts as the coach steps through them with the Down key (from the key
event to the six charts painted), the group table of all 50 trainees filled, and the per-key
statistics of a trainee's ~200 journals, read for the first time and again from the run's cache.

In the normal test run (untimed) a 300-session store checks the same things without the minute
the large one takes to make.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.generated import cached
from trainer.core.clips import load_shipped_library
from trainer.core.key_stats import key_stats
from trainer.core.keyboard import load_layout
from trainer.core.loader import Catalog, load_catalog
from trainer.core.progress import SPEED
from trainer.paths import assets_dir, audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.progress import KeyPartsCache, journaled, key_parts, trainee_progress
from trainer.store.session_filter import SessionFilter

if TYPE_CHECKING:
    from trainer.ui.progress_charts import Chart


def opened(benchmark: BenchmarkFixture) -> Store:
    """The generated store: 10,000 sessions when timed, 300 in the normal run."""
    return Store(cached(300 if benchmark.disabled else 10_000, 50) / STORE_FILE)


@pytest.fixture(scope="module")
def shipped() -> tuple[dict[str, str], Catalog]:
    """The shipped clips' transcripts and exercises, as the app has them."""
    library = load_shipped_library(audio_dir())
    return dict(library.transcripts), load_catalog([exercises_dir()], library.languages)


def busiest(store: Store) -> int:
    """The trainee with the most sessions (the slowest to chart)."""
    counts = {t.id: len(journaled(store, t.id)) for t in store.trainees()}
    return max(counts, key=lambda t: counts[t])


def test_bench_a_trainees_charts_open(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures, shipped: Any
) -> None:
    from trainer.ui.progress_view import ProgressDialog

    store = opened(benchmark)
    transcripts, catalog = shipped
    trainee = busiest(store)
    dialogs: list[ProgressDialog] = []

    def open_charts() -> ProgressDialog:
        dialog = ProgressDialog(store, catalog, transcripts, trainee)
        dialog.show()
        qtbot.waitExposed(dialog)  # drawn on screen, the charts with it
        dialogs.append(dialog)
        return dialog

    dialog = benchmark.pedantic(open_charts, rounds=5, iterations=1, warmup_rounds=1)
    if (median := median_ms(benchmark)) is not None:
        figures.record("progress_charts_open_ms", median)
    assert dialog.shown is not None and dialog.shown.sessions == len(journaled(store, trainee))
    assert dialog.speed.data("speed")[0]
    for d in dialogs:
        d.close()
    store.close()


class _Paints(QObject):
    """Counts the paints of the charts' views."""

    def __init__(self, charts: list[Chart]) -> None:
        super().__init__()
        self.counts: Counter[QObject] = Counter()
        self.views = [chart.viewport() for chart in charts]
        for view in self.views:
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.counts[watched] += 1
        return False

    def wait_for_all_since(self, before: Counter[QObject]) -> None:
        """Until every chart has painted since ``before`` (at most 10 s)."""
        deadline = time.monotonic() + 10
        while not all(self.counts[view] > before[view] for view in self.views):
            assert time.monotonic() < deadline, "a chart was not drawn again"
            QApplication.processEvents()


STEPS = 8  # Down presses per round


def test_bench_the_next_trainees_charts_with_the_down_key(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures, shipped: Any
) -> None:
    from trainer.ui.progress_view import ProgressDialog

    store = opened(benchmark)
    transcripts, catalog = shipped
    dialog = ProgressDialog(store, catalog, transcripts, store.trainees()[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    paints = _Paints(dialog.charts())
    steps: list[float] = []

    def step_through() -> None:
        dialog.trainee_combo.setCurrentIndex(0)
        QApplication.processEvents()
        paints.counts.clear()
        for _ in range(STEPS):
            painted = Counter(paints.counts)
            pressed = time.perf_counter()
            qtbot.keyClick(dialog.trainee_combo, Qt.Key.Key_Down)
            paints.wait_for_all_since(painted)
            steps.append(time.perf_counter() - pressed)

    benchmark.pedantic(step_through, rounds=5, iterations=1, warmup_rounds=1)
    if median_ms(benchmark) is not None:
        figures.record("progress_next_trainee_ms", statistics.median(steps) * 1000)
    # the charts show the trainee stepped to, as the store says
    trainee_id = dialog.trainee_id()
    assert dialog.trainee_combo.currentIndex() == STEPS and trainee_id is not None
    expected = trainee_progress(store, trainee_id).series[SPEED]
    assert dialog.speed.data(SPEED) == (
        [p.at.timestamp() for p in expected],
        pytest.approx([p.value for p in expected]),
    )
    # each chart paints once a step (a new value axis' width lays it out again now and then):
    # its new ranges are worked out before its paint, not at it
    assert sum(paints.counts.values()) < 1.5 * len(paints.views) * STEPS
    dialog.close()
    store.close()


def test_bench_the_group_table_of_every_trainee(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures
) -> None:
    from trainer.ui.progress_keys import SORT_ROLE, GroupTable

    store = opened(benchmark)
    table = GroupTable(store)
    qtbot.addWidget(table)

    def fill() -> int:
        table.fill()
        return table.table.rowCount()

    rows = benchmark.pedantic(fill, rounds=5, iterations=1, warmup_rounds=1)
    if (median := median_ms(benchmark)) is not None:
        figures.record("progress_group_table_ms", median)
    assert rows == 50
    # every session of the store is in one trainee's row
    total = sum(table.table.item(r, 1).data(SORT_ROLE) for r in range(rows))
    assert total == sum(1 for _ in store.sessions(SessionFilter(ended_only=True)))
    store.close()


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = work()
    return (time.perf_counter() - start) * 1000, out


def test_bench_per_key_statistics_of_a_trainees_journals(
    benchmark: BenchmarkFixture, figures: Figures, shipped: Any
) -> None:
    store = opened(benchmark)
    transcripts, catalog = shipped
    layout = load_layout(assets_dir() / "keyboards" / "be.json")
    sessions = journaled(store, busiest(store))

    def first_time() -> Any:
        cache = KeyPartsCache()  # nothing read yet
        parts, skipped = key_parts(sessions, catalog, transcripts, layout, cache)
        return key_stats(layout, parts), skipped, cache

    stats, skipped, cache = benchmark.pedantic(first_time, rounds=3, iterations=1)
    if (median := median_ms(benchmark)) is not None:
        figures.record("progress_key_stats_first_ms", median)
        again = sorted(
            _timed(
                lambda: key_stats(
                    layout, key_parts(sessions, catalog, transcripts, layout, cache)[0]
                )
            )[0]
            for _ in range(5)
        )
        figures.record("progress_key_stats_cached_ms", again[2])
        # the next start of the app: the parts read back from the data folder
        with tempfile.TemporaryDirectory() as kept:
            cache.folder = Path(kept)
            cache.save(0, sessions)

            def from_disk() -> object:
                fresh = KeyPartsCache(Path(kept))
                fresh.load(0)
                parts, _skipped = key_parts(sessions, catalog, transcripts, layout, fresh)
                return key_stats(layout, parts)

            read = sorted(_timed(from_disk)[0] for _ in range(5))
        figures.record("progress_key_stats_from_disk_ms", read[2])
    assert skipped == 0 and stats.sessions == len(sessions)
    assert sum(stats.errors_per_key().values()) > 0
    store.close()
