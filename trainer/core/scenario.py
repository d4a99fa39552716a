"""Call scenarios (kind ``call``): a customer on the line, a changing screen, expected outcomes.

A scenario is data, checked before it runs (OpenMATB's habit): the customer's record as the
screen shows it, the form fields with the values the customer gives (and in which clip), the
script's steps, a timeline of events, the knowledge base, and what a good handling of the call
looks like. Timeline events fire at a time on the session clock (``at``), after another event
or a trainee's action (``after``, with a ``delay``), or every time the trainee does something
(``whenever``: the branches, e.g. the customer repeats the number when asked; with ``after``
only once that has happened, so nothing is repeated before it was said). An event with
``unless`` is called off when that action or event came first (the customer asks whether
you are still there, unless you put them on hold).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from trainer.core.exercise import DEFAULT_MARGIN, ExerciseBase
from trainer.core.fields import FieldKind
from trainer.core.journal import DeskAction

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]

# what the trainee does on the agent desktop that timeline events can wait for (a subset of
# the journal's closed set: mypy holds it to that)
ACTIONS: tuple[DeskAction, ...] = (
    "answered",
    "hold",
    "resumed",
    "ask_repeat",
    "verified",
    "mismatch",
    "transferred",
    "closed",
    "acknowledged",
)
SCRIPT_STEPS: tuple[str, ...] = (
    "greet",
    "identify",
    "verify",
    "purpose",
    "inform",
    "check_availability",
    "register",
    "create_ticket",
    "transfer",
    "summarise",
    "close",
)


class _Strict(BaseModel):
    # .inf and .nan are YAML floats; no time in a call is either
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# a call lasts minutes: times on its clock beyond an hour are typing mistakes (1800 for 180)
MAX_CALL_SECONDS = 3600.0
# the longest a trainee can be asked to wait for or take to respond
MAX_WAIT_SECONDS = 600.0


class CustomerRecord(_Strict):
    """The customer as the CRM shows them (which may differ from what the caller says)."""

    number: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    iban: str = ""
    products: list[str] = []
    history: list[str] = []

    def changed(self, field: str, value: str) -> CustomerRecord:
        """The record after a ``crm_update``: a list field gets ``value`` added, another field
        gets it as its new value."""
        old = getattr(self, field)
        return self.model_copy(update={field: [*old, value] if isinstance(old, list) else value})


class Fact(_Strict):
    """Something a free-text field must contain, in any wording: a ``value`` of a field
    ``kind`` (found in any notation of it) or ``any`` of a set of phrasings (a word ending in
    ``*`` stands for any ending). ``label`` names it in the result ("het bedrag")."""

    id: Identifier
    label: str = ""
    kind: FieldKind | None = None
    value: Annotated[str, Field(min_length=1)] | None = None
    any: list[Annotated[str, Field(min_length=1)]] = []

    @model_validator(mode="after")
    def _value_or_phrasings(self) -> Fact:
        if (self.kind is None) != (self.value is None):
            raise ValueError("a value fact needs both 'kind' and 'value'")
        if (self.value is None) == (not self.any):
            raise ValueError("give either 'kind' and 'value', or 'any' (a list of phrasings)")
        if self.kind == "text":
            raise ValueError("a text fact is a list of phrasings: use 'any'")
        return self

    @property
    def name(self) -> str:
        """How the result names the fact."""
        return self.label or self.value or self.any[0]


class FormField(_Strict):
    """A field of the contact form and the value a good operator enters. A free-text field
    (``kind: text``) with ``facts`` is judged on the facts it holds and on its spelling, and
    ``expected`` is a model answer; without facts it is compared word by word with
    ``expected``, without regard to case when ``case_sensitive`` is false (a user name, an
    error code)."""

    id: Identifier
    label: Annotated[str, Field(min_length=1)]
    kind: FieldKind
    expected: str
    required: bool = True
    said_in: str | None = None  # the clip in which the customer says it
    section: Literal["form", "wrapup"] = "form"  # wrapup: typed at the end (the summary)
    facts: list[Fact] = []
    case_sensitive: bool = True

    @model_validator(mode="after")
    def _facts_in_text(self) -> FormField:
        if self.kind != "text" and (self.facts or not self.case_sensitive):
            raise ValueError("'facts' and 'case_sensitive' go with 'kind: text' only")
        if self.facts and not self.case_sensitive:
            raise ValueError(
                "a field with 'facts' is not compared as a whole: drop 'case_sensitive'"
            )
        return self


class Article(_Strict):
    """A knowledge-base entry the trainee can search."""

    id: Identifier
    title: str
    text: str


class _Timed(_Strict):
    id: Identifier
    at: Annotated[float, Field(ge=0, le=MAX_CALL_SECONDS)] | None = None
    after: str | None = None  # an event id, "<event>.end", or an action
    whenever: str | None = None  # an action: fires each time the trainee does it (after 'after')
    delay: Annotated[float, Field(ge=0, le=MAX_CALL_SECONDS)] = 0.0
    unless: str | None = None  # an action or event: if it came first, this never fires

    @model_validator(mode="after")
    def _one_trigger(self) -> _Timed:
        gated = self.whenever is not None and self.after is not None and self.at is None
        if sum(x is not None for x in (self.at, self.after, self.whenever)) != 1 and not gated:
            raise ValueError(
                "give exactly one of 'at', 'after' or 'whenever' (or 'whenever' with 'after': "
                "each time, once that has happened)"
            )
        if self.unless is not None and self.whenever is not None:
            raise ValueError("'unless' goes with 'at' or 'after', not with 'whenever'")
        return self


class Ring(_Timed):
    """The phone rings until answered."""

    do: Literal["ring"]


class Say(_Timed):
    """The customer says a clip."""

    do: Literal["say"]
    clip: str


RecordField = Literal["address", "phone", "email", "iban", "products", "history"]


class ScreenMessage(_Timed):
    """Something appears on screen; with ``respond_within`` it needs a response in time. A
    ``crm_update`` can change a field of the record: ``field`` and ``value`` (a product or an
    earlier contact is added to the list; the other fields get the new value)."""

    do: Literal["chat", "alert", "crm_update", "queue"]
    text: str
    respond_within: Annotated[float, Field(gt=0, le=MAX_WAIT_SECONDS)] | None = None
    field: RecordField | None = None
    value: Annotated[str, Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _record_change(self) -> ScreenMessage:
        if (self.field is not None or self.value is not None) and self.do != "crm_update":
            raise ValueError("'field' and 'value' go with 'do: crm_update' only")
        if (self.field is None) != (self.value is None):
            raise ValueError("a record change needs both 'field' and 'value'")
        return self


class Sound(_Timed):
    """Hold music, or the customer hanging up."""

    do: Literal["hold_music", "hangup"]


TimelineEvent = Annotated[Ring | Say | ScreenMessage | Sound, Field(discriminator="do")]


class Expected(_Strict):
    """What a good handling of the call looks like."""

    verification: Literal["verified", "mismatch"]
    transfer: str | None = None  # a team from transfer_targets, or none
    closing_code: str | None = None
    contact_result: str
    answer_within: Annotated[float, Field(gt=0, le=MAX_WAIT_SECONDS)] = 15.0
    handling_time: Annotated[float, Field(gt=0, le=MAX_CALL_SECONDS)]
    verify_after: str | None = None  # a 'say' event: verifying before its clip ends is a breach
    look_up: list[str] = []  # knowledge articles the customer's question needs


class CallExercise(ExerciseBase):
    """A simulated call: kind ``call``."""

    kind: Literal["call"]
    margin: Annotated[Decimal, Field(ge=0, le=1)] = DEFAULT_MARGIN  # for free-text fields
    customer: CustomerRecord
    # other files in the CRM that a look-up can find (a number that belongs to someone else)
    other_customers: list[CustomerRecord] = Field(default_factory=list)
    fields: Annotated[list[FormField], Field(min_length=1)]
    script: Annotated[list[str], Field(min_length=1)]
    timeline: Annotated[list[TimelineEvent], Field(min_length=1)]
    knowledge: list[Article] = Field(default_factory=list)
    transfer_targets: list[str] = Field(default_factory=list)
    closing_codes: list[str] = Field(default_factory=list)
    contact_results: Annotated[list[str], Field(min_length=1)]
    expect: Expected


Location = tuple[str | int, ...]


def cross_check(
    call: CallExercise, clip_languages: dict[str, str] | None = None
) -> list[tuple[Location, str]]:
    """What the models alone cannot see: references between events, clips, fields, teams and
    codes, and values that must be valid for their field's kind. Each problem comes with the
    key path where it stands, for its line number."""
    from trainer.core.fields import FieldValueError, normalise

    found: list[tuple[Location, str]] = []
    ids = [event.id for event in call.timeline]
    for index, event in enumerate(call.timeline):
        if ids.index(event.id) != index:
            found.append((("timeline", index, "id"), f"duplicate event id '{event.id}'"))
    known = set(ids)
    spoken = {e.id for e in call.timeline if isinstance(e, Say)}
    for index, event in enumerate(call.timeline):
        for key in ("after", "unless"):
            what = getattr(event, key)
            if what is None:
                continue
            target, _, end = what.partition(".")
            valid = (what in ACTIONS) or (target in known and end in ("", "end"))
            if end == "end" and target not in spoken:
                valid = False
            if not valid:
                found.append(
                    (
                        ("timeline", index, key),
                        f"'{what}' is no event, '<clip event>.end' or action "
                        f"({', '.join(ACTIONS)})",
                    )
                )
        if event.whenever is not None and event.whenever not in ACTIONS:
            found.append((("timeline", index, "whenever"), f"'{event.whenever}' is no action"))
        if isinstance(event, Say):
            found += _clip_problem(("timeline", index, "clip"), event.clip, call, clip_languages)
    found += _cycles(call)
    if not any(isinstance(e, Ring) for e in call.timeline):
        found.append((("timeline",), "the phone never rings: add an event with 'do: ring'"))

    found += _ambiguous_files(call)

    field_ids = [f.id for f in call.fields]
    for index, form_field in enumerate(call.fields):
        if field_ids.index(form_field.id) != index:
            found.append((("fields", index, "id"), f"duplicate field id '{form_field.id}'"))
        try:
            normalise(form_field.kind, form_field.expected)
        except FieldValueError as exc:
            found.append(
                (("fields", index, "expected"), f"not a valid {form_field.kind} ({exc.key})")
            )
        if form_field.said_in is not None:
            loc: Location = ("fields", index, "said_in")
            found += _clip_problem(loc, form_field.said_in, call, clip_languages)
        found += _fact_problems(index, form_field)

    for index, step in enumerate(call.script):
        if step not in SCRIPT_STEPS:
            found.append((("script", index), f"unknown step '{step}' ({', '.join(SCRIPT_STEPS)})"))
        elif call.script.index(step) != index:
            found.append((("script", index), f"step '{step}' twice"))

    expect = call.expect
    if expect.transfer is not None and expect.transfer not in call.transfer_targets:
        found.append((("expect", "transfer"), f"'{expect.transfer}' is not in transfer_targets"))
    if expect.closing_code is not None and expect.closing_code not in call.closing_codes:
        found.append(
            (("expect", "closing_code"), f"'{expect.closing_code}' is not in closing_codes")
        )
    if expect.verify_after is not None and expect.verify_after not in spoken:
        found.append((("expect", "verify_after"), f"'{expect.verify_after}' is no 'say' event"))
    articles = {a.id for a in call.knowledge}
    for index, article in enumerate(expect.look_up):
        if article not in articles:
            found.append((("expect", "look_up", index), f"'{article}' is not in knowledge"))
    if expect.contact_result not in call.contact_results:
        found.append(
            (("expect", "contact_result"), f"'{expect.contact_result}' is not in contact_results")
        )
    return found


def _ambiguous_files(call: CallExercise) -> list[tuple[Location, str]]:
    """A look-up opens one file: no two files may share a customer number, phone or name."""
    from trainer.core.call_rules import match

    found: list[tuple[Location, str]] = []
    for index, other in enumerate(call.other_customers):
        earlier = [call.customer, *call.other_customers[:index]]
        for key, value in (("number", other.number), ("phone", other.phone), ("name", other.name)):
            twin = next((r for r in earlier if value and match(r, value) is not None), None)
            if twin is not None:
                found.append(
                    (
                        ("other_customers", index, key),
                        f"'{value}' also finds the file of {twin.name} ({twin.number}): a "
                        "look-up must open one file",
                    )
                )
    return found


def _fact_problems(index: int, form_field: FormField) -> list[tuple[Location, str]]:
    """Each fact valid for its kind, once, and held by the model answer in ``expected``."""
    from trainer.core.facts import find_phrase, find_value
    from trainer.core.fields import FieldValueError, normalise

    found: list[tuple[Location, str]] = []
    ids = [fact.id for fact in form_field.facts]
    for number, fact in enumerate(form_field.facts):
        loc: Location = ("fields", index, "facts", number)
        if ids.index(fact.id) != number:
            found.append(((*loc, "id"), f"duplicate fact id '{fact.id}'"))
        if fact.kind is not None and fact.value is not None:
            try:
                normalise(fact.kind, fact.value)
            except FieldValueError as exc:
                found.append(((*loc, "value"), f"not a valid {fact.kind} ({exc.key})"))
                continue
            held = find_value(fact.kind, fact.value, form_field.expected)
        else:
            held = find_phrase(fact.any, form_field.expected)
        if held is None:
            found.append((loc, f"the model answer in 'expected' does not hold fact '{fact.id}'"))
    return found


def _clip_problem(
    loc: Location, clip_id: str, call: CallExercise, clip_languages: dict[str, str] | None
) -> list[tuple[Location, str]]:
    if clip_languages is None:
        return []
    language = clip_languages.get(clip_id)
    if language is None:
        return [(loc, f"unknown clip '{clip_id}'")]
    if language != call.language:
        return [(loc, f"clip '{clip_id}' is in '{language}', the call in '{call.language}'")]
    return []


def _cycles(call: CallExercise) -> list[tuple[Location, str]]:
    """Events that (through 'after') end up waiting for themselves would never fire."""
    waits = {
        e.id: e.after.partition(".")[0]
        for e in call.timeline
        if e.after is not None and e.after not in ACTIONS
    }
    found: list[tuple[Location, str]] = []
    for index, event in enumerate(call.timeline):
        seen, current = {event.id}, waits.get(event.id)
        while current is not None and current not in seen:
            seen.add(current)
            current = waits.get(current)
        if current == event.id:
            found.append((("timeline", index, "after"), f"'{event.id}' waits for itself"))
    return found
