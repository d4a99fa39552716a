"""Every rule a chat session's checks hold it to, each mistake said at its line: one broken
copy of the shipped level-1 chat breaks them all, so what ``simultaan validate`` says is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_chat_engine import REPO
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.messages import Message

SOURCE = (REPO / "exercises/nl/chat/nl-chat-01-wachtwoord.yaml").read_text(encoding="utf-8")

# (what the shipped file says, what the broken copy says instead)
MISTAKES = [
    # a placeholder the record does not have
    ("{naam}, u chat met {agent}", "{naam}, u chat met {collega}"),
    # a field's value not valid for its kind, and a fact the model note lacks
    ('expected: "48213975"', 'expected: "4821397A"'),
    ("any: [wachtwoord*, paswoord*]", "any: [account*]"),
    # the first message without 'at', a later one with it
    ("        at: 2\n", "        delay: 2\n"),
    ("      - id: nummer\n        delay: 8\n", "      - id: nummer\n        at: 8\n"),
    # a model reply without its marker, one without a fact, one with a word to avoid
    ('example: "Goedemorgen, u chat met Lotte.', 'example: "U chat met Lotte.'),
    ("een link om uw wachtwoord te herstellen gestuurd", "een mail gestuurd"),
    ('example: "Graag gedaan. Nog een fijne dag!"', 'example: "Graag gedaan jij. Fijne dag!"'),
    # a marker the exercise gives no phrasings for
    ("markers: [thanks]", "markers: [thanks, apology]"),
    # a duplicate template id
    ("  - id: afsluiten\n", "  - id: begroeting\n"),
]


def broken() -> str:
    text = SOURCE.replace("\napology: [sorry", "\nx_apology: [sorry")
    text = text.replace("  apology: [sorry, excuseer, excuses, spijt me, spijtig, vervelend]\n", "")
    for old, new in MISTAKES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def said(text: str) -> list[tuple[int, Message]]:
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("chat.yaml"))
    return [(p.line, p.message) for p in caught.value.problems]


def test_the_shipped_chat_is_valid() -> None:
    exercise, _ = parse_exercise(SOURCE, Path("chat.yaml"))
    assert exercise.kind == "chat"


def test_every_rule_says_its_mistake_at_its_line() -> None:
    text = broken()

    def at(needle: str) -> int:
        return text[: text.index(needle)].count("\n") + 1

    found = said(text)
    expected = [
        (at("{naam}, u chat met {collega}"), Message("unknown_placeholder", {
            "name": "collega",
            "known": ["adres", "agent", "email", "klantnummer", "naam", "telefoon", "ticket",
                      "vraag"],
        })),
        (at('expected: "4821397A"'), Message("invalid_customer_number", {"value": "4821397A"})),
        (at("- id: wachtwoord"), Message("example_lacks", {"id": "wachtwoord"})),
        (at("      - id: vraag\n        delay: 2"), Message("chat_first_message_at")),
        (at('example: "U chat met Lotte.'), Message("example_lacks", {"id": "greeting"})),
        (at("        at: 8"), Message("chat_at_first_only")),
        (at("- id: link"), Message("example_lacks", {"id": "link"})),
        (at("markers: [thanks, apology]"), Message("not_listed_in", {
            "name": "apology", "list": "politeness"})),
        (at('example: "Graag gedaan jij.'), Message("example_avoided", {"words": "jij"})),
        (at("  - id: begroeting\n    title: Afsluiten"), Message("duplicate_id", {
            "id": "begroeting"})),
    ]  # fmt: skip
    assert sorted(found, key=lambda f: f[0]) == sorted(expected, key=lambda f: f[0])


def test_a_level_1_session_has_one_customer() -> None:
    chats = SOURCE.index("chats:\n") + len("chats:\n")
    first = SOURCE[chats:]
    second = first.replace("  - id: an\n", "  - id: bert\n", 1)
    second = second.replace("id: klantnummer\n", "id: klantnummer2\n", 1).replace(
        "id: vraag\n        label", "id: vraag2\n        label", 1
    )
    assert said(SOURCE + second) == [
        (
            SOURCE[:chats].count("\n"),
            Message("chats_for_level", {"level": 1, "most": 1, "count": 2}),
        )
    ]
