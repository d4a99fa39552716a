"""Runs one shift in the helpdesk queue: keys in, the queue engine's effects out to the widgets.

What each action may do when, what arrives and when an SLA timer warns or breaches, what is
journaled: all of that is the headless ``QueueEngine`` (``trainer.core.queue_engine``), tested
without Qt. This controller only
- turns the screen's keys and the ticket form's actions into the engine's actions (with the
  session time),
- aims one single-shot timer at the engine's next due time, and ticks twice a second so the
  clock and the SLA timers on screen move,
- carries out the effects: journal lines, contacts in the queue, the contact on screen, the
  ticket list and form, the SLA warnings, the refusals in words, the end of the shift.

Every key typed into an input is journaled with the input it went to (``KeyEvent.field``: the
ticket form's field ids, ``kb.search``, ``tickets.search``); an article opened in the knowledge
base is journaled as the call journals it (``open_article``).

A phone call with a recording speaks when it is taken, through the app's one headset player
(``trainer.audio.headset``), as the call desk's customer does: the engine decides when a clip
plays and what is journaled; this controller opens the headset (only for a shift with such
calls), plays and stops, and polls it every 50 ms for the clip heard starting and ending and
for a device that went away. Without a headset, or with one lost, the shift goes on: the
caller's words are shown as text and the problem line says why; a headset plugged in again is
opened again when the next call is taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.core import queue_engine as qe
from trainer.core.clips import ClipLibrary
from trainer.core.helpdesk import Refused
from trainer.core.journal import ActionEvent, KeyEvent
from trainer.core.journal_writer import SessionClock
from trainer.core.knowledge import KnowledgeBase
from trainer.core.messages import Message
from trainer.core.proposals import proposal_values
from trainer.core.queue_scenario import Arrival, QueueExercise, Requester
from trainer.store import Store, Trainee
from trainer.ui import messages, words
from trainer.ui.queue_sound import CallerSound
from trainer.ui.queue_view import QueueView
from trainer.ui.session_controller import SessionController
from trainer.ui.ticket_form import FormAction, channel_word

TICK_MS = 500  # the clock and the SLA timers on screen: twice a second, so no second is skipped
POLL_MS = 50  # the headset: a clip heard starting or ending, a device gone (as the call desk)
_KEY_PRESS, _INPUT_METHOD = QEvent.Type.KeyPress, QEvent.Type.InputMethod
_BACKSPACE, _DELETE = Qt.Key.Key_Backspace, Qt.Key.Key_Delete
_CONTROL = Qt.KeyboardModifier.ControlModifier


class QueueController(SessionController):
    """One shift in the queue. Lives on the GUI thread, as does its engine."""

    def __init__(
        self,
        view: QueueView,
        exercise: QueueExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        base: KnowledgeBase | None,
        *,
        library: ClipLibrary | None = None,
        device: int | str | None = None,
        volume: float = 1.0,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        self._own_clock = clock is None
        super().__init__(
            view, exercise, trainee, store, data_dir, mode=mode, clock=clock or SessionClock()
        )
        self.view: QueueView = view
        self.exercise: QueueExercise = exercise
        # the callers' recordings: a headset only for a shift that has them
        self.sound: CallerSound | None = None
        if library is not None and any(a.clip for a in exercise.arrivals):
            self.sound = CallerSound(
                library, exercise, lambda: self.clock.now(), device=device, volume=volume
            )
        self._sound_problem = ""  # why there is no sound (worded), for the problem line
        self.queue = qe.QueueEngine(exercise, self.sound.info if self.sound else None)
        view.build(exercise, base)
        if self.sound is not None:
            self._sound_opened(self.sound.open())
        self._fields: dict[QObject, str] = {}
        self._refused: list[Refused] = []  # the helpdesk's refusals of the action being done
        for field_id, widget in view.form.fields.items():
            self._watch(widget, field_id)
        self._watch(view.knowledge.search, "kb.search")
        self._watch(view.tickets.search, "tickets.search")
        self.make_due_timer(self._on_due)
        self._tick_timer = self.make_timer(TICK_MS, self._on_tick)
        self._poll_timer = self.make_timer(POLL_MS, self._on_poll)
        self.wire(
            (view.queueAction, self.on_queue_action),
            (view.form.actionRequested, self.on_form_action),
            (view.knowledge.articleOpened, self.open_article),
            (view.knowledge.articleProposed, self.propose_article),
            (view.abandonRequested, self.request_abandon),
        )
        self._show()
        # the shift starts once the screen is on it: setting up is not the trainee's time
        self.make_timer(0, self._start, single_shot=True).start()

    def _watch(self, widget: QWidget, field_id: str) -> None:
        widget.installEventFilter(self)
        self._fields[widget] = field_id

    def _start(self) -> None:
        if self._own_clock:
            self.clock = SessionClock()
            if self.sound is not None:
                self.sound.headset.calibrate()
        self._tick_timer.start()
        if self.sound is not None:
            self._poll_timer.start()
        self._do(qe.Tick())

    # what tests and the main window read ---------------------------------------------------
    @property
    def current(self) -> str | None:
        """The contact on screen (None: none taken yet)."""
        return self.queue.current

    # keys and signals in ----------------------------------------------------------------------
    def _do(self, action: qe.Action, t: float | None = None) -> None:
        """One action into the engine (at ``t``: the headset's time of what it heard), its
        effects out, the timer re-aimed."""
        if not self.active:
            return
        self._refused = []
        now = self.clock.now() if t is None else t
        for effect in self.queue.handle(action, now):
            self._apply(effect)
        if self._refused:
            self.view.form.show_outcome(list(self._refused))
        if self.active:
            self._show()
            self._arm()

    def on_queue_action(self, action: str) -> None:
        """A key or button of the shift bar (``QUEUE_KEYS``)."""
        view = self.view
        view.show_problem("")
        if action == "take":
            contact = view.selected_contact()
            if contact:
                self._sound_back(contact)
                self._do(qe.Pick(contact))
            else:
                view.show_problem(self.tr("Er wacht geen contact: kies er een in de lijst."))
        elif action == "ticket":
            arrival = self._current_arrival()
            if arrival is None:
                view.show_problem(self.tr("Neem eerst een contact (F2)."))
                return
            view.form.new_ticket(arrival.id, arrival.channel, arrival.requester)
        elif action == "no_ticket":
            note = view.form.note.toPlainText().strip()
            self._do(
                qe.TicketAction(
                    "no_ticket",
                    contact=self.queue.current or "",
                    values={"note": note} if note else {},
                )
            )
        elif action == "open_ticket":
            ticket = self.queue.helpdesk.ticket(view.tickets.current_number())
            if ticket is None:
                view.show_problem(self.tr("Kies eerst een ticket in de lijst (Ctrl+2)."))
                return
            view.form.edit(ticket)
            view.form.note.setFocus()  # what is done on a ticket is said in its note
        elif action == "end_shift" and self._confirm_end():
            self._do(qe.EndShift())

    def on_form_action(self, action: FormAction) -> None:
        """An action of the ticket form (create, update, assign, link, resolve, close, reopen)."""
        self.view.show_problem("")
        self._do(qe.TicketAction(action.op, action.ticket, action.contact, dict(action.values)))

    def open_article(self, article_id: str) -> None:
        """An article opened in the knowledge base: journaled as in a call."""
        if self.active:
            self.record(ActionEvent(t=self.clock.now(), action="open_article", target=article_id))

    def propose_article(self, title: str, body: str, article: str) -> None:
        """An article proposed in the knowledge panel (Ctrl+Shift+F): through the engine, as
        the helpdesk's propose_article, about no contact (it counts for none), for the coach."""
        self._do(qe.TicketAction("propose_article", values=proposal_values(title, body, article)))

    def _confirm_end(self) -> bool:
        """F12: asked first, the default no (a key pressed in haste keeps the shift going)."""
        answer = QMessageBox.question(
            self.view,
            self.tr("Dienst beëindigen?"),
            self.tr(
                "Wil je de dienst nu beëindigen? Wat nog open staat, wordt beoordeeld zoals het "
                "is; de SLA-tijden lopen door tot het einde van de dienst."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # effects out -------------------------------------------------------------------------------
    def _apply(self, effect: qe.Effect) -> None:
        view = self.view
        match effect:
            case qe.Record(event=event):
                self.record(event)
            case qe.ContactArrived(arrival=arrival, requester=requester):
                view.add_contact(arrival.id, self._contact_line(arrival, requester))
                view.add_message(
                    self.tr("%1 binnengekomen: %2")
                    .replace("%1", channel_word(arrival.channel))
                    .replace("%2", self._subject(arrival))
                )
            case qe.ContactShown(
                arrival=arrival, requester=requester, their_tickets=theirs, words=said
            ):
                self._show_contact(arrival, requester, theirs, said)
            case qe.PlayClip() | qe.StopClip() | qe.HoldClip() | qe.Notice():
                self._sound(effect)
            case qe.TicketChanged(number=number):
                ticket = self.queue.helpdesk.ticket(number)
                self.view.tickets.show_tickets(self.queue.helpdesk, self.clock.now())
                if ticket is not None:
                    view.form.edit(ticket)  # the ticket as it now stands, its number shown
                    view.tickets.select(number)
            case qe.SlaNotice(ticket=ticket, timer=timer, status=status):
                view.add_message(self._sla_line(ticket, timer, status), status)
            case qe.Refuse(code=code, field=field):
                self._refusal(code, field)
            case qe.Finish(reason=reason):
                self.finish(reason)

    def _refusal(self, code: str, field: str) -> None:
        queue_said = {
            "shift_over": self.tr("De dienst is voorbij."),
            "not_arrived": self.tr("Dat contact is (nog) niet binnengekomen."),
            "not_picked": self.tr("Neem het contact eerst (F2)."),
        }
        if code in queue_said:
            self.view.show_problem(queue_said[code])
            return
        # the helpdesk's own refusals (a value missing, a status it cannot take) are said under
        # the form, where the trainee fixes them, all of one action's together (after it)
        self._refused.append(Refused(code, field))  # type: ignore[arg-type]  # the desk's codes

    def _current_arrival(self) -> Arrival | None:
        current = self.queue.current
        return self.exercise.arrival(current) if current else None

    def _subject(self, arrival: Arrival) -> str:
        return arrival.subject or arrival.text.split("\n", 1)[0][:60]

    def _contact_line(self, arrival: Arrival, requester: Requester | None) -> str:
        name = requester.name if requester is not None else arrival.requester
        vip = self.tr(" (VIP)") if requester is not None and requester.vip else ""
        return f"{channel_word(arrival.channel)} · {name}{vip} · {self._subject(arrival)}"

    def _show_contact(
        self,
        arrival: Arrival,
        requester: Requester | None,
        theirs: tuple[str, ...],
        said_as: str = "text",
    ) -> None:
        lines = []
        if requester is not None:
            who = [requester.name, requester.organisation, requester.department, requester.location]
            lines.append(" · ".join(part for part in who if part))
            reach = [requester.number, requester.phone, requester.email]
            lines.append(" · ".join(part for part in reach if part))
            if requester.vip:
                lines.append(self.tr("VIP: gaat voor bij gelijke prioriteit"))
            if requester.assets:
                lines.append(self.tr("Middelen: %1").replace("%1", ", ".join(requester.assets)))
        else:
            lines.append(arrival.requester)
        if theirs:
            lines.append(self.tr("Open tickets: %1").replace("%1", ", ".join(theirs)))
        said = arrival.text.strip()
        if said_as == "voice":  # heard in the headset, not read
            said = self.tr("De beller spreekt in je headset.")
        elif said_as == "subtitle":
            said = self.tr("De beller zegt (als tekst, zonder geluid): %1").replace("%1", said)
        elif arrival.channel == "phone":  # a call without a recording: its words as text
            said = self.tr("De beller zegt: %1").replace("%1", said)
        title = (
            self.tr("%1 (%2): %3")
            .replace("%1", requester.name if requester is not None else arrival.requester)
            .replace("%2", channel_word(arrival.channel))
            .replace("%3", self._subject(arrival))
        )
        self.view.show_contact(title, "\n".join([*lines, "", said]))

    def _sla_line(self, ticket: str, timer: str, status: str) -> str:
        if status == "breached":
            text = (
                self.tr("✖ %1: reactietijd overschreden")
                if timer == "response"
                else self.tr("✖ %1: oplostijd overschreden")
            )
        else:
            text = (
                self.tr("⚠ %1: reactietijd bijna om")
                if timer == "response"
                else self.tr("⚠ %1: oplostijd bijna om")
            )
        return text.replace("%1", ticket)

    def _show(self) -> None:
        """The clock, the queue's lines, the ticket list and the shift bar's summary now."""
        now = self.clock.now()
        view, queue = self.view, self.queue
        view.show_clock(min(now, self.exercise.shift), self.exercise.shift)
        view.tickets.show_tickets(queue.helpdesk, now)
        for contact in queue.arrived:
            arrival = self.exercise.arrival(contact)
            assert arrival is not None
            line = self._contact_line(arrival, self.exercise.customer(arrival.requester))
            if contact == queue.current:
                mark = self.tr("▶ in behandeling")
            elif contact in queue.picked:
                mark = self.tr("✓ genomen")
            else:
                waited = max(0.0, now - queue.arrived[contact])
                mark = self.tr("● wacht %1").replace("%1", words.seconds(waited))
            view.update_contact(contact, f"{mark} · {line}")
        rows = view.tickets.model.rows
        soon = sum(row.sla == "warning" for row in rows)
        late = sum(row.sla == "breached" for row in rows)
        view.show_state(
            self.tr("Wachtend: %1 · SLA bijna om: %2 · SLA overschreden: %3")
            .replace("%1", str(len(queue.waiting)))
            .replace("%2", str(soon))
            .replace("%3", str(late))
        )

    # sound ---------------------------------------------------------------------------------------
    def _sound_opened(self, problem: Message | None) -> None:
        """After the headset was opened (or not): why there is no sound, or a clip that
        cannot be read, said on the problem line (those callers then come as text)."""
        assert self.sound is not None
        self.engine = self.sound.headset.engine  # the session ties its clock again after a pause
        if problem is not None:
            self._sound_problem = messages.text(problem)
            self.view.show_problem(
                self.tr(
                    "Geen geluid: %1. Wat een beller zegt, verschijnt als tekst; sluit de "
                    "headset aan: het volgende gesprek dat je neemt, hoor je."
                ).replace("%1", self._sound_problem)
            )
            return
        self._sound_problem = ""
        for exc in self.sound.unreadable:
            self.view.show_problem(
                self.tr("Fragment niet te lezen: %1").replace("%1", messages.of_exception(exc))
            )

    def _sound_back(self, contact: str) -> None:
        """Before a call with a recording is answered: a headset missing or lost is opened
        again (plugged in since), so the caller is heard."""
        sound, arrival = self.sound, self.exercise.arrival(contact)
        if sound is None or sound.headset.available or contact in self.queue.picked:
            return
        if arrival is not None and arrival.clip is not None:
            self._sound_opened(sound.reopen())

    def _sound(self, effect: qe.PlayClip | qe.StopClip | qe.HoldClip | qe.Notice) -> None:
        """The caller's voice on or off, or what the trainee is told of the sound."""
        match effect:
            case qe.PlayClip(clip=clip):
                assert self.sound is not None  # (the engine asked it: the clip can be heard)
                self.sound.play(clip)
            case qe.StopClip():
                if self.sound is not None:
                    self.sound.stop()
            case qe.HoldClip(on=on) if self.sound is not None:
                if on:
                    self.sound.headset.pause()
                else:  # on from where it stopped: its new start is heard from there
                    self.sound.headset.resume()
            case qe.Notice(code="sound_lost"):
                self.view.show_problem(
                    self.tr(
                        "De headset is weg (%1). De dienst gaat door: wat de beller nog zegt, "
                        "staat als tekst bij het contact. Sluit de headset weer aan: het "
                        "volgende gesprek hoor je."
                    ).replace("%1", self._sound_problem)
                )
            case qe.Notice():
                self.view.show_problem(
                    self.tr(
                        "Geen geluid (%1): wat de beller zegt, staat als tekst bij het contact."
                    ).replace("%1", self._sound_problem or self.tr("geen headset"))
                )

    def _on_poll(self) -> None:
        sound = self.sound
        if sound is None or not self.active:
            return
        for action, t in sound.heard():
            if isinstance(action, qe.SoundLost):  # journaled how the sound went, and closed
                self._sound_problem = messages.text(sound.headset.describe_device())
                self.close_sound(sound.headset.clip or "", sound.headset)
            self._do(action, t)

    def tear_down(self) -> None:
        """Journal how the sound went and close the headset."""
        if self.sound is not None and self.sound.headset.engine is not None:
            self.close_sound(self.sound.headset.clip or "", self.sound.headset)

    # the timeline ------------------------------------------------------------------------------
    def _arm(self) -> None:
        """Aim the single-shot timer at the next due moment (an arrival, an SLA line, the
        shift's end); not while the session stands still for a journal problem."""
        if not self.active or self.held:
            return
        self.aim_at(self.queue.next_due())

    def _on_due(self) -> None:
        self._do(qe.Tick())

    def _on_tick(self) -> None:
        self._do(qe.Tick())

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the shift stands still (its clock is stopped by the
        session), nothing is due until it goes on."""
        if held:
            self._due_timer.stop()
            self._tick_timer.stop()
            self._do(qe.JournalHeld(True))  # the caller stops mid-sentence with the shift
        else:
            self._do(qe.JournalHeld(False))
            self._tick_timer.start()
            self._arm()

    # keystrokes go into the journal, with the input they went to ---------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stamp each keystroke typed into an input (text, Backspace, Delete) with its id."""
        kind = event.type()
        if kind == _KEY_PRESS:
            if not self.active:
                return False
            assert isinstance(event, QKeyEvent)
            key = event.key()
            field = self._fields.get(watched)
            if key in (_BACKSPACE, _DELETE):
                edit: Literal["Backspace", "Delete"] = "Delete" if key == _DELETE else "Backspace"
                self._stamp(KeyEvent(t=self.clock.now(), key=edit, field=field))
                return False
            text = event.text()
            if text and text.isprintable() and not (event.modifiers() & _CONTROL):
                self._stamp(KeyEvent(t=self.clock.now(), text=text, field=field))
        elif kind == _INPUT_METHOD and self.active:
            assert isinstance(event, QInputMethodEvent)
            if commit := event.commitString():
                self._stamp(
                    KeyEvent(t=self.clock.now(), text=commit, field=self._fields.get(watched))
                )
        return False
