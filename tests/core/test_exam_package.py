"""Exam packages: read like exercise files (every problem at its line, as a code), checked
against the exercises found, and turned into the exercises the exam asks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from trainer.core.exam_package import (
    ExamPackage,
    load_package,
    supervisor_code_hash,
)
from trainer.core.exercise import CopyExercise, DictationExercise
from trainer.core.loader import load_catalog
from trainer.core.yaml_source import SourceFileError
from trainer.paths import exercises_dir

COPY = "nl-copy-04-terugbelverzoek"
DICTATION = "nl-dictee-08-examen-klantgegevens"


def package_text(*, code: str = "4711", parts: str = "", extra: str = "") -> str:
    parts = parts or (
        f"  - exercise: {COPY}\n"
        "    time_limit: 300\n"
        "    min_wpm: 30\n"
        f"  - exercise: {DICTATION}\n"
        "    time_limit: 600\n"
        "    max_plays: 1\n"
        "    margin: 0.05\n"
    )
    return (
        "format: 1\n"
        "id: nl-examen-test\n"
        "title: Proefexamen\n"
        "language: nl\n"
        "seed: 12\n"
        "show_result: result\n"
        f"supervisor_code: '{supervisor_code_hash('nl-examen-test', code)}'\n"
        f"{extra}"
        "parts:\n"
        f"{parts}"
    )


def write(tmp_path: Path, text: str, name: str = "proef.exam.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, **kwargs: object) -> list[tuple[int, str, dict[str, object]]]:
    with pytest.raises(SourceFileError) as caught:
        load_package(path, **kwargs)  # type: ignore[arg-type]
    return [(p.line, p.message.code, dict(p.message.params)) for p in caught.value.problems]


def test_a_package_gives_its_parts_in_order_with_the_exams_rules(tmp_path: Path) -> None:
    catalog = load_catalog([exercises_dir()])
    package = load_package(write(tmp_path, package_text()), catalog)
    assert [p.exercise for p in package.parts] == [COPY, DICTATION]
    copy = package.exercise_for(0, catalog.by_id(COPY).exercise)  # type: ignore[union-attr]
    assert isinstance(copy, CopyExercise)
    assert (copy.time_limit, copy.min_wpm, copy.margin) == (300, Decimal(30), Decimal("0.03"))
    dictation = package.exercise_for(1, catalog.by_id(DICTATION).exercise)  # type: ignore[union-attr]
    assert isinstance(dictation, DictationExercise)
    assert (dictation.max_plays, dictation.margin) == (1, Decimal("0.05"))
    assert package.show_result == "result" and not package.allow_subtitles


def test_the_supervisor_code_is_checked_against_its_hash(tmp_path: Path) -> None:
    package = load_package(write(tmp_path, package_text(code="4711")))
    assert package.code_matches("4711")
    assert package.code_matches(" 4711 ")  # (typed with a space: still the code)
    assert not package.code_matches("4712")
    assert not package.code_matches("")


def test_problems_are_said_at_their_lines(tmp_path: Path) -> None:
    parts = (
        f"  - exercise: {COPY}\n"  # line 9
        "    time_limit: 5\n"  # line 10: too short
        f"  - exercise: {COPY}\n"  # line 11: twice
        "    time_limit: 60\n"
        "    pause: true\n"  # line 13: unknown key
    )
    found = problems_of(write(tmp_path, package_text(parts=parts)))
    assert [(line, code) for line, code, _ in found] == [
        (10, "greater_than_equal"),
        (13, "unknown_nested_key"),
    ]
    twice = f"  - exercise: {COPY}\n    time_limit: 60\n" * 2
    found = problems_of(write(tmp_path, package_text(parts=twice)))
    assert [(line, code) for line, code, _ in found] == [(8, "listed_twice")]


def test_a_package_must_be_named_as_one(tmp_path: Path) -> None:
    found = problems_of(write(tmp_path, package_text(), name="proef.yaml"))
    assert [(line, code) for line, code, _ in found] == [(1, "package_name")]


def test_exercises_that_do_not_fit_are_said_at_their_lines(tmp_path: Path) -> None:
    parts = (
        "  - exercise: nl-bestaat-niet\n"  # line 9
        "    time_limit: 60\n"
        f"  - exercise: {COPY}\n"  # line 11
        "    time_limit: 60\n"
        "    max_plays: 2\n"  # line 13: not a dictation
        "  - exercise: fr-copy-01-mot-de-passe\n"  # line 14: French in a Dutch package
        "    time_limit: 60\n"
        "    min_wpm: 20\n"
    )
    catalog = load_catalog([exercises_dir()])
    found = problems_of(write(tmp_path, package_text(parts=parts)), catalog=catalog)
    codes = [(line, code) for line, code, _ in found]
    assert (9, "unknown_exercise") in codes
    assert (13, "package_plays_not_dictation") in codes
    assert (14, "package_exercise_language") in codes


def test_a_copy_part_without_a_speed_is_refused(tmp_path: Path) -> None:
    parts = "  - exercise: nl-copy-01-terugbelnotitie\n    time_limit: 60\n"
    catalog = load_catalog([exercises_dir()])
    found = problems_of(write(tmp_path, package_text(parts=parts)), catalog=catalog)
    assert [(line, code) for line, code, _ in found] == [(9, "package_needs_speed")]


def test_the_model_refuses_a_plain_code() -> None:
    with pytest.raises(ValueError):
        ExamPackage.model_validate(
            {
                "format": 1,
                "id": "abc",
                "title": "t",
                "language": "nl",
                "seed": 1,
                "supervisor_code": "4711",
                "parts": [{"exercise": COPY, "time_limit": 60}],
            }
        )
