"""What the app tells a person about a problem, as a code with its values: no words here.

A check or an exception in the layers below the UI says *what* is wrong as a ``Message``:
``Message("no_output_device")``, ``Message("device_not_found", {"name": "USB headset", "known":
["pulse", "default"]})``. The UI puts it into the person's language
(``trainer.ui.messages.text``), and the ``simultaan`` command through the same words. Nothing
below the UI holds a sentence a person reads, so a French trainee never gets an English one.

Values are what the sentence needs: texts as the file or device has them (a key, a device
name), whole numbers, numbers, or lists of texts. Every code used under ``trainer/`` has its
sentence in the UI (``tests/ui/test_messages.py`` finds the codes in the code).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Value = str | int | float | Sequence[str] | None


@dataclass(frozen=True)
class Message:
    """A code from the UI's list of sentences, with the values that sentence fills in."""

    code: str
    params: Mapping[str, Value] = field(default_factory=dict)

    def __str__(self) -> str:
        """For the log file and a developer's traceback, not for a person's screen."""
        values = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({values})" if values else self.code


class Said(Exception):
    """An error that carries a ``Message`` for the person who meets it."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def message_of(exc: BaseException) -> Message | None:
    """The ``Message`` an exception carries, if it carries one."""
    found = getattr(exc, "message", None)
    return found if isinstance(found, Message) else None
