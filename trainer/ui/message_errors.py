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
        "default_microphone_cannot_open": words.tr(
            "de standaardmicrofoon gaat niet open: {detail}"
        ),
    }
