"""An exam centre and its enrolled stations, made for tests with the real keys and files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from trainer.seal import keys
from trainer.seal.parts import seal_part
from trainer.store.db import Store


def centre(folder: Path, name: str = "Examencentrum Gent") -> Path:
    """A new centre's folder (centre.key, centre.crt); returns the key's path."""
    key_path, _ = keys.make_centre(folder, name)
    return key_path


def enrolled(centre_key: Path, data_folder: Path, name: str = "Lokaal 2 - PC 07") -> Path:
    """A station enrolled by the centre, its folder copied where it belongs (DATA/exam)."""
    return keys.enrol(centre_key, keys.station_folder(data_folder), name)


def finished_part(folder: Path, stem: str = "deel-1") -> tuple[Path, Path]:
    """A part's journal and result as the exam run leaves them (content only: the seal reads
    bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / f"{stem}.jsonl"
    journal.write_text(
        '{"type":"header","exercise_id":"nl-copy-exam-1","trainee":"K-0412"}\n'
        '{"type":"key","t":1.25,"text":"G"}\n'
        '{"type":"end","t":600.0,"reason":"time_up"}\n',
        encoding="utf-8",
    )
    result = folder / f"{stem}.result.json"
    result.write_text(json.dumps({"passed": False, "error_rate": 0.0412}), encoding="utf-8")
    return journal, result


RECORDED = Path(__file__).resolve().parent / "core" / "recorded" / "dictation-nl-dictee-01.jsonl"


def stored_exam(store: Store, data_folder: Path, parts: int = 2, *, seal: bool = True) -> Path:
    """A candidate's exam as the exam run leaves it: ``parts`` recorded dictations (Sofie
    Maes's journal) in DATA/exams/nl-onthaal/K-0412/, each scored into its result file,
    sealed by this station and stored as a session in exam mode; returns the exam's folder."""
    from trainer.core.clips import load_shipped_library
    from trainer.core.journal import read_journal
    from trainer.core.loader import load_catalog
    from trainer.core.scoring import score
    from trainer.paths import audio_dir, exercises_dir

    folder = data_folder / "exams" / "nl-onthaal" / "K-0412"
    folder.mkdir(parents=True)
    entry = load_catalog([exercises_dir()]).by_id("nl-dictee-01-begroeting-en-printer")
    assert entry is not None
    transcripts = load_shipped_library(audio_dir()).transcripts
    for number in range(1, parts + 1):
        journal_path = folder / f"part-{number:02d}.jsonl"
        shutil.copyfile(RECORDED, journal_path)
        journal = read_journal(journal_path)
        result = score(entry.exercise, journal, transcripts=transcripts).model_dump(mode="json")
        result_path = folder / f"part-{number:02d}.result.json"
        result_path.write_text(json.dumps(result), encoding="utf-8")
        if seal:  # by this data folder's station, as the exam run seals
            seal_part(
                journal_path, result_path, keys.load_station(keys.station_folder(data_folder))
            )
        trainee = store.trainee_named(journal.header.trainee)
        session = store.start_session(
            trainee.id, entry.exercise.id, journal.header.exercise_hash, entry.exercise.title,
            "exam", journal_path, started_at=journal.header.started_at,
        )  # fmt: skip
        store.finish_session(session, "finished", result)
    return folder
