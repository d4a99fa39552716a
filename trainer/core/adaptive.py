"""Adaptive practice: a copy drill made for one trainee from what they got wrong lately.

From the trainee's recent sessions (each one's journal and result: the keys hit wrong, corrected
or not, as the session report counts them; the two characters typed in a row where the second
went wrong; the words got wrong) ``weakness`` weighs every key, bigram and word by how often it
went wrong and how recently (``RECENCY`` per session back). ``build_drill`` then picks sentences
from the real work texts of the library in the trainee's language (the copy texts, the
customers' words in dictations and calls, the values a call's form takes, the knowledge base),
each at most once, those holding most of what is still weak first, until the drill is a few
minutes of typing at the trainee's speed. The same history always gives the same drill (its
tie-breaks are seeded by the history), with an id made from its text.

Headless, in codes and numbers; the drill's title and instructions are content in the drill's
own language, as every exercise's are.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer.core.exercise import CopyExercise, DictationExercise, ExerciseBase
from trainer.core.messages import Message, Said
from trainer.core.practice_errors import (
    SessionErrors,
    bare,
    recorded_errors,
    session_errors,
)
from trainer.core.practice_ids import ADAPTIVE_PREFIX, is_adaptive
from trainer.core.scenario import CallExercise, Say

__all__ = [  # what a session taught (practice_errors) and a drill's id are read here too
    "ADAPTIVE_PREFIX",
    "SessionErrors",
    "bare",
    "is_adaptive",
    "recorded_errors",
    "session_errors",
]

HISTORY_SESSIONS = 30  # the sessions looked at, newest first
# ... until their texts add up to this many characters: each typed session is replayed key by
# key (about 30 us a key), and thirty half-hour exams of 12,000 characters took 12 s to
# replay on the GUI thread; the sessions further back weigh little (RECENCY)
HISTORY_CHARS = 20_000
# each session further back counts this much of the one after it: five back, a third
RECENCY = 0.8
KEYS, BIGRAMS, WORDS = 6, 5, 8  # the weak items a drill trains
RATE_PRIOR = 5.0  # occurrences added to each key's, so one miss of a rare key is no weakness
MIN_CHARS, MAX_CHARS = 600, 900  # a drill's length: a few minutes of typing
DRILL_MINUTES = 3.0
DEFAULT_WPM = 30.0  # a trainee whose speed is not known yet
WORD_WEIGHT = 0.5  # a word missed: its keys already count on their own
USED_UP = 0.9  # what is left of an item's weight after each chosen line that holds it
HELD_AT_MOST = 8  # times an item counts in one line (a line of one key repeated is no text)
LENGTH_POWER = 0.75  # below 1: a longer line of the same density is a little better
MIN_LINE, MAX_LINE = 12, 260  # shorter lines say nothing, longer ones are split

# content in the drill's own language (as any exercise's title and instructions)
_TITLE = {"nl": "Oefenen: ", "fr": "Entraînement : ", "en": "Practice: "}
_INSTRUCTIONS = {
    "nl": "Zinnen uit echte werkteksten, gekozen op de toetsen, lettercombinaties en woorden "
    "die je de laatste tijd het vaakst fout typte. Typ ze over zoals ze er staan.",
    "fr": "Des phrases de vrais textes de travail, choisies pour les touches, les suites de "
    "lettres et les mots que vous avez le plus souvent mal tapés ces derniers temps. "
    "Recopiez-les telles quelles.",
    "en": "Sentences from real work texts, chosen for the keys, letter pairs and words you "
    "got wrong most often lately. Type them as they stand.",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'«(]?[A-ZÀ-Ý0-9])")


class NothingToPractise(Said):
    """No drill can be made: no history with errors (``nothing_to_practise``), or no text in
    the language (``no_practice_texts``)."""


@dataclass(frozen=True)
class Weakness:
    """A trainee's weak keys, bigrams and words with their weights (highest first)."""

    language: str
    keys: dict[str, float]
    bigrams: dict[str, float]
    words: dict[str, float]
    wpm: float | None

    @property
    def empty(self) -> bool:
        """Nothing went wrong lately (or there is no history)."""
        return not (self.keys or self.bigrams or self.words)


@dataclass(frozen=True)
class Line:
    """A sentence of the library, where it comes from (an exercise id) and its language."""

    source: str
    text: str
    language: str = ""


@dataclass(frozen=True)
class PracticeDrill:
    """The drill made: the exercise, what it trains, and where its lines come from."""

    exercise: CopyExercise
    keys: list[str]
    bigrams: list[str]
    words: list[str]
    lines: list[Line]


def weakness(history: Sequence[SessionErrors], language: str | None = None) -> Weakness:
    """The weak keys, bigrams and words of ``history`` (newest first): each error counts
    ``RECENCY ** n`` for a session ``n`` sessions back, so what went wrong often and lately
    weighs most; a key by its errors times its (smoothed) error rate, so a key wrong in a
    large share of the times it came beats a common one wrong by chance. ``language``: the
    drill's, else that of the sessions whose errors weigh most. Keys and bigrams count from
    every session (a key is a key in any language), words only from sessions in the drill's
    language."""
    history = list(history)[:HISTORY_SESSIONS]
    by_language: defaultdict[str, float] = defaultdict(float)
    for n, s in enumerate(history):
        by_language[s.language] += RECENCY**n * (sum(s.keys.values()) + sum(s.words.values()))
    if language is None:
        ranked = sorted(by_language.items(), key=lambda kv: -kv[1])  # (stable: newest first)
        language = ranked[0][0] if ranked and ranked[0][1] > 0 else "nl"
    keys: defaultdict[str, float] = defaultdict(float)
    seen: defaultdict[str, float] = defaultdict(float)  # how often each key was to be typed
    bigrams: defaultdict[str, float] = defaultdict(float)
    words: defaultdict[str, float] = defaultdict(float)
    forms: dict[str, str] = {}
    speeds: list[tuple[float, float]] = []
    for n, s in enumerate(history):
        weight = RECENCY**n
        for key, count in s.keys.items():
            if not key.isspace():
                keys[key] += weight * count
        for key, count in s.chars.items():
            seen[key] += weight * count
        for pair, count in s.bigrams.items():
            bigrams[pair] += weight * count
        if s.language == language:
            for word, count in s.words.items():
                # "Van" and "van" are one word to practise, named as it was got wrong last
                words[forms.setdefault(word.casefold(), word)] += weight * count
        if s.wpm:
            speeds.append((weight, s.wpm))
    wpm = sum(w * v for w, v in speeds) / sum(w for w, _ in speeds) if speeds else None
    # a key missed often AND in a large share of the times it came weighs most: "v" wrong 5
    # times in 20 before "e" wrong 10 times in 400 (errors x smoothed error rate)
    by_rate = {k: n * n / (max(seen[k], n) + RATE_PRIOR) for k, n in keys.items()}
    return Weakness(language, _top(by_rate, KEYS), _top(bigrams, BIGRAMS), _top(words, WORDS), wpm)


def _top(weights: Mapping[str, float], n: int) -> dict[str, float]:
    # heaviest first, then by the item itself: the same history gives the same order
    ranked = sorted(((k, v) for k, v in weights.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[:n])


def library_texts(exercises: Iterable[ExerciseBase], transcripts: Mapping[str, str]) -> list[Line]:
    """The real work texts of the library, whole, with their exercise's id: copy texts, the
    clips of dictations and calls (the customers' words), a call's form values and
    knowledge articles. Generated drills are left out (a drill never feeds on drills)."""
    out: list[Line] = []
    for ex in exercises:
        if is_adaptive(ex.id):
            continue
        if isinstance(ex, CopyExercise):
            texts = [ex.text]
        elif isinstance(ex, DictationExercise):
            texts = [transcripts[c] for c in ex.clips if c in transcripts]
        elif isinstance(ex, CallExercise):
            clips = [e.clip for e in ex.timeline if isinstance(e, Say)]
            texts = [transcripts[c] for c in clips if c in transcripts]
            texts += [f.expected for f in ex.fields if f.expected.strip()]
            texts += [a.text for a in ex.knowledge]
        else:
            continue
        out += [Line(ex.id, text, ex.language) for text in texts]
    return out


def sentences(texts: Iterable[Line]) -> list[Line]:
    """The texts cut into lines and sentences, each sentence once (the first source kept),
    without the very short ones; a sentence longer than ``MAX_LINE`` is cut at a comma."""
    seen: set[str] = set()
    out: list[Line] = []
    for line in texts:
        text = unicodedata.normalize("NFC", line.text)
        for part in text.splitlines():
            for sentence in _SENTENCE_END.split(" ".join(part.split())):
                for piece in _shorter(sentence):
                    # the same sentence quoted elsewhere ("...per sms.") is the same sentence
                    same = bare(piece).casefold()
                    if len(piece) >= MIN_LINE and same not in seen:
                        seen.add(same)
                        out.append(Line(line.source, piece, line.language))
    return out


def _shorter(sentence: str) -> list[str]:
    if len(sentence) <= MAX_LINE:
        return [sentence]
    pieces, current = [], ""
    for chunk in re.split(r"(?<=,)\s+", sentence):
        if current and len(current) + 1 + len(chunk) > MAX_LINE:
            pieces.append(current)
            current = chunk
        else:
            current = f"{current} {chunk}".strip()
    return [*pieces, current] if current else pieces


def holds(text: str, weak: Weakness) -> Counter[tuple[str, str]]:
    """How often ``text`` holds each weak item: ``("key", "é")``, ``("bigram", "ij")``,
    ``("word", "factuur")`` (a word whole, in any case)."""
    found: Counter[tuple[str, str]] = Counter()
    for key in weak.keys:
        found[("key", key)] = text.count(key)
    for pair in weak.bigrams:
        found[("bigram", pair)] = text.count(pair)
    if weak.words:
        said = Counter(bare(w).casefold() for w in text.split())
        for word in weak.words:
            found[("word", word)] = said[word.casefold()]
    return +found


def _weights(weak: Weakness) -> dict[tuple[str, str], float]:
    """Each weak item's weight, each kind scaled to its heaviest (keys and bigrams 1, words
    ``WORD_WEIGHT``), so that the kinds count alike whatever their raw counts."""
    out: dict[tuple[str, str], float] = {}
    for kind, items, scale in (
        ("key", weak.keys, 1.0),
        ("bigram", weak.bigrams, 1.0),
        ("word", weak.words, WORD_WEIGHT),
    ):
        top = max(items.values(), default=0.0)
        for item, weight in items.items():
            out[(kind, item)] = scale * weight / top
    return out


def target_chars(wpm: float | None) -> int:
    """The drill's length: ``DRILL_MINUTES`` of typing at the trainee's speed (5 characters
    a word), within ``MIN_CHARS`` and ``MAX_CHARS``."""
    chars = round((wpm or DEFAULT_WPM) * 5 * DRILL_MINUTES)
    return max(MIN_CHARS, min(MAX_CHARS, chars))


def _seed(weak: Weakness) -> int:
    canonical = repr(
        (
            weak.language,
            sorted((k, round(v, 6)) for k, v in weak.keys.items()),
            sorted((k, round(v, 6)) for k, v in weak.bigrams.items()),
            sorted((k, round(v, 6)) for k, v in weak.words.items()),
        )
    )
    return int(hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16], 16)


def choose_lines(candidates: Sequence[Line], weak: Weakness) -> list[Line]:
    """Lines holding most of what is still weak per character typed, each once, until the
    drill is ``target_chars`` long. An item's weight wears down (``USED_UP``) each time a
    chosen line holds it, so the drill trains every weak item, not only the weakest."""
    remaining = _weights(weak)
    rng = random.Random(_seed(weak))
    # a small seeded nudge breaks ties between equal lines the same way for the same history
    pool = [(line, holds(line.text, weak), 1.0 + 0.05 * rng.random()) for line in candidates]
    pool = [entry for entry in pool if entry[1]]
    target = target_chars(weak.wpm)
    chosen: list[Line] = []
    length = 0
    while pool and length < target:
        room = MAX_CHARS - length - (1 if chosen else 0)

        def value(entry: tuple[Line, Counter[tuple[str, str]], float]) -> float:
            line, found, nudge = entry
            gain = sum(remaining[item] * min(count, HELD_AT_MOST) for item, count in found.items())
            return float(nudge * gain / len(line.text) ** LENGTH_POWER)

        fitting = [entry for entry in pool if len(entry[0].text) <= room]
        if not fitting:
            break
        best = max(fitting, key=value)
        if value(best) <= 0:
            break
        pool.remove(best)
        chosen.append(best[0])
        length += len(best[0].text) + (1 if len(chosen) > 1 else 0)
        for item in best[1]:
            remaining[item] *= USED_UP
    return chosen


def _title(weak: Weakness) -> str:
    """What the drill trains, in its language: ``Oefenen: é, ij, 'factuur'``."""
    shown = [
        *list(weak.keys)[:3],
        *list(weak.bigrams)[:2],
        *(f"'{w}'" for w in list(weak.words)[:2]),
    ]
    title = _TITLE.get(weak.language, _TITLE["en"])
    parts: list[str] = []
    for item in shown:
        if len(title) + len(", ".join([*parts, item])) > 80:
            break
        parts.append(item)
    return title + ", ".join(parts)


def build_drill(
    history: Sequence[SessionErrors], library: Iterable[Line], language: str | None = None
) -> PracticeDrill:
    """The practice drill for a trainee with this ``history`` (newest first), from the
    ``library``'s texts (``library_texts``) in the drill's language. NothingToPractise when
    nothing went wrong lately, or the library has no text in that language."""
    weak = weakness(history, language)
    if weak.empty:
        raise NothingToPractise(Message("nothing_to_practise"))
    own = [line for line in library if line.language == weak.language]
    lines = choose_lines(sentences(own), weak)
    if not lines:
        raise NothingToPractise(Message("no_practice_texts", {"language": weak.language}))
    text = "\n".join(line.text for line in lines)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    exercise = CopyExercise(
        format=1,
        id=f"{ADAPTIVE_PREFIX}{weak.language}-{digest}",
        title=_title(weak),
        language=weak.language,  # type: ignore[arg-type]
        kind="copy",
        level=2,
        instructions=_INSTRUCTIONS.get(weak.language, _INSTRUCTIONS["en"]),
        text=text,
    )
    return PracticeDrill(exercise, list(weak.keys), list(weak.bigrams), list(weak.words), lines)


def write_drill(folder: Path, exercise: CopyExercise, file_mode: int = 0o600) -> Path:
    """Save a generated drill as an exercise file (``folder/<id>.yaml``), so that its
    sessions can be scored again, recovered and reopened like any other; whole or not at
    all (written beside and renamed), readable as the data folder's files are."""
    import yaml  # (only when a drill is saved)

    data = {
        "format": 1,
        "id": exercise.id,
        "title": exercise.title,
        "language": exercise.language,
        "kind": "copy",
        "level": exercise.level,
        "instructions": exercise.instructions,
        "text": exercise.text,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{exercise.id}.yaml"
    part = path.with_name(f".{path.name}.part")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, file_mode)
    os.fchmod(fd, file_mode)  # as asked, whatever the umask (a group's folder)
    with os.fdopen(fd, "wb") as out:
        out.write(body.encode("utf-8"))
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, path)
    return path
