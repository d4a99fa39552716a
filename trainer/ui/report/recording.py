"""A call's recording in its report: the trainee's voice (the Ogg Opus file beside the
journal, ``trainer.audio.voice_recorder``) and the customer's clips, as sounds the HTML page
plays inline, with when each stretch of them sounds on the session clock; and the call's
parts in time order (the course), each with its time in the recording.

The HTML must open on its own, so the sounds are in it as ``data:`` URIs while they fit in
``EMBED_BYTES``; a file beyond that is linked by its path instead, and the page says so. The
PDF and the CSV carry the times only ("op 1:23 in de opname"): the same clock as the replay
window (Terugkijken…, Ctrl+J), where a coach finds the moment.
"""

from __future__ import annotations

import base64
from pathlib import Path

from trainer.core.clips import ClipLibrary
from trainer.core.journal import Journal, VoiceEvent
from trainer.core.replay import Replay
from trainer.core.report_facts import ReportFacts
from trainer.core.scenario import CallExercise
from trainer.ui import words
from trainer.ui.replay_words import mark_text
from trainer.ui.report.document import Recording, Report, Sound, Table

# the audio one page carries at most (base64 makes it a third more): a half-hour call's voice
# (about 3 kB a second) with its clips fits; a page much larger opens slowly in a browser
EMBED_BYTES = 16 * 1024 * 1024
MIME = {".ogg": "audio/ogg", ".opus": "audio/ogg", ".flac": "audio/flac", ".wav": "audio/wav"}
SAID_CHARS = 90  # a clip's transcript in the course, at most


def at_text(t: float) -> str:
    """A time on the session clock as minutes and whole seconds: 83.7 -> ``1:23`` (where it
    lies: the second it is in)."""
    whole = int(max(0.0, t) + 1e-6)
    return f"{whole // 60}:{whole % 60:02d}"


def in_recording(t: float) -> str:
    """A time as the PDF and CSV say it: ``op 1:23 in de opname``."""
    return words.tr("op %1 in de opname").replace("%1", at_text(t))


def _voice_notes(journal: Journal, folder: Path | None) -> tuple[VoiceEvent | None, list[str]]:
    """The voice's start line (None: no recording) and what to say about it."""
    voice = [e for e in journal.events if isinstance(e, VoiceEvent)]
    start = next((e for e in voice if e.action == "start" and e.rate > 0), None)
    stopped = next((e for e in voice if e.action in ("end", "none") and e.reason), None)
    notes: list[str] = []
    if stopped is not None:
        notes.append(voice_reason(stopped.reason, stopped.t if start is not None else None))
    elif start is None:
        notes.append(words.tr("Bij deze sessie werd de stem van de cursist niet opgenomen."))
    if start is not None and (folder is None or not (folder / start.file).is_file()):
        notes.append(
            words.tr("Het bestand van de opname (%1) staat niet meer naast het logboek.").replace(
                "%1", start.file
            )
        )
        start = None
    return start, notes


def voice_reason(reason: str, at: float | None) -> str:
    """Why the trainee's voice was not recorded, or stopped at ``at``."""
    said = {
        "off": words.tr("De opname van de stem stond uit in de instellingen."),
        "no_microphone": words.tr("Er was geen microfoon: de stem werd niet opgenomen."),
        "microphone_lost": words.tr("De microfoon viel weg."),
        "disk_full": words.tr("De schijf was vol."),
        "write_failed": words.tr("De opname kon niet bewaard worden."),
    }.get(reason, reason)
    if at is None or reason in ("off", "no_microphone"):
        return said
    return f"{said} " + words.tr("De opname stopt %1.").replace("%1", in_recording(at))


def _uri(path: Path, budget: list[int]) -> tuple[str, bool]:
    """The file as a ``data:`` URI while the budget allows, else its ``file:`` URI."""
    size = path.stat().st_size
    if size <= budget[0]:
        budget[0] -= size
        mime = MIME.get(path.suffix.lower(), "application/octet-stream")
        return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii"), True
    return path.resolve().as_uri(), False


def recording_of(
    replay: Replay,
    journal: Journal,
    folder: Path | None,
    clips: ClipLibrary,
    limit: int | None = None,
) -> Recording:
    """The call's sounds for the HTML: the voice first (``folder``: the journal's), then each
    customer clip heard, embedded while ``limit`` bytes allow (None: ``EMBED_BYTES``)."""
    budget = [EMBED_BYTES if limit is None else limit]
    voice, notes = _voice_notes(journal, folder)
    sounds: list[Sound] = []
    elements: dict[str, str] = {}  # a stretch's file -> its element
    linked: list[str] = []
    if voice is not None and folder is not None:
        uri, embedded = _uri(folder / voice.file, budget)
        sounds.append(Sound("voice", words.tr("Stem van de cursist"), uri, embedded, voice.file))
        elements[voice.file] = "voice"
    for stretch in replay.sounds:
        if stretch.source != "customer" or stretch.subtitle or stretch.file in elements:
            continue
        clip = clips.clips.get(stretch.file)
        if clip is None or not clips.path_of(clip).is_file():
            notes.append(
                words.tr("De klip %1 zit niet in de bibliotheek van deze computer.").replace(
                    "%1", stretch.file
                )
            )
            elements[stretch.file] = ""
            continue
        element = f"clip-{len(sounds)}"
        uri, embedded = _uri(clips.path_of(clip), budget)
        sounds.append(Sound(element, _short(clip.transcript), uri, embedded, clip.file))
        elements[stretch.file] = element
    for sound in sounds:
        if not sound.embedded:
            linked.append(sound.file)
    if linked:
        notes.append(
            words.tr(
                "Te groot om in het rapport te zitten, dus alleen gekoppeld: %1. Die opname "
                "speelt alleen af op een computer met het bestand op dezelfde plaats."
            ).replace("%1", ", ".join(linked))
        )
    stretches = [
        (elements[s.file], s.start, s.stop, s.offset, s.speed)
        for s in replay.sounds
        if not s.subtitle and elements.get(s.file)
    ]
    title = words.tr("Opname van het gesprek")
    return Recording(title, sounds, stretches, notes)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SAID_CHARS else text[: SAID_CHARS - 1].rstrip() + "…"


def add_course(
    report: Report, replay: Replay, facts: ReportFacts, call: CallExercise, clips: ClipLibrary
) -> None:
    """Every part of the call in time order, each with its time in the recording (a table,
    and a CSV row each): the customer's clips as heard, the screen events, the trainee's
    actions, each field entered."""
    labels = {f.id: f.label for f in call.fields}
    parts: list[tuple[float, str, str, str]] = []  # (t, kind code, kind, what)
    for span in facts.timeline.clips:
        clip = clips.clips.get(span.clip)
        said = words.tr("'%1'").replace("%1", _short(clip.transcript)) if clip else span.clip
        if span.subtitle:
            said += " " + words.tr("(als ondertitel)")
        parts.append((span.start, "customer", words.tr("Klant"), said))
    for mark in replay.marks:
        if mark.kind == "screen" and mark.detail != "say":  # (the clip itself is listed)
            parts.append((mark.t, "screen", words.tr("Scherm"), mark_text(mark, call)))
        elif mark.kind == "action":
            parts.append((mark.t, "action", words.tr("Cursist"), mark_text(mark, call)))
    for entry in facts.timeline.marks:
        if entry.kind == "field":
            said = (
                words.tr("Veld '%1' ingevuld: '%2'")
                .replace("%1", labels.get(entry.name, entry.name))
                .replace("%2", entry.detail)
            )
            parts.append((entry.t, "field", words.tr("Invoer"), said))
    parts.sort(key=lambda p: p[0])
    report.course = Table(
        words.tr("Verloop van het gesprek"),
        [words.tr("Wie"), words.tr("Wat")],
        [[kind, what] for _t, _code, kind, what in parts],
        times=[t for t, *_rest in parts],
        time_header=words.tr("In de opname"),
        intro=words.tr(
            "Elk deel van het gesprek met zijn tijd in de opname: dezelfde klok als in "
            "Terugkijken (Ctrl+J op de resultaten)."
        ),
    )
    for t, code, kind, what in parts:
        report.csv.append(["part", code, kind, what, "", "", "", "", in_recording(t)])
