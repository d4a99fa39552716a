"""A result says why in codes with parameters, never in sentences; results stored by earlier
versions, whose reasons were Dutch sentences, still read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from tests.core.test_call_scoring import good_call, replace, scored
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ActionEvent
from trainer.core.reasons import PARAMETERS, Reason, ReasonCode, reason

IDENTITY, SCRIPT = "D140801 Id17425", "D140801 Id16700"


def test_every_code_says_which_parameters_it_carries() -> None:
    assert set(get_args(ReasonCode)) == set(PARAMETERS)


def test_a_reason_without_a_value_its_sentence_needs_or_with_one_it_has_not_is_refused() -> None:
    assert reason("step_not_done", step="summarise").params == {"step": "summarise"}
    with pytest.raises(ValidationError, match="missing step"):
        reason("step_not_done")
    with pytest.raises(ValidationError, match="unknown label"):
        reason("step_not_done", step="summarise", label="Samenvatten")
    with pytest.raises(ValidationError):
        Reason.model_validate({"code": "nicely_done", "params": {}})


def test_a_result_carries_codes_and_values_and_no_words(tmp_path: Path) -> None:
    # F6 where the caller matched, and the summary never ticked
    events = replace(
        good_call(), ActionEvent(t=15.0, action="verified"), ActionEvent(t=15.0, action="mismatch")
    )
    events = [e for e in events if not (isinstance(e, ActionEvent) and e.target == "summarise")]
    result = scored(tmp_path, events)
    by_code = {c.code: c for c in result.competences}
    assert by_code[SCRIPT].reasons == [reason("step_not_done", step="summarise")]
    assert by_code[IDENTITY].reasons == [
        reason("verification_wrong", given="mismatch", expected="verified")
    ]
    stored = result.model_dump(mode="json")
    assert {"code": "step_not_done", "params": {"step": "summarise"}} in [
        r for c in stored["competences"] for r in c["reasons"]
    ]
    # nothing in the result is a sentence of ours: the core keeps no words
    text = json.dumps(stored, ensure_ascii=False)
    for words in ("niet gedaan", "verwacht", "Samenvatten", "niet getoetst"):
        assert words not in text
    assert CallResult.model_validate(stored) == result


def test_a_result_stored_with_sentences_as_reasons_still_reads(tmp_path: Path) -> None:
    stored = scored(tmp_path, good_call()).model_dump(mode="json")
    # as an earlier version wrote it: the reasons were Dutch sentences
    early = "op 9,0 s als geverifieerd gemarkeerd voordat de beller zijn gegevens had gegeven"
    stored["verification"].update(breach=True, breach_reasons=[early])
    for c in stored["competences"]:
        if c["code"] == IDENTITY:
            c.update(shown=False, reasons=[early])
        elif not c["assessed"]:
            c["reasons"] = ["niet getoetst in dit scenario"]
    old = CallResult.model_validate(json.loads(json.dumps(stored)))
    assert old.verification.breach_reasons == [reason("text", text=early)]
    identity = next(c for c in old.competences if c.code == IDENTITY)
    assert identity.reasons == [Reason(code="text", params={"text": early})]
    assert not identity.shown
