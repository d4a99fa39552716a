"""The ``simultaan`` command run as an exam script runs it: a real process, its output, its exit.

design.md makes the command an outside contract: the JSON keys of ``score``, the
``FILE:LINE: message`` lines of ``validate``, and the exit codes (0 success, 1 the input is
wrong, with a message naming the file, 2 a usage error, never a traceback for a user's mistake).
Every expected number below is worked out by hand in a comment, not copied from the output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.contract import SCORE_JSON_KEYS
from trainer import __version__
from trainer.core.exercise import CopyExercise, content_hash
from trainer.core.journal import EndEvent, Header, KeyEvent, read_journal
from trainer.core.journal_writer import JournalWriter
from trainer.core.loader import load_catalog
from trainer.core.scoring import score as score_session

CONSOLE_SCRIPT = Path(sys.executable).with_name("simultaan")
EXERCISES = REPO / "exercises"
BS = "\b"  # U+0008, Backspace in an input stream

DESIGN_KEYS = SCORE_JSON_KEYS
ERROR_ITEM_KEYS = {"type", "position", "expected", "typed"}

# P = "the quick brown"; the trainee typed "th quix", erased the x, and went on "ck brpown".
WORKED_REFERENCE = "the quick brown"
WORKED_STREAM = f"th quix{BS}ck brpown"


# --- helpers ------------------------------------------------------------------------------


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m trainer ARGS`` as a script would run it (the test's private data folder)."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def write(folder: Path, name: str, text: str) -> Path:
    """A UTF-8 file holding exactly ``text`` (no newline translation)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def score_json(folder: Path, reference: str, stream: str, *options: str) -> dict[str, Any]:
    """``simultaan score --json`` on a reference and an input stream; must succeed."""
    ref = write(folder, "reference.txt", reference)
    typed = write(folder, "input-stream.txt", stream)
    result = run("score", "--reference", ref, "--input-stream", typed, "--json", *options)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def assert_user_error(result: subprocess.CompletedProcess[str], *named: str | Path) -> None:
    """Exit 1 with a one-line message naming what is wrong, nothing on stdout, no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("simultaan ")
    for name in named:
        assert str(name) in result.stderr


def assert_usage_error(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 2 with argparse's usage text on stderr, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "usage: simultaan" in result.stderr
    assert "error:" in result.stderr
    assert result.stdout == ""


def numbered_words(count: int) -> list[str]:
    """``count`` different ordinary-looking words."""
    stems = ["klant", "factuur", "ticket", "adres", "nummer", "bestelling", "levering"]
    return [f"{stems[i % len(stems)]}{i}" for i in range(count)]


def with_wrong_words(words: list[str], wrong: list[int]) -> str:
    """The words joined by spaces, the ones at the indexes in ``wrong`` mistyped (one letter)."""
    return " ".join(f"{w}x" if i in wrong else w for i, w in enumerate(words))


# --- score: the worked example ---------------------------------------------------------------


def test_worked_example_counts_and_rates(tmp_path: Path) -> None:
    result = score_json(tmp_path, WORKED_REFERENCE, WORKED_STREAM)
    # IS has 17 keystrokes (16 characters and 1 Backspace); T = "th quick brpown" (15).
    # MSD(P, T) = 2: the missing "e" and the extra "p". C = max(15, 15) - 2 = 13.
    # IF = |IS| - |T| - F = 17 - 15 - 1 = 1 (the erased "x").
    assert result["correct"] == 13
    assert result["incorrect_not_fixed"] == 2
    assert result["incorrect_fixed"] == 1
    assert result["fixes"] == 1
    assert result["msd"] == 2
    assert result["keystrokes"] == 17
    assert result["msd_error_rate"] == pytest.approx(2 / 15)
    # C + INF + IF = 16
    assert result["total_error_rate"] == pytest.approx(3 / 16)
    assert result["corrected_error_rate"] == pytest.approx(1 / 16)
    assert result["uncorrected_error_rate"] == pytest.approx(2 / 16)
    assert result["kspc"] == pytest.approx(17 / 15)
    # "the" -> "th" and "brown" -> "brpown": 2 of 3 words wrong, far above 3%.
    assert result["reference_words"] == 3
    assert result["word_errors"] == 2
    assert result["word_error_rate"] == pytest.approx(2 / 3)
    assert result["unit"] == "word"
    assert result["margin"] == pytest.approx(0.03)
    assert result["error_rate"] == pytest.approx(2 / 3)
    assert result["passed"] is False
    # no --seconds: no speeds
    assert result["seconds"] is None
    assert result["wpm"] is None
    assert result["chars_per_minute"] is None
    assert result["keystrokes_per_minute"] is None


def test_worked_example_has_every_design_key_and_lists_its_errors(tmp_path: Path) -> None:
    result = score_json(tmp_path, WORKED_REFERENCE, WORKED_STREAM)
    assert result.keys() >= DESIGN_KEYS, f"missing: {DESIGN_KEYS - result.keys()}"
    assert isinstance(result["errors"], list)
    assert len(result["errors"]) == result["incorrect_not_fixed"] == 2
    for item in result["errors"]:
        assert item.keys() >= ERROR_ITEM_KEYS
    found = [(e["type"], e["position"], e["expected"], e["typed"]) for e in result["errors"]]
    # "the" lost its "e" (reference index 2); a "p" stands before the "o" of "brown" (index 12).
    assert found == [("omission", 2, "e", ""), ("insertion", 12, "", "p")]


def test_seconds_gives_the_speeds(tmp_path: Path) -> None:
    result = score_json(tmp_path, WORKED_REFERENCE, WORKED_STREAM, "--seconds", "10")
    assert result["seconds"] == 10
    # (|T| - 1) / 10 s * 60 = 14 * 6 = 84 characters per minute, / 5 = 16.8 WPM
    assert result["chars_per_minute"] == pytest.approx(84)
    assert result["wpm"] == pytest.approx(16.8)
    # (17 keystrokes - 1) * 6 = 96 per minute
    assert result["keystrokes_per_minute"] == pytest.approx(96)


def test_unit_char_decides_on_the_character_error_rate(tmp_path: Path) -> None:
    worked = score_json(tmp_path, WORKED_REFERENCE, WORKED_STREAM, "--unit", "char")
    assert worked["unit"] == "char"
    assert worked["error_rate"] == worked["msd_error_rate"] == pytest.approx(2 / 15)

    # 10 long words, one letter wrong: 1 of 10 words (10%) but 1 of 159 characters (0.6%).
    reference = " ".join(f"telefoonnummer{i}" for i in range(10))
    typed = reference.replace("telefoonnummer3", "telefoonnunmer3")
    assert len(reference) == 10 * 15 + 9
    by_word = score_json(tmp_path, reference, typed)
    by_char = score_json(tmp_path, reference, typed, "--unit", "char")
    assert by_word["passed"] is False
    assert by_word["error_rate"] == pytest.approx(1 / 10)
    assert by_char["passed"] is True
    assert by_char["error_rate"] == pytest.approx(1 / 159)


def test_margin_option_changes_the_verdict_at_4_percent(tmp_path: Path) -> None:
    words = numbered_words(25)
    reference = " ".join(words)
    typed = with_wrong_words(words, [12])  # 1 of 25 words: 4%
    default = score_json(tmp_path, reference, typed)
    assert default["error_rate"] == pytest.approx(0.04)
    assert default["passed"] is False
    wider = score_json(tmp_path, reference, typed, "--margin", "0.05")
    assert wider["margin"] == pytest.approx(0.05)
    assert wider["error_rate"] == pytest.approx(0.04)
    assert wider["passed"] is True


@pytest.mark.parametrize(("wrong", "passed"), [([10, 40, 70], True), ([10, 40, 70, 90], False)])
def test_three_word_errors_in_100_pass_and_four_fail(
    tmp_path: Path, wrong: list[int], passed: bool
) -> None:
    words = numbered_words(100)
    result = score_json(tmp_path, " ".join(words), with_wrong_words(words, wrong))
    assert result["reference_words"] == 100
    assert result["word_errors"] == len(wrong)
    assert result["margin"] == pytest.approx(0.03)
    assert result["passed"] is passed


def test_partial_does_not_count_the_unreached_tail(tmp_path: Path) -> None:
    words = numbered_words(10)
    reference = " ".join(words)
    typed = " ".join(words[:5])  # time ran out halfway
    whole = score_json(tmp_path, reference, typed)
    assert whole["reference_words"] == 10
    assert whole["word_errors"] == 5  # the five words never typed count as missing
    assert whole["passed"] is False

    partial = score_json(tmp_path, reference, typed, "--partial")
    assert partial["reference_words"] == 5
    assert partial["word_errors"] == 0
    assert partial["incorrect_not_fixed"] == 0
    assert partial["errors"] == []
    assert partial["passed"] is True

    # a typo in the part reached still counts: 1 of the 5 words reached
    slipped = score_json(tmp_path, reference, with_wrong_words(words[:5], [2]), "--partial")
    assert slipped["reference_words"] == 5
    assert slipped["word_errors"] == 1
    assert slipped["passed"] is False


def test_min_wpm_needs_the_net_speed_as_well_as_the_margin(tmp_path: Path) -> None:
    words = numbered_words(20)
    reference = " ".join(words)
    # every character right: |T| = correct characters
    correct = len(reference)
    seconds = correct / 5 / 30 * 60  # exactly 30 net words per minute
    fast = score_json(tmp_path, reference, reference, "--seconds", str(seconds), "--min-wpm", "30")
    assert fast["min_wpm"] == 30
    assert fast["net_wpm"] == pytest.approx(30)
    assert fast["passed"] is True
    slow = score_json(
        tmp_path, reference, reference, "--seconds", str(seconds * 1.01), "--min-wpm", "30"
    )
    assert slow["error_rate"] == 0
    assert slow["within_margin"] is True
    assert slow["fast_enough"] is False
    assert slow["passed"] is False
    plain = score_json(tmp_path, reference, reference, "--seconds", str(seconds * 2))
    assert plain["min_wpm"] is None
    assert plain["passed"] is True


def test_human_output_says_which_of_the_two_failed(tmp_path: Path) -> None:
    ref = write(tmp_path, "ref.txt", "Klant belt morgen terug.")
    typed = write(tmp_path, "typed.txt", "Klant belt morgen terug.")
    result = run(
        "score", "--reference", ref, "--input-stream", typed, "--seconds", "60", "--min-wpm", "25"
    )
    assert result.returncode == 0
    assert "NOT PASSED" in result.stdout
    assert "too slow" in result.stdout
    assert "too many errors" not in result.stdout


def test_min_wpm_without_seconds_is_a_usage_error(good_files: tuple[Path, Path]) -> None:
    ref, typed = good_files
    result = run("score", "--reference", ref, "--input-stream", typed, "--min-wpm", "20")
    assert_usage_error(result)
    assert "--seconds" in result.stderr


def test_ignore_lists_what_was_not_marked(tmp_path: Path) -> None:
    reference = "Bel mij terug op 0475 38 12 96, tussen 14 en 16 uur."
    typed = "bel mij terug op 0475/38.12.96 tussen 14 en 16 uur"
    # marked: the capital, the number in another format (one word typed for four), the comma
    # that went with it, and the full stop
    strict = score_json(tmp_path, reference, typed)
    assert strict["ignored"] == []
    assert strict["word_errors"] == 6
    lenient = score_json(tmp_path, reference, typed, "--ignore", "punctuation,case,number-format")
    assert lenient["ignored"] == ["punctuation", "case", "number-format"]
    assert lenient["word_errors"] == 0
    assert lenient["reference_words"] == 10
    assert lenient["passed"] is True
    some = score_json(tmp_path, reference, typed, "--ignore", "number-format,punctuation")
    assert some["ignored"] == ["punctuation", "number-format"]
    assert [(e["expected"], e["typed"]) for e in some["word_error_list"]] == [("Bel", "bel")]


def test_the_error_list_names_splits_and_joins_in_words(tmp_path: Path) -> None:
    result = score_json(
        tmp_path,
        "De technieker komt, want ik heb geen internet in Sint-Niklaas.",
        "De techn ieker komt, want ik heb geeninternet in Sint Niklaas.",
    )
    assert result["word_errors"] == 3
    found = [(e["type"], e["expected"], e["typed"]) for e in result["word_error_list"]]
    assert found == [
        ("split", "technieker", "techn ieker"),
        ("join", "geen internet", "geeninternet"),
        ("split", "Sint-Niklaas.", "Sint Niklaas."),
    ]
    assert result["word_error_list"][2]["detail"] == "hyphen"


def test_an_accent_typed_precomposed_or_with_a_combining_mark_is_the_same(tmp_path: Path) -> None:
    reference = "Réunion à l'hôtel: café crème pour l'élève, reçu 12 €."
    precomposed = unicodedata.normalize("NFC", reference)
    decomposed = unicodedata.normalize("NFD", reference)
    assert "e\u0301" in decomposed and precomposed != decomposed  # the test means something

    one = score_json(tmp_path, precomposed, precomposed)
    other = score_json(tmp_path, precomposed, decomposed)
    assert one == other
    assert one["incorrect_not_fixed"] == 0
    assert one["correct"] == len(precomposed)
    assert one["keystrokes"] == len(precomposed)  # é is one keystroke, however it arrives
    assert one["passed"] is True
    # and the other way round: a decomposed reference file, typed with precomposed letters
    assert score_json(tmp_path, decomposed, precomposed) == one


def test_a_wrong_accent_is_one_error_reported_in_utf8(tmp_path: Path) -> None:
    result = score_json(tmp_path, "café crème", "cafe crème", "--unit", "char")
    assert result["incorrect_not_fixed"] == 1
    assert [(e["expected"], e["typed"], e["position"]) for e in result["errors"]] == [("é", "e", 3)]


def test_trailing_newlines_in_both_files_are_not_errors(tmp_path: Path) -> None:
    reference = "Klant belt terug.\nTicket gesloten.\n"  # as an editor saves it
    stream = "Klant belt terug.\nTicket gesloten.\n"  # Enter pressed at the end as well
    result = score_json(tmp_path, reference, stream)
    assert result["incorrect_not_fixed"] == 0
    assert result["incorrect_fixed"] == 0
    assert result["errors"] == []
    assert result["word_errors"] == 0
    assert result["reference_words"] == 5
    assert result["kspc"] == pytest.approx(1.0)
    assert result["passed"] is True
    # only one of the two ending in a newline: still the same text
    assert score_json(tmp_path, reference, stream.rstrip("\n"))["incorrect_not_fixed"] == 0
    assert score_json(tmp_path, reference.rstrip("\n"), stream)["incorrect_not_fixed"] == 0


def test_a_reference_file_with_a_byte_order_mark_is_the_same_text(tmp_path: Path) -> None:
    # Notepad and Windows PowerShell write UTF-8 with a BOM; it is not a character to type.
    result = score_json(tmp_path, "\ufeffthe quick brown", "the quick brown")
    assert result["incorrect_not_fixed"] == 0
    assert result["word_errors"] == 0
    assert result["passed"] is True


def test_human_readable_output_says_passed_or_not_passed(tmp_path: Path) -> None:
    ref = write(tmp_path, "ref.txt", WORKED_REFERENCE)
    wrong = write(tmp_path, "wrong.txt", WORKED_STREAM)
    right = write(tmp_path, "right.txt", f"the quick bro{BS}{BS}rown")

    failed = run("score", "--reference", ref, "--input-stream", wrong, "--seconds", "10")
    assert failed.returncode == 0, failed.stderr
    first = failed.stdout.splitlines()[0]
    assert first.startswith("NOT PASSED")
    assert "16.8 WPM" in failed.stdout  # (15 - 1) / 10 s * 60 / 5

    passed = run("score", "--reference", ref, "--input-stream", right)
    assert passed.returncode == 0, passed.stderr
    first = passed.stdout.splitlines()[0]
    assert first.startswith("PASSED")
    assert "NOT PASSED" not in passed.stdout
    assert not passed.stdout.lstrip().startswith("{")  # not JSON without --json


def test_relative_file_names_are_read_from_the_working_folder(tmp_path: Path) -> None:
    write(tmp_path, "ref.txt", WORKED_REFERENCE)
    write(tmp_path, "in.txt", WORKED_STREAM)
    result = run(
        "score", "--reference", "ref.txt", "--input-stream", "in.txt", "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["correct"] == 13


def test_the_console_script_scores_like_python_m_trainer(tmp_path: Path) -> None:
    assert CONSOLE_SCRIPT.is_file(), f"no console script at {CONSOLE_SCRIPT}"
    ref = write(tmp_path, "ref.txt", WORKED_REFERENCE)
    typed = write(tmp_path, "in.txt", WORKED_STREAM)
    args = ["score", "--reference", str(ref), "--input-stream", str(typed), "--json"]
    script = subprocess.run(
        [str(CONSOLE_SCRIPT), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert script.returncode == 0, script.stderr
    assert json.loads(script.stdout) == json.loads(run(*args).stdout)


# --- errors and usage ------------------------------------------------------------------------


@pytest.fixture
def good_files(tmp_path: Path) -> tuple[Path, Path]:
    """A valid reference and input stream, so that only the option under test is wrong."""
    return write(tmp_path, "ref.txt", WORKED_REFERENCE), write(tmp_path, "in.txt", WORKED_STREAM)


def test_a_missing_reference_file_is_named(tmp_path: Path, good_files: tuple[Path, Path]) -> None:
    missing = tmp_path / "no-such-reference.txt"
    result = run("score", "--reference", missing, "--input-stream", good_files[1], "--json")
    assert_user_error(result, missing)


def test_a_missing_input_stream_file_is_named(
    tmp_path: Path, good_files: tuple[Path, Path]
) -> None:
    missing = tmp_path / "no-such-stream.txt"
    result = run("score", "--reference", good_files[0], "--input-stream", missing, "--json")
    assert_user_error(result, missing)


@pytest.mark.parametrize("which", ["--reference", "--input-stream"])
def test_a_file_that_is_not_utf8_is_named(
    tmp_path: Path, good_files: tuple[Path, Path], which: str
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("café crème".encode("latin-1"))
    files = {"--reference": good_files[0], "--input-stream": good_files[1], which: latin1}
    result = run("score", *[part for pair in files.items() for part in pair])
    assert_user_error(result, latin1)
    assert "UTF-8" in result.stderr


def test_a_folder_given_as_a_file_is_named(tmp_path: Path, good_files: tuple[Path, Path]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("score", "--reference", folder, "--input-stream", good_files[1])
    assert_user_error(result, folder)
    assert "folder" in result.stderr


def test_an_empty_reference_file_is_an_input_error(
    tmp_path: Path, good_files: tuple[Path, Path]
) -> None:
    # Nothing to type means 0 of 0 words wrong: it must not come out as PASSED.
    empty = write(tmp_path, "empty.txt", "\n")
    result = run("score", "--reference", empty, "--input-stream", good_files[1], "--json")
    assert_user_error(result, empty)
    assert "empty" in result.stderr


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(["--unit", "line"], id="unknown-unit"),
        pytest.param(["--margin", "3"], id="margin-3"),
        pytest.param(["--margin", "abc"], id="margin-abc"),
        pytest.param(["--margin", "-0.01"], id="margin-negative"),
        pytest.param(["--margin", "nan"], id="margin-nan"),
        pytest.param(["--margin", "3%"], id="margin-percent"),
        pytest.param(["--seconds", "-1"], id="seconds-negative"),
        pytest.param(["--seconds", "0"], id="seconds-zero"),
        pytest.param(["--seconds", "abc"], id="seconds-abc"),
        pytest.param(["--seconds", "inf"], id="seconds-inf"),
        pytest.param(["--seconds", "nan"], id="seconds-nan"),
        pytest.param(["--frobnicate"], id="unknown-option"),
        pytest.param(["--ignore", "accents"], id="ignore-unknown"),
        pytest.param(["--seconds", "10", "--min-wpm", "0"], id="min-wpm-zero"),
        pytest.param(["--seconds", "10", "--min-wpm", "fast"], id="min-wpm-text"),
    ],
)
def test_a_bad_option_is_a_usage_error(good_files: tuple[Path, Path], options: list[str]) -> None:
    ref, typed = good_files
    result = run("score", "--reference", ref, "--input-stream", typed, "--json", *options)
    assert_usage_error(result)
    named = [o for o in options if o.startswith("--")]
    assert named[-1] in result.stderr  # says which option


@pytest.mark.parametrize("left_out", ["--reference", "--input-stream"])
def test_a_missing_required_option_is_a_usage_error(
    good_files: tuple[Path, Path], left_out: str
) -> None:
    files = {"--reference": good_files[0], "--input-stream": good_files[1]}
    del files[left_out]
    result = run("score", *[part for pair in files.items() for part in pair], "--json")
    assert_usage_error(result)
    assert left_out in result.stderr


def test_an_unknown_sub_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert_usage_error(result)
    assert "frobnicate" in result.stderr


# --- validate --------------------------------------------------------------------------------

GOOD_EXERCISE = """\
format: 1
id: test-good
title: A good exercise
language: en
kind: copy
level: 1
text: The quick brown fox jumps over the lazy dog.
"""

BAD_EXERCISE = """\
format: 1
id: test-bad
title: An unknown key and a wrong level
language: en
kind: copy
level: 9
time_limt: 60
text: The quick brown fox jumps over the lazy dog.
"""

DUPLICATE_EXERCISE = """\
format: 1
title: The same id as the good one
id: test-good
language: nl
kind: copy
level: 2
text: De snelle bruine vos springt over de luie hond.
"""

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.+)$")


def problem_lines(stdout: str) -> list[tuple[str, int, str]]:
    """Each line of ``validate`` output as (file, line, message); every line must fit."""
    found = []
    for text in stdout.splitlines():
        match = PROBLEM_LINE.match(text)
        assert match, f"not FILE:LINE: message: {text!r}"
        found.append((match["file"], int(match["line"]), match["message"]))
    return found


def test_validate_accepts_the_shipped_exercises() -> None:
    result = run("validate", EXERCISES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no problem lines


def test_validate_reports_each_problem_at_its_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    good = write(folder, "en/copy/a-good.yaml", GOOD_EXERCISE)
    bad = write(folder, "en/copy/b-bad.yaml", BAD_EXERCISE)
    duplicate = write(folder, "nl/copy/c-duplicate.yaml", DUPLICATE_EXERCISE)

    result = run("validate", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = problem_lines(result.stdout)
    assert [(file, line) for file, line, _ in problems] == [
        (str(bad), 6),  # level: 9
        (str(bad), 7),  # time_limt: 60
        (str(duplicate), 3),  # id: test-good
    ]
    # the words scripts read in the C locale, as they were before they were codes
    assert result.stdout.splitlines() == [
        f"{bad}:6: level: Input should be less than or equal to 5",
        f"{bad}:7: unknown key 'time_limt' (allowed here: format, id, title, language, kind, "
        "level, instructions, error_unit, margin, min_wpm, ignore, text, time_limit)",
        # where the id was first used
        f"{duplicate}:3: duplicate id 'test-good': already used by {good}:2",
    ]
    assert str(good) not in [file for file, _, _ in problems]

    # the good file on its own is fine
    alone = run("validate", good)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert alone.stdout == ""


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (
            ["--lang", "fr"],
            [
                "{bad}:6: level : doit valoir au plus 5",
                "{bad}:7: clé inconnue « time_limt » (possibles ici : format, id, title, "
                "language, kind, level, instructions, error_unit, margin, min_wpm, ignore, text, "
                "time_limit)",
                "{duplicate}:3: l'id « test-good » figure deux fois : déjà utilisé dans {good}:2",
            ],
        ),
        (
            ["--lang", "nl"],
            [
                "{bad}:6: level: mag hoogstens 5 zijn",
                "{bad}:7: onbekende sleutel 'time_limt' (hier kan: format, id, title, language, "
                "kind, level, instructions, error_unit, margin, min_wpm, ignore, text, time_limit)",
                "{duplicate}:3: de id 'test-good' staat er twee keer: al gebruikt in {good}:2",
            ],
        ),
    ],
)
def test_validate_says_each_problem_in_the_chosen_language(
    tmp_path: Path, how: list[str], expected: list[str]
) -> None:
    """A French or Dutch coach reads what is wrong with a file in their language, at its file
    and line: no English sentence inside."""
    folder = tmp_path / "exercises"
    good = write(folder, "en/copy/a-good.yaml", GOOD_EXERCISE)
    bad = write(folder, "en/copy/b-bad.yaml", BAD_EXERCISE)
    duplicate = write(folder, "nl/copy/c-duplicate.yaml", DUPLICATE_EXERCISE)
    result = run("validate", *how, folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        line.format(bad=bad, good=good, duplicate=duplicate) for line in expected
    ]


def test_validate_names_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    broken = tmp_path / "latin1.yaml"
    broken.write_bytes(GOOD_EXERCISE.replace("A good", "Un café").encode("latin-1"))
    result = run("validate", broken)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [(file, line, message)] = problem_lines(result.stdout)
    assert (file, line) == (str(broken), 1)
    assert "UTF-8" in message


def test_validate_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    assert_user_error(run("validate", missing), missing)


def test_validate_an_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_user_error(run("validate", empty), empty)


def test_validate_without_a_path_is_a_usage_error() -> None:
    assert_usage_error(run("validate"))


# --- list ------------------------------------------------------------------------------------


def list_json() -> list[dict[str, Any]]:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_list_json_describes_every_shipped_exercise() -> None:
    rows = list_json()
    assert isinstance(rows, list)
    for row in rows:
        assert {"id", "kind", "language", "level", "title"} <= row.keys()
        assert isinstance(row["level"], int) and 1 <= row["level"] <= 5
        assert row["title"].strip()
    assert len({row["id"] for row in rows}) == len(rows)
    # every exercise file is listed; a language's knowledge base (knowledge/) is not an exercise
    files = [f for f in EXERCISES.rglob("*.yaml") if f.parent.name != "knowledge"]
    assert len(rows) == len(files)
    assert {row["kind"] for row in rows} >= {"copy", "dictation", "call", "queue", "chat"}
    languages = [row["language"] for row in rows]
    assert sum(row["kind"] == "copy" for row in rows) >= 15
    assert languages.count("nl") >= 8
    assert languages.count("fr") >= 4
    assert languages.count("en") >= 3


def test_list_json_agrees_with_the_folder_each_file_is_in() -> None:
    # exercises/<language>/<kind>/<file>.yaml, as exercises/README.md asks
    for row in list_json():
        path = Path(row["file"])
        assert path.is_file()
        assert path.parent.name == row["kind"]
        assert path.parent.parent.name == row["language"]


def test_list_has_one_line_per_exercise() -> None:
    rows = list_json()
    result = run("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        assert line.split()[0] == row["id"]
        assert row["title"] in line


# --- replay ----------------------------------------------------------------------------------

WORDS_TYPED = 36  # 1 wrong word in 36 is 2.8%: within the 3% margin
TYPO_WORD = 10  # this word gets a wrong letter, left in
FIXED_WORD = 20  # before this word a wrong letter is typed and erased with Backspace


def _replay_exercise() -> tuple[CopyExercise, Path]:
    """A shipped copy exercise scored on words at 3%, long enough to stop in the middle."""
    catalog = load_catalog([EXERCISES])
    for entry in sorted(catalog.entries, key=lambda e: e.exercise.id):
        ex = entry.exercise
        if (
            isinstance(ex, CopyExercise)
            and ex.error_unit == "word"
            and ex.margin == Decimal("0.03")
            and len(ex.text.split()) >= WORDS_TYPED + 5
        ):
            return ex, entry.path
    raise AssertionError("no shipped copy exercise to replay")


def _other_exercise(not_this: str) -> CopyExercise:
    catalog = load_catalog([EXERCISES])
    return next(
        e.exercise
        for e in catalog.entries
        if isinstance(e.exercise, CopyExercise) and e.exercise.id != not_this
    )


def _keystrokes(text: str) -> list[KeyEvent]:
    """Typing the first WORDS_TYPED words of ``text`` with one typo left and one corrected."""
    words = list(re.finditer(r"\S+", text))
    typed = text[: words[WORDS_TYPED - 1].end()]
    typo_at = words[TYPO_WORD].start() + 1
    wrong = "q" if typed[typo_at] != "q" else "z"
    typed = typed[:typo_at] + wrong + typed[typo_at + 1 :]
    keys: list[KeyEvent] = []
    t = 0.0
    for index, char in enumerate(typed):
        if index == words[FIXED_WORD].start():
            keys.append(KeyEvent(t=t, text="#"))
            keys.append(KeyEvent(t=t + 0.1, key="Backspace"))
            t += 0.2
        keys.append(KeyEvent(t=round(t, 3), text=char))
        t += 0.2
    return keys


def write_journal(path: Path, exercise: CopyExercise, keys: list[KeyEvent]) -> Path:
    """A journal as the app writes it, ended because the time was up."""
    header = Header(
        exercise_id=exercise.id,
        exercise_hash=content_hash(exercise),
        trainee="Proef Kandidaat",
        mode="exam",
        app_version=__version__,
        started_at="2024-03-01T09:00:00+01:00",
    )
    writer = JournalWriter(path, header)
    for key in keys:
        writer.write(key)
    end_t = keys[-1].t + 1.0 if keys else 1.0
    writer.close(EndEvent(t=end_t, reason="time_up", ended_at="2024-03-01T09:03:00+01:00"))
    return path


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[CopyExercise, Path, Path]:
    """A shipped exercise, its file, and a journal of a session on it."""
    exercise, exercise_file = _replay_exercise()
    journal = write_journal(tmp_path / "session.jsonl", exercise, _keystrokes(exercise.text))
    return exercise, exercise_file, journal


def replay_json(*args: str | Path) -> dict[str, Any]:
    result = run("replay", *args, "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_replay_by_id_and_by_file_equal_the_scoring_of_the_journal(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, exercise_file, journal = recorded
    by_id = replay_json(exercise.id, journal)
    by_file = replay_json(exercise_file, journal)
    assert by_id == by_file
    assert by_id == score_session(exercise, read_journal(journal)).model_dump(mode="json")

    # and what that result says makes sense for the session written above
    assert by_id["exercise_id"] == exercise.id
    assert by_id["exercise_changed"] is False
    assert by_id["ended"] == "time_up"
    assert by_id["completed"] is True
    typing = by_id["typing"]
    assert typing["reference_words"] == WORDS_TYPED  # the unreached tail is not counted
    assert typing["word_errors"] == 1
    assert typing["incorrect_not_fixed"] == 1
    assert typing["fixes"] == 1
    assert typing["incorrect_fixed"] == 1
    assert typing["errors"][0]["typed"] in ("q", "z")
    assert typing["passed"] is True and by_id["passed"] is True  # 1/36 <= 3%


def test_replaying_twice_gives_the_same_output(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, _, journal = recorded
    first = run("replay", exercise.id, journal, "--json")
    second = run("replay", exercise.id, journal, "--json")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    plain = [run("replay", exercise.id, journal).stdout for _ in range(2)]
    assert plain[0] == plain[1]
    assert plain[0].splitlines()[1].startswith("PASSED")


def test_replay_of_a_timed_drill_says_it_was_too_slow(tmp_path: Path) -> None:
    entry = load_catalog([EXERCISES]).by_id("nl-copy-04-terugbelverzoek")
    assert entry is not None and isinstance(entry.exercise, CopyExercise)
    exercise = entry.exercise
    assert exercise.time_limit and exercise.min_wpm
    # the first word only, and then the 150 s ran out: 15 characters in 2.5 minutes
    keys = [KeyEvent(t=i * 0.2, text=ch) for i, ch in enumerate("Terugbelverzoek")]
    journal = write_journal(tmp_path / "slow.jsonl", exercise, keys)
    replayed = run("replay", exercise.id, journal)
    assert replayed.returncode == 0, replayed.stderr
    lines = replayed.stdout.splitlines()
    assert lines[1].startswith("NOT PASSED") and "too many errors" not in lines[1]
    assert lines[2] == "net speed 1.2 WPM against a minimum of 20 (too slow)"
    data = replay_json(exercise.id, journal)
    assert data["typing"]["fast_enough"] is False and data["passed"] is False


def test_replay_with_margin_0_rescores(recorded: tuple[CopyExercise, Path, Path]) -> None:
    exercise, _, journal = recorded
    default = replay_json(exercise.id, journal)
    strict = replay_json(exercise.id, journal, "--margin", "0")
    assert strict["typing"]["margin"] == 0
    assert strict["typing"]["error_rate"] == default["typing"]["error_rate"] > 0
    assert strict["passed"] is False
    assert strict["typing"]["passed"] is False
    assert default["passed"] is True


def test_replay_refuses_the_journal_of_another_exercise(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, _, journal = recorded
    other = _other_exercise(exercise.id)
    result = run("replay", other.id, journal, "--json")
    assert_user_error(result, journal, exercise.id, other.id)


def test_replay_survives_a_torn_last_line(recorded: tuple[CopyExercise, Path, Path]) -> None:
    exercise, _, journal = recorded
    whole = replay_json(exercise.id, journal)
    with journal.open("a", encoding="utf-8") as file:
        file.write('{"type":"key","t":99.5,"te')  # the app was killed mid-write
    assert replay_json(exercise.id, journal) == whole


def test_replay_names_the_damaged_lines_and_scores_the_rest(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, _, journal = recorded
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = '{"type":"key","t":"soon","text":"x"}\n'  # line 5
    lines[9] = lines[9].replace('"t":', '"t":-', 1)  # line 10: before the session started
    lines.append('{"type":"key","t":9999,"text":"x"}\n')  # after the end
    journal.write_text("".join(lines), encoding="utf-8")
    told = run("replay", exercise.id, journal)
    assert told.returncode == 0, told.stderr
    last = len(lines)
    assert told.stderr.splitlines() == [
        f"{journal}:5: skipped: not a journal event (key.t: Input should be a valid number, "
        "unable to parse string as a number)",
        f"{journal}:10: skipped: the time {lines[9].split(':')[2].split(',')[0]} s is out of "
        "range (0 to 604800 s)",
        f"{journal}:{last}: skipped: after the end of the session (line {last - 1})",
    ]
    assert told.stdout.splitlines()[-1] == (
        f"note: the journal was damaged: lines 5, 10, {last} skipped, the rest scored"
    )
    data = json.loads(run("replay", exercise.id, journal, "--json").stdout)
    assert data["damaged_lines"] == [
        {"line": 5, "code": "not_an_event"},
        {"line": 10, "code": "time_out_of_range"},
        {"line": last, "code": "after_end"},
    ]
    assert data["ended"] == "time_up" and data["typing"]["transcribed"]


def test_replay_of_a_journal_without_a_header_is_refused(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, _, journal = recorded
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    journal.write_text("".join(["{oops\n", *lines[1:]]), encoding="utf-8")
    assert_user_error(run("replay", exercise.id, journal), f"{journal}:1: not a journal header")


def test_replay_of_an_undamaged_journal_says_nothing_of_damage(
    recorded: tuple[CopyExercise, Path, Path],
) -> None:
    exercise, _, journal = recorded
    told = run("replay", exercise.id, journal)
    assert told.returncode == 0 and told.stderr == "" and "damaged" not in told.stdout
    assert replay_json(exercise.id, journal)["damaged_lines"] == []


def test_replay_of_an_unknown_exercise_id(recorded: tuple[CopyExercise, Path, Path]) -> None:
    _, _, journal = recorded
    assert_user_error(run("replay", "no-such-exercise", journal), "no-such-exercise")


def test_replay_of_a_missing_journal(
    tmp_path: Path, recorded: tuple[CopyExercise, Path, Path]
) -> None:
    exercise, _, _ = recorded
    missing = tmp_path / "nowhere.jsonl"
    assert_user_error(run("replay", exercise.id, missing), missing)


# --- version and help ------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"simultaan {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_help_of_the_console_script_lists_the_sub_commands() -> None:
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: simultaan")
    for command in ("score", "validate", "list", "replay"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command


def test_json_is_utf8_whatever_the_locale_and_a_decimal_comma_is_a_margin(tmp_path: Path) -> None:
    reference = tmp_path / "ref.txt"
    reference.write_text("Café € 49,95", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "score",
            "--reference",
            str(reference),
            "--input-stream",
            str(reference),
            "--margin",
            "0,05",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        env=os.environ | {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    )
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout.decode("utf-8"))
    assert result["transcribed"] == "Café € 49,95"
    assert result["margin"] == 0.05


def test_replay_of_a_call_says_who_was_looked_up_and_why_nothing_was_assessed(
    tmp_path: Path,
) -> None:
    from tests.core.test_call_scoring import CALL, good_call
    from tests.core.test_scenario import documented_example
    from tests.journals import write_journal as write_call_journal

    source = write(tmp_path, "gesprek.yaml", documented_example())
    good = tmp_path / "good.jsonl"
    write_call_journal(good, CALL, good_call())
    told = run("replay", source, good)
    assert told.returncode == 0, told.stderr
    assert "looked up '3510 8624' by customer number: the caller's record" in told.stdout
    stopped = tmp_path / "stopped.jsonl"
    write_call_journal(stopped, CALL, [*good_call()[:3], EndEvent(t=9.0, reason="abandoned")])
    told = run("replay", source, stopped)
    assert "not assessed: not completed" in told.stdout
    # a damaged line of a call is named and skipped, and the result says so
    damaged = tmp_path / "damaged.jsonl"
    lines = good.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[12] = lines[12].replace('"t":', '"t":NaN,"x":', 1)  # line 13
    damaged.write_text("".join(lines), encoding="utf-8")
    told = run("replay", source, damaged)
    assert told.returncode == 0, told.stderr
    assert told.stderr == f"{damaged}:13: skipped: the time is not a finite number\n"
    assert "note: the journal was damaged: line 13 skipped, the rest scored" in told.stdout
    assert "the caller was not looked up" in told.stdout


def test_replay_of_an_outbound_call_says_whether_a_number_was_dialled(tmp_path: Path) -> None:
    """An outbound call that reached nobody is not assessed: the replay says whether the
    trainee dialled at all or reached no one (a busy line, given up)."""
    from tests.core.test_call_engine import Desk
    from tests.core.test_outbound_calls import shipped
    from tests.journals import write_journal as write_call_journal
    from trainer.core import call_engine as ce

    source = REPO / "exercises/nl/call/nl-uitgaand-01-terugbellen-ticket.yaml"
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    never = Desk(call)
    never.do(ce.Due())
    busy = Desk(call)
    busy.do(ce.Due())
    busy.do(ce.Dial(call.number_to_dial))  # the line is busy the first time
    busy.do(ce.Key("end"))
    told = {}
    for name, desk in (("never", never), ("busy", busy)):
        journal = tmp_path / f"{name}.jsonl"
        events = [*desk.journal, EndEvent(t=desk.t + 1, reason="abandoned")]
        write_call_journal(journal, call, events)
        told[name] = run("replay", source, journal)
        assert told[name].returncode == 0, told[name].stderr
    assert "not assessed: no number was dialled" in told["never"].stdout
    assert "not assessed: nobody was reached" in told["busy"].stdout
    assert "the call was not answered" not in told["never"].stdout + told["busy"].stdout


def test_scoring_a_typed_text_loads_neither_the_exercises_nor_the_call_scorers(
    tmp_path: Path,
) -> None:
    # every command imports the commands' module: what only some commands use loads in them
    # (the calls' scoring, the exercise models and their YAML were 160 ms of every start)
    from tests.probes import run_probe

    probe = """
import contextlib, io, sys
from trainer.cli import main
sys.argv = ["simultaan", "score", "--reference", sys.argv[1], "--input-stream", sys.argv[2]]
with contextlib.redirect_stdout(io.StringIO()) as said:
    code = main()
heavy = ("trainer.core.call_scoring", "trainer.core.chat_scoring", "trainer.core.queue_scoring",
         "trainer.core.scenario", "trainer.core.loader", "yaml")
print(code, said.getvalue().split(":")[0], [m for m in heavy if m in sys.modules])
"""
    reference = write(tmp_path, "ref.txt", WORKED_REFERENCE)
    stream = write(tmp_path, "typed.txt", WORKED_STREAM)
    assert run_probe(probe, str(reference), str(stream)) == "0 NOT PASSED []"
