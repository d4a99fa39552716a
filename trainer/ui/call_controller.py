"""Runs one call: the scenario's timeline, the sound in the headset, and the agent desktop.

The timeline (``trainer.core.timeline``) says what is due and when; one single-shot timer is
aimed at the next due time, and each fired event is journaled at its due time. The customer's
clips, the ring tone and the hold music go through the audio engine; a 50 ms poll reads when a
clip really started and ended at the headset (the stream's clock mapped onto the session
clock), journals it and tells the timeline, so "after the customer finished saying it" is
measured from what the trainee heard. Everything the trainee does on the desk is an action in
the journal, and the result is ``score(exercise, journal)`` like every other session. What an
action implies in the script (verifying identifies, a transfer closes) and what a look-up in
the customer records finds are the core's rules (``trainer.core.call_rules``), which the
scoring uses too: the ticks the trainee sees are the ones the result counts.

The customer record is empty until the trainee looks the caller up (Ctrl+K) with what the
caller gave: their customer number, phone number or name. F5 and F6 judge the file that opened.

Without sound from the start (no device) the call runs with subtitles: the customer's words
appear on screen and each clip lasts as long as its recording (F10 tries the headset again).
A headset lost mid-call stops the call where it stands (the session clock, the timeline, the
customer mid-sentence) until the trainee goes on with sound again (F10) or with subtitles
(F11); the pause is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QListWidgetItem

from trainer.audio.engine import Voice
from trainer.audio.sounds import AudioFileError, audio_seconds, clip_frames, hold_music, ring_tone
from trainer.core.call_rules import find_customer, implied_steps
from trainer.core.clips import ClipLibrary
from trainer.core.dsp import Signal
from trainer.core.fields import FieldValueError, normalise
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    FieldEvent,
    PauseEvent,
    ScenarioEvent,
)
from trainer.core.journal_writer import SessionClock
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
from trainer.store import Store, Trainee
from trainer.ui.call_view import CallView
from trainer.ui.session_controller import TypingSession
from trainer.ui.style_flags import set_flag

POLL_MS = 50
NOISE_DB_BY_LEVEL = {3: 20.0, 4: 15.0}  # office noise under the customer's voice, by level

Pcm16 = npt.NDArray[np.int16]
# looked up once: the desk's event filter sees every event of every field
_KEY_PRESS, _INPUT_METHOD = QEvent.Type.KeyPress, QEvent.Type.InputMethod
_BACKSPACE, _DELETE = Qt.Key.Key_Backspace, Qt.Key.Key_Delete
_CONTROL = Qt.KeyboardModifier.ControlModifier


def as_pcm16(frames: Signal) -> Pcm16:
    """A prepared clip kept as 16-bit samples until it is said: half the memory of float32
    (the nine clips of a level-4 call: 11.6 MB as float32), as precise as the recordings."""
    return np.round(np.clip(frames, -1.0, 1.0) * 32767.0).astype(np.int16)


def from_pcm16(pcm: Pcm16) -> Signal:
    """The samples to play (float32, -1..1); about 1 ms for a 10 s clip."""
    return pcm.astype(np.float32) * np.float32(1 / 32767.0)


_HINTS = {
    "customer_number": "Een klantnummer bestaat uit 4 tot 14 cijfers.",
    "postcode": "Geen Belgische postcode (4 cijfers, 1000 tot 9999).",
    "phone": "Geen geldig telefoonnummer (bv. 0471 23 45 67, 09 123 45 67 of +31 6 12 34 56 78).",
    "email": "Geen geldig e-mailadres.",
    "iban": "Geen geldig IBAN-nummer (controleer de cijfers).",
    "date": "Geen geldige datum (bv. 02/03/2026 of 2 maart 2026).",
    "amount": "Geen bedrag in euro (bv. 49,95).",
    "name": "Een naam bevat geen cijfers.",
}


@dataclass
class _OpenMessage:
    """A message on screen that waits for the trainee's answer."""

    event: ScreenMessage
    shown_at: float
    item: QListWidgetItem
    text: str  # as listed, without its countdown


class CallController(TypingSession):
    """One call session. Lives on the GUI thread, as does its engine."""

    def __init__(
        self,
        view: CallView,
        exercise: CallExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        library: ClipLibrary,
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        super().__init__(view, exercise, trainee, store, data_dir, mode=mode, clock=clock)
        self.view: CallView = view
        self.exercise: CallExercise = exercise
        self.library = library
        self.state = "waiting"  # waiting, ringing, talking, hold, hung_up, ended
        self.verified = False
        self.answered_at: float | None = None
        self.ticked: set[str] = set()
        self.committed: dict[str, str] = {}
        self.pending_says: list[Say] = []
        self.speaking: Say | None = None
        self.open_messages: dict[str, _OpenMessage] = {}  # waiting for an answer, by event
        self._last_article = ""
        self._voice: Voice | None = None
        self._reported_onset = -1
        self._frames: dict[str, Pcm16] = {}  # each clip of the call, ready to play
        self._silent_end: float | None = None  # without sound: when the current clip ends
        self._device, self._volume = device, volume
        self.paused = False  # the headset was lost: the call stands still
        self._held_voice: Voice | None = None  # the customer, stopped by a write problem
        self._resume_from: float | None = None  # seconds into the clip the loss cut off
        self._start_position = 0.0  # where in its clip the current voice started
        self._length = 0.0  # seconds of recording of the clip being said
        self.timeline = Timeline(exercise.timeline)

        view.build(exercise)
        self.customer = exercise.customer  # the caller's file now (crm_update changes it)
        self.changed_fields: set[str] = set()  # rows of the caller's file the back office changed
        self.open_record: CustomerRecord | None = None  # the file a look-up opened
        problem = self.open_sound(device, volume)
        if problem:
            view.show_problem(
                self.tr(
                    "Geen geluid: %1. De klant verschijnt als ondertitel; sluit de headset aan "
                    "en druk op F10 om hem te horen."
                ).replace("%1", problem)
            )
        else:
            self._prepare_sounds()
        self._due_timer = self.make_timer(0, self._on_due, single_shot=True)
        # a coarse timer (Qt's default) may fire 5 % of its interval late: 50 ms on a second
        self._due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._poll_timer = self.make_timer(POLL_MS, self._on_poll)
        self.wire(
            (view.deskAction, self.on_desk_action),
            (view.customerLookUp, self.look_up),
            (view.fieldCommitted, self.commit_field),
            (view.stepTicked, self.tick_step),
            (view.articleOpened, self.open_article),
            (view.messageAcknowledged, self.acknowledge),
            (view.wrapUpRequested, self.wrap_up),
            (view.abandonRequested, self.request_abandon),
        )
        for edit in view.fields.values():
            edit.installEventFilter(self)
        self._show_state()
        self._own_clock = clock is None
        # the call starts once the desk is on screen: set-up time is not the caller's time
        self.make_timer(0, self._start, single_shot=True).start()

    def _start(self) -> None:
        if self._own_clock:
            self.clock = SessionClock()
            if self.engine is not None:
                self.engine.calibrate(self.clock.now)
        self._poll_timer.start()
        self._on_due()

    # sound ------------------------------------------------------------------------------
    def _prepare_sounds(self) -> None:
        """Every clip of the call made ready before it starts, so nothing waits at play time."""
        assert self.engine is not None
        rate = self.engine.samplerate
        self.engine.add(Voice("ring", ring_tone(rate), loop=True, gain=0.8))
        self.engine.add(Voice("hold", hold_music(rate), loop=True, gain=0.6))
        for event in self.exercise.timeline:
            if isinstance(event, Say) and event.clip not in self._frames:
                clip = self.library.clips[event.clip]
                try:
                    self._frames[event.clip] = as_pcm16(
                        clip_frames(
                            self.library.path_of(clip),
                            rate,
                            telephone=True,
                            noise_db=NOISE_DB_BY_LEVEL.get(self.exercise.level),
                        )
                    )
                except AudioFileError as exc:
                    self.view.show_problem(
                        self.tr("Fragment niet te lezen: %1").replace("%1", str(exc))
                    )

    def _loop(self, name: str, on: bool) -> None:
        if self.engine is None:
            return
        voice = self.engine.voice(name)
        if voice is None:
            return
        if on and not voice.playing:
            self.engine.play(voice, from_frame=0)
        elif not on:
            self.engine.pause(voice)

    def _clip_seconds(self, clip_id: str) -> float:
        clip = self.library.clips[clip_id]
        try:
            return audio_seconds(self.library.path_of(clip))
        except AudioFileError:
            return 2.0 + len(clip.transcript) / 15  # about how long it takes to say

    def _subtitle(self, clip_id: str) -> None:
        """Without sound: what the customer says, on screen."""
        transcript = self.library.clips[clip_id].transcript
        self.view.caller_says.setText(self.tr("Klant: %1").replace("%1", transcript))
        self.view.caller_says.show()

    def _silence_customer(self) -> None:
        """The customer stops talking (and says nothing more); ring and hold music stop."""
        if self._voice is not None and self.engine is not None:
            self.engine.pause(self._voice)
        self.speaking = None
        self._voice = None
        self._silent_end = None
        self.pending_says.clear()
        self._loop("ring", False)
        self._loop("hold", False)

    def _say(self, event: Say) -> None:
        """The customer starts a clip (or waits: still speaking, or on hold)."""
        if self.speaking is not None or self.state in ("hold", "hung_up", "ended"):
            if self.state not in ("hung_up", "ended"):
                self.pending_says.append(event)
            return
        self.speaking = event
        now = self.clock.now()
        pcm = self._frames.get(event.clip)
        self._start_position = 0.0
        if self.engine is not None and pcm is not None:
            frames = from_pcm16(pcm)
            self._voice = self.engine.add(Voice("klant", frames))
            self._length = len(frames) / self.engine.samplerate
            self.engine.play(self._voice, from_frame=0)
            self.view.caller_says.hide()  # heard now, no longer read
            self._audio("play", event.clip, now)
        else:
            self._length = self._clip_seconds(event.clip)
            self._audio("play", event.clip, now)
            self._audio("start", event.clip, now, subtitle=True)
            self._silent_end = now + self._length
            self._subtitle(event.clip)

    def _clip_ended(self, t: float) -> None:
        event, self.speaking = self.speaking, None
        self._voice = None
        self._silent_end = None
        if event is None:
            return
        self._audio("end", event.clip, t)
        self.timeline.notify(f"{event.id}.end", t)
        self._next_say()
        self._arm()

    def _next_say(self) -> None:
        if self.pending_says and self.speaking is None and self.state == "talking":
            self._say(self.pending_says.pop(0))

    def _audio(
        self,
        action: Literal["play", "start", "end"],
        clip: str,
        t: float,
        position: float = 0.0,
        *,
        subtitle: bool = False,
    ) -> None:
        # the dropouts so far: a clip with more at its end than at its start was interrupted.
        # A start gives the clip's length, so the score can tell when it would have ended
        # without them, and whether it was read (a subtitle: all of it at once) or heard.
        underflows = self.engine.underflows if self.engine is not None else 0
        start = action == "start"
        self.record(
            AudioEvent(
                t=t,
                action=action,
                clip=clip,
                position=round(position, 4),
                underflows=underflows,
                length=round(self._length, 4) if start else None,
                subtitle=True if start and subtitle else None,
            )
        )

    def tear_down(self) -> None:
        """Journal how the sound went, and close the device."""
        self.close_sound(self.speaking.clip if self.speaking else "")

    # the timeline -----------------------------------------------------------------------
    def _arm(self) -> None:
        """Aim the single-shot timer at the next due event (not while the call stands still
        for a lost headset or a journal that cannot be written)."""
        if not self.active or self.paused or self.held:
            return
        due = self.timeline.next_due()
        if due is None:
            self._due_timer.stop()
            return
        self._due_timer.start(max(0, int((due - self.clock.now()) * 1000)))

    def _on_due(self) -> None:
        for due in self.timeline.pop_due(self.clock.now()):
            self._fire(due.event)
            # when it was shown or started, and when it was due: the timeline's accuracy
            self.record(
                ScenarioEvent(t=self.clock.now(), event=due.event.id, due=round(due.time, 4))
            )
        self._arm()

    def _fire(self, event: TimelineEvent) -> None:
        if isinstance(event, Ring):
            if self.state == "waiting":
                self.state = "ringing"
                self._loop("ring", True)
        elif isinstance(event, Say):
            self._say(event)
        elif isinstance(event, ScreenMessage):
            self._message(event)
        elif isinstance(event, Sound) and event.do == "hold_music":
            self._loop("hold", True)
        elif isinstance(event, Sound) and event.do == "hangup":
            self._hang_up()
        self._show_state()

    def _hang_up(self) -> None:
        """The customer hangs up: their voice stops; the trainee still ends and wraps up."""
        self._silence_customer()
        if self.state != "ended":
            self.state = "hung_up"

    def _message(self, event: ScreenMessage) -> None:
        prefix = {
            "chat": self.tr("Chat"),
            "alert": self.tr("Melding"),
            "crm_update": self.tr("Dossier"),
            "queue": self.tr("Wachtrij"),
        }[event.do]
        # "Wachtrij: Wachtrij technische hulp..." says it twice
        said = event.text.casefold().startswith(prefix.casefold())
        text = event.text if said else f"{prefix}: {event.text}"
        item = self.view.add_message(event.id, text)
        if event.do == "queue":
            self.view.show_queue(event.text)
        if event.do == "crm_update":
            self.view.crm_note.setText(self.tr("Gewijzigd: %1").replace("%1", event.text))
            if event.field is not None and event.value is not None:
                record = self.open_record
                callers_open = record is not None and record.number == self.customer.number
                self.customer = self.customer.changed(event.field, event.value)
                self.changed_fields.add(event.field)
                if callers_open:  # the change shows at once in the file on screen
                    self.open_record = self.customer
                    self._show_record()
        if event.respond_within is not None:
            self.open_messages[event.id] = _OpenMessage(event, self.clock.now(), item, text)
            font = item.font()
            font.setBold(True)
            item.setFont(font)

    # the trainee's actions --------------------------------------------------------------
    def act(self, action: str, target: str = "", value: str = "") -> None:
        """Journal an action, let the timeline react to it, tick the steps it implies."""
        t = self.clock.now()
        self.record(ActionEvent(t=t, action=action, target=target, value=value))
        self.timeline.notify(action, t)
        for step in implied_steps(action, target, self.exercise.script):
            self.tick_step(step)
        self._arm()

    def on_desk_action(self, action: str) -> None:
        """A key or button of the call bar."""
        if not self.active:
            return
        resuming = action.startswith("resume_")
        plugged_in = action == "resume_sound" and self.engine is None  # subtitles until now
        if self.paused != resuming and not plugged_in:
            self._refuse(
                self.tr("Het gesprek staat stil: F10 verder met geluid, F11 met ondertitels.")
                if self.paused
                else self.tr("Het gesprek loopt: er is niets om verder te zetten.")
            )
            return
        handler = {
            "resume_sound": self.resume_sound,
            "resume_subtitles": self.resume_subtitles,
            "answer": self.answer,
            "hold": self.toggle_hold,
            "ask_repeat": self.ask_repeat,
            "verified": lambda: self.verify(True),
            "mismatch": lambda: self.verify(False),
            "transfer": self.transfer,
            "end": self.end_call,
            "acknowledge": self.acknowledge_oldest,
        }[action]
        handler()
        self._show_state()

    def _refuse(self, text: str) -> None:
        self.view.show_problem(text)

    def answer(self) -> None:
        """F2: pick up the ringing phone."""
        if self.state != "ringing":
            self._refuse(self.tr("Er gaat geen telefoon over."))
            return
        self._loop("ring", False)
        self._loop("hold", False)
        self.state = "talking"
        self.view.show_problem("")
        self.act("answered")
        self.answered_at = self.clock.now()
        first = next(iter(self.view.fields.values()), None)
        if first is not None:
            first.setFocus()

    def toggle_hold(self) -> None:
        """F3: put the caller on hold (their voice pauses, hold music plays), or resume."""
        if self.state == "talking":
            self.state = "hold"
            if self._voice is not None and self.engine is not None:
                self.engine.pause(self._voice)
            self._loop("hold", True)
            self.act("hold")
        elif self.state == "hold":
            self.state = "talking"
            self._loop("hold", False)
            if self._voice is not None and self.engine is not None:
                # it goes on where it was: its new start is journaled from there
                self._start_position = self._voice.pos / self.engine.samplerate
                self.engine.play(self._voice)
            self.act("resumed")
            self._next_say()
        else:
            self._refuse(self.tr("Er is geen gesprek om in de wacht te zetten."))

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the call stands still until it can, as on hold
        (the customer stops mid-sentence, the timeline waits) without the hold music."""
        voice = self._voice
        if held:
            self._due_timer.stop()
            self._held_voice = voice if voice is not None and voice.playing else None
            if self._held_voice is not None and self.engine is not None:
                self.engine.pause(self._held_voice)
            return
        held_voice, self._held_voice = self._held_voice, None
        if held_voice is not None and held_voice is voice and self.engine is not None:
            # it goes on where it stopped: its new start is journaled from there
            self._start_position = held_voice.pos / self.engine.samplerate
            self.engine.play(held_voice)
        self._arm()

    def ask_repeat(self) -> None:
        """F4: ask the customer to say it again."""
        if self.state != "talking":
            self._refuse(self.tr("Je bent niet in gesprek."))
            return
        self.act("ask_repeat")

    def verify(self, matches: bool) -> None:
        """F5 / F6: the caller's data match the file that is open, or they do not."""
        if self.state not in ("talking", "hold"):
            self._refuse(self.tr("Verifiëren kan alleen tijdens een gesprek."))
            return
        if self.open_record is None:
            self._refuse(
                self.tr(
                    "Zoek eerst de klant op (Ctrl+K): met het klantnummer, het telefoonnummer "
                    "of de naam die de beller geeft."
                )
            )
            return
        self.verified = matches
        self.view.show_problem("")
        self._show_record()
        self.act("verified" if matches else "mismatch")

    def look_up(self, typed: str) -> None:
        """Ctrl+K, Enter: look the caller up with what they gave. The file found opens
        (number and name; the rest after verification); nothing found is said so. Journaled
        with what was typed and the file it opened."""
        typed = typed.strip()
        if not self.active or self.paused or not typed:
            return
        if self.answered_at is None:
            self._refuse(self.tr("Er is nog geen beller om op te zoeken: neem eerst op (F2)."))
            return
        found = find_customer(self._as_now(), typed)
        self.act("look_up", target=found.record.number if found else "", value=typed)
        if found is None:
            self.view.show_lookup_miss(typed)
            return
        if self.open_record is None or found.record.number != self.open_record.number:
            self.verified = False  # another file: not verified against this one
        self.open_record = found.record
        self.view.show_problem("")
        self._show_record()
        self.view.return_from_lookup()

    def _as_now(self) -> CallExercise:
        """The call with the caller's file as the back office left it (crm_update)."""
        if self.customer is self.exercise.customer:
            return self.exercise
        return self.exercise.model_copy(update={"customer": self.customer})

    def _show_record(self) -> None:
        record = self.open_record
        callers = record is not None and record.number == self.customer.number
        changed = self.changed_fields if callers else set()
        self.view.show_record(record, self.verified, changed)

    def transfer(self) -> None:
        """F7: transfer the call to the team chosen in the list."""
        team = self.view.transfer_team.currentText()
        if self.state not in ("talking", "hold") or not team:
            self._refuse(self.tr("Doorverbinden kan alleen tijdens een gesprek, naar een team."))
            return
        self._stop_call()
        self.act("transferred", target=team)
        self._to_wrap_up()

    def end_call(self) -> None:
        """F8: hang up."""
        if self.state not in ("talking", "hold", "hung_up"):
            self._refuse(self.tr("Er is geen gesprek om te beëindigen."))
            return
        self._stop_call()
        self.act("closed")
        self._to_wrap_up()

    def _stop_call(self) -> None:
        self._silence_customer()
        self.state = "ended"
        self.view.caller_says.hide()

    def _to_wrap_up(self) -> None:
        self.view.wrapup_box.setEnabled(True)
        self.view.contact_result.setFocus()

    def acknowledge(self, event_id: str) -> None:
        """A message that needed a response is answered."""
        if event_id not in self.open_messages or not self.active or self.paused:
            return
        message = self.open_messages.pop(event_id)
        font = message.item.font()
        font.setBold(False)
        message.item.setFont(font)
        message.item.setText(message.text + self.tr("  ✓ bevestigd"))
        self.act("acknowledged", target=event_id)
        self._show_state()

    def acknowledge_oldest(self) -> None:
        """F9: acknowledge the message that has waited longest."""
        if not self.open_messages:
            self._refuse(self.tr("Er wacht geen melding op een antwoord."))
            return
        oldest = min(self.open_messages, key=lambda k: self.open_messages[k].shown_at)
        self.acknowledge(oldest)

    def tick_step(self, step: str) -> None:
        """A script step done (by the trainee, or by the action that does it)."""
        if step in self.ticked or not self.active or self.paused:
            return
        self.ticked.add(step)
        self.view.tick(step)
        self.record(ActionEvent(t=self.clock.now(), action="step", target=step))

    def open_article(self, article_id: str) -> None:
        """A knowledge-base article shown (journaled once per opening)."""
        if article_id != self._last_article and self.active:
            self._last_article = article_id
            self.record(ActionEvent(t=self.clock.now(), action="open_article", target=article_id))

    def commit_field(self, field_id: str, value: str) -> None:
        """A field left or confirmed: journaled when its value changed; its format checked."""
        if not self.active:
            return
        value = value.strip()
        if self.committed.get(field_id, "") == value:
            return
        self.committed[field_id] = value
        self.record(FieldEvent(t=self.clock.now(), field=field_id, value=value))
        kind = self.view.fields[field_id].field.kind
        hint = ""
        if value and kind != "text":
            try:
                normalise(kind, value)
            except FieldValueError:
                hint = self.tr(_HINTS.get(kind, ""))
        self.view.set_hint(field_id, hint)

    def wrap_up(self) -> None:
        """Ctrl+Enter: after the call, the contact result and closing code, and done."""
        if not self.active:
            return
        if self.state != "ended":
            self._refuse(self.tr("Beëindig eerst het gesprek (F8) of verbind door (F7)."))
            return
        result = self.view.contact_result.currentText()
        if not result:
            self._refuse(self.tr("Kies eerst een contactresultaat."))
            self.view.contact_result.setFocus()
            return
        for field_id, edit in self.view.fields.items():
            self.commit_field(field_id, edit.text())
        self.act("wrapup", target=self.view.closing_code.currentText(), value=result)
        self.finish("finished")

    # keystrokes in the fields go into the journal too ------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stamp each keystroke typed into a field (text, Backspace, Delete).

        Every event of every field passes here (paints too), so each is looked at once and
        left at once unless it is a key: this runs several times per keystroke."""
        kind = event.type()
        if kind == _KEY_PRESS:
            if not self.active:
                return False
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (_BACKSPACE, _DELETE):
                self.stamp_edit("Delete" if key == _DELETE else "Backspace")
                return False
            text = event.text()
            if text and text.isprintable() and not (event.modifiers() & _CONTROL):
                self.stamp_text(text)
        elif kind == _INPUT_METHOD and self.active:
            assert isinstance(event, QInputMethodEvent)
            if commit := event.commitString():
                self.stamp_text(commit)
        return False

    # polling ------------------------------------------------------------------------------
    def _on_poll(self) -> None:
        now = self.clock.now()
        engine, voice = self.engine, self._voice
        if engine is not None:
            status = engine.poll()
            if status.running:
                engine.calibrate(self.clock.now)
            else:
                self._lose_sound(status.error)
        if self.engine is not None and voice is not None:
            if voice.onset_frame >= 0 and voice.onset_frame != self._reported_onset:
                self._reported_onset = voice.onset_frame
                assert self.speaking is not None
                t = self.engine.session_time_of_frame(voice.onset_frame, self.clock.now)
                self._audio("start", self.speaking.clip, t, self._start_position)
            if voice.ended_frame >= 0 and not voice.playing and voice.pos >= voice.duration_frames:
                self._clip_ended(
                    self.engine.session_time_of_frame(voice.ended_frame, self.clock.now)
                )
        elif self._silent_end is not None and now >= self._silent_end:
            self._clip_ended(self._silent_end)
        self._show_clock(now)

    def _lose_sound(self, error: str) -> None:
        """The headset went away. During the call it stops where it stands until the trainee
        goes on (F10, F11); after the call only the device is closed."""
        assert self.engine is not None
        device = self.engine.describe_device()
        voice = self._voice
        if self.speaking is not None and voice is not None:
            self._resume_from = voice.pos / self.engine.samplerate  # (the clip's own frames)
        self.tear_down()  # how the sound went until now, and the device closed
        self.engine = None
        self._voice = None
        if self.state == "ended":
            return
        self.clock.pause()
        self._due_timer.stop()
        self.paused = True
        self.record(PauseEvent(t=self.clock.now(), paused=True, reason=error or "device lost"))
        self.view.set_paused(True)
        self.view.show_problem(
            self.tr(
                "Het geluidsapparaat %1 werkt niet meer. Het gesprek staat stil en de tijd telt "
                "niet door; alles wat je deed, blijft bewaard. Sluit de headset aan en druk op "
                "F10, of ga verder met ondertitels: F11."
            ).replace("%1", device)
        )

    def _go_on(self) -> None:
        """The call runs on from where it stood: the pause is not counted."""
        self.clock.resume()
        self.paused = False
        self.record(PauseEvent(t=self.clock.now(), paused=False))
        self.view.set_paused(False)
        self.view.show_problem("")
        self._arm()

    def resume_sound(self) -> None:
        """F10: the headset is back (or plugged in for the first time); the customer goes on
        mid-sentence, or from their next clip when they were subtitled."""
        problem = self.open_sound(self._device, self._volume)
        if problem:
            self.view.show_problem(
                self.tr(
                    "Nog altijd geen geluid: %1. Sluit de headset aan en druk op F10, of ga "
                    "verder met ondertitels: F11."
                ).replace("%1", problem)
            )
            return
        assert self.engine is not None
        self._frames.clear()
        self._prepare_sounds()  # at the rate of the device now open
        if self.paused:
            self._go_on()
        else:
            self.view.show_problem("")
        self.engine.calibrate(self.clock.now)
        if self.state == "ringing":
            self._loop("ring", True)
        elif self.state == "hold":
            self._loop("hold", True)
        pcm = self._frames.get(self.speaking.clip) if self.speaking is not None else None
        if pcm is not None and self._resume_from is not None:
            self._voice = self.engine.add(Voice("klant", from_pcm16(pcm)))
            self._start_position = self._resume_from
            from_frame = int(self._resume_from * self.engine.samplerate)
            self._reported_onset = -1
            if self.state == "hold":  # it goes on when the caller is taken off hold
                self._voice.pos = from_frame
            else:
                self.engine.play(self._voice, from_frame=from_frame)
        self._resume_from = None

    def resume_subtitles(self) -> None:
        """F11: on without sound; the rest of the clip and what follows as subtitles."""
        self._go_on()
        if self.speaking is not None and self._resume_from is not None:
            now = self.clock.now()
            self._length = self._clip_seconds(self.speaking.clip)
            remaining = self._length - self._resume_from
            self._silent_end = now + max(0.0, remaining)
            self._subtitle(self.speaking.clip)
            # the whole sentence is on screen from now: what it says was given now
            self._audio("start", self.speaking.clip, now, self._resume_from, subtitle=True)
        self._resume_from = None
        self.view.show_problem(self.tr("Verder zonder geluid: de klant verschijnt als ondertitel."))

    def _show_clock(self, now: float) -> None:
        view = self.view
        target = self.exercise.expect.handling_time
        if self.answered_at is None:
            view.show_clock(0.0, target)  # the handling time starts when the phone is answered
        elif self.state != "ended":
            view.show_clock(now - self.answered_at, target)
        if self.state == "ringing":
            set_flag(view.state, "flash", int(now * 2) % 2 == 0)
        for message in self.open_messages.values():
            assert message.event.respond_within is not None
            left = message.event.respond_within - (now - message.shown_at)
            when = (
                self.tr("nog %1 s").replace("%1", str(int(left)))
                if left >= 0
                else self.tr("te laat")
            )
            message.item.setText(f"{message.text}  ({when})")

    def _show_state(self) -> None:
        texts = {
            "waiting": self.tr("Wachten op een oproep…"),
            "ringing": self.tr("☎ Inkomende oproep: opnemen met F2"),
            "talking": self.tr("In gesprek"),
            "hold": self.tr("Beller in de wacht: hervatten met F3"),
            "hung_up": self.tr("De klant heeft ingehaakt: beëindig met F8"),
            "ended": self.tr("Gesprek beëindigd: rond af en druk Ctrl+Enter"),
        }
        view = self.view
        view.state.setText(texts[self.state])
        view.state.setProperty("callState", self.state)
        view.state.style().polish(view.state)
        talking = self.state in ("talking", "hold")
        view.buttons["answer"].setEnabled(self.state == "ringing")
        view.buttons["hold"].setText(
            self.tr("Hervatten (F3)") if self.state == "hold" else self.tr("Wacht (F3)")
        )
        for action in ("hold", "ask_repeat", "verified", "mismatch"):
            view.buttons[action].setEnabled(talking)
        view.buttons["end"].setEnabled(talking or self.state == "hung_up")
        view.buttons["transfer"].setEnabled(talking and bool(self.exercise.transfer_targets))
