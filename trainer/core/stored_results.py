"""A stored result read back as the model ``score()`` gave it, by the kind it says it is: a
call's, a chat's and a queue shift's results carry their ``kind``; a typing session's (copy,
dictation) has none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trainer.core.call_scoring import CallResult
from trainer.core.chat_scoring import ChatResult
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import SessionResult

AnyResult = SessionResult | CallResult | ChatResult | QueueResult  # as score() gives them
MODELS: dict[str, type[CallResult | ChatResult | QueueResult]] = {
    "call": CallResult,
    "chat": ChatResult,
    "queue": QueueResult,
}


def stored_result(result: Mapping[str, Any]) -> AnyResult:
    """The result a store kept (its JSON as a dict); pydantic's ValidationError (a
    ValueError) when it is of another shape (stored by an older version)."""
    model = MODELS.get(str(result.get("kind")))
    if model is None:
        return SessionResult.model_validate(result)
    return model.model_validate(result)
