"""The evaluators' verdicts and sign-off on a candidate's exam (store schema 8): two parts of
a recorded dictation sealed by the workstation, read back with their evidence per competence;
two different evaluators who agree sign off, sealed by the evaluator station; each rule
broken once (one evaluator twice, no second verdict, disagreement, a part altered, a verdict
changed after the sign-off). A schema 7 store is brought up with its sessions kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.exam_keys import centre, enrolled, stored_exam
from trainer.seal.verify import verify_path
from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, STORE_FILE, Store
from trainer.store.exam_sheet import exam_sheets, record_verdict, sign_off
from trainer.store.session_filter import SessionFilter
from trainer.store.verdicts import Verdict, VerdictRefused


@pytest.fixture
def station(tmp_path: Path, data_dir: Path) -> Path:
    return enrolled(centre(tmp_path / "centre"), data_dir)


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir / STORE_FILE)


def test_the_parts_read_back_with_their_seal_and_evidence(
    store: Store, station: Path, data_dir: Path
) -> None:
    folder = stored_exam(store, data_dir)
    (sheet,) = exam_sheets(store)
    assert (sheet.exam, sheet.candidate, sheet.folder) == (
        "nl-onthaal/K-0412",
        "Sofie Maes",
        folder,
    )
    assert [Path(p.row.journal_path).name for p in sheet.parts] == [
        "part-01.jsonl",
        "part-02.jsonl",
    ]
    assert sheet.intact and not sheet.signed_off
    codes = dict(sheet.parts[0].evidence)
    within = bool(
        sheet.parts[0].row.result and sheet.parts[0].row.result["typing"]["within_margin"]
    )
    assert codes == {"D140801 Id17267": within, "co 01670": within}


def _verdicts(
    store: Store, sheet_exam: str, second: str = "Marc Claes", passed: bool = True
) -> None:
    (sheet,) = exam_sheets(store)
    record_verdict(store, sheet, Verdict(sheet_exam, 1, "Els Wouters", True, "vlot en juist"))
    record_verdict(store, sheet, Verdict(sheet_exam, 2, second, passed, ""))


def test_two_evaluators_who_agree_sign_off_sealed(
    store: Store, station: Path, data_dir: Path
) -> None:
    folder = stored_exam(store, data_dir)
    _verdicts(store, "nl-onthaal/K-0412")
    (sheet,) = exam_sheets(store)
    seal = sign_off(store, sheet)
    signed = json.loads((folder / "signoff.json").read_text(encoding="utf-8"))
    assert signed["decision"] == "pass"
    assert [v["evaluator"] for v in signed["verdicts"]] == ["Els Wouters", "Marc Claes"]
    assert [p["journal"] for p in signed["parts"]] == ["part-01.jsonl", "part-02.jsonl"]
    assert [c.status for c in verify_path(seal, station / "centre.crt")] == ["intact"]
    (sheet,) = exam_sheets(store)
    assert sheet.signed_off
    with pytest.raises(VerdictRefused) as refused:  # the verdicts are fixed now
        record_verdict(store, sheet, Verdict(sheet.exam, 2, "Marc Claes", False, "toch niet"))
    assert refused.value.message.code == "verdict_signed_off"
    assert store.verdicts(sheet.exam)[2].passed


def test_one_evaluator_cannot_take_both_seats(store: Store, station: Path, data_dir: Path) -> None:
    stored_exam(store, data_dir)
    with pytest.raises(VerdictRefused) as refused:
        _verdicts(store, "nl-onthaal/K-0412", second=" els  WOUTERS")
    assert refused.value.message.code == "verdict_same_evaluator"
    assert list(store.verdicts("nl-onthaal/K-0412")) == [1]


def test_a_verdict_needs_a_name(store: Store, station: Path, data_dir: Path) -> None:
    stored_exam(store, data_dir)
    (sheet,) = exam_sheets(store)
    with pytest.raises(VerdictRefused) as refused:
        record_verdict(store, sheet, Verdict(sheet.exam, 1, "  ", True, ""))
    assert refused.value.message.code == "verdict_needs_name"


def test_no_sign_off_with_one_verdict_or_two_that_differ(
    store: Store, station: Path, data_dir: Path
) -> None:
    folder = stored_exam(store, data_dir)
    (sheet,) = exam_sheets(store)
    record_verdict(store, sheet, Verdict(sheet.exam, 1, "Els Wouters", True, ""))
    with pytest.raises(VerdictRefused) as refused:
        sign_off(store, sheet)
    assert refused.value.message.code == "signoff_needs_two"
    record_verdict(store, sheet, Verdict(sheet.exam, 2, "Marc Claes", False, "te traag"))
    with pytest.raises(VerdictRefused) as refused:
        sign_off(store, sheet)
    assert refused.value.message.code == "signoff_disagree"
    assert not (folder / "signoff.json").exists()


def test_no_sign_off_on_altered_evidence(store: Store, station: Path, data_dir: Path) -> None:
    folder = stored_exam(store, data_dir)
    journal = folder / "part-02.jsonl"
    journal.write_text(journal.read_text(encoding="utf-8").replace('"G"', '"g"', 1), "utf-8")
    _verdicts(store, "nl-onthaal/K-0412")
    (sheet,) = exam_sheets(store)
    assert not sheet.intact
    with pytest.raises(VerdictRefused) as refused:
        sign_off(store, sheet)
    assert refused.value.message.code == "signoff_parts_not_intact"
    assert refused.value.message.params["parts"] == ["part-02.jsonl"]


def test_a_schema_7_store_gets_the_verdicts_and_keeps_its_sessions(
    data_dir: Path, station: Path
) -> None:
    path = data_dir / STORE_FILE
    with sqlite3.connect(path) as db:
        db.executescript("".join(_MIGRATIONS[n] for n in range(1, 8)) + "PRAGMA user_version = 7;")
        db.execute("INSERT INTO trainees (name, created_at) VALUES ('Sofie Maes', '2026-11-30')")
    assert SCHEMA_VERSION >= 8  # (and brought up to the newest)
    store = Store(path)
    assert store.trainee_named("sofie maes").id == 1
    kept = store.save_verdict(Verdict("nl-onthaal/K-0412", 1, "Els Wouters", True, "ok"))
    assert store.verdicts("nl-onthaal/K-0412") == {1: kept}
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_call_part_kept_by_its_desk_is_found_by_its_sealed_copy(
    store: Store, station: Path, data_dir: Path
) -> None:
    """A call's session is its desk's (its journal among the other journals); the exam run
    copies that journal into the exam's folder, where it is sealed."""
    import shutil

    from tests.exam_keys import RECORDED
    from trainer.seal.parts import seal_part
    from trainer.store.past_result import past_result

    folder = stored_exam(store, data_dir, parts=1)
    desk = data_dir / "journals" / "2026-11" / "gesprek.jsonl"
    desk.parent.mkdir(parents=True)
    later = RECORDED.read_text(encoding="utf-8").replace("T12:28:30", "T13:28:30", 1)
    desk.write_text(later, encoding="utf-8")  # (another call than part 1's journal)
    result = json.loads((folder / "part-01.result.json").read_text(encoding="utf-8"))
    shutil.copyfile(desk, folder / "part-02.jsonl")  # as finish_hosted_part copies it
    (folder / "part-02.result.json").write_text(json.dumps(result), encoding="utf-8")
    seal_part(folder / "part-02.jsonl", folder / "part-02.result.json")
    trainee = store.trainee_named("Sofie Maes")
    row = store.session(store.sessions(SessionFilter()).__next__().id)
    assert row is not None
    session = store.start_session(
        trainee.id, row.exercise_id, "h", row.exercise_title, "exam", desk,
        started_at="2026-11-30T13:00:00+00:00",
    )  # fmt: skip
    store.finish_session(session, "finished", result)

    (sheet,) = exam_sheets(store)
    assert [p.name for p in sheet.parts] == ["part-01", "part-02"]
    assert sheet.intact
    from trainer.core.loader import load_catalog
    from trainer.paths import exercises_dir

    catalog = load_catalog([exercises_dir()])
    desk_row = store.session(session)
    assert desk_row is not None
    shown = past_result(desk_row, catalog, data_folder=data_dir)
    assert shown.seal is not None and shown.seal.status == "intact"

    desk.write_text(desk.read_text(encoding="utf-8").replace('"G"', '"g"', 1), "utf-8")
    (sheet,) = [s for s in exam_sheets(store) if s.exam == "nl-onthaal/K-0412"]
    assert [p.intact for p in sheet.parts] == [True]  # the desk's journal is no part now
    shown = past_result(desk_row, catalog, data_folder=data_dir)
    assert shown.seal is not None and shown.seal.status == "unsigned"
