"""What went wrong in one session, as adaptive practice reads it (``trainer.core.adaptive``):
the keys hit wrong, corrected later or not (as the session report counts them), the two
characters typed in a row where the second went wrong, the words got wrong, and how often each
character was to be typed. From a journal and its result, or from a stored session.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.exercise import ExerciseBase
from trainer.core.journal import Journal
from trainer.core.report_facts import char_errors, corrected_errors, report_facts
from trainer.core.scoring import SessionResult, reference_of
from trainer.core.stored_results import AnyResult, stored_result

_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass(frozen=True)
class SessionErrors:
    """What went wrong in one session: per key (corrected or not), per bigram, per word."""

    language: str
    keys: Counter[str]
    bigrams: Counter[str]
    words: Counter[str]
    wpm: float | None = None
    chars: Counter[str] = field(default_factory=Counter)  # each key's share of the text


def bare(word: str) -> str:
    """A word without the punctuation around it."""
    return str(_EDGE.sub("", word))


def _bigram(reference: str, at: int) -> str | None:
    """The character before ``at`` and the one at it, when both are typed on keys (no
    whitespace): where the fingers went wrong going from one key to the next."""
    if at < 1 or at >= len(reference):
        return None
    pair = reference[at - 1 : at + 1]
    return None if any(c.isspace() for c in pair) else pair


def session_errors(
    exercise: ExerciseBase,
    journal: Journal,
    result: AnyResult,
    transcripts: Mapping[str, str] | None = None,
) -> SessionErrors:
    """What went wrong in one session (``result`` is ``score(exercise, journal)``): the keys
    as the session report counts them (every key hit wrong, corrected later or not), the
    bigrams that led to an error, the words got wrong (a call's, a chat's or a queue shift's:
    in the fields and the words the trainee wrote, as their report counts them)."""
    if not isinstance(result, SessionResult):
        facts = report_facts(journal, result)
        words = Counter(w for w in facts.words_to_practise if _practisable(w))
        return SessionErrors(
            exercise.language,
            Counter(facts.char_errors),
            Counter(),
            words,
            chars=Counter(facts.char_counts),
        )
    typing = result.typing
    reference = reference_of(exercise, transcripts)
    text = unicodedata.normalize("NFC", reference).rstrip()
    ignored: set[str] = set(typing.ignored)
    # what the attempt does not mark is no error to practise (a dictation's punctuation)
    corrected = [
        (at, e, t)
        for at, e, t in corrected_errors(reference, journal.keys)
        if _marked(e, t, ignored)
    ]
    left = [e for e in typing.errors if _marked(e.expected, e.typed, ignored)]
    pairs = [(e.expected, e.typed) for e in left]
    keys = char_errors(pairs + [(expected, typed) for _at, expected, typed in corrected])
    bigrams: Counter[str] = Counter()
    places = [e.position for e in left if e.expected] + [at for at, _e, _t in corrected]
    for at in places:
        pair = _bigram(text, at)
        if pair is not None:
            bigrams[pair] += 1
    words = Counter(
        w
        for e in typing.word_error_list
        for w in (bare(x) for x in e.expected.split())
        if _practisable(w)
    )
    chars = Counter(text[: typing.reference_chars_counted])
    return SessionErrors(exercise.language, keys, bigrams, words, typing.wpm, chars)


def _marked(expected: str, typed: str, ignored: set[str]) -> bool:
    """Whether a character error counts when the attempt ignores ``ignored``: not a wrong
    capital when case is ignored, not a mark alone when punctuation is."""
    if "case" in ignored and expected.casefold() == typed.casefold():
        return False
    return not ("punctuation" in ignored and not any(c.isalnum() for c in expected + typed))


def recorded_errors(
    exercise: ExerciseBase,
    journal_path: Path,
    result: Mapping[str, object],
    transcripts: Mapping[str, str] | None = None,
) -> SessionErrors | None:
    """``session_errors`` of a stored session (its journal file and the JSON of its result);
    None when it cannot be read (a journal gone, a result of another shape): a session that
    cannot be read teaches nothing, and the others still count."""
    from pydantic import ValidationError

    from trainer.core.bounded_files import FileRefused
    from trainer.core.journal import JournalError, read_journal

    try:
        journal = read_journal(journal_path)
        parsed = stored_result(result)
        return session_errors(exercise, journal, parsed, transcripts)
    except (OSError, JournalError, FileRefused, ValidationError, LookupError, TypeError):
        return None


def _practisable(word: str) -> bool:
    return len(word) >= 2 and any(c.isalpha() for c in word)
