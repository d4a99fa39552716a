"""``simultaan report`` as a coach runs it: a real process writes the file, and the test reads
it as a person would: the PDF through ``pdftotext``, the HTML as one page with nothing outside
it, the CSV in a spreadsheet's reader. The sessions are a shipped call played through the
call engine (one address typed wrong) and a shipped copy drill typed key by key."""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.e2e.test_cli import run
from tests.report_sessions import CALL_ID, DRILL_ID, WRONG_VALUE, call_session, drill_session
from trainer.core.call_competences import COMPETENCES
from trainer.core.call_scoring import CallResult
from trainer.core.scoring import SessionResult, score
from trainer.store.db import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sessions")
    call_session(folder)
    drill_session(folder)
    return {"call": folder / "call.jsonl", "drill": folder / "drill.jsonl", "folder": folder}


def report(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = run("report", *args)
    assert "Traceback" not in done.stderr
    return done


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # (pdftotext writes the ligatures fi, fl as one character)
    return done.stdout.replace("\ufb01", "fi").replace("\ufb02", "fl")


def dutch(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


@pytest.fixture(scope="module")
def call_pdf(sessions: dict[str, Path]) -> str:
    out = sessions["folder"] / "call.pdf"
    done = report("--lang", "nl", CALL_ID, sessions["call"], "-o", out)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    assert out.read_bytes().startswith(b"%PDF")
    return pdf_text(out)


def test_the_call_pdf_says_the_verdict_the_competences_and_the_field_typed_wrong(
    call_pdf: str, sessions: dict[str, Path]
) -> None:
    text = call_pdf
    assert "NIET GESLAAGD" in text
    assert "Sofie Maes" in text and CALL_ID in text.replace("-\n", "-").replace(" ", "")
    for code in COMPETENCES:
        assert code in text, code
    # the two competences the wrong address costs, and why, in the coach's words
    assert "Niet getoond: D140801 Id17852, co 01670." in text
    assert f"'{WRONG_VALUE}' is fout" in text
    # the data-entry table: expected, entered, verdict, seconds after it was said (the
    # addresses wrap before their number, beside the column of times in the recording)
    lines = text.splitlines()
    row = next(line for line in lines if re.search(r"Statoinstraat( 57)?\s+fout", line))
    assert re.search(r"Stationsstraat( 57)?\s+Statoinstraat( 57)?\s+fout\s+1,5", row), row
    assert "Gegevensinvoer" in text and re.search(r"Seconden na\s+(het zeggen)?", text)
    assert "Fouten per toets (Belgisch AZERTY)" in text
    assert "Oefen deze woorden: 'Stationsstraat'." in text


def test_the_call_pdf_figures_are_the_scores(call_pdf: str, sessions: dict[str, Path]) -> None:
    exercise_result = _scored(sessions["call"], CALL_ID)
    assert isinstance(exercise_result, CallResult)
    answered = dutch(exercise_result.answered_after or 0, 1)
    assert f"Opgenomen na {answered} s" in re.sub(r"\s+", " ", call_pdf)
    right = sum(1 for f in exercise_result.fields if f.verdict == "right")
    assert re.search(rf"Velden juist\s+{right}\s*/\s*{len(exercise_result.fields)}\b", call_pdf)


def _scored(journal: Path, exercise_id: str) -> SessionResult | CallResult:
    from trainer.core.journal import read_journal
    from trainer.core.loader import load_catalog
    from trainer.paths import exercises_dir

    entry = load_catalog([exercises_dir()]).by_id(exercise_id)
    assert entry is not None
    return score(entry.exercise, read_journal(journal))


def test_the_drill_pdf_says_the_verdict_the_figures_and_the_error(
    sessions: dict[str, Path],
) -> None:
    out = sessions["folder"] / "drill.pdf"
    done = report("--lang", "nl", DRILL_ID, sessions["drill"], "--format", "pdf", "-o", out)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    result = _scored(sessions["drill"], DRILL_ID)
    assert isinstance(result, SessionResult)
    t = result.typing
    assert "GESLAAGD" in text and "NIET GESLAAGD" not in text
    assert f"Fouten: {dutch(t.error_rate * 100, 2)} % (woorden), marge 3,0 %" in text
    assert re.search(rf"Woordfouten\s+{t.word_errors}\s*/\s*{t.reference_words}\b", text)
    assert dutch(t.net_wpm or 0, 1) in text
    assert f"{t.incorrect_fixed} met {t.fixes} × Backspace" in text
    # the error under the reference, by its type, and the advice on it
    assert re.search(r"vervanging\s+\d+\s+belde\s+brlde", text)
    # the 'e' left wrong and corrected once, the 'r' corrected once
    assert "Oefen deze toetsen: 'e' en 'r'." in text


class _Page(HTMLParser):
    """The text of a page and every address it refers to."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.addresses += [v or "" for k, v in attrs if k in ("src", "href", "data", "action")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_is_one_file_with_the_pictures_inside(sessions: dict[str, Path]) -> None:
    out = sessions["folder"] / "call.html"
    done = report("--lang", "nl", CALL_ID, sessions["call"], "-o", out)
    assert done.returncode == 0, done.stderr
    page = _Page()
    source = out.read_text(encoding="utf-8")
    page.feed(source)
    # pictures and the call's sounds inside; the times link within the page (played by its
    # own script: tests/e2e/test_report_recording.py)
    assert any(a.startswith("data:image/png;base64,") for a in page.addresses)
    assert all(a.startswith(("data:image/png;base64,", "data:audio/", "#")) for a in page.addresses)
    assert "url(" not in source and "@import" not in source and "<link" not in source
    text = html.unescape(" ".join(page.text))
    assert "NIET GESLAAGD" in text
    for code in COMPETENCES:
        assert code in text
    assert WRONG_VALUE in text


def test_the_csv_opens_as_one_table(sessions: dict[str, Path]) -> None:
    out = sessions["folder"] / "drill.csv"
    done = report("--lang", "nl", DRILL_ID, sessions["drill"], "-o", out)
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len({len(r) for r in rows}) == 1 and len(rows[0]) == 9
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("verdict", "passed")][3] == "GESLAAGD"
    result = _scored(sessions["drill"], DRILL_ID)
    assert isinstance(result, SessionResult)
    net = float(by_key[("metric", "net_wpm")][3].replace(",", "."))
    assert net == pytest.approx(result.typing.net_wpm, abs=0.05)
    assert int(by_key[("metric", "word_errors")][3]) == result.typing.word_errors
    assert by_key[("word", "belde")]


def test_the_call_csv_has_a_row_per_field_and_per_competence(sessions: dict[str, Path]) -> None:
    out = sessions["folder"] / "call.csv"
    assert report(CALL_ID, sessions["call"], "--format", "csv", "-o", out).returncode == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    fields = {r[1]: r for r in rows if r[0] == "field"}
    assert fields["leveradres"][4:6] == ["Stationsstraat 57", WRONG_VALUE]
    assert float(fields["leveradres"][7]) == pytest.approx(1.5, abs=0.1)  # English: a point
    assert {r[1] for r in rows if r[0] == "competence"} == set(COMPETENCES)


def test_a_french_report_is_in_french(sessions: dict[str, Path]) -> None:
    out = sessions["folder"] / "call-fr.pdf"
    done = report("--lang", "fr", CALL_ID, sessions["call"], "-o", out)
    assert done.returncode == 0, done.stderr
    assert "rapport" in done.stdout.lower()
    text = pdf_text(out)
    assert "NON RÉUSSI" in text
    assert "Saisie des données" in text
    assert "NIET GESLAAGD" not in text and "Gegevensinvoer" not in text


def test_a_session_from_the_store(sessions: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    store = Store(data / "simultaan.sqlite3")
    trainee = store.add_trainee("Sofie Maes")
    session = store.start_session(
        trainee.id, DRILL_ID, "x", "Terugbelnotitie", "practice", sessions["drill"]
    )
    store.close()
    out = tmp_path / "report.pdf"
    done = report("--session", str(session), "--data-dir", data, "-o", out, "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert "GESLAAGD" in pdf_text(out)
    # no -o: a name from trainee, exercise and date, in the folder it runs in
    done = run(
        "report", "--session", str(session), "--data-dir", data, "--format", "csv", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"rapport-sofie-maes-{DRILL_ID}-2026-11-23.csv").is_file()
    # a folder without a store is said, and no store is made there
    empty = tmp_path / "empty"
    empty.mkdir()
    nowhere = report("--session", "1", "--data-dir", empty, "-o", out)
    assert nowhere.returncode == 1 and str(empty) in nowhere.stderr
    assert list(empty.iterdir()) == []
    missing = report("--session", "99", "--data-dir", data, "-o", out)
    assert (
        missing.returncode == 1 and "99" in missing.stderr and "simultaan.sqlite3" in missing.stderr
    )


def test_mistakes_get_exit_1_naming_the_file_and_usage_exit_2(
    sessions: dict[str, Path], tmp_path: Path
) -> None:
    gone = tmp_path / "gone.jsonl"
    done = report(CALL_ID, gone, "-o", tmp_path / "x.pdf")
    assert done.returncode == 1 and str(gone) in done.stderr
    other = report(DRILL_ID, sessions["call"], "-o", tmp_path / "x.pdf")
    assert other.returncode == 1 and str(sessions["call"]) in other.stderr
    unwritable = tmp_path / "no-such-folder" / "x.html"
    done = report(CALL_ID, sessions["call"], "-o", unwritable)
    assert done.returncode == 1 and str(unwritable) in done.stderr
    assert not unwritable.exists()
    assert report().returncode == 2
    assert report(CALL_ID).returncode == 2
    assert report(CALL_ID, sessions["call"], "--session", "1").returncode == 2
    assert report(CALL_ID, sessions["call"], "-o", tmp_path / "x.txt").returncode == 2
    assert (
        report(CALL_ID, sessions["call"], "--format", "csv", "-o", tmp_path / "x.pdf").returncode
        == 2
    )


def test_a_call_let_ring_is_not_judged_and_says_why(tmp_path: Path) -> None:
    from tests.core.test_shipped_calls import CALLS
    from tests.journals import write_journal
    from trainer.core.journal import EndEvent, ScenarioEvent

    call = next(c for c in CALLS if c.id == CALL_ID)
    journal = tmp_path / "ring.jsonl"
    write_journal(
        journal, call, [ScenarioEvent(t=0, event="bel"), EndEvent(t=20, reason="abandoned")]
    )
    out = tmp_path / "ring.pdf"
    done = report("--lang", "en", CALL_ID, journal, "-o", out, "--layout", "us")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "STOPPED" in text and "The call was not answered" in text
    assert "Errors per key (US QWERTY)" in text


def test_a_recorded_dictation_reports_its_text_under_the_transcripts(tmp_path: Path) -> None:
    from tests.conftest import REPO

    journal = REPO / "tests" / "core" / "recorded" / "dictation-nl-dictee-01.jsonl"
    out = tmp_path / "dictee.pdf"
    done = report("--lang", "nl", "nl-dictee-01-begroeting-en-printer", journal, "-o", out)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Dictee" in text and "GESLAAGD" in text
    # the first clip's transcript, above what was typed (the same here)
    assert text.count("Goeiemiddag, u spreekt met Sofie Willems.") >= 2


def test_another_margin_rescores_the_report(sessions: dict[str, Path]) -> None:
    """``--margin`` as ``replay`` has it: the drill passed within 3% fails against none, and
    passes again when the margin is wide enough; the report says the margin it used."""
    verdicts = {}
    for margin, name in (("0", "strict"), ("0,5", "wide")):
        out = sessions["folder"] / f"drill-{name}.pdf"
        done = report("--lang", "nl", DRILL_ID, sessions["drill"], "--margin", margin, "-o", out)
        assert done.returncode == 0, done.stderr
        verdicts[name] = pdf_text(out)
    assert "NIET GESLAAGD" in verdicts["strict"] and "marge 0,0 %" in verdicts["strict"]
    assert "NIET GESLAAGD" not in verdicts["wide"] and "marge 50,0 %" in verdicts["wide"]
    done = report(DRILL_ID, sessions["drill"], "--margin", "2", "-o", sessions["folder"] / "x.pdf")
    assert done.returncode == 2 and "--margin" in done.stderr


def test_a_session_from_the_store_carries_the_coachs_assessment(
    sessions: dict[str, Path], tmp_path: Path
) -> None:
    """The rubric a coach filled in is kept with the session: `report --session` shows it
    beside the automatic results, as the Rapport button does."""
    from trainer.core.rubric import Assessment, CompetenceAssessment

    data = tmp_path / "data"
    data.mkdir()
    store = Store(data / "simultaan.sqlite3")
    trainee = store.add_trainee("Sofie Maes")
    session = store.start_session(trainee.id, CALL_ID, "x", "Gesprek", "practice", sessions["call"])
    out = tmp_path / "report.pdf"
    done = report("--session", str(session), "--data-dir", data, "-o", out, "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert "Beoordeling door de coach" not in pdf_text(out)
    said = CompetenceAssessment("co 01671", {"greeting": 3}, "Vriendelijke begroeting.")
    store.save_assessment(Assessment(session, "Hilde Coppens", (said,)))
    store.close()
    done = report("--session", str(session), "--data-dir", data, "-o", out, "--lang", "nl")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Beoordeling door de coach" in text and "Hilde Coppens" in text
    assert "Vriendelijke begroeting." in text
