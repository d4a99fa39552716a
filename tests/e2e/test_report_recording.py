"""A call's report links each part of the call to the recording, read as a coach reads it: the
HTML page carries the trainee's voice and the customer's clips (the very files) and every
field, screen event and action has its time as a link; the PDF and the CSV say each time
("op 1:23 in de opname"). The call is a shipped one played through the call engine with one
address typed wrong, recorded with a voice file as the app writes it (Ogg Opus beside the
journal)."""

from __future__ import annotations

import base64
import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.core.test_call_engine import Desk, good_operator
from tests.core.test_shipped_calls import CALLS
from tests.e2e.test_report import pdf_text, report
from tests.journals import write_journal
from tests.report_sessions import CALL_ID, TRAINEE, WRONG_FIELD, WRONG_VALUE
from trainer.core.clips import load_shipped_library
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    EndEvent,
    FieldEvent,
    Journal,
    ScenarioEvent,
    VoiceEvent,
    _Event,
)
from trainer.core.scenario import CallExercise
from trainer.paths import audio_dir

VOICE = "call.voice.ogg"
VOICE_FROM = 0.8  # the first sample on the session clock


def recorded_call(folder: Path) -> tuple[CallExercise, Journal]:
    """The call with the trainee's voice recorded from 0.8 s to its end."""
    call = next(c for c in CALLS if c.id == CALL_ID)
    desk = Desk(call)
    good_operator(desk)
    events: list[_Event] = [
        FieldEvent(t=e.t, field=e.field, value=WRONG_VALUE)
        if isinstance(e, FieldEvent) and e.field == WRONG_FIELD
        else e
        for e in desk.journal
    ]
    seconds = desk.t - VOICE_FROM
    frames = int(seconds * 16_000)
    tone = 0.1 * np.sin(np.arange(frames) * 2 * np.pi * 220 / 16_000).astype("float32")
    soundfile.write(folder / VOICE, tone, 16_000, format="OGG", subtype="OPUS")
    events += [
        VoiceEvent(t=VOICE_FROM, action="start", file=VOICE, rate=16_000),
        VoiceEvent(t=desk.t, action="end", frame=frames),
        EndEvent(t=desk.t, reason="finished"),
    ]
    journal = write_journal(folder / "call.jsonl", call, events, trainee=TRAINEE)
    return call, journal


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CallExercise, Journal]:
    folder = tmp_path_factory.mktemp("recorded")
    call, journal = recorded_call(folder)
    return folder, call, journal


def where_heard(call: CallExercise, journal: Journal) -> dict[str, float]:
    """Per field, the moment a coach wants to hear: the customer beginning the clip that says
    it, the first time it was heard to its end; a field nobody says: its first commit."""
    starts: dict[str, float] = {}
    heard: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, AudioEvent) and e.action == "start":
            starts[e.clip] = e.t
        if isinstance(e, AudioEvent) and e.action == "end" and e.clip in starts:
            heard.setdefault(e.clip, starts[e.clip])
    out: dict[str, float] = {}
    for f in call.fields:
        if f.said_in is not None and f.said_in in heard:
            out[f.label] = heard[f.said_in]
        else:
            commits = [e.t for e in journal.events if isinstance(e, FieldEvent) and e.field == f.id]
            if commits:
                out[f.label] = commits[0]
    return out


def section(page: str, title: str) -> str:
    """The HTML from a section's title to the next title."""
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start : end if end > 0 else len(page)]


def test_the_html_plays_the_voice_and_clips_and_links_each_field_to_its_second(
    recorded: tuple[Path, CallExercise, Journal],
) -> None:
    folder, call, journal = recorded
    out = folder / "call.html"
    done = report("--lang", "nl", CALL_ID, folder / "call.jsonl", "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    players = dict(
        re.findall(r'<audio id="([\w-]+)" controls preload="metadata" src="([^"]+)"', page)
    )
    # the trainee's voice is in the page: the very file, not a link to it
    assert players["voice"].startswith("data:audio/ogg;base64,")
    assert base64.b64decode(players["voice"].split(",", 1)[1]) == (folder / VOICE).read_bytes()
    # every clip the customer said is there too
    library = load_shipped_library(audio_dir())
    heard = {e.clip for e in journal.events if isinstance(e, AudioEvent) and e.action == "start"}
    embedded = {
        base64.b64decode(uri.split(",", 1)[1]) for k, uri in players.items() if k != "voice"
    }
    assert heard and len(players) == len(heard) + 1
    for clip in heard:
        assert library.path_of(library.clips[clip]).read_bytes() in embedded, clip
    # each field of the data-entry table carries its second as a link that plays from there
    wanted = where_heard(call, journal)
    rows = section(page, "Gegevensinvoer").split("<tr")[2:]
    linked = {}
    for row in rows:
        label = re.search(r"<td>([^<]*)</td>", row)
        second = re.search(r'data-t="([0-9.]+)" onclick="return playAt\(([0-9.]+)\)"', row)
        assert label is not None and second is not None, row
        assert second.group(1) == second.group(2)
        linked[label.group(1)] = float(second.group(1))
    assert linked == pytest.approx(wanted, abs=0.006)
    # the player knows where the voice sounds on the session clock
    stretches = json.loads(re.search(r"var S = (\[.*?\]);", page).group(1))  # type: ignore[union-attr]
    assert ["voice", VOICE_FROM, pytest.approx(journal.events[-1].t), 0.0, 1.0] in stretches


def test_each_screen_event_and_action_has_its_time_in_the_course(
    recorded: tuple[Path, CallExercise, Journal],
) -> None:
    folder, _call, journal = recorded
    out = folder / "course.html"
    assert report("--lang", "nl", CALL_ID, folder / "call.jsonl", "-o", out).returncode == 0
    course = section(out.read_text(encoding="utf-8"), "Verloop van het gesprek")
    times = [float(t) for t in re.findall(r'data-t="([0-9.]+)"', course)]
    parts = [
        e.t
        for e in journal.events
        # (a clip the customer says is listed where it starts: its 'say' event's moment)
        if isinstance(e, (ActionEvent, FieldEvent, ScenarioEvent))
        or (isinstance(e, AudioEvent) and e.action == "start")
    ]
    for t in parts:
        assert any(abs(t - s) < 0.006 for s in times), t
    assert times == sorted(times)


def test_the_pdf_and_csv_say_each_time_in_the_recording(
    recorded: tuple[Path, CallExercise, Journal],
) -> None:
    folder, call, journal = recorded
    wanted = where_heard(call, journal)
    wrong = next(f.label for f in call.fields if f.id == WRONG_FIELD)
    at = int(wanted[wrong])
    shown = f"{at // 60}:{at % 60:02d}"
    pdf = folder / "call.pdf"
    assert report("--lang", "nl", CALL_ID, folder / "call.jsonl", "-o", pdf).returncode == 0
    text = pdf_text(pdf)
    row = next(line for line in text.splitlines() if re.search(r"Statoinstraat\s+fout", line))
    assert row.rstrip().endswith(shown), row
    assert "In de opname" in text and "Verloop van het gesprek" in text
    assert f"Stem van de cursist: {VOICE}" in text
    table = folder / "call.csv"
    assert report("--lang", "nl", CALL_ID, folder / "call.jsonl", "-o", table).returncode == 0
    rows = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][-1] == "In de opname" and len({len(r) for r in rows}) == 1
    fields = {r[1]: r for r in rows if r[0] == "field"}
    assert fields[WRONG_FIELD][-1] == f"op {shown} in de opname"
    assert any(r[0] == "part" and r[-1].startswith("op ") for r in rows)


def test_a_recording_too_large_to_embed_is_linked_and_said(
    recorded: tuple[Path, CallExercise, Journal],
    monkeypatch: pytest.MonkeyPatch,
    qapp: object,  # (the pictures are drawn with QPainter)
) -> None:
    from trainer.core.scoring import score
    from trainer.ui import report as reports
    from trainer.ui.report import recording

    folder, call, journal = recorded
    monkeypatch.setattr(recording, "EMBED_BYTES", (folder / VOICE).stat().st_size - 1)
    out = folder / "linked.html"
    reports.write_report(out, "html", call, journal, score(call, journal), folder=folder)
    page = out.read_text(encoding="utf-8")
    voice = re.search(r'<audio id="voice" controls preload="metadata" src="([^"]+)"', page)
    assert voice is not None and voice.group(1) == (folder / VOICE).resolve().as_uri()
    assert f"alleen gekoppeld: {VOICE}" in page


def test_a_call_without_a_recording_says_so(tmp_path: Path) -> None:
    from tests.report_sessions import call_session

    call_session(tmp_path)
    out = tmp_path / "silent.html"
    assert report("--lang", "nl", CALL_ID, tmp_path / "call.jsonl", "-o", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "werd de stem van de cursist niet opgenomen" in page
    assert '<audio id="voice"' not in page and "data:audio/flac;base64," in page
    assert "function playAt(" in page  # (the times' links have their script)


PAGE_IN_NODE = """
const fs = require("fs");
const players = {};
const later = [];
global.document = {
  getElementById: (id) => (players[id] = players[id] || {dataset: {}, play() { this.on = true; },
                                                         pause() { this.on = false; }}),
  querySelectorAll: () => Object.values(players),
};
global.setTimeout = (f, ms) => later.push([ms, f]);
global.clearTimeout = () => {};
eval(fs.readFileSync(process.argv[2], "utf8") + "; global.playAt = playAt;");
playAt(Number(process.argv[3]));
const now = JSON.parse(JSON.stringify(players));
later.sort((a, b) => a[0] - b[0]).slice().forEach(([ms, f]) => f());
console.log(JSON.stringify({now: now, later: players}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_a_time_link_plays_the_voice_from_there_and_the_customer_when_he_speaks(
    recorded: tuple[Path, CallExercise, Journal],
) -> None:
    """The page's own script, run by node against players that note what they are told."""
    folder, _call, journal = recorded
    out = folder / "player.html"
    assert report("--lang", "nl", CALL_ID, folder / "call.jsonl", "-o", out).returncode == 0
    script = re.search(r"<script>(.*?)</script>", out.read_text(encoding="utf-8"), re.S)
    assert script is not None
    (folder / "page.js").write_text(script.group(1), encoding="utf-8")
    (folder / "run.js").write_text(PAGE_IN_NODE, encoding="utf-8")
    clips = [e for e in journal.events if isinstance(e, AudioEvent) and e.action == "start"]
    at = clips[1].t - 2.0  # two seconds before the customer's second clip, in his first
    done = subprocess.run(
        ["node", str(folder / "run.js"), str(folder / "page.js"), str(at)],
        capture_output=True,
        text=True,
        check=True,
    )
    heard = json.loads(done.stdout)
    now, later = heard["now"], heard["later"]
    # the voice and the clip sounding then play from that moment in their files
    assert now["voice"]["on"] and now["voice"]["currentTime"] == pytest.approx(at - VOICE_FROM)
    assert clips[0].t < at and now["clip-1"]["on"]
    assert now["clip-1"]["currentTime"] == pytest.approx(at - clips[0].t)
    # the next clip waits for its time, then plays from its start
    assert not now.get("clip-2", {}).get("on") and later["clip-2"]["currentTime"] == 0.0
