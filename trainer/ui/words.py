"""The words and number formats the UI shows for the core's keys and numbers.

The core speaks in keys ("substitution", "time_up") and plain numbers; this module turns them
into the trainee's language. Source strings are Dutch (the first language of the product);
French and English come from translation files without touching the widgets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:  # (pydantic, which the core's models need, loads after the first frame)
    from trainer.core.reasons import Param, Reason
    from trainer.core.scoring import SessionResult

    Params = dict[str, Param]

_CTX = "words"


def tr(text: str) -> str:
    """Translate a UI string outside a widget.

    lupdate files ``words.tr("...")`` called elsewhere under the context "words", and this
    module's own bare ``tr("...")`` calls under the empty context: both are looked up."""
    translated = QCoreApplication.translate(_CTX, text)
    return translated if translated != text else QCoreApplication.translate("", text)


def count(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already translated, so lupdate sees them: ``words.count(n,
    words.tr("%n veld"), words.tr("%n velden"))``) with ``%n`` filled in: "1 veld", "3 velden".
    (Qt's own ``%n`` plurals would need a translation file even for the source language.)
    French counts 0 as one ("0 champ"); Dutch and English count it as many ("0 velden")."""
    from trainer.ui import language  # (no cycle: it imports nothing of the UI)

    singular = abs(n) < 2 if language.current() == "fr" else n == 1
    return (one if singular else many).replace("%n", str(n))


def verdict_word(key: str) -> str:
    """A field's or a message's verdict in a call's results and its report."""
    return {
        "right": tr("juist"),
        "wrong": tr("fout"),
        "misplaced": tr("verkeerd veld"),
        "missing": tr("ontbreekt"),
        "not_given": tr("niet ingevuld (optioneel)"),
        "hit": tr("op tijd"),
        "late": tr("te laat"),
        "missed": tr("gemist"),
    }.get(key, key)


def typing_verdict_lines(result: SessionResult) -> list[str]:
    """What decided a typing verdict, as the results screen and the report say it: the errors
    against the margin, the speed against its minimum, what was not counted, sound that
    stuttered, and how the session ended."""
    t = result.typing
    if not t.transcribed:
        return [tr("Er werd niets getypt.")]
    # many extra words take the word error rate past 1: never shown above 100 %
    errors = (
        tr("Fouten: %1 (%2), marge %3")
        .replace("%1", percent(min(t.error_rate, 1.0), 2))
        .replace("%2", unit_name(t.unit))
        .replace("%3", percent(float(t.margin), 1))
    )
    errors += "  ✓" if t.within_margin else tr("  ✗ te veel fouten")
    lines = [errors]
    if t.min_wpm is not None:
        speed = (
            tr("Netto snelheid: %1 woorden per minuut, minimum %2")
            .replace("%1", number(t.net_wpm, 1))
            .replace("%2", number(t.min_wpm, 0))
        )
        speed += "  ✓" if t.fast_enough else tr("  ✗ te traag")
        lines.append(speed)
    if t.ignored:
        lines.append(tr("Niet meegeteld: %1.").replace("%1", ignored([str(x) for x in t.ignored])))
    if result.audio_underflows:
        lines.append(dropouts(result.audio_underflows))
    if result.ended == "time_up":
        lines.append(tr("De tijd was om: alleen het getypte deel telt."))
    elif not result.completed:
        unfinished = tr(
            "Sessie %1: niet afgewerkt, dus niet geslaagd. Het getypte deel is gescoord."
        )
        lines.append(unfinished.replace("%1", end_reason(result.ended)))
    return lines


def error_type(key: str) -> str:
    """The name of an error type."""
    return {
        "substitution": tr("vervanging"),
        "insertion": tr("ingevoegd"),
        "omission": tr("weggelaten"),
        "transposition": tr("omwisseling"),
        "split": tr("gesplitst"),
        "join": tr("aaneengeschreven"),
    }.get(key, key)


def step_name(key: str) -> str:
    """A step of a call's script, as on the checklist."""
    return {
        "greet": tr("Begroeten"),
        "identify": tr("Beller identificeren"),
        "verify": tr("Gegevens verifiëren"),
        "purpose": tr("Doel van de oproep"),
        "inform": tr("Informeren"),
        "check_availability": tr("Beschikbaarheid nagaan"),
        "register": tr("Gegevens registreren"),
        "create_ticket": tr("Ticket aanmaken"),
        "transfer": tr("Doorverbinden"),
        "summarise": tr("Samenvatten"),
        "close": tr("Afsluiten"),
        "introduce": tr("Jezelf en het bedrijf voorstellen"),
        "right_person": tr("Juiste persoon nagaan"),
        "offer": tr("Aanbod doen"),
        "handle_objection": tr("Bezwaar behandelen"),
    }.get(key, key)


def error_detail(key: str | None) -> str:
    """What alone was wrong in a word ('' when more than one thing)."""
    return {
        "case": tr("hoofdletter"),
        "punctuation": tr("leesteken"),
        "hyphen": tr("koppelteken of spatie"),
    }.get(key or "", "")


def ignored(keys: list[str]) -> str:
    """What an attempt did not mark, as a list: "leestekens en de schrijfwijze van getallen"."""
    names = [
        {
            "punctuation": tr("leestekens"),
            "case": tr("hoofdletters"),
            "number-format": tr("de schrijfwijze van getallen"),
        }.get(key, key)
        for key in keys
    ]
    if len(names) <= 1:
        return "".join(names)
    return tr("%1 en %2").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])


def end_reason(key: str) -> str:
    """How a session ended."""
    return {
        "finished": tr("afgewerkt"),
        "time_up": tr("tijd om"),
        "abandoned": tr("afgebroken"),
        "recovered": tr("hersteld na onderbreking"),
        "running": tr("loopt nog"),
        "lost": tr("verloren"),
    }.get(key, key)


def dropouts(count: int) -> str:
    """A warning that the sound stopped for a moment during the session ('' if it never did)."""
    if not count:
        return ""
    return tr("Let op: het geluid haperde %1 keer (de computer was te traag).").replace(
        "%1", str(count)
    )


def language_name(code: str) -> str:
    """The name of a content language."""
    return {"nl": "Nederlands", "fr": "Français", "en": "English"}.get(code, code)


def kind_name(key: str) -> str:
    """The name of an exercise kind."""
    return {
        "copy": tr("Overtypen"),
        "dictation": tr("Dictee"),
        "call": tr("Gesprek"),
        "queue": tr("Wachtrij"),
        "chat": tr("Chat"),
    }.get(key, key)


def unit_name(key: str) -> str:
    """The error unit of an exercise."""
    return {"word": tr("woorden"), "char": tr("tekens")}.get(key, key)


def locale() -> QLocale:
    """Number formats of the language shown (Belgian Dutch and French: a decimal comma)."""
    from trainer.ui import language

    return language.locale()


def percent(value: float, decimals: int = 1) -> str:
    """0.0312 -> '3,1 %' (Dutch, French), '3.1%' (English)."""
    from trainer.ui import language

    space = "" if language.current() == "en" else " "
    return f"{locale().toString(value * 100, 'f', decimals)}{space}%"


def number(value: float | None, decimals: int = 0) -> str:
    """A number in the local format; a dash when there is none."""
    if value is None:
        return "–"
    return locale().toString(float(value), "f", decimals)


def seconds(value: float) -> str:
    """A duration as m:ss."""
    whole = max(0, round(value))
    return f"{whole // 60}:{whole % 60:02d}"


def competence_name(code: str, name: str = "") -> str:
    """A competence of the standards by its code, in the trainee's language (``name``, the
    standard's own Dutch title as the result carries it, for a code not known here)."""
    return {
        "D140801 Id17425": tr("Controleert de identiteit en de gegevens van de gesprekspartner"),
        "D140801 Id16700": tr("Identificeert het doel van de oproep en past het script toe"),
        "D140801 Id17255": tr("Informeert de klant uit de voorziene bronnen"),
        "D140801 Id17852": tr("Controleert de beschikbaarheid en voert de gegevens in"),
        "D140801 Id16426": tr("Schakelt door naar de gepaste gesprekspartner"),
        "D140801 Id17267": tr("Vult de digitale opvolgingsdocumenten in (foutenmarge)"),
        "co 01670": tr("Voert de gegevens volledig in, in het juiste veld"),
        "co 01669": tr("Handelt simultaan en respecteert de kwaliteitsnormen (tijden)"),
        "co 01672": tr("Behandelt vragen en klachten oplossingsgericht volgens de SLA"),
        "co 02796": tr("Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario's"),
        "co 01673": tr("Ondersteunt klanten bij vragen en problemen"),
        "co 02775": tr("Biedt eerstelijnsondersteuning en voert routinetesten uit"),
    }.get(code, name or code)


# --- the reasons of a result (trainer.core.reasons): one sentence per code ------------------


def reason(r: Reason) -> str:
    """A reason of a result as the trainee reads it. The values are filled in after
    translation, so a translation may put them where its language wants them."""
    p = r.params
    if r.code == "text":  # stored as a sentence by an older version: shown as written
        return _value(p.get("text"))
    sentence = _REASONS.get(r.code)
    return sentence(p) if sentence else r.code


def _fill(template: str, *values: str) -> str:
    """``%1``, ``%2``... replaced in one pass (a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: values[int(m[1]) - 1], template)


def _value(value: Param) -> str:
    """A text value of a reason (as the exercise or the trainee wrote it)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _num(value: Param, decimals: int | None = None) -> str:
    """A number of a reason, with ``decimals`` or as few as it needs (10; 7,5)."""
    if not isinstance(value, int | float):
        return _value(value)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return number(value, decimals)


def _quoted(value: Param) -> list[str]:
    """Each of a list of words (or the one word), in quotes."""
    quote = tr("'%1'")  # (French: « %1 »)
    return [quote.replace("%1", v) for v in (value if isinstance(value, list) else [_value(value)])]


def _quoted_list(value: Param) -> str:
    """'a', 'b' en 'c'."""
    names = _quoted(value)
    if len(names) <= 1:
        return "".join(names)
    return _fill(tr("%1 en %2"), ", ".join(names[:-1]), names[-1])


def _verdict(value: Param) -> str:
    """A verification verdict as the F5 and F6 buttons name it."""
    return {"verified": tr("geverifieerd"), "mismatch": tr("komt niet overeen")}.get(
        _value(value), _value(value)
    )


def _percent(value: Param, decimals: int | None = None) -> str:
    """A fraction as a percentage, with ``decimals`` or as few as it needs (3 %, 2,5 %)."""
    rate = float(value) if isinstance(value, int | float) else 0.0
    if decimals is None:
        decimals = 0 if round(rate * 100, 6).is_integer() else 1
    return percent(rate, decimals)


def _verification(p: Params) -> str:
    if p["given"] is None:
        return _fill(tr("verificatie: niet gemarkeerd, verwacht '%1'"), _verdict(p["expected"]))
    return _fill(
        tr("verificatie: gemarkeerd als '%1', verwacht '%2'"),
        _verdict(p["given"]),
        _verdict(p["expected"]),
    )


def _transfer(p: Params) -> str:
    given, expected = _value(p["given"]), _value(p["expected"])
    if not given:
        return _fill(tr("niet doorverbonden, verwacht: doorverbinden naar '%1'"), expected)
    if not expected:
        return _fill(tr("doorverbonden naar '%1', terwijl niet doorverbinden verwacht werd"), given)
    return _fill(tr("doorverbonden naar '%1', verwacht '%2'"), given, expected)


def _facts(p: Params) -> str:
    facts = p["facts"]
    one = not isinstance(facts, list) or len(facts) == 1
    template = tr("%1: %2 ontbreekt") if one else tr("%1: %2 ontbreken")
    return _fill(template, _value(p["label"]), _quoted_list(facts))


def marker_name(key: str) -> str:
    """A politeness marker of a chat reply, as the results name it."""
    return {
        "greeting": tr("begroeting"),
        "thanks": tr("bedankje"),
        "apology": tr("verontschuldiging"),
        "closing": tr("afsluitende groet"),
    }.get(key, key)


def _chat_facts(p: Params) -> str:
    facts = p["facts"]
    one = not isinstance(facts, list) or len(facts) == 1
    template = (
        tr("chat '%1', antwoord op '%2': %3 ontbreekt")
        if one
        else tr("chat '%1', antwoord op '%2': %3 ontbreken")
    )
    return _fill(template, _value(p["chat"]), _value(p["message"]), _quoted_list(facts))


def _chat_markers(p: Params) -> str:
    markers = p["markers"]
    names = [marker_name(m) for m in (markers if isinstance(markers, list) else [_value(markers)])]
    return _fill(
        tr("chat '%1', antwoord op '%2': geen %3"),
        _value(p["chat"]),
        _value(p["message"]),
        _quoted_list(names),
    )


def _contact(p: Params) -> str:
    """Who a queue reason is about: the contact, else the ticket (one open at the start)."""
    return _value(p.get("contact")) or _value(p.get("ticket"))


def _ticket_fields(value: Param) -> str:
    """A ticket's fields that were left empty, by their names on the ticket form."""
    names = {"requester": tr("aanvrager"), "subject": tr("onderwerp"), "note": tr("notitie")}
    keys = value if isinstance(value, list) else [_value(value)]
    return ", ".join(names.get(key, key) for key in keys)


def _ticket_not_needed(p: Params) -> str:
    if p["existing"] is None:
        return _fill(
            tr("'%1': ticket %2 aangemaakt, terwijl er geen ticket nodig was"),
            _contact(p),
            _value(p["ticket"]),
        )
    return _fill(
        tr("'%1': nieuw ticket %2 aangemaakt in plaats van het open ticket %3 bij te werken"),
        _contact(p),
        _value(p["ticket"]),
        _value(p["existing"]),
    )


def _team(p: Params) -> str:
    if p["given"] is None:
        return _fill(
            tr("'%1': niet toegewezen, verwacht team '%2'"), _contact(p), _value(p["expected"])
        )
    if p["expected"] is None:
        return _fill(
            tr("'%1': toegewezen aan '%2', terwijl de eerste lijn het zelf oplost"),
            _contact(p),
            _value(p["given"]),
        )
    return _fill(
        tr("'%1': toegewezen aan '%2', verwacht '%3'"),
        _contact(p),
        _value(p["given"]),
        _value(p["expected"]),
    )


def _problem(p: Params) -> str:
    if p["given"] is None:
        return _fill(
            tr("'%1': niet gekoppeld aan het gekende probleem '%2'"),
            _contact(p),
            _value(p["expected"]),
        )
    if p["expected"] is None:
        return _fill(
            tr("'%1': gekoppeld aan '%2', terwijl er geen gekend probleem was"),
            _contact(p),
            _value(p["given"]),
        )
    return _fill(
        tr("'%1': gekoppeld aan '%2', verwacht '%3'"),
        _contact(p),
        _value(p["given"]),
        _value(p["expected"]),
    )


def _live_waited(p: Params) -> str:
    if p["seconds"] is None:
        return _fill(tr("'%1': nooit aangenomen (norm %2 s)"), _contact(p), _num(p["norm"]))
    return _fill(
        tr("'%1': pas na %2 s aangenomen (norm %3 s)"),
        _contact(p),
        _num(p["seconds"], 0),
        _num(p["norm"]),
    )


def _ticket_facts(p: Params) -> str:
    facts = p["facts"]
    one = not isinstance(facts, list) or len(facts) == 1
    template = (
        tr("'%1': %2 ontbreekt in het ticket") if one else tr("'%1': %2 ontbreken in het ticket")
    )
    return _fill(template, _contact(p), _quoted_list(facts))


_REASONS: dict[str, Callable[[Params], str]] = {
    "not_assessed": lambda p: tr("niet getoetst in dit scenario"),
    "call_not_answered": lambda p: tr("de oproep werd niet beantwoord"),
    "call_not_dialled": lambda p: tr("je hebt niet gebeld"),
    "call_not_reached": lambda p: tr("je hebt niemand bereikt"),
    "call_not_completed": lambda p: tr("het gesprek werd niet afgerond (gestopt of onderbroken)"),
    "call_not_ended": lambda p: tr("het gesprek werd niet afgesloten of doorverbonden"),
    "not_looked_up": lambda p: tr("de beller werd niet opgezocht: geen klantdossier geopend"),
    "look_up_found_nothing": lambda p: _fill(
        tr("geen klantdossier geopend: opzoeken vond niets (laatst: '%1')"), _value(p["typed"])
    ),
    "verification_wrong": _verification,
    "verified_other_file": lambda p: _fill(
        tr(
            "op %1 s als geverifieerd gemarkeerd in het dossier %2, dat niet van de beller is: "
            "accountgegevens van een andere klant werden getoond"
        ),
        _num(p["at"], 1),
        _value(p["record"]),
    ),
    "verified_mismatch": lambda p: _fill(
        tr(
            "op %1 s als geverifieerd gemarkeerd terwijl de gegevens van de beller niet met het "
            "klantdossier overeenkomen: accountgegevens werden getoond"
        ),
        _num(p["at"], 1),
    ),
    "verified_early": lambda p: _fill(
        tr(
            "op %1 s als geverifieerd gemarkeerd voordat de beller zijn gegevens had gegeven: "
            "accountgegevens werden te vroeg getoond"
        ),
        _num(p["at"], 1),
    ),
    "step_not_done": lambda p: _fill(tr("stap '%1' niet gedaan"), step_name(_value(p["step"]))),
    "step_out_of_order": lambda p: _fill(
        tr("stap '%1' gedaan vóór een stap die ervoor komt"), step_name(_value(p["step"]))
    ),
    "article_not_consulted": lambda p: _fill(
        tr("kennisbankartikel '%1' niet geraadpleegd"), _value(p["title"] or p["article"])
    ),
    "field_missing": lambda p: _fill(tr("%1: niet ingevuld"), _value(p["label"])),
    "field_wrong": lambda p: _fill(
        tr("%1: '%2' is fout (verwacht '%3')"),
        _value(p["label"]),
        _value(p["value"]),
        _value(p["expected"]),
    ),
    "field_misplaced": lambda p: _fill(
        tr("%1: '%2' hoort in het veld '%3'"),
        _value(p["label"]),
        _value(p["value"]),
        _value(p["belongs_in_label"] or p["belongs_in"]),
    ),
    "facts_missing": _facts,
    "spelling_over_margin": lambda p: _fill(
        tr("spelling: %1 van %2 woorden fout (%3, marge %4): %5"),
        _num(p["wrong"]),
        _num(p["words"]),
        _percent(p["rate"], 1),
        _percent(p["margin"]),
        ", ".join(_quoted(p["misspelled"])),
    ),
    "transfer_wrong": _transfer,
    "closing_code_wrong": lambda p: _fill(
        tr("afsluitcode '%1', verwacht '%2'"),
        _value(p["given"]) or tr("geen"),
        _value(p["expected"]) or tr("geen"),
    ),
    "contact_result_wrong": lambda p: _fill(
        tr("contactresultaat '%1', verwacht '%2'"),
        _value(p["given"]) or tr("geen"),
        _value(p["expected"]) or tr("geen"),
    ),
    "answered_late": lambda p: _fill(
        tr("opgenomen na %1 s (norm %2 s)"), _num(p["after"], 1), _num(p["norm"])
    ),
    "handling_too_long": lambda p: _fill(
        tr("gespreksduur %1 s (norm %2 s)"), _num(p["seconds"], 0), _num(p["norm"])
    ),
    "message_missed": lambda p: _fill(tr("melding '%1' niet bevestigd"), _value(p["message"])),
    "message_late": lambda p: _fill(
        tr("melding '%1' te laat bevestigd (%2 s, norm %3 s)"),
        _value(p["message"]),
        _num(p["reaction"], 1),
        _num(p["norm"]),
    ),
    "shift_not_completed": lambda p: tr("de dienst werd niet afgewerkt (gestopt of onderbroken)"),
    "contact_not_handled": lambda p: _fill(tr("'%1': niet behandeld"), _contact(p)),
    "sla_response_breached": lambda p: _fill(
        tr("'%1': SLA-responstijd overschreden (%2 s, norm %3 s)"),
        _contact(p),
        _num(p["used"], 0),
        _num(p["target"]),
    ),
    "sla_resolution_breached": lambda p: _fill(
        tr("'%1': SLA-oplostijd overschreden (%2 s, norm %3 s)"),
        _contact(p),
        _num(p["used"], 0),
        _num(p["target"]),
    ),
    "picked_out_of_order": lambda p: _fill(
        tr("'%1' genomen terwijl het dringendere '%2' wachtte"), _contact(p), _value(p["waiting"])
    ),
    "priority_wrong": lambda p: _fill(
        tr("'%1': prioriteit %2, verwacht %3"),
        _contact(p),
        _value(p["given"]),
        _value(p["expected"]),
    ),
    "customer_not_informed": lambda p: _fill(
        tr("'%1': de klant werd niet op de hoogte gebracht"), _contact(p)
    ),
    "ticket_missing": lambda p: _fill(
        tr("'%1': geen ticket aangemaakt, terwijl het er een nodig had"), _contact(p)
    ),
    "ticket_not_needed": _ticket_not_needed,
    "existing_not_updated": lambda p: _fill(
        tr("'%1': het open ticket %2 werd niet bijgewerkt"), _contact(p), _value(p["ticket"])
    ),
    "ticket_incomplete": lambda p: _fill(
        tr("'%1': niet ingevuld in ticket %2: %3"),
        _contact(p),
        _value(p["ticket"]),
        _ticket_fields(p["missing"]),
    ),
    "category_wrong": lambda p: _fill(
        tr("'%1': categorie '%2', verwacht '%3'"),
        _contact(p),
        _value(p["given"]),
        _value(p["expected"]),
    ),
    "requester_wrong": lambda p: _fill(
        tr("'%1': aanvrager '%2', verwacht '%3'"),
        _contact(p),
        _value(p["given"]),
        _value(p["expected"]),
    ),
    "team_wrong": _team,
    "problem_not_linked": _problem,
    "not_resolved": lambda p: _fill(
        tr("'%1': ticket %2 niet opgelost in de eerste lijn"), _contact(p), _value(p["ticket"])
    ),
    "ticket_close_code_wrong": lambda p: _fill(
        tr("'%1': afsluitcode '%2', verwacht '%3'"),
        _contact(p),
        _value(p["given"]) or tr("geen"),
        _value(p["expected"]),
    ),
    "ticket_facts_missing": _ticket_facts,
    "live_contact_waited": _live_waited,
    "contact_too_long": lambda p: _fill(
        tr("'%1': behandeld in %2 s (norm %3 s)"),
        _contact(p),
        _num(p["seconds"], 0),
        _num(p["norm"]),
    ),
    "customer_left": lambda p: _fill(
        tr("chat '%1': de klant haakte af op %2 s, zonder antwoord"),
        _value(p["chat"]),
        _num(p["at"], 0),
    ),
    "reply_missed": lambda p: _fill(
        tr("chat '%1': bericht '%2' niet beantwoord"), _value(p["chat"]), _value(p["message"])
    ),
    "reply_late": lambda p: _fill(
        tr("chat '%1': bericht '%2' te laat beantwoord (%3 s, norm %4 s)"),
        _value(p["chat"]),
        _value(p["message"]),
        _num(p["seconds"], 1),
        _num(p["norm"]),
    ),
    "reply_facts_missing": _chat_facts,
    "politeness_missing": _chat_markers,
    "impolite_words": lambda p: _fill(
        tr("chat '%1', antwoord op '%2': '%3' hoort niet in een antwoord aan een klant"),
        _value(p["chat"]),
        _value(p["message"]),
        _value(p["words"]),
    ),
    "wrong_number_dialled": lambda p: _fill(tr("verkeerd nummer gebeld: '%1'"), _value(p["typed"])),
    "objection_not_handled": lambda p: _fill(
        tr("bezwaar '%1' niet behandeld"), _value(p["objection"])
    ),
    "message_not_left": lambda p: tr("geen bericht ingesproken op de voicemail"),
    "message_too_short": lambda p: _fill(
        tr("voicemailbericht van %1 s (minstens %2 s)"), _num(p["seconds"], 0), _num(p["norm"])
    ),
}


def field_hint(kind: str) -> str:
    """Why a value typed in a form field is not of its field's kind (a call's, a chat's)."""
    return {
        "customer_number": tr("Een klantnummer bestaat uit 4 tot 14 cijfers."),
        "postcode": tr("Geen Belgische postcode (4 cijfers, 1000 tot 9999)."),
        "phone": tr(
            "Geen geldig telefoonnummer (bv. 0471 23 45 67, 09 123 45 67 of +31 6 12 34 56 78)."
        ),
        "email": tr("Geen geldig e-mailadres."),
        "iban": tr("Geen geldig IBAN-nummer (controleer de cijfers)."),
        "date": tr("Geen geldige datum (bv. 02/03/2026 of 2 maart 2026)."),
        "amount": tr("Geen bedrag in euro (bv. 49,95)."),
        "name": tr("Een naam bevat geen cijfers."),
    }.get(kind, "")
