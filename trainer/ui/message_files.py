"""The sentences for what can be wrong with a file a person wrote or chose: an exercise, the
clip manifest, a text or journal given to the command, an audio file (``trainer.ui.messages``).

Written for the person who edits the file: the key or value as it stands in the file, in
quotes, and what would be right. ``{name}`` places are filled in after translation. The English
translation keeps the words ``simultaan validate`` printed before they were codes (scripts read
them); where pydantic's own wording reaches a sentence (``invalid_value``), the Dutch and French
say so.
"""

from __future__ import annotations

from trainer.ui import words


def sentences() -> dict[str, str]:
    return {
        # how the file is read: size, kind, text, YAML
        "file_missing": words.tr("dit bestand bestaat niet"),
        "file_is_folder": words.tr("dit is een map, geen bestand"),
        "file_not_regular": words.tr("geen gewoon bestand (een pipe, socket of apparaat)"),
        "file_too_large": words.tr("het bestand is te groot (hoogstens {limit} MiB)"),
        "file_too_large_size": words.tr(
            "het bestand is te groot ({size} MiB; hoogstens {limit} MiB)"
        ),
        "file_too_large_kib": words.tr("het bestand is te groot (hoogstens {limit} KiB)"),
        "file_too_large_size_kib": words.tr(
            "het bestand is te groot ({size} KiB; hoogstens {limit} KiB)"
        ),
        "file_unreadable": words.tr("het bestand kan niet gelezen worden: {detail}"),
        "file_no_permission": words.tr(
            "het bestand kan niet gelezen worden: je hebt er geen toegang toe"
        ),
        "file_not_text": words.tr("geen UTF-8-tekst (byte {byte})"),
        "file_empty": words.tr("het bestand is leeg"),
        "exercise_not_a_mapping": words.tr(
            "een oefenbestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)"
        ),
        "manifest_not_a_mapping": words.tr(
            "een lijst van fragmenten moet een lijst van sleutels met hun waarde zijn (sleutel: "
            "waarde)"
        ),
        "file_not_a_mapping": words.tr(
            "het bestand moet een lijst van sleutels met hun waarde zijn (sleutel: waarde)"
        ),
        "unreadable": words.tr("kan niet gelezen worden ({detail})"),
        "not_yaml": words.tr("geen geldige YAML: {detail} (in de woorden van de YAML-lezer)"),
        "yaml_tab": words.tr("geen geldige YAML: een tab om in te springen; spring in met spaties"),
        "yaml_colon_in_text": words.tr(
            "geen geldige YAML: een dubbelpunt met een spatie erachter in een waarde; zet de "
            "waarde tussen aanhalingstekens"
        ),
        "yaml_unknown_alias": words.tr(
            "geen geldige YAML: *{name} verwijst naar &{name}, maar die staat nergens ervoor"
        ),
        "too_many_values": words.tr(
            "meer dan {limit} waarden (sleutels, lijstitems en teksten; elk gebruik van een alias "
            "*naam telt volledig mee): een aliasbom of een vergissing"
        ),
        "nested_too_deep": words.tr("meer dan {limit} niveaus diep genest"),
        "too_many_digits": words.tr("{key}: een getal met {digits} cijfers (hoogstens {limit})"),
        "unreadable_whole_number": words.tr(
            "{key}: '{value}' kan niet gelezen worden als geheel getal"
        ),
        "unreadable_number": words.tr("{key}: '{value}' kan niet gelezen worden als getal"),
        "unreadable_date": words.tr("{key}: '{value}' kan niet gelezen worden als datum"),
        "unreadable_binary": words.tr(
            "{key}: '{value}' kan niet gelezen worden als binaire waarde"
        ),
        "key_not_a_word": words.tr(
            "YAML leest de sleutel '{key}' niet als woord (maar als {means}): zet hem tussen "
            "aanhalingstekens"
        ),
        "key_not_text": words.tr("{key}: een sleutel moet een woord zijn"),
        "duplicate_key": words.tr("de sleutel '{key}' staat er twee keer"),
        # keys and values, as the models check them
        "unknown_key": words.tr("onbekende sleutel '{key}' (hier kan: {allowed})"),
        "unknown_nested_key": words.tr("onbekende sleutel '{key}'"),
        "missing_key": words.tr("de verplichte sleutel '{key}' ontbreekt"),
        "missing_kind": words.tr(
            "de verplichte sleutel 'kind' ontbreekt (bekende soorten: {known})"
        ),
        "unknown_kind": words.tr("onbekende soort '{kind}' (bekende soorten: {known})"),
        "greater_than": words.tr("{key}: moet groter zijn dan {limit}"),
        "greater_than_equal": words.tr("{key}: moet minstens {limit} zijn"),
        "less_than": words.tr("{key}: moet kleiner zijn dan {limit}"),
        "less_than_equal": words.tr("{key}: mag hoogstens {limit} zijn"),
        "not_text": words.tr("{key}: moet een tekst zijn"),
        "not_whole_number": words.tr("{key}: moet een geheel getal zijn"),
        "not_number": words.tr("{key}: moet een getal zijn"),
        "not_finite": words.tr("{key}: moet een eindig getal zijn (geen .inf of .nan)"),
        "not_boolean": words.tr("{key}: moet true of false zijn"),
        "not_list": words.tr("{key}: moet een lijst zijn"),
        "not_mapping": words.tr("{key}: moet sleutels met hun waarde bevatten (sleutel: waarde)"),
        "should_be_value": words.tr("{key}: moet {expected} zijn"),
        "should_be_one_of": words.tr("{key}: moet een van deze zijn: {expected}"),
        "list_empty": words.tr("{key}: de lijst is leeg (minstens één item nodig)"),
        "list_too_short": words.tr("{key}: de lijst moet minstens {limit} items hebben"),
        "list_too_long": words.tr("{key}: de lijst mag hoogstens {limit} items hebben"),
        "text_empty": words.tr("{key}: de tekst is leeg"),
        "text_shorter_than": words.tr("{key}: de tekst moet minstens {limit} tekens hebben"),
        "text_longer_than": words.tr("{key}: de tekst mag hoogstens {limit} tekens hebben"),
        "pattern_mismatch": words.tr("{key}: past niet bij het patroon '{pattern}'"),
        "unknown_tag": words.tr("{key}: onbekende waarde '{tag}' (kan: {expected})"),
        "missing_tag": words.tr("{key}: de verplichte sleutel '{tag}' ontbreekt"),
        "invalid_value": words.tr("{key}: {detail} (in de woorden van de controle)"),
        "listed_twice": words.tr("{key}: '{twice}' staat er twee keer in"),
        # an exercise
        "timed_needs_min_wpm": words.tr(
            "een oefening op tijd heeft 'min_wpm' nodig (de netto woorden per minuut die ze "
            "vraagt): zonder die zou één getypt woord binnen de tijd volstaan"
        ),
        "duplicate_exercise_id": words.tr(
            "de id '{id}' staat er twee keer: al gebruikt in {file}:{line}"
        ),
        "unknown_clip": words.tr("onbekend fragment '{clip}'"),
        # a file of the shared knowledge base (exercises/<taal>/knowledge/)
        "knowledge_language": words.tr(
            "deze artikels zijn in het '{language}' maar staan in de kennisbank van het '{folder}'"
        ),
        "duplicate_article_id": words.tr(
            "de artikel-id '{id}' staat er twee keer: al gebruikt in {file}:{line}"
        ),
        "clip_language_exercise": words.tr(
            "het fragment '{clip}' is in het '{language}', de oefening in het '{own}'"
        ),
        # a call: its timeline, form, script and expectations
        "clip_language_call": words.tr(
            "het fragment '{clip}' is in het '{language}', het gesprek in het '{own}'"
        ),
        "duplicate_event_id": words.tr("de gebeurtenis-id '{id}' staat er twee keer"),
        "not_a_moment": words.tr(
            "'{name}' is geen gebeurtenis, '<say-gebeurtenis>.end' of handeling ({actions})"
        ),
        "not_an_action": words.tr("'{name}' is geen handeling ({actions})"),
        "waits_for_itself": words.tr("'{id}' wacht op zichzelf"),
        "never_rings": words.tr(
            "de telefoon rinkelt nooit: voeg een gebeurtenis met 'do: ring' toe"
        ),
        "rings_when_outbound": words.tr(
            "een uitgaand gesprek rinkelt niet: de cursist belt zelf (haal 'do: ring' weg)"
        ),
        "dial_when_inbound": words.tr(
            "'dial' hoort alleen bij een uitgaand gesprek ('direction: outbound')"
        ),
        "outbound_without_dial": words.tr(
            "een uitgaand gesprek zegt onder 'dial' wat het nummer bereikt"
        ),
        "voicemail_without_greeting": words.tr(
            "een voicemail neemt op: geef onder 'dial' de 'greeting' (het fragment van de "
            "begroeting)"
        ),
        "one_trigger": words.tr(
            "{key}: geef precies één van 'at', 'after' of 'whenever' (of 'whenever' met 'after': "
            "telkens, zodra dat gebeurd is)"
        ),
        "unless_with_whenever": words.tr(
            "{key}: 'unless' hoort bij 'at' of 'after', niet bij 'whenever'"
        ),
        "record_change_only": words.tr(
            "{key}: 'field' en 'value' horen alleen bij 'do: crm_update'"
        ),
        "record_change_both": words.tr(
            "{key}: een wijziging in het klantdossier heeft zowel 'field' als 'value' nodig"
        ),
        "look_up_finds_two": words.tr(
            "'{value}' vindt ook het dossier van {name} ({number}): een opzoeking moet één "
            "dossier openen"
        ),
        "duplicate_field_id": words.tr("de veld-id '{id}' staat er twee keer"),
        "duplicate_fact_id": words.tr("de feit-id '{id}' staat er twee keer"),
        # a coach's rubric (assets/rubrics/)
        "duplicate_score": words.tr("de score {id} staat twee keer in de schaal"),
        "duplicate_competence_code": words.tr("de competentie '{id}' staat er twee keer"),
        "duplicate_criterion_id": words.tr("het criterium '{id}' staat er twee keer"),
        "fact_not_in_answer": words.tr(
            "het modelantwoord in 'expected' bevat het feit '{id}' niet"
        ),
        "fact_kind_and_value": words.tr(
            "{key}: een feit met een waarde heeft zowel 'kind' als 'value' nodig"
        ),
        "fact_value_or_any": words.tr(
            "{key}: geef ofwel 'kind' en 'value', ofwel 'any' (een lijst van formuleringen)"
        ),
        "fact_text_kind": words.tr(
            "{key}: een tekstfeit is een lijst van formuleringen: gebruik 'any'"
        ),
        "facts_text_only": words.tr(
            "{key}: 'facts' en 'case_sensitive' horen alleen bij 'kind: text'"
        ),
        "facts_not_case_sensitive": words.tr(
            "{key}: een veld met 'facts' wordt niet als geheel vergeleken: laat 'case_sensitive' "
            "weg"
        ),
        "unknown_step": words.tr("onbekende stap '{step}' ({known})"),
        "step_twice": words.tr("de stap '{step}' staat er twee keer"),
        "not_listed_in": words.tr("'{name}' staat niet in {list}"),
        "not_a_say_event": words.tr("'{name}' is geen 'say'-gebeurtenis"),
        # a chat session: its conversations, model replies, templates and screen
        "duplicate_id": words.tr("de id '{id}' staat er twee keer"),
        "chats_for_level": words.tr(
            "niveau {level} heeft hoogstens {most} gesprekken tegelijk, hier staan er {count}"
        ),
        "chat_first_message_at": words.tr(
            "het eerste bericht van een gesprek zegt met 'at' wanneer het komt"
        ),
        "chat_at_first_only": words.tr(
            "'at' hoort alleen bij het eerste bericht: een volgend komt 'delay' seconden na het "
            "vorige of na het antwoord erop"
        ),
        "example_lacks": words.tr("het voorbeeldantwoord in 'example' bevat '{id}' niet"),
        "example_avoided": words.tr(
            "het voorbeeldantwoord in 'example' bevat '{words}', dat in 'avoid' staat"
        ),
        "unknown_placeholder": words.tr("onbekende plaatshouder '{name}' (kan: {known})"),
        "not_a_chat_moment": words.tr(
            "'{name}' is geen schermbericht, '<gesprek>.<bericht>', '<gesprek>.left' of "
            "'acknowledged'"
        ),
        "leave_before_nudge": words.tr("{key}: 'leave_after' moet later komen dan 'nudge_after'"),
        "chat_ticket_needs_helpdesk": words.tr(
            "een gesprek dat een ticket verwacht, heeft het ticketsysteem nodig: voeg "
            "'helpdesk:' toe"
        ),
        "chat_ticket_existing": words.tr(
            "een chatsessie heeft geen open tickets: 'ticket' is 'new' of 'none'"
        ),
        # a value a good operator enters, by what is wrong with it
        "invalid_phone_format": words.tr(
            "'{value}' is geen telefoonnummer (cijfers, spaties, / . - ( ) en vooraan eventueel "
            "een +)"
        ),
        "invalid_phone_length": words.tr(
            "'{value}' is geen geldig Belgisch nummer: 9 cijfers na de 0 voor een gsm, 8 voor een "
            "vast nummer"
        ),
        "invalid_phone_country": words.tr(
            "'{value}' is geen geldig buitenlands nummer (kijk de landcode en het nummer na)"
        ),
        "invalid_postcode": words.tr(
            "'{value}' is geen Belgische postcode (vier cijfers, 1000 tot 9999)"
        ),
        "invalid_iban_format": words.tr(
            "'{value}' is geen IBAN (twee letters, twee controlecijfers, dan de rekening)"
        ),
        "invalid_iban_length": words.tr(
            "'{value}' is geen geldig IBAN: de lengte klopt niet voor het land"
        ),
        "invalid_iban_checksum": words.tr(
            "'{value}' is geen geldig IBAN: de controlecijfers kloppen niet"
        ),
        "invalid_date_format": words.tr(
            "'{value}' is geen datum die Simultaan kan lezen (bv. 2/3/2026 of 2 maart 2026)"
        ),
        "invalid_date_impossible": words.tr("'{value}' is een datum die niet bestaat"),
        "invalid_date_weekday": words.tr("'{value}': de weekdag past niet bij de datum"),
        "invalid_amount": words.tr(
            "'{value}' is geen bedrag in euro dat Simultaan kan lezen (bv. 1.234,50 of € 64,-)"
        ),
        "invalid_customer_number": words.tr("'{value}' is geen klantnummer (4 tot 14 cijfers)"),
        "invalid_email": words.tr("'{value}' is geen e-mailadres"),
        "invalid_name": words.tr("'{value}' is geen naam (letters, geen cijfers)"),
        "invalid_field_value": words.tr(
            "'{value}' is geen geldige waarde voor een veld van de soort '{kind}'"
        ),
        # the helpdesk system of a queue, chat or call (helpdesk:)
        "response_after_resolution": words.tr(
            "{key}: de responstijd ('response') mag niet langer zijn dan de oplostijd "
            "('resolution')"
        ),
        "sla_matrix_incomplete": words.tr(
            "{key}: de SLA-matrix geeft voor elke impact (high, medium, low) een prioriteit per "
            "urgentie (high, medium, low)"
        ),
        "sla_target_missing": words.tr(
            "{key}: elke prioriteit uit de matrix heeft onder 'targets' een responstijd en een "
            "oplostijd nodig"
        ),
        "routing_unknown_category": words.tr(
            "{key}: de routering noemt de categorie '{id}', die niet onder 'categories' staat"
        ),
        "routing_unknown_team": words.tr(
            "{key}: de routering stuurt naar het team '{id}', dat niet onder 'teams' staat"
        ),
        "duplicate_problem_id": words.tr("de probleem-id '{id}' staat er twee keer"),
        # a queue session (kind queue): its customers, open tickets and arrivals
        "duplicate_customer": words.tr("het klantnummer '{id}' staat er twee keer"),
        "arrival_after_shift": words.tr(
            "dit contact komt pas na {at} s binnen, de dienst duurt maar {shift} s"
        ),
        "ticket_number_given": words.tr(
            "het ticket '{number}' krijgt in het helpdesksysteem het nummer '{gets}' (de open "
            "tickets krijgen de eerste nummers, in volgorde, vanaf 'first_number')"
        ),
        "category_no_route": words.tr(
            "de categorie '{category}' heeft geen routering: zeg onder 'helpdesk: routing:' naar "
            "welk team ze gaat"
        ),
        "team_not_routed": words.tr(
            "de routering stuurt de categorie '{category}' naar '{routed}', niet naar '{team}'"
        ),
        "fact_note_misses": words.tr("de modelnotitie in 'note' bevat het feit '{id}' niet"),
        "existing_ticket_named": words.tr(
            "{key}: 'ticket: existing' en 'existing' (het nummer van het open ticket) horen samen"
        ),
        "new_ticket_needs_triage": words.tr(
            "{key}: een nieuw ticket heeft 'category', 'impact' en 'urgency' nodig"
        ),
        "triage_of_new_only": words.tr(
            "{key}: 'category', 'impact', 'urgency', 'team' en 'problem' horen alleen bij een "
            "nieuw ticket ('ticket: new')"
        ),
        "facts_need_note": words.tr(
            "{key}: feiten ('facts') hebben een modelnotitie ('note') nodig die ze bevat"
        ),
        "inform_needs_ticket": words.tr(
            "{key}: 'inform' vraagt een ticket om bij te werken; zonder ticket ('ticket: none') "
            "is het antwoord zelf de informatie"
        ),
        "clip_phone_only": words.tr(
            "{key}: een fragment ('clip') hoort alleen bij 'channel: phone'"
        ),
        # the clip manifest
        "duplicate_clip_id": words.tr("de fragment-id '{id}' staat er twee keer"),
        "clip_file_type": words.tr("{key}: moet een bestand van deze soort zijn: {suffixes}"),
        "clip_file_outside": words.tr("{key}: moet een pad binnen de audiomap zijn"),
        "loudness_off_made": words.tr(
            "waarschuwing: het fragment '{clip}' heeft een luidheid van {level} LUFS; elk "
            "fragment hoort op {target} LUFS ± {tolerance} LU te staan (maak het opnieuw: "
            ".venv/bin/python audio/generate_demo_clips.py {clip})"
        ),
        "loudness_off_recorded": words.tr(
            "waarschuwing: het fragment '{clip}' heeft een luidheid van {level} LUFS; elk "
            "fragment hoort op {target} LUFS ± {tolerance} LU te staan (neem het opnieuw op in de "
            "app, die het op het juiste niveau brengt)"
        ),
        "loudness_unmeasured_made": words.tr(
            "waarschuwing: de luidheid van het fragment '{clip}' kan niet gemeten worden "
            "(onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± "
            "{tolerance} LU te staan (maak het opnieuw: .venv/bin/python "
            "audio/generate_demo_clips.py {clip})"
        ),
        "loudness_unmeasured_recorded": words.tr(
            "waarschuwing: de luidheid van het fragment '{clip}' kan niet gemeten worden "
            "(onleesbaar, stil of korter dan 0,4 s); elk fragment hoort op {target} LUFS ± "
            "{tolerance} LU te staan (neem het opnieuw op in de app, die het op het juiste niveau "
            "brengt)"
        ),
    }
