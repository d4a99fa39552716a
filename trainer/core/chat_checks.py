"""The checks a chat session gets once its models are valid: what no model alone can see.

Each mistake comes with the key path where it stands, so ``simultaan validate`` and the home
screen say it at its line (``FILE:LINE: message``), as a call's checks do.
"""

from __future__ import annotations

from collections.abc import Iterable

from trainer.core.chat_scenario import (
    CHATS_PER_LEVEL,
    PLACEHOLDER,
    PLACEHOLDERS,
    Chat,
    ChatExercise,
    Reply,
    event_id,
    find_marker,
)
from trainer.core.facts import find_phrase
from trainer.core.fields import FieldValueError, normalise
from trainer.core.messages import Message
from trainer.core.scenario import Fact
from trainer.core.scenario_checks import Finding, _invalid
from trainer.core.yaml_source import Location


def cross_check_chat(exercise: ChatExercise) -> list[Finding]:
    """What the models alone cannot see: ids, the first message's time, the level's number of
    conversations, fields and facts, the model replies, the templates' placeholders and the
    screen's timeline."""
    return [
        *_level(exercise),
        *_ids(exercise),
        *(found for i, chat in enumerate(exercise.chats) for found in _chat(exercise, i, chat)),
        *_templates(exercise),
        *_screen(exercise),
        *(found for i, chat in enumerate(exercise.chats) for found in _ticket(exercise, i, chat)),
    ]


def _twice(ids: list[str], where: Iterable[Location]) -> list[Finding]:
    return [
        (loc, Message("duplicate_id", {"id": ids[index]}))
        for index, loc in enumerate(where)
        if ids.index(ids[index]) != index
    ]


def _level(exercise: ChatExercise) -> list[Finding]:
    """One conversation at level 1, two at most at 2-3, three at 4-5."""
    most = CHATS_PER_LEVEL[exercise.level]
    if len(exercise.chats) <= most:
        return []
    values = {"level": exercise.level, "most": most, "count": len(exercise.chats)}
    return [(("chats",), Message("chats_for_level", values))]


def _ids(exercise: ChatExercise) -> list[Finding]:
    """Conversations, templates and screen events named once; form fields once over the whole
    session (the journal names a field by its id alone)."""
    chats = [c.id for c in exercise.chats]
    templates = [t.id for t in exercise.templates]
    screen = [e.id for e in exercise.screen]
    fields = [(i, n, f.id) for i, c in enumerate(exercise.chats) for n, f in enumerate(c.fields)]
    return [
        *_twice(chats, (("chats", i, "id") for i in range(len(chats)))),
        *_twice(templates, (("templates", i, "id") for i in range(len(templates)))),
        *_twice(screen, (("screen", i, "id") for i in range(len(screen)))),
        *_twice([f for _, _, f in fields], (("chats", i, "fields", n, "id") for i, n, _ in fields)),
    ]


def _chat(exercise: ChatExercise, index: int, chat: Chat) -> list[Finding]:
    found: list[Finding] = []
    here: Location = ("chats", index)
    ids = [m.id for m in chat.messages]
    found += _twice(ids, ((*here, "messages", n, "id") for n in range(len(ids))))
    for number, message in enumerate(chat.messages):
        loc: Location = (*here, "messages", number)
        if number == 0 and message.at is None:
            found.append((loc, Message("chat_first_message_at")))
        if number > 0 and message.at is not None:
            found.append(((*loc, "at"), Message("chat_at_first_only")))
        if message.reply is not None:
            found += _reply(exercise, (*loc, "reply"), message.reply)
    for number, form_field in enumerate(chat.fields):
        loc = (*here, "fields", number)
        try:
            normalise(form_field.kind, form_field.expected)
        except FieldValueError as exc:
            found.append(((*loc, "expected"), _invalid(form_field.kind, exc)))
        found += _facts(loc, form_field.facts, form_field.expected)
    return found


def _reply(exercise: ChatExercise, loc: Location, reply: Reply) -> list[Finding]:
    """Each marker has phrasings; the model reply holds each fact and marker and no word to
    avoid."""
    found = _facts(loc, reply.facts, reply.example)
    for number, marker in enumerate(reply.markers):
        phrasings = exercise.politeness.get(marker)
        if not phrasings:
            message = Message("not_listed_in", {"name": marker, "list": "politeness"})
            found.append(((*loc, "markers", number), message))
        elif find_marker(marker, phrasings, reply.example) is None:
            found.append(((*loc, "example"), Message("example_lacks", {"id": marker})))
    avoided = find_phrase(exercise.avoid, reply.example) if exercise.avoid else None
    if avoided is not None:
        found.append(((*loc, "example"), Message("example_avoided", {"words": avoided})))
    return found


def _facts(loc: Location, facts: list[Fact], example: str) -> list[Finding]:
    """Each fact valid for its kind, once, and held by the model text."""
    found: list[Finding] = []
    ids = [fact.id for fact in facts]
    for number, fact in enumerate(facts):
        at: Location = (*loc, "facts", number)
        if ids.index(fact.id) != number:
            found.append(((*at, "id"), Message("duplicate_fact_id", {"id": fact.id})))
        if fact.kind is not None and fact.value is not None:
            try:
                normalise(fact.kind, fact.value)
            except FieldValueError as exc:
                found.append(((*at, "value"), _invalid(fact.kind, exc)))
                continue
        held = fact.held_in(example)
        if held is None:
            found.append((at, Message("example_lacks", {"id": fact.id})))
    return found


def _templates(exercise: ChatExercise) -> list[Finding]:
    """A placeholder names a value of the record in the exercise's language, or a form field."""
    known = sorted(
        {
            *PLACEHOLDERS.get(exercise.language, {}),
            *(f.id for c in exercise.chats for f in c.fields),
        }
    )
    found: list[Finding] = []
    for index, template in enumerate(exercise.templates):
        for name in PLACEHOLDER.findall(template.text):
            if name not in known:
                message = Message("unknown_placeholder", {"name": name, "known": known})
                found.append((("templates", index, "text"), message))
    return found


def _screen(exercise: ChatExercise) -> list[Finding]:
    """A screen message waits for another one, a customer's message (``<chat>.<message>``),
    a customer leaving (``<chat>.left``) or a screen message answered (``acknowledged``)."""
    known = {e.id for e in exercise.screen} | {"acknowledged"}
    for chat in exercise.chats:
        known |= {event_id(chat.id, m.id) for m in chat.messages} | {f"{chat.id}.left"}
    found: list[Finding] = []
    for index, event in enumerate(exercise.screen):
        for key in ("after", "unless", "whenever"):
            what = getattr(event, key)
            if what is not None and what not in known:
                message = Message("not_a_chat_moment", {"name": what})
                found.append((("screen", index, key), message))
    return found


def _ticket(exercise: ChatExercise, index: int, chat: Chat) -> list[Finding]:
    """A ticket needs the helpdesk system and names what it knows; no open ticket to update in
    a chat session; the model note holds each fact."""
    expect = chat.ticket
    if expect is None:
        return []
    loc: Location = ("chats", index, "ticket")
    config = exercise.helpdesk
    if config is None:
        return [(loc, Message("chat_ticket_needs_helpdesk"))]
    if expect.ticket == "existing":
        return [((*loc, "ticket"), Message("chat_ticket_existing"))]
    found: list[Finding] = []
    for key, value, known, listed in (
        ("category", expect.category, set(config.categories), "categories"),
        ("team", expect.team, set(config.teams), "teams"),
        ("close_code", expect.close_code, set(config.close_codes), "close_codes"),
        ("problem", expect.problem, {p.id for p in config.problems}, "problems"),
    ):
        if value is not None and value not in known:
            message = Message("not_listed_in", {"name": value, "list": f"helpdesk.{listed}"})
            found.append(((*loc, key), message))
    for number, fact in enumerate(expect.facts):
        held = fact.held_in(expect.note)
        if held is None:
            found.append(((*loc, "facts", number), Message("fact_note_misses", {"id": fact.id})))
    return found
