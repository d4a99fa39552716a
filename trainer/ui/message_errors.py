"""The sentences for what can go wrong while working: a sound device, the store, the journal
(``trainer.ui.messages``).

Written for the trainee or the coach at the workstation: what happened, named (the device, the
folder), and what to do when there is something to do. ``{name}`` places are filled in after
translation.
"""

from __future__ import annotations

from trainer.ui import words


def sentences() -> dict[str, str]:
    return {
        "no_output_device": words.tr(
            "geen geluidsapparaat om af te spelen gevonden (is er een headset aangesloten?)"
        ),
        "device_not_found": words.tr(
            "geen uitvoerapparaat met de naam '{name}' (er zijn: {known})"
        ),
        "devices_cannot_list": words.tr(
            "de geluidsapparaten kunnen niet opgesomd worden: {detail}"
        ),
        "device_cannot_open": words.tr("het geluidsapparaat '{name}' gaat niet open: {detail}"),
        "default_device_cannot_open": words.tr(
            "het standaard-geluidsapparaat gaat niet open: {detail}"
        ),
        "microphone_cannot_open": words.tr("de microfoon '{name}' gaat niet open: {detail}"),
        "microphone_not_found": words.tr("geen microfoon met de naam '{name}' (er zijn: {known})"),
        "no_input_device": words.tr(
            "geen microfoon gevonden (is er een headset met microfoon aangesloten?)"
        ),
        "default_microphone_cannot_open": words.tr(
            "de standaardmicrofoon gaat niet open: {detail}"
        ),
        # the trainee's voice recorded during a call
        "microphone_lost": words.tr("de microfoon '{name}' werkt niet meer"),
        "voice_disk_full": words.tr("de schijf is vol: de opname {path} kan niet verder"),
        "voice_cannot_write": words.tr("de opname {path} kan niet worden geschreven: {detail}"),
        # a sound device named in a sentence
        "device_named": words.tr("'{name}'"),
        "default_output": words.tr("(de standaarduitvoer)"),
        # an audio file (a clip)
        "audio_missing": words.tr("{path}: geen geluidsbestand gevonden"),
        "audio_is_folder": words.tr("{path}: is een map, geen geluidsbestand"),
        "audio_not_regular": words.tr(
            "{path}: geen gewoon bestand (een pipe, socket of apparaat), geen geluidsbestand"
        ),
        "audio_too_large": words.tr(
            "{path}: het geluidsbestand is te groot ({size} MiB; hoogstens {limit} MiB)"
        ),
        "audio_unreadable": words.tr("{path}: dit geluidsbestand is niet te lezen ({detail})"),
        "audio_bad_rate": words.tr(
            "{path}: samplefrequentie {rate} Hz: een fragment moet {low}-{high} Hz zijn"
        ),
        "audio_bad_channels": words.tr(
            "{path}: {channels} kanalen: een fragment is mono of stereo"
        ),
        "audio_header_cut": words.tr(
            "{path}: het bestand is afgebroken: de kop belooft {promised} bytes geluid, "
            "er staan er {held} in"
        ),
        "audio_does_not_decode": words.tr(
            "{path}: het bestand is afgebroken of beschadigd: het is niet tot het einde te "
            "decoderen ({detail})"
        ),
        "audio_frames_missing": words.tr(
            "{path}: het bestand is afgebroken: {promised} frames beloofd, {there} aanwezig"
        ),
        "audio_empty": words.tr("{path}: het bestand bevat geen geluid (0 frames)"),
        "audio_too_long": words.tr(
            "{path}: {seconds} s lang: een fragment duurt hoogstens {limit} s"
        ),
        # a recorded clip that cannot be added to the library
        "clip_manifest_unreadable": words.tr("{path} is niet te lezen"),
        "clip_id_taken": words.tr("er is al een fragment '{id}' in {path}"),
        "clip_file_exists": words.tr("{path} bestaat al"),
        "clip_recording_empty": words.tr("de opname is leeg (alleen stilte?)"),
        "clip_cannot_write": words.tr("er kan niet geschreven worden in {path}: {detail}"),
        "clip_does_not_validate": words.tr("het nieuwe fragment is niet geldig"),
        # the store
        "store_cannot_open": words.tr("{path}: het gegevensbestand gaat niet open: {detail}"),
        "store_unusable": words.tr(
            "{path}: geen bruikbaar gegevensbestand van Simultaan ({detail})"
        ),
        "store_too_new": words.tr(
            "{path}: gemaakt door een nieuwere Simultaan (schema {version}); werk de app bij"
        ),
        "store_damaged": words.tr("{path}: het gegevensbestand is beschadigd ({detail})"),
        "store_damaged_stays": words.tr(
            "{path}: het gegevensbestand is beschadigd ({damage}) en kan niet opzijgezet "
            "worden: {detail}"
        ),
        "store_no_session": words.tr("{path}: geen sessie {id}"),
        # the central store (PostgreSQL) that results are sent to; the results wait meanwhile
        "central_bad_url": words.tr(
            "'{url}' is geen adres van een databank (zo wel: "
            "postgresql://gebruiker:wachtwoord@server:5432/databank)"
        ),
        "central_unreachable": words.tr("de centrale opslag {server} is niet bereikbaar: {detail}"),
        "central_refused": words.tr(
            "de centrale opslag {server} weigert de gebruiker '{user}': klopt het wachtwoord? "
            "({detail})"
        ),
        "fts5_missing": words.tr(
            "de kennisbank kan niet doorzocht worden: de SQLite van deze Python ({sqlite}) is "
            "gebouwd zonder FTS5, het zoeken in volledige tekst"
        ),
        "central_no_database": words.tr(
            "de databank van de centrale opslag {server} bestaat niet: {detail}"
        ),
        "central_too_new": words.tr(
            "de centrale opslag {server} is gemaakt door een nieuwere Simultaan (schema "
            "{version}); werk de app bij"
        ),
        "central_lost": words.tr(
            "de verbinding met de centrale opslag {server} viel weg: {detail}"
        ),
        "central_refused_write": words.tr(
            "de centrale opslag {server} weigert de resultaten: {detail}"
        ),
        "central_failed": words.tr("het verzenden naar de centrale opslag liep mis: {detail}"),
        # a past session that has no result to show again
        "session_still_running": words.tr(
            "sessie {id} loopt nog of werd onderbroken en nog niet hersteld: er is nog geen "
            "resultaat"
        ),
        "session_lost": words.tr(
            "sessie {id} ging verloren toen Simultaan onderbroken werd, en het logboek kon "
            "niet gescoord worden: er is geen resultaat"
        ),
        # a lost session that cannot be recovered
        "exercise_gone": words.tr("de oefening '{id}' is er niet meer"),
        "journal_does_not_fit": words.tr("het logboek past niet bij de oefening '{id}' ({detail})"),
        # a journal that cannot be read
        "journal_missing": words.tr("{path}: geen logboek gevonden"),
        "journal_is_folder": words.tr("{path}: is een map, geen logboek"),
        "journal_not_regular": words.tr(
            "{path}: geen gewoon bestand (een pipe, socket of apparaat), geen logboek"
        ),
        "journal_too_large": words.tr(
            "{path}: het logboek is te groot ({size} MiB; hoogstens {limit} MiB)"
        ),
        "journal_unreadable": words.tr("{path}: het logboek is niet te lezen: {detail}"),
        "journal_empty": words.tr("{path}:1: het logboek is leeg"),
        "journal_no_header": words.tr("{path}:{line}: geen begin van een logboek ({detail})"),
        "journal_busy": words.tr("{path}: in gebruik door een andere sessie"),
        # a journal line skipped as damaged (after 'FILE:LINE: skipped: ')
        "journal_line_not_json": words.tr("geen geldige JSON"),
        "journal_line_time_not_finite": words.tr("de tijd is geen eindig getal"),
        "journal_line_not_an_event": words.tr("geen gebeurtenis van een logboek ({detail})"),
        "journal_line_after_end": words.tr("na het einde van de sessie (regel {end})"),
        "journal_line_time_out_of_range": words.tr(
            "de tijd {t} s ligt buiten het bereik (0 tot {max} s)"
        ),
        "journal_line_time_backwards": words.tr(
            "de tijd loopt terug ({t} s, na {before} s op regel {line})"
        ),
        # a text too long to score
        "text_too_long": words.tr(
            "{length} tekens is meer dan er gescoord kan worden (hoogstens {limit})"
        ),
        # adaptive practice that cannot be made
        "nothing_to_practise": words.tr(
            "nog niets om te oefenen: er zijn nog geen oefeningen met fouten van deze cursist. "
            "Maak eerst een paar oefeningen uit de lijst."
        ),
        "no_practice_texts": words.tr(
            "de bibliotheek heeft geen teksten in de taal '{language}' om een oefening uit te maken"
        ),
        # a damaged settings file (set aside, or left in place)
        "settings_damaged": words.tr("{path}: {detail}"),
        "settings_damaged_kept": words.tr("{path}: {detail} (niet opzijgezet: {why})"),
    }
