"""What goes wrong while working, told by the ``simultaan`` command in the language asked
(``--lang``): a damaged journal line and a journal without a header on ``replay``, a clip file
that cannot be played on ``play``. English stays what scripts have always read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_bad_input import MANIFEST, wav, write
from tests.e2e.test_cli import _keystrokes, _replay_exercise, run, write_journal


def damaged_journal(tmp_path: Path) -> tuple[str, Path, int]:
    """A session's journal with line 5 garbled and a keystroke written after its end."""
    exercise, _ = _replay_exercise()
    journal = write_journal(tmp_path / "sessie.jsonl", exercise, _keystrokes(exercise.text))
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "{oeps\n"
    lines.append('{"type":"key","t":9999,"text":"x"}\n')
    journal.write_text("".join(lines), encoding="utf-8")
    return exercise.id, journal, len(lines)


@pytest.mark.parametrize(
    ("lang", "garbled", "after_end"),
    [
        ("fr", ":5 : ignorée : JSON non valide", " : ignorée : après la fin de la session (ligne "),
        (
            "nl",
            ":5: overgeslagen: geen geldige JSON",
            ": overgeslagen: na het einde van de sessie (regel ",
        ),
        ("en", ":5: skipped: not valid JSON", ": skipped: after the end of the session (line "),
    ],
)
def test_replay_names_a_damaged_line_and_why_in_the_language_asked(
    tmp_path: Path, lang: str, garbled: str, after_end: str
) -> None:
    exercise_id, journal, last = damaged_journal(tmp_path)
    told = run("replay", exercise_id, journal, "--lang", lang)
    assert told.returncode == 0, told.stderr
    assert told.stderr.splitlines() == [
        f"{journal}{garbled}",
        f"{journal}:{last}{after_end}{last - 1})",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", ":1 : pas un en-tête de journal ("),
        ("en", ":1: not a journal header ("),
    ],
)
def test_replay_of_a_journal_without_a_header_says_so_in_the_language_asked(
    tmp_path: Path, lang: str, said: str
) -> None:
    exercise_id, journal, _ = damaged_journal(tmp_path)
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    journal.write_text("".join(["{oeps\n", *lines[1:]]), encoding="utf-8")
    told = run("replay", exercise_id, journal, "--lang", lang)
    assert told.returncode == 1
    assert told.stderr.startswith(f"simultaan replay: {journal}{said}"), told.stderr


@pytest.mark.parametrize(
    ("lang", "rate", "missing"),
    [
        (
            "en",
            ": sample rate 1 Hz: a clip must be 8,000-192,000 Hz",
            ": no such audio file",
        ),
        (
            "nl",
            ": samplefrequentie 1 Hz: een fragment moet 8.000-192.000 Hz zijn",
            ": geen geluidsbestand gevonden",
        ),
    ],
)
def test_play_says_why_a_clip_file_cannot_be_played_in_the_language_asked(
    tmp_path: Path, lang: str, rate: str, missing: str
) -> None:
    clip = wav(tmp_path / "audio" / "nl" / "klant.wav", rate=1)  # said before any device opens
    manifest = write(tmp_path / "audio" / "clips.yaml", MANIFEST.format(file="nl/klant.wav"))
    told = run("play", "nl-klant-01", "--manifest", manifest, "--lang", lang)
    assert (told.returncode, told.stderr) == (1, f"simultaan play: {clip}{rate}\n")
    clip.unlink()
    told = run("play", "nl-klant-01", "--manifest", manifest, "--lang", lang)
    assert (told.returncode, told.stderr) == (1, f"simultaan play: {clip}{missing}\n")
