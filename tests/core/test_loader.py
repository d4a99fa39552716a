"""Exercise files: the shipped content is valid, and every mistake is reported at its line."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from trainer.core.exercise import CopyExercise, DictationExercise, content_hash
from trainer.core.loader import ExerciseFileError, load_catalog, load_exercise, parse_exercise
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


def problems_of(text: str) -> list[tuple[int, str]]:
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
    assert "min_wpm" in found[0][1]
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


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("level: 2", "level: twee"), 6, "level"),
        (("level: 2", "level: 9"), 6, "less than or equal to 5"),
        (("time_limit: 60", "time_limt: 60"), 7, "unknown key 'time_limt'"),
        (("language: nl", "language: de"), 4, "language"),
        (("kind: copy", "kind: puzzle"), 5, "unknown kind 'puzzle'"),
        (("id: nl-copy-test", "id: Nl Copy"), 2, "id"),
        (("text: |\n  Klant 40218377 belt terug op 0471 23 45 67.", 'text: "   "'), 9, "empty"),
        (("min_wpm: 20", "min_wpm: 0"), 8, "greater than 0"),
        (
            ("min_wpm: 20", "min_wpm: 20\nignore: [punctuation, accents]"),
            9,
            "'case' or 'number-format'",
        ),
        (("min_wpm: 20", "min_wpm: 20\nignore: [case, case]"), 9, "'case' is listed twice"),
        (("format: 1", "format: 2"), 1, "format"),
    ],
)
def test_each_mistake_is_reported_at_its_line(
    change: tuple[str, str], line: int, words: str
) -> None:
    found = problems_of(GOOD.replace(*change))
    assert len(found) == 1
    assert found[0][0] == line
    assert words in found[0][1]


def test_a_missing_key_is_named() -> None:
    found = problems_of(GOOD.replace("title: Een test\n", ""))
    assert found == [(1, "missing required key 'title'")]


def test_a_duplicate_key_is_an_error_not_silently_the_last_one() -> None:
    found = problems_of(GOOD + "level: 3\n")
    assert (11, "duplicate key 'level'") in found


def test_broken_yaml_names_the_line() -> None:
    found = problems_of(GOOD.replace("level: 2", "level: [2"))
    assert found[0][0] in (6, 7)
    assert found[0][1].startswith("not valid YAML")


def test_an_empty_file_and_a_list_are_not_exercises() -> None:
    assert problems_of("") == [(1, "the file is empty")]
    assert problems_of("- a\n- b\n")[0][1] == "an exercise file must be a mapping of keys"


def test_a_catalog_lists_broken_files_and_duplicate_ids_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD.replace("level: 2", "level: 0"), encoding="utf-8")
    (tmp_path / "d.yaml").write_bytes(b"\xff\xfe not utf-8")
    catalog = load_catalog([tmp_path])
    assert [e.exercise.id for e in catalog.entries] == ["nl-copy-test"]
    messages = [str(p) for p in catalog.problems]
    assert messages[0] == (
        f"{tmp_path / 'b.yaml'}:2: duplicate id 'nl-copy-test': "
        f"already used by {tmp_path / 'a.yaml'}:2"
    )
    assert messages[1].startswith(f"{tmp_path / 'c.yaml'}:6: level:")
    assert messages[2].startswith(f"{tmp_path / 'd.yaml'}:1: not UTF-8")


def test_the_content_hash_follows_the_content_not_the_layout(tmp_path: Path) -> None:
    one, _ = parse_exercise(GOOD, Path("a.yaml"))
    two, _ = parse_exercise("# a comment\n" + GOOD, Path("b.yaml"))
    three, _ = parse_exercise(GOOD.replace("0471", "0472"), Path("c.yaml"))
    assert content_hash(one) == content_hash(two)
    assert content_hash(one) != content_hash(three)


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ExerciseFileError) as caught:
        load_exercise(tmp_path / "gone.yaml")
    assert "gone.yaml:1: no such exercise file" in str(caught.value)


def test_a_file_without_a_kind_still_gets_its_other_keys_checked() -> None:
    found = problems_of("format: 1\nid: x\nlevel: 9\n")
    messages = [m for _, m in found]
    assert found[0] == (1, "missing required key 'kind' (known kinds: copy, dictation, call)")
    assert (2, "id: String should match pattern '^[a-z0-9][a-z0-9-]{2,63}$'") in found
    assert any(line == 3 and m.startswith("level:") for line, m in found)
    assert "missing required key 'title'" in messages


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
    assert found == [
        (7, "clip 'en-address-01' is in 'en', the exercise in 'nl'"),
        (7, "unknown clip 'nl-bestaat-niet'"),
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
    assert used == set(library.clips)  # every clip is heard in some exercise


def test_a_key_yaml_reads_as_true_or_a_number_is_explained() -> None:
    found = problems_of(GOOD + "on: 3\n")
    assert (
        11,
        "the key 'on' is not read as a word by YAML (it means bool): put it in quotes",
    ) in found
