"""What is wrong with a file a person wrote reaches them in their language: the sentences of
``trainer.ui.message_files`` in Dutch, French and English, on the home screen's list of broken
exercises and as ``FILE:LINE: message``. The English keeps the words ``simultaan validate``
printed before the core spoke in codes (scripts read them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.test_scenario_checks import broken_scenario
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.messages import Message
from trainer.core.scenario import ACTIONS
from trainer.core.yaml_source import Problem
from trainer.ui import language, messages
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow

BROKEN = "format: 1\nid: x\nlevel: 9\n"


@pytest.fixture(autouse=True)
def dutch_after() -> Iterator[None]:
    """The language is the process's: the next test finds Dutch again."""
    create_application()
    yield
    language.install("nl")


@pytest.mark.parametrize(
    ("said", "english"),
    [
        (Message("too_many_values", {"limit": 100_000}), "more than 100,000 values (keys, list "
         "items and texts, each use of an alias *name counted in full): an alias bomb or a "
         "mistake"),
        (Message("too_many_digits", {"key": "level", "digits": 5000, "limit": 30}),
         "level: a number with 5,000 digits (at most 30)"),
        (Message("key_not_a_word", {"key": "on", "means": "bool"}),
         "the key 'on' is not read as a word by YAML (it means bool): put it in quotes"),
        (Message("not_a_moment", {"name": "bel.end", "actions": list(ACTIONS)}),
         "'bel.end' is no event, '<clip event>.end' or action (answered, hold, resumed, "
         "ask_repeat, verified, mismatch, transferred, closed, acknowledged, dialled, "
         "message_start, message_end, hang_up)"),
        (Message("look_up_finds_two", {"value": "0471 23 45 67", "name": "Sofie Willems",
                                       "number": "35108624"}),
         "'0471 23 45 67' also finds the file of Sofie Willems (35108624): a look-up must open "
         "one file"),
        (Message("not_listed_in", {"name": "klaar", "list": "closing_codes"}),
         "'klaar' is not in closing_codes"),
        (Message("file_not_regular"), "not a regular file (a pipe, socket or device)"),
        (Message("invalid_value", {"key": "x", "detail": "Input should be a valid UUID"}),
         "x: Input should be a valid UUID"),
    ],
)  # fmt: skip
def test_in_english_the_words_are_those_validate_has_always_printed(
    said: Message, english: str
) -> None:
    language.install("en")
    assert messages.text(said) == english


def test_every_mistake_in_a_call_is_said_in_french_without_english() -> None:
    """Every rule of a call's checks, worded in French: French words around the file's own
    keys and values, no English sentence left."""
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(broken_scenario(), Path("gesprek.yaml"), {"nl-groet-01": "nl"})
    language.install("fr")
    said = [messages.problem(p) for p in caught.value.problems]
    assert said[0].startswith("gesprek.yaml:")
    assert "« 0471 23 45 67 » trouve aussi la fiche de Sofie Willems (35108624)" in said[0]
    for english in (" is no ", " is not in ", "duplicate", "waits for", "unknown", "twice"):
        assert not [s for s in said if english in s], english


def test_a_value_pydantic_words_itself_says_whose_words_they_are() -> None:
    language.install("nl")
    said = Message("invalid_value", {"key": "x", "detail": "Input should be a valid UUID"})
    assert messages.text(said) == "x: Input should be a valid UUID (in de woorden van de controle)"


def test_a_problem_about_a_key_says_the_key_first() -> None:
    language.install("fr")
    found = Problem(
        Path("clips.yaml"), 5, Message("audio_not_regular", {"path": "nl/a.wav"}), "file"
    )
    assert messages.problem(found).startswith("clips.yaml:5: file: nl/a.wav : ")
    assert messages.problem(found, place=False).startswith("file: nl/a.wav : ")


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("nl", ["regel 1: de verplichte sleutel 'kind' ontbreekt (bekende soorten: copy, "
                "dictation, call, chat, queue)",
                "regel 1: de verplichte sleutel 'title' ontbreekt",
                "regel 1: de verplichte sleutel 'language' ontbreekt",
                "regel 2: id: past niet bij het patroon '^[a-z0-9][a-z0-9-]{2,63}$'",
                "regel 3: level: mag hoogstens 5 zijn"]),
        ("fr", ["ligne 1 : la clé obligatoire « kind » manque (types connus : copy, dictation, "
                "call, chat, queue)",
                "ligne 1 : la clé obligatoire « title » manque",
                "ligne 1 : la clé obligatoire « language » manque",
                "ligne 2 : id : ne correspond pas au motif « ^[a-z0-9][a-z0-9-]{2,63}$ »",
                "ligne 3 : level : doit valoir au plus 5"]),
    ],
)  # fmt: skip
def test_the_home_screen_lists_a_broken_file_in_the_language_shown(
    qtbot, data_dir: Path, exercises: Path, lang: str, lines: list[str]
) -> None:
    (data_dir / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    (exercises / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    assert language.install_at_start(data_dir) == lang  # (as the app starts)
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    assert broken_lines(window) == lines
    tip = broken_item(window).child(4).toolTip(0)
    assert tip == f"{exercises / 'kapot.yaml'}:3: {lines[4].split(': ', 1)[1]}"


def test_the_broken_list_follows_a_language_chosen_while_it_shows(
    qtbot, data_dir: Path, exercises: Path
) -> None:
    (exercises / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    window.show()
    assert broken_lines(window)[-1] == "regel 3: level: mag hoogstens 5 zijn"
    language.install("en")
    qtbot.waitUntil(lambda: broken_lines(window)[-1].startswith("line 3"))
    assert broken_lines(window)[-1] == "line 3: level: Input should be less than or equal to 5"


def broken_item(window: MainWindow):  # type: ignore[no-untyped-def]
    tree = window.home.exercise_tree
    broken = tree.topLevelItem(tree.topLevelItemCount() - 1).child(0)
    assert broken.text(0) == "kapot.yaml"
    return broken


def broken_lines(window: MainWindow) -> list[str]:
    broken = broken_item(window)
    return [broken.child(i).text(0) for i in range(broken.childCount())]
