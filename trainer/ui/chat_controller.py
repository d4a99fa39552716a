"""Runs one chat session on the chat screen: keys in, the chat engine's effects out to the
widgets.

What each key may do when, when a customer writes, grows impatient or leaves, what is
journaled: all of that is the headless ``ChatEngine`` (``trainer.core.chat_engine``), tested
without Qt. This controller only
- turns the screen's keys and signals into the engine's actions (with the session time),
- aims one single-shot timer at the engine's next due time, and shows the clock and each
  customer's waiting time twice a second,
- carries out the effects: journal lines and the view's closed interface (``ChatView``), with
  the words in the trainee's language,
- journals every key typed in a reply box or a field, naming the input (``chat:<id>`` or the
  field's id), so text typed and not yet sent can be rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

from trainer.core import chat_engine as ce
from trainer.core.chat_scenario import ChatExercise, reply_box
from trainer.core.journal import ActionEvent, KeyEvent
from trainer.core.journal_writer import SessionClock
from trainer.core.proposals import proposal_values
from trainer.core.scenario import CustomerRecord, ScreenMessage
from trainer.store import Store, Trainee
from trainer.ui import words
from trainer.ui.chat_ticket import ChatTickets
from trainer.ui.chat_view import ChatView
from trainer.ui.session_controller import SessionController
from trainer.ui.ticket_form import FormAction

POLL_MS = 500  # the clock and the waiting times on screen (the timeline has its own timer)
_KEY_PRESS, _INPUT_METHOD = QEvent.Type.KeyPress, QEvent.Type.InputMethod
_BACKSPACE, _DELETE = Qt.Key.Key_Backspace, Qt.Key.Key_Delete
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CONTROL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


class ChatController(SessionController):
    """One chat session. Lives on the GUI thread, as does its engine."""

    def __init__(
        self,
        view: ChatView,
        exercise: ChatExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        *,
        exercises: Path | None = None,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        """``exercises``: the folder whose shared knowledge base the session searches (None:
        none)."""
        super().__init__(view, exercise, trainee, store, data_dir, mode=mode, clock=clock)
        self.view: ChatView = view
        self.exercise: ChatExercise = exercise
        self.chat = ce.ChatEngine(exercise)
        self.states: dict[str, ce.ChatState] = {}  # each conversation's last state
        view.build(
            exercise.title,
            exercise.instructions,
            [(c.id, c.customer.name, c.topic) for c in exercise.chats],
            {c.id: c.fields for c in exercise.chats},
            [(t.id, t.title, t.text) for t in exercise.templates],
            tickets=exercise.helpdesk is not None,
        )
        self.tickets = ChatTickets(view.ticket_form, exercise)
        from trainer.core.knowledge import session_base  # (FTS5: loaded with the screen)

        view.knowledge.set_base(session_base(exercises, exercise.language))
        self.make_due_timer(self._on_due)
        self._poll_timer = self.make_timer(POLL_MS, self.tick)
        self.wire(
            (view.chatChosen, lambda chat: self._do(ce.Open(chat))),
            (view.replySent, lambda chat, text: self._do(ce.Send(chat, text))),
            (view.templateChosen, lambda chat, t: self._do(ce.InsertTemplate(chat, t))),
            (view.fieldCommitted, lambda f, value: self._do(ce.CommitField(f, value))),
            (view.messageAcknowledged, lambda event_id: self._do(ce.Acknowledge(event_id))),
            (view.acknowledgeRequested, lambda: self._do(ce.Acknowledge())),
            (view.finishRequested, lambda: self._do(ce.End())),
            (view.abandonRequested, self.request_abandon),
            (view.knowledge.articleOpened, self._article_opened),
            (view.knowledge.articleProposed, self.propose_article),
            (view.ticket_form.actionRequested, self._ticket_action),
        )
        view.watch_inputs(self)
        self._show_summary()
        self._own_clock = clock is None
        # the session starts once the screen is on: set-up time is nobody's waiting time
        self.make_timer(0, self._start, single_shot=True).start()

    def _start(self) -> None:
        if self._own_clock:
            self.clock = SessionClock()
        self._poll_timer.start()
        self.tick()

    # keys and signals in ----------------------------------------------------------------------
    def _do(self, action: ce.Action, t: float | None = None) -> None:
        """One action into the engine, its effects out, the timer re-aimed."""
        if not self.active or self.held:
            return
        for effect in self.chat.handle(action, self.clock.now() if t is None else t):
            self._apply(effect)
        self._arm()

    def _ticket_action(self, asked: FormAction) -> None:
        """The ticket form asked the helpdesk system for an action (the chat in front's)."""
        action = self.tickets.action(asked)
        if action is not None:
            self._do(action)

    def _article_opened(self, article_id: str) -> None:
        """An article opened in the knowledge base: journaled as in a call (the engine has no
        say in it: nothing of the chats depends on it)."""
        if self.active:
            self.record(ActionEvent(t=self.clock.now(), action="open_article", target=article_id))

    def propose_article(self, title: str, body: str, article: str) -> None:
        """An article proposed in the knowledge panel (Ctrl+Shift+F): through the engine (with a
        helpdesk system or without), beside the chat in front, for the coach."""
        values = proposal_values(title, body, article)
        self._do(ce.TicketAction(self.view.current or "", "propose_article", values))

    # effects out -------------------------------------------------------------------------------
    def _apply(self, effect: ce.Effect) -> None:
        view = self.view
        now = self.clock.now()
        match effect:
            case ce.Record(event=event):
                if isinstance(event, KeyEvent):
                    self._stamp(event)  # (counted as the session's keys)
                else:
                    self.record(event)
            case ce.ChatArrived(chat=chat):
                view.open_chat(chat.id)
            case ce.CustomerWrote(chat=chat_id, text=text, what=what):
                pane = view.panes[chat_id]
                if text:
                    pane.add_customer_message(text, now, chat_id == view.current)
                if what == "leave":
                    pane.show_left(now)
            case ce.AgentWrote(chat=chat_id, text=text):
                view.panes[chat_id].add_reply(text, now)
                view.show_problem("")
            case ce.InsertText(chat=chat_id, text=text):
                view.insert_text(chat_id, text)
            case ce.ChatState(chat=chat_id):
                self.states[chat_id] = effect
                if effect.status == "done":
                    view.panes[chat_id].show_done()
                self._show_summary()
            case ce.Active(chat=chat_id):
                self._show_chat(chat_id)
            case _:
                self._apply_screen(effect)

    def _show_chat(self, chat_id: str) -> None:
        """The chat in front: its pane marked, its record, form and ticket beside it."""
        self.view.show_current(chat_id)
        front = self.exercise.chat(chat_id)
        self.view.show_record(self._record_rows(front.customer) if front else [])
        if self.exercise.helpdesk is not None:
            self.tickets.show(chat_id)

    def _apply_screen(self, effect: ce.Effect) -> None:
        """The effects outside the conversations: messages, fields, refusals, the end."""
        view = self.view
        match effect:
            case ce.ShowMessage(event=event):
                self._message(event)
            case ce.MessageAnswered(event_id=event_id):
                view.answer_message(event_id)
            case ce.FieldHint(field_id=field_id, kind=kind):
                view.set_hint(field_id, words.field_hint(kind) if kind else "")
            case ce.Refuse(code=code):
                view.show_problem(self._refusal(code))
            case ce.TicketChanged(ticket=ticket):
                self.tickets.changed(ticket)
            case ce.TicketRefused():
                self.tickets.refused(effect)
            case ce.Finish():
                self.finish("finished")

    def _record_rows(self, customer: CustomerRecord) -> list[tuple[str, str, str]]:
        return [
            ("number", self.tr("Klantnummer"), customer.number),
            ("name", self.tr("Naam"), customer.name),
            ("address", self.tr("Adres"), customer.address),
            ("phone", self.tr("Telefoon"), customer.phone),
            ("email", self.tr("E-mail"), customer.email),
            ("products", self.tr("Producten"), ", ".join(customer.products)),
            ("history", self.tr("Eerdere contacten"), "\n".join(customer.history)),
        ]

    def _message(self, event: ScreenMessage) -> None:
        prefix = {
            "chat": self.tr("Collega"),
            "alert": self.tr("Melding"),
            "crm_update": self.tr("Dossier"),
            "queue": self.tr("Wachtrij"),
        }[event.do]
        if event.text.casefold().startswith(prefix.casefold()):
            text = event.text
        else:
            text = self.tr("%1: %2").replace("%1", prefix).replace("%2", event.text)
        self.view.add_message(event.id, text, waiting=event.respond_within is not None)

    def _refusal(self, code: ce.RefusalCode) -> str:
        return self.refusals()[code]

    def refusals(self) -> dict[str, str]:
        """Each refusal code of the chat engine in the trainee's words."""
        return {
            "no_such_chat": self.tr("Die chat is er (nog) niet."),
            "customer_left": self.tr(
                "De klant heeft de chat verlaten: je antwoord komt niet meer aan."
            ),
            "empty_reply": self.tr("Er staat nog niets in je antwoord."),
            "no_such_template": self.tr("Dat standaardantwoord bestaat niet."),
            "no_such_field": self.tr("Dat veld hoort niet bij deze chat."),
            "no_message_waiting": self.tr("Er wacht geen melding op een antwoord."),
            "chats_open": self.tr(
                "Er wacht nog een klant of er komt er nog een: de sessie kan nog niet worden "
                "afgerond."
            ),
            "no_helpdesk": self.tr("Deze oefening heeft geen helpdesksysteem voor tickets."),
        }

    def _show_summary(self) -> None:
        """The bar's line: how many chats are open, how many wait, which to turn to."""
        states = self.states.values()
        open_ = sum(1 for s in states if s.status not in ("left", "done"))
        waiting = sum(1 for s in states if s.status in ("waiting", "impatient"))
        left = sum(1 for s in states if s.status == "left")
        if not self.states:
            self.view.show_summary(self.tr("Wachten op de eerste chat…"))
            return
        parts = [
            words.count(open_, self.tr("%n chat open"), self.tr("%n chats open")),
            words.count(
                waiting, self.tr("%n wacht op antwoord"), self.tr("%n wachten op antwoord")
            ),
        ]
        if left:
            parts.append(
                words.count(left, self.tr("%n klant vertrokken"), self.tr("%n klanten vertrokken"))
            )
        if self.view.current is None:  # the first to come need not be number 1
            first = next(n for n, c in enumerate(self.view.order, 1) if c in self.states)
            parts.append(self.tr("Ctrl+%1 opent de chat").replace("%1", str(first)))
        elif open_ == 0:
            parts.append(self.tr("alles afgehandeld: rond af met Ctrl+Enter"))
        self.view.show_summary(" · ".join(parts))

    # the timeline ------------------------------------------------------------------------------
    def _arm(self) -> None:
        """Aim the single-shot timer at the engine's next due time."""
        if not self.active or self.held:
            return
        self.aim_at(self.chat.next_due())

    def _on_due(self) -> None:
        self._do(ce.Due())

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the session stands still until it can."""
        if held:
            self._due_timer.stop()
        self.view.set_enabled(not held)
        if not held:
            self._arm()

    def tick(self) -> None:
        """Twice a second: what is due fired, the clock and the waiting times shown."""
        self._do(ce.Due())
        if self.active:
            self._show_times(self.clock.now())

    def _show_times(self, now: float) -> None:
        self.view.show_clock(now)
        if self.view.current is not None:
            self._show_summary()  # (the hint to open a chat goes once one is open)
        for chat_id, state in self.states.items():
            pane = self.view.panes[chat_id]
            if state.since is None or state.status not in ("waiting", "impatient"):
                pane.show_waiting(None, False)
                continue
            waited = now - state.since
            progress = self.chat.chats[chat_id]
            message = (
                progress.chat.messages[progress.waiting_on]
                if progress.waiting_on is not None
                else None
            )
            within = message.reply.within if message and message.reply else None
            late = state.status == "impatient" or (within is not None and waited > within)
            pane.show_waiting(waited, late)
        for event_id, shown_at in self.chat.open_messages.items():
            event = next(e for e in self.exercise.screen if e.id == event_id)
            assert event.respond_within is not None
            left = event.respond_within - (now - shown_at)
            when = (
                self.tr("nog %1 s").replace("%1", str(int(left)))
                if left >= 0
                else self.tr("te laat")
            )
            self.view.show_message_wait(event_id, when)

    # keystrokes in the reply boxes and fields go to the engine, which journals them ---------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Each keystroke typed into a reply box or a field, naming the input (``chat:<id>``
        or the field's id): text, Backspace, Delete, and Shift+Enter's new line in a reply."""
        kind = event.type()
        if kind == _KEY_PRESS:
            if not self.active:
                return False
            assert isinstance(event, QKeyEvent)
            field = self._field_of(watched)
            key = event.key()
            if key in (_BACKSPACE, _DELETE):
                edit = "Delete" if key == _DELETE else "Backspace"
                self._do(ce.Type(field, key=edit))  # type: ignore[arg-type]
            elif key in _ENTER:
                if event.modifiers() & _SHIFT and isinstance(watched, QPlainTextEdit):
                    self._do(ce.Type(field, text="\n"))
            else:
                text = event.text()
                if text and text.isprintable() and not (event.modifiers() & _CONTROL):
                    self._do(ce.Type(field, text=text))
        elif kind == _INPUT_METHOD and self.active:
            assert isinstance(event, QInputMethodEvent)
            if commit := event.commitString():  # a dead key's letter, an input method's word
                self._do(ce.Type(self._field_of(watched), text=commit))
        return False

    def _field_of(self, widget: QObject) -> str:
        chat_id = getattr(widget, "chat_id", None)
        if chat_id is not None:
            return reply_box(chat_id)
        ticket_field = next(
            (name for name, w in self.view.ticket_form.fields.items() if w is widget), None
        )
        if ticket_field is not None:  # (ticket.subject, ticket.note...)
            return ticket_field
        return str(getattr(getattr(widget, "field", None), "id", ""))
