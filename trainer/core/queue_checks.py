"""The checks a queue exercise gets once its models are valid: what no model alone can see.

``cross_check`` runs one small check per rule: arrivals named once and within the shift, who
sent them, their clips, the tickets open at the start (their people, codes and numbers), and
what a good handling expects (known categories, teams, problems and close codes, a team the
routing rules send the category to, the facts its model note holds). Each mistake comes with
the key path where it stands, so ``simultaan validate`` says it at its line.
"""

from __future__ import annotations

from trainer.core.helpdesk import Helpdesk, Refused
from trainer.core.messages import Message
from trainer.core.queue_scenario import Handling, QueueExercise, start_events
from trainer.core.scenario_checks import Finding, _invalid
from trainer.core.yaml_source import Location


def cross_check(
    queue: QueueExercise, clip_languages: dict[str, str] | None = None
) -> list[Finding]:
    """Every mistake the models cannot see, with the key path where it stands;
    ``clip_languages`` (clip id -> language) checks the phone calls' clips too."""
    return [
        *_duplicates(queue),
        *_people(queue),
        *_shift(queue),
        *_clips(queue, clip_languages),
        *_start_tickets(queue),
        *(found for i, a in enumerate(queue.arrivals) for found in _handling(queue, i, a.expect)),
    ]


def _duplicates(queue: QueueExercise) -> list[Finding]:
    """Arrivals and customers are named once: the journal and the tickets name them."""
    ids = [a.id for a in queue.arrivals]
    found: list[Finding] = [
        (("arrivals", i, "id"), Message("duplicate_event_id", {"id": a.id}))
        for i, a in enumerate(queue.arrivals)
        if ids.index(a.id) != i
    ]
    numbers = [c.number for c in queue.customers]
    found += [
        (("customers", i, "number"), Message("duplicate_customer", {"id": c.number}))
        for i, c in enumerate(queue.customers)
        if numbers.index(c.number) != i
    ]
    return found


def _people(queue: QueueExercise) -> list[Finding]:
    """Every arrival and open ticket comes from a customer of the list."""
    known = {c.number for c in queue.customers}
    named = [(("arrivals", i, "requester"), a.requester) for i, a in enumerate(queue.arrivals)]
    named += [(("tickets", i, "requester"), t.requester) for i, t in enumerate(queue.tickets)]
    return [
        (loc, Message("not_listed_in", {"name": number, "list": "customers"}))
        for loc, number in named
        if number not in known
    ]


def _shift(queue: QueueExercise) -> list[Finding]:
    """A contact due after the shift's end would never arrive."""
    return [
        (("arrivals", i, "at"), Message("arrival_after_shift", {"at": a.at, "shift": queue.shift}))
        for i, a in enumerate(queue.arrivals)
        if a.at >= queue.shift
    ]


def _clips(queue: QueueExercise, clip_languages: dict[str, str] | None) -> list[Finding]:
    """A phone call's clip is in the library, in the exercise's language."""
    if clip_languages is None:
        return []
    found: list[Finding] = []
    for i, arrival in enumerate(queue.arrivals):
        if arrival.clip is None:
            continue
        language = clip_languages.get(arrival.clip)
        loc: Location = ("arrivals", i, "clip")
        if language is None:
            found.append((loc, Message("unknown_clip", {"clip": arrival.clip})))
        elif language != queue.language:
            values = {"clip": arrival.clip, "language": language, "own": queue.language}
            found.append((loc, Message("clip_language_exercise", values)))
    return found


def _codes(queue: QueueExercise, loc: Location, **given: str | None) -> list[Finding]:
    """Codes the helpdesk must know: category, team, problem, close code."""
    config = queue.helpdesk
    lists = {
        "category": ("helpdesk.categories", set(config.categories)),
        "team": ("helpdesk.teams", set(config.teams)),
        "problem": ("helpdesk.problems", {p.id for p in config.problems}),
        "close_code": ("helpdesk.close_codes", set(config.close_codes)),
    }
    found: list[Finding] = []
    for key, value in given.items():
        name, known = lists[key]
        if value is not None and value not in known:
            found.append(((*loc, key), Message("not_listed_in", {"name": value, "list": name})))
    return found


def _start_tickets(queue: QueueExercise) -> list[Finding]:
    """Known codes, and each ticket numbered as the helpdesk numbers it."""
    found: list[Finding] = []
    for i, ticket in enumerate(queue.tickets):
        loc: Location = ("tickets", i)
        found += _codes(
            queue, loc, category=ticket.category, team=ticket.team, problem=ticket.problem
        )
    if found:
        return found  # the helpdesk would refuse them for the same reasons
    desk = Helpdesk(queue.helpdesk)
    for event in start_events(queue):
        refusals = [o for o in desk.apply(event) if isinstance(o, Refused)]
        if event.op == "create" and any(r.code == "wrong_number" for r in refusals):
            index = [t.number for t in queue.tickets].index(event.ticket)
            # the number it would get, had the ones before it been right
            gets = f"{queue.helpdesk.number_prefix}{queue.helpdesk.first_number + index:04d}"
            values = {"number": event.ticket, "gets": gets}
            found.append((("tickets", index, "number"), Message("ticket_number_given", values)))
            break  # the ones after it are numbered after it: one message, not a cascade
    return found


def _handling(queue: QueueExercise, index: int, expect: Handling) -> list[Finding]:
    """What a good handling expects names what the helpdesk has, routes as its rules say,
    and its model note holds every fact."""
    loc: Location = ("arrivals", index, "expect")
    found = _codes(
        queue,
        loc,
        category=expect.category,
        team=expect.team,
        problem=expect.problem,
        close_code=expect.close_code,
    )
    numbers = {t.number for t in queue.tickets}
    if expect.existing is not None and expect.existing not in numbers:
        values = {"name": expect.existing, "list": "tickets"}
        found.append(((*loc, "existing"), Message("not_listed_in", values)))
    config = queue.helpdesk
    if expect.team is not None and expect.category in config.categories:
        routed = config.team_for(expect.category or "")
        if routed is None:
            message = Message("category_no_route", {"category": expect.category})
            found.append(((*loc, "category"), message))
        elif routed != expect.team and expect.team in config.teams:
            values = {"team": expect.team, "category": expect.category, "routed": routed}
            found.append(((*loc, "team"), Message("team_not_routed", values)))
    found += _fact_problems(loc, expect)
    return found


def _fact_problems(loc: Location, expect: Handling) -> list[Finding]:
    """Each fact valid for its kind, once, and held by the model note."""
    from trainer.core.fields import FieldValueError, normalise

    found: list[Finding] = []
    ids = [fact.id for fact in expect.facts]
    for number, fact in enumerate(expect.facts):
        here: Location = (*loc, "facts", number)
        if ids.index(fact.id) != number:
            found.append(((*here, "id"), Message("duplicate_fact_id", {"id": fact.id})))
        if fact.kind is not None and fact.value is not None:
            try:
                normalise(fact.kind, fact.value)
            except FieldValueError as exc:
                found.append(((*here, "value"), _invalid(fact.kind, exc)))
                continue
        held = fact.held_in(expect.note)
        if held is None:
            found.append((here, Message("fact_note_misses", {"id": fact.id})))
    return found
