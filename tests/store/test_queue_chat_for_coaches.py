"""A queue shift and a chat session in a real store, as a coach meets them afterwards: reopened
as past results, exported, in the portfolio and the progress charts, in adaptive practice's
history, and refused by name in an exam package. The sessions are the shipped level-1 shift
with a ticket sent to the wrong team and the shipped password chat with a reply short of its
facts (tests/queue_chat_sessions.py), scored and stored as the app stores them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.queue_chat_sessions import (
    CHAT_ID,
    QUEUE_ID,
    TRAINEE,
    WRONG_TEAM_CONTACT,
    chat_session,
    queue_session,
)
from trainer.core.chat_scoring import ChatResult
from trainer.core.exercise import content_hash
from trainer.core.loader import Catalog, load_catalog
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.store.db import Store


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([exercises_dir()])


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Store, dict[str, int], dict[str, object]]:
    """A store holding the two sessions, their journals in its folder, as the app ends them."""
    store = Store(tmp_path / "simultaan.sqlite3")
    trainee = store.add_trainee(TRAINEE)
    journals = tmp_path / "journals"
    journals.mkdir()
    ids, results = {}, {}
    for kind, make in (("queue", queue_session), ("chat", chat_session)):
        exercise, journal = make(journals, f"{kind}.jsonl")
        result = score(exercise, journal)
        sid = store.start_session(
            trainee.id,
            exercise.id,
            content_hash(exercise),
            exercise.title,
            "practice",
            journals / f"{kind}.jsonl",
            started_at=f"2026-11-2{3 if kind == 'queue' else 4}T10:00:00+01:00",
        )
        store.finish_session(sid, "finished", result.model_dump(mode="json"))
        ids[kind], results[kind] = sid, result
    yield store, ids, results
    store.close()


def test_past_results_reopen_as_the_trainee_saw_them(stored, catalog: Catalog) -> None:
    from trainer.store.past_result import past_result

    store, ids, results = stored
    for kind, model in (("queue", QueueResult), ("chat", ChatResult)):
        row = store.session(ids[kind])
        assert row is not None
        shown = past_result(row, catalog, data_folder=store.folder)
        assert isinstance(shown.result, model) and shown.rescored is None
        assert shown.result == results[kind] and not shown.result.passed


def test_the_export_names_the_kinds_and_counts_their_competences(stored, tmp_path: Path) -> None:
    from tests.e2e.test_cli import run  # (the command in a process of its own, as a coach)

    store, _ids, _results = stored
    data = str(store.folder)
    out = tmp_path / "sessions.csv"
    assert run("export", "--data-dir", data, "--format", "csv", "-o", out).returncode == 0
    rows = {r["exercise_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    queue, chat = rows[QUEUE_ID], rows[CHAT_ID]
    assert (queue["kind"], chat["kind"]) == ("queue", "chat")
    assert queue["passed"] == chat["passed"] == "false"
    assert (queue["competences_assessed"], queue["competences_shown"]) == ("8", "7")
    assert (chat["competences_assessed"], chat["competences_shown"]) == ("5", "3")
    # a chat's form is counted as a call's; a shift has none
    assert (chat["fields_checked"], chat["fields_right"]) == ("2", "2")
    assert queue["fields_checked"] == ""
    # only one kind, and its competences one by one with their reasons' codes
    picked = tmp_path / "queue.json"
    argv = ["export", "--data-dir", data, "--kind", "queue", "--table", "competences"]
    assert run(*argv, "--format", "json", "-o", picked).returncode == 0
    found = json.loads(picked.read_text(encoding="utf-8"))["rows"]
    assert {r["exercise_id"] for r in found} == {QUEUE_ID}
    team = next(r for r in found if r["code"] == "D140801 Id16426")
    assert team["shown"] is False and team["reasons"] == ["team_wrong"]


def test_the_portfolio_holds_the_new_competences_evidence(stored, catalog: Catalog) -> None:
    from trainer.store.portfolio import trainee_portfolio

    store, ids, results = stored
    folio = trainee_portfolio(store, store.trainee_named(TRAINEE), catalog)
    codes = folio.competences
    assert folio.sessions == 2
    # the shift: tickets by SLA shown, the ticket sent to the wrong team not
    assert (codes["co 01672"].assessed, codes["co 01672"].shown) == (1, 1)
    routing = codes["D140801 Id16426"]
    assert (routing.assessed, routing.shown) == (1, 0)
    assert routing.latest is not None and routing.latest.session_id == ids["queue"]
    # all of its contacts but the printer's as expected: the evidence's figure
    contacts = len(results["queue"].contacts)
    assert contacts >= 4 and routing.latest.score == pytest.approx((contacts - 1) / contacts)
    # the chat: the written reply without its thanks is communication not shown
    spoken = codes["co 01671"]
    assert (spoken.assessed, spoken.shown) == (1, 0)
    assert spoken.latest is not None and spoken.latest.session_id == ids["chat"]


def test_the_progress_charts_count_their_competences_and_keys(stored, catalog: Catalog) -> None:
    from trainer.core.keyboard import load_layout
    from trainer.paths import assets_dir
    from trainer.store.progress import journaled, key_parts, trainee_progress

    store, _ids, _results = stored
    trainee = store.trainee_named(TRAINEE)
    found = trainee_progress(store, trainee.id, "session")
    assert [p.value for p in found.competences["D140801 Id16426"]] == [0.0]
    assert [p.value for p in found.competences["co 01671"]] == [0.0]
    assert [p.value for p in found.series["pass_rate"]] == [0.0, 0.0]
    layout = load_layout(assets_dir() / "keyboards" / "be.json")
    parts, skipped = key_parts(journaled(store, trainee.id), catalog, {}, layout)
    assert skipped == 0 and len(parts) == 2  # none left out of the key statistics
    # the chat's replies were typed key by key: each key's pause counts for the hesitations
    chat_keys = sum(len(e.text or "") for e in chat_session_keys(store))
    assert chat_keys > 100 and sum(len(p.pauses) for p in parts) == chat_keys - 1


def chat_session_keys(store: Store) -> list:  # type: ignore[type-arg]
    from trainer.core.journal import read_journal

    return read_journal(store.folder / "journals" / "chat.jsonl").keys


def test_adaptive_practice_reads_their_history(stored, tmp_path: Path) -> None:
    from trainer.store.practice_history import history, make_drill

    store, _ids, _results = stored
    catalog = load_catalog([exercises_dir()])  # (the drill is added to it)
    trainee = store.trainee_named(TRAINEE).id
    found = history(store, catalog, trainee)
    assert len(found) == 2 and {h.language for h in found} == {"nl"}
    # the word the chat's reply misspelt is the one to practise, in a drill of real texts
    drill = make_drill(store, catalog, trainee, tmp_path, {}).exercise
    assert "'herstellen'" in drill.title and "herstel" in drill.text


def test_an_exam_package_naming_a_queue_or_a_chat_is_refused_at_its_line(
    tmp_path: Path, catalog: Catalog
) -> None:
    from tests.core.test_exam_package import package_text, write
    from trainer.core.exam_package import load_package
    from trainer.core.yaml_source import SourceFileError

    parts = (
        f"  - exercise: {QUEUE_ID}\n    time_limit: 900\n"  # line 9
        f"  - exercise: {CHAT_ID}\n    time_limit: 600\n"  # line 11
        "  - exercise: nl-gesprek-05-bestelling-bureaustoelen\n    time_limit: 360\n"
    )
    path = write(tmp_path, package_text(parts=parts))
    with pytest.raises(SourceFileError) as raised:
        load_package(path, catalog)
    found = [(p.line, p.message.code, p.message.params) for p in raised.value.problems]
    assert found == [
        (9, "package_kind_not_in_exams", {"id": QUEUE_ID, "kind": "queue"}),
        (11, "package_kind_not_in_exams", {"id": CHAT_ID, "kind": "chat"}),
    ]  # (the call fits)


def test_the_contact_sent_to_the_wrong_team_is_the_one_counted(stored) -> None:
    _store, _ids, results = stored
    queue = results["queue"]
    wrong = [c.id for c in queue.contacts if c.reasons]
    assert wrong == [WRONG_TEAM_CONTACT]
