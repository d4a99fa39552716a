"""The result of a shift in the queue: passed or not, per competence of the standards (with its
code) whether it was shown and why not, then the tickets one by one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from trainer.ui import words
from trainer.ui.call_results_view import _fill, _table
from trainer.ui.proposals_page import ProposalsPage, show_in_tabs
from trainer.ui.queue_view import named
from trainer.ui.report.proposals import originals_of
from trainer.ui.results_view import (
    DeskResultsButtons,
    damage_label,
    desk_results_buttons,
    name_by_tabs,
    show_damage,
)
from trainer.ui.style_flags import set_flag

if TYPE_CHECKING:
    from trainer.core.queue_contacts import ContactResult
    from trainer.core.queue_scenario import QueueExercise
    from trainer.core.queue_scoring import QueueResult
    from trainer.core.reasons import Reason
    from trainer.ui.main_window import MainWindow


class QueueResultsView(DeskResultsButtons, QWidget):
    """Widgets of a shift's result; ``show_result`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueResultsView")
        self.verdict = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "verdict")
        self.summary = named(QLabel(wordWrap=True), "verdictSummary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.damage = damage_label()
        self.competences = _table([self.tr("Code"), self.tr("Competentie"), self.tr("Getoond"),
                                   self.tr("Waarom niet")])  # fmt: skip
        self.contacts = _table([self.tr("Contact"), self.tr("Ticket"), self.tr("Prioriteit"),
                               self.tr("Team"), self.tr("SLA"), self.tr("Oordeel")])  # fmt: skip
        self.tabs = QTabWidget()
        self.tabs.addTab(self.competences, self.tr("Competenties"))
        self.tabs.addTab(self.contacts, self.tr("Contacten"))
        name_by_tabs(self.tabs)
        self.proposals = ProposalsPage()  # a tab only when there are any (show_in_tabs)
        buttons = desk_results_buttons(self)  # as on every results page
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.damage)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def show_result(self, result: QueueResult, exercise: QueueExercise | None = None) -> None:
        """Fill the screen from a shift's result (``exercise``: its contacts named by their
        subjects, its codes by their names)."""
        said = _Named(exercise)
        stopped = result.ended == "abandoned"
        if stopped:
            self.verdict.setText(self.tr("Afgebroken"))
        else:
            self.verdict.setText(self.tr("Geslaagd") if result.passed else self.tr("Niet geslaagd"))
        set_flag(self.verdict, "passed", "stopped" if stopped else result.passed)
        self.summary.setText("\n".join(self._summary_lines(result)))
        show_damage(self.damage, result)
        _fill(
            self.competences,
            [
                (
                    [
                        c.code,
                        words.competence_name(c.code, c.name),
                        (self.tr("ja") if c.shown else self.tr("nee"))
                        if c.assessed
                        else self.tr("niet getoetst"),
                        words.tr("; ").join(said.reason(r) for r in c.reasons)
                        if c.assessed
                        else "",
                    ],
                    c.shown if c.assessed else None,
                )
                for c in result.competences
            ],
        )
        _fill(self.contacts, [self._contact_row(c, said) for c in result.contacts])
        show_in_tabs(self.tabs, self.proposals, result.proposals, originals_of(exercise))
        self.tabs.setCurrentIndex(0)

    def _contact_row(self, c: ContactResult, said: _Named) -> tuple[list[str], bool]:
        """One contact: what was done against what was expected, and why not right."""

        def pair(given: str | None, expected: str | None) -> str:
            if given == expected:
                return given or "–"
            return (
                self.tr("%1 (verwacht %2)")
                .replace("%1", given or "–")
                .replace("%2", expected or "–")
            )

        ticket = c.ticket or (self.tr("geen ticket") if c.no_ticket else "–")
        sla = "–"
        if c.response_used is not None and c.response_target is not None:
            sla = self.tr("reactie %1 / %2").replace("%1", words.seconds(c.response_used))
            sla = sla.replace("%2", words.seconds(c.response_target))
        verdict = words.tr("; ").join(said.reason(r, own_row=True) for r in c.reasons)
        verdict = verdict or self.tr("in orde")
        name = said.contact(c.id)
        if c.caller is not None:  # a call with a recording: heard, or read without sound
            caller = self.tr("%1 (gehoord)") if c.caller == "heard" else self.tr("%1 (als tekst)")
            name = caller.replace("%1", name)
        return (
            [
                name,
                ticket,
                pair(c.priority, c.expected_priority),
                pair(said.team(c.team), said.team(c.expected_team)),
                sla,
                verdict,
            ],
            not c.reasons,
        )

    def _summary_lines(self, result: QueueResult) -> list[str]:
        lines = [
            self.tr("SLA-overschrijdingen: %1 · contacten in de verkeerde volgorde genomen: %2 "
                    "· tickets gemaakt: %3")
            .replace("%1", str(result.breaches))
            .replace("%2", str(result.picking_faults))
            .replace("%3", str(result.tickets_created))
        ]  # fmt: skip
        if not result.completed:
            lines.append(
                self.tr("De sessie werd %1: niet volledig, dus niet geslaagd.").replace(
                    "%1", words.end_reason(result.ended)
                )
            )
        return lines


_HERE = "\x00"  # the contact a sentence names, on the contact's own row
_NAMED_FIRST = re.compile(r"^[«'‘“]?\s?\x00\s?[»'’”]?\s?:\s*")


class _Named:
    """A shift's reasons with the exercise's words in them: a contact by its subject (as the
    queue listed it), a team, category or close code by the name its helpdesk gives it."""

    _CODES: ClassVar[dict[str, str]] = {
        "team_wrong": "teams",
        "category_wrong": "categories",
        "ticket_close_code_wrong": "close_codes",
    }

    def __init__(self, exercise: QueueExercise | None) -> None:
        self.exercise = exercise

    def contact(self, contact_id: str) -> str:
        arrival = self.exercise.arrival(contact_id) if self.exercise is not None else None
        if arrival is None:
            return contact_id
        return arrival.subject or arrival.text.strip().split("\n", 1)[0]

    def team(self, team: str | None) -> str | None:
        if team is None or self.exercise is None:
            return team
        return self.exercise.helpdesk.teams.get(team, team)

    def reason(self, r: Reason, own_row: bool = False) -> str:
        """A reason in words; on its contact's ``own_row`` without naming that contact again
        at its start (the row says which it is)."""
        params = dict(r.params)
        subject = self.contact(str(params.get("contact") or ""))
        for key in ("contact", "waiting"):
            if isinstance(params.get(key), str) and params[key]:
                params[key] = self.contact(str(params[key]))
        if own_row and params.get("contact"):
            params["contact"] = _HERE
        names = self._CODES.get(r.code)
        if names is not None and self.exercise is not None:
            table: dict[str, str] = getattr(self.exercise.helpdesk, names)
            for key in ("given", "expected"):
                if isinstance(params.get(key), str):
                    params[key] = table.get(str(params[key]), params[key])
        said = words.reason(r.model_copy(update={"params": params}))
        if own_row:  # "'…': niet behandeld" -> "niet behandeld" (and « … » : in French)
            said = _NAMED_FIRST.sub("", said, count=1).replace(_HERE, subject)
        return said


def show_queue_result(window: MainWindow, result: QueueResult) -> QueueResultsView:
    """The window's page for a shift's result (made the first time), shown and filled: the
    report (Ctrl+S), the coach's rubric (Ctrl+B), the replay (Ctrl+J), again (Ctrl+R) and back
    (Escape) as on every results page."""

    def make() -> QueueResultsView:
        from trainer.ui import rubric_dialog  # the coach's "Beoordeling…" (Ctrl+B)

        # again, back, the report and the replay as on every results page
        return rubric_dialog.install(window, window._with_results_keys(QueueResultsView()))

    page = window._page("queue_results", make)
    page.again_button.show()
    from trainer.core.queue_scenario import QueueExercise

    exercise = window._last_exercise
    page.show_result(result, exercise if isinstance(exercise, QueueExercise) else None)
    window.stack.setCurrentWidget(page)
    page.competences.setFocus()  # not a button: a key still typed presses nothing
    return page
