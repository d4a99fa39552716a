"""``simultaan portfolio`` as a coach runs it on a generated store (200 sessions, 3 trainees):
a real process writes the PDF, and ``pdftotext`` reads it as an assessor would: the trainee's
name, every competence code of the four profiles, the date of a best result; in French with
``--lang fr``; an unknown trainee or a wrong file name is said, with exit codes 1 and 2."""

from __future__ import annotations

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
