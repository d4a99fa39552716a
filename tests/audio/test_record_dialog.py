"""A coach records a customer clip. On this machine the "microphone" is the null sink's
monitor, so what the engine plays into the sink is what gets recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.recording import heard_as_played
from trainer.audio.engine import AudioEngine, Voice
from trainer.audio.sounds import clip_frames
from trainer.core import dsp
from trainer.core.clips import load_clip_library
from trainer.paths import audio_dir
from trainer.ui.app import create_application
from trainer.ui.record_dialog import RecordDialog


def test_a_recorded_clip_is_trimmed_saved_and_valid(qtbot, null_sink: str, tmp_path: Path) -> None:
    create_application()
    folder = tmp_path / "audio"
    folder.mkdir()
    (folder / "clips.yaml").write_text("# my clips\nformat: 1\nclips: []\n", encoding="utf-8")
    shipped = audio_dir() / "nl" / "nl-tel-01.flac"
    dialog = RecordDialog(folder, input_device=null_sink)
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.saved.connect(saved.append)

    dialog.record_button.click()
    assert dialog.record_button.text() == "■ &Stoppen"
    engine = AudioEngine(null_sink, samplerate=44100)
    engine.start()
    played = clip_frames(shipped, 44100) * np.float32(0.25)  # a microphone set 12 dB low
    voice = engine.add(Voice("klant", played))
    engine.play(voice)
    qtbot.waitUntil(lambda: dialog.meter.value() > 5, timeout=15000)  # the meter moves
    qtbot.waitUntil(lambda: voice.ended_frame >= 0, timeout=15000)
    qtbot.wait(300)
    engine.stop()
    dialog.record_button.click()  # stop: the silence around it is trimmed
    assert dialog.save_button.isEnabled()

    dialog.clip_id.setText("nl-opname-test")
    dialog.tags.setText("phone, nummer")  # one unknown tag: refused, nothing written
    dialog.transcript.setPlainText("Mijn gsm-nummer is 0471 23 45 67.")
    dialog.save_button.click()
    assert "tags" in dialog.status.text() and not saved
    dialog.tags.setText("phone")
    dialog.save_button.click()
    assert saved, dialog.status.text()

    library = load_clip_library(folder / "clips.yaml")
    assert library.problems == []
    clip = library.clips["nl-opname-test"]
    assert clip.transcript == "Mijn gsm-nummer is 0471 23 45 67." and clip.tags == ["phone"]
    assert (folder / "clips.yaml").read_text(encoding="utf-8").startswith("# my clips")
    audio, rate = soundfile.read(str(library.path_of(clip)), dtype="float32")
    assert rate == 44100
    heard, why = heard_as_played(audio, played, rate)
    assert heard, why
    # levelled on the way in: as loud as every other clip, whatever the microphone gave
    assert dsp.loudness(audio, rate) == pytest.approx(dsp.TARGET_LUFS, abs=0.5)
    # the take is the clip with little silence around it
    assert len(audio) < len(played) + 0.6 * rate


def test_saving_twice_under_one_id_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    from trainer.audio.library_writer import ClipSaveError, add_recorded_clip
    from trainer.core.clips import Clip

    shutil.copytree(audio_dir(), tmp_path / "audio")
    manifest = tmp_path / "audio" / "clips.yaml"
    before = manifest.read_text(encoding="utf-8")
    clip = Clip(id="nl-tel-01", language="nl", file="nl/x.flac", transcript="Dubbel.")
    try:
        add_recorded_clip(tmp_path / "audio", clip, np.ones(100, dtype=np.float32), 8000)
    except ClipSaveError as exc:
        assert exc.message.code == "clip_id_taken" and exc.message.params["id"] == "nl-tel-01"
    else:
        raise AssertionError("a duplicate id was accepted")
    assert manifest.read_text(encoding="utf-8") == before
    assert not (tmp_path / "audio" / "nl" / "x.flac").exists()
