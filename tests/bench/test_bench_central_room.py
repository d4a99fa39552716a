"""A room of thirty workstations writing to one central store at once (a real PostgreSQL
server, tests/postgres.py): each workstation a thread with its own local store and its own
uploader, each saving its candidates' parts as fast as it can while the uploaders send them.

Timed (``./run-tests --bench -k central``): 30 workstations x 40 parts = 1,200 results, from
the first part saved to the last one committed in the central store; every result must be
there exactly once. Untimed (the normal run): 30 x 3, the same checks.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures
from tests.postgres import PostgresServer
from tests.store.central_room import central_rows, local_uids, take_part, wait_for, workstation
from trainer.store.db import Store
from trainer.store.upload import Uploader

WORKSTATIONS = 30


def a_room(folder: Path, url: str, parts: int) -> tuple[float, float, list[Store]]:
    """Thirty workstations save ``parts`` results each while their uploaders send them;
    returns the seconds until every result was in the central store, the seconds of that
    after the last part was saved, and the stores."""
    stores = [workstation(folder / f"ws{n:02d}", f"{n:02d}") for n in range(WORKSTATIONS)]
    uploaders = [Uploader(s.path, url) for s in stores]  # (with the app's own waits)
    for uploader in uploaders:
        uploader.start()

    def exam(n: int) -> None:
        local = Store(stores[n].path)  # (a store per thread, as on the workstation)
        for part in range(1, parts + 1):
            take_part(local, f"ws{n:02d}", part)
            uploaders[n].nudge()  # as the status bar does when a result was stored
        local.close()

    room = [threading.Thread(target=exam, args=(n,)) for n in range(WORKSTATIONS)]
    began = time.perf_counter()
    for candidate in room:
        candidate.start()
    for candidate in room:
        candidate.join()
    saved = time.perf_counter()
    try:
        wait_for(lambda: all(s.waiting_uploads() == 0 for s in stores), 120)
        arrived = time.perf_counter()
    finally:
        for uploader in uploaders:
            uploader.stop()
    return arrived - began, arrived - saved, stores


def test_bench_thirty_workstations_write_to_the_central_store_at_once(
    benchmark: BenchmarkFixture,
    figures: Figures,
    postgres_server: PostgresServer,
    tmp_path_factory,
) -> None:
    parts = 3 if benchmark.disabled else 40
    rooms: list[tuple[str, list[Store]]] = []
    seconds: list[tuple[float, float]] = []

    def run() -> None:
        url = postgres_server.new_database()
        took, after, stores = a_room(tmp_path_factory.mktemp("room"), url, parts)
        seconds.append((took, after))
        rooms.append((url, stores))

    benchmark.pedantic(run, rounds=3, iterations=1)
    for url, stores in rooms:
        uids = [r[0] for r in central_rows(url)]
        assert len(uids) == WORKSTATIONS * parts  # every result, none twice
        assert set(uids) == set().union(*(local_uids(s) for s in stores))
        for store in stores:
            store.close()
    if not benchmark.disabled:
        figures.record("central_room_1200_results_s", _median([t for t, _ in seconds]))
        figures.record("central_room_last_result_s", _median([a for _, a in seconds]))


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]
