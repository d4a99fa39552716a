"""Adaptive practice: a drill built from the trainee's own errors, out of the library's real
work texts, holding far more of the keys they miss than the library's texts do."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.journals import scored_dictation, write_journal
from trainer.core.adaptive import (
    ADAPTIVE_PREFIX,
    MAX_CHARS,
    NothingToPractise,
    SessionErrors,
    build_drill,
    library_texts,
    recorded_errors,
    sentences,
    session_errors,
    weakness,
    write_drill,
)
from trainer.core.clips import load_shipped_library
from trainer.core.exercise import CopyExercise, DictationExercise, ExerciseBase
from trainer.core.journal import EndEvent, KeyEvent, read_journal
from trainer.core.loader import load_catalog, load_exercise
from trainer.core.scoring import SessionResult, score


@pytest.fixture(scope="module")
def shipped() -> tuple[list[ExerciseBase], dict[str, str]]:
    clips = load_shipped_library(REPO / "audio")
    catalog = load_catalog([REPO / "exercises"], clips.languages)
    return [e.exercise for e in catalog.entries], clips.transcripts


def keystrokes(text: str, wrong: dict[str, str], corrected: dict[str, str]) -> list[KeyEvent]:
    """A trainee typing ``text`` at 5 keys a second: a character in ``wrong`` typed as its
    value and left, one in ``corrected`` typed wrong first and put right with Backspace."""
    keys: list[KeyEvent] = []

    def key(**kw: str) -> None:
        keys.append(KeyEvent(t=1 + 0.2 * len(keys), **kw))  # type: ignore[arg-type]

    for ch in text.rstrip():
        if ch in wrong:
            key(text=wrong[ch])
        elif ch in corrected:
            key(text=corrected[ch])
            key(key="Backspace")
            key(text=ch)
        else:
            key(text=ch)
    return keys


def typed_session(
    folder: Path, exercise: CopyExercise, wrong: dict[str, str], corrected: dict[str, str]
) -> tuple[SessionErrors, SessionResult]:
    keys = keystrokes(exercise.text, wrong, corrected)
    name = f"{len(list(folder.glob('*.jsonl')))}-{exercise.id}.jsonl"
    journal = write_journal(
        folder / name, exercise, [*keys, EndEvent(t=keys[-1].t + 1, reason="finished")]
    )
    result = score(exercise, journal)
    assert isinstance(result, SessionResult)
    return session_errors(exercise, journal, result), result


def dutch_copies(exercises: list[ExerciseBase]) -> list[CopyExercise]:
    return [e for e in exercises if isinstance(e, CopyExercise) and e.language == "nl"]


# the trainee: "v" typed as "b" and left, "z" typed as "x" and corrected
WRONG, CORRECTED = {"v": "b"}, {"z": "x"}


def history(folder: Path, exercises: list[ExerciseBase]) -> list[SessionErrors]:
    copies = dutch_copies(exercises)[:4]
    return [typed_session(folder, c, WRONG, CORRECTED)[0] for c in reversed(copies)]


def weak_share(text: str, keys: str = "vz") -> float:
    """The share of the characters of ``text`` that are the trainee's weak keys."""
    return sum(text.count(k) for k in keys) / len(text)


def test_a_trainee_without_history_has_nothing_to_practise_yet(shipped) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    library = library_texts(exercises, transcripts)
    with pytest.raises(NothingToPractise) as caught:
        build_drill([], library)
    assert caught.value.message.code == "nothing_to_practise"
    # sessions without a single error teach nothing either
    clean = SessionErrors("nl", Counter(), Counter(), Counter(), 40.0)
    with pytest.raises(NothingToPractise):
        build_drill([clean, clean], library)


def test_the_drill_is_heavy_in_the_keys_the_trainee_misses(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    drill = build_drill(history(tmp_path, exercises), library_texts(exercises, transcripts))
    # both kinds of error count: the key left wrong and the key corrected
    assert set(drill.keys[:2]) == {"v", "z"}
    text = drill.exercise.text
    average = sum(weak_share(c.text) for c in dutch_copies(exercises)) / len(
        dutch_copies(exercises)
    )
    # twice the share of an average text of the library: as far as real text allows
    assert weak_share(text) > 2 * average, (weak_share(text), average)
    assert drill.exercise.title.startswith("Oefenen: v, z")
    assert drill.exercise.id.startswith(f"{ADAPTIVE_PREFIX}nl-")
    assert drill.exercise.language == "nl" and drill.exercise.kind == "copy"


def test_the_drill_is_made_of_library_sentences_each_once_to_a_few_minutes(
    shipped,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    exercises, transcripts = shipped
    library = library_texts(exercises, transcripts)
    drill = build_drill(history(tmp_path, exercises), library)
    lines = drill.exercise.text.split("\n")
    assert len(lines) == len(set(lines)) >= 4
    known = {s.text: s.source for s in sentences(library)}
    languages = {e.id: e.language for e in exercises}
    for line in lines:
        assert line in known, line  # real work text, not letters strung together
        assert languages[known[line]] == "nl"
    assert 600 <= len(drill.exercise.text) <= MAX_CHARS


def test_the_same_history_gives_the_same_drill_and_another_another(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    library = library_texts(exercises, transcripts)
    past = history(tmp_path, exercises)
    first, again = build_drill(past, library), build_drill(list(past), library)
    assert first.exercise == again.exercise
    copy = dutch_copies(exercises)[0]
    other = [typed_session(tmp_path, copy, {"k": "l"}, {"g": "h"})[0]] * 3
    assert build_drill(other, library).exercise.id != first.exercise.id


def test_recent_errors_weigh_more_than_old_ones(shipped) -> None:  # type: ignore[no-untyped-def]
    def missed(key: str) -> SessionErrors:
        return SessionErrors("nl", Counter({key: 4}), Counter(), Counter(), None)

    clean = SessionErrors("nl", Counter(), Counter(), Counter(), None)
    # newest first: "q" missed in the last session, "x" as often, five sessions earlier
    weak = weakness([missed("q"), clean, clean, clean, clean, missed("x")])
    assert list(weak.keys) == ["q", "x"]
    assert weak.keys["q"] > 2 * weak.keys["x"]
    # and often weighs more than once: "x" in three sessions outweighs "q" in the last one
    often = weakness([missed("q"), missed("x"), missed("x"), missed("x")])
    assert list(often.keys) == ["x", "q"]


def test_a_key_missed_in_a_large_share_of_its_times_comes_before_a_common_one() -> None:
    # "e" wrong 10 times in 400, "v" 5 times in 20: "v" is the weak key, "e" mere chance
    errors = SessionErrors(
        "nl", Counter({"e": 10, "v": 5}), Counter(), Counter(), None, Counter({"e": 400, "v": 20})
    )
    assert list(weakness([errors]).keys) == ["v", "e"]
    # one slip on a rare key is no weakness next to a key often wrong
    rare = SessionErrors(
        "nl", Counter({"q": 1, "z": 3}), Counter(), Counter(), None, Counter({"q": 1, "z": 12})
    )
    assert list(weakness([rare]).keys) == ["z", "q"]


def test_bigrams_and_words_missed_are_practised(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    copy = next(c for c in dutch_copies(exercises) if "ij" in c.text)
    past = [typed_session(tmp_path, copy, {}, {"j": "k"})[0]]
    [errors] = past
    assert errors.bigrams["ij"] == copy.text.count("ij") - copy.text.count("ijj")
    drill = build_drill(past, library_texts(exercises, transcripts))
    assert "ij" in drill.bigrams
    copies = dutch_copies(exercises)
    average = sum(c.text.count("ij") / len(c.text) for c in copies) / len(copies)
    assert drill.exercise.text.count("ij") / len(drill.exercise.text) > 2 * average
    word_history = [
        SessionErrors("nl", Counter(), Counter(), Counter({"factuur": 2}), None),
        SessionErrors("nl", Counter(), Counter(), Counter({"Factuur": 1}), None),
    ]
    drill = build_drill(word_history, library_texts(exercises, transcripts))
    assert drill.words == ["factuur"] and "'factuur'" in drill.exercise.title
    assert drill.exercise.text.lower().count("factuur") >= 3


def test_what_a_dictation_does_not_mark_is_not_practised(tmp_path: Path) -> None:
    transcript = "Goeiemiddag, met Sofie Willems."
    # the comma and full stop left out (not marked in a dictation), one letter wrong
    result = scored_dictation(tmp_path, transcript, "Goeiemiddag met Sofie Wilems")
    [journal] = tmp_path.glob("*.jsonl")
    exercise = DictationExercise(
        format=1, id="nl-dictee-x", title="X", language="nl", kind="dictation", level=1,
        clips=["nl-clip-x"],
    )  # fmt: skip
    errors = session_errors(exercise, read_journal(journal), result, {"nl-clip-x": transcript})
    assert dict(errors.keys) == {"l": 1}
    assert set(errors.words) == {"Willems"}


def test_a_french_trainee_gets_a_french_drill(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    french = [e for e in exercises if isinstance(e, CopyExercise) and e.language == "fr"]
    past = [typed_session(tmp_path, c, {"é": "e"}, {})[0] for c in french[:3]]
    drill = build_drill(past, library_texts(exercises, transcripts))
    assert drill.exercise.language == "fr"
    assert drill.exercise.title.startswith("Entraînement : é")
    languages = {e.id: e.language for e in exercises}
    assert {languages[line.source] for line in drill.lines} == {"fr"}
    # the customers' words of French dictations and calls, a call's values and its
    # knowledge base are real work texts too, and offered
    kinds = {e.id: e.kind for e in exercises}
    offered = {kinds[line.source] for line in library_texts(exercises, transcripts)
               if line.language == "fr"}  # fmt: skip
    assert offered == {"copy", "dictation", "call"}


def test_a_saved_drill_reads_back_as_the_same_exercise(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, transcripts = shipped
    drill = build_drill(history(tmp_path, exercises), library_texts(exercises, transcripts))
    path = write_drill(tmp_path / "generated", drill.exercise)
    assert path.name == f"{drill.exercise.id}.yaml"
    assert path.stat().st_mode & 0o777 == 0o600
    loaded, _line = load_exercise(path)
    assert loaded == drill.exercise


def test_a_stored_session_is_read_from_its_journal_and_result(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exercises, _transcripts = shipped
    copy = dutch_copies(exercises)[2]
    direct, result = typed_session(tmp_path, copy, WRONG, CORRECTED)
    [journal] = tmp_path.glob("*.jsonl")
    stored = recorded_errors(copy, journal, result.model_dump(mode="json"))
    assert stored == direct
    assert recorded_errors(copy, tmp_path / "gone.jsonl", result.model_dump(mode="json")) is None
