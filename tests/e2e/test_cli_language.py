"""The ``simultaan`` command speaks the language its environment or ``--lang`` asks for.

Run as a script runs it (a real process). The machine these tests run on has only the C
locale installed: ``LANG=fr_BE.UTF-8`` must still give French, as on a Brussels workstation
whose locale was never generated. JSON output never changes with the language.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_call_scoring import CALL, good_call
from tests.core.test_scenario import documented_example
from tests.journals import write_journal
from trainer.cli import language
from trainer.core.journal import ActionEvent

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def simultaan(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``simultaan ARGS`` with only the locale variables given (the others removed)."""
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "trainer", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=clean | env,
    )


@pytest.fixture
def attempt(tmp_path: Path) -> list[str]:
    """A typing attempt with one wrong word in four, too slow for its minimum."""
    reference = tmp_path / "ref.txt"
    reference.write_text("De klant belt terug.", encoding="utf-8")
    typed = tmp_path / "typed.txt"
    typed.write_text("De klant blt terug.", encoding="utf-8")
    files = ["--reference", str(reference), "--input-stream", str(typed)]
    return ["score", *files, "--seconds", "10", "--min-wpm", "30"]


def test_the_command_follows_lang_even_when_that_locale_is_not_installed(
    attempt: list[str],
) -> None:
    told = simultaan(*attempt, LANG="fr_BE.UTF-8")
    assert told.returncode == 0, told.stderr
    lines = told.stdout.splitlines()
    # 1 wrong word of 4 is 25 %; written as a Belgian reads it, with a decimal comma
    assert lines[0] == (
        "NON RÉUSSI : taux d'erreur 25,00 % (mots) pour une marge de 3,00 % (trop de fautes)"
    )
    assert lines[1].endswith("pour un minimum de 30 (trop lent)")


def test_lang_option_wins_over_the_environment(attempt: list[str]) -> None:
    told = simultaan(*attempt, "--lang", "en", LANG="fr_BE.UTF-8")
    assert told.stdout.splitlines()[0] == (
        "NOT PASSED: error rate 25.00% (word) against a margin of 3.00% (too many errors)"
    )
    told = simultaan("--lang=nl", *attempt, LANG="fr_BE.UTF-8")
    assert told.stdout.startswith("NIET GESLAAGD: foutenpercentage 25,00 % (woorden)")


def test_language_then_lc_all_then_lang_as_for_every_program(attempt: list[str]) -> None:
    dutch = simultaan(*attempt, LANGUAGE="de_DE:nl_BE", LC_ALL="fr_BE.UTF-8", LANG="en_GB")
    assert dutch.stdout.startswith("NIET GESLAAGD")  # the first of LANGUAGE's we speak
    french = simultaan(*attempt, LC_ALL="fr_BE.UTF-8", LANG="nl_BE.UTF-8")
    assert french.stdout.startswith("NON RÉUSSI")
    english = simultaan(*attempt, LANG="C.UTF-8")  # scripts and cron: as it always was
    assert english.stdout.startswith("NOT PASSED: error rate 25.00%")
    assert simultaan(*attempt, LANG="de_DE.UTF-8").stdout.startswith("NOT PASSED")


def test_json_is_the_same_in_every_language(attempt: list[str]) -> None:
    outputs = {
        code: simultaan(*attempt, "--json", "--lang", code).stdout for code in ("nl", "fr", "en")
    }
    assert outputs["nl"] == outputs["fr"] == outputs["en"]
    assert json.loads(outputs["fr"])["passed"] is False


def test_usage_errors_and_help_in_french() -> None:
    told = simultaan("score", LANG="fr_BE.UTF-8")
    assert told.returncode == 2
    assert told.stderr.startswith("utilisation : simultaan score")
    assert "ces arguments sont obligatoires : --reference, --input-stream" in told.stderr
    helped = simultaan("--help", LANG="fr_BE.UTF-8")
    assert "évaluer une tentative de frappe" in helped.stdout
    wrong = simultaan("--lang", "de", "list")
    assert wrong.returncode == 2 and "--lang" in wrong.stderr


def test_a_calls_reasons_are_said_in_the_commands_language(tmp_path: Path) -> None:
    source = tmp_path / "gesprek.yaml"
    source.write_text(documented_example(), encoding="utf-8")
    events = [  # the summary never ticked
        e for e in good_call() if not (isinstance(e, ActionEvent) and e.target == "summarise")
    ]
    journal = tmp_path / "call.jsonl"
    write_journal(journal, CALL, events)
    told = {
        code: simultaan("replay", source, journal, "--lang", code).stdout.splitlines()
        for code in ("fr", "en")
    }
    french = told["fr"]
    at = french.index("  D140801 Id16700: NON démontrée")
    assert french[at + 1] == "      étape « Résumer » non effectuée"
    english = told["en"]
    at = english.index("  D140801 Id16700: NOT shown")
    assert english[at + 1] == "      step 'Summarise' not done"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "nl_BE@euro"}, "nl"),
        ({"LANGUAGE": "fr:nl", "LANG": "nl_BE.UTF-8"}, "fr"),
        ({"LANGUAGE": "de", "LANG": "nl_BE.UTF-8"}, "nl"),  # none we speak: on to LANG
        ({"LC_ALL": "C", "LANG": "fr_BE.UTF-8"}, "en"),  # LC_ALL set: it decides
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_BE"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({}, "en"),
    ],
)
def test_the_environment_is_read_without_setlocale(
    environment: dict[str, str], expected: str
) -> None:
    assert language.from_environment(environment) == expected


def test_lang_is_taken_out_of_the_arguments_wherever_it_stands() -> None:
    assert language.split_lang(["list", "--lang", "fr", "--json"]) == ("fr", ["list", "--json"])
    assert language.split_lang(["--lang=nl", "list"]) == ("nl", ["list"])
    # a language Simultaan does not speak is left for argparse to refuse
    assert language.split_lang(["--lang", "de", "list"]) == (None, ["--lang", "de", "list"])
