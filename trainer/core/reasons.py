"""Why a result is what it is, as codes with parameters: the core keeps no words.

A ``Reason`` is a code from one closed set with the values its sentence needs
(``Reason(code="verified_early", params={"at": 4.0})``); the UI turns it into a sentence in the
trainee's language (``trainer.ui.words.reason``), and the ``--json`` output of ``simultaan
replay`` carries it as it is (``{"code": "verified_early", "params": {"at": 4.0}}``).

Times are seconds on the session clock, rates fractions (0.03), ``step`` a script step's key,
``field`` a form field's id and ``label`` its label as the exercise writes it (content, in the
call's language), verdicts the journal's actions (``verified``, ``mismatch``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

ReasonCode = Literal[
    "text",
    "not_assessed",
    "call_not_answered",
    "call_not_dialled",
    "call_not_reached",
    "call_not_completed",
    "call_not_ended",
    "not_looked_up",
    "look_up_found_nothing",
    "verification_wrong",
    "verified_other_file",
    "verified_mismatch",
    "verified_early",
    "step_not_done",
    "step_out_of_order",
    "article_not_consulted",
    "field_missing",
    "field_wrong",
    "field_misplaced",
    "facts_missing",
    "spelling_over_margin",
    "transfer_wrong",
    "closing_code_wrong",
    "contact_result_wrong",
    "answered_late",
    "handling_too_long",
    "message_missed",
    "message_late",
    "customer_left",
    "reply_missed",
    "reply_late",
    "reply_facts_missing",
    "politeness_missing",
    "impolite_words",
    "wrong_number_dialled",
    "objection_not_handled",
    "message_not_left",
    "message_too_short",
    "shift_not_completed",
    "contact_not_handled",
    "sla_response_breached",
    "sla_resolution_breached",
    "picked_out_of_order",
    "priority_wrong",
    "customer_not_informed",
    "ticket_missing",
    "ticket_not_needed",
    "existing_not_updated",
    "ticket_incomplete",
    "category_wrong",
    "requester_wrong",
    "team_wrong",
    "problem_not_linked",
    "not_resolved",
    "ticket_close_code_wrong",
    "ticket_facts_missing",
    "contact_too_long",
    "live_contact_waited",
]

# every code with the parameters it carries, all of them always (a value may be None)
PARAMETERS: dict[ReasonCode, tuple[str, ...]] = {
    # a reason stored as a sentence by a version before codes: shown as it was written
    "text": ("text",),
    # the competence is not part of this scenario
    "not_assessed": (),
    # half a call shows nothing: never answered; an outbound call never dialled, or dialled
    # without reaching anyone (only busy lines and strangers); stopped or cut off before its
    # wrap-up
    "call_not_answered": (),
    "call_not_dialled": (),
    "call_not_reached": (),
    "call_not_completed": (),
    # answered, but never closed nor transferred
    "call_not_ended": (),
    # who is calling: no look-up at all; look-ups that opened no file (the last one typed)
    "not_looked_up": (),
    "look_up_found_nothing": ("typed",),
    # the last verdict given (None: none) against the expected one
    "verification_wrong": ("given", "expected"),
    # a breach of confidentiality: marked verified (at) on another customer's file (record),
    # while the data did not match, or before the caller had given their data
    "verified_other_file": ("at", "record"),
    "verified_mismatch": ("at",),
    "verified_early": ("at",),
    # the script: a step never done; a step done before one that comes earlier
    "step_not_done": ("step",),
    "step_out_of_order": ("step",),
    # a knowledge-base article (its id and title) the call needs, never opened
    "article_not_consulted": ("article", "title"),
    # fields: empty though required; wrong; a value that belongs in another field; the facts
    # (their names) a note in the operator's own words lacks
    "field_missing": ("field", "label"),
    "field_wrong": ("field", "label", "value", "expected"),
    "field_misplaced": ("field", "label", "value", "belongs_in", "belongs_in_label"),
    "facts_missing": ("field", "label", "facts"),
    # the own words' spelling over the margin: wrong of words, as a rate, and the words
    "spelling_over_margin": ("wrong", "words", "rate", "margin", "misspelled"),
    # the choices at the end (given None: none chosen; a transfer expected None: none due)
    "transfer_wrong": ("given", "expected"),
    "closing_code_wrong": ("given", "expected"),
    "contact_result_wrong": ("given", "expected"),
    # times against their norms (seconds)
    "answered_late": ("after", "norm"),
    "handling_too_long": ("seconds", "norm"),
    "message_missed": ("message",),
    "message_late": ("message", "reaction", "norm"),
    # a chat session (``chat`` a conversation's id, ``message`` the customer's message): a
    # customer who gave up waiting (at: when); a message never answered; answered after its
    # norm; a reply without the facts it needed (their names), without its politeness
    # markers (greeting, thanks, apology, closing), or with words to avoid (as typed)
    "customer_left": ("chat", "at"),
    "reply_missed": ("chat", "message"),
    "reply_late": ("chat", "message", "seconds", "norm"),
    "reply_facts_missing": ("chat", "message", "facts"),
    "politeness_missing": ("chat", "message", "markers"),
    "impolite_words": ("chat", "message", "words"),
    # an outbound call: a number dialled that is not the customer's (as typed); an objection
    # (its timeline event) not ticked as handled before the customer spoke again; a voicemail's
    # beep reached and no message left, or one shorter than the call's minimum (seconds)
    "wrong_number_dialled": ("typed",),
    "objection_not_handled": ("objection",),
    "message_not_left": (),
    "message_too_short": ("seconds", "norm"),
    # a queue shift (``contact`` an arrival's id, ``ticket`` a number, None when there is
    # none; priorities P1..P5, teams, categories, problems and close codes the exercise's ids):
    # stopped or cut off before its end; a contact that got no action at all
    "shift_not_completed": (),
    "contact_not_handled": ("contact",),
    # an SLA target missed, counted from the contact's arrival (seconds used, target); a
    # ticket open at the start has contact ''
    "sla_response_breached": ("contact", "ticket", "used", "target"),
    "sla_resolution_breached": ("contact", "ticket", "used", "target"),
    # taken while a more urgent contact waited (``waiting``: the most urgent of them)
    "picked_out_of_order": ("contact", "waiting"),
    "priority_wrong": ("contact", "ticket", "given", "expected"),
    "customer_not_informed": ("contact", "ticket"),
    # a ticket needed and none made; one made where none was needed (``existing``: the open
    # ticket the contact was about, or None); nothing written on that open ticket
    "ticket_missing": ("contact",),
    "ticket_not_needed": ("contact", "ticket", "existing"),
    "existing_not_updated": ("contact", "ticket"),
    # data not entered (``missing``: requester, subject, note) or not right
    "ticket_incomplete": ("contact", "ticket", "missing"),
    "category_wrong": ("contact", "ticket", "given", "expected"),
    "requester_wrong": ("contact", "ticket", "given", "expected"),
    # assigned to another team (given None: to none; expected None: the first line keeps it)
    "team_wrong": ("contact", "ticket", "given", "expected"),
    # not linked to its known problem (given None), or linked where none was due
    "problem_not_linked": ("contact", "ticket", "given", "expected"),
    # to be resolved at the first line and not resolved; resolved with another close code
    "not_resolved": ("contact", "ticket"),
    "ticket_close_code_wrong": ("contact", "ticket", "given", "expected"),
    # the ticket's texts lack facts (their names, as the exercise labels them)
    "ticket_facts_missing": ("contact", "ticket", "facts"),
    # from taking the contact to its last action, against its norm (seconds)
    "contact_too_long": ("contact", "seconds", "norm"),
    # a phone call or chat taken after ``seconds`` on the line (or never: None) against its norm
    "live_contact_waited": ("contact", "seconds", "norm"),
}

Param = str | int | float | list[str] | None


class Reason(BaseModel):
    """One reason: a code and the values its sentence is made of. A plain string (a result
    stored before reasons had codes) reads as the code ``text`` holding it."""

    model_config = ConfigDict(frozen=True)

    code: ReasonCode
    params: dict[str, Param] = {}

    @model_validator(mode="before")
    @classmethod
    def _from_sentence(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"code": "text", "params": {"text": data}}
        return data

    @model_validator(mode="after")
    def _params_of_its_code(self) -> Reason:
        # a sentence needs every value it names, and a value no sentence shows is a mistake
        wanted = set(PARAMETERS[self.code])
        if set(self.params) != wanted:
            missing = ", ".join(sorted(wanted - set(self.params))) or "none"
            extra = ", ".join(sorted(set(self.params) - wanted)) or "none"
            raise ValueError(f"reason {self.code}: missing {missing}, unknown {extra}")
        return self


def reason(code: ReasonCode, **params: Param) -> Reason:
    """A reason with its parameters: ``reason("step_not_done", step="summarise")``."""
    return Reason(code=code, params=params)
