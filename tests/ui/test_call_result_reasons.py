"""The results screen says in Dutch why a competence was not shown: each reason code of the
core as a sentence, with its values in the local notation, and no English leaking in; a result
stored by an earlier version, whose reasons were sentences, still shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core.test_call_scoring import CALL, good_call, replace, scored
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ActionEvent
from trainer.core.reasons import PARAMETERS, Param, reason
from trainer.ui import words
from trainer.ui.call_results_view import CallResultsView

IDENTITY, SCRIPT, TIMING = "D140801 Id17425", "D140801 Id16700", "co 01669"

# every code with values as a call gives them, and the sentence the trainee reads
SENTENCES: list[tuple[str, dict[str, Param], str]] = [
    ("text", {"text": "zoals vroeger bewaard"}, "zoals vroeger bewaard"),
    ("not_assessed", {}, "niet getoetst in dit scenario"),
    ("call_not_answered", {}, "de oproep werd niet beantwoord"),
    ("call_not_dialled", {}, "je hebt niet gebeld"),
    ("call_not_reached", {}, "je hebt niemand bereikt"),
    ("call_not_completed", {}, "het gesprek werd niet afgerond (gestopt of onderbroken)"),
    ("call_not_ended", {}, "het gesprek werd niet afgesloten of doorverbonden"),
    ("not_looked_up", {}, "de beller werd niet opgezocht: geen klantdossier geopend"),
    (
        "look_up_found_nothing",
        {"typed": "3510 8642"},
        "geen klantdossier geopend: opzoeken vond niets (laatst: '3510 8642')",
    ),
    (
        "verification_wrong",
        {"given": "mismatch", "expected": "verified"},
        "verificatie: gemarkeerd als 'komt niet overeen', verwacht 'geverifieerd'",
    ),
    (
        "verification_wrong",
        {"given": None, "expected": "mismatch"},
        "verificatie: niet gemarkeerd, verwacht 'komt niet overeen'",
    ),
    (
        "verified_other_file",
        {"at": 15.0, "record": "61502387"},
        "op 15,0 s als geverifieerd gemarkeerd in het dossier 61502387, dat niet van de beller "
        "is: accountgegevens van een andere klant werden getoond",
    ),
    (
        "verified_mismatch",
        {"at": 15.25},
        "op 15,3 s als geverifieerd gemarkeerd terwijl de gegevens van de beller niet met het "
        "klantdossier overeenkomen: accountgegevens werden getoond",
    ),
    (
        "verified_early",
        {"at": 9.0},
        "op 9,0 s als geverifieerd gemarkeerd voordat de beller zijn gegevens had gegeven: "
        "accountgegevens werden te vroeg getoond",
    ),
    ("step_not_done", {"step": "summarise"}, "stap 'Samenvatten' niet gedaan"),
    (
        "step_out_of_order",
        {"step": "purpose"},
        "stap 'Doel van de oproep' gedaan vóór een stap die ervoor komt",
    ),
    (
        "article_not_consulted",
        {"article": "verhuis", "title": "Verhuizen: adres wijzigen"},
        "kennisbankartikel 'Verhuizen: adres wijzigen' niet geraadpleegd",
    ),
    ("field_missing", {"field": "postcode", "label": "Postcode"}, "Postcode: niet ingevuld"),
    (
        "field_wrong",
        {"field": "postcode", "label": "Postcode", "value": "3001", "expected": "3000"},
        "Postcode: '3001' is fout (verwacht '3000')",
    ),
    (
        "field_misplaced",
        {
            "field": "klantnummer",
            "label": "Klantnummer",
            "value": "3000",
            "belongs_in": "postcode",
            "belongs_in_label": "Postcode",
        },
        "Klantnummer: '3000' hoort in het veld 'Postcode'",
    ),
    (
        "facts_missing",
        {"field": "notitie", "label": "Notitie", "facts": ["de bevestiging per e-mail"]},
        "Notitie: 'de bevestiging per e-mail' ontbreekt",
    ),
    (
        "facts_missing",
        {"field": "notitie", "label": "Notitie", "facts": ["de straat", "de postcode", "%2"]},
        "Notitie: 'de straat', 'de postcode' en '%2' ontbreken",
    ),
    (
        "spelling_over_margin",
        {"wrong": 1, "words": 10, "rate": 0.1, "margin": 0.03, "misspelled": ["Bevestigng"]},
        "spelling: 1 van 10 woorden fout (10,0 %, marge 3 %): 'Bevestigng'",
    ),
    (
        "transfer_wrong",
        {"given": "verkoop", "expected": "facturatie"},
        "doorverbonden naar 'verkoop', verwacht 'facturatie'",
    ),
    (
        "transfer_wrong",
        {"given": None, "expected": "facturatie"},
        "niet doorverbonden, verwacht: doorverbinden naar 'facturatie'",
    ),
    (
        "transfer_wrong",
        {"given": "verkoop", "expected": None},
        "doorverbonden naar 'verkoop', terwijl niet doorverbinden verwacht werd",
    ),
    (
        "closing_code_wrong",
        {"given": None, "expected": "adres-gewijzigd"},
        "afsluitcode 'geen', verwacht 'adres-gewijzigd'",
    ),
    (
        "contact_result_wrong",
        {"given": "terugbellen", "expected": "opgelost"},
        "contactresultaat 'terugbellen', verwacht 'opgelost'",
    ),
    ("answered_late", {"after": 12.5, "norm": 10.0}, "opgenomen na 12,5 s (norm 10 s)"),
    ("handling_too_long", {"seconds": 287.5, "norm": 180.0}, "gespreksduur 288 s (norm 180 s)"),
    ("message_missed", {"message": "collega"}, "melding 'collega' niet bevestigd"),
    (
        "message_late",
        {"message": "collega", "reaction": 36.0, "norm": 7.5},
        "melding 'collega' te laat bevestigd (36,0 s, norm 7,5 s)",
    ),
    # an outbound call
    ("wrong_number_dialled", {"typed": "015 41 28 39"}, "verkeerd nummer gebeld: '015 41 28 39'"),
    ("objection_not_handled", {"objection": "te-duur"}, "bezwaar 'te-duur' niet behandeld"),
    ("message_not_left", {}, "geen bericht ingesproken op de voicemail"),
    (
        "message_too_short",
        {"seconds": 4.2, "norm": 8.0},
        "voicemailbericht van 4 s (minstens 8 s)",
    ),
    # a queue shift
    ("shift_not_completed", {}, "de dienst werd niet afgewerkt (gestopt of onderbroken)"),
    ("contact_not_handled", {"contact": "visio"}, "'visio': niet behandeld"),
    (
        "sla_response_breached",
        {"contact": "printer", "ticket": "INC1041", "used": 187.5, "target": 120.0},
        "'printer': SLA-responstijd overschreden (188 s, norm 120 s)",
    ),
    (
        "sla_response_breached",
        {"contact": "", "ticket": "INC1040", "used": 301.0, "target": 300.0},
        "'INC1040': SLA-responstijd overschreden (301 s, norm 300 s)",
    ),
    (
        "sla_resolution_breached",
        {"contact": "wachtwoord", "ticket": "INC1041", "used": 2500.0, "target": 2400.0},
        "'wachtwoord': SLA-oplostijd overschreden (2.500 s, norm 2.400 s)",
    ),
    (
        "picked_out_of_order",
        {"contact": "visio", "waiting": "printer"},
        "'visio' genomen terwijl het dringendere 'printer' wachtte",
    ),
    (
        "priority_wrong",
        {"contact": "printer", "ticket": "INC1041", "given": "P3", "expected": "P2"},
        "'printer': prioriteit P3, verwacht P2",
    ),
    (
        "customer_not_informed",
        {"contact": "printer", "ticket": "INC1041"},
        "'printer': de klant werd niet op de hoogte gebracht",
    ),
    (
        "ticket_missing",
        {"contact": "printer"},
        "'printer': geen ticket aangemaakt, terwijl het er een nodig had",
    ),
    (
        "ticket_not_needed",
        {"contact": "vraag", "ticket": "INC1042", "existing": None},
        "'vraag': ticket INC1042 aangemaakt, terwijl er geen ticket nodig was",
    ),
    (
        "ticket_not_needed",
        {"contact": "rappel", "ticket": "INC1042", "existing": "INC1040"},
        "'rappel': nieuw ticket INC1042 aangemaakt in plaats van het open ticket INC1040 bij te "
        "werken",
    ),
    (
        "existing_not_updated",
        {"contact": "rappel", "ticket": "INC1040"},
        "'rappel': het open ticket INC1040 werd niet bijgewerkt",
    ),
    (
        "ticket_incomplete",
        {"contact": "printer", "ticket": "INC1041", "missing": ["requester", "note"]},
        "'printer': niet ingevuld in ticket INC1041: aanvrager, notitie",
    ),
    (
        "category_wrong",
        {"contact": "printer", "ticket": "INC1041", "given": "hardware", "expected": "printer"},
        "'printer': categorie 'hardware', verwacht 'printer'",
    ),
    (
        "requester_wrong",
        {"contact": "printer", "ticket": "INC1041", "given": "40112", "expected": "40187"},
        "'printer': aanvrager '40112', verwacht '40187'",
    ),
    (
        "team_wrong",
        {"contact": "printer", "ticket": "INC1041", "given": "applicaties", "expected": "werkplek"},
        "'printer': toegewezen aan 'applicaties', verwacht 'werkplek'",
    ),
    (
        "team_wrong",
        {"contact": "printer", "ticket": "INC1041", "given": None, "expected": "werkplek"},
        "'printer': niet toegewezen, verwacht team 'werkplek'",
    ),
    (
        "team_wrong",
        {"contact": "wachtwoord", "ticket": "INC1041", "given": "werkplek", "expected": None},
        "'wachtwoord': toegewezen aan 'werkplek', terwijl de eerste lijn het zelf oplost",
    ),
    (
        "problem_not_linked",
        {"contact": "vpn", "ticket": "INC1043", "given": None, "expected": "prb-vpn"},
        "'vpn': niet gekoppeld aan het gekende probleem 'prb-vpn'",
    ),
    (
        "problem_not_linked",
        {"contact": "vpn", "ticket": "INC1043", "given": "prb-vpn", "expected": None},
        "'vpn': gekoppeld aan 'prb-vpn', terwijl er geen gekend probleem was",
    ),
    (
        "problem_not_linked",
        {"contact": "vpn", "ticket": "INC1043", "given": "prb-mail", "expected": "prb-vpn"},
        "'vpn': gekoppeld aan 'prb-mail', verwacht 'prb-vpn'",
    ),
    (
        "not_resolved",
        {"contact": "wachtwoord", "ticket": "INC1041"},
        "'wachtwoord': ticket INC1041 niet opgelost in de eerste lijn",
    ),
    (
        "ticket_close_code_wrong",
        {"contact": "wachtwoord", "ticket": "INC1041", "given": "dubbel", "expected": "opgelost"},
        "'wachtwoord': afsluitcode 'dubbel', verwacht 'opgelost'",
    ),
    (
        "ticket_facts_missing",
        {"contact": "printer", "ticket": "INC1041", "facts": ["de foutcode"]},
        "'printer': 'de foutcode' ontbreekt in het ticket",
    ),
    (
        "live_contact_waited",
        {"contact": "werf", "seconds": 95.2, "norm": 60.0},
        "'werf': pas na 95 s aangenomen (norm 60 s)",
    ),
    (
        "live_contact_waited",
        {"contact": "werf", "seconds": None, "norm": 60.0},
        "'werf': nooit aangenomen (norm 60 s)",
    ),
    (
        "contact_too_long",
        {"contact": "printer", "seconds": 312.4, "norm": 240.0},
        "'printer': behandeld in 312 s (norm 240 s)",
    ),
    (
        "customer_left",
        {"chat": "an", "at": 122.0},
        "chat 'an': de klant haakte af op 122 s, zonder antwoord",
    ),
    (
        "reply_missed",
        {"chat": "an", "message": "nummer"},
        "chat 'an': bericht 'nummer' niet beantwoord",
    ),
    (
        "reply_late",
        {"chat": "an", "message": "nummer", "seconds": 64.25, "norm": 60.0},
        "chat 'an': bericht 'nummer' te laat beantwoord (64,3 s, norm 60 s)",
    ),
    (
        "reply_facts_missing",
        {"chat": "an", "message": "nummer", "facts": ["het e-mailadres", "de link"]},
        "chat 'an', antwoord op 'nummer': 'het e-mailadres' en 'de link' ontbreken",
    ),
    (
        "politeness_missing",
        {"chat": "an", "message": "vraag", "markers": ["greeting"]},
        "chat 'an', antwoord op 'vraag': geen 'begroeting'",
    ),
    (
        "impolite_words",
        {"chat": "an", "message": "vraag", "words": "jouw"},
        "chat 'an', antwoord op 'vraag': 'jouw' hoort niet in een antwoord aan een klant",
    ),
]


@pytest.mark.parametrize(("code", "params", "sentence"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_each_reason_reads_as_a_dutch_sentence(code: str, params: dict, sentence: str) -> None:
    assert words.reason(reason(code, **params)) == sentence  # type: ignore[arg-type]


def test_every_code_has_its_sentence() -> None:
    assert {code for code, _, _ in SENTENCES} == set(PARAMETERS)
    for code, params, _ in SENTENCES:
        said = words.reason(reason(code, **params))  # type: ignore[arg-type]
        assert said != code and not re.search(r"%\d", said.replace("'%2'", ""))


def _why_not(view: CallResultsView) -> dict[str, str]:
    table = view.competences
    return {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def test_the_results_screen_says_why_in_dutch(qtbot, tmp_path: Path) -> None:
    # F6 where the caller matched, the summary not ticked, answered after 12.5 s
    events = replace(
        good_call(), ActionEvent(t=15.0, action="verified"), ActionEvent(t=15.0, action="mismatch")
    )
    events = [e for e in events if not (isinstance(e, ActionEvent) and e.target == "summarise")]
    events = replace(
        events, ActionEvent(t=4.0, action="answered"), ActionEvent(t=12.5, action="answered")
    )
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(scored(tmp_path, events))
    why = _why_not(view)
    assert why[IDENTITY] == (
        "verificatie: gemarkeerd als 'komt niet overeen', verwacht 'geverifieerd'"
    )
    assert why[SCRIPT] == "stap 'Samenvatten' niet gedaan"
    assert why[TIMING] == "opgenomen na 12,5 s (norm 10 s)"
    # no key of the journal or the core in the Dutch screen
    for text in why.values():
        assert not re.search(r"verified|mismatch|summarise|_", text), text


def test_a_breach_is_said_in_the_summary(qtbot, tmp_path: Path) -> None:
    expect = CALL.expect.model_copy(update={"verification": "mismatch"})
    call = CALL.model_copy(update={"expect": expect})
    from tests.journals import write_journal
    from trainer.core.scoring import score

    result = score(call, write_journal(tmp_path / "j.jsonl", call, good_call()))
    assert isinstance(result, CallResult)
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(result)
    assert (
        "Vertrouwelijkheid geschonden: op 15,0 s als geverifieerd gemarkeerd terwijl de "
        "gegevens van de beller niet met het klantdossier overeenkomen"
    ) in view.summary.text()


def test_a_result_stored_by_an_earlier_version_still_shows(qtbot, tmp_path: Path) -> None:
    """A row written the old way (reasons as sentences) reads back and shows them as written."""
    from trainer.store import Store
    from trainer.ui.home_view import HomeView

    old = scored(tmp_path, good_call()).model_dump(mode="json")
    sentence = "kennisbankartikel 'verhuis' niet geraadpleegd"
    for c in old["competences"]:
        if c["code"] == "D140801 Id17255":
            c.update(shown=False, reasons=[sentence])
        elif not c["assessed"]:
            c["reasons"] = ["niet getoetst in dit scenario"]
    old["passed"] = False
    store = Store(tmp_path / "store.sqlite3")
    trainee = store.add_trainee("Jana")
    session = store.start_session(
        trainee.id, CALL.id, "hash", CALL.title, "practice", tmp_path / "j.jsonl"
    )
    store.finish_session(session, "finished", old)
    (row,) = store.recent_sessions(trainee.id)
    store.close()
    assert row.result is not None
    assert row.result["competences"][2]["reasons"] == [sentence]  # stored as a string

    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(CallResult.model_validate(row.result))
    assert _why_not(view)["D140801 Id17255"] == sentence
    assert view.verdict.text() == "Niet geslaagd"
    home = HomeView()
    qtbot.addWidget(home)
    home.show_recent([row])
    assert home.recent_table.item(0, 3).toolTip() == "Niet getoond: D140801 Id17255"


def test_the_competences_are_named_by_their_code_in_the_screens_words(qtbot, tmp_path) -> None:
    from trainer.core.call_competences import COMPETENCES

    # the Dutch source is the standard's own title; a code not known to the UI keeps the
    # title the result carries
    assert {code: words.competence_name(code) for code in COMPETENCES} == COMPETENCES
    assert words.competence_name("co 09999", "Nieuwe competentie") == "Nieuwe competentie"
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(scored(tmp_path, good_call()))
    table = view.competences
    names = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert names[IDENTITY] == "Controleert de identiteit en de gegevens van de gesprekspartner"


def test_a_message_left_unanswered_is_named_by_what_it_said(qtbot, tmp_path: Path) -> None:
    """The trainee saw a message, not its id in the scenario ('collega')."""
    missed = [e for e in good_call() if not (isinstance(e, ActionEvent) and e.target == "collega")]
    result = scored(tmp_path, missed)
    said = result.screen_events[0].text
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(result)
    rows = {
        view.competences.item(r, 0).text(): view.competences.item(r, 3).text()
        for r in range(view.competences.rowCount())
    }
    why = rows["co 01669"]
    assert "'collega'" not in why
    assert said[:30] in why and "niet bevestigd" in why
