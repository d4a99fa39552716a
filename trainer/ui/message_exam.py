"""The sentences for exam packages and the exam run (``trainer.core.exam_package``,
``trainer.core.exam_run``): for the exam centre that writes a package and the supervisor who
runs it (``trainer.ui.messages``)."""

from __future__ import annotations

from trainer.ui import words


def sentences() -> dict[str, str]:
    return {
        "package_name": words.tr("de naam van een exampakket eindigt op {suffix}"),
        "unknown_exercise": words.tr("er is geen oefening '{id}'"),
        "package_exercise_language": words.tr(
            "de oefening '{id}' is in het {language}, het pakket in het {own}"
        ),
        "package_plays_not_dictation": words.tr(
            "max_plays: '{id}' is geen dictee (alleen een dictee heeft fragmenten om af te spelen)"
        ),
        "package_key_not_for_call": words.tr(
            "{key}: '{id}' is een gesprek; dat wordt niet op typsnelheid of foutenmarge beoordeeld"
        ),
        "package_kind_not_in_exams": words.tr(
            "'{id}' is een oefening met kind: {kind}; een examen neemt alleen overtypen, "
            "dictees en gesprekken af"
        ),
        "package_needs_speed": words.tr(
            "'{id}' heeft geen snelheidseis: geef het onderdeel een min_wpm"
        ),
        "exam_state_damaged": words.tr(
            "{path}: de stand van het examen kan niet gelezen worden ({detail})"
        ),
        "exam_package_changed": words.tr(
            "{path}: dit examen liep met een ander pakket dan '{package}'"
        ),
        "exam_already_running": words.tr(
            "kandidaat {candidate} legt dit examen al af op {workstation}"
        ),
        "exam_finished": words.tr("kandidaat {candidate} heeft dit examen al afgelegd"),
        "exam_candidate_elsewhere": words.tr(
            "kandidaatnummer {candidate} is voor pakket {package} al in gebruik op werkpost "
            "{workstation} (centrale opslag {server}): kijk het nummer na; hier is niets gestart"
        ),
        "exam_no_space": words.tr(
            "{path}: te weinig vrije ruimte voor een examen ({free} MiB vrij, {needed} MiB nodig)"
        ),
        "exam_folder_missing": words.tr(
            "{path}: de gegevensmap bestaat niet en kan niet gemaakt worden"
        ),
        "exam_folder_not_a_folder": words.tr("{path}: dit is geen map"),
        "exam_folder_read_only": words.tr(
            "{path}: in de gegevensmap kan niet geschreven worden (alleen-lezen)"
        ),
        "exam_folder_unwritable": words.tr(
            "{path}: in de gegevensmap kan niet geschreven worden ({detail})"
        ),
    }
