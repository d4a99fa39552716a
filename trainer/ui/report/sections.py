"""The parts of a report that depend on the kind of session: a typing drill's verdict and
metrics, a call's competences, times, data entry and fields typed wrong."""

from __future__ import annotations

from trainer.core.call_competences import incomplete_reason
from trainer.core.call_scoring import CallResult
from trainer.core.report_facts import ReportFacts
from trainer.core.rubric import Assessment, Rubric
from trainer.core.scoring import SessionResult
from trainer.core.typing_metrics import TypingResult, align
from trainer.ui import words
from trainer.ui.report.document import Alignment, Report, Table


def csv_number(value: float | None, decimals: int) -> str:
    """A number for the spreadsheet: no thousands mark, the language's decimal sign."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    return text if words.locale().decimalPoint() == "." else text.replace(".", ",")


def typing_why(result: SessionResult) -> list[str]:
    """What decided a typing verdict, as the results screen says it."""
    return words.typing_verdict_lines(result)


def typing_metrics(report: Report, t: TypingResult) -> None:
    """The typing figures (Soukoreff & MacKenzie, speeds), as a table and CSV rows."""
    word_rate = words.percent(min(t.word_error_rate, 1.0), 1)
    rows: list[tuple[str, str, str, str]] = [
        (
            "error_rate",
            words.tr("Foutenpercentage (%1)").replace("%1", words.unit_name(t.unit)),
            words.percent(min(t.error_rate, 1.0), 2),
            csv_number(t.error_rate, 4),
        ),
        ("margin", words.tr("Marge"), words.percent(t.margin, 1), csv_number(t.margin, 4)),
        (
            "net_wpm",
            words.tr("Netto woorden per minuut"),
            words.number(t.net_wpm, 1),
            csv_number(t.net_wpm, 1),
        ),
        (
            "min_wpm",
            words.tr("Minimum woorden per minuut"),
            words.number(t.min_wpm, 0),
            csv_number(t.min_wpm, 0),
        ),
        ("wpm", words.tr("Woorden per minuut"), words.number(t.wpm, 1), csv_number(t.wpm, 1)),
        (
            "chars_per_minute",
            words.tr("Aanslagen per minuut"),
            words.number(t.chars_per_minute, 0),
            csv_number(t.chars_per_minute, 0),
        ),
        (
            "word_errors",
            words.tr("Woordfouten"),
            f"{t.word_errors} / {t.reference_words}  ({word_rate})",
            str(t.word_errors),
        ),
        (
            "incorrect_not_fixed",
            words.tr("Tekenfouten (niet verbeterd)"),
            f"{t.incorrect_not_fixed}  ({words.percent(t.msd_error_rate, 1)})",
            str(t.incorrect_not_fixed),
        ),
        (
            "incorrect_fixed",
            words.tr("Verbeterde fouten"),
            words.tr("%1 met %2 × Backspace")
            .replace("%1", str(t.incorrect_fixed))
            .replace("%2", str(t.fixes)),
            str(t.incorrect_fixed),
        ),
        (
            "corrected_error_rate",
            words.tr("Verbeterde fouten (CER)"),
            words.percent(t.corrected_error_rate, 1),
            csv_number(t.corrected_error_rate, 4),
        ),
        (
            "total_error_rate",
            words.tr("Totaal foutenpercentage (TER)"),
            words.percent(t.total_error_rate, 1),
            csv_number(t.total_error_rate, 4),
        ),
        (
            "kspc",
            words.tr("Toetsaanslagen per teken (KSPC)"),
            words.number(t.kspc, 2),
            csv_number(t.kspc, 3),
        ),
        ("seconds", words.tr("Tijd"), words.seconds(t.seconds or 0.0), csv_number(t.seconds, 1)),
    ]
    if t.min_wpm is None:
        rows = [r for r in rows if r[0] != "min_wpm"]
    report.tables.append(
        Table(
            words.tr("Typen"), [words.tr("Maat"), words.tr("Waarde")], [[r[1], r[2]] for r in rows]
        )
    )
    report.csv += [["metric", key, label, value] for key, label, _shown, value in rows]


def call_parts(report: Report, result: CallResult, facts: ReportFacts) -> None:
    """A call's verdict and why, competences, times, data entry and wrong fields."""
    shown = [c for c in result.competences if c.assessed and c.shown]
    assessed = [c for c in result.competences if c.assessed]
    why = result.not_assessed()
    if why is not None:  # (a reason is worded to follow a colon: capitalised)
        said = words.reason(incomplete_reason(why))
        report.why.append(said[:1].upper() + said[1:])
    report.why.append(
        words.tr("%1 van %2 getoetste competenties getoond.")
        .replace("%1", str(len(shown)))
        .replace("%2", str(len(assessed)))
    )
    missed = [c.code for c in assessed if not c.shown]
    if missed:
        report.why.append(words.tr("Niet getoond: %1.").replace("%1", ", ".join(missed)))
    _competences(report, result)
    _call_figures(report, result)
    _data_entry(report, result, facts)


def _competences(report: Report, result: CallResult) -> None:
    rows, good = [], []
    for c in result.competences:
        state = (
            words.tr("getoond")
            if c.shown
            else words.tr("niet getoetst")
            if not c.assessed
            else words.tr("niet getoond")
        )
        why = "; ".join(words.reason(r) for r in c.reasons) if c.assessed else ""
        rows.append([c.code, words.competence_name(c.code, c.name), state, why])
        good.append(c.shown if c.assessed else None)
        report.csv.append(
            ["competence", c.code, words.competence_name(c.code, c.name), why, "", "", state]
        )
    headers = [words.tr("Code"), words.tr("Competentie"), words.tr("Oordeel"), words.tr("Waarom")]
    report.tables.append(Table(words.tr("Competenties van de standaarden"), headers, rows, good))


def _call_figures(report: Report, result: CallResult) -> None:
    right = sum(1 for f in result.fields if f.verdict == "right")
    hits = sum(1 for e in result.screen_events if e.verdict == "hit")
    spelling = result.spelling
    rows: list[tuple[str, str, str, str]] = [
        _answered_or_dialled(result),
        (
            "handling_time",
            words.tr("Gespreksduur"),
            words.tr("%1 s (norm %2 s)")
            .replace("%1", words.number(result.handling_time, 0))
            .replace("%2", words.number(result.handling_target, 0)),
            csv_number(result.handling_time, 1),
        ),
        (
            "fields_right",
            words.tr("Velden juist"),
            f"{right} / {len(result.fields)}",
            str(right),
        ),
        (
            "messages_on_time",
            words.tr("Meldingen op tijd bevestigd"),
            f"{hits} / {len(result.screen_events)}",
            str(hits),
        ),
    ]
    if spelling.checked:
        rows.append(
            (
                "spelling_rate",
                words.tr("Spelling (eigen woorden)"),
                words.tr("%1 van %2 woorden fout (%3, marge %4)")
                .replace("%1", str(len(spelling.misspelled)))
                .replace("%2", str(spelling.words))
                .replace("%3", words.percent(spelling.rate, 1))
                .replace("%4", words.percent(spelling.margin, 0)),
                csv_number(spelling.rate, 4),
            )
        )
    report.tables.append(
        Table(
            words.tr("Tijden en invoer"),
            [words.tr("Maat"), words.tr("Waarde")],
            [[r[1], r[2]] for r in rows],
        )
    )
    report.csv += [["metric", key, label, value] for key, label, _shown, value in rows]


def _answered_or_dialled(result: CallResult) -> tuple[str, str, str, str]:
    """How soon the phone was answered; an outbound call: how often the trainee dialled."""
    out = result.outbound
    if out is None:
        return (
            "answered_after",
            words.tr("Opgenomen na"),
            words.tr("%1 s (norm %2 s)")
            .replace("%1", words.number(result.answered_after, 1))
            .replace("%2", words.number(result.answer_within, 0)),
            csv_number(result.answered_after, 1),
        )
    busy = sum(1 for a in out.attempts if a.reached == "busy")
    wrong = sum(1 for a in out.attempts if not a.right)
    return (
        "dialled",
        words.tr("Gebeld"),
        words.tr("%1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer")
        .replace("%1", str(len(out.attempts)))
        .replace("%2", str(busy))
        .replace("%3", str(wrong)),
        str(len(out.attempts)),
    )


def _data_entry(report: Report, result: CallResult, facts: ReportFacts) -> None:
    headers = [
        words.tr("Veld"),
        words.tr("Verwacht"),
        words.tr("Ingevoerd"),
        words.tr("Oordeel"),
        words.tr("Seconden na het zeggen"),
    ]
    from trainer.ui.report.recording import in_recording

    labels = {f.id: f.label for f in result.fields}
    rows, good = [], []
    for row in facts.data_entry:
        verdict = words.verdict_word(row.verdict)
        if row.belongs_in:
            verdict += " → " + labels.get(row.belongs_in, row.belongs_in)
        seconds = (
            words.number(row.seconds_after_said, 1) if row.seconds_after_said is not None else "–"
        )
        rows.append([row.label, row.expected, row.entered or "–", verdict, seconds])
        good.append(
            True if row.verdict == "right" else None if row.verdict == "not_given" else False
        )
        report.csv.append(
            [
                "field",
                row.field,
                row.label,
                "",
                row.expected,
                row.entered or "",
                verdict,
                csv_number(row.seconds_after_said, 2),
                in_recording(row.at) if row.at is not None else "",
            ]
        )
        if row.verdict == "wrong" and row.entered and not _has_facts(result, row.field):
            report.alignments.append(
                Alignment(
                    row.label,
                    [(a.expected, a.typed, a.op) for a in align(row.expected, row.entered)],
                )
            )
    report.data_entry = Table(
        words.tr("Gegevensinvoer"),
        headers,
        rows,
        good,
        times=[row.at for row in facts.data_entry],
        time_header=words.tr("In de opname"),
        intro=words.tr(
            "In de opname: waar de klant het gegeven begint te zeggen (een veld dat niet "
            "gezegd wordt: waar het ingevuld werd)."
        ),
    )


def _has_facts(result: CallResult, field_id: str) -> bool:
    return any(f.id == field_id and f.facts for f in result.fields)


def coach_assessment(report: Report, assessment: Assessment, rubric: Rubric) -> None:
    """What the coach judged with the rubric, beside the automatic results: per competence
    its criteria scored (the rubric's words in the language shown) and the comment."""
    from trainer.ui import language

    lang = language.current()
    rows: list[list[str]] = []
    for part in assessment.competences:
        competence = rubric.competence(part.code)
        criteria = (
            {k.id: k.text.in_language(lang) for k in competence.criteria} if competence else {}
        )
        for criterion, score in part.scores.items():
            level = rubric.level(score)
            said = f"{score} {level.word.in_language(lang)}" if level else str(score)
            rows.append([part.code, criteria.get(criterion, criterion), said])
            report.csv.append(["rubric", part.code, criteria.get(criterion, criterion), str(score)])
        if part.comment:
            rows.append([part.code, words.tr("Opmerking"), part.comment])
            report.csv.append(["rubric", part.code, words.tr("Opmerking"), part.comment])
    title = (
        words.tr("Beoordeling door de coach (%1, %2)")
        .replace("%1", assessment.coach)
        .replace("%2", assessment.saved_at.replace("T", " ")[:16])
    )
    headers = [words.tr("Code"), words.tr("Criterium"), words.tr("Score")]
    report.tables.append(Table(title, headers, rows, [None] * len(rows)))
