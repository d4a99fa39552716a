"""Per-key and per-finger statistics over all of a trainee's sessions: how often each key was
to be typed, how often it went wrong (corrected or not, as the session report counts it) and
how often the trainee hesitated before it.

A hesitation is a pause before a keystroke well above the trainee's own rhythm: longer than
``HESITATION_FACTOR`` times the median pause between their keystrokes, over all their
sessions. A pause longer than ``LONGEST_PAUSE`` is not counted at all: the trainee was
listening to the customer, reading or away, not looking for a key.

Each session is first reduced to its ``SessionKeys`` (``session_keys``: one journal read, the
costly part, cacheable by session), then ``key_stats`` adds them up. Headless: codes and
numbers, the UI words and draws them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from trainer.core.call_scoring import CallResult
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import Journal
from trainer.core.keyboard import FINGERS, KeyboardLayout, error_keys, key_counts
from trainer.core.queue_scoring import QueueResult
from trainer.core.report_facts import report_facts
from trainer.core.scoring import SessionResult

HESITATION_FACTOR = 3.0
LONGEST_PAUSE = 5.0  # seconds


class SessionKeys(BaseModel):
    """What one session adds to the per-key statistics: errors and characters to type per
    key, and each keystroke's pause before it (key, seconds), for the hesitations."""

    model_config = ConfigDict(frozen=True)

    errors: dict[str, int]
    expected: dict[str, int]
    pauses: list[tuple[str, float]]


class KeyStat(BaseModel):
    """One key (or finger): to type, errors, keystrokes timed and hesitations before it."""

    model_config = ConfigDict(frozen=True)

    expected: int = 0
    errors: int = 0
    typed: int = 0
    hesitations: int = 0

    @property
    def error_rate(self) -> float | None:
        """Errors per character to be typed on this key (None: none was)."""
        return self.errors / self.expected if self.expected else None

    @property
    def hesitation_rate(self) -> float | None:
        """Hesitations per keystroke on this key (None: none was typed)."""
        return self.hesitations / self.typed if self.typed else None


class KeyStats(BaseModel):
    """A trainee's per-key and per-finger statistics over ``sessions`` sessions."""

    model_config = ConfigDict(frozen=True)

    layout: str
    sessions: int
    median_pause: float | None  # seconds between two keystrokes, the trainee's usual
    hesitation_after: float | None  # seconds: a longer pause before a key is a hesitation
    keys: dict[str, KeyStat]
    fingers: dict[str, KeyStat]

    def errors_per_key(self) -> dict[str, int]:
        """The error count of each key (for a heat map)."""
        return {k: s.errors for k, s in self.keys.items() if s.errors}

    def hesitations_per_key(self) -> dict[str, int]:
        """The hesitations before each key (for a heat map)."""
        return {k: s.hesitations for k, s in self.keys.items() if s.hesitations}


def session_keys(
    layout: KeyboardLayout,
    journal: Journal,
    result: SessionResult | CallResult | ChatResult | QueueResult,
    reference: str | None,
) -> SessionKeys:
    """One session's part: its errors on the keys as the report counts them (every key hit
    wrong, corrected or not; a call's wrong fields), the characters it asked for per key,
    and the pause before each keystroke that typed a character (the first has none)."""
    facts = report_facts(journal, result, reference)
    errors = error_keys(layout, facts.error_pairs + facts.corrected_pairs)
    expected = key_counts(layout, facts.char_counts)
    pauses: list[tuple[str, float]] = []
    previous: float | None = None
    for key in journal.keys:
        if previous is not None and key.text and len(key.text) == 1:
            strokes = layout.strokes(key.text)
            if strokes:
                pauses.append((strokes[-1][0], round(key.t - previous, 3)))
        previous = key.t
    return SessionKeys(errors=dict(errors), expected=dict(expected), pauses=pauses)


def key_stats(layout: KeyboardLayout, sessions: Iterable[SessionKeys]) -> KeyStats:
    """The sessions' parts added up per key and per finger, with the hesitations measured
    against the trainee's median pause over all of them."""
    errors: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    pauses: list[tuple[str, float]] = []
    count = 0
    for part in sessions:
        count += 1
        errors.update(part.errors)
        expected.update(part.expected)
        pauses += [(k, s) for k, s in part.pauses if 0 <= s <= LONGEST_PAUSE]
    median = statistics.median(s for _k, s in pauses) if pauses else None
    after = median * HESITATION_FACTOR if median is not None else None
    typed: Counter[str] = Counter(k for k, _s in pauses)
    hesitations: Counter[str] = Counter(k for k, s in pauses if after is not None and s > after)
    keys = {
        key: KeyStat(
            expected=expected[key],
            errors=errors[key],
            typed=typed[key],
            hesitations=hesitations[key],
        )
        for key in sorted(set(errors) | set(expected) | set(typed))
    }
    return KeyStats(
        layout=layout.id,
        sessions=count,
        median_pause=median,
        hesitation_after=after,
        keys=keys,
        fingers=_per_finger(layout, keys),
    )


def _per_finger(layout: KeyboardLayout, keys: dict[str, KeyStat]) -> dict[str, KeyStat]:
    sums = {finger: [0, 0, 0, 0] for finger in FINGERS}
    for key, stat in keys.items():
        finger = layout.finger(key)
        if finger is None or finger not in sums:
            continue
        for i, n in enumerate((stat.expected, stat.errors, stat.typed, stat.hesitations)):
            sums[finger][i] += n
    return {
        f: KeyStat(expected=e, errors=n, typed=t, hesitations=h) for f, (e, n, t, h) in sums.items()
    }
