"""Per-key and per-finger statistics over a trainee's sessions: errors as the report counts
them, hesitations against the trainee's own rhythm, fingers from the layout files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import write_journal
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent
from trainer.core.key_stats import LONGEST_PAUSE, key_stats, session_keys
from trainer.core.keyboard import FINGERS, SPACE, load_layout
from trainer.core.scoring import SessionResult, score
from trainer.paths import assets_dir

BE = load_layout(assets_dir() / "keyboards" / "be.json")


def session(tmp_path: Path, text: str, keys: list[tuple[str, float]]):  # type: ignore[no-untyped-def]
    """A copy drill of ``text`` typed as (key, seconds after the one before; \b Backspace)."""
    drill = CopyExercise(
        format=1, id="nl-copy-x", title="X", language="nl", kind="copy", level=1, text=text,
    )  # fmt: skip
    t, events = 1.0, []
    for key, pause in keys:
        t += pause
        events.append(KeyEvent(t=t, key="Backspace") if key == "\b" else KeyEvent(t=t, text=key))
    events.append(EndEvent(t=t + 1, reason="finished"))
    journal = write_journal(tmp_path / f"s{len(list(tmp_path.iterdir()))}.jsonl", drill, events)
    result = score(drill, journal)
    assert isinstance(result, SessionResult)
    return session_keys(BE, journal, result, text)


def test_errors_add_up_over_sessions_on_the_keys_of_the_layout(tmp_path: Path) -> None:
    # "zee" typed "zre" (left), then "zee" typed "zr\bee" (corrected): two errors on 'e'
    one = session(tmp_path, "zee", [("z", 0.2), ("r", 0.2), ("e", 0.2)])
    two = session(tmp_path, "zee", [("z", 0.2), ("r", 0.2), ("\b", 0.2), ("e", 0.2), ("e", 0.2)])
    stats = key_stats(BE, [one, two])
    e_key, _level = BE.find("e")  # type: ignore[misc]
    z_key, _level = BE.find("z")  # type: ignore[misc]
    assert stats.sessions == 2
    assert stats.keys[e_key].errors == 2
    assert stats.keys[e_key].expected == 4  # two 'e' in each text
    assert stats.keys[z_key].errors == 0 and stats.keys[z_key].expected == 2
    assert stats.errors_per_key() == {e_key: 2}
    # the fingers: 'e' is the left middle finger's on AZERTY, 'z' the left ring finger's
    assert stats.fingers["left_middle"].errors == 2
    assert stats.fingers["left_ring"].expected == 2 and stats.fingers["left_ring"].errors == 0
    assert set(stats.fingers) == set(FINGERS)


def test_a_pause_well_above_the_trainees_rhythm_is_a_hesitation_before_that_key(
    tmp_path: Path,
) -> None:
    text = "dit is een test"
    keys = [(c, 0.25) for c in text]
    keys[4] = ("i", 1.0)  # four times the usual pause before the 'i' of "is"
    keys[8] = ("e", 0.7)  # under three times: not a hesitation
    keys[12] = ("e", LONGEST_PAUSE + 1)  # away from the keyboard: not counted at all
    stats = key_stats(BE, [session(tmp_path, text, keys)])
    assert stats.median_pause == pytest.approx(0.25)
    assert stats.hesitation_after == pytest.approx(0.75)
    i_key, _ = BE.find("i")  # type: ignore[misc]
    e_key, _ = BE.find("e")  # type: ignore[misc]
    assert stats.hesitations_per_key() == {i_key: 1}
    assert stats.keys[i_key].hesitation_rate == pytest.approx(1 / 2)  # 'i' typed twice, timed
    # the pause over the limit is not timed: three 'e', one of them not timed
    assert (stats.keys[e_key].expected, stats.keys[e_key].typed) == (3, 2)
    assert stats.fingers["right_middle"].hesitations == 1  # the 'i' on AZERTY
    assert stats.keys[SPACE].typed == 3


def test_every_key_of_every_layout_has_a_finger() -> None:
    for code in ("be", "fr", "us"):
        layout = load_layout(assets_dir() / "keyboards" / f"{code}.json")
        for r, row in enumerate(layout.rows):
            for c, _key in enumerate(row.keys):
                assert layout.finger(layout.key_id(r, c)) in FINGERS, (code, r, c)
        assert layout.finger(layout.strokes("a")[0][0]) == "left_pinky"
        assert layout.finger(layout.strokes("j")[0][0]) == "right_index"
        assert layout.finger(layout.strokes("k")[0][0]) == "right_middle"
