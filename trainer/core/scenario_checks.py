"""The checks a call scenario gets once its models are valid: what no model alone can see.

``cross_check`` runs one small check per rule: the timeline's references, its clips, that the
phone rings, the files a look-up can open, the form's fields, the facts a note must hold, the
script's steps and the expectations. Each mistake comes with the key path where it stands, so
``simultaan validate`` and the home screen say it at its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.messages import Message
from trainer.core.scenario import ACTIONS, SCRIPT_STEPS, CallExercise, FormField, Ring, Say
from trainer.core.yaml_source import Location

if TYPE_CHECKING:
    from trainer.core.fields import FieldValueError

# a mistake found: the key path where it stands (for its line), and what it is
Finding = tuple[Location, Message]


def cross_check(call: CallExercise, clip_languages: dict[str, str] | None = None) -> list[Finding]:
    """What the models alone cannot see: references between events, clips, fields, teams and
    codes, and values that must be valid for their field's kind. Each mistake comes with the
    key path where it stands, for its line number; ``clip_languages`` (clip id -> language)
    checks the clips too.

    Mistakes on one line (a flow-style event or field) come in the order of the checks here,
    which the loader's sort by line keeps."""
    spoken = {e.id for e in call.timeline if isinstance(e, Say)}
    return [
        *_duplicate_event_ids(call),
        *_timeline_references(call, spoken),
        *_timeline_clips(call, clip_languages),
        *_cycles(call),
        *_rings(call),
        *_dialling(call, clip_languages),
        *_ambiguous_files(call),
        *_field_ids(call),
        *_field_values(call),
        *_said_in_clips(call, clip_languages),
        *(found for i, f in enumerate(call.fields) for found in _fact_problems(i, f)),
        *_script_steps(call),
        *_expectations(call, spoken),
    ]


# the timeline -------------------------------------------------------------------------------
def _duplicate_event_ids(call: CallExercise) -> list[Finding]:
    """Events are named once: 'after' and the journal name them."""
    ids = [event.id for event in call.timeline]
    return [
        (("timeline", index, "id"), Message("duplicate_event_id", {"id": event.id}))
        for index, event in enumerate(call.timeline)
        if ids.index(event.id) != index
    ]


def _timeline_references(call: CallExercise, spoken: set[str]) -> list[Finding]:
    """'after' and 'unless' name an event, a clip's end or an action; 'whenever' an action."""
    known = {event.id for event in call.timeline}
    found: list[Finding] = []
    for index, event in enumerate(call.timeline):
        for key in ("after", "unless"):
            what = getattr(event, key)
            if what is not None and not _names_a_moment(what, known, spoken):
                message = Message("not_a_moment", {"name": what, "actions": list(ACTIONS)})
                found.append((("timeline", index, key), message))
        if event.whenever is not None and event.whenever not in ACTIONS:
            message = Message("not_an_action", {"name": event.whenever, "actions": list(ACTIONS)})
            found.append((("timeline", index, "whenever"), message))
    return found


def _names_a_moment(what: str, known: set[str], spoken: set[str]) -> bool:
    """An action, an event, or the end of a clip ('<say event>.end')."""
    if what in ACTIONS:
        return True
    target, _, end = what.partition(".")
    return target in known and (end == "" or (end == "end" and target in spoken))


def _timeline_clips(call: CallExercise, clip_languages: dict[str, str] | None) -> list[Finding]:
    """Each clip the customer says is in the library, in the call's language."""
    return [
        found
        for index, event in enumerate(call.timeline)
        if isinstance(event, Say)
        for found in _clip_problem(("timeline", index, "clip"), event.clip, call, clip_languages)
    ]


def _rings(call: CallExercise) -> list[Finding]:
    """An inbound call starts with the phone ringing; an outbound one never rings (the
    trainee dials)."""
    rings = [i for i, e in enumerate(call.timeline) if isinstance(e, Ring)]
    if call.outbound:
        return [(("timeline", i, "do"), Message("rings_when_outbound")) for i in rings]
    if rings:
        return []
    return [(("timeline",), Message("never_rings"))]


def _dialling(call: CallExercise, clip_languages: dict[str, str] | None) -> list[Finding]:
    """An outbound call says what dialling reaches, at a valid number; its voicemail has a
    greeting; an inbound call dials nothing."""
    from trainer.core.fields import FieldValueError, normalise

    dial = call.dial
    if not call.outbound:
        return [] if dial is None else [(("dial",), Message("dial_when_inbound"))]
    if dial is None:
        return [(("direction",), Message("outbound_without_dial"))]
    found: list[Finding] = []
    loc: Location = ("dial", "number") if dial.number else ("customer", "phone")
    try:
        normalise("phone", call.number_to_dial)
    except FieldValueError as exc:
        found.append((loc, _invalid("phone", exc)))
    if "voicemail" in dial.outcomes and dial.greeting is None:
        found.append((("dial", "outcomes"), Message("voicemail_without_greeting")))
    for key in ("greeting", "wrong_person"):
        clip = getattr(dial, key)
        if clip is not None:
            found += _clip_problem(("dial", key), clip, call, clip_languages)
    return found


# the form -----------------------------------------------------------------------------------
def _field_ids(call: CallExercise) -> list[Finding]:
    """Fields are named once: the journal and the result name them."""
    ids = [f.id for f in call.fields]
    return [
        (("fields", index, "id"), Message("duplicate_field_id", {"id": form_field.id}))
        for index, form_field in enumerate(call.fields)
        if ids.index(form_field.id) != index
    ]


def _field_values(call: CallExercise) -> list[Finding]:
    """The value a good operator enters is valid for its field's kind."""
    from trainer.core.fields import FieldValueError, normalise

    found: list[Finding] = []
    for index, form_field in enumerate(call.fields):
        try:
            normalise(form_field.kind, form_field.expected)
        except FieldValueError as exc:
            found.append((("fields", index, "expected"), _invalid(form_field.kind, exc)))
    return found


def _said_in_clips(call: CallExercise, clip_languages: dict[str, str] | None) -> list[Finding]:
    """The clip a field's value is said in is in the library, in the call's language."""
    return [
        found
        for index, form_field in enumerate(call.fields)
        if form_field.said_in is not None
        for found in _clip_problem(
            ("fields", index, "said_in"), form_field.said_in, call, clip_languages
        )
    ]


# the script and what is expected ------------------------------------------------------------
def _script_steps(call: CallExercise) -> list[Finding]:
    """Known steps, each once."""
    found: list[Finding] = []
    for index, step in enumerate(call.script):
        if step not in SCRIPT_STEPS:
            message = Message("unknown_step", {"step": step, "known": list(SCRIPT_STEPS)})
            found.append((("script", index), message))
        elif call.script.index(step) != index:
            found.append((("script", index), Message("step_twice", {"step": step})))
    return found


def _expectations(call: CallExercise, spoken: set[str]) -> list[Finding]:
    """What a good handling expects names what the call offers: a team, codes, a clip, the
    knowledge base's articles."""
    expect = call.expect
    found: list[Finding] = []
    if expect.transfer is not None and expect.transfer not in call.transfer_targets:
        message = Message("not_listed_in", {"name": expect.transfer, "list": "transfer_targets"})
        found.append((("expect", "transfer"), message))
    if expect.closing_code is not None and expect.closing_code not in call.closing_codes:
        message = Message("not_listed_in", {"name": expect.closing_code, "list": "closing_codes"})
        found.append((("expect", "closing_code"), message))
    if expect.verify_after is not None and expect.verify_after not in spoken:
        message = Message("not_a_say_event", {"name": expect.verify_after})
        found.append((("expect", "verify_after"), message))
    articles = {a.id for a in call.knowledge}
    for index, article in enumerate(expect.look_up):
        if article not in articles:
            message = Message("not_listed_in", {"name": article, "list": "knowledge"})
            found.append((("expect", "look_up", index), message))
    if expect.contact_result not in call.contact_results:
        values = {"name": expect.contact_result, "list": "contact_results"}
        found.append((("expect", "contact_result"), Message("not_listed_in", values)))
    return found


# the files, the facts, the clips -------------------------------------------------------------
def _ambiguous_files(call: CallExercise) -> list[Finding]:
    """A look-up opens one file: no two files may share a customer number, phone or name."""
    from trainer.core.call_rules import match

    found: list[Finding] = []
    for index, other in enumerate(call.other_customers):
        earlier = [call.customer, *call.other_customers[:index]]
        for key, value in (("number", other.number), ("phone", other.phone), ("name", other.name)):
            twin = next((r for r in earlier if value and match(r, value) is not None), None)
            if twin is not None:
                values = {"value": value, "name": twin.name, "number": twin.number}
                message = Message("look_up_finds_two", values)
                found.append((("other_customers", index, key), message))
    return found


def _fact_problems(index: int, form_field: FormField) -> list[Finding]:
    """Each fact valid for its kind, once, and held by the model answer in ``expected``."""
    from trainer.core.fields import FieldValueError, normalise

    found: list[Finding] = []
    ids = [fact.id for fact in form_field.facts]
    for number, fact in enumerate(form_field.facts):
        loc: Location = ("fields", index, "facts", number)
        if ids.index(fact.id) != number:
            found.append(((*loc, "id"), Message("duplicate_fact_id", {"id": fact.id})))
        if fact.kind is not None and fact.value is not None:
            try:
                normalise(fact.kind, fact.value)
            except FieldValueError as exc:
                found.append(((*loc, "value"), _invalid(fact.kind, exc)))
                continue
        held = fact.held_in(form_field.expected)
        if held is None:
            found.append((loc, Message("fact_not_in_answer", {"id": fact.id})))
    return found


def _clip_problem(
    loc: Location, clip_id: str, call: CallExercise, clip_languages: dict[str, str] | None
) -> list[Finding]:
    if clip_languages is None:
        return []
    language = clip_languages.get(clip_id)
    if language is None:
        return [(loc, Message("unknown_clip", {"clip": clip_id}))]
    if language != call.language:
        values = {"clip": clip_id, "language": language, "own": call.language}
        return [(loc, Message("clip_language_call", values))]
    return []


def _cycles(call: CallExercise) -> list[Finding]:
    """Events that (through 'after') end up waiting for themselves would never fire."""
    waits = {
        e.id: e.after.partition(".")[0]
        for e in call.timeline
        if e.after is not None and e.after not in ACTIONS
    }
    found: list[Finding] = []
    for index, event in enumerate(call.timeline):
        seen, current = {event.id}, waits.get(event.id)
        while current is not None and current not in seen:
            seen.add(current)
            current = waits.get(current)
        if current == event.id:
            message = Message("waits_for_itself", {"id": event.id})
            found.append((("timeline", index, "after"), message))
    return found


def _invalid(kind: str, exc: FieldValueError) -> Message:
    """A value that is not valid for its field's kind, by what is wrong with it
    (``FieldValueError.key``); the value as the file has it."""
    value = {"value": exc.value}
    return {
        "phone.format": Message("invalid_phone_format", value),
        "phone.length": Message("invalid_phone_length", value),
        "phone.country": Message("invalid_phone_country", value),
        "postcode.belgian": Message("invalid_postcode", value),
        "iban.format": Message("invalid_iban_format", value),
        "iban.length": Message("invalid_iban_length", value),
        "iban.checksum": Message("invalid_iban_checksum", value),
        "date.format": Message("invalid_date_format", value),
        "date.impossible": Message("invalid_date_impossible", value),
        "date.weekday": Message("invalid_date_weekday", value),
        "amount.format": Message("invalid_amount", value),
        "customer_number.digits": Message("invalid_customer_number", value),
        "email.format": Message("invalid_email", value),
        "name.letters": Message("invalid_name", value),
    }.get(exc.key, Message("invalid_field_value", {**value, "kind": kind}))
