"""The core's and the devices' ``Message`` codes in the person's language.

Each code has one sentence, written in Dutch with named places for its values (``{name}``),
translated like every other UI string. The sentences are kept by subject: what can be wrong
with a file a person wrote or chose (``message_files``), and what can go wrong with a device,
the store or the journal while working (``message_errors``). The ``simultaan`` command words
them the same way (after ``cli.ui_words()``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from trainer.ui import words

if TYPE_CHECKING:
    from trainer.core.messages import Message, Value
    from trainer.core.yaml_source import Problem


def sentences() -> dict[str, str]:
    """Every code with its sentence in the language shown (translated when asked, so a
    language switch takes effect at once)."""
    from trainer.ui.message_errors import sentences as errors
    from trainer.ui.message_exam import sentences as exam
    from trainer.ui.message_files import sentences as files
    from trainer.ui.message_seal import sentences as seals

    return {**files(), **errors(), **exam(), **seals()}


def text(message: Message) -> str:
    """A message as the person reads it. The values are filled in after translation, so a
    translation may put them where its language wants them; a value holding "{x}" stays as
    it is."""
    sentence = sentences().get(message.code)
    if sentence is None:  # (a test keeps every code worded; never shown to a person)
        return str(message)
    return re.sub(r"\{(\w+)\}", lambda m: _value(message.params.get(m[1], m[0])), sentence)


def problem(found: Problem, *, place: bool = True) -> str:
    """A problem with a file as ``FILE:LINE: message``, the message worded (``place``: with
    the file and line in front)."""
    said = f"{found.key}: {text(found.message)}" if found.key else text(found.message)
    return f"{found.file}:{found.line}: {said}" if place else said


def of_exception(exc: BaseException) -> str:
    """What an exception says, worded when it carries a ``Message``; else its own text (an
    operating system's error, already in the system's language)."""
    from trainer.core.messages import message_of

    found = message_of(exc)
    return text(found) if found is not None else str(exc)


def _value(value: Value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return words.number(value)
    if isinstance(value, float):
        return words.number(value, 0 if value.is_integer() else 1)
    if isinstance(value, str):
        return value
    return ", ".join(str(v) for v in value)
