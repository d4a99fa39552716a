"""A dictation driven by keys as a trainee does it, with the customer's clips really playing
through PortAudio into the PulseAudio null sink."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from tests.keys import type_text
from trainer.core.journal import read_journal
from trainer.ui.main_window import MainWindow


def test_listen_pause_type_and_hand_in(qtbot, window: MainWindow) -> None:
    exercise = window.catalog.by_id("nl-dictee-01-begroeting-en-printer").exercise
    dictation = window.start_exercise(exercise, window.current_trainee())
    editor = window.dictation_view.editor
    assert editor.hasFocus() and not window.dictation_view.problem.isVisible()

    qtbot.keyClick(editor, Qt.Key.Key_F5)  # play the first clip
    assert window.dictation_view.state.text() == "▶ speelt"
    qtbot.waitUntil(
        lambda: any(e.action == "start" for e in read_journal(dictation.journal.path).audio),
        timeout=10000,
    )
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)  # pause
    assert window.dictation_view.state.text() == "⏸ gepauzeerd"
    qtbot.keyClick(editor, Qt.Key.Key_F7)  # a little slower
    assert window.dictation_view.speed.text() == "snelheid 0,9×"

    transcripts = [window.clips.clips[c].transcript for c in exercise.clips]
    type_text(qtbot, editor, transcripts[0] + "\n")
    qtbot.keyClick(editor, Qt.Key.Key_F9)  # the next clip
    assert window.dictation_view.clip.text() == "Fragment 2 van 2"
    type_text(qtbot, editor, transcripts[1] + "x")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "\n".join(transcripts)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == "GESLAAGD"
    result = dictation.result
    assert result is not None and result.typing.word_errors == 0
    assert result.typing.fixes == 1
    actions = [e.action for e in read_journal(dictation.journal.path).audio]
    assert actions[:2] == ["play", "start"] and "pause" in actions and "speed" in actions


def test_an_exam_dictation_limits_plays_and_rewinding(qtbot, window: MainWindow) -> None:
    exercise = window.catalog.by_id("en-dictation-02-exam-service-desk").exercise
    assert exercise.max_plays == 2
    dictation = window.start_exercise(exercise, window.current_trainee())
    editor = window.dictation_view.editor
    for play in (1, 2):
        qtbot.keyClick(editor, Qt.Key.Key_F5)
        assert window.dictation_view.plays.text() == f"nog {2 - play} keer"
        qtbot.keyClick(editor, Qt.Key.Key_F4)  # back: not in an exam
        assert "Terugspoelen kan niet" in window.dictation_view.problem.text()
        for _ in range(5):  # skip ahead to the end of the clip
            qtbot.keyClick(editor, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not dictation.headset.playing, timeout=10000)
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # a third time: refused, with the reason
    assert "maar 2 keer" in window.dictation_view.problem.text()
    assert dictation.player.plays[exercise.clips[0]] == 2
    dictation.finish("abandoned")


def test_an_error_in_a_dictation_can_be_heard_again_where_it_was_said(
    qtbot, window: MainWindow
) -> None:
    exercise = window.catalog.by_id("nl-dictee-04-adressen").exercise
    window.start_exercise(exercise, window.current_trainee())
    editor = window.dictation_view.editor
    transcripts = [window.clips.clips[c].transcript for c in exercise.clips]
    wrong = transcripts[1].replace("Leuven", "Leuvan", 1)  # a slip late in the second clip
    assert wrong != transcripts[1]
    type_text(qtbot, editor, "\n".join([transcripts[0], wrong, transcripts[2]]))
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)

    table = window.results.error_table
    assert table.rowCount() == 1 and table.horizontalHeaderItem(4).text() == "Gezegd in"
    spot = table.item(0, 4).text()
    assert spot.startswith(exercise.clips[1] + " · 0:0")
    assert window.results.listen_button.isVisible()
    qtbot.keyClick(window.results, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    listener = window._listener
    assert listener is not None
    voice = listener.voice(exercise.clips[1])
    assert voice is not None and voice.playing and voice.position > 0  # just before the slip
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)  # back home stops it
    assert window._listener is None


def test_a_headset_that_goes_away_pauses_names_it_and_comes_back_with_f5(
    qtbot, window: MainWindow
) -> None:
    exercise = window.catalog.by_id("nl-dictee-02-storingen").exercise
    dictation = window.start_exercise(exercise, window.current_trainee())
    editor = window.dictation_view.editor
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    type_text(qtbot, editor, "Sinds gisteren")
    dictation.headset.engine._stream.abort()  # what PortAudio sees when the USB headset is pulled
    qtbot.waitUntil(lambda: window.dictation_view.problem.isVisible(), timeout=3000)
    assert "'pulse'" in window.dictation_view.problem.text()
    assert window.dictation_view.state.text() == "⏸ gepauzeerd"
    type_text(qtbot, editor, " heb ik")  # typing goes on, nothing is lost
    assert editor.toPlainText() == "Sinds gisteren heb ik"
    cut_at = dictation.headset.position

    # F5 while the headset is still away: it says so again, naming the device
    dictation.headset.device = "Headset weg"
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert "Nog altijd geen geluid" in window.dictation_view.problem.text()
    assert "'Headset weg'" in window.dictation_view.problem.text()
    # plugged back in: F5 goes on listening where the clip was cut off (a second back)
    dictation.headset.device = "pulse"
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert not window.dictation_view.problem.isVisible()
    assert window.dictation_view.state.text() == "▶ speelt"
    assert cut_at - 1.1 <= dictation.headset.position <= cut_at + 0.1
    back = next(e for e in read_journal(dictation.journal.path).events if e.type == "pause"
                and not e.paused)  # fmt: skip

    def heard_again() -> bool:
        audio = read_journal(dictation.journal.path).audio
        return any(e.action == "start" and e.t >= back.t for e in audio)

    qtbot.waitUntil(heard_again, timeout=10000)  # the headset plays it: stamped on its clock
    result = dictation.finish("abandoned")
    journal = read_journal(dictation.journal.path)
    pauses = [e for e in journal.events if e.type == "pause"]
    assert [p.paused for p in pauses] == [True, False]
    assert result.typing.transcribed == "Sinds gisteren heb ik"
    assert journal.audio[-1].action == "status"


def test_a_missing_clip_file_is_named_on_screen(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from trainer.core.clips import load_clip_library

    shutil.copytree(window.clips.folder, tmp_path / "audio")
    (tmp_path / "audio" / "nl" / "nl-groet-01.flac").unlink()
    window.clips = load_clip_library(tmp_path / "audio" / "clips.yaml", check_files=False)
    exercise = window.catalog.by_id("nl-dictee-01-begroeting-en-printer").exercise
    dictation = window.start_exercise(exercise, window.current_trainee())
    qtbot.keyClick(window.dictation_view.editor, Qt.Key.Key_F5)
    problem = window.dictation_view.problem.text()
    missing = tmp_path / "audio" / "nl" / "nl-groet-01.flac"
    assert problem == f"Fragment niet te lezen: {missing}: geen geluidsbestand gevonden"
    dictation.finish("abandoned")


def test_the_dictation_plays_at_the_settings_volume_and_rewind(qtbot, window: MainWindow) -> None:
    window.settings = window.settings.model_copy(update={"volume": 0.4, "rewind_on_resume": 0.0})
    exercise = window.catalog.by_id("nl-dictee-02-storingen").exercise
    dictation = window.start_exercise(exercise, window.current_trainee())
    assert dictation.engine.master == 0.4
    editor = window.dictation_view.editor
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    headset = dictation.headset
    qtbot.waitUntil(lambda: headset.position > 1.0, timeout=10000)
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # pause
    # faded out: from here the audio callback no longer moves the clip (until then it does)
    qtbot.waitUntil(lambda: headset.silent, timeout=5000)
    held = headset.position
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # resume: with rewind off, from where it stopped
    # (not the position now: that runs on in the callback as soon as the clip plays again)
    plays = [e for e in read_journal(dictation.journal.path).audio if e.action == "play"]
    assert plays[-1].position == round(held, 3)
    dictation.finish("abandoned")


def test_the_headset_chosen_in_the_settings_is_the_one_a_dictation_opens(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    monkeypatch.delenv("SIMULTAAN_AUDIO_DEVICE")
    window.settings = window.settings.model_copy(update={"output_device": "Headset Plantronics"})
    exercise = window.catalog.by_id("nl-dictee-01-begroeting-en-printer").exercise
    window.start_dictation(exercise, window.current_trainee())
    problem = window.dictation_view.problem
    assert problem.isVisible() and "'Headset Plantronics'" in problem.text()
    window.settings = window.settings.model_copy(update={"output_device": None})
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "Headset Jabra")  # the exam room's wins
    assert window.headset() == "Headset Jabra"
