"""A call as a state machine, without Qt or sound: what each key may do when.

``CallEngine.handle(action, t)`` takes what happened at session time ``t`` (a key of the desk,
a clip heard to its end, the headset lost, a due event of the timeline) and gives back the
effects, in order: journal this event, play this clip, show this message, open this file, tick
this step, refuse with this code, end. The Qt controller (``trainer.ui.call_controller``) turns
keys into actions and effects into sound and widget updates; it decides nothing itself. So a
whole call, its journal and its score can be driven in ``tests/core`` by a simulated operator,
fast and without a sound card.

The engine asks one thing of the outside world while it decides, through ``SoundInfo``: whether
a clip can be heard now (a headset is open and the clip was read), how long a clip is, and how
many dropouts there were so far (a start and an end of a clip journal them). Everything else it
is told through actions. The actions and effects themselves are in
``trainer.core.call_protocol`` (re-exported here).

An outbound call starts with the customer's file open and waits for ``Dial``: the line rings
out, then (``Line.reach``) the customer answers (journaled ``answered``, as inbound), the line
is busy or a voicemail plays its greeting, a beep and takes the trainee's message until the
end key; F8 before anyone answered hangs the attempt up (``hang_up``) and the trainee may dial
again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from trainer.core.call_line import DialResult, Line
from trainer.core.call_protocol import (
    IN_CALL,
    Acknowledge,
    Action,
    Beep,
    ClipFinished,
    ClipHeard,
    CommitField,
    Customer,
    Dial,
    Due,
    Effect,
    FieldHint,
    Finish,
    Focus,
    JournalHeld,
    Key,
    LookUp,
    LookUpResult,
    Loop,
    MessageAnswered,
    Notice,
    OpenArticle,
    OpenSound,
    Paused,
    Phase,
    PhaseChanged,
    PlayClip,
    ProposeArticle,
    Record,
    RefusalCode,
    Refuse,
    ShowMessage,
    ShowRecord,
    SoundInfo,
    SoundLost,
    SoundOpened,
    StepReopened,
    StepTicked,
    Subtitle,
    Tick,
    TickStep,
    WrapUp,
)
from trainer.core.call_rules import find_customer, implied_steps
from trainer.core.fields import FieldKind, FieldValueError, normalise
from trainer.core.helpdesk import proposal_refusals
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    DeskAction,
    FieldEvent,
    PauseEvent,
    ScenarioEvent,
    TicketEvent,
)
from trainer.core.proposals import proposal_values
from trainer.core.scenario import (
    CallExercise,
    CustomerRecord,
    Ring,
    Say,
    ScreenMessage,
    Sound,
    TimelineEvent,
)
from trainer.core.timeline import Timeline

__all__ = [
    "IN_CALL",
    "Acknowledge",
    "Action",
    "Beep",
    "CallEngine",
    "ClipFinished",
    "ClipHeard",
    "CommitField",
    "Customer",
    "Dial",
    "Due",
    "Effect",
    "FieldHint",
    "Finish",
    "Focus",
    "JournalHeld",
    "Key",
    "LookUp",
    "LookUpResult",
    "Loop",
    "MessageAnswered",
    "Notice",
    "OpenArticle",
    "OpenMessage",
    "OpenSound",
    "Paused",
    "Phase",
    "PhaseChanged",
    "PlayClip",
    "ProposeArticle",
    "Record",
    "RefusalCode",
    "Refuse",
    "ShowMessage",
    "ShowRecord",
    "SoundInfo",
    "SoundLost",
    "SoundOpened",
    "StepReopened",
    "StepTicked",
    "Subtitle",
    "Tick",
    "TickStep",
    "WrapUp",
]


@dataclass
class OpenMessage:
    """A message on screen that waits for the trainee's answer."""

    event: ScreenMessage
    shown_at: float


@dataclass
class _Speaking:
    """The clip the customer is saying."""

    say: Say
    heard: bool  # through the headset (else read as a subtitle)
    silent_end: float | None = None  # as a subtitle: when its time is up


@dataclass
class CallEngine:
    """One call's rules and state. Not thread-safe: one owner (the GUI thread in the app)."""

    exercise: CallExercise
    sound: SoundInfo
    phase: Phase = Phase.WAITING
    verified: bool = False
    answered_at: float | None = None
    paused: bool = False  # the headset was lost: the call stands still
    held: bool = False  # the journal cannot be written: the call stands still
    ticked: set[str] = field(default_factory=set)
    committed: dict[str, str] = field(default_factory=dict)
    open_messages: dict[str, OpenMessage] = field(default_factory=dict)
    open_record: CustomerRecord | None = None
    changed_fields: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.timeline = Timeline(self.exercise.timeline)
        self.customer = self.exercise.customer  # the caller's file now (crm_update changes it)
        self.speaking: _Speaking | None = None
        self.pending: list[Say] = []
        self.resume_from: float | None = None  # seconds into the clip a lost headset cut off
        self._last_article = ""
        # outbound: the customer's line, when the dialled number answers, and what it reached
        self.line = Line(self.exercise) if self.exercise.outbound else None
        self.connect_at: float | None = None
        self.reached: DialResult | None = None
        self.message_started = False
        self._started = False
        self._out: list[Effect] = []
        self._t = 0.0

    # the one entry ---------------------------------------------------------------------------
    def handle(self, action: Action, t: float) -> list[Effect]:
        """What ``action`` at session time ``t`` does: the effects, in order."""
        self._out, self._t = [], t
        if self.phase is Phase.DONE:
            return []
        if self.paused and not _allowed_while_paused(action):
            if isinstance(action, Key | Dial):
                self._emit(Refuse("call_paused"))
            return self._out
        before = self.phase
        self._dispatch(action)
        if self.phase is not before:
            self._emit(PhaseChanged(self.phase))
        return self._out

    def next_due(self) -> float | None:
        """When the controller's timer should fire next (None: nothing scheduled, or the call
        stands still)."""
        if self.paused or self.held or self.phase is Phase.DONE:
            return None
        due = self.timeline.next_due()
        if self.connect_at is not None and (due is None or self.connect_at < due):
            return self.connect_at
        return due

    # dispatch --------------------------------------------------------------------------------
    def _dispatch(self, action: Action) -> None:
        match action:
            case Due():
                self._fire_due()
            case Tick():
                s = self.speaking
                if s is not None and s.silent_end is not None and self._t >= s.silent_end:
                    self._clip_ended(s.silent_end)
            case Key():
                self._key(action)
            case Dial(number=number):
                self._dial(number)
            case LookUp(typed=typed):
                self._look_up(typed)
            case Acknowledge(event_id=event_id):
                self._acknowledge(event_id)
            case TickStep(step=step):
                self._tick(step)
            case OpenArticle(article_id=article_id):
                if article_id != self._last_article:
                    self._last_article = article_id
                    self._act("open_article", target=article_id, notify=False)
            case ProposeArticle(title=title, body=body, article=article):
                self._propose(title, body, article)
            case CommitField(field_id=field_id, value=value):
                self._commit(field_id, value)
            case WrapUp():
                self._wrap_up(action)
            case ClipHeard(position=position):
                if self.speaking is not None and self.speaking.heard:
                    self._audio("start", self.speaking.say.clip, position)
            case ClipFinished():
                if self.speaking is not None and self.speaking.heard:
                    self._clip_ended(self._t)
            case SoundLost(error=error, position=position):
                self._lose_sound(error, position)
            case SoundOpened(ok=ok):
                self._sound_opened(ok)
            case JournalHeld(held=held):
                self._journal_held(held)

    def _emit(self, *effects: Effect) -> None:
        self._out.extend(effects)

    def _act(
        self, action: DeskAction, target: str = "", value: str = "", notify: bool = True
    ) -> None:
        """Journal a desk action, let the timeline react, tick the steps it implies."""
        self._emit(Record(ActionEvent(t=self._t, action=action, target=target, value=value)))
        if notify:
            self.timeline.notify(action, self._t)
            for step in implied_steps(action, target, self.exercise.script):
                self._tick(step)

    def _propose(self, title: str, body: str, article: str) -> None:
        """An article proposed for the coach, journaled as the helpdesk's own op (a call has
        no helpdesk system: the engine writes the line, so a call is rebuilt from it). One
        without a title or a text is not kept (the dialog never sends one)."""
        values = proposal_values(title, body, article)
        if not proposal_refusals(values):
            self._emit(Record(TicketEvent(t=self._t, op="propose_article", values=values)))

    # the timeline ----------------------------------------------------------------------------
    def _fire_due(self) -> None:
        if self.paused or self.held:
            return
        if self.line is not None and not self._started:  # the trainee calls from the record
            self._started = True
            self.open_record = self.customer
            self._show_record()
        if self.connect_at is not None and self.connect_at <= self._t:
            self._connect()
        for due in self.timeline.pop_due(self._t):
            self._fire(due.event)
            # when it was shown or started, and when it was due: the timeline's accuracy
            self._emit(Record(ScenarioEvent(t=self._t, event=due.event.id, due=round(due.time, 4))))

    def _fire(self, event: TimelineEvent) -> None:
        if isinstance(event, Ring):
            if self.phase is Phase.WAITING:
                self.phase = Phase.RINGING
                self._emit(Loop("ring", True))
        elif isinstance(event, Say):
            if event.objection and "handle_objection" in self.ticked:
                # a new objection is handled anew: the step opens again on the checklist
                self.ticked.discard("handle_objection")
                self._emit(StepReopened("handle_objection"))
            self._say(event)
        elif isinstance(event, ScreenMessage):
            self._message(event)
        elif isinstance(event, Sound) and event.do == "hold_music":
            self._emit(Loop("hold", True))
        elif isinstance(event, Sound) and event.do == "hangup":
            self._silence()
            if self.phase is not Phase.ENDED:
                self.phase = Phase.HUNG_UP

    def _message(self, event: ScreenMessage) -> None:
        self._emit(ShowMessage(event))
        if event.do == "crm_update" and event.field is not None and event.value is not None:
            record = self.open_record
            callers_open = record is not None and record.number == self.customer.number
            self.customer = self.customer.changed(event.field, event.value)
            self.changed_fields.add(event.field)
            if callers_open:  # the change shows at once in the file on screen
                self.open_record = self.customer
                self._show_record()
        if event.respond_within is not None:
            self.open_messages[event.id] = OpenMessage(event, self._t)

    # the customer's voice -------------------------------------------------------------------
    def _say(self, event: Say) -> None:
        """The customer starts a clip (or waits: still speaking, or on hold)."""
        if self.speaking is not None or self.phase in (Phase.HOLD, Phase.HUNG_UP, Phase.ENDED):
            if self.phase not in (Phase.HUNG_UP, Phase.ENDED):
                self.pending.append(event)
            return
        heard = self.sound.hearable(event.clip)
        self.speaking = _Speaking(event, heard)
        self._audio("play", event.clip)
        if heard:
            self._emit(PlayClip(event.clip), Subtitle(None))  # heard now, no longer read
        else:
            self._read(0.0)

    def _read(self, position: float) -> None:
        """The current clip as a subtitle from ``position``: all it says is given at once."""
        assert self.speaking is not None
        clip = self.speaking.say.clip
        self.speaking.heard = False
        self.speaking.silent_end = self._t + max(0.0, self.sound.seconds(clip) - position)
        self._audio("start", clip, position, subtitle=True)
        self._emit(Subtitle(clip))

    def _clip_ended(self, ended: float) -> None:
        """The clip ended at ``ended`` (as heard, or its subtitle's time up): what waits for
        its end is scheduled from then; the next clip starts now."""
        speaking, self.speaking = self.speaking, None
        if speaking is None:
            return
        now, self._t = self._t, ended
        self._audio("end", speaking.say.clip)
        self._t = now
        self.timeline.notify(f"{speaking.say.id}.end", ended)
        if self.phase is Phase.VOICEMAIL and not self.message_started:
            self.message_started = True  # the greeting ended: the beep, then the message
            self.answered_at = self._t  # (the desk's clock runs from here)
            self._emit(Beep())
            self._act("message_start")
        elif self.phase is Phase.DIALLING:  # a stranger said it was a wrong number
            self._hang_up_attempt()
        self._next_say()

    def _next_say(self) -> None:
        if self.pending and self.speaking is None and self.phase is Phase.TALKING:
            self._say(self.pending.pop(0))

    def _silence(self) -> None:
        """The customer stops talking (and says nothing more); ring and hold music stop."""
        self.speaking = None
        self.pending.clear()
        self._emit(Customer("silence"), Loop("ring", False), Loop("hold", False))

    def _audio(
        self,
        action: Literal["play", "start", "end"],
        clip: str,
        position: float = 0.0,
        *,
        subtitle: bool = False,
    ) -> None:
        # the dropouts so far: a clip with more at its end than at its start was interrupted.
        # A start gives the clip's length, so the score can tell when it would have ended
        # without them, and whether it was read (a subtitle: all of it at once) or heard.
        start = action == "start"
        length = self.sound.seconds(clip) if start else None
        self._emit(
            Record(
                AudioEvent(
                    t=self._t,
                    action=action,
                    clip=clip,
                    position=round(position, 4),
                    underflows=self.sound.underflows(),
                    length=round(length, 4) if length is not None else None,
                    subtitle=True if start and subtitle else None,
                )
            )
        )

    # the keys of the call bar ----------------------------------------------------------------
    def _key(self, key: Key) -> None:
        match key.name:
            case "answer":
                self._answer()
            case "hold":
                self._toggle_hold()
            case "ask_repeat":
                if self.phase is not Phase.TALKING:
                    self._emit(Refuse("not_in_call"))
                else:
                    self._act("ask_repeat")
            case "verified" | "mismatch":
                self._verify(key.name == "verified")
            case "transfer":
                self._transfer(key.team)
            case "end" if self.line is not None and self.phase is not Phase.TALKING:
                self._end_outbound()
            case "end":
                if self.phase not in (*IN_CALL, Phase.HUNG_UP):
                    self._emit(Refuse("nothing_to_end"))
                else:
                    self._end_call("closed")
            case "acknowledge":
                if not self.open_messages:
                    self._emit(Refuse("no_message_waiting"))
                else:
                    oldest = min(self.open_messages, key=lambda k: self.open_messages[k].shown_at)
                    self._acknowledge(oldest)
            case "resume_sound":
                if self.paused or not self.sound.device_open():
                    self._emit(OpenSound())
                else:
                    self._emit(Refuse("nothing_to_resume"))
            case "resume_subtitles":
                if self.paused:
                    self._go_on()
                    if self.speaking is not None and self.resume_from is not None:
                        self._read(self.resume_from)
                    self.resume_from = None
                    self._emit(Notice("subtitles"))
                else:
                    self._emit(Refuse("nothing_to_resume"))

    def _answer(self) -> None:
        if self.phase is not Phase.RINGING:
            self._emit(Refuse("no_ringing"))
            return
        self._emit(Loop("ring", False), Loop("hold", False), Notice("clear"))
        self.phase = Phase.TALKING
        self.answered_at = self._t
        self._act("answered")
        self._emit(Focus("first_field"))

    def _toggle_hold(self) -> None:
        if self.phase is Phase.TALKING:
            self.phase = Phase.HOLD
            self._emit(Customer("pause"), Loop("hold", True))
            self._act("hold")
        elif self.phase is Phase.HOLD:
            self.phase = Phase.TALKING
            self._emit(Loop("hold", False))
            if self.speaking is not None and self.speaking.heard:
                self._emit(Customer("resume"))  # its new start is journaled from there
            self._act("resumed")
            self._next_say()
        else:
            self._emit(Refuse("nothing_to_hold"))

    def _verify(self, matches: bool) -> None:
        if self.phase not in IN_CALL:
            self._emit(Refuse("verify_not_in_call"))
            return
        if self.open_record is None:
            self._emit(Refuse("look_up_first"))
            return
        self.verified = matches
        self._emit(Notice("clear"))
        self._show_record()
        self._act("verified" if matches else "mismatch")

    def _look_up(self, typed: str) -> None:
        typed = typed.strip()
        if not typed:
            return
        if self.answered_at is None:
            self._emit(Refuse("not_answered_yet"))
            return
        found = find_customer(self._as_now(), typed)
        self._act("look_up", target=found.record.number if found else "", value=typed)
        self._emit(LookUpResult(typed, found is not None))
        if found is None:
            return
        if self.open_record is None or found.record.number != self.open_record.number:
            self.verified = False  # another file: not verified against this one
        self.open_record = found.record
        self._emit(Notice("clear"))
        self._show_record()

    def _as_now(self) -> CallExercise:
        """The call with the caller's file as the back office left it (crm_update)."""
        if self.customer is self.exercise.customer:
            return self.exercise
        return self.exercise.model_copy(update={"customer": self.customer})

    def _show_record(self) -> None:
        record = self.open_record
        callers = record is not None and record.number == self.customer.number
        changed = frozenset(self.changed_fields) if callers else frozenset()
        self._emit(ShowRecord(record, self.verified, changed))

    def _transfer(self, team: str) -> None:
        if self.phase not in IN_CALL or not team:
            self._emit(Refuse("transfer_not_possible"))
            return
        self._end_call("transferred", team)

    def _end_call(self, how: Literal["closed", "transferred"], team: str = "") -> None:
        self._silence()
        self.phase = Phase.ENDED
        self._emit(Subtitle(None))
        self._act(how, target=team)
        self._emit(Focus("wrap_up"))

    # an outbound call ------------------------------------------------------------------------
    def _dial(self, typed: str) -> None:
        """The trainee dials ``typed``: journaled with what it reaches; the line rings at the
        other end, or gives the busy tone at once (busy, or a number not in use)."""
        typed = typed.strip()
        if self.line is None or self.phase is not Phase.WAITING:
            self._emit(Refuse("cannot_dial"))
            return
        if not typed:
            self._emit(Refuse("no_number"))
            return
        self.reached = self.line.reach(typed, self._t)
        self._act("dialled", target=typed, value=self.reached)
        self._emit(Notice("clear"))
        if self.reached in ("busy", "not_in_use"):
            self.phase = Phase.BUSY
            self._emit(Loop("busy", True))
        else:
            self.phase = Phase.DIALLING
            self.connect_at = self._t + self.line.dial.ring_seconds
            self._emit(Loop("ringback", True))

    def _connect(self) -> None:
        """The ringing stops: the customer answers, the voicemail's greeting or a stranger."""
        assert self.line is not None
        self.connect_at = None
        self._emit(Loop("ringback", False))
        dial = self.line.dial
        if self.reached == "answer":
            self.phase = Phase.TALKING
            self.answered_at = self._t
            self._act("answered")  # the timeline's 'after: answered' as for an inbound call
            self._emit(Focus("first_field"))
        elif self.reached == "voicemail" and dial.greeting is not None:
            self.phase = Phase.VOICEMAIL
            self._say(Say(id="voicemail", at=0, do="say", clip=dial.greeting))
        elif dial.wrong_person is not None:  # phase stays DIALLING: not the customer
            self._say(Say(id="wrong-person", at=0, do="say", clip=dial.wrong_person))

    def _hang_up_attempt(self) -> None:
        """An attempt that reached nobody ends: the trainee may dial again."""
        self._silence()
        self._emit(Loop("ringback", False), Loop("busy", False), Subtitle(None))
        self.connect_at = None
        self.phase = Phase.WAITING

    def _end_outbound(self) -> None:
        """The end key before or without the customer on the line: hang up the attempt; after
        a voicemail message, end the call; before any attempt, nothing to end."""
        if self.phase is Phase.VOICEMAIL and self.message_started:
            self._act("message_end")
            self._end_call("closed")
        elif self.phase in (Phase.DIALLING, Phase.BUSY, Phase.VOICEMAIL):
            self._act("hang_up", target=self.phase.value)  # (a resumed call rebuilds it)
            self._hang_up_attempt()
        elif self.phase is Phase.WAITING and self.reached is not None:
            self._end_call("closed")  # given up: the result says nobody was reached
        elif self.phase in (Phase.HOLD, Phase.HUNG_UP):
            self._end_call("closed")
        else:
            self._emit(Refuse("nothing_to_end"))

    def _acknowledge(self, event_id: str) -> None:
        if event_id not in self.open_messages:
            return
        del self.open_messages[event_id]
        self._emit(MessageAnswered(event_id))
        self._act("acknowledged", target=event_id)

    def _tick(self, step: str) -> None:
        if step in self.ticked:
            return
        self.ticked.add(step)
        self._emit(StepTicked(step))
        self._act("step", target=step, notify=False)

    def _commit(self, field_id: str, value: str) -> None:
        """Journaled when its value changed; its format checked."""
        value = value.strip()
        if self.committed.get(field_id, "") == value:
            return
        self.committed[field_id] = value
        self._emit(Record(FieldEvent(t=self._t, field=field_id, value=value)))
        kind: FieldKind = next((f.kind for f in self.exercise.fields if f.id == field_id), "text")
        wrong = None
        if value and kind != "text":
            try:
                normalise(kind, value)
            except FieldValueError:
                wrong = kind
        self._emit(FieldHint(field_id, wrong))

    def _wrap_up(self, wrap: WrapUp) -> None:
        if self.phase is not Phase.ENDED:
            self._emit(Refuse("call_not_ended"))
            return
        if not wrap.contact_result:
            self._emit(Refuse("no_contact_result"))
            return
        for field_id, value in wrap.fields.items():
            self._commit(field_id, value)
        self._act("wrapup", target=wrap.closing_code, value=wrap.contact_result, notify=False)
        self.phase = Phase.DONE
        self._emit(Finish())

    # a lost headset, a journal that cannot be written ---------------------------------------
    def _lose_sound(self, error: str, position: float | None) -> None:
        """During the call it stands still until the trainee goes on (F10, F11); after the
        call only the device is closed."""
        if self.speaking is not None and self.speaking.heard:
            self.resume_from = position
        if self.phase is Phase.ENDED or self.paused:
            return
        self.paused = True
        self._emit(
            Paused(True),
            Record(PauseEvent(t=self._t, paused=True, reason=error or "device lost")),
            Notice("sound_lost"),
        )

    def _go_on(self) -> None:
        """The call runs on from where it stood: the pause is not counted."""
        self.paused = False
        self._emit(Paused(False), Record(PauseEvent(t=self._t, paused=False)), Notice("clear"))

    def _sound_opened(self, ok: bool) -> None:
        """F10 answered: the customer goes on mid-sentence, or from their next clip when they
        were subtitled."""
        if not ok:
            self._emit(Refuse("still_no_sound"))
            return
        if self.paused:
            self._go_on()
        else:
            self._emit(Notice("clear"))
        if self.phase is Phase.RINGING:
            self._emit(Loop("ring", True))
        elif self.phase is Phase.HOLD:
            self._emit(Loop("hold", True))
        elif self.phase is Phase.DIALLING and self.connect_at is not None:
            self._emit(Loop("ringback", True))
        elif self.phase is Phase.BUSY:
            self._emit(Loop("busy", True))
        s = self.speaking
        if s is not None and self.resume_from is not None and self.sound.hearable(s.say.clip):
            s.heard, s.silent_end = True, None
            # on hold it goes on when the caller is taken off hold
            self._emit(PlayClip(s.say.clip, self.resume_from, waiting=self.phase is Phase.HOLD))
        self.resume_from = None

    def _journal_held(self, held: bool) -> None:
        """The call stands still as on hold (the customer stops mid-sentence, the timeline
        waits) without the hold music, until the journal can be written."""
        self.held = held
        if self.speaking is not None and self.speaking.heard and self.phase is Phase.TALKING:
            self._emit(Customer("pause" if held else "resume"))


def _allowed_while_paused(action: Action) -> bool:
    """While the headset is lost the call stands still: only F10/F11 go on."""
    if isinstance(action, Key):
        return action.name in ("resume_sound", "resume_subtitles")
    # a field and an article are the trainee's own: they keep working on the desk
    return isinstance(
        action,
        SoundOpened | JournalHeld | SoundLost | Tick | CommitField | OpenArticle | ProposeArticle,
    )
