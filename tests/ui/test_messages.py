"""Every problem the core, the devices, the store or the journal can tell a person is a code
with a sentence in the UI, in Dutch, French and English: none reaches a screen as a code or in
English inside a French sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from trainer.core.messages import Message
from trainer.ui import language, messages
from trainer.ui.app import create_application

# a code where a Message is made, or a pydantic error is raised with one
CODE = re.compile(r"""(?:\bMessage|PydanticCustomError)\(\s*["']([a-z0-9_]+)["']""")


def codes_in_code() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "trainer").rglob("*.py"):
        found |= set(CODE.findall(path.read_text(encoding="utf-8")))
    return found


@pytest.fixture(autouse=True)
def dutch_after() -> Iterator[None]:
    """The language is the process's: the next test finds Dutch again."""
    create_application()
    yield
    language.install("nl")


def test_every_code_has_a_sentence_and_every_sentence_a_code() -> None:
    worded = set(messages.sentences())
    used = codes_in_code()
    assert used, "no Message codes found: the search is broken"
    assert sorted(used - worded) == [], "codes without a sentence"
    assert sorted(worded - used) == [], "sentences no code uses"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "geen uitvoerapparaat met de naam 'USB' (er zijn: pulse, default)"),
        ("fr", "aucun périphérique de sortie nommé « USB » (il y a : pulse, default)"),
        ("en", "no output device called 'USB' (there are: pulse, default)"),
    ],
)
def test_a_message_is_worded_in_the_language_shown(lang: str, expected: str) -> None:
    language.install(lang)
    said = Message("device_not_found", {"name": "USB", "known": ["pulse", "default"]})
    assert messages.text(said) == expected
