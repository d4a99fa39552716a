"""The sentences for exam seals: keys, certificates, signed packages and sealed results
(``trainer.seal``, worded by ``trainer.ui.messages``).

Read by an exam-room supervisor or a test centre: which file, what failed, and what to do.
``{name}`` places are filled in after translation.
"""

from __future__ import annotations

from trainer.ui import words


def sentences() -> dict[str, str]:
    return {
        # keys and certificates
        "key_exists": words.tr("{path} bestaat al: een sleutel wordt nooit overschreven"),
        "key_missing": words.tr("geen sleutel gevonden: {path}"),
        "key_unreadable": words.tr("{path}: geen bruikbare Ed25519-sleutel ({detail})"),
        "certificate_missing": words.tr("geen certificaat gevonden: {path}"),
        "certificate_unreadable": words.tr("{path}: geen leesbaar certificaat ({detail})"),
        "certificate_not_ed25519": words.tr(
            "het certificaat van '{name}' heeft geen Ed25519-sleutel"
        ),
        "centre_key_mismatch": words.tr(
            "{path} hoort niet bij het centre.crt ernaast: de sleutel van een ander examencentrum?"
        ),
        "centre_unknown": words.tr(
            "het certificaat van het examencentrum ontbreekt: {path} (geef het met --centre-cert "
            "of schrijf deze computer in)"
        ),
        "station_not_enrolled": words.tr(
            "deze computer is niet ingeschreven bij een examencentrum: geen sleutel in {folder} "
            "(simultaan exam enrol)"
        ),
        "centre_key_on_station": words.tr(
            "de privésleutel van het examencentrum staat op deze computer ({path}): haal hem "
            "weg, hij hoort alleen op de computer van het centrum"
        ),
        "station_key_mismatch": words.tr(
            "in {folder} horen de sleutel en het certificaat niet bij elkaar"
        ),
        "certificate_foreign": words.tr(
            "het certificaat van '{name}' is niet uitgegeven door het examencentrum '{centre}'"
        ),
        "certificate_expired": words.tr("het certificaat van '{name}' is verlopen op {date}"),
        "certificate_not_yet_valid": words.tr(
            "het certificaat van '{name}' geldt pas vanaf {date}"
        ),
        # signed exam packages
        "package_unsigned": words.tr(
            "examenpakket {package}: niet ondertekend (geen {sig} ernaast)"
        ),
        "package_altered": words.tr(
            "examenpakket {package}: gewijzigd na de ondertekening (de handtekening {path} "
            "klopt niet meer)"
        ),
        "package_foreign_key": words.tr(
            "examenpakket {package}: ondertekend met een andere sleutel dan die van het "
            "examencentrum"
        ),
        "package_signature_unreadable": words.tr(
            "examenpakket {package}: de handtekening {path} is niet te lezen"
        ),
        "package_unreadable": words.tr("examenpakket {package} is niet te lezen: {detail}"),
        "signature_cannot_write": words.tr(
            "de handtekening {path} kan niet worden geschreven: {detail}"
        ),
        # sealed results
        "seal_cannot_read": words.tr("{path} kan niet verzegeld worden: {detail}"),
        "seal_cannot_write": words.tr("de verzegeling {path} kan niet worden geschreven: {detail}"),
        "seal_unreadable": words.tr("de verzegeling {seal} is niet te lezen ({detail})"),
        "seal_broken": words.tr("de verzegeling {seal} zelf is gewijzigd"),
        "seal_name_outside": words.tr(
            "de verzegeling {seal} noemt een bestand buiten haar map: {file}"
        ),
        "sealed_file_missing": words.tr("{file} ontbreekt (verzegeld door '{station}' op {date})"),
        "sealed_file_changed": words.tr("gewijzigd sinds '{station}' het verzegelde op {date}"),
        "stored_result_differs": words.tr(
            "het bewaarde resultaat is niet meer het resultaat dat '{station}' verzegelde op "
            "{date} ({file})"
        ),
        # the evaluators' verdicts and sign-off
        "verdict_needs_name": words.tr("evaluator {seat}: vul uw naam in bij uw oordeel"),
        "verdict_same_evaluator": words.tr(
            "'{name}' staat al als de andere evaluator: een examen wordt door twee "
            "verschillende evaluatoren beoordeeld"
        ),
        "verdict_signed_off": words.tr(
            "het examen {exam} is al afgetekend: de oordelen liggen vast"
        ),
        "signoff_needs_two": words.tr(
            "het examen {exam} kan pas afgetekend worden als beide evaluatoren een oordeel gaven"
        ),
        "signoff_disagree": words.tr(
            "de evaluatoren zijn het niet eens over {exam}: overleg en pas een oordeel aan "
            "voor u aftekent"
        ),
        "signoff_parts_not_intact": words.tr(
            "niet af te tekenen: deze onderdelen zijn niet ongewijzigd verzegeld: {parts}"
        ),
        "bundle_needs_signoff": words.tr(
            "het examen {exam} is nog niet afgetekend: er is nog geen bundel voor het testcentrum"
        ),
        "no_seal": words.tr("geen verzegeling gevonden voor {file}"),
        "verify_no_file": words.tr("er is geen bestand of map met die naam"),
        "bundle_unsealed": words.tr("{bundle}: de bundel als geheel is niet verzegeld"),
        "bundle_unreadable": words.tr("{bundle}: de bundel is niet te lezen ({detail})"),
    }
