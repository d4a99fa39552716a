"""The replay's marks and sounds as a coach reads them (Dutch source strings, ``words.tr``)."""

from __future__ import annotations

from trainer.core.replay import ReplayMark, ReplayState
from trainer.core.scenario import CallExercise
from trainer.ui import words

tr = words.tr


def mark_text(mark: ReplayMark, call: CallExercise | None = None) -> str:
    """A mark as the coach reads it in the list (``call``: the call's labels and texts)."""
    if mark.kind == "error":
        return (
            tr("Fout (%1): verwacht '%2', getypt '%3'")
            .replace("%1", words.error_type(mark.name))
            .replace("%2", _shown(mark.detail))
            .replace("%3", _shown(mark.value))
        )
    if mark.kind == "field":
        label = _field_label(mark.name, call)
        if mark.detail == "misplaced":
            said = tr("Veld '%1' in het verkeerde vak: '%2'")
        else:
            said = tr("Veld '%1' fout ingevuld: '%2'")
        return said.replace("%1", label).replace("%2", mark.value)
    if mark.kind == "screen":
        return _screen_text(mark, call)
    return _action_text(mark)


def _field_label(field_id: str, call: CallExercise | None) -> str:
    if call is None:
        return field_id
    return next((f.label for f in call.fields if f.id == field_id), field_id)


def _screen_text(mark: ReplayMark, call: CallExercise | None) -> str:
    if mark.detail == "ring":
        return tr("De telefoon gaat")
    if mark.detail == "say":
        return tr("De klant spreekt (%1)").replace("%1", mark.name)
    if mark.detail == "hangup":
        return tr("De klant hangt op")
    if mark.detail == "hold_music":
        return tr("Wachtmuziek")
    text = ""
    if call is not None:
        text = next((getattr(e, "text", "") for e in call.timeline if e.id == mark.name), "")
    return tr("Melding: %1").replace("%1", _short(text or mark.name))


def _action_text(mark: ReplayMark) -> str:
    target = mark.detail
    names = {
        "answered": tr("Opgenomen"),
        "hold": tr("In de wacht gezet"),
        "resumed": tr("Terug uit de wacht"),
        "ask_repeat": tr("Laten herhalen"),
        "verified": tr("Geverifieerd"),
        "mismatch": tr("Komt niet overeen"),
        "closed": tr("Opgehangen"),
        "acknowledged": tr("Melding afgehandeld"),
    }
    if mark.name in names:
        return names[mark.name]
    if mark.name == "look_up":
        return tr("Dossier opgezocht: '%1'").replace("%1", mark.value)
    if mark.name == "dialled":
        return tr("Gebeld: %1").replace("%1", target)
    if mark.name == "message_start":
        return tr("Piep: bericht inspreken")
    if mark.name == "message_end":
        return tr("Bericht ingesproken")
    if mark.name == "hang_up":
        return {
            "busy": tr("Bezette lijn ingehaakt"),
            "voicemail": tr("Ingehaakt op de voicemail"),
        }.get(target, tr("Ingehaakt terwijl het nummer overging"))
    if mark.name == "transferred":
        return tr("Doorverbonden naar %1").replace("%1", target)
    if mark.name == "step":
        return tr("Stap afgevinkt: %1").replace("%1", words.step_name(target))
    if mark.name == "open_article":
        return tr("Kennisbank geopend: %1").replace("%1", target)
    if mark.name == "wrapup":
        return (
            tr("Afgesloten met code '%1', resultaat '%2'")
            .replace("%1", target)
            .replace("%2", mark.value)
        )
    return mark.name


def sounding_text(state: ReplayState) -> str:
    """What sounds at the moment shown, and where in it."""
    parts = []
    for sound, at in state.sounding:
        where = words.number(at, 1)
        if sound.source == "customer":
            said = (
                tr("De klant (ondertiteld): %1 op %2 s")
                if sound.subtitle
                else tr("De klant: %1 op %2 s")
            )
            parts.append(said.replace("%1", sound.file).replace("%2", where))
        else:
            parts.append(tr("De cursist (opname) op %1 s").replace("%1", where))
    return "  ·  ".join(parts) if parts else tr("Stilte")


def _shown(text: str) -> str:
    return text.replace(" ", "␣").replace("\n", "↵") if text else "–"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
