"""The result of a chat session: passed or not, per competence of the standards (with its code)
whether it was shown and why not, then every reply (its time against the norm, the facts and
the politeness it lacked), the fields and the screen's messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.chat_scoring import ChatResult, ReplyResult
from trainer.core.reasons import Reason
from trainer.ui import words
from trainer.ui.call_results_view import MESSAGE_CHARS, _field_verdict, _fill, _table
from trainer.ui.proposals_page import ProposalsPage, show_in_tabs
from trainer.ui.report.proposals import originals_of
from trainer.ui.results_view import DeskResultsButtons, desk_results_buttons
from trainer.ui.style_flags import set_flag

if TYPE_CHECKING:
    from trainer.core.chat_scenario import ChatExercise
    from trainer.ui.main_window import MainWindow


def _short(text: str) -> str:
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1].rstrip() + "…"


class ChatResultsView(DeskResultsButtons, QWidget):
    """Widgets of a chat session's result; ``show_result`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatResultsView")
        self.verdict = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.verdict.setObjectName("verdict")
        self.summary = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary.setObjectName("verdictSummary")
        self.competences = _table(
            [self.tr("Code"), self.tr("Competentie"), self.tr("Getoond"), self.tr("Waarom niet")]
        )
        self.replies = _table(
            [
                self.tr("Klant"),
                self.tr("Bericht van de klant"),
                self.tr("Jouw antwoord"),
                self.tr("Tijd"),
                self.tr("Oordeel"),
                self.tr("Ontbreekt"),
            ]
        )
        for column in (1, 2):  # the texts wrap in their columns, the verdicts stay in view
            self.replies.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.replies.horizontalHeader().setStretchLastSection(False)
        self.fields = _table(
            [self.tr("Veld"), self.tr("Verwacht"), self.tr("Ingevuld"), self.tr("Oordeel")]
        )
        self.events = _table([self.tr("Melding"), self.tr("Reactie"), self.tr("Oordeel")])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.competences, self.tr("Competenties"))
        self.tabs.addTab(self.replies, self.tr("Antwoorden"))
        self.tabs.addTab(self.fields, self.tr("Velden"))
        self.tabs.addTab(self.events, self.tr("Meldingen"))
        self.proposals = ProposalsPage()  # a tab only when there are any (show_in_tabs)
        buttons = desk_results_buttons(self)  # as on every results page
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def show_result(self, result: ChatResult, exercise: ChatExercise | None = None) -> None:
        """Fill the screen from a chat session's result (``exercise``: for the customers'
        names and words; without it their ids are shown)."""
        names = {c.id: c.customer.name for c in exercise.chats} if exercise else {}
        texts = {
            (c.id, m.id): m.text for c in (exercise.chats if exercise else []) for m in c.messages
        }
        stopped = result.ended == "abandoned"
        if stopped:
            self.verdict.setText(self.tr("Afgebroken"))
        else:
            self.verdict.setText(self.tr("Geslaagd") if result.passed else self.tr("Niet geslaagd"))
        set_flag(self.verdict, "passed", "stopped" if stopped else result.passed)
        self.summary.setText("\n".join(self._summary(result, names)))

        def named(r: Reason) -> Reason:
            params = dict(r.params)
            chat, message = params.get("chat"), params.get("message")
            if isinstance(chat, str) and isinstance(message, str) and (chat, message) in texts:
                params["message"] = _short(texts[(chat, message)])
            if isinstance(chat, str) and chat in names:
                params["chat"] = names[chat]
            return r.model_copy(update={"params": params})

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
                        words.tr("; ").join(words.reason(named(r)) for r in c.reasons)
                        if c.assessed
                        else "",
                    ],
                    c.shown if c.assessed else None,
                )
                for c in result.competences
            ],
        )
        _fill(
            self.replies,
            [
                (
                    [
                        names.get(c.id, c.id),
                        texts.get((c.id, r.message), r.message),
                        r.text,
                        self._time(r),
                        words.verdict_word(r.verdict),
                        self._lacking(r),
                    ],
                    r.verdict == "hit" and not self._lacking(r),
                )
                for c in result.conversations
                for r in c.replies
            ],
        )
        _fill(
            self.fields,
            [
                (
                    [f.label, f.expected, f.value or "", _field_verdict(f)],
                    None if f.verdict == "not_given" else f.verdict == "right",
                )
                for f in result.fields
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
        show_in_tabs(self.tabs, self.proposals, result.proposals, originals_of(exercise))
        self.tabs.setCurrentIndex(0)

    def _summary(self, result: ChatResult, names: dict[str, str]) -> list[str]:
        lines = []
        if result.incomplete == "not_completed":
            lines.append(self.tr("Niet beoordeeld: de sessie werd niet afgerond."))
        replies = [r for c in result.conversations for r in c.replies]
        if replies:
            lines.append(
                self.tr("Antwoorden: %1 op tijd, %2 te laat, %3 gemist.")
                .replace("%1", str(sum(r.verdict == "hit" for r in replies)))
                .replace("%2", str(sum(r.verdict == "late" for r in replies)))
                .replace("%3", str(sum(r.verdict == "missed" for r in replies)))
            )
        gone = [c for c in result.conversations if c.left_at is not None]
        for c in gone:
            assert c.left_at is not None
            lines.append(
                self.tr("%1 heeft de chat verlaten na %2 wachten (op %3).")
                .replace("%1", names.get(c.id, c.id))
                .replace("%2", self._waited(c.id, result))
                .replace("%3", words.seconds(c.left_at))
            )
        spelling = result.spelling
        if spelling.words and spelling.checked:
            if spelling.misspelled:
                lines.append(
                    self.tr("Spelling: %1 van %2 woorden fout (%3, marge %4): %5")
                    .replace("%1", str(len(spelling.misspelled)))
                    .replace("%2", str(spelling.words))
                    .replace("%3", words.percent(spelling.rate, 1))
                    .replace("%4", words.percent(spelling.margin, 1))
                    .replace("%5", ", ".join(spelling.misspelled))
                )
            else:
                lines.append(
                    self.tr("Spelling: geen fouten in %1.").replace(
                        "%1",
                        words.count(spelling.words, words.tr("%n woord"), words.tr("%n woorden")),
                    )
                )
        if not result.completed:
            lines.append(
                self.tr("De sessie werd %1: niet volledig, dus niet geslaagd.").replace(
                    "%1", words.end_reason(result.ended)
                )
            )
        return lines

    def _waited(self, chat_id: str, result: ChatResult) -> str:
        """How long the customer who left had waited for the reply that never came."""
        conversation = next(c for c in result.conversations if c.id == chat_id)
        unanswered = [r for r in conversation.replies if r.replied_at is None]
        if conversation.left_at is None or not unanswered:
            return "–"
        return words.seconds(conversation.left_at - unanswered[0].arrived_at)

    def _time(self, r: ReplyResult) -> str:
        """The reply's time against its norm: '12,5 s (norm 40 s)'."""
        norm = self.tr("norm %1 s").replace("%1", words.number(r.within))
        if r.response_time is None:
            return f"– ({norm})"
        return f"{words.number(r.response_time, 1)} s ({norm})"

    def _lacking(self, r: ReplyResult) -> str:
        """What the reply lacked: facts, politeness markers, words to avoid it held."""
        markers = {
            "greeting": self.tr("begroeting"),
            "thanks": self.tr("bedanking"),
            "apology": self.tr("verontschuldiging"),
            "closing": self.tr("afsluitende groet"),
        }
        parts = [f.name for f in r.facts if not f.found]
        parts += [markers.get(m.marker, m.marker) for m in r.markers if not m.found]
        if r.avoided:
            parts.append(self.tr("te vermijden: '%1'").replace("%1", r.avoided))
        return ", ".join(parts)


def show_chat_result(
    window: MainWindow, result: ChatResult, exercise: ChatExercise | None
) -> ChatResultsView:
    """The window's page for a chat session's result (made the first time), shown and filled:
    the report (Ctrl+S), the coach's rubric (Ctrl+B), again (Ctrl+R) and back (Escape) as on
    every results page."""

    def make() -> ChatResultsView:
        from trainer.ui import rubric_dialog  # the coach's "Beoordeling…" (Ctrl+B)

        # again, back, the report and the replay as on every results page
        return rubric_dialog.install(window, window._with_results_keys(ChatResultsView()))

    page = window._page("chat_results", make)
    page.again_button.show()
    page.show_result(result, exercise)
    window.stack.setCurrentWidget(page)
    page.competences.setFocus()  # not a button: a key still typed presses nothing
    return page
