"""Exercise files: the shipped content is valid, and every mistake is reported at its line."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from trainer.core.exercise import CopyExercise, DictationExercise, content_hash
from trainer.core.loader import ExerciseFileError, load_catalog, load_exercise, parse_exercise
from trainer.core.messages import Message
from trainer.core.queue_scenario import QueueExercise
from trainer.core.scenario import CallExercise, Say
from trainer.paths import exercises_dir

GOOD = """\
format: 1
id: nl-copy-test
title: Een test
language: nl
kind: copy
level: 2
time_limit: 60
min_wpm: 20
text: |
  Klant 40218377 belt terug op 0471 23 45 67.
"""


DICTATION = """\
format: 1
id: nl-dictee-test
title: Een dictee
language: nl
kind: dictation
level: 2
clips: [nl-klant-01]
"""


def problems_of(text: str) -> list[tuple[int, Message]]:
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("oef.yaml"))
    return [(p.line, p.message) for p in caught.value.problems]


def test_the_shipped_exercises_are_all_valid_and_cover_the_languages() -> None:
    catalog = load_catalog([exercises_dir()])
    assert catalog.problems == []
    copy = [e.exercise for e in catalog.entries if e.exercise.kind == "copy"]
    languages = Counter(e.language for e in copy)
    assert languages["nl"] >= 8 and languages["fr"] >= 4 and languages["en"] >= 3
    assert {e.level for e in copy} >= {1, 2, 3}
    for entry in catalog.entries:
        assert entry.path.stem == entry.exercise.id, entry.path


def test_a_good_file_gives_the_exercise_with_defaults() -> None:
    exercise, id_line = parse_exercise(GOOD, Path("oef.yaml"))
    assert isinstance(exercise, CopyExercise)
    assert exercise.error_unit == "word"
    assert exercise.margin == Decimal("0.03")
    assert exercise.time_limit == 60
    assert id_line == 2


def test_a_timed_exercise_must_ask_a_speed_and_says_so_at_its_time_limit() -> None:
    # without a minimum speed, one word typed in the time would pass a timed drill
    found = problems_of(GOOD.replace("min_wpm: 20\n", ""))
    assert len(found) == 1
    assert found[0][0] == 7
    assert found[0][1] == Message("timed_needs_min_wpm")
    untimed, _ = parse_exercise(GOOD.replace("time_limit: 60\nmin_wpm: 20\n", ""), Path("oef.yaml"))
    assert isinstance(untimed, CopyExercise)
    assert untimed.min_wpm is None


def test_copy_typing_marks_everything_and_a_dictation_not_what_is_not_heard() -> None:
    copy, _ = parse_exercise(GOOD, Path("oef.yaml"))
    assert isinstance(copy, CopyExercise)
    assert copy.ignore == []
    assert copy.min_wpm == Decimal("20")
    dictation, _ = parse_exercise(DICTATION, Path("dictee.yaml"))
    assert isinstance(dictation, DictationExercise)
    assert dictation.ignore == ["punctuation", "number-format"]
    strict, _ = parse_exercise(DICTATION + "ignore: []\n", Path("dictee.yaml"))
    assert isinstance(strict, DictationExercise)
    assert strict.ignore == []


def test_a_float_margin_is_kept_exactly() -> None:
    exercise, _ = parse_exercise(GOOD + "margin: 0.05\n", Path("oef.yaml"))
    assert exercise.margin == Decimal("0.05")


COPY_KEYS = [*CopyExercise.model_fields]
KINDS = ["copy", "dictation", "call", "chat", "queue"]


@pytest.mark.parametrize(
    ("change", "line", "said"),
    [
        (("level: 2", "level: twee"), 6, Message("not_whole_number", {"key": "level"})),
        (
            ("level: 2", "level: 9"),
            6,
            Message("less_than_equal", {"key": "level", "limit": 5}),
        ),
        (
            ("time_limit: 60", "time_limt: 60"),
            7,
            Message("unknown_key", {"key": "time_limt", "allowed": COPY_KEYS}),
        ),
        (
            ("language: nl", "language: de"),
            4,
            Message("should_be_one_of", {"key": "language", "expected": ["nl", "fr", "en"]}),
        ),
        (
            ("kind: copy", "kind: puzzle"),
            5,
            Message("unknown_kind", {"kind": "puzzle", "known": KINDS}),
        ),
        (
            ("id: nl-copy-test", "id: Nl Copy"),
            2,
            Message("pattern_mismatch", {"key": "id", "pattern": "^[a-z0-9][a-z0-9-]{2,63}$"}),
        ),
        (
            ("text: |\n  Klant 40218377 belt terug op 0471 23 45 67.", 'text: "   "'),
            9,
            Message("text_empty", {"key": "text"}),
        ),
        (("min_wpm: 20", "min_wpm: 0"), 8, Message("greater_than", {"key": "min_wpm", "limit": 0})),
        (
            ("min_wpm: 20", "min_wpm: 20\nignore: [punctuation, accents]"),
            9,
            Message(
                "should_be_one_of",
                {"key": "ignore.1", "expected": ["punctuation", "case", "number-format"]},
            ),
        ),
        (
            ("min_wpm: 20", "min_wpm: 20\nignore: [case, case]"),
            9,
            Message("listed_twice", {"key": "ignore", "twice": ["case"]}),
        ),
        (
            ("format: 1", "format: 2"),
            1,
            Message("should_be_value", {"key": "format", "expected": "1"}),
        ),
    ],
)
def test_each_mistake_is_reported_at_its_line(
    change: tuple[str, str], line: int, said: Message
) -> None:
    assert problems_of(GOOD.replace(*change)) == [(line, said)]


def test_a_missing_key_is_named() -> None:
    found = problems_of(GOOD.replace("title: Een test\n", ""))
    assert found == [(1, Message("missing_key", {"key": "title"}))]


def test_a_duplicate_key_is_an_error_not_silently_the_last_one() -> None:
    found = problems_of(GOOD + "level: 3\n")
    assert (11, Message("duplicate_key", {"key": "level"})) in found


def test_broken_yaml_names_the_line() -> None:
    found = problems_of(GOOD.replace("level: 2", "level: [2"))
    assert found[0][0] in (6, 7)
    assert found[0][1].code == "not_yaml" and found[0][1].params["detail"]


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("format: 1\n\tid: x\n", 2, Message("yaml_tab")),
        ("format: 1\ntitle: Bellen: hoe\n", 2, Message("yaml_colon_in_text")),
        ("format: 1\nlevel: *niveau\n", 2, Message("yaml_unknown_alias", {"name": "niveau"})),
    ],
)
def test_the_commonest_yaml_mistakes_are_named(text: str, line: int, said: Message) -> None:
    assert problems_of(text) == [(line, said)]


def test_an_empty_file_and_a_list_are_not_exercises() -> None:
    assert problems_of("") == [(1, Message("file_empty"))]
    assert problems_of("- a\n- b\n") == [(1, Message("exercise_not_a_mapping"))]


def test_a_catalog_lists_broken_files_and_duplicate_ids_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD.replace("level: 2", "level: 0"), encoding="utf-8")
    (tmp_path / "d.yaml").write_bytes(b"\xff\xfe not utf-8")
    catalog = load_catalog([tmp_path])
    assert [e.exercise.id for e in catalog.entries] == ["nl-copy-test"]
    found = [(p.file.name, p.line, p.message) for p in catalog.problems]
    duplicate = {"id": "nl-copy-test", "file": str(tmp_path / "a.yaml"), "line": "2"}
    assert found == [
        ("b.yaml", 2, Message("duplicate_exercise_id", duplicate)),
        ("c.yaml", 6, Message("greater_than_equal", {"key": "level", "limit": 1})),
        ("d.yaml", 1, Message("file_not_text", {"byte": 0})),
    ]


def test_the_content_hash_follows_the_content_not_the_layout(tmp_path: Path) -> None:
    one, _ = parse_exercise(GOOD, Path("a.yaml"))
    two, _ = parse_exercise("# a comment\n" + GOOD, Path("b.yaml"))
    three, _ = parse_exercise(GOOD.replace("0471", "0472"), Path("c.yaml"))
    assert content_hash(one) == content_hash(two)
    assert content_hash(one) != content_hash(three)


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ExerciseFileError) as caught:
        load_exercise(tmp_path / "gone.yaml")
    [problem] = caught.value.problems
    assert (problem.file.name, problem.line, problem.message) == (
        "gone.yaml",
        1,
        Message("file_missing"),
    )


def test_a_file_without_a_kind_still_gets_its_other_keys_checked() -> None:
    found = problems_of("format: 1\nid: x\nlevel: 9\n")
    assert found == [
        (1, Message("missing_kind", {"known": KINDS})),
        (1, Message("missing_key", {"key": "title"})),
        (1, Message("missing_key", {"key": "language"})),
        (2, Message("pattern_mismatch", {"key": "id", "pattern": "^[a-z0-9][a-z0-9-]{2,63}$"})),
        (3, Message("less_than_equal", {"key": "level", "limit": 5})),
    ]


DICTATION = """\
format: 1
id: nl-dictee-test
title: Adressen
language: nl
kind: dictation
level: 2
clips: [nl-adres-01, en-address-01, nl-bestaat-niet]
max_plays: 2
"""


def test_a_dictation_names_clips_of_its_own_language_that_exist() -> None:
    languages = {"nl-adres-01": "nl", "en-address-01": "en"}
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(DICTATION, Path("d.yaml"), languages)
    found = [(p.line, p.message) for p in caught.value.problems]
    elsewhere = {"clip": "en-address-01", "language": "en", "own": "nl"}
    assert found == [
        (7, Message("clip_language_exercise", elsewhere)),
        (7, Message("unknown_clip", {"clip": "nl-bestaat-niet"})),
    ]
    exercise, _ = parse_exercise(DICTATION, Path("d.yaml"))  # without a library: not checked
    assert exercise.kind == "dictation" and exercise.max_plays == 2


def test_the_shipped_dictations_use_shipped_clips() -> None:
    from trainer.core.clips import load_shipped_library
    from trainer.paths import audio_dir

    library = load_shipped_library(audio_dir())
    assert library.problems == []
    catalog = load_catalog([exercises_dir()], library.languages)
    assert catalog.problems == []
    dictations = [e.exercise for e in catalog.entries if e.exercise.kind == "dictation"]
    languages = Counter(e.language for e in dictations)
    assert languages["nl"] >= 8 and languages["fr"] >= 2 and languages["en"] >= 2
    assert {e.level for e in dictations} >= {1, 2, 3, 4}
    used = {clip for e in dictations for clip in e.clips}
    calls = [e.exercise for e in catalog.entries if isinstance(e.exercise, CallExercise)]
    used |= {e.clip for call in calls for e in call.timeline if isinstance(e, Say)}
    dials = [call.dial for call in calls if call.dial is not None]  # outbound: greeting, stranger
    used |= {clip for d in dials for clip in (d.greeting, d.wrong_person) if clip is not None}
    # the callers of the helpdesk queue: one shift in each level speaks
    queues = [e.exercise for e in catalog.entries if isinstance(e.exercise, QueueExercise)]
    callers = {a.clip for q in queues for a in q.arrivals if a.clip is not None}
    assert {q.level for q in queues if any(a.clip for a in q.arrivals)} == {1, 2, 3, 4, 5}
    assert {library.clips[c].language for c in callers} == {"nl", "fr", "en"}
    used |= callers
    assert used == set(library.clips)  # every clip is heard in some exercise


def test_a_key_yaml_reads_as_true_or_a_number_is_explained() -> None:
    found = problems_of(GOOD + "on: 3\n")
    # said once, at its line (pydantic's "Keys should be strings" at line 1 is left out)
    assert found == [(11, Message("key_not_a_word", {"key": "on", "means": "bool"}))]
