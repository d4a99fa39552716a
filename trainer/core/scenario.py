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

An outbound call (``direction: outbound``) is placed by the trainee from the record: it never
rings, and its ``dial`` block says what dialling reaches (the customer, a busy line, a
voicemail; a stranger or nobody for a wrong number); a customer's ``say`` may be an
``objection`` to handle (``trainer.core.call_line``, ``trainer.core.call_outbound``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from trainer.core.exercise import DEFAULT_MARGIN, ExerciseBase
from trainer.core.facts import find_phrase, find_value
from trainer.core.fields import FieldKind
from trainer.core.journal import DESK_ACTIONS, DeskAction

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]

# what the trainee does on the agent desktop that timeline events can wait for: the journal's
# closed set but for what only records (a look-up, a tick, an article, the wrap-up)
_NOT_TRIGGERS = ("look_up", "step", "open_article", "wrapup")
ACTIONS: tuple[DeskAction, ...] = tuple(a for a in DESK_ACTIONS if a not in _NOT_TRIGGERS)
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
    # an outbound call: who calls for which company, whether this is the person wanted, the
    # offer, an objection answered
    "introduce",
    "right_person",
    "offer",
    "handle_objection",
)


class _Strict(BaseModel):
    # .inf and .nan are YAML floats; no time in a call is either
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


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
            raise PydanticCustomError("fact_kind_and_value", "fact_kind_and_value")
        if (self.value is None) == (not self.any):
            raise PydanticCustomError("fact_value_or_any", "fact_value_or_any")
        if self.kind == "text":
            raise PydanticCustomError("fact_text_kind", "fact_text_kind")
        return self

    @property
    def name(self) -> str:
        """How the result names the fact."""
        return self.label or self.value or self.any[0]

    def held_in(self, text: str) -> str | None:
        """The words of ``text`` that hold the fact, as typed (None: it is not there): its
        value in any notation of its kind, or one of its phrasings."""
        if self.kind is not None and self.value is not None:
            return find_value(self.kind, self.value, text)
        return find_phrase(self.any, text)


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
            raise PydanticCustomError("facts_text_only", "facts_text_only")
        if self.facts and not self.case_sensitive:
            raise PydanticCustomError("facts_not_case_sensitive", "facts_not_case_sensitive")
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
            raise PydanticCustomError("one_trigger", "one_trigger")
        if self.unless is not None and self.whenever is not None:
            raise PydanticCustomError("unless_with_whenever", "unless_with_whenever")
        return self


class Ring(_Timed):
    """The phone rings until answered."""

    do: Literal["ring"]


class Say(_Timed):
    """The customer says a clip; an ``objection`` (a commercial call's 'too expensive', 'no
    time') must be handled: the script's ``handle_objection`` ticked after it started."""

    do: Literal["say"]
    clip: str
    objection: bool = False


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
            raise PydanticCustomError("record_change_only", "record_change_only")
        if (self.field is None) != (self.value is None):
            raise PydanticCustomError("record_change_both", "record_change_both")
        return self


class Sound(_Timed):
    """Hold music, or the customer hanging up."""

    do: Literal["hold_music", "hangup"]


TimelineEvent = Annotated[Ring | Say | ScreenMessage | Sound, Field(discriminator="do")]


class Expected(_Strict):
    """What a good handling of the call looks like."""

    verification: Literal["verified", "mismatch"] | None  # None: nobody to verify (a voicemail)
    transfer: str | None = None  # a team from transfer_targets, or none
    closing_code: str | None = None
    contact_result: str
    answer_within: Annotated[float, Field(gt=0, le=MAX_WAIT_SECONDS)] = 15.0
    handling_time: Annotated[float, Field(gt=0, le=MAX_CALL_SECONDS)]
    verify_after: str | None = None  # a 'say' event: verifying before its clip ends is a breach
    look_up: list[str] = []  # knowledge articles the customer's question needs


DialOutcome = Literal["answer", "busy", "voicemail"]


class Dialling(_Strict):
    """An outbound call: what dialling the customer's number reaches. ``outcomes`` are the
    calls of the right number in order (the last repeats): the customer answers, the line is
    busy, or a voicemail picks up. After a busy line a new call sooner than ``retry_after``
    seconds is busy again (the customer is still on the phone). A wrong number reaches
    ``wrong_person`` (a stranger says that clip and hangs up) or nobody (not in use)."""

    number: str | None = None  # what to dial (the customer's phone when not given)
    outcomes: Annotated[list[DialOutcome], Field(min_length=1)] = ["answer"]
    ring_seconds: Annotated[float, Field(gt=0, le=60)] = 4.0
    retry_after: Annotated[float, Field(ge=0, le=MAX_WAIT_SECONDS)] = 0.0
    greeting: str | None = None  # the voicemail's greeting clip
    message_min: Annotated[float, Field(ge=0, le=MAX_WAIT_SECONDS)] = 8.0
    wrong_person: str | None = None


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
    # outbound: the trainee places the call from the record (``dial`` says what it reaches)
    direction: Literal["inbound", "outbound"] = "inbound"
    dial: Dialling | None = None

    @property
    def outbound(self) -> bool:
        """The trainee places this call."""
        return self.direction == "outbound"

    @property
    def number_to_dial(self) -> str:
        """The number a good operator dials (the record's phone unless the call says one)."""
        return (self.dial.number if self.dial else None) or self.customer.phone

    @property
    def objections(self) -> list[Say]:
        """The customer's objections on the timeline."""
        return [e for e in self.timeline if isinstance(e, Say) and e.objection]
