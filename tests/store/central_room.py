"""Workstations of an exam room for the central store's tests: a local store each, sessions
with real journal headers, and what the central store holds."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from trainer.store.db import STORE_FILE, Store


def workstation(folder: Path, name: str) -> Store:
    """A workstation's local store in ``folder`` (made), with its candidate."""
    store = Store(folder / STORE_FILE)
    store.trainee_named(f"Kandidaat {name}")
    return store


def take_part(store: Store, workstation_name: str, number: int, *, passed: bool = True) -> int:
    """One exam part taken and saved on this workstation: its journal's header written, the
    session started and finished with a result. Returns the session's id."""
    [trainee] = store.trainees()
    journal = store.folder / "journals" / "2026-11-30" / f"0930{number:02d}-000000-nl-copy.jsonl"
    journal.parent.mkdir(parents=True, exist_ok=True)
    header = {
        "type": "header",
        "exercise_id": "nl-copy-examen",
        "trainee": trainee.name,
        "workstation": workstation_name,
        "started_at": f"2026-11-30T09:30:{number % 60:02d}+01:00",
    }
    journal.write_text(json.dumps(header) + "\n", encoding="utf-8")
    session = store.start_session(
        trainee.id, "nl-copy-examen", "h1", "Examen kopiëren", "exam", journal
    )
    result = {
        "kind": "copy",
        "passed": passed,
        "typing": {"error_rate": 0.01 * number, "unit": "word", "margin": "0.03", "wpm": 41.5},
    }
    store.finish_session(session, "finished", result)
    return session


def central_rows(url: str) -> list[tuple[str, str, str, bool, dict[str, object]]]:
    """What the central store holds: (uid, workstation, trainee, passed, result) per row."""
    with psycopg.connect(url) as db:
        return db.execute(
            "SELECT uid, workstation, trainee, passed, result FROM simultaan_results ORDER BY uid"
        ).fetchall()


def wait_for(what: Callable[[], bool], seconds: float = 30.0) -> None:
    """Wait until ``what`` holds (polled), failing after ``seconds``."""
    end = time.monotonic() + seconds
    while not what():
        if time.monotonic() > end:
            raise AssertionError(f"still not so after {seconds} s")
        time.sleep(0.02)


def local_uids(store: Store) -> set[str]:
    """The uids of the sessions in a local store."""
    return {r[0] for r in store._db.execute("SELECT uid FROM sessions")}
