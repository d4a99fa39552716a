"""Who is calling: the look-up in the customer records, the verification, and whether account
data reached a caller who had not shown (or not yet shown) to be the customer.

Pure functions of the call and its journal, like the rest of a call's score
(``trainer.core.call_scoring``). A look-up is journaled as the action ``look_up`` with what was
typed (``value``) and the number of the file it opened (``target``, empty when it found
nothing); the file open at a verdict (F5, F6) is the one the last successful look-up opened.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from trainer.core.call_rules import find_customer
from trainer.core.journal import ActionEvent, Journal
from trainer.core.reasons import Reason, reason
from trainer.core.scenario import CallExercise, Say

# verifying this close to the moment the caller's data were heard is not early: the last
# syllable is still on its way through the sound card, and the data were already given
VERIFY_GRACE = 0.5


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class VerificationResult(_Result):
    """The caller's identity check and whether account data reached an unverified caller.
    ``heard_at``: when the caller had given their identifying data, as judged (see
    ``identity_given_at``); ``record``: the file open at the last verdict (its number)."""

    expected: str | None  # None: nobody to verify (an outbound call reaching a voicemail)
    given: str | None
    at: float | None
    right: bool
    breach: bool
    breach_reasons: list[Reason]
    heard_at: float | None = None
    record: str | None = None


class LookUpResult(_Result):
    """The caller looked up in the customer records, scored like a field: what was typed,
    whether it opened a file (the caller's own, ``expected``, or another one) and by which of
    its data, and how long after the caller had identified themselves. The look-up reported
    is the first that opened a file, else the last one tried."""

    expected: str
    attempts: int
    typed: str | None
    found: bool
    record: str | None
    callers_file: bool
    by: str | None
    at: float | None
    said_at: float | None
    seconds_after_said: float | None


def identity_given_at(call: CallExercise, journal: Journal) -> float | None:
    """When the caller had given the data they identify themselves with (the clip of
    ``expect.verify_after``), on the session clock; None when that never happened.

    Taken from the audio clock (what reached the headset), and never later than the data can
    have been heard:

    - A clip's ``end`` is when its last frame reached the headset. A dropout (the sound card
      fed too late: ``underflows``) or a stall holds the sound back and so pushes that end
      later than the recording lasts; where in the clip it happened is not known, and the
      data may well have been heard before it. So the moment is the earlier of the end and
      the clip's (last) ``start`` plus the part of the recording still to come. A stutter can
      only make that moment earlier, never later: it never makes a breach out of a
      verification that came after the data were said.
    - A headset lost mid-clip: the clip goes on from where it was cut off (a new ``start``
      at its ``position``) once the trainee goes on; the time in between is not on the
      session clock. Counted from that last start.
    - A clip shown as a subtitle (no sound, or on without it after a lost headset) shows the
      whole sentence at once: the data were given the moment it appeared.
    """
    event = next((e for e in call.timeline if e.id == call.expect.verify_after), None)
    if not isinstance(event, Say):  # (none named; or a call built without its checks)
        return None
    start = None
    for e in journal.audio:
        if e.clip != event.clip:
            continue
        if e.action == "start":
            if e.subtitle:
                return e.t
            start = e
        elif e.action == "end":
            if start is None or start.length is None:  # (a journal from before 'length')
                return e.t
            return min(e.t, start.t + max(0.0, start.length - start.position))
    return None


def _opened_files(journal: Journal) -> list[tuple[ActionEvent, str | None]]:
    """Each verdict (F5, F6) with the file open at that moment (None: none was opened)."""
    open_file: str | None = None
    verdicts = []
    for e in journal.events:
        if not isinstance(e, ActionEvent):
            continue
        if e.action == "look_up" and e.target:
            open_file = e.target
        elif e.action in ("verified", "mismatch"):
            verdicts.append((e, open_file))
    return verdicts


def score_verification(
    call: CallExercise, journal: Journal, heard_at: float | None
) -> VerificationResult:
    """The verdict given against the expected one, and every way account data reached a
    caller who did not match or had not yet given their data."""
    expected = call.expect.verification
    callers = call.customer.number
    verdicts = _opened_files(journal)
    reasons: list[Reason] = []
    for e, record in verdicts:
        if e.action != "verified":
            continue
        if record is not None and record != callers:
            reasons.append(reason("verified_other_file", at=e.t, record=record))
        elif expected == "mismatch":
            reasons.append(reason("verified_mismatch", at=e.t))
    verified = next((e for e, _ in verdicts if e.action == "verified"), None)
    early = verified is not None and (heard_at is None or heard_at - VERIFY_GRACE > verified.t)
    if verified is not None and call.expect.verify_after is not None and early:
        reasons.append(reason("verified_early", at=verified.t))
    given, record = verdicts[-1] if verdicts else (None, None)
    right = given is not None and given.action == expected
    if given is not None and given.action == "verified" and record not in (None, callers):
        right = False  # the caller matched another customer's file
    return VerificationResult(
        expected=expected,
        given=given.action if given else None,
        at=given.t if given else None,
        right=right,
        breach=bool(reasons),
        breach_reasons=reasons,
        heard_at=heard_at,
        record=record,
    )


def score_look_up(call: CallExercise, journal: Journal, said_at: float | None) -> LookUpResult:
    """The look-up that opened a file (or the last that tried), timed from when the caller
    had identified themselves."""
    tries = [e for e in journal.events if isinstance(e, ActionEvent) and e.action == "look_up"]
    opened = next((e for e in tries if e.target), None)
    shown = opened or (tries[-1] if tries else None)
    found = find_customer(call, opened.value) if opened is not None else None
    at = shown.t if shown is not None else None
    return LookUpResult(
        expected=call.customer.number,
        attempts=len(tries),
        typed=shown.value if shown is not None else None,
        found=opened is not None,
        record=opened.target if opened is not None else None,
        callers_file=opened is not None and opened.target == call.customer.number,
        by=found.by if found is not None else None,
        at=at,
        said_at=said_at,
        seconds_after_said=round(at - said_at, 3)
        if at is not None and said_at is not None
        else None,
    )


def identity_reasons(
    look_up: LookUpResult, verification: VerificationResult, *, looked_up: bool = True
) -> list[Reason]:
    """Why the identity competence (D140801 Id17425) was not shown; empty when it was.
    ``looked_up``: whether a look-up is due (an outbound call is placed from the open file)."""
    reasons: list[Reason] = []
    if not looked_up:
        pass
    elif not look_up.found and look_up.attempts:
        reasons.append(reason("look_up_found_nothing", typed=look_up.typed))
    elif not look_up.found:
        reasons.append(reason("not_looked_up"))
    if verification.given != verification.expected:  # (the right verdict on another
        reasons.append(  # customer's file is a breach, said below)
            reason("verification_wrong", given=verification.given, expected=verification.expected)
        )
    return reasons + verification.breach_reasons
