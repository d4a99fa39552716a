"""Input read within limits: YAML that expands or nests without end, numbers out of range,
special and huge files; one bad file among good ones costs only itself."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.test_scenario import documented_example
from trainer.core import loader
from trainer.core.clips import load_clip_library, loudness_warnings
from trainer.core.loader import ExerciseFileError, load_catalog, parse_exercise
from trainer.core.messages import Message
from trainer.core.yaml_source import MAX_VALUES, SourceFileError, parse_yaml_mapping
from trainer.settings import SETTINGS_FILE, Settings, load_settings, save_settings

GOOD = """\
format: 1
id: nl-copy-goed
title: Een goede oefening
language: nl
kind: copy
level: 2
text: |
  Klant 40218377 belt terug op 0471 23 45 67.
"""


@pytest.fixture
def make_fifo(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """Makes FIFOs that cannot hang a test: should the code under test open one for reading,
    a writer opens and closes the other end, so the read ends at once with nothing (and the
    test fails on what it read) instead of blocking the suite."""
    writers: list[threading.Thread] = []

    def open_other_end(path: Path) -> None:
        # (not found: set aside, renamed, before this thread came to open it)
        with contextlib.suppress(FileNotFoundError):
            os.close(os.open(path, os.O_WRONLY))

    def make(path: Path) -> Path:
        os.mkfifo(path)
        writer = threading.Thread(target=open_other_end, args=(path,), daemon=True)
        writer.start()
        writers.append(writer)
        return path

    yield make
    for _ in range(50):  # release the writers still waiting for a reader (renamed FIFOs too)
        if not any(w.is_alive() for w in writers):
            break
        for found in tmp_path.rglob("*"):
            if stat.S_ISFIFO(found.lstat().st_mode):
                os.close(os.open(found, os.O_RDONLY | os.O_NONBLOCK))
        for writer in writers:
            writer.join(0.1)


def refusal(text: str) -> tuple[int, Message]:
    """The one problem a YAML text is refused for, as (line, message)."""
    with pytest.raises(SourceFileError) as caught:
        parse_yaml_mapping(text, Path("oef.yaml"))
    [problem] = caught.value.problems
    return problem.line, problem.message


DIGITS = Message("too_many_digits", {"key": "level", "digits": 5000, "limit": 30})


def bomb(levels: int) -> str:
    """``levels`` lists of nine aliases of the list before: 9**(levels + 1) strings in all."""
    names = [chr(97 + i) for i in range(levels + 1)]
    text = "format: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for before, name in itertools.pairwise(names):
        text += f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
    return text


# --- YAML limits ----------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_before_anything_expands_it() -> None:
    line, message = refusal(bomb(8))  # 387 million strings
    assert message == Message("too_many_values", {"limit": MAX_VALUES})
    assert 2 <= line <= 10


def test_aliases_within_the_limit_still_work() -> None:
    # 9**4 = 6,561 strings: far below the limit, so an author may share a list by alias
    doc = parse_yaml_mapping(bomb(3), Path("oef.yaml"))
    assert len(doc.data["d"]) == 9 and doc.data["d"][0][0][0][0] == "lol"


def test_an_alias_of_itself_and_deep_nesting_are_refused_at_their_line() -> None:
    too_deep = Message("nested_too_deep", {"limit": 40})
    assert refusal("format: 1\nlus: &a [*a]\n") == (2, too_deep)
    deep = "format: 1\n\ndiep: " + "[" * 60 + "]" * 60 + "\n"
    assert refusal(deep) == (3, too_deep)


def test_a_number_python_would_refuse_is_a_problem_at_its_line() -> None:
    text = GOOD.replace("level: 2", "level: " + "9" * 5000)
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("oef.yaml"))
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (6, DIGITS)


def test_a_date_that_cannot_be_is_a_problem_at_its_line() -> None:
    line, message = refusal(GOOD + "instructions: 2024-02-30\n")
    assert line == 9
    assert message == Message("unreadable_date", {"key": "instructions", "value": "2024-02-30"})


def test_large_sane_numbers_are_left_to_the_models_ranges() -> None:
    text = GOOD.replace("level: 2", "level: 123456789012345678901234567890")
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("oef.yaml"))
    [problem] = caught.value.problems
    assert problem.line == 6
    assert problem.message == Message("less_than_equal", {"key": "level", "limit": 5})


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("{id: bel, at: 0, do: ring}", "{id: bel, at: 36000, do: ring}", "at"),
        ("{id: bel, at: 0, do: ring}", "{id: bel, at: .inf, do: ring}", "at"),
        ("    delay: 4", "    delay: .nan", "delay"),
        ("    respond_within: 30 ", "    respond_within: 3000 ", "respond_within"),
        ("  answer_within: 10 ", "  answer_within: 1000 ", "answer_within"),
        ("  handling_time: 180 ", "  handling_time: 1800000 ", "handling_time"),
    ],
)
def test_every_time_in_a_call_has_a_range(old: str, new: str, key: str) -> None:
    text = documented_example()
    assert old in text
    text = text.replace(old, new)
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("gesprek.yaml"))
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if new.strip() in ln)
    assert any(p.line == line and key in p.message.params["key"] for p in caught.value.problems), (
        line,
        caught.value.problems,
    )


# --- the catalog: one bad file costs only itself -----------------------------------------------


def test_the_catalog_loads_the_good_files_and_names_each_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_fifo: Callable[[Path], Path]
) -> None:
    (tmp_path / "nl-copy-goed.yaml").write_text(GOOD, encoding="utf-8")
    other = GOOD.replace("nl-copy-goed", "nl-copy-ook-goed")
    (tmp_path / "nl-copy-ook-goed.yaml").write_text(other, encoding="utf-8")
    (tmp_path / "bom.yaml").write_text(bomb(8), encoding="utf-8")
    (tmp_path / "cijfers.yaml").write_text(
        GOOD.replace("level: 2", "level: " + "9" * 5000), encoding="utf-8"
    )
    make_fifo(tmp_path / "pijp.yaml")
    (tmp_path / "weg.yaml").symlink_to(tmp_path / "nergens.yaml")
    with open(tmp_path / "groot.yaml", "wb") as file:
        file.truncate(2 * 1024 * 1024)
    (tmp_path / "vreemd.yaml").write_text(GOOD.replace("goed", "vreemd"), encoding="utf-8")
    real_parse = loader.parse_exercise

    def surprise(text: str, path: Path, clip_languages: object = None) -> object:
        if path.name == "vreemd.yaml":  # an exception no check foresaw
            raise KeyError("surprise")
        return real_parse(text, path, clip_languages)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "parse_exercise", surprise)
    catalog = load_catalog([tmp_path])
    assert sorted(e.exercise.id for e in catalog.entries) == ["nl-copy-goed", "nl-copy-ook-goed"]
    said = {
        path.name: [(p.line, p.message) for p in found] for path, found in catalog.broken.items()
    }
    assert set(said) == {
        "bom.yaml",
        "cijfers.yaml",
        "pijp.yaml",
        "weg.yaml",
        "groot.yaml",
        "vreemd.yaml",
    }
    assert said["cijfers.yaml"] == [(6, DIGITS)]
    assert said["pijp.yaml"] == [(1, Message("file_not_regular"))]
    assert said["weg.yaml"] == [(1, Message("file_missing"))]
    too_large = Message("file_too_large_size", {"limit": 1.0, "size": 2.0})
    assert said["groot.yaml"] == [(1, too_large)]
    assert said["vreemd.yaml"] == [(1, Message("unreadable", {"detail": "KeyError: 'surprise'"}))]


# --- clip files and the settings file -------------------------------------------------------


def test_a_clip_file_that_is_a_fifo_is_a_problem_and_no_loudness_is_measured(
    tmp_path: Path, make_fifo: Callable[[Path], Path]
) -> None:
    (tmp_path / "nl").mkdir()
    make_fifo(tmp_path / "nl" / "pijp.wav")
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(
        "format: 1\nclips:\n  - id: nl-pijp-01\n    language: nl\n"
        "    file: nl/pijp.wav\n    transcript: Hallo.\n",
        encoding="utf-8",
    )
    library = load_clip_library(manifest, check_audio=lambda p: pytest.fail("opened a FIFO"))
    [problem] = library.problems
    assert problem.line == 5
    path = str(tmp_path / "nl" / "pijp.wav")
    assert (problem.key, problem.message) == ("file", Message("audio_not_regular", {"path": path}))
    assert library.unusable == {"nl-pijp-01"} and "nl-pijp-01" in library.clips
    assert loudness_warnings(library, lambda p: pytest.fail("measured a FIFO")) == []


def test_what_check_audio_says_is_a_problem_at_the_clips_line(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "een.wav").write_bytes(b"RIFF")
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(
        "format: 1\nclips:\n  - id: nl-een-01\n    language: nl\n"
        "    file: nl/een.wav\n    transcript: Hallo.\n",
        encoding="utf-8",
    )
    said = Message("audio_rate", {"path": "een.wav", "rate": 1})  # (whatever it says)
    library = load_clip_library(manifest, check_audio=lambda p: said)
    assert [(p.line, p.message) for p in library.problems] == [(5, said)]


@pytest.mark.parametrize("kind", ["fifo", "huge", "folder"])
def test_a_settings_file_that_is_no_settings_file_is_set_aside(
    tmp_path: Path, kind: str, make_fifo: Callable[[Path], Path]
) -> None:
    path = tmp_path / SETTINGS_FILE
    if kind == "fifo":
        make_fifo(path)
    elif kind == "huge":  # valid TOML, but no settings file needs a megabyte of comments
        path.write_text("# " + "x" * 1024 * 1024 + "\nvolume = 0.5\n", encoding="utf-8")
    else:
        path.mkdir()
    settings, problem = load_settings(tmp_path)
    assert settings == Settings()
    assert problem is not None  # (worded as any refused file is: see bounded_files)
    assert not path.exists() and (tmp_path / "settings.toml.broken").exists()
    save_settings(tmp_path, Settings(volume=0.5))  # the next save works again
    assert load_settings(tmp_path) == (Settings(volume=0.5), None)
