"""The exam-level material (issue 13, part 5) is what an exam centre needs: in Dutch, French
and English, copy texts, dictations and calls at levels 4 and 5, each with the time limit and
the speed the levels ask (exercises/README.md, "Speeds per level"), scored as the shipped
scorer scores them. A copy text too short for its time limit, a dictation that a trainee at
the speed asked cannot keep up with, or an exam call without the load of its level would
make an exam that does not measure what it says."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import soundfile

from trainer.core.clips import load_shipped_library
from trainer.core.exam_package import load_package
from trainer.core.exercise import CopyExercise, DictationExercise, ExerciseBase
from trainer.core.loader import load_catalog
from trainer.core.scenario import CallExercise, ScreenMessage
from trainer.core.scoring import reference_of
from trainer.core.typing_metrics import score_typing
from trainer.paths import audio_dir, exercises_dir

LIBRARY = load_shipped_library(audio_dir())
EXERCISES = [e.exercise for e in load_catalog([exercises_dir()], LIBRARY.languages).entries]
# the exam preparation set (older level-4 drills keep their own rules)
EXAM_IDS = {
    "nl-copy-10-examen-verhuisdossier",
    "nl-copy-11-examen-antwoord-klacht",
    "nl-dictee-10-examen-terugbelverzoeken",
    "nl-dictee-11-examen-storingsmeldingen",
    "nl-gesprek-07-examen-verhuis-energie",
    "nl-gesprek-08-examen-gestolen-laptop",
    "fr-copy-06-examen-dossier-demenagement",
    "fr-copy-07-examen-reponse-reclamation",
    "fr-dictee-04-examen-demandes-de-rappel",
    "fr-dictee-05-examen-signalements",
    "fr-appel-04-examen-plan-de-paiement",
    "fr-appel-05-examen-panne-pme",
    "en-copy-04-exam-onboarding-request",
    "en-copy-05-exam-incident-report",
    "en-dictation-03-exam-callback-requests",
    "en-dictation-04-exam-fault-reports",
    "en-call-03-exam-fibre-upgrade",
    "en-call-04-exam-phishing-report",
}
EXAM = [e for e in EXERCISES if e.id in EXAM_IDS]
TRANSCRIPTS = {clip_id: clip.transcript for clip_id, clip in LIBRARY.clips.items()}

# net words per minute asked at exam level: copy typing as in exercises/README.md; while
# listening five less, because the words come by ear before they can be typed
COPY_WPM = {4: 30, 5: 35}
DICTATION_WPM = {4: 25, 5: 30}
MARGIN = Decimal("0.03")


def of(kind: type[ExerciseBase]) -> list:
    return [e for e in EXAM if isinstance(e, kind)]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("kind", ["copy", "dictation", "call"])
def test_each_language_has_exam_items_of_each_kind_at_levels_4_and_5(
    language: str, kind: str
) -> None:
    assert {e.id for e in EXAM} == EXAM_IDS  # every file of the set loads, none is broken
    assert all(e.level >= 4 for e in EXAM)
    levels = sorted(e.level for e in EXAM if e.language == language and e.kind == kind)
    assert 4 in levels and 5 in levels and len(levels) >= 2, (language, kind, levels)


@pytest.mark.parametrize("exercise", of(CopyExercise), ids=lambda e: e.id)
def test_an_exam_copy_text_is_timed_at_its_level_and_long_enough_for_its_time(
    exercise: CopyExercise,
) -> None:
    assert exercise.time_limit is not None and exercise.time_limit >= 300
    assert exercise.min_wpm == COPY_WPM[exercise.level]
    assert exercise.margin == MARGIN and exercise.ignore == [] and exercise.error_unit == "word"
    # a trainee at exactly the speed asked still has text when the time is up
    needed = float(exercise.min_wpm) * 5 * exercise.time_limit / 60
    assert len(exercise.text) >= needed, (len(exercise.text), needed)


@pytest.mark.parametrize("exercise", of(CopyExercise), ids=lambda e: e.id)
def test_an_exam_copy_text_passes_typed_right_at_speed_and_fails_too_slow_or_careless(
    exercise: CopyExercise,
) -> None:
    text = exercise.text
    limit = float(exercise.time_limit or 0)
    wanted = float(exercise.min_wpm or 0)
    # the whole text typed right, just fast enough: passes
    seconds = len(text) / 5 / wanted * 60 * 0.99
    assert score_typing(text, text, seconds=seconds, min_wpm=wanted, margin=MARGIN).passed
    # time up with only half of what the speed asks typed: fails on speed, not on errors
    half = text[: int(wanted * 5 * limit / 60 / 2)]
    slow = score_typing(
        text, half, partial=True, min_wpm=wanted, speed_seconds=limit, margin=MARGIN
    )
    assert slow.within_margin and not slow.passed
    # one word in twenty-five changed (4 %): fails on errors
    words = text.split(" ")
    careless = " ".join(w + "x" if i % 25 == 0 else w for i, w in enumerate(words))
    assert not score_typing(text, careless, seconds=seconds, margin=MARGIN).within_margin


@pytest.mark.parametrize("exercise", of(DictationExercise), ids=lambda e: e.id)
def test_an_exam_dictation_limits_plays_and_asks_its_levels_speed(
    exercise: DictationExercise,
) -> None:
    assert exercise.max_plays is not None and exercise.max_plays <= 2
    assert exercise.min_wpm == DICTATION_WPM[exercise.level]
    assert exercise.margin == MARGIN
    assert len(exercise.clips) >= 5
    # the speech never holds back a trainee at the speed asked: typing the transcripts at
    # that speed takes longer than hearing them once
    reference = reference_of(exercise, TRANSCRIPTS)
    typing_seconds = len(reference) / 5 / float(exercise.min_wpm) * 60
    speech = sum(
        soundfile.info(str(LIBRARY.path_of(LIBRARY.clips[c]))).duration for c in exercise.clips
    )
    assert speech < typing_seconds, (speech, typing_seconds)


@pytest.mark.parametrize("exercise", of(DictationExercise), ids=lambda e: e.id)
def test_an_exam_dictation_takes_what_is_heard_in_any_notation_but_not_wrong_numbers(
    exercise: DictationExercise,
) -> None:
    reference = reference_of(exercise, TRANSCRIPTS)
    score = {"unit": exercise.error_unit, "margin": exercise.margin, "ignore": exercise.ignore}
    # what is heard, without the punctuation and with numbers grouped otherwise
    heard = re.sub(r"[?!,;:]", "", reference)
    heard = re.sub(r"(\d) (\d)", r"\1\2", heard)
    assert heard != reference
    assert score_typing(reference, heard, **score).passed
    # every number one digit off: each is a wrong word, and together they fail
    wrong = re.sub(r"\d(?=\D|$)", lambda m: str((int(m.group()) + 1) % 10), reference)
    result = score_typing(reference, wrong, **score)
    assert result.word_errors >= 5 and not result.passed


@pytest.mark.parametrize("call", of(CallExercise), ids=lambda c: c.id)
def test_an_exam_call_carries_the_load_and_targets_of_its_level(call: CallExercise) -> None:
    timed = [e for e in call.timeline if isinstance(e, ScreenMessage) and e.respond_within]
    assert len(timed) >= {4: 4, 5: 5}[call.level]
    assert call.expect.answer_within <= 10
    assert call.expect.handling_time <= {4: 150, 5: 140}[call.level]
    if call.level == 5:  # a hold while something is checked, a ticket and a transfer
        assert any(e.after == "resumed" for e in call.timeline)
        assert call.expect.transfer is not None and "create_ticket" in call.script


# --- the ready exam packages (exams/*.exam.yaml) ---------------------------------------------

PACKAGES = sorted((Path(__file__).resolve().parents[2] / "exams").glob("*.exam.yaml"))
# the placeholder supervisor's code the packages are shipped with (exams/README.md)
PLACEHOLDER_CODE = "000000"


def test_there_are_ready_packages_in_dutch_and_french() -> None:
    assert {load_package(p).language for p in PACKAGES} >= {"nl", "fr"}


@pytest.mark.parametrize("path", PACKAGES, ids=lambda p: p.name)
def test_a_package_runs_the_exam_set_of_its_language_at_its_levels_speeds(path: Path) -> None:
    catalog = load_catalog([exercises_dir()], LIBRARY.languages)
    package = load_package(path, catalog)  # known exercises, in its language, keys that fit
    exercises = [catalog.by_id(p.exercise).exercise for p in package.parts]  # type: ignore[union-attr]
    assert {e.id for e in exercises} == {e.id for e in EXAM if e.language == package.language}
    assert [(e.kind, e.level) for e in exercises] == [
        ("copy", 4), ("dictation", 4), ("call", 4), ("copy", 5), ("dictation", 5), ("call", 5),
    ]  # fmt: skip
    assert package.margin == MARGIN and package.unit == "word"
    assert package.show_result == "nothing" and not package.allow_subtitles
    assert package.code_matches(PLACEHOLDER_CODE)
    for index, (part, exercise) in enumerate(zip(package.parts, exercises, strict=True)):
        asked = package.exercise_for(index, exercise)
        if isinstance(asked, CopyExercise):
            assert asked.time_limit == exercise.time_limit == part.time_limit
            assert asked.min_wpm == exercise.min_wpm == COPY_WPM[exercise.level]
        elif isinstance(asked, DictationExercise):
            assert asked.min_wpm == DICTATION_WPM[exercise.level]
            assert asked.max_plays == exercise.max_plays == 2
            # the time to type it at the speed asked, with room to hear every clip twice
            reference = reference_of(exercise, TRANSCRIPTS)
            typing = len(reference) / 5 / float(asked.min_wpm) * 60  # type: ignore[arg-type]
            assert part.time_limit >= typing * 1.4
        else:
            assert isinstance(asked, CallExercise)
            # answered in time, handled in time, and two minutes for the note
            expect = asked.expect
            assert part.time_limit >= expect.answer_within + expect.handling_time + 120


@pytest.mark.parametrize("path", PACKAGES, ids=lambda p: p.name)
def test_a_package_signed_by_the_centre_is_ready_on_an_enrolled_station_and_refused_altered(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.exam_keys import centre, enrolled
    from trainer.core.messages import Said
    from trainer.seal.packages import sign_package
    from trainer.store.exam_room import prepare_exam

    data = tmp_path / "data"
    data.mkdir()
    # (the signature is checked against the default data folder's centre certificate)
    monkeypatch.setenv("SIMULTAAN_DATA_DIR", str(data))
    key = centre(tmp_path / "centre")
    enrolled(key, data)
    package = tmp_path / path.name
    shutil.copyfile(path, package)
    sign_package(package, key)
    prepared = prepare_exam(data, package, "K-0001")
    assert [e.id for e in prepared.exercises] == [p.exercise for p in load_package(path).parts]
    # one byte changed after signing: refused
    package.write_bytes(package.read_bytes().replace(b"min_wpm: 35", b"min_wpm: 25"))
    with pytest.raises(Said):
        prepare_exam(data, package, "K-0001")


@pytest.mark.parametrize("wpm", [40, 25])
def test_the_first_part_of_the_dutch_package_runs_to_its_time_and_asks_its_speed(
    wpm: int, tmp_path: Path
) -> None:
    """The copy part as the exam run takes it: a candidate typing it right at 40 wpm passes
    when the ten minutes are up; at 25 wpm (under the 30 asked) fails on speed alone."""
    from tests.exams import Clock, begin

    [path] = [p for p in PACKAGES if p.name.startswith("nl-")]
    clock = Clock()
    run = begin(path, tmp_path / "exam", clock=clock)
    run.start_part()
    text = run.exercise.text  # type: ignore[attr-defined]
    ended = False
    for char in text:
        clock.at += 60 / (wpm * 5)
        if run.tick():
            ended = True
            break
        run.key("\n" if char == "\n" else char)
    while not ended:
        clock.at += 1
        ended = run.tick()
    result = json.loads((tmp_path / "exam" / "part-01.result.json").read_text(encoding="utf-8"))
    typing = result["typing"]
    assert typing["within_margin"] and typing["min_wpm"] == 30
    assert result["passed"] == (wpm == 40)
    assert run.index == 1  # the next part is the dictation, not a retry
