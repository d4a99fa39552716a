"""The parts of a report of a queue shift and of a chat session: why the verdict, per
competence its code and why not, the figures, and then the contacts one by one (a shift: when
each came, was taken and handled, the ticket and its priority and team against what was
expected, the SLA's response, why not right) or the conversations reply by reply (a chat: the
customer's message, the reply, its time against its norm, what it lacked), and a chat's form.
The words come from the results pages' own helpers, so a report says what the screen said."""

from __future__ import annotations

from collections.abc import Callable

from trainer.core.call_competences import CompetenceResult
from trainer.core.chat_scenario import ChatExercise
from trainer.core.chat_scoring import ChatResult, ReplyResult
from trainer.core.exercise import ExerciseBase
from trainer.core.free_text import SpellingResult
from trainer.core.queue_contacts import ContactResult
from trainer.core.queue_scenario import QueueExercise
from trainer.core.queue_scoring import QueueResult
from trainer.core.reasons import Reason
from trainer.core.report_facts import ReportFacts
from trainer.ui import words
from trainer.ui.queue_results_view import _Named
from trainer.ui.report.document import Report, Table
from trainer.ui.report.sections import csv_number
from trainer.ui.ticket_form import channel_word

Said = Callable[[Reason], str]


def _why(report: Report, competences: list[CompetenceResult], stopped_line: str | None) -> None:
    """The verdict's reasons, as a call's: how many competences were shown, which not."""
    shown = [c for c in competences if c.assessed and c.shown]
    assessed = [c for c in competences if c.assessed]
    if stopped_line:
        report.why.append(stopped_line)
    report.why.append(
        words.tr("%1 van %2 getoetste competenties getoond.")
        .replace("%1", str(len(shown)))
        .replace("%2", str(len(assessed)))
    )
    missed = [c.code for c in assessed if not c.shown]
    if missed:
        report.why.append(words.tr("Niet getoond: %1.").replace("%1", ", ".join(missed)))


def _not_completed(ended: str, completed: bool) -> str | None:
    if completed:
        return None
    return words.tr("De sessie werd %1: niet volledig, dus niet geslaagd.").replace(
        "%1", words.end_reason(ended)
    )


def _competences(report: Report, competences: list[CompetenceResult], said: Said) -> None:
    """Per competence of the standards its code, name, verdict and why not (its reasons with
    the exercise's own words: a contact's subject, a customer's name)."""
    rows, good = [], []
    for c in competences:
        state = (
            words.tr("getoond")
            if c.shown
            else words.tr("niet getoetst")
            if not c.assessed
            else words.tr("niet getoond")
        )
        why = "; ".join(said(r) for r in c.reasons) if c.assessed else ""
        name = words.competence_name(c.code, c.name)
        rows.append([c.code, name, state, why])
        good.append(c.shown if c.assessed else None)
        report.csv.append(["competence", c.code, name, why, "", "", state])
    headers = [words.tr("Code"), words.tr("Competentie"), words.tr("Oordeel"), words.tr("Waarom")]
    report.tables.append(Table(words.tr("Competenties van de standaarden"), headers, rows, good))


def _spelling_row(spelling: SpellingResult) -> list[tuple[str, str, str, str]]:
    if not spelling.checked:
        return []
    return [
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
    ]


def _figures(report: Report, rows: list[tuple[str, str, str, str]]) -> None:
    report.tables.append(
        Table(
            words.tr("Tijden en invoer"),
            [words.tr("Maat"), words.tr("Waarde")],
            [[r[1], r[2]] for r in rows],
        )
    )
    report.csv += [["metric", key, label, value] for key, label, _shown, value in rows]


def _at(t: float | None) -> str:
    return "–" if t is None else words.seconds(t)


# a queue shift ----------------------------------------------------------------------------------
def queue_parts(report: Report, result: QueueResult, exercise: ExerciseBase) -> None:
    """A shift's verdict and why, competences, figures and its contacts one by one."""
    named = _Named(exercise if isinstance(exercise, QueueExercise) else None)
    _why(report, result.competences, _not_completed(result.ended, result.completed))
    _competences(report, result.competences, named.reason)
    rows = [
        ("shift", words.tr("Duur van de shift"), words.seconds(result.shift), str(result.shift)),
        ("breaches", words.tr("SLA-overschrijdingen"), str(result.breaches), str(result.breaches)),
        (
            "picking_faults",
            words.tr("Contacten in de verkeerde volgorde genomen"),
            str(result.picking_faults),
            str(result.picking_faults),
        ),
        (
            "tickets_created",
            words.tr("Tickets gemaakt"),
            str(result.tickets_created),
            str(result.tickets_created),
        ),
        *_spelling_row(result.spelling),
    ]
    _figures(report, rows)
    _contacts(report, result.contacts, named)


def _contacts(report: Report, contacts: list[ContactResult], named: _Named) -> None:
    def pair(given: str | None, expected: str | None) -> str:
        if given == expected:
            return given or "–"
        return (
            words.tr("%1 (verwacht %2)").replace("%1", given or "–").replace("%2", expected or "–")
        )

    headers = [
        words.tr("Contact"),
        words.tr("Binnen / genomen"),
        words.tr("Ticket"),
        words.tr("Prioriteit"),
        words.tr("Team"),
        words.tr("Reactie (SLA)"),
        words.tr("Oordeel"),
    ]
    rows: list[list[str]] = []
    good: list[bool | None] = []
    for c in contacts:
        subject = named.contact(c.id)
        ticket = c.ticket or (words.tr("geen ticket") if c.no_ticket else "–")
        sla = "–"
        if c.response_used is not None and c.response_target is not None:
            sla = f"{words.seconds(c.response_used)} / {words.seconds(c.response_target)}"
        verdict = "; ".join(named.reason(r) for r in c.reasons) or words.tr("in orde")
        taken = _at(c.picked_at) if c.picked_at is not None else words.tr("niet genomen")
        rows.append(
            [
                f"{subject} ({channel_word(c.channel)})",
                f"{_at(c.arrived_at)} / {taken}",
                ticket,
                pair(c.priority, c.expected_priority),
                pair(named.team(c.team), named.team(c.expected_team)) or "–",
                sla,
                verdict,
            ]
        )
        good.append(not c.reasons)
        report.csv.append(
            [
                "contact",
                c.id,
                subject,
                ticket,
                " · ".join(x or "–" for x in (c.expected_priority, c.expected_team)),
                " · ".join(x or "–" for x in (c.priority, c.team)),
                verdict,
                csv_number(c.response_used, 1),
            ]
        )
    report.tables.append(
        Table(
            words.tr("Contacten en tickets"),
            headers,
            rows,
            good,
            intro=words.tr(
                "Binnen / genomen: wanneer het contact binnenkwam en genomen werd, op de klok "
                "van de shift; Reactie: de tijd tot de eerste reactie op het ticket, tegen de "
                "norm van zijn prioriteit."
            ),
        )
    )


# a chat session ---------------------------------------------------------------------------------
def chat_parts(
    report: Report, result: ChatResult, exercise: ExerciseBase, facts: ReportFacts
) -> None:
    """A chat session's verdict and why, competences, figures, its conversations reply by
    reply and its form."""
    chat = exercise if isinstance(exercise, ChatExercise) else None
    names = {c.id: c.customer.name for c in chat.chats} if chat else {}
    texts = {(c.id, m.id): m.text for c in (chat.chats if chat else []) for m in c.messages}

    def said(r: Reason) -> str:
        params = dict(r.params)
        chat_id, message = params.get("chat"), params.get("message")
        if isinstance(chat_id, str) and isinstance(message, str) and (chat_id, message) in texts:
            params["message"] = _short(texts[(chat_id, message)])
        if isinstance(chat_id, str) and chat_id in names:
            params["chat"] = names[chat_id]
        return words.reason(r.model_copy(update={"params": params}))

    _why(report, result.competences, _not_completed(result.ended, result.completed))
    for c in result.conversations:
        if c.left_at is not None:
            report.why.append(
                words.tr("%1 heeft de chat verlaten (op %2).")
                .replace("%1", names.get(c.id, c.id))
                .replace("%2", words.seconds(c.left_at))
            )
    _competences(report, result.competences, said)
    replies = [r for c in result.conversations for r in c.replies]
    right = sum(1 for f in result.fields if f.verdict == "right")
    hits = sum(1 for e in result.screen_events if e.verdict == "hit")
    rows = [
        (
            "replies_on_time",
            words.tr("Antwoorden op tijd"),
            words.tr("%1 op tijd, %2 te laat, %3 gemist")
            .replace("%1", str(sum(r.verdict == "hit" for r in replies)))
            .replace("%2", str(sum(r.verdict == "late" for r in replies)))
            .replace("%3", str(sum(r.verdict == "missed" for r in replies))),
            str(sum(r.verdict == "hit" for r in replies)),
        ),
        (
            "corrections",
            words.tr("Verbeteringen (Backspace, Delete)"),
            str(result.corrections),
            str(result.corrections),
        ),
        ("fields_right", words.tr("Velden juist"), f"{right} / {len(result.fields)}", str(right)),
        (
            "messages_on_time",
            words.tr("Meldingen op tijd bevestigd"),
            f"{hits} / {len(result.screen_events)}",
            str(hits),
        ),
        *_spelling_row(result.spelling),
    ]
    _figures(report, rows)
    _conversations(report, result, names, texts)
    _form(report, result, facts)


def _short(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _lacking(r: ReplyResult) -> str:
    """What a reply lacked: facts, politeness markers, words to avoid it held."""
    parts = [f.name for f in r.facts if not f.found]
    parts += [words.marker_name(m.marker) for m in r.markers if not m.found]
    if r.avoided:
        parts.append(words.tr("te vermijden: '%1'").replace("%1", r.avoided))
    return ", ".join(parts)


def _conversations(
    report: Report,
    result: ChatResult,
    names: dict[str, str],
    texts: dict[tuple[str, str], str],
) -> None:
    headers = [
        words.tr("Klant (binnen)"),
        words.tr("Bericht van de klant"),
        words.tr("Jouw antwoord"),
        words.tr("Tijd"),
        words.tr("Oordeel"),
        words.tr("Ontbreekt"),
    ]
    rows: list[list[str]] = []
    good: list[bool | None] = []
    for c in result.conversations:
        customer = names.get(c.id, c.id)
        for r in c.replies:
            lacking = _lacking(r)
            norm = words.tr("norm %1 s").replace("%1", words.number(r.within))
            time = "–" if r.response_time is None else f"{words.number(r.response_time, 1)} s"
            verdict = words.verdict_word(r.verdict)
            message = texts.get((c.id, r.message), r.message)
            rows.append(
                [
                    f"{customer} ({_at(r.arrived_at)})",
                    _short(message, 120),
                    r.text or "–",
                    f"{time} ({norm})",
                    verdict,
                    lacking,
                ]
            )
            good.append(r.verdict == "hit" and not lacking)
            report.csv.append(
                [
                    "reply",
                    f"{c.id}.{r.message}",
                    f"{customer}: {_short(message)}",
                    lacking,
                    "",
                    r.text,
                    verdict,
                    csv_number(r.response_time, 2),
                ]
            )
        if c.left_at is not None:
            rows.append(
                [f"{customer} ({_at(c.left_at)})", words.tr("(verliet de chat)"), *[""] * 4]
            )
            good.append(False)
    report.tables.append(
        Table(
            words.tr("Gesprekken en antwoorden"),
            headers,
            rows,
            good,
            intro=words.tr(
                "Binnen: wanneer het bericht kwam, op de klok van de sessie; Tijd: tot het "
                "eerste antwoord, tegen de norm; Ontbreekt: de feiten en beleefdheden die het "
                "antwoord moest bevatten."
            ),
        )
    )


def _form(report: Report, result: ChatResult, facts: ReportFacts) -> None:
    """The fields entered beside the chats, as a call's data entry (no recording to link)."""
    if not facts.data_entry:
        return
    labels = {f.id: f.label for f in result.fields}
    headers = [words.tr("Veld"), words.tr("Verwacht"), words.tr("Ingevoerd"), words.tr("Oordeel")]
    rows, good = [], []
    for row in facts.data_entry:
        verdict = words.verdict_word(row.verdict)
        if row.belongs_in:
            verdict += " → " + labels.get(row.belongs_in, row.belongs_in)
        rows.append([row.label, row.expected, row.entered or "–", verdict])
        good.append(
            True if row.verdict == "right" else None if row.verdict == "not_given" else False
        )
        report.csv.append(
            ["field", row.field, row.label, "", row.expected, row.entered or "", verdict]
        )
    report.data_entry = Table(words.tr("Gegevensinvoer"), headers, rows, good)
