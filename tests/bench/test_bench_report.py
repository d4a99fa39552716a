"""A session's report rendered from the generated store of 10,000 sessions of 50 trainees
(``scripts/generate_store.py``, kept under /tmp as for the export benchmark): the longest call
and the longest copy drill of the store (by their journal's size), each as HTML and as PDF, the
way ``simultaan report --session ID`` and the results pages' "Rapport" button make it: the
journal read, the session scored, the facts, words and pictures made and the file written.
In the normal test run (untimed) a 300-session store checks the same once."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.generated import cached
from trainer.core.clips import load_shipped_library
from trainer.core.journal import read_journal
from trainer.core.loader import Catalog, load_catalog
from trainer.core.scoring import score
from trainer.paths import audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, SessionRow, Store
from trainer.store.session_filter import SessionFilter, exercise_ids


def _longest(folder: Path, catalog: Catalog, kind: str) -> SessionRow:
    """The ended session of this kind with the longest journal (the most to report)."""
    store = Store(folder / STORE_FILE)
    chosen = SessionFilter(ended_only=True, exercise_ids=exercise_ids(catalog, kinds=[kind]))
    try:
        rows = list(store.sessions(chosen, brief=True))
    finally:
        store.close()
    return max(rows, key=lambda r: r.journal_path.stat().st_size)


@pytest.mark.parametrize("kind", ["call", "copy"])
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_bench_a_report_renders(
    qapp: Any, benchmark: BenchmarkFixture, figures: Figures, tmp_path: Path, kind: str, fmt: str
) -> None:
    from trainer.ui.report import write_report

    sessions = 300 if benchmark.disabled else 10_000
    library = load_shipped_library(audio_dir())
    catalog = load_catalog([exercises_dir()], library.languages)
    row = _longest(cached(sessions, 50), catalog, kind)
    entry = catalog.by_id(row.exercise_id)
    assert entry is not None
    out = tmp_path / f"report.{fmt}"

    def render() -> Any:
        journal = read_journal(row.journal_path)
        result = score(entry.exercise, journal, transcripts=library.transcripts)
        write_report(  # as the app's Rapport button and the command do: the library they hold
            out,
            fmt,
            entry.exercise,
            journal,
            result,
            transcripts=library.transcripts,
            clips=library,
        )
        return result

    result = benchmark.pedantic(render, rounds=5, iterations=1, warmup_rounds=1)
    if (median := median_ms(benchmark)) is not None:
        figures.record(f"report_{'drill' if kind == 'copy' else kind}_{fmt}_ms", median)
    assert result.trainee == row.trainee
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
    else:
        page = out.read_text(encoding="utf-8")
        assert html.escape(row.trainee) in page and "data:image/png;base64," in page


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_bench_a_long_exams_report_renders(
    qapp: Any, benchmark: BenchmarkFixture, figures: Figures, tmp_path: Path, fmt: str,
    long_exam: Any,
) -> None:  # fmt: skip
    """A 30-minute exam's report (12,000 characters, 3% errors): what an exam bundle holds for
    each candidate's copy part."""
    from trainer.ui.report import write_report

    exercise, path, _result = long_exam
    out = tmp_path / f"report.{fmt}"

    def render() -> Any:
        journal = read_journal(path)
        result = score(exercise, journal)
        write_report(out, fmt, exercise, journal, result)
        return result

    result = benchmark.pedantic(render, rounds=5, iterations=1, warmup_rounds=1)
    if (median := median_ms(benchmark)) is not None:
        figures.record(f"report_exam_12000_{fmt}_ms", median)
    assert result.typing is not None and result.typing.reference_chars == 12_000
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
    else:
        page = out.read_text(encoding="utf-8")
        # the typed text under the reference, every error marked: one span per error
        assert page.count('<span style="background-color:') >= len(result.typing.errors)
