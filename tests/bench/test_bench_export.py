"""Exporting a coach's whole store: 10,000 sessions of 50 trainees (a year, made by
``scripts/generate_store.py``) as CSV, through the same filter and rows as ``simultaan export``.

The store is generated within the run the first time (about a minute on two cores) and kept
under /tmp, named by the generator's version and fingerprint (``tests.generated.cached``), so a
later run reuses it. In the normal test run (untimed) a 300-session store checks the same
things without the minute.
"""

from __future__ import annotations

import csv
import io

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.generated import cached
from trainer.core.clips import load_shipped_library
from trainer.core.loader import load_catalog
from trainer.paths import audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.export import exercise_info, rows, write_csv
from trainer.store.session_filter import SessionFilter


def test_bench_export_every_session_as_csv(benchmark: BenchmarkFixture, figures: Figures) -> None:
    sessions = 300 if benchmark.disabled else 10_000
    store = Store(cached(sessions, 50) / STORE_FILE)
    library = load_shipped_library(audio_dir())
    info = exercise_info(load_catalog([exercises_dir()], library.languages))

    def export() -> str:
        out = io.StringIO(newline="")
        write_csv(out, "sessions", rows(store, SessionFilter(), "sessions", info))
        return out.getvalue()

    try:
        text = benchmark.pedantic(export, rounds=5, iterations=1, warmup_rounds=1)
    finally:
        store.close()
    if (median := median_ms(benchmark)) is not None:
        figures.record("export_10000_sessions_csv_ms", median)
    found = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(found) == sessions
    assert len({r["trainee"] for r in found}) == 50
    assert {r["kind"] for r in found} == {"copy", "dictation", "call"}
