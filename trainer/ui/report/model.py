"""A session report as words: what HTML, PDF and CSV all say, in the report's language.

Built from the exercise, the journal, ``score(exercise, journal)`` and the report's facts
(``trainer.core.report_facts``); the renderers (``render_html``, ``render_pdf``,
``render_csv``) only lay it out. Every text goes through ``words.tr`` (Dutch source).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt

from trainer.core.call_scoring import CallResult
from trainer.core.chat_scoring import ChatResult
from trainer.core.exercise import ExerciseBase
from trainer.core.journal import Journal
from trainer.core.keyboard import KeyboardLayout
from trainer.core.queue_scoring import QueueResult
from trainer.core.report_facts import Advice, ReportFacts
from trainer.core.scoring import SessionResult
from trainer.core.typing_metrics import TypingResult, align
from trainer.ui import words
from trainer.ui.report import sections
from trainer.ui.report.document import Alignment, Report, Table


def date_text(iso: str) -> str:
    """An ISO time as the language writes a date and time (30 november 2026 12:27)."""
    when = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not when.isValid():
        return iso
    return words.locale().toString(when, "d MMMM yyyy HH:mm")


def mode_name(mode: str) -> str:
    """Practice or exam."""
    return {"practice": words.tr("oefening"), "exam": words.tr("examen")}.get(mode, mode)


def build_report(
    exercise: ExerciseBase,
    journal: Journal,
    result: SessionResult | CallResult | ChatResult | QueueResult,
    facts: ReportFacts,
    layout: KeyboardLayout,
    reference: str | None = None,
) -> Report:
    """The report of one session, worded (charts not drawn yet: see ``charts``)."""
    stopped = result.ended == "abandoned" and not result.passed
    if isinstance(result, SessionResult) and not result.typing.transcribed:
        stopped = True
    verdict = (
        words.tr("AFGEBROKEN")
        if stopped
        else words.tr("GESLAAGD")
        if result.passed
        else words.tr("NIET GESLAAGD")
    )
    report = Report(
        title=words.tr("Sessierapport"),
        verdict=verdict,
        passed=None if stopped else result.passed,
        why=[],
        about=[
            (words.tr("Cursist"), result.trainee),
            (words.tr("Oefening"), f"{exercise.title} ({exercise.id})"),
            (words.tr("Soort"), words.kind_name(exercise.kind)),
            (words.tr("Datum"), date_text(result.started_at)),
            (words.tr("Modus"), mode_name(result.mode)),
            (words.tr("Afloop"), words.end_reason(result.ended)),
            (words.tr("Duur"), words.seconds(result.duration)),
            (words.tr("Versie van Simultaan"), journal.header.app_version),
        ],
    )
    csv = report.csv
    for key, (label, value) in zip(
        ("trainee", "exercise", "kind", "date", "mode", "ended", "duration", "app_version"),
        report.about,
        strict=True,
    ):
        csv.append(["session", key, label, value])
    csv.append(["verdict", "passed", words.tr("Oordeel"), verdict])
    if isinstance(result, CallResult):
        sections.call_parts(report, result, facts)
    elif isinstance(result, QueueResult):
        from trainer.ui.report.queue_chat import queue_parts

        queue_parts(report, result, exercise)
    elif isinstance(result, ChatResult):
        from trainer.ui.report.queue_chat import chat_parts

        chat_parts(report, result, exercise, facts)
    else:
        typing = result.typing
        report.why = sections.typing_why(result)
        sections.typing_metrics(report, typing)
        _typed_text(report, reference or "", typing)
    if isinstance(result, CallResult | QueueResult | ChatResult):
        from trainer.ui.report.proposals import originals_of, proposals_part  # (for the coach)

        proposals_part(report, result.proposals, originals_of(exercise))
    at = next(i for i, row in enumerate(csv) if row[0] == "verdict") + 1
    csv[at:at] = [["verdict", "why", words.tr("Waarom"), line] for line in report.why]
    _keys_and_advice(report, facts, layout)
    if result.damaged_lines:
        lines = ", ".join(str(d.line) for d in result.damaged_lines)
        report.notes.append(
            words.tr("Het logboek was beschadigd: regels %1 overgeslagen.").replace("%1", lines)
        )
    if result.exercise_changed:
        report.notes.append(words.tr("De oefening is gewijzigd sinds deze sessie."))
    return report


def _typed_text(report: Report, text: str, typing: TypingResult) -> None:
    """The typed text under the reference, and the errors that decide, one row each."""
    import unicodedata

    from trainer.ui.results_view import error_rows

    counted = unicodedata.normalize("NFC", text).rstrip()[: typing.reference_chars_counted]
    report.alignments.append(
        Alignment(
            words.tr("Getypte tekst onder de opgave"),
            [(a.expected, a.typed, a.op) for a in align(counted, typing.transcribed)],
        )
    )
    where = words.tr("Woord") if typing.unit == "word" else words.tr("Positie")
    headers = [words.tr("Soort fout"), where, words.tr("Verwacht"), words.tr("Getypt")]
    rows = [[r.kind, str(r.position + 1), r.expected, r.typed] for r in error_rows(typing)]
    report.errors = Table(words.tr("Fouten"), headers, rows)
    for r in rows:
        report.csv.append(["error", r[1], r[0], "", r[2], r[3]])


def key_name(char: str) -> str:
    """A character as the advice and the tables name it (the space bar by name)."""
    return {" ": words.tr("spatie"), "\n": words.tr("Enter")}.get(char, char)


def _keys_and_advice(report: Report, facts: ReportFacts, layout: KeyboardLayout) -> None:
    report.heat_map_title = words.tr("Fouten per toets (%1)").replace("%1", layout_name(layout.id))
    if facts.keys_to_practise:
        headers = [
            words.tr("Toets"),
            words.tr("Fouten (ook verbeterde)"),
            words.tr("Keer in de tekst"),
        ]
        rows = [
            [key_name(k.char), str(k.errors), str(k.occurrences)] for k in facts.keys_to_practise
        ]
        report.keys = Table(words.tr("Toetsen om te oefenen"), headers, rows)
        for k in facts.keys_to_practise:
            report.csv.append(["key", k.char, key_name(k.char), str(k.errors)])
    for w in facts.words_to_practise:
        report.csv.append(["word", w, w])
    report.advice = [advice_text(a) for a in facts.advice]
    for a, text in zip(facts.advice, report.advice, strict=True):
        report.csv.append(["advice", a.code, text])


def layout_name(layout_id: str) -> str:
    """A keyboard layout by name."""
    return {
        "be": words.tr("Belgisch AZERTY"),
        "fr": words.tr("Frans AZERTY"),
        "us": words.tr("US QWERTY"),
    }.get(layout_id, layout_id)


def _listed(values: list[str]) -> str:
    quoted = [words.tr("'%1'").replace("%1", key_name(v)) for v in values]
    if len(quoted) <= 1:
        return "".join(quoted)
    return words.tr("%1 en %2").replace("%1", ", ".join(quoted[:-1])).replace("%2", quoted[-1])


def advice_text(a: Advice) -> str:
    """A piece of advice as a sentence."""
    p = a.params
    if a.code == "practise_keys":
        keys = p.get("keys")
        return words.tr("Oefen deze toetsen: %1.").replace(
            "%1", _listed(keys if isinstance(keys, list) else [])
        )
    if a.code == "practise_words":
        found = p.get("words")
        return words.tr("Oefen deze woorden: %1.").replace(
            "%1", _listed(found if isinstance(found, list) else [])
        )
    if a.code == "accuracy_first":
        return words.tr(
            "Je verbeterde %1 fouten: typ trager en juister, de snelheid komt vanzelf."
        ).replace("%1", words.number(float(p.get("fixed", 0)), 0))  # type: ignore[arg-type]
    if a.code == "speed_up":
        return (
            words.tr("Werk aan je snelheid: netto %1 woorden per minuut, minimum %2.")
            .replace("%1", words.number(p.get("net_wpm"), 1))  # type: ignore[arg-type]
            .replace("%2", words.number(p.get("min_wpm"), 0))  # type: ignore[arg-type]
        )
    return words.tr("Geen fouten om apart te oefenen: ga verder met een moeilijkere oefening.")
