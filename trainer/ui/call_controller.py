"""Runs one call on the desk: keys in, the call engine's effects out to the headset and the
widgets.

What each key may do when, what the timeline fires, what is journaled: all of that is the
headless ``CallEngine`` (``trainer.core.call_engine``), tested without Qt or sound. This
controller only
- turns the desk's keys and signals into the engine's actions (with the session time),
- aims one single-shot timer at the engine's next due time, and polls the headset every
  50 ms: a clip's first and last frame as heard (the stream's clock mapped onto the session
  clock) and a lost device go to the engine as actions,
- carries out the effects: journal lines, the customer's clips, the ring tone and hold music,
  and the view's closed interface (``CallView``), with the words in the trainee's language.

Without sound from the start (no device) the call runs with subtitles: the customer's words
appear on screen and each clip lasts as long as its recording (F10 tries the headset again).
A headset lost mid-call stops the call where it stands (the session clock, the timeline, the
customer mid-sentence) until the trainee goes on with sound again (F10) or with subtitles
(F11); the pause is not counted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent

from trainer.audio.engine import Voice
from trainer.audio.sounds import AudioFileError, audio_seconds, clip_frames, hold_music, ring_tone
from trainer.core import call_engine as ce
from trainer.core.clips import ClipLibrary
from trainer.core.dsp import Signal
from trainer.core.journal_writer import SessionClock
from trainer.core.scenario import CallExercise, ScreenMessage
from trainer.store import Store, Trainee
from trainer.ui.call_view import CallView
from trainer.ui.session_controller import TypingSession

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


class _Headset:
    """What the engine may ask of the sound (``call_engine.SoundInfo``), from the controller."""

    def __init__(self, controller: CallController) -> None:
        self._c = controller

    def device_open(self) -> bool:
        return self._c.engine is not None

    def hearable(self, clip: str) -> bool:
        return self._c.engine is not None and clip in self._c._frames

    def seconds(self, clip: str) -> float:
        engine, pcm = self._c.engine, self._c._frames.get(clip)
        if engine is not None and pcm is not None:
            return len(pcm) / engine.samplerate
        return self._c._clip_seconds(clip)

    def underflows(self) -> int:
        return self._c.engine.underflows if self._c.engine is not None else 0


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
        self.call = ce.CallEngine(exercise, _Headset(self))
        self._voice: Voice | None = None  # the customer's clip in the headset
        self._voice_clip = ""
        self._voice_from = 0.0  # seconds into its clip where the voice last (re)started
        self._reported_onset = -1
        self._frames: dict[str, Pcm16] = {}  # each clip of the call, ready to play
        self._device, self._volume = device, volume
        self._sound_problem = ""  # why F10 found no headset
        self._lost_device = ""  # the headset that went away

        view.build(exercise)
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
            (view.stepTicked, lambda step: self._do(ce.TickStep(step))),
            (view.articleOpened, lambda article: self._do(ce.OpenArticle(article))),
            (view.messageAcknowledged, lambda event_id: self._do(ce.Acknowledge(event_id))),
            (view.wrapUpRequested, self.wrap_up),
            (view.abandonRequested, self.request_abandon),
        )
        view.watch_fields(self)
        self._show_phase()
        self._own_clock = clock is None
        # the call starts once the desk is on screen: set-up time is not the caller's time
        self.make_timer(0, self._start, single_shot=True).start()

    # what tests and the main window read ---------------------------------------------------
    @property
    def state(self) -> str:
        """The call's phase: waiting, ringing, talking, hold, hung_up, ended, done."""
        return self.call.phase.value

    @property
    def paused(self) -> bool:
        return self.call.paused

    @property
    def verified(self) -> bool:
        return self.call.verified

    @property
    def open_messages(self) -> dict[str, ce.OpenMessage]:
        return self.call.open_messages

    def _start(self) -> None:
        if self._own_clock:
            self.clock = SessionClock()
            if self.engine is not None:
                self.engine.calibrate(self.clock.now)
        self._poll_timer.start()
        self._on_due()

    # keys and signals in ----------------------------------------------------------------------
    def _do(self, action: ce.Action, t: float | None = None) -> None:
        """One action into the engine, its effects out, the timer re-aimed."""
        if not self.active:
            return
        for effect in self.call.handle(action, self.clock.now() if t is None else t):
            self._apply(effect)
        self._arm()

    def on_desk_action(self, action: str) -> None:
        """A key or button of the call bar."""
        team = self.view.selected_team() if action == "transfer" else ""
        self._do(ce.Key(action, team))  # type: ignore[arg-type]  # the view's CALL_KEYS

    def answer(self) -> None:
        """F2: pick up the ringing phone."""
        self.on_desk_action("answer")

    def look_up(self, typed: str) -> None:
        """Ctrl+K, Enter: look the caller up with what they gave."""
        self._do(ce.LookUp(typed))

    def commit_field(self, field_id: str, value: str) -> None:
        """A field left or confirmed."""
        self._do(ce.CommitField(field_id, value))

    def wrap_up(self) -> None:
        """Ctrl+Enter: after the call, the contact result and closing code, and done."""
        result, code = self.view.wrap_up_choice()
        self._do(ce.WrapUp(result, code, self.view.field_values()))

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the call stands still until it can, as on hold
        (the customer stops mid-sentence, the timeline waits) without the hold music."""
        if held:
            self._due_timer.stop()
        self._do(ce.JournalHeld(held))

    # effects out -------------------------------------------------------------------------------
    def _apply(self, effect: ce.Effect) -> None:
        view = self.view
        match effect:
            case ce.Record(event=event):
                self.record(event)
            case ce.PlayClip(clip=clip, position=position, waiting=waiting):
                self._play(clip, position, waiting)
            case ce.Customer(do=do):
                self._customer(do)
            case ce.Loop(name=name, on=on):
                self._loop(name, on)
            case ce.Subtitle(clip=clip):
                view.show_subtitle(None if clip is None else self.library.clips[clip].transcript)
            case ce.ShowMessage(event=event):
                self._message(event)
            case ce.MessageAnswered(event_id=event_id):
                view.answer_message(event_id)
            case ce.ShowRecord(record=record, verified=verified, changed=changed):
                view.show_record(record, verified, set(changed))
            case ce.LookUpResult(typed=typed, found=found):
                if found:
                    view.return_from_lookup()
                else:
                    view.show_lookup_miss(typed)
            case ce.StepTicked(step=step):
                view.tick(step)
            case ce.FieldHint(field_id=field_id, kind=kind):
                view.set_hint(field_id, self._hint(kind) if kind else "")
            case ce.Refuse(code=code):
                view.show_problem(self._refusal(code))
                if code == "no_contact_result":
                    view.open_wrap_up()
            case ce.Notice(code=code):
                view.show_problem(self._notice(code))
            case ce.PhaseChanged():
                self._show_phase()
            case ce.Paused(paused=paused):
                if paused:
                    self.clock.pause()
                    self._due_timer.stop()
                else:
                    self.clock.resume()
                view.set_paused(paused)
            case ce.Focus(where=where):
                if where == "first_field":
                    view.focus_first_field()
                else:
                    view.open_wrap_up()
            case ce.OpenSound():
                self._open_sound_again()
            case ce.Finish():
                self.finish("finished")

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
        self.view.add_message(event.id, text, waiting=event.respond_within is not None)
        if event.do == "queue":
            self.view.show_queue(event.text)
        if event.do == "crm_update":
            self.view.show_crm_change(event.text)

    def _refusal(self, code: ce.RefusalCode) -> str:
        return {
            "no_ringing": self.tr("Er gaat geen telefoon over."),
            "nothing_to_hold": self.tr("Er is geen gesprek om in de wacht te zetten."),
            "not_in_call": self.tr("Je bent niet in gesprek."),
            "verify_not_in_call": self.tr("Verifiëren kan alleen tijdens een gesprek."),
            "look_up_first": self.tr(
                "Zoek eerst de klant op (Ctrl+K): met het klantnummer, het telefoonnummer "
                "of de naam die de beller geeft."
            ),
            "not_answered_yet": self.tr(
                "Er is nog geen beller om op te zoeken: neem eerst op (F2)."
            ),
            "transfer_not_possible": self.tr(
                "Doorverbinden kan alleen tijdens een gesprek, naar een team."
            ),
            "nothing_to_end": self.tr("Er is geen gesprek om te beëindigen."),
            "no_message_waiting": self.tr("Er wacht geen melding op een antwoord."),
            "call_not_ended": self.tr("Beëindig eerst het gesprek (F8) of verbind door (F7)."),
            "no_contact_result": self.tr("Kies eerst een contactresultaat."),
            "call_paused": self.tr(
                "Het gesprek staat stil: F10 verder met geluid, F11 met ondertitels."
            ),
            "nothing_to_resume": self.tr("Het gesprek loopt: er is niets om verder te zetten."),
            "still_no_sound": self.tr(
                "Nog altijd geen geluid: %1. Sluit de headset aan en druk op F10, of ga "
                "verder met ondertitels: F11."
            ).replace("%1", self._sound_problem),
        }[code]

    def _notice(self, code: str) -> str:
        if code == "sound_lost":
            return self.tr(
                "Het geluidsapparaat %1 werkt niet meer. Het gesprek staat stil en de tijd telt "
                "niet door; alles wat je deed, blijft bewaard. Sluit de headset aan en druk op "
                "F10, of ga verder met ondertitels: F11."
            ).replace("%1", self._lost_device)
        if code == "subtitles":
            return self.tr("Verder zonder geluid: de klant verschijnt als ondertitel.")
        return ""

    def _hint(self, kind: str) -> str:
        """Why a value is not of its field's kind."""
        return {
            "customer_number": self.tr("Een klantnummer bestaat uit 4 tot 14 cijfers."),
            "postcode": self.tr("Geen Belgische postcode (4 cijfers, 1000 tot 9999)."),
            "phone": self.tr(
                "Geen geldig telefoonnummer (bv. 0471 23 45 67, 09 123 45 67 of +31 6 12 34 56 78)."
            ),
            "email": self.tr("Geen geldig e-mailadres."),
            "iban": self.tr("Geen geldig IBAN-nummer (controleer de cijfers)."),
            "date": self.tr("Geen geldige datum (bv. 02/03/2026 of 2 maart 2026)."),
            "amount": self.tr("Geen bedrag in euro (bv. 49,95)."),
            "name": self.tr("Een naam bevat geen cijfers."),
        }.get(kind, "")

    def _show_phase(self) -> None:
        self.view.show_phase(self.state, bool(self.exercise.transfer_targets))

    # sound ---------------------------------------------------------------------------------------
    def _prepare_sounds(self) -> None:
        """Every clip of the call made ready before it starts, so nothing waits at play time."""
        assert self.engine is not None
        rate = self.engine.samplerate
        self.engine.add(Voice("ring", ring_tone(rate), loop=True, gain=0.8))
        self.engine.add(Voice("hold", hold_music(rate), loop=True, gain=0.6))
        for clip_id in {e.clip for e in self.exercise.timeline if e.do == "say"}:
            clip = self.library.clips[clip_id]
            try:
                self._frames[clip_id] = as_pcm16(
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

    def _clip_seconds(self, clip_id: str) -> float:
        clip = self.library.clips[clip_id]
        try:
            return audio_seconds(self.library.path_of(clip))
        except AudioFileError:
            return 2.0 + len(clip.transcript) / 15  # about how long it takes to say

    def _loop(self, name: str, on: bool) -> None:
        voice = self.engine.voice(name) if self.engine is not None else None
        if voice is None or self.engine is None:
            return
        if on and not voice.playing:
            self.engine.play(voice, from_frame=0)
        elif not on:
            self.engine.pause(voice)

    def _play(self, clip: str, position: float, waiting: bool) -> None:
        """The customer says ``clip`` from ``position`` (on hold: made ready there)."""
        assert self.engine is not None
        self._voice = self.engine.add(Voice("klant", from_pcm16(self._frames[clip])))
        self._voice_clip, self._voice_from = clip, position
        self._reported_onset = -1
        from_frame = int(position * self.engine.samplerate)
        if waiting:
            self._voice.pos = from_frame
        else:
            self.engine.play(self._voice, from_frame=from_frame)

    def _customer(self, do: str) -> None:
        voice, engine = self._voice, self.engine
        if voice is None or engine is None:
            return
        if do == "pause" or do == "silence":
            engine.pause(voice)
        if do == "silence":
            self._voice = None
        elif do == "resume" and not voice.playing:
            # it goes on where it was: its new start is journaled from there
            self._voice_from = voice.pos / engine.samplerate
            engine.play(voice)

    def _open_sound_again(self) -> None:
        """F10: the headset is back (or plugged in for the first time)."""
        self._sound_problem = self.open_sound(self._device, self._volume)
        if not self._sound_problem:
            assert self.engine is not None
            self._frames.clear()
            self._prepare_sounds()  # at the rate of the device now open
            self.engine.calibrate(self.clock.now)
        for effect in self.call.handle(ce.SoundOpened(not self._sound_problem), self.clock.now()):
            self._apply(effect)

    def tear_down(self) -> None:
        """Journal how the sound went, and close the device."""
        speaking = self.call.speaking
        self.close_sound(speaking.say.clip if speaking is not None else "")

    # the timeline ------------------------------------------------------------------------------
    def _arm(self) -> None:
        """Aim the single-shot timer at the next due event (not while the call stands still
        for a lost headset or a journal that cannot be written)."""
        if not self.active or self.held:
            return
        due = self.call.next_due()
        if due is None:
            self._due_timer.stop()
            return
        self._due_timer.start(max(0, int((due - self.clock.now()) * 1000)))

    def _on_due(self) -> None:
        self._do(ce.Due())

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
                t = self.engine.session_time_of_frame(voice.onset_frame, self.clock.now)
                self._do(ce.ClipHeard(self._voice_from), t)
            if voice.ended_frame >= 0 and not voice.playing and voice.pos >= voice.duration_frames:
                self._voice = None
                t = self.engine.session_time_of_frame(voice.ended_frame, self.clock.now)
                self._do(ce.ClipFinished(), t)
        self._do(ce.Tick())
        self._show_clock(self.clock.now())

    def _lose_sound(self, error: str) -> None:
        """The headset went away: the device closed, the call told where the clip was cut."""
        assert self.engine is not None
        self._lost_device = self.engine.describe_device()
        voice = self._voice
        position = voice.pos / self.engine.samplerate if voice is not None else None
        self.tear_down()  # how the sound went until now, and the device closed
        self.engine = None
        self._voice = None
        self._do(ce.SoundLost(error, position))

    def _show_clock(self, now: float) -> None:
        call, view = self.call, self.view
        target = self.exercise.expect.handling_time
        if call.answered_at is None:
            view.show_clock(0.0, target)  # the handling time starts when the phone is answered
        elif call.phase not in (ce.Phase.ENDED, ce.Phase.DONE):
            view.show_clock(now - call.answered_at, target)
        if call.phase is ce.Phase.RINGING:
            view.flash_ringing(int(now * 2) % 2 == 0)
        for event_id, message in call.open_messages.items():
            assert message.event.respond_within is not None
            left = message.event.respond_within - (now - message.shown_at)
            when = (
                self.tr("nog %1 s").replace("%1", str(int(left)))
                if left >= 0
                else self.tr("te laat")
            )
            view.show_message_wait(event_id, when)
