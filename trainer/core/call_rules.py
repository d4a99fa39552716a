"""The desk's rules, without Qt: what an action on the agent desktop implies in the script, and
what a look-up in the customer records finds.

The call controller uses them for what the trainee sees (the ticks in the script, the record
that opens) and the scoring for what it judges (which steps were done, and when; which file the
caller was verified against), so the screen and the result never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from trainer.core.fields import FieldValueError, normalise
from trainer.core.scenario import CallExercise, CustomerRecord
from trainer.core.word_forms import fold

# Doing one of these on the desk is doing these script steps, in this order. Verifying (or
# finding that the data do not match) is only possible once the caller was identified, so it
# implies the identification before it; a transfer ends the operator's part of the call, so it
# is the closing step as well. A look-up implies the identification only when it found a file.
# On an outbound call the verdict says whether the person on the line is the one wanted.
IMPLIED_STEPS: dict[str, tuple[str, ...]] = {
    "answered": ("greet",),
    "look_up": ("identify",),
    "verified": ("identify", "verify", "right_person"),
    "mismatch": ("identify", "verify", "right_person"),
    "transferred": ("transfer", "close"),
    "closed": ("close",),
}


def implied_steps(action: str, target: str = "", script: Sequence[str] | None = None) -> list[str]:
    """The script steps an action does (only those in ``script``, when given). ``target`` is
    the action's target: a look-up that found nothing (no target) identified nobody."""
    if action == "look_up" and not target:
        return []
    steps = IMPLIED_STEPS.get(action, ())
    return [s for s in steps if script is None or s in script]


LookUpKind = Literal["customer_number", "phone", "name"]


@dataclass(frozen=True)
class Found:
    """What a look-up opened: a file, by which of its data, and whether it is the caller's."""

    record: CustomerRecord
    by: LookUpKind
    callers: bool


def records_of(call: CallExercise) -> list[CustomerRecord]:
    """Every file a look-up can find: the caller's own first, then the others."""
    return [call.customer, *call.other_customers]


def find_customer(call: CallExercise, query: str) -> Found | None:
    """The file that the caller's data, typed into the search, open; None when none matches.

    Each kind is compared as a CRM does: a customer number by its digits ("3510 8624" finds
    "35108624"), a phone number in any notation ("0471/23.45.67" finds "+32 471 23 45 67"), a
    name by its words in any order, without regard to accents or case ("willems sofie" finds
    "Sofie Willems"). A part of a name finds nothing: a surname alone is not an identification.
    """
    for record in records_of(call):
        by = match(record, query)
        if by is not None:
            return Found(record, by, record is call.customer)
    return None


def match(record: CustomerRecord, query: str) -> LookUpKind | None:
    """By which of its data ``query`` finds ``record``, or None."""
    if not query.strip():
        return None
    if _same("customer_number", query, record.number):
        return "customer_number"
    if record.phone and _same("phone", query, record.phone):
        return "phone"
    wanted = name_key(query)
    if wanted and wanted == name_key(record.name):
        return "name"
    return None


def _same(kind: Literal["customer_number", "phone"], typed: str, stored: str) -> bool:
    try:
        return normalise(kind, typed) == normalise(kind, stored)
    except FieldValueError:
        return False


_NAME_SEPARATORS = re.compile(r"[\s,.;\-]+")


def name_key(text: str) -> tuple[str, ...]:
    """A name's words, lower case, without accents, sorted: "Sofie Willems" and "willems
    sofie" give the same key; "D’Haese" and "d'haese" too. Empty when there are digits."""
    if any(ch.isdigit() for ch in text):
        return ()
    return tuple(sorted(word for word in _NAME_SEPARATORS.split(fold(text)) if word))
