"""The settings: the app's language (and the chosen trainee's), which headset and microphone,
how loud, and a test tone.

Opened from the home screen (Ctrl+, or the button). A problem (no device, a device that cannot
be opened) is said on the dialog itself, naming the device, instead of in a crash. A language
chosen here takes effect when the dialog is accepted, without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from trainer.audio.devices import Device, list_devices
from trainer.audio.engine import AudioDeviceError, AudioEngine, Voice
from trainer.audio.sounds import sine
from trainer.settings import Settings
from trainer.store import Trainee
from trainer.ui import appearance, language, messages, words

TONE_SECONDS = 1.0


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``result_settings()`` after Accepted."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        trainee: Trainee | None = None,
        text_size: int | None = None,
    ) -> None:
        """``text_size``: the one shown now (the trainee's, else the app's)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Instellingen"))
        self.setObjectName("settingsDialog")
        self._settings = settings.model_copy()
        self._engine: AudioEngine | None = None

        self.output = QComboBox()
        self.input = QComboBox()
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume_label = QLabel()
        self.test_button = QPushButton(self.tr("&Testtoon"))
        self.rewind = QDoubleSpinBox()
        self.rewind.setRange(0.0, 5.0)
        self.rewind.setSingleStep(0.5)
        self.rewind.setDecimals(1)
        self.rewind.setSuffix(" s")
        self.rewind.setSpecialValueText(self.tr("uit"))
        self.rewind.setValue(settings.rewind_on_resume)
        # the trainee's microphone recorded during practice calls (beside the session's journal)
        self.record_voice = QCheckBox(self.tr("O&pname van de cursist tijdens oefengesprekken"))
        self.record_voice.setObjectName("recordVoice")
        self.record_voice.setChecked(settings.record_voice)
        self.status = QLabel()
        self.status.setObjectName("soundStatus")
        self.status.setWordWrap(True)

        self.language = QComboBox()
        self.language.addItem(
            self.tr("Zoals het systeem (%1)").replace(
                "%1", words.language_name(language.system_language())
            ),
            None,
        )
        self.trainee_language: QComboBox | None = None
        languages: list[tuple[str, QComboBox, str | None]] = [
            (self.tr("Taa&l van Simultaan:"), self.language, settings.language)
        ]
        if trainee is not None:  # a coach sets it per trainee: it wins while they are chosen
            self.trainee_language = QComboBox()
            self.trainee_language.addItem(self.tr("Zoals hierboven"), None)
            languages.append(
                (
                    self.tr("Taal voor &deze cursist (%1):").replace(
                        "%1", trainee.name.replace("&", "&&")
                    ),
                    self.trainee_language,
                    trainee.language,
                )
            )
        # the text size (the chosen trainee's, as Ctrl+plus/minus sets it) and the theme
        self.text_size = QComboBox()
        self.text_size.setObjectName("textSize")
        for size in appearance.TEXT_SIZES:
            self.text_size.addItem(f"{size} %", size)
        shown = text_size if text_size is not None else settings.text_size
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(shown)))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.addItem(self.tr("Normaal"), "normal")
        self.theme.addItem(self.tr("Hoog contrast (wit en geel op zwart)"), "contrast")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form = QFormLayout()
        for text, combo, chosen in languages:
            for code in language.LANGUAGES:
                combo.addItem(words.language_name(code), code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            label = QLabel(text)
            label.setBuddy(combo)
            form.addRow(label, combo)
        for text, field in (
            (self.tr("Te&kstgrootte (Ctrl+plus, Ctrl+min):"), self.text_size),
            (self.tr("&Weergave:"), self.theme),
            (self.tr("&Headset (uitvoer):"), self.output),
            (self.tr("&Microfoon (opnemen):"), self.input),
            (self.tr("&Volume:"), self.volume),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.volume_label)
        form.addRow("", self.test_button)
        form.addRow("", self.record_voice)
        rewind_label = QLabel(self.tr("Te&rugspoelen bij hervatten (dictee):"))
        rewind_label.setBuddy(self.rewind)
        form.addRow(rewind_label, self.rewind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._on_tone_poll)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.play_test_tone)
        self.volume.valueChanged.connect(self._on_volume)
        self._fill_devices()
        self._on_volume(self.volume.value())

    def _fill_devices(self) -> None:
        try:
            devices = list_devices()
        except AudioDeviceError as exc:
            devices = []
            self.status.setText(messages.of_exception(exc))
        for combo, chosen, wanted in (
            (self.output, self._settings.output_device, lambda d: d.outputs > 0),
            (self.input, self._settings.input_device, lambda d: d.inputs > 0),
        ):
            combo.addItem(self.tr("Standaardapparaat van het systeem"), None)
            for device in filter(wanted, devices):
                combo.addItem(self._label(device), device.name)
            index = combo.findData(chosen) if chosen else 0
            if chosen and index < 0:  # remembered, but not connected now
                combo.addItem(self.tr("%1 (niet gevonden)").replace("%1", chosen), chosen)
                index = combo.count() - 1
                self.status.setText(
                    self.tr("Het apparaat “%1” is niet aangesloten.").replace("%1", chosen)
                )
            combo.setCurrentIndex(index)
        if not any(d.outputs > 0 for d in devices) and not self.status.text():
            self.status.setText(
                self.tr("Geen geluidsuitvoer gevonden: is er een headset aangesloten?")
            )

    def _label(self, device: Device) -> str:
        default = self.tr(" (standaard)") if device.default_output or device.default_input else ""
        return f"{device.name}{default}"

    def _on_volume(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")
        if self._engine is not None:
            self._engine.master = value / 100

    def play_test_tone(self) -> None:
        """A 1 kHz tone on the chosen headset, at the chosen volume."""
        self._stop_tone()
        device = self.output.currentData()
        engine = AudioEngine(device)
        try:
            engine.start()
        except AudioDeviceError as exc:
            self.status.setText(messages.of_exception(exc))
            return
        engine.master = self.volume.value() / 100
        voice = engine.add(Voice("toon", sine(1000.0, TONE_SECONDS, engine.samplerate)))
        engine.play(voice)
        self._engine = engine
        device_said = messages.text(engine.device_said())
        self.status.setText(self.tr("Testtoon op %1…").replace("%1", device_said))
        self._poll.start()

    def _on_tone_poll(self) -> None:
        engine = self._engine
        if engine is None:
            return
        status = engine.poll()
        voice = engine.voice("toon")
        if not status.running:  # (status.error is PortAudio's, for the log)
            self.status.setText(
                self.tr("Het geluidsapparaat %1 werkt niet meer.").replace(
                    "%1", messages.text(engine.device_said())
                )
            )
            self._stop_tone()
        elif voice is not None and voice.ended_frame >= 0:
            self.status.setText(
                self.tr("Testtoon gespeeld op %1 (vertraging %2 ms).")
                .replace("%1", messages.text(engine.device_said()))
                .replace("%2", f"{engine.latency * 1000:.0f}")
            )
            self._stop_tone()

    def _stop_tone(self) -> None:
        self._poll.stop()
        if self._engine is not None:
            self._engine.stop()
            self._engine = None

    def done(self, result: int) -> None:
        """Closing the dialog stops a tone still playing."""
        self._stop_tone()
        super().done(result)

    def result_settings(self) -> Settings:
        """The settings as chosen."""
        return self._settings.model_copy(
            update={
                "output_device": self.output.currentData(),
                "input_device": self.input.currentData(),
                "record_voice": self.record_voice.isChecked(),
                "volume": self.volume.value() / 100,
                "rewind_on_resume": self.rewind.value(),
                "language": self.language.currentData(),
                "theme": self.theme.currentData(),
            }
        )

    def result_text_size(self) -> int:
        """The text size chosen (percent): the trainee's when one is chosen, else the app's."""
        return int(self.text_size.currentData())

    def result_trainee_language(self) -> str | None:
        """The language chosen for the trainee (None: the app's); only with a trainee."""
        return self.trainee_language.currentData() if self.trainee_language else None
