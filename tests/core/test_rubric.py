"""The coach's rubric files: the shipped one covers the communication competences of the
standards in three languages, and a broken file is refused naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.rubric import load_rubric, rubric_path
from trainer.core.yaml_source import SourceFileError
from trainer.paths import assets_dir

GOOD = """\
kind: call
scale:
  - {score: 0, word: {nl: niet getoond, fr: pas montré, en: not shown}}
  - {score: 1, word: {nl: sterk, fr: très bien, en: strong}}
competences:
  - code: co 01671
    name: {nl: Communiceert, fr: Communique, en: Communicates}
    criteria:
      - id: greeting
        text: {nl: Begroet de klant, fr: Accueille le client, en: Greets the customer}
      - id: closing
        text: {nl: Sluit af, fr: Clôture, en: Closes}
"""


def test_the_shipped_call_rubric_covers_the_communication_competences() -> None:
    rubric = load_rubric(rubric_path(assets_dir(), "call"))
    assert [c.code for c in rubric.competences] == [
        "co 01671", "co 02795", "co 0167", "D140801 Id234"
    ]  # fmt: skip
    assert [lv.score for lv in rubric.scale] == [0, 1, 2, 3]
    ids = {k.id for c in rubric.competences for k in c.criteria}
    assert {"greeting", "clarifying", "reformulating", "explaining", "tone", "closing"} <= ids
    for c in rubric.competences:
        for k in c.criteria:  # every text in the three languages, and not the same words
            assert len({k.text.nl, k.text.fr, k.text.en}) == 3
    assert rubric.competence("co 0167").criteria[0].text.in_language("fr").startswith("Laisse")  # type: ignore[union-attr]


def _problems(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFileError) as caught:
        load_rubric(path)
    return [(p.line, p.message.code) for p in caught.value.problems]


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "call.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_rubric(path).competences[0].criteria[1].id == "closing"


def test_a_criterion_twice_is_named_at_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD.replace("id: closing", "id: greeting")) == [
        (11, "duplicate_criterion_id")
    ]


def test_a_text_without_its_french_is_named_at_its_line(tmp_path: Path) -> None:
    broken = GOOD.replace("fr: Clôture, ", "")
    [(line, _code)] = _problems(tmp_path, broken)
    assert line == 12


def test_a_score_twice_or_an_unknown_key_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD.replace("score: 1,", "score: 0,")) == [(4, "duplicate_score")]
    assert [
        line
        for line, _ in _problems(tmp_path, GOOD.replace("kind: call", "kind: call\nkleur: rood"))
    ] == [2]


def _shipped(exercise_id: str):  # type: ignore[no-untyped-def]
    from trainer.core.loader import load_catalog
    from trainer.paths import exercises_dir

    entry = load_catalog([exercises_dir()]).by_id(exercise_id)
    assert entry is not None
    return entry.exercise


def test_a_call_lists_only_the_competences_it_asks_for() -> None:
    """Every call: communication techniques; a call that can close as a complaint, complaints;
    a sale or an outbound campaign's follow-up, contacting customers; a saved code stays."""
    from trainer.core.rubric import Assessment, CompetenceAssessment

    rubric = load_rubric(rubric_path(assets_dir(), "call"))

    def codes(exercise_id: str, saved: Assessment | None = None) -> list[str]:
        return [c.code for c in rubric.targeted(_shipped(exercise_id), saved)]

    assert codes("nl-gesprek-01-wachtwoord") == ["co 01671", "co 02795"]
    assert codes("nl-gesprek-06-klacht-factuur") == ["co 01671", "co 02795", "co 0167"]
    assert codes("nl-gesprek-05-bestelling-bureaustoelen") == [
        "co 01671", "co 02795", "D140801 Id234"
    ]  # fmt: skip
    assert "D140801 Id234" in codes("en-call-02-callback-request")
    # assessed before (all four were listed then): never hidden, so never lost on saving again
    saved = Assessment(1, "Marleen Peeters", (CompetenceAssessment("co 0167", {"calm": 2}),))
    assert codes("nl-gesprek-01-wachtwoord", saved) == ["co 01671", "co 02795", "co 0167"]


def test_the_typing_rubrics_cover_the_typing_competences_for_every_drill() -> None:
    copy = load_rubric(rubric_path(assets_dir(), "copy"))
    dictation = load_rubric(rubric_path(assets_dir(), "dictation"))
    drill = _shipped("nl-copy-01-terugbelnotitie")
    assert [c.code for c in copy.targeted(drill)] == ["D140801 Id17267", "co 01670"]
    said = _shipped("nl-dictee-01-begroeting-en-printer")
    assert [c.code for c in dictation.targeted(said)] == [
        "co 01669", "co 0166", "D140801 Id17267"
    ]  # fmt: skip
    ids = {k.id for r in (copy, dictation) for c in r.competences for k in c.criteria}
    assert {"touch_typing", "posture", "proofreading", "keeps_typing", "rendering"} <= ids
    for r in (copy, dictation):
        for c in r.competences:
            for k in c.criteria:
                assert len({k.text.nl, k.text.fr, k.text.en}) == 3


def test_an_unknown_condition_is_named_at_its_line(tmp_path: Path) -> None:
    broken = GOOD.replace("  - code: co 01671\n", "  - code: co 01671\n    when: {kleur: [rood]}\n")
    assert [line for line, _ in _problems(tmp_path, broken)] == [7]


def test_the_chat_and_queue_rubrics_cover_written_contact_and_the_queue() -> None:
    """A chat: tone, clarity, structure, correct information for every session, empathy where a
    reply asks for an apology; a shift: prioritising, ticket quality, keeping customers
    informed and escalation, each under its standard's code."""
    chat = load_rubric(rubric_path(assets_dir(), "chat"))
    queue = load_rubric(rubric_path(assets_dir(), "queue"))
    assert [c.code for c in chat.targeted(_shipped("nl-chat-01-wachtwoord"))] == [
        "co 01671", "D140801 Id17255"
    ]  # fmt: skip
    assert [c.code for c in chat.targeted(_shipped("nl-chat-03-servicedesk"))] == [
        "co 01671", "D140801 Id17255", "co 0167"
    ]  # fmt: skip
    shift = _shipped("nl-wachtrij-04-vpn-storing")
    assert [c.code for c in queue.targeted(shift)] == ["co 01672", "co 01670", "D140801 Id16426"]
    ids = {k.id for r in (chat, queue) for c in r.competences for k in c.criteria}
    assert {"tone", "clarity", "structure", "correct_information", "empathy"} <= ids
    assert {"prioritising", "ticket_quality", "informing", "escalation"} <= ids
    for r in (chat, queue):
        for c in r.competences:
            for k in c.criteria:
                assert len({k.text.nl, k.text.fr, k.text.en}) == 3
