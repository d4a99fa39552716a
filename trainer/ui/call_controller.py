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

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent

from trainer.audio.headset import Headset, HeadsetInfo, Lost
from trainer.audio.sounds import AudioFileError
from trainer.audio.voice_recorder import VoiceRecorder, VoiceStarted, VoiceStopped, VoiceSync
from trainer.core import call_engine as ce
from trainer.core.clips import ClipLibrary
from trainer.core.journal import VoiceEvent, VoiceReason
from trainer.core.journal_writer import SessionClock
from trainer.core.scenario import CallExercise, ScreenMessage
from trainer.store import Store, Trainee
from trainer.ui import messages, words
from trainer.ui.call_view import CallView, FieldEdit
from trainer.ui.session_controller import SessionController

POLL_MS = 50
# looked up once: the desk's event filter sees every event of every field
_KEY_PRESS, _INPUT_METHOD = QEvent.Type.KeyPress, QEvent.Type.InputMethod
_BACKSPACE, _DELETE = Qt.Key.Key_Backspace, Qt.Key.Key_Delete
_CONTROL = Qt.KeyboardModifier.ControlModifier


class CallController(SessionController):
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
        record_voice: bool = False,
        microphone: int | str | None = None,
        session_id: int | None = None,
    ) -> None:
        super().__init__(
            view, exercise, trainee, store, data_dir, mode=mode, clock=clock, session_id=session_id
        )
        self.view: CallView = view
        self.exercise: CallExercise = exercise
        self.library = library
        self.headset = Headset(
            library, exercise.level, lambda: self.clock.now(), device=device, volume=volume
        )
        self.call = ce.CallEngine(exercise, HeadsetInfo(self.headset))
        self._device = device
        self._sound_problem = ""  # why F10 found no headset (worded)
        self._lost_device = ""  # the headset that went away (worded)
        # the trainee's voice: practice calls only (an exam room decides on recording its
        # candidates itself), when the setting 'Opname van de cursist' is on
        self._record_voice = record_voice and mode == "practice"
        self._microphone = microphone
        self.voice: VoiceRecorder | None = None
        self._voice_started = False

        view.build(exercise)
        problem = self.headset.open()
        self.engine = self.headset.engine  # the session ties its clock again after a pause
        if problem is not None:
            view.show_problem(
                self.tr(
                    "Geen geluid: %1. De klant verschijnt als ondertitel; sluit de headset aan "
                    "en druk op F10 om hem te horen."
                ).replace("%1", messages.text(problem))
            )
        else:
            self._prepare_sounds()
        self.make_due_timer(self._on_due)
        self._poll_timer = self.make_timer(POLL_MS, self._on_poll)
        self.wire(
            (view.deskAction, self.on_desk_action),
            (view.customerLookUp, self.look_up),
            (view.fieldCommitted, self.commit_field),
            (view.stepTicked, lambda step: self._do(ce.TickStep(step))),
            (view.articleOpened, lambda article: self._do(ce.OpenArticle(article))),
            (view.knowledge.articleProposed, self.propose_article),
            (view.messageAcknowledged, lambda event_id: self._do(ce.Acknowledge(event_id))),
            (view.wrapUpRequested, self.wrap_up),
            (view.abandonRequested, self.request_abandon),
            (view.dialRequested, self.dial),
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
            self.headset.calibrate()
        # what is due at the start (the ring) before the microphone opens: its 15-25 ms made
        # the ring that late (the microphone's first sample is on the clock, so it opens after
        # the clock started)
        self._on_due()
        self._start_voice()
        self._poll_timer.start()
        if self.exercise.outbound:
            self.view.focus_dial()  # the trainee places this call

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
        if action == "answer" and self.exercise.outbound:  # F2 dials what the field holds
            self.dial(self.view.dial_number())
            return
        team = self.view.selected_team() if action == "transfer" else ""
        self._do(ce.Key(action, team))  # type: ignore[arg-type]  # the view's CALL_KEYS

    def propose_article(self, title: str, body: str, article: str) -> None:
        """An article proposed in the knowledge panel (Ctrl+Shift+F): the engine journals it,
        so a call cut off is rebuilt with it."""
        self._do(ce.ProposeArticle(title, body, article))

    def dial(self, number: str) -> None:
        """An outbound call: dial ``number`` (Enter in the dial field, or F2)."""
        self._do(ce.Dial(number))

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
                self.headset.loop(name, on)
            case ce.Beep():
                self.headset.beep()
            case ce.Subtitle(clip=clip):
                view.show_subtitle(None if clip is None else self.library.clips[clip].transcript)
            case ce.ShowMessage(event=event):
                self._message(event)
            case ce.MessageAnswered(event_id=event_id):
                view.answer_message(event_id)
            case ce.ShowRecord(record=record, verified=verified, changed=changed):
                # an outbound call is placed from the whole file: its number must be seen
                view.show_record(record, verified or self.exercise.outbound, set(changed))
            case ce.LookUpResult(typed=typed, found=found):
                if found:
                    view.return_from_lookup()
                else:
                    view.show_lookup_miss(typed)
            case ce.StepTicked(step=step):
                view.tick(step)
            case ce.StepReopened(step=step):
                view.untick(step)
            case ce.FieldHint(field_id=field_id, kind=kind):
                view.set_hint(field_id, words.field_hint(kind) if kind else "")
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
        if said:
            text = event.text
        else:  # (French writes "Alerte : ...")
            text = self.tr("%1: %2").replace("%1", prefix).replace("%2", event.text)
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
                "Doorverbinden kan alleen tijdens een gesprek, naar een dienst."
            ),
            "nothing_to_end": self.tr("Er is geen gesprek om te beëindigen."),
            "no_message_waiting": self.tr("Er wacht geen melding op een antwoord."),
            "call_not_ended": self.tr("Beëindig eerst het gesprek (F8) of verbind door (F7)."),
            "no_contact_result": self.tr("Kies eerst een contactresultaat."),
            "call_paused": self.tr(
                "Het gesprek staat stil: F10 verder met geluid, F11 met ondertitels."
            ),
            "nothing_to_resume": self.tr("Het gesprek loopt: er is niets om verder te zetten."),
            "cannot_dial": self.tr(
                "Bellen kan alleen bij een uitgaand gesprek, met een vrije lijn."
            ),
            "no_number": self.tr("Tik eerst het nummer in (Ctrl+D) en bel dan met F2 of Enter."),
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

    def _show_phase(self) -> None:
        self.view.show_phase(self.state, bool(self.exercise.transfer_targets))

    # sound ---------------------------------------------------------------------------------------
    def _prepare_sounds(self) -> None:
        """Every clip of the call made ready before it starts, so nothing waits at play time
        (the level's sound: the phone line, the office noise)."""
        dial = self.exercise.dial
        said = (dial.greeting, dial.wrong_person) if dial is not None else ()
        line = {clip for clip in said if clip is not None}
        for clip_id in {e.clip for e in self.exercise.timeline if e.do == "say"} | line:
            try:
                self.headset.prepare(clip_id)
            except AudioFileError as exc:
                self.view.show_problem(
                    self.tr("Fragment niet te lezen: %1").replace("%1", messages.of_exception(exc))
                )

    def _play(self, clip: str, position: float, waiting: bool) -> None:
        """The customer says ``clip`` from ``position`` (on hold: made ready there)."""
        if waiting:
            self.headset.load(clip, at=position)
        else:
            self.headset.play(clip, position)

    def _customer(self, do: str) -> None:
        if do == "pause":
            self.headset.pause()
        elif do == "silence":
            self.headset.unload()
        elif not self.headset.playing:  # resume: its new start is heard from where it was
            self.headset.resume()

    def _open_sound_again(self) -> None:
        """F10: the headset is back (or plugged in for the first time)."""
        self.headset.device = self._device
        problem = self.headset.reconnect()
        self.engine = self.headset.engine
        self._sound_problem = messages.text(problem) if problem is not None else ""
        if problem is None:
            self._prepare_sounds()  # at the rate of the device now open
            self.headset.calibrate()
        for effect in self.call.handle(ce.SoundOpened(problem is None), self.clock.now()):
            self._apply(effect)

    def tear_down(self) -> None:
        """Journal how the sound went, and close the device (and, at the end, the
        microphone)."""
        speaking = self.call.speaking
        self.close_sound(speaking.say.clip if speaking is not None else "", self.headset)
        if self._finishing:
            self._stop_voice("")

    # the trainee's voice -------------------------------------------------------------------
    def _start_voice(self) -> None:
        """Record the microphone beside the journal, or journal why not."""
        if not self._record_voice:
            self.record(VoiceEvent(t=self.clock.now(), action="none", reason="off"))
            return
        journal = self.journal.path
        self.voice = VoiceRecorder(
            journal.with_name(journal.stem + ".voice.opus"),
            lambda: self.clock.now(),
            device=self._microphone,
        )
        problem = self.voice.start()
        if problem is not None:
            self.voice = None
            reason: VoiceReason = (
                "write_failed" if problem.code == "voice_cannot_write" else "no_microphone"
            )
            self.record(VoiceEvent(t=self.clock.now(), action="none", reason=reason))
            self._show_voice_problem(messages.text(problem))
            return
        self.view.show_recording(
            self.tr("● Opname"), self.tr("Je stem wordt opgenomen tijdens dit gesprek")
        )

    def _poll_voice(self) -> None:
        voice = self.voice
        if voice is None:
            return
        for news in voice.poll(clock_running=not self.clock.paused):
            if isinstance(news, VoiceStarted):
                self._voice_started = True
                self.record(
                    VoiceEvent(t=news.t, action="start", file=voice.path.name, rate=voice.rate)
                )
            elif isinstance(news, VoiceSync):
                self.record(VoiceEvent(t=news.t, action="sync", frame=news.frame))
            elif isinstance(news, VoiceStopped):
                self._stop_voice(news.reason)  # type: ignore[arg-type]  # the recorder's codes
                self._show_voice_problem(messages.text(news.message))

    def _stop_voice(self, reason: VoiceReason) -> None:
        """Close the microphone and the file, and journal what the file holds."""
        voice, self.voice = self.voice, None
        if voice is None:
            return
        if not self._voice_started:  # its first sample may have come since the last poll
            for news in voice.poll(clock_running=not self.clock.paused, settle=False):
                if isinstance(news, VoiceStarted):
                    self._voice_started = True
                    self.record(
                        VoiceEvent(t=news.t, action="start", file=voice.path.name, rate=voice.rate)
                    )
        voice.stop()
        if not self._voice_started:  # not a sample came: no file, and the journal says why
            with contextlib.suppress(OSError):  # (a folder gone: nothing to remove either)
                voice.path.unlink(missing_ok=True)
            self.record(
                VoiceEvent(t=self.clock.now(), action="none", reason=reason or "no_microphone")
            )
            return
        self.record(
            VoiceEvent(
                t=voice.end_time(),
                action="end",
                frame=voice.written,
                lost=voice.lost,
                reason=reason,
            )
        )

    def _show_voice_problem(self, said: str) -> None:
        """The recording failed or stopped: marked beside the clock and said on the problem
        line (under a problem already there: no headset), and the call goes on."""
        text = self.tr("Geen opname van je stem: %1. Het gesprek gaat gewoon door.").replace(
            "%1", said
        )
        self.view.show_recording(self.tr("○ Geen opname"), text)
        shown = self.view.problem.text() if self.view.problem.isVisible() else ""
        self.view.show_problem(f"{shown}\n{text}" if shown else text)

    # the timeline ------------------------------------------------------------------------------
    def _arm(self) -> None:
        """Aim the single-shot timer at the next due event (not while the call stands still
        for a lost headset or a journal that cannot be written)."""
        if not self.active or self.held:
            return
        self.aim_at(self.call.next_due())  # (the sound's poll asks 20 times a second)

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
            # the field's id with each key: text typed and not yet committed can be rebuilt
            field = watched.field.id if isinstance(watched, FieldEdit) else None
            if key in (_BACKSPACE, _DELETE):
                self.stamp_edit("Delete" if key == _DELETE else "Backspace", field)
                return False
            text = event.text()
            if text and text.isprintable() and not (event.modifiers() & _CONTROL):
                self.stamp_text(text, field)
        elif kind == _INPUT_METHOD and self.active:
            assert isinstance(event, QInputMethodEvent)
            if commit := event.commitString():
                self.stamp_text(
                    commit, watched.field.id if isinstance(watched, FieldEdit) else None
                )
        return False

    # polling ------------------------------------------------------------------------------
    def _on_poll(self) -> None:
        self._poll_voice()
        for heard in self.headset.poll():
            if isinstance(heard, Lost):
                self._lose_sound(heard.reason)
            elif heard.kind == "start":
                self._do(ce.ClipHeard(heard.position), heard.t)
            else:
                self._do(ce.ClipFinished(), heard.t)
        self._do(ce.Tick())
        self._show_clock(self.clock.now())

    def _lose_sound(self, error: str) -> None:
        """The headset went away: the device closed, the call told where the clip was cut."""
        self._lost_device = messages.text(self.headset.describe_device())
        position = self.headset.position if self.headset.clip is not None else None
        self.tear_down()  # how the sound went until now, and the device closed
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
