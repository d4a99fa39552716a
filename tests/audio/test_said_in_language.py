"""A sound device that is not there, told to the person in their language: the command's
user (``--lang``), the coach in the settings dialog, the trainee at the call desk. The name is
the one they gave, quoted as their language quotes (« » in French), with the devices there are
when none has that name; PortAudio's own words stay only as the detail of other failures."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from trainer.settings import Settings
from trainer.ui import language
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
from trainer.ui.settings_dialog import SettingsDialog

GONE = "Jabra Evolve 40"  # a headset remembered from yesterday, not plugged in today


@pytest.fixture
def french() -> Iterator[None]:
    create_application()
    language.install("fr")
    yield
    language.install("nl")  # the next test finds Dutch again


def simultaan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "aucun périphérique de sortie nommé « nosuch » (il y a : "),
        ("en", "no output device called 'nosuch' (there are: "),
        ("nl", "geen uitvoerapparaat met de naam 'nosuch' (er zijn: "),
    ],
)
def test_play_on_a_device_that_is_not_there_names_it_and_lists_the_others(
    null_sink: str, lang: str, said: str
) -> None:
    done = simultaan("play", "nl-tel-01", "--device", "nosuch", "--lang", lang)
    assert done.returncode == 1, done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"simultaan play: {said}"), done.stderr
    assert null_sink in first.removeprefix(f"simultaan play: {said}")  # what there is instead
    assert "Traceback" not in done.stderr


def test_the_settings_dialog_names_a_missing_headset_in_french(
    qtbot, null_sink: str, french: None
) -> None:
    dialog = SettingsDialog(Settings(output_device=GONE))
    qtbot.addWidget(dialog)
    assert dialog.status.text() == f"Le périphérique « {GONE} » n'est pas branché."
    dialog.test_button.click()  # tried anyway: not there, and what there is instead
    said = dialog.status.text()
    assert said.startswith(f"aucun périphérique de sortie nommé « {GONE} » (il y a : ")
    assert "pulse" in said


def test_a_call_on_a_headset_that_does_not_open_says_so_in_french(
    qtbot, window: MainWindow, monkeypatch, french: None
) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", GONE)
    call = window.catalog.by_id("fr-appel-01-changement-adresse").exercise
    session = window.start_exercise(call, window.current_trainee())
    text = window.call_view.problem.text()
    # the name given and the devices there are (not PortAudio's English, naming it again)
    assert text.startswith(f"Pas de son : aucun périphérique de sortie nommé « {GONE} » (il y a")
    assert "pulse" in text and "matching" not in text
    assert text.endswith("branchez le casque et appuyez sur F10 pour l'entendre.")
    assert session is not None
    session.finish("abandoned")


def test_recording_a_clip_on_a_microphone_that_is_not_there_names_those_there_are(
    null_sink: str,
) -> None:
    from trainer.audio.engine import AudioDeviceError
    from trainer.audio.recorder import Recorder
    from trainer.ui import messages

    with pytest.raises(AudioDeviceError) as raised:
        Recorder(device=GONE).start()
    said = messages.text(raised.value.message)
    assert said.startswith(f"geen microfoon met de naam '{GONE}' (er zijn: ")
    assert "pulse" in said and "matching" not in said
