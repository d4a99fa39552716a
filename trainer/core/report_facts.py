"""The facts of a session report, from the exercise, the journal and the result: the errors per
character (for a keyboard heat map), the keys and words to practise next, the call's timeline
(clips, screen events, actions, keystrokes per second) and its data-entry rows.

Headless and in codes and numbers (the UI words them): reusable for per-key statistics over
many sessions and for adaptive practice.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from trainer.core.call_scoring import CallResult, FieldResult
from trainer.core.free_text import SpellingResult, meant
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    FieldEvent,
    Journal,
    KeyEvent,
    ScenarioEvent,
)
from trainer.core.live_typing import Cell, LiveTyping
from trainer.core.scoring import SessionResult
from trainer.core.typing_metrics import TypingResult, align

if TYPE_CHECKING:  # (loaded with a chat's or a shift's result, not with a drill's)
    from typing_extensions import TypeIs

    from trainer.core.chat_scoring import ChatResult
    from trainer.core.queue_scoring import QueueResult

KEYS_TO_PRACTISE = 6
WORDS_TO_PRACTISE = 10
# corrections that cost more than one keystroke in eight: accuracy before speed
MANY_CORRECTIONS_KSPC = 1.12

_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True)


class CharStat(_Fact):
    """A character of the text: how often it was to be typed and how often it went wrong."""

    char: str
    errors: int
    occurrences: int


class Advice(_Fact):
    """A piece of advice as a code with its values (worded by the UI)."""

    code: Literal["practise_keys", "practise_words", "accuracy_first", "speed_up", "all_good"]
    params: dict[str, str | float | list[str]] = {}


class ClipSpan(_Fact):
    """A customer's clip as heard (or shown as a subtitle), on the session clock."""

    clip: str
    start: float
    end: float
    subtitle: bool = False


class Mark(_Fact):
    """A moment on the timeline: a screen event fired, an action of the trainee, a field
    committed (``name``: the event, action or field; ``detail``: its target)."""

    t: float
    kind: Literal["screen", "action", "field"]
    name: str
    detail: str = ""


class Timeline(_Fact):
    """A session on its clock: clips, marks and keystrokes per whole second."""

    duration: float
    clips: list[ClipSpan]
    marks: list[Mark]
    keys_per_second: list[int]


class DataEntryRow(_Fact):
    """A call's form field: expected, entered, verdict, seconds after it was said; ``at``
    where to hear it in the recording: where the customer began the clip that says it (the
    first time heard), else when it was entered (None: neither)."""

    field: str
    label: str
    expected: str
    entered: str | None
    verdict: str
    belongs_in: str | None
    seconds_after_said: float | None
    at: float | None = None


class ReportFacts(_Fact):
    """Everything a report computes beyond the result itself."""

    error_pairs: list[tuple[str, str]]  # (expected, typed) of each character error
    corrected_pairs: list[tuple[str, str]]  # (expected, typed) of each wrong key erased later
    char_errors: dict[str, int]  # of both kinds: a key often hit wrong is one to practise
    char_counts: dict[str, int]
    keys_to_practise: list[CharStat]
    words_to_practise: list[str]
    timeline: Timeline
    data_entry: list[DataEntryRow]
    advice: list[Advice]


def _counted_reference(reference: str, typing: TypingResult) -> str:
    return unicodedata.normalize("NFC", reference).rstrip()[: typing.reference_chars_counted]


def typing_error_pairs(typing: TypingResult) -> list[tuple[str, str]]:
    """(expected, typed) of every uncorrected character error of an attempt."""
    return [(e.expected, e.typed) for e in typing.errors]


def corrected_keystrokes(reference: str, keys: list[KeyEvent]) -> list[tuple[str, str]]:
    """(expected, typed) of every key typed in place of another character and erased later
    (a corrected error), replayed as the drill screen aligned it while it was typed."""
    return [(expected, typed) for _at, expected, typed in corrected_errors(reference, keys)]


def corrected_errors(reference: str, keys: list[KeyEvent]) -> list[tuple[int, str, str]]:
    """``corrected_keystrokes`` with where each stood in the reference (its index), so the
    character before it can be told too (the bigrams of adaptive practice)."""
    live = LiveTyping(reference, counting=False)  # (its cells, not its figures)
    # (typed index, reference index, expected, typed), still standing
    wrong: list[tuple[int, int, str, str]] = []
    corrected: list[tuple[int, str, str]] = []
    for key in keys:
        if key.key == "Backspace":
            live.backspace()
            while wrong and wrong[-1][0] >= live.typed_length:
                corrected.append(wrong.pop()[1:])
            continue
        for char in key.text or "":
            live.type(char)
            at = live.position - 1
            if at >= 0 and live.cell(at) == Cell.WRONG and live.typed_at(at) == char:
                wrong.append((live.typed_length - 1, at, live.reference[at], char))
    return corrected


def char_errors(pairs: list[tuple[str, str]]) -> Counter[str]:
    """Errors per character: the expected character that was missed or mistyped, or an extra
    character typed; spaces count as ``" "``."""
    out: Counter[str] = Counter()
    for expected, typed in pairs:
        for char in expected or typed:
            out[char] += 1
    return out


def keys_to_practise(errors: Counter[str], counts: Counter[str]) -> list[CharStat]:
    """The characters most often wrong (most errors first, then the highest share), at most
    ``KEYS_TO_PRACTISE``; the space counts only when it is the only one."""
    stats = [
        CharStat(char=c, errors=n, occurrences=max(counts.get(c, 0), n))
        for c, n in errors.items()
        if n > 0
    ]
    stats.sort(key=lambda s: (-s.errors, -s.errors / s.occurrences, s.char))
    letters = [s for s in stats if not s.char.isspace()]
    return (letters or stats)[:KEYS_TO_PRACTISE]


def _bare(word: str) -> str:
    return _EDGE_PUNCTUATION.sub("", word)


def words_to_practise(words: list[str]) -> list[str]:
    """The words got wrong, most often first (then as they came), without the punctuation
    around them, each once, at most ``WORDS_TO_PRACTISE``."""
    counted = Counter(w for w in (_bare(w) for w in words) if w)
    order = {w: i for i, w in reversed(list(enumerate(_bare(w) for w in words)))}
    return sorted(counted, key=lambda w: (-counted[w], order[w]))[:WORDS_TO_PRACTISE]


def _typing_words(typing: TypingResult) -> list[str]:
    return [w for e in typing.word_error_list for w in e.expected.split() if e.expected]


def timeline(journal: Journal, duration: float) -> Timeline:
    """The session on its clock: each clip from its heard start to its end (a clip cut off
    ends where the next thing it did was), the screen events, the trainee's actions and field
    commits, and the keystrokes in each whole second."""
    clips: list[ClipSpan] = []
    open_clips: dict[str, AudioEvent] = {}
    marks: list[Mark] = []
    for e in journal.events:
        if isinstance(e, AudioEvent) and e.action == "start":
            open_clips[e.clip] = e
        elif isinstance(e, AudioEvent) and e.action == "end" and e.clip in open_clips:
            start = open_clips.pop(e.clip)
            clips.append(
                ClipSpan(clip=e.clip, start=start.t, end=e.t, subtitle=bool(start.subtitle))
            )
        elif isinstance(e, ScenarioEvent):
            marks.append(Mark(t=e.t, kind="screen", name=e.event))
        elif isinstance(e, ActionEvent):
            marks.append(Mark(t=e.t, kind="action", name=e.action, detail=e.target))
        elif isinstance(e, FieldEvent):
            marks.append(Mark(t=e.t, kind="field", name=e.field, detail=e.value))
    for start in open_clips.values():  # never heard to its end (the session ended first)
        end = start.t + (start.length or 0.0)
        clips.append(ClipSpan(clip=start.clip, start=start.t, end=min(end, duration)))
    keys = [e for e in journal.events if isinstance(e, KeyEvent)]
    seconds = max(1, math.ceil(max([duration, *(k.t for k in keys)])))
    per_second = [0] * seconds
    for k in keys:
        per_second[min(int(k.t), seconds - 1)] += 1
    clips.sort(key=lambda c: c.start)
    return Timeline(duration=duration, clips=clips, marks=marks, keys_per_second=per_second)


def heard_from(said_at: float | None, clips: list[ClipSpan]) -> float | None:
    """Where the clip that ended at ``said_at`` began (a field's value is said in a clip, and
    its ``said_at`` is when that clip first ended), else ``said_at`` itself."""
    if said_at is None:
        return None
    return next((c.start for c in clips if abs(c.end - said_at) < 1e-6), said_at)


def data_entry(
    result: CallResult | ChatResult, clips: list[ClipSpan] | None = None
) -> list[DataEntryRow]:
    """The form of a call (or a chat) as a table: every field with what was expected and
    entered, and where in the recording to hear it (``clips``: the call's, as heard)."""
    return [
        DataEntryRow(
            field=f.id,
            label=f.label,
            expected=f.expected,
            entered=f.value,
            verdict=f.verdict,
            belongs_in=f.belongs_in,
            seconds_after_said=f.seconds_after_said,
            at=heard_from(f.said_at, clips or []) if f.said_at is not None else f.committed_at,
        )
        for f in result.fields
    ]


def _call_errors(
    fields: list[FieldResult], spelling: SpellingResult
) -> tuple[list[tuple[str, str]], Counter[str], list[str]]:
    """A call's (a chat's; a shift's: ``fields`` empty) character errors, the characters it
    asked for and the words got wrong, judged as the scorer judges each field: a value
    compared as written (a name, an address) against what was expected when it is wrong; free
    text compared word by word (a user name, an error code) with every character error in it,
    within the margin or not; the operator's own words (a note, with facts) with each
    misspelled word against the word it was meant to be (the dictionary's first suggestion),
    so a slip in a note shows on the keys too."""
    pairs: list[tuple[str, str]] = []
    counts: Counter[str] = Counter()
    wrong_words: list[str] = []
    for f in fields:
        if f.facts:  # the operator's own words: their spelling, below
            counts.update(f.value or "")
            continue
        counts.update(f.expected)
        if f.typing is not None and f.value:  # free text: as its score compared it
            pairs += typing_error_pairs(f.typing)
            wrong_words += _typing_words(f.typing)
            continue
        if f.verdict != "wrong" or not f.value:
            continue
        pairs += [(a.expected, a.typed) for a in align(f.expected, f.value) if a.op != "equal"]
        typed = set(f.value.split())
        wrong_words += [w for w in f.expected.split() if w not in typed]
    model = [f.expected for f in fields if f.facts]
    for word in spelling.misspelled:
        right = meant(word, spelling.language, model)
        if right is None:
            wrong_words.append(word)
            continue
        pairs += [(a.expected, a.typed) for a in align(right, word) if a.op != "equal"]
        counts.subtract(word)
        counts.update(right)
        wrong_words.append(right)  # to practise as it is spelled
    return pairs, +counts, wrong_words


def _advice(keys: list[CharStat], words: list[str], typing: TypingResult | None) -> list[Advice]:
    out: list[Advice] = []
    if keys:
        out.append(Advice(code="practise_keys", params={"keys": [k.char for k in keys]}))
    if words:
        out.append(Advice(code="practise_words", params={"words": words}))
    if typing is not None and typing.kspc is not None and typing.kspc > MANY_CORRECTIONS_KSPC:
        out.append(Advice(code="accuracy_first", params={"fixed": float(typing.incorrect_fixed)}))
    if typing is not None and typing.fast_enough is False and typing.net_wpm is not None:
        wanted = typing.min_wpm or 0.0
        out.append(Advice(code="speed_up", params={"net_wpm": typing.net_wpm, "min_wpm": wanted}))
    return out or [Advice(code="all_good")]


def report_facts(
    journal: Journal,
    result: SessionResult | CallResult | ChatResult | QueueResult,
    reference: str | None = None,
) -> ReportFacts:
    """The facts of the report of a session: ``result`` is ``score(exercise, journal)``;
    ``reference`` the text that was to be typed (a copy drill or dictation; None for a call,
    a chat or a queue shift, whose own words are judged by their spelling)."""
    typing: TypingResult | None = None
    corrected: list[tuple[str, str]] = []
    rows: list[DataEntryRow] = []
    course = timeline(journal, result.duration)
    if isinstance(result, SessionResult):
        typing = result.typing
        pairs = typing_error_pairs(typing)
        corrected = corrected_keystrokes(reference or "", journal.keys)
        counts = Counter(_counted_reference(reference or "", typing))
        wrong = _typing_words(typing)
    elif _is_queue(result):  # a shift: no form, its tickets' texts by their spelling
        pairs, counts, wrong = _call_errors([], result.spelling)
    else:
        pairs, counts, wrong = _call_errors(result.fields, result.spelling)
        rows = data_entry(result, course.clips)
    # a key to practise is one often hit wrong, whether the error was corrected or not
    errors = char_errors(pairs + corrected)
    keys = keys_to_practise(errors, counts)
    words = words_to_practise(wrong)
    return ReportFacts(
        error_pairs=pairs,
        corrected_pairs=corrected,
        char_errors=dict(errors),
        char_counts=dict(counts),
        keys_to_practise=keys,
        words_to_practise=words,
        timeline=course,
        data_entry=rows,
        advice=_advice(keys, words, typing),
    )


def _is_queue(result: CallResult | ChatResult | QueueResult) -> TypeIs[QueueResult]:
    """A queue shift's result (its module loaded only for a session that is not a call)."""
    if isinstance(result, CallResult):
        return False
    from trainer.core.queue_scoring import QueueResult

    return isinstance(result, QueueResult)
