"""An exam room for the central store's exam tests: an exam centre, workstations enrolled by
it, each with a candidate whose parts are taken as the exam run keeps them (``PartKeeper``:
sealed, queued, stored), and what the central store then holds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import psycopg

from tests.exam_keys import RECORDED, enrolled
from trainer.core.exam_status import WorkstationStatus, status_folder
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.exam_room import PartKeeper
from trainer.store.upload import Uploader

PACKAGE = "nl-onthaal"
EXERCISE = "nl-dictee-01-begroeting-en-printer"


def station(centre_key: Path, folder: Path, name: str, url: str | None = None) -> Path:
    """A workstation's data folder, enrolled by the centre (``url``: its settings' central
    store)."""
    folder.mkdir(parents=True, exist_ok=True)
    enrolled(centre_key, folder, name)
    if url is not None:
        (folder / "settings.toml").write_text(f'database_url = "{url}"\n', encoding="utf-8")
    return folder


def take_part(folder: Path, workstation: str, candidate: str, name: str, number: int) -> Path:
    """Part ``number`` of ``candidate``'s exam finished on this workstation: a recorded
    dictation's journal (as the candidate's, on this workstation), scored into its result and
    handed to the exam run's ``PartKeeper``. Returns the exam's folder."""
    from trainer.core.clips import load_shipped_library
    from trainer.core.journal import read_journal
    from trainer.core.loader import load_catalog
    from trainer.core.scoring import score
    from trainer.paths import audio_dir

    exam = folder / "exams" / PACKAGE / candidate
    exam.mkdir(parents=True, exist_ok=True)
    journal_path = exam / f"part-{number:02d}.jsonl"
    lines = RECORDED.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0]) | {"trainee": name, "workstation": workstation, "mode": "exam"}
    journal_path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    entry = load_catalog([exercises_dir()]).by_id(EXERCISE)
    assert entry is not None
    transcripts = load_shipped_library(audio_dir()).transcripts
    result = score(entry.exercise, read_journal(journal_path), transcripts=transcripts)
    result_path = exam / f"part-{number:02d}.result.json"
    result_path.write_text(json.dumps(result.model_dump(mode="json")), encoding="utf-8")
    PartKeeper(folder, [entry.exercise.title] * 9)(number - 1, journal_path, result_path)
    return exam


def heartbeat(folder: Path, workstation: str, candidate: str, name: str, part: int) -> None:
    """The workstation's status file as the exam run writes it while a part runs."""
    status = WorkstationStatus(
        workstation=workstation, candidate=candidate, name=name, package=PACKAGE, part=part,
        parts=2, stage="running", remaining=312.0,
        updated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )  # fmt: skip
    where = status_folder(folder)
    where.mkdir(parents=True, exist_ok=True)
    (where / f"{workstation.replace(' ', '_')}.json").write_text(status.model_dump_json())


def fast(folder: Path, url: str) -> Uploader:
    """A workstation's uploader that tries again within a tenth of a second."""
    return Uploader(folder / STORE_FILE, url, first_wait=0.05, longest_wait=0.2, idle=0.2)


def central_files(url: str) -> dict[tuple[str, str], bytes]:
    """Every exam file in the central store, by (exam, name)."""
    with psycopg.connect(url) as db:
        rows = db.execute("SELECT exam, name, content FROM simultaan_exam_files").fetchall()
    return {(exam, name): bytes(content) for exam, name, content in rows}


def local_files(folder: Path) -> dict[tuple[str, str], bytes]:
    """A workstation's exam files as the central store should hold them."""
    exams = folder / "exams"
    return {
        (f"{p.parent.parent.name}/{p.parent.name}", p.name): p.read_bytes()
        for p in exams.glob(f"{PACKAGE}/*/part-*")
    }


def waiting(folder: Path) -> int:
    """What the workstation still has to send: results and exam files."""
    store = Store(folder / STORE_FILE)
    try:
        return store.waiting_uploads() + store.waiting_files()
    finally:
        store.close()
