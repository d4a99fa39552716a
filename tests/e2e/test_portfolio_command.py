"""``simultaan portfolio`` as a coach runs it on a generated store (200 sessions, 3 trainees):
a real process writes the PDF, and ``pdftotext`` reads it as an assessor would: the trainee's
name, every competence code of the four profiles, the date of a best result; in French with
``--lang fr``; an unknown trainee or a wrong file name is said, with exit codes 1 and 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.test_cli import run
from tests.e2e.test_report import pdf_text
from tests.generated import cached
from trainer.core.loader import load_catalog
from trainer.core.portfolio import PROFILES
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.portfolio import trainee_portfolio
from trainer.store.session_filter import SessionFilter

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
NAME = "Imane Mertens"


@pytest.fixture(scope="module")
def data() -> Path:
    return cached(200, 3)


def portfolio(data: Path, *args: str | Path) -> tuple[int, str, str]:
    done = run("--data-dir", data, "portfolio", *args)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def test_the_pdf_names_the_trainee_every_code_and_a_best_results_date(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "imane.pdf"
    code, said, _ = portfolio(data, "--lang", "nl", "--trainee", "imane mertens", "-o", out)
    assert code == 0 and str(out) in said
    text = pdf_text(out)
    flat = " ".join(text.split())  # (a code may wrap in its cell)
    assert NAME in text and "Competentieportfolio" in text
    for codes in PROFILES.values():
        for competence in codes:
            assert competence.split()[-1] in flat, competence
    assert "nog geen bewijs" in flat  # the spoken competences: no exercise assesses them
    store = Store(data / STORE_FILE)
    try:
        facts = trainee_portfolio(store, store.trainee_named(NAME), load_catalog([exercises_dir()]))
    finally:
        store.close()
    best = facts.competences["D140801 Id17852"].best
    assert best is not None and best.started_at[:10] in text
    copy = next(t for t in facts.typing if t.kind == "copy")
    assert copy.best is not None and copy.best.started_at[:10] in text
    assert f"{copy.best.score:.1f}".replace(".", ",") in text


def test_in_french(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "imane-fr.pdf"
    code, said, _ = portfolio(data, "--lang", "fr", "--trainee", NAME, "-o", out)
    assert code == 0 and "portfolio écrit dans" in said
    flat = " ".join(pdf_text(out).split())
    assert "Portfolio de compétences" in flat and "Stagiaire" in flat
    assert "pas encore de preuve" in flat and "Opérateur de centre d'appel" in flat
    assert "nog geen bewijs" not in flat


def test_html_opens_on_its_own(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "imane.html"
    code, _, _ = portfolio(data, "--lang", "en", "--trainee", NAME, "-o", out)
    page = out.read_text(encoding="utf-8")
    assert code == 0 and NAME in page and "Competence portfolio" in page
    assert "http" not in page and "src=" not in page  # nothing outside it


def test_an_unknown_trainee_is_said_and_exits_1(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "nobody.pdf"
    code, _, err = portfolio(data, "--lang", "en", "--trainee", "Jan Janssens", "-o", out)
    assert code == 1 and not out.exists()
    assert "no trainee named 'Jan Janssens'" in err and NAME in err  # and who there is


def test_a_file_name_without_pdf_or_html_exits_2(data: Path, tmp_path: Path) -> None:
    code, _, err = portfolio(data, "--lang", "en", "--trainee", NAME, "-o", tmp_path / "x.doc")
    assert code == 2 and "must end in .pdf or .html" in err


def test_an_unwritable_file_is_said_and_exits_1(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "imane.pdf"
    code, _, err = portfolio(data, "--lang", "en", "--trainee", NAME, "-o", out)
    assert code == 1 and "cannot write the portfolio" in err


def _block(text: str, code: str) -> list[str]:
    """Each row of ``code`` in the PDF's tables (pdftotext -layout): its lines up to the next
    competence's code, flattened (a cell wraps over several lines)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if CODE.match(line)]
    rows = []
    for n, i in enumerate(starts):
        if lines[i].split()[:2] == code.split()[:2]:
            end = starts[n + 1] if n + 1 < len(starts) else min(i + 8, len(lines))
            rows.append(" ".join(" ".join(lines[i:end]).split()))
    return rows


CODE = re.compile(r"^\s*(co \d|D140801 |I140101 )")


def test_a_coach_s_assessment_is_evidence_beside_the_automatic_one(
    data: Path, tmp_path: Path
) -> None:
    """A copy of the store in which a coach assessed one of the trainee's calls with the rubric:
    the spoken competences she judged show the coach, the day and the score, not 'nog geen
    bewijs'; one she did not judge still says it."""
    from trainer.core.rubric import Assessment, CompetenceAssessment

    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    store = Store(copy / STORE_FILE)
    try:
        trainee = store.trainee_named(NAME)
        hers = store.sessions(SessionFilter(trainee_ids=frozenset({trainee.id})))
        calls = [s for s in hers if s.result and s.result.get("kind") == "call"]
        calls = [s for s in calls if "passed" in s.result]  # type: ignore[operator]
        session = max(calls, key=lambda s: s.started_at)
        store.save_assessment(
            Assessment(
                session.id,
                "Marleen Peeters",
                (
                    CompetenceAssessment(
                        "co 01671", {"greeting": 3, "clarifying": 2}, "Vraagt door."
                    ),
                    CompetenceAssessment("co 02795", {"explaining": 2, "checking": 2}),
                ),
            )
        )
    finally:
        store.close()
    out = tmp_path / "imane.pdf"
    code, _, _ = portfolio(copy, "--lang", "nl", "--trainee", NAME, "-o", out)
    assert code == 0
    text = pdf_text(out)
    day = session.started_at[:10]
    talk = _block(text, "co 01671")
    assert len(talk) == 3  # contact centre, call centre, helpdesk
    for row in talk:
        assert "Marleen Peeters" in row and day in row and "gemiddeld 2,5 van 3" in row, row
        assert "Vraagt door." in row and "nog geen bewijs" not in row
    [explain] = _block(text, "co 02795")
    assert "2 voldoende" in explain and "nog geen bewijs" not in explain
    assert "beoordeeld door" in explain and "(sessies: 1)" in explain  # (the cell wraps)
    [complaints] = _block(text, "co 0167 ")
    assert "nog geen bewijs" in complaints and "Peeters" not in complaints
