"""Recording a new customer clip: microphone, level meter, silence trimmed, levelled to the
library's loudness, transcript typed, saved into the clip library and validated like the rest."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.audio.engine import AudioDeviceError, AudioEngine, Voice
from trainer.audio.library_writer import ClipSaveError, add_recorded_clip
from trainer.audio.recorder import Recorder
from trainer.core import dsp
from trainer.core.clips import Clip, ClipLibrary
from trainer.core.dsp import Signal as Frames
from trainer.ui import messages, words

METER_MS = 50

logger = logging.getLogger(__name__)


class RecordDialog(QDialog):
    """Records one clip at a time into the library in ``folder``."""

    saved = Signal(object)  # the ClipLibrary as read back

    def __init__(
        self,
        folder: Path,
        *,
        input_device: str | None = None,
        output_device: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Klantfragment opnemen"))
        self.folder = folder
        self.input_device = input_device
        self.output_device = output_device
        self.recorder: Recorder | None = None
        self.take: Frames | None = None
        self.rate = 0
        self._player: AudioEngine | None = None

        self.clip_id = QLineEdit(f"nl-opname-{datetime.now():%Y%m%d-%H%M%S}")
        self.language = QComboBox()
        for code in ("nl", "fr", "en"):
            self.language.addItem(words.language_name(code), code)
        self.language.currentIndexChanged.connect(self._on_language)
        self.speaker = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("name, address, number, phone, email, problem …")
        self.transcript = QPlainTextEdit()
        self.transcript.setPlaceholderText(
            self.tr("Precies wat de klant zegt, zoals een operator het typt")
        )
        self.transcript.setTabChangesFocus(True)

        self.record_button = QPushButton(self.tr("● &Opnemen"))
        self.play_button = QPushButton(self.tr("▶ Af&spelen"))
        self.play_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("&Bewaren"))
        self.save_button.setEnabled(False)
        close_button = QPushButton(self.tr("Sluiten"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.length = QLabel("0:00")
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        for text, field in (
            (self.tr("&Id:"), self.clip_id),
            (self.tr("&Taal:"), self.language),
            (self.tr("Spre&ker:"), self.speaker),
            (self.tr("T&ags:"), self.tags),
            (self.tr("T&ranscriptie:"), self.transcript),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.length)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.play_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(meter_row)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(METER_MS)
        self._meter_timer.timeout.connect(self._on_meter)
        self.record_button.clicked.connect(self.toggle_recording)
        self.play_button.clicked.connect(self.play_take)
        self.save_button.clicked.connect(self.save)
        close_button.clicked.connect(self.reject)

    def _on_language(self) -> None:
        code = self.language.currentData()
        text = self.clip_id.text()
        if len(text) > 3 and text[2] == "-" and text[:2] in ("nl", "fr", "en"):
            self.clip_id.setText(code + text[2:])

    # recording --------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        """Start a take, or stop it: trim the silence around it and bring it to the library's
        loudness, so what the coach hears back is what will be saved."""
        if self.recorder is not None and self.recorder.recording:
            raw = self.recorder.stop()
            self._meter_timer.stop()
            self.meter.setValue(0)
            self.rate = self.recorder.samplerate
            trimmed = dsp.fade(dsp.trim_silence(raw, self.rate, keep=0.15), self.rate, 0.01)
            self.take = dsp.normalise_loudness(trimmed, self.rate)
            self.record_button.setText(self.tr("● &Opnemen"))
            seconds = len(self.take) / self.rate if self.rate else 0.0
            self.length.setText(words.seconds(seconds))
            empty = len(self.take) == 0
            said = [
                self.tr("Niets dan stilte opgenomen: staat de microfoon aan?")
                if empty
                else self.tr(
                    "Opname van %1 s, stilte voor en na weggeknipt, op het volume van de "
                    "andere fragmenten gebracht."
                ).replace("%1", words.number(seconds, 1))
            ]
            said += self._what_is_missing(self.recorder)
            self.status.setText("\n".join(said))
            self.play_button.setEnabled(not empty)
            self.save_button.setEnabled(not empty)
            return
        self._stop_player()
        recorder = Recorder(self.input_device)
        try:
            recorder.start()
        except AudioDeviceError as exc:
            self.status.setText(messages.of_exception(exc))
            return
        self.recorder = recorder
        self.take = None
        self.play_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.record_button.setText(self.tr("■ &Stoppen"))
        self.status.setText(self.tr("Opname loopt… spreek nu."))
        self._meter_timer.start()

    def _what_is_missing(self, recorder: Recorder) -> list[str]:
        """What the take lacks, said to the coach (and logged): cut off at the limit, or
        input lost on the way (a busy machine), so a clip with a gap is not saved unknowingly."""
        missing = []
        if recorder.cut_off:
            logger.warning("a recording was cut off at its limit of %d s", recorder.max_seconds)
            missing.append(
                self.tr(
                    "De opname stopte na %1, de langste die kan: wat daarna gezegd werd, "
                    "staat er niet op."
                ).replace("%1", words.seconds(recorder.max_seconds))
            )
        if recorder.lost_blocks:
            logger.warning(
                "a recording lost input %d times (device %s)",
                recorder.lost_blocks,
                recorder.device,
            )
            missing.append(
                self.tr(
                    "Let op: er ging %1 keer geluid verloren tijdens de opname (de computer "
                    "kon niet volgen). Beluister het fragment en neem het zo nodig opnieuw op."
                ).replace("%1", str(recorder.lost_blocks))
            )
        return missing

    def _on_meter(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        self.meter.setValue(round(min(1.0, recorder.level) * 100))
        self.length.setText(words.seconds(recorder.seconds))
        if recorder.cut_off and recorder.recording:  # full: stop, and say why
            self.toggle_recording()

    def play_take(self) -> None:
        """Hear the trimmed take on the headset."""
        if self.take is None:
            return
        self._stop_player()
        engine = AudioEngine(self.output_device)
        try:
            engine.start()
        except AudioDeviceError as exc:
            self.status.setText(messages.of_exception(exc))
            return
        engine.play(
            engine.add(Voice("opname", dsp.resample(self.take, self.rate, engine.samplerate)))
        )
        self._player = engine

    def _stop_player(self) -> None:
        player, self._player = self._player, None
        if player is not None:
            player.stop()

    # saving ------------------------------------------------------------------------------
    def save(self) -> None:
        """Validate the details, write the file and the manifest entry, or say what is wrong."""
        if self.take is None:
            return
        language = self.language.currentData()
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        try:
            clip = Clip(
                id=self.clip_id.text().strip(),
                language=language,
                file=f"{language}/{self.clip_id.text().strip()}.flac",
                transcript=self.transcript.toPlainText().strip(),
                speaker=self.speaker.text().strip(),
                tags=tags,  # type: ignore[arg-type]
            )
        except ValidationError as exc:  # each field's problem worded as in a clip manifest
            from trainer.core.model_errors import describe

            self.status.setText(
                "\n".join(messages.text(describe(e, tuple(e["loc"]), Clip)) for e in exc.errors())
            )
            return
        try:
            library: ClipLibrary = add_recorded_clip(self.folder, clip, self.take, self.rate)
        except ClipSaveError as exc:
            # (the manifest's problems, FILE:LINE: ..., as the file problems are said)
            details = "\n".join(messages.problem(p) for p in exc.problems)
            self.status.setText(f"{messages.of_exception(exc)}\n{details}".strip())
            return
        self.status.setText(self.tr("Bewaard als %1.").replace("%1", str(library.path_of(clip))))
        self.save_button.setEnabled(False)
        self.saved.emit(library)

    def done(self, result: int) -> None:
        """Closing stops the microphone and the playback."""
        if self.recorder is not None and self.recorder.recording:
            self.recorder.stop()
        self._meter_timer.stop()
        self._stop_player()
        super().done(result)
