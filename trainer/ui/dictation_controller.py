"""Runs one dictation: the customer's clips in the headset, the trainee typing what they hear.

The player is driven from the keyboard without leaving the text. Clips are prepared before
they play (device rate, phone-line sound, office noise by level, slower or faster at the same
pitch) and handed to the engine; the engine's callback only copies them. A 50 ms timer polls
the engine: when a clip really started or ended at the headset (on the stream's clock, mapped
onto the session clock) goes into the journal, and a lost device pauses the drill with a
message that names it. Nothing typed is lost either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from trainer.audio.engine import Voice
from trainer.audio.sounds import AudioFileError, clip_frames
from trainer.core.clips import ClipLibrary
from trainer.core.dsp import Signal
from trainer.core.exercise import DictationExercise
from trainer.core.journal import AudioEvent, PauseEvent
from trainer.core.journal_writer import SessionClock
from trainer.store import Store, Trainee
from trainer.ui import words
from trainer.ui.dictation_view import DictationView
from trainer.ui.session_controller import TypingSession

POLL_MS = 50
SEEK_SECONDS = 2.0
SPEED_STEP = 0.1
NOISE_DB_BY_LEVEL = {3: 20.0, 4: 15.0, 5: 12.0}  # office noise below the voice, by level


class DictationController(TypingSession):
    """One dictation session. Lives on the GUI thread, as does its engine."""

    def __init__(
        self,
        view: DictationView,
        exercise: DictationExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        library: ClipLibrary,
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        rewind_on_resume: float = 1.0,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        transcripts: Mapping[str, str] = library.transcripts
        super().__init__(
            view,
            exercise,
            trainee,
            store,
            data_dir,
            mode=mode,
            clock=clock,
            transcripts=transcripts,
        )
        self.view: DictationView = view
        self.exercise: DictationExercise = exercise
        self.library = library
        # transcription players step back a little when playback resumes (0: off)
        self.rewind_on_resume = rewind_on_resume
        self.index = 0
        self.speed = 1.0
        self.plays: Counter[str] = Counter()
        self._frames: dict[tuple[str, float], Signal] = {}
        self._voice: Voice | None = None
        self._reported_onset = -1
        self._reported_end = -1
        self._device_lost = False
        self._device, self._volume = device, volume
        view.show_problem("")  # the last dictation's lost headset is not this one's
        problem = self.open_sound(device, volume)
        if problem:
            view.show_problem(
                self.tr("Geen geluid: %1. Sluit de headset aan en druk op F5.").replace(
                    "%1", problem
                )
            )
        self._poll_timer = self.make_timer(POLL_MS, self._on_poll)
        self._connect_signals()
        self._show_start()
        self._poll_timer.start()

    def _connect_signals(self) -> None:
        editor = self.view.editor
        self.wire(
            (editor.typed, self._on_typed),
            (editor.edited, self._on_edited),
            (editor.player, self._on_player_key),
            (editor.finishRequested, self.request_finish),
            (editor.abandonRequested, self.request_abandon),
        )

    def tear_down(self) -> None:
        """Journal how the sound went, and close the device."""
        self.close_sound(self.clip_id)

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the customer stops talking too (F5 plays on)."""
        voice = self._voice
        if held and self.engine is not None and voice is not None and voice.playing:
            self.engine.pause(voice)
            self._audio("pause")

    def _show_start(self) -> None:
        view = self.view
        view.title.setText(self.exercise.title)
        view.instructions.setText(self.exercise.instructions)
        view.instructions.setVisible(bool(self.exercise.instructions))
        view.editor.clear()
        view.editor.setFocus()
        self._show_player()

    # typing ------------------------------------------------------------------------------
    def _on_typed(self, text: str) -> None:
        if self.active:
            self.stamp_text(text)
            self.view.editor.append_text(text)

    def _on_edited(self, key: str) -> None:
        if self.active:
            self.stamp_edit(key)
            if key == "Backspace":
                self.view.editor.remove_last()

    # the player -------------------------------------------------------------------------
    @property
    def clip_id(self) -> str:
        """The clip the player is on."""
        return self.exercise.clips[self.index]

    def _frames_for(self, clip_id: str, speed: float) -> Signal | None:
        assert self.engine is not None
        key = (clip_id, round(speed, 2))
        if key not in self._frames:
            clip = self.library.clips[clip_id]
            try:
                self._frames[key] = clip_frames(
                    self.library.path_of(clip),
                    self.engine.samplerate,
                    telephone=True,
                    narrowband=self.exercise.level >= 5,
                    noise_db=NOISE_DB_BY_LEVEL.get(self.exercise.level),
                    speed=key[1],
                )
            except AudioFileError as exc:
                self.view.show_problem(
                    self.tr("Fragment niet te lezen: %1").replace("%1", str(exc))
                )
                return None
        return self._frames[key]

    def _position(self, frame: int | None = None) -> float:
        """Seconds into the current clip, at normal speed: of ``frame``, or where the voice
        is now."""
        voice = self._voice
        if voice is None or self.engine is None or not voice.duration_frames:
            return 0.0
        return (voice.pos if frame is None else frame) / self.engine.samplerate * self.speed

    def _audio(self, action: str, t: float | None = None, frame: int | None = None) -> None:
        """Journal a player event; ``frame`` is where the player was sent (a playing voice's
        ``pos`` moves on in the audio callback while this is written)."""
        self.record(
            AudioEvent(
                t=self.clock.now() if t is None else t,
                action=action,  # type: ignore[arg-type]
                clip=self.clip_id,
                position=round(self._position(frame), 3),
                speed=self.speed,
            )
        )

    def _on_player_key(self, action: str) -> None:
        if not self.active:
            return
        if (self.engine is None or self._device_lost) and not self._reconnect():
            return
        {
            "toggle": self.toggle,
            "back": lambda: self.seek(-SEEK_SECONDS),
            "forward": lambda: self.seek(SEEK_SECONDS),
            "slower": lambda: self.set_speed(self.speed - SPEED_STEP),
            "faster": lambda: self.set_speed(self.speed + SPEED_STEP),
            "next": lambda: self.go_to(self.index + 1),
            "previous": lambda: self.go_to(self.index - 1),
        }[action]()
        self._show_player()

    def toggle(self) -> None:
        """Play, pause, or resume (a second back, as transcription players do)."""
        assert self.engine is not None
        voice = self._voice
        if voice is not None and voice.playing:
            self.engine.pause(voice)
            self._audio("pause")
            return
        if voice is None or voice.pos >= voice.duration_frames:
            limit = self.exercise.max_plays
            if limit is not None and self.plays[self.clip_id] >= limit:
                self.view.show_problem(
                    self.tr("Dit fragment mag je maar %1 keer beluisteren.").replace(
                        "%1", str(limit)
                    )
                )
                return
            frames = self._frames_for(self.clip_id, self.speed)
            if frames is None:
                return
            voice = self.engine.add(Voice("klant", frames))
            self._voice = voice
            self.plays[self.clip_id] += 1
            start = 0
        else:
            back = int(self.rewind_on_resume / self.speed * self.engine.samplerate)
            start = max(0, voice.pos - back)
        self.engine.play(voice, from_frame=start)
        self.view.show_problem("")
        self._audio("play", frame=start)

    def seek(self, seconds: float) -> None:
        """Jump back or forward in the clip; back is not allowed when plays are limited."""
        assert self.engine is not None
        voice = self._voice
        if voice is None:
            return
        if seconds < 0 and self.exercise.max_plays is not None:
            self.view.show_problem(self.tr("Terugspoelen kan niet in een examenoefening."))
            return
        step = int(seconds / self.speed * self.engine.samplerate)
        voice.pos = target = max(0, min(voice.duration_frames, voice.pos + step))
        self._audio("seek", frame=target)

    def set_speed(self, speed: float) -> None:
        """Slower or faster (0.5 to 1.5), at the same pitch and the same place in the clip."""
        assert self.engine is not None
        speed = round(min(1.5, max(0.5, speed)), 2)
        if speed == self.speed:
            return
        old = self._voice
        self.speed = speed
        if old is not None:
            frames = self._frames_for(self.clip_id, speed)
            if frames is None:
                return
            voice = Voice("klant", frames)
            voice.pos = int(old.pos / max(1, old.duration_frames) * len(frames))
            voice.playing = old.playing
            self.engine.add(voice)  # replaces the old one in the mix
            self._voice = voice
        self._audio("speed")

    def go_to(self, index: int) -> None:
        """Another clip (stops the current one)."""
        assert self.engine is not None
        if not 0 <= index < len(self.exercise.clips) or index == self.index:
            return
        if self._voice is not None:
            self.engine.pause(self._voice)
            self._audio("pause")
        self.index = index
        self._voice = None
        self.view.show_problem("")

    # polling ------------------------------------------------------------------------------
    def _on_poll(self) -> None:
        engine, voice = self.engine, self._voice
        if engine is None:
            return
        status = engine.poll()
        if status.running:
            engine.calibrate(self.clock.now)  # follows a step of the wall clock PortAudio uses
        if not status.running and not self._device_lost:
            self._device_lost = True
            if voice is not None:
                voice.playing = False
            self.record(PauseEvent(t=self.clock.now(), paused=True, reason=status.error))
            self._device_problem_again()
        if voice is not None:
            if voice.onset_frame >= 0 and voice.onset_frame != self._reported_onset:
                self._reported_onset = voice.onset_frame
                self._audio(
                    "start", engine.session_time_of_frame(voice.onset_frame, self.clock.now)
                )
            if voice.ended_frame >= 0 and voice.ended_frame != self._reported_end:
                self._reported_end = voice.ended_frame
                self._audio("end", engine.session_time_of_frame(voice.ended_frame, self.clock.now))
        self._show_player()

    def _device_problem_again(self) -> None:
        device = self.engine.describe_device() if self.engine else ""
        self.view.show_problem(
            self.tr(
                "Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: sluit de "
                "headset aan en druk op F5 om verder te luisteren, of lever in met Ctrl+Enter."
            ).replace("%1", device)
        )

    def _reconnect(self) -> bool:
        """A player key while there is no sound: open the headset again, at the same place in
        the clip. False (and why, on screen) when it still does not work."""
        lost = self._device_lost
        if self.engine is not None:
            self.close_sound(self.clip_id)  # journals how the sound went, closes the device
            self.engine = None
        problem = self.open_sound(self._device, self._volume)
        if problem:
            self.view.show_problem(
                self.tr(
                    "Nog altijd geen geluid: %1. Sluit de headset aan en druk op F5, of lever "
                    "in met Ctrl+Enter."
                ).replace("%1", problem)
            )
            return False
        self._device_lost = False
        self._frames.clear()  # made for the old device's rate
        old = self._voice
        self._voice = None
        if old is not None:
            frames = self._frames_for(self.clip_id, self.speed)
            if frames is not None:
                voice = Voice("klant", frames)
                voice.pos = int(old.pos / max(1, old.duration_frames) * len(frames))
                self._voice = self.engine.add(voice) if self.engine else None
        self._reported_onset = self._reported_end = -1
        if lost:
            self.record(PauseEvent(t=self.clock.now(), paused=False, reason="device back"))
        self.view.show_problem("")
        return True

    def _show_player(self) -> None:
        view, voice = self.view, self._voice
        total = len(self.exercise.clips)
        view.clip.setText(
            self.tr("Fragment %1 van %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(total))
        )
        playing = voice is not None and voice.playing
        view.state.setText(self.tr("▶ speelt") if playing else self.tr("⏸ gepauzeerd"))
        duration = 0.0
        if voice is not None and self.engine is not None:
            duration = voice.duration_frames / self.engine.samplerate * self.speed
        view.position.setText(f"{words.seconds(self._position())} / {words.seconds(duration)}")
        view.speed.setText(self.tr("snelheid %1×").replace("%1", words.number(self.speed, 1)))
        limit = self.exercise.max_plays
        view.plays.setText(
            self.tr("onbeperkt beluisteren")
            if limit is None
            else self.tr("nog %1 keer").replace("%1", str(max(0, limit - self.plays[self.clip_id])))
        )
