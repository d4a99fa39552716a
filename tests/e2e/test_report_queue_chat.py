"""``simultaan report`` of a queue shift and of a chat session, as a coach runs it: a real
process writes the file, read as a person reads it (the PDF through ``pdftotext``, the CSV in
a spreadsheet's reader, the HTML as text). The sessions are the shipped level-1 shift with a
ticket sent to the wrong team, and the shipped password chat with one reply that forgets the
e-mail address and the thanks (tests/queue_chat_sessions.py)."""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_report import report
from tests.queue_chat_sessions import (
    CHAT_ID,
    QUEUE_ID,
    SHORT_TEXT,
    TRAINEE,
    chat_session,
    queue_session,
)
from trainer.core.exercise import content_hash
from trainer.core.scoring import score
from trainer.store.db import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = tmp_path_factory.mktemp("sessions")
    queue_session(found)
    chat_session(found)
    return found


@pytest.fixture(scope="module")
def queue_pdf(folder: Path) -> str:
    out = folder / "queue.pdf"
    done = report("--lang", "nl", QUEUE_ID, folder / "queue.jsonl", "-o", out)
    assert done.returncode == 0, done.stderr
    return flat(pdf_text(out))


@pytest.fixture(scope="module")
def chat_pdf(folder: Path) -> str:
    out = folder / "chat.pdf"
    done = report("--lang", "nl", CHAT_ID, folder / "chat.jsonl", "-o", out)
    assert done.returncode == 0, done.stderr
    return flat(pdf_text(out))


def pdf_text(path: Path) -> str:
    """The PDF's text in the order it was written, cell by cell (``-raw``: a table's cells
    are not interleaved line by line as in a layout)."""
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.replace("\ufb01", "fi").replace("\ufb02", "fl")


def flat(text: str) -> str:
    """The text with the table cells' line breaks undone, so a sentence can be looked for
    whole (and, without any spaces, a word cut at a column's edge)."""
    return re.sub(r"\s+", " ", text)


def test_the_queue_pdf_says_per_competence_and_per_contact_what_went_wrong(
    queue_pdf: str,
) -> None:
    text = queue_pdf
    assert "NIET GESLAAGD" in text and "Wachtrij" in text and TRAINEE in text
    assert "7 van 8 getoetste competenties getoond." in text
    assert "Niet getoond: D140801 Id16426." in text
    for code in ("co 01672", "co 01669", "co 01670", "D140801 Id16426"):
        assert code in text, code
    # the contacts: the printer's ticket with its team against the expected one, and the
    # reason in the coach's words with the contact's subject and the teams' names
    assert "Contacten en tickets" in text
    joined = text.replace(" ", "")
    assert "Printermagazijn:papierstoring,geenpicklijsten" in joined
    assert "toegewezenaan'Applicatiebeheer',verwacht'Werkplekbeheer'" in joined
    assert "Applicatiebeheer(verwachtWerkplekbeheer)" in joined
    assert "1:00/1:00" in joined  # came in and taken a minute into the shift
    assert "geen ticket" in text and "in orde" in text
    assert "SLA-overschrijdingen" in text and "Duur van de shift 15:00" in text


def test_the_chat_pdf_says_each_reply_with_its_time_and_what_it_lacked(chat_pdf: str) -> None:
    text = chat_pdf
    assert "NIET GESLAAGD" in text and "Chat" in text
    assert "Niet getoond: D140801 Id17255, co 01671." in text
    assert "Gesprekken en antwoorden" in text
    joined = text.replace(" ", "")
    assert SHORT_TEXT.replace(" ", "") in joined
    # what the short reply lacked: the e-mail address and the thanks
    assert "hete-mailadreswaardelinknaartoegaat,bedankje" in joined
    assert "AnPeeters(0:32)" in joined  # the customer, when the message came
    assert re.search(r"\d+,\d s \(norm 60 s\)", text)
    assert "Gegevensinvoer" in text and "48213975" in text
    # the word misspelt in a reply: counted in the spelling, and to practise as it is spelt
    assert "1 van 40 woorden fout" in text
    assert "Oefen deze woorden: 'herstellen'." in text


def test_the_csv_and_the_html_say_the_same(folder: Path) -> None:
    out = folder / "queue.csv"
    assert report("--lang", "nl", QUEUE_ID, folder / "queue.jsonl", "-o", out).returncode == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    contacts = {r[1]: r for r in rows if r[0] == "contact"}
    printer = contacts["printer-magazijn"]
    assert printer[4:6] == ["P2 · werkplek", "P2 · applicaties"]
    assert "verwacht 'Werkplekbeheer'" in printer[6]
    competence = next(r for r in rows if r[:2] == ["competence", "D140801 Id16426"])
    assert competence[6] == "niet getoond"
    out = folder / "chat.csv"
    assert report("--lang", "nl", CHAT_ID, folder / "chat.jsonl", "-o", out).returncode == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    reply = next(r for r in rows if r[:2] == ["reply", "an.nummer"])
    assert reply[5] == SHORT_TEXT and reply[6] == "op tijd"
    assert reply[3] == "het e-mailadres waar de link naartoe gaat, bedankje"
    page = folder / "chat.html"
    assert report("--lang", "en", CHAT_ID, folder / "chat.jsonl", "-o", page).returncode == 0
    shown = html.unescape(page.read_text(encoding="utf-8"))
    assert "NOT PASSED" in shown and "Conversations and replies" in shown


def test_a_stored_queue_shift_by_its_session_number(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    store = Store(data / "simultaan.sqlite3")
    trainee = store.add_trainee(TRAINEE)
    exercise, journal = queue_session(data, "shift.jsonl")
    sid = store.start_session(
        trainee.id,
        exercise.id,
        content_hash(exercise),
        exercise.title,
        "practice",
        data / "shift.jsonl",
    )
    store.finish_session(sid, "finished", score(exercise, journal).model_dump(mode="json"))
    store.close()
    out = tmp_path / "shift.pdf"
    done = report("--session", str(sid), "--data-dir", data, "-o", out, "--lang", "fr")
    assert done.returncode == 0, done.stderr
    text = flat(pdf_text(out))
    assert "NON RÉUSSI" in text and "D140801 Id16426" in text
    assert "Contacts et tickets" in text


def test_a_customer_who_left_unanswered_is_said_in_the_report(tmp_path: Path) -> None:
    from tests.core.test_chat_engine import WACHTWOORD, ChatDesk, operator
    from tests.journals import write_journal
    from trainer.core.journal import EndEvent

    desk = ChatDesk(WACHTWOORD)
    operator(desk, {("an", "vraag"): None})  # the first message never answered
    events = [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    write_journal(tmp_path / "left.jsonl", WACHTWOORD, events, trainee=TRAINEE)
    out = tmp_path / "left.csv"
    assert report("--lang", "nl", CHAT_ID, tmp_path / "left.jsonl", "-o", out).returncode == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    why = [r[3] for r in rows if r[:2] == ["verdict", "why"]]
    assert "An Peeters heeft de chat verlaten (op 2:02)." in why
    reply = next(r for r in rows if r[:2] == ["reply", "an.vraag"])
    assert reply[6] == "gemist" and reply[3] == "de vraag naar het klantnummer, begroeting"
