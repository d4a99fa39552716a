"""An exam centre and its enrolled stations, made for tests with the real keys and files."""

from __future__ import annotations

import json
from pathlib import Path

from trainer.seal import keys


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
