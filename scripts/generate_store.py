"""A realistic store for measuring the coach's screens: trainees, a year of sessions, journals.

    .venv/bin/python scripts/generate_store.py --sessions 10000 --trainees 50 DIR [--seed 1]

DIR becomes a Simultaan data folder (``simultaan --data-dir DIR export ...``, ``./run --data-dir
DIR``): the store, and under ``journals/`` one journal per session, written by the app's own
``JournalWriter`` from simulated keystrokes and desk actions (``simulated_trainee.py``) and
scored by ``score()``, so every stored result is what its journal replays to. Trainees have
Flemish and Brussels names, each a language, a speed and an error rate of their own, and get
better over the year; they train in groups of about ten that start at different times
(the store's groups, ``Groep 1``, ``Groep 2``...). The sessions are spread over
the shipped exercises (copy, dictation, call), on working days, at office hours, within the
year up to ``--until``. The same arguments and ``--seed`` give the same store (and journals)
whatever ``--jobs``. Sessions are simulated in ``--jobs`` processes (default: every core).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from simulated_trainee import Typist, dictation_events, end_event, operator_events  # noqa: E402

from trainer.core.exercise import content_hash  # noqa: E402
from trainer.core.journal import EndEvent, Header, _Event, read_journal  # noqa: E402
from trainer.core.journal_writer import JournalWriter  # noqa: E402
from trainer.store.db import STORE_FILE, Store  # noqa: E402

VERSION = 2  # of what this script generates: a cached store is kept per version
ZONE = ZoneInfo("Europe/Brussels")
# fmt: off
FIRST_NAMES = (
    "Jens", "Lotte", "Wout", "Lien", "Sander", "Ine", "Pieter-Jan", "Elke", "Thibault", "Nele",
    "Arne", "Hanne", "Yasmina", "Mehdi", "Fatima", "Karim", "Nathalie", "Jérôme", "Sofie", "Bram",
    "Anouk", "Jonas", "Sara", "Rachid", "Aïcha", "Kevin", "Joke", "Dries", "Ilse", "Senne",
    "Febe", "Tom", "Marieke", "Youssef", "Imane", "Gilles", "Marie", "Kobe", "Eline", "Bart"
)
LAST_NAMES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Dubois", "Lambert", "Dupont", "Van den Broeck", "El Amrani", "Benali", "Bouzid",
    "Vermeulen", "Van Damme", "De Clercq", "Hermans", "Aerts", "Lemmens", "Vandenberghe",
    "D'Hondt", "Verstraeten", "Ouali", "Michiels", "Cools", "Van Acker", "De Wilde", "Lefèvre",
    "Desmet", "Mahieu", "Coppens", "Nijs", "Van Hoecke"
)
# fmt: on
KIND_SHARES = {"copy": 0.45, "dictation": 0.33, "call": 0.22}


@dataclass(frozen=True)
class Plan:
    """One session to simulate: who, what, when, how well, and how it ends."""

    index: int
    trainee: str
    exercise_id: str
    started_at: str  # ISO 8601, Brussels time
    mode: str
    workstation: str
    wpm: float
    slips: float
    fixes: float
    skill: float  # at the desk, 0..1
    ending: str  # finished, abandoned, recovered
    seed: str


@dataclass(frozen=True)
class Person:
    name: str
    language: str
    group: int
    start: date
    wpm: float
    gain: float
    slips: float
    slips_end: float
    fixes: float
    skill: float


def _people(count: int, rng: random.Random, until: date) -> list[Person]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    groups = max(1, round(count / 10))
    people = []
    for i, name in enumerate(names):
        group = i % groups
        # the groups start a month and a half apart, the first a year before --until
        start = until - timedelta(days=360 - group * 45 + rng.randint(0, 6))
        language = rng.choices(("nl", "fr", "en"), (0.68, 0.25, 0.07))[0]
        people.append(
            Person(
                name=name,
                language=language,
                group=group,
                start=start,
                wpm=min(48.0, max(14.0, rng.gauss(27, 6))),
                gain=rng.uniform(6, 20),
                slips=rng.uniform(0.012, 0.05),
                slips_end=rng.uniform(0.002, 0.012),
                fixes=rng.uniform(0.45, 0.9),
                skill=rng.uniform(0.25, 0.7),
            )
        )
    return people


def _when(person: Person, n: int, until: date, rng: random.Random) -> list[datetime]:
    """``n`` moments on working days at office hours between the person's start and
    ``until``, in order."""
    days = [
        person.start + timedelta(days=d)
        for d in range((until - person.start).days + 1)
        if (person.start + timedelta(days=d)).weekday() < 5
    ]
    moments = []
    for _ in range(n):
        day = rng.choice(days)
        minute = rng.randint(8 * 60 + 30, 16 * 60 + 45)
        moments.append(
            datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randint(0, 59))
        )
    return sorted(moments)


def plan_sessions(
    catalog: Any, sessions: int, trainees: int, seed: int, until: date
) -> tuple[list[Plan], list[Person]]:
    """Every session to simulate, in the order they started."""
    rng = random.Random(f"plan-{seed}")
    people = _people(trainees, rng, until)
    weights = [rng.uniform(0.7, 1.3) for _ in people]
    counts = [int(sessions * w / sum(weights)) for w in weights]
    for i in range(sessions - sum(counts)):
        counts[i % len(counts)] += 1
    by_language: dict[str, dict[str, list[Any]]] = {}
    for e in catalog.entries:
        ex = e.exercise
        by_language.setdefault(ex.language, {}).setdefault(ex.kind, []).append(ex)
    drafts: list[tuple[datetime, Person, Any, float]] = []
    for person, n in zip(people, counts, strict=True):
        for k, moment in enumerate(_when(person, n, until, rng)):
            progress = k / max(1, n - 1)
            kinds = by_language[person.language]
            kind = rng.choices(list(KIND_SHARES), list(KIND_SHARES.values()))[0]
            choices = kinds.get(kind) or next(iter(kinds.values()))
            top = 1 + progress * 4.5  # the levels open up as they get better
            fitting = [x for x in choices if x.level <= top] or choices
            exercise = rng.choice(fitting)
            drafts.append((moment, person, exercise, progress))
    drafts.sort(key=lambda d: (d[0], d[1].name))
    plans = []
    for index, (moment, person, exercise, progress) in enumerate(drafts):
        day = random.Random(f"day-{seed}-{person.name}-{moment.date()}")  # a good or bad day
        form = day.gauss(1.0, 0.07)
        learned = 1 - math.exp(-progress * 3)
        exam = "exam" in exercise.id and day.random() < 0.6
        ending = rng.choices(("finished", "abandoned", "recovered"), (0.955, 0.035, 0.01))[0]
        plans.append(
            Plan(
                index=index,
                trainee=person.name,
                exercise_id=exercise.id,
                started_at=moment.replace(tzinfo=ZONE).isoformat(timespec="seconds"),
                mode="exam" if exam else "practice",
                workstation=f"pc-{person.group + 1:02d}{rng.randint(1, 12):02d}",
                wpm=max(10.0, (person.wpm + person.gain * learned) * form),
                slips=max(0.001, (person.slips + (person.slips_end - person.slips) * learned))
                / form,
                fixes=person.fixes,
                skill=min(1.0, person.skill + (1 - person.skill) * learned * form),
                ending=ending,
                seed=f"{seed}-{index}",
            )
        )
    return plans, people


# simulated in worker processes -----------------------------------------------------------
_WORLD: dict[str, Any] = {}


def _load_world() -> dict[str, Any]:
    if not _WORLD:
        import soundfile

        from trainer.core.clips import load_shipped_library
        from trainer.core.loader import load_catalog
        from trainer.paths import audio_dir, exercises_dir

        library = load_shipped_library(audio_dir())
        catalog = load_catalog([exercises_dir()], library.languages)
        _WORLD["catalog"] = catalog
        _WORLD["exercises"] = {e.exercise.id: e.exercise for e in catalog.entries}
        _WORLD["transcripts"] = library.transcripts
        _WORLD["lengths"] = {
            c: soundfile.info(str(library.path_of(clip))).duration
            for c, clip in library.clips.items()
        }
    return _WORLD


def _events(plan: Plan, exercise: Any, world: dict[str, Any], rng: random.Random) -> list[_Event]:
    from trainer.core.exercise import CopyExercise, DictationExercise

    typist = Typist(plan.wpm, plan.slips, plan.fixes, rng)
    if isinstance(exercise, CopyExercise):
        t0 = rng.uniform(1.0, 4.0)
        text = exercise.text
        if plan.ending == "abandoned":
            text = text[: rng.randint(1, max(1, len(text) - 1))]
        first = t0 + 12.0 / plan.wpm
        until = first + exercise.time_limit if exercise.time_limit else None
        t, reached = typist.type_text(text, t0, until)
        keys = [k for k in typist.keys if until is None or k.t <= until]
        timed_out = until is not None and reached < len(text)
        reason = "time_up" if timed_out else plan.ending
        return [*keys, end_event(t + rng.uniform(0.3, 1.5), reason)]  # type: ignore[arg-type]
    if isinstance(exercise, DictationExercise):
        clips = [(c, world["transcripts"][c], world["lengths"][c]) for c in exercise.clips]
        stop = rng.randrange(len(clips)) if plan.ending == "abandoned" else None
        typist.wpm *= 0.85  # listening while typing
        audio, t = dictation_events(typist, clips, stop)
        merged = sorted([*audio, *typist.keys], key=lambda e: e.t)
        return [*merged, end_event(t, plan.ending)]  # type: ignore[arg-type]
    return operator_events(
        exercise, world["lengths"], plan.skill, rng, hang_up=plan.ending == "abandoned"
    )


def journal_name(plan: Plan) -> Path:
    """Where its journal goes in the data folder: by day, as the app files them."""
    started = datetime.fromisoformat(plan.started_at)
    return (
        Path("journals")
        / started.strftime("%Y-%m-%d")
        / f"{started.strftime('%H%M%S')}-{plan.index % 1_000_000:06d}-{plan.exercise_id}.jsonl"
    )


def simulate(job: tuple[Plan, str]) -> tuple[int, str, dict[str, Any], str]:
    """Simulate, journal and score one session: its index, journal, result and end time."""
    from trainer import __version__
    from trainer.core.scoring import score

    plan, folder = job
    world = _load_world()
    exercise = world["exercises"][plan.exercise_id]
    rng = random.Random(plan.seed)
    events = _events(plan, exercise, world, rng)
    if plan.ending == "recovered":  # the power went: the journal stops mid-session
        events = [e for e in events if not isinstance(e, EndEvent)]
        events = events[: rng.randint(1, max(1, len(events) - 1))]
    header = Header(
        exercise_id=exercise.id,
        exercise_hash=content_hash(exercise),
        trainee=plan.trainee,
        mode=plan.mode,  # type: ignore[arg-type]
        app_version=__version__,
        started_at=plan.started_at,
        workstation=plan.workstation,
    )
    relative = journal_name(plan)
    path = Path(folder) / relative
    writer = JournalWriter(path, header)
    for event in events:
        writer.write(event)
    writer.close()
    result = score(exercise, read_journal(path), transcripts=world["transcripts"])
    last = events[-1].t if events else 0.0
    ended = datetime.fromisoformat(plan.started_at) + timedelta(seconds=last)
    return (
        plan.index,
        str(relative),
        result.model_dump(mode="json"),
        ended.isoformat("T", "seconds"),
    )


def _progress(done: int, total: int, started: float) -> None:
    spent = time.monotonic() - started
    rate = done / spent if spent else 0.0
    left = (total - done) / rate if rate else 0.0
    line = f"{done:,}/{total:,} sessions  {rate:,.0f}/s  {spent:,.0f} s, about {left:,.0f} s left"
    if sys.stderr.isatty():
        print(f"\r{line}   ", end="" if done < total else "\n", file=sys.stderr, flush=True)
    elif done == total or done % 500 == 0:
        print(line, file=sys.stderr, flush=True)


def generate(
    folder: Path,
    sessions: int,
    trainees: int,
    seed: int = 1,
    jobs: int | None = None,
    until: date = date(2026, 11, 27),
    progress: bool = True,
) -> dict[str, Any]:
    """Make the data folder; returns what was made (counts, seconds)."""
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / STORE_FILE).exists():
        raise SystemExit(f"{folder}: a store is already there; give an empty folder")
    world = _load_world()
    plans, people = plan_sessions(world["catalog"], sessions, trainees, seed, until)
    store = Store(folder / STORE_FILE)
    # one generated folder, nobody else on it: no fsync per row (a crash means generating again)
    store._db.execute("PRAGMA synchronous = OFF")
    ids = {p.name: store.add_trainee(p.name).id for p in people}
    for p in people:
        store.set_trainee_language(ids[p.name], p.language)
        store.set_trainee_group(ids[p.name], store.group_named(f"Groep {p.group + 1}").id)
    jobs = jobs or os.cpu_count() or 1
    work = [(plan, str(folder)) for plan in plans]
    done = 0
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for index, journal, result, ended in pool.imap(simulate, work, chunksize=8):
            plan = plans[index]
            exercise = world["exercises"][plan.exercise_id]
            session = store.start_session(
                ids[plan.trainee],
                plan.exercise_id,
                content_hash(exercise),
                exercise.title,
                plan.mode,
                folder / journal,
                started_at=plan.started_at,
            )
            store.finish_session(session, result["ended"], result, ended_at=ended)
            done += 1
            if progress:
                _progress(done, len(plans), started)
    store.close()
    return {"sessions": len(plans), "trainees": len(people), "seconds": time.monotonic() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", metavar="DIR", type=Path)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--trainees", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: every core)")
    parser.add_argument(
        "--until", type=date.fromisoformat, default=date(2026, 11, 27), help="the last day"
    )
    args = parser.parse_args(argv)
    made = generate(args.folder, args.sessions, args.trainees, args.seed, args.jobs, args.until)
    print(
        f"{args.folder}: {made['sessions']:,} sessions of {made['trainees']} trainees"
        f" in {made['seconds']:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
