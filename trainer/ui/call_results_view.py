"""The result of a call: passed or not, per competence of the standards (with its code) whether
it was shown and why not, then the fields, the screen events and the times."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.call_competences import NotAssessed
from trainer.core.call_scoring import CallResult, FieldResult
from trainer.core.reasons import Reason
from trainer.ui import words
from trainer.ui.proposals_page import ProposalsPage, show_in_tabs
from trainer.ui.report.proposals import originals_of
from trainer.ui.results_view import (
    DeskResultsButtons,
    damage_label,
    desk_results_buttons,
    name_by_tabs,
    show_damage,
)
from trainer.ui.style_flags import set_flag
from trainer.ui.tables import filling, read_only_table

_GOOD, _BAD, _INK = QColor("#c8e6c9"), QColor("#ffcdd2"), QColor("#000000")


MESSAGE_CHARS = 60  # of a message named in a reason: enough to know which one it was


def _table(headers: list[str]) -> QTableWidget:
    table = read_only_table(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    # the rows' heights follow the columns' widths: filled before the page is laid out, a
    # long note would otherwise keep the height it had in a narrow column (and, on a small
    # screen, push its text out of view)
    table.installEventFilter(_RowsFollowWidth(table))
    return table


class _RowsFollowWidth(QObject):
    """Fits a table's rows to their text again once it is shown or resized (after its
    columns took their new widths: on the next turn of the event loop)."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            # (this filter as the context: the call is dropped when the table goes first)
            QTimer.singleShot(0, self, self._fit)
        return False

    def _fit(self) -> None:
        self._table.resizeRowsToContents()


def _fill(table: QTableWidget, rows: list[tuple[list[str], bool | None]]) -> None:
    with filling(table):
        table.setRowCount(len(rows))
        for r, (cells, good) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if good is not None:  # (dark text on the light colour, in either theme)
                    item.setBackground(_GOOD if good else _BAD)
                    item.setForeground(_INK)
                table.setItem(r, c, item)
    table.resizeRowsToContents()


class CallResultsView(DeskResultsButtons, QWidget):
    """Widgets of a call's result; ``show_result`` fills them."""

    practise_button: QPushButton  # (the report's advice as a drill: calls only)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callResultsView")
        self.verdict = QLabel(objectName="verdict", alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel(objectName="verdictSummary", wordWrap=True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.damage = damage_label()
        self.competences = _table([self.tr("Code"), self.tr("Competentie"), self.tr("Getoond"),
                                   self.tr("Waarom niet")])  # fmt: skip
        self.fields = _table([self.tr("Veld"), self.tr("Verwacht"), self.tr("Ingevuld"),
                              self.tr("Oordeel"), self.tr("Na zeggen")])  # fmt: skip
        # a note's model answer and what was typed wrap in their columns, so the verdict
        # stays in view
        for column in (1, 2):
            self.fields.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.fields.horizontalHeader().setStretchLastSection(False)
        self.events = _table([self.tr("Melding"), self.tr("Reactie"), self.tr("Oordeel")])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.competences, self.tr("Competenties"))
        self.tabs.addTab(self.fields, self.tr("Velden"))
        self.tabs.addTab(self.events, self.tr("Meldingen"))
        name_by_tabs(self.tabs)
        self.proposals = ProposalsPage()  # a tab only when there are any (show_in_tabs)
        buttons = desk_results_buttons(self, practise=True)  # as on every results page
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.damage)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _not_assessed(self, why: NotAssessed) -> str:
        return {
            "not_answered": self.tr("Niet beoordeeld: de oproep werd niet beantwoord."),
            "not_dialled": self.tr("Niet beoordeeld: je hebt niet gebeld."),
            "not_reached": self.tr("Niet beoordeeld: je hebt niemand bereikt."),
            "not_completed": self.tr("Niet beoordeeld: het gesprek werd niet afgerond."),
        }[why]

    def show_result(self, result: CallResult) -> None:
        """Fill the screen from a call's result."""
        stopped = result.ended == "abandoned"  # not a failed call: there is nothing to judge
        if stopped:
            self.verdict.setText(self.tr("Afgebroken"))
        else:
            self.verdict.setText(self.tr("Geslaagd") if result.passed else self.tr("Niet geslaagd"))
        set_flag(self.verdict, "passed", "stopped" if stopped else result.passed)
        why = result.not_assessed()
        lines = [] if why is None else [self._not_assessed(why)]
        if result.answered_after is not None:
            lines.append(
                self.tr("Opgenomen na %1 s (norm %2 s).")
                .replace("%1", words.number(result.answered_after, 1))
                .replace("%2", words.number(result.answer_within))
            )
        if result.handling_time is not None:
            lines.append(
                self.tr("Gespreksduur %1 (norm %2).")
                .replace("%1", words.seconds(result.handling_time))
                .replace("%2", words.seconds(result.handling_target))
            )
        if result.outbound is not None:  # the trainee placed the call
            lines += self._outbound_lines(result)
        v = result.verification
        lines.append(
            self.tr("Verificatie: juist.") if v.right else self.tr("Verificatie: niet juist.")
        )
        if v.breach:
            lines.append(self.tr("Vertrouwelijkheid geschonden: %1").replace(
                "%1", words.tr("; ").join(words.reason(r) for r in v.breach_reasons)))  # fmt: skip
        if result.spelling.words:  # nothing in the operator's own words: nothing to say
            lines.append(self._spelling_line(result))
        if result.audio_underflows:
            lines.append(words.dropouts(result.audio_underflows))
        if not result.completed:
            lines.append(
                self.tr("De sessie werd %1: niet volledig, dus niet geslaagd.").replace(
                    "%1", words.end_reason(result.ended)
                )
            )
        self.summary.setText("\n".join(lines))
        show_damage(self.damage, result)

        # a message is named by what it said, not by its id in the scenario
        messages = {e.id: e.text for e in result.screen_events}
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
                        words.tr("; ").join(words.reason(_named(r, messages)) for r in c.reasons)
                        if c.assessed
                        else "",
                    ],
                    c.shown if c.assessed else None,
                )
                for c in result.competences
            ],
        )
        _fill(
            self.fields,
            [
                self._look_up_row(result),
                *(
                    (
                        [
                            f.label,
                            f.expected,
                            f.value or "",
                            _field_verdict(f),
                            ""
                            if f.seconds_after_said is None
                            else f"{words.number(f.seconds_after_said, 1)} s",
                        ],
                        None if f.verdict == "not_given" else f.verdict == "right",
                    )
                    for f in result.fields
                ),
            ],
        )
        _fill(
            self.events,
            [
                (
                    [
                        e.text,
                        "" if e.reaction is None else f"{words.number(e.reaction, 1)} s",
                        words.verdict_word(e.verdict),
                    ],
                    e.verdict == "hit",
                )
                for e in result.screen_events
            ],
        )
        # (the call's knowledge base, to say what a change changed: from the window's catalog)
        catalog = getattr(self.window(), "catalog", None)
        entry = catalog.by_id(result.exercise_id) if catalog is not None else None
        original = originals_of(entry.exercise if entry is not None else None)
        show_in_tabs(self.tabs, self.proposals, result.proposals, original)
        self.tabs.setCurrentIndex(0)

    def _look_up_row(self, result: CallResult) -> tuple[list[str], bool]:
        """The caller looked up in the records, as a row of the fields: what was typed, which
        file it opened, how long after the caller had identified themselves."""
        look = result.look_up
        by = {
            "customer_number": self.tr("op klantnummer"),
            "phone": self.tr("op telefoonnummer"),
            "name": self.tr("op naam"),
        }.get(look.by or "", "")
        if look.attempts == 0:
            verdict = self.tr("niet opgezocht")
        elif not look.found:
            verdict = self.tr("niet gevonden")
        elif look.callers_file:
            verdict = self.tr("dossier van de beller") + (f", {by}" if by else "")
        else:
            verdict = self.tr("ander dossier (%1)").replace("%1", look.record or "")
        since = look.seconds_after_said
        return (
            [
                self.tr("Klant opzoeken"),
                look.expected,
                look.typed or "",
                verdict,
                "" if since is None else f"{words.number(since, 1)} s",
            ],
            look.found and look.callers_file and result.verification.right,
        )

    def _outbound_lines(self, result: CallResult) -> list[str]:
        """How often the trainee dialled, and the voicemail message left."""
        out = result.outbound
        assert out is not None
        busy = sum(1 for a in out.attempts if a.reached == "busy")
        wrong = sum(1 for a in out.attempts if not a.right)
        lines = [
            self.tr("Gebeld: %1 keer, waarvan %2 bezet en %3 naar een verkeerd nummer.")
            .replace("%1", str(len(out.attempts)))
            .replace("%2", str(busy))
            .replace("%3", str(wrong))
        ]
        if out.message_seconds is not None:
            lines.append(
                self.tr("Bericht op de voicemail: %1 (minstens %2).")
                .replace("%1", words.seconds(out.message_seconds))
                .replace("%2", words.seconds(out.message_min))
            )
        return lines

    def _spelling_line(self, result: CallResult) -> str:
        """The spelling of the operator's own words against the margin."""
        spelling = result.spelling
        if not spelling.checked:
            return self.tr("Spelling niet gecontroleerd: geen woordenboek voor “%1”.").replace(
                "%1", words.language_name(spelling.language)
            )
        if not spelling.misspelled:
            return self.tr("Spelling: geen fouten in %1.").replace(
                "%1", words.count(spelling.words, words.tr("%n woord"), words.tr("%n woorden"))
            )
        line = (
            self.tr("Spelling: %1 van %2 woorden fout (%3, marge %4): %5")
            .replace("%1", str(len(spelling.misspelled)))
            .replace("%2", str(spelling.words))
            .replace("%3", words.percent(spelling.rate, 1))
            .replace("%4", words.percent(spelling.margin, 1))
            .replace("%5", ", ".join(spelling.misspelled))
        )
        return line + ("  ✓" if spelling.within_margin else "  ✗")


def _named(r: Reason, messages: dict[str, str]) -> Reason:
    """``r`` with a message's id replaced by the start of its text."""
    message = r.params.get("message")
    if not isinstance(message, str) or message not in messages:
        return r
    text = messages[message]
    short = text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1].rstrip() + "…"
    return r.model_copy(update={"params": {**r.params, "message": short}})


def _field_verdict(f: FieldResult) -> str:
    """A field's verdict, with where a misplaced value belongs and which facts a note lacks."""
    text = words.verdict_word(f.verdict)
    if f.belongs_in:
        text += f" → {f.belongs_in}"
    missing = [fact.name for fact in f.facts if not fact.found]
    if missing:
        # (one sentence to translate: French puts a space before the colon)
        text = words.tr("%1: mist %2").replace("%1", text).replace("%2", ", ".join(missing))
    return text
