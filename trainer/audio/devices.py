"""Sound devices: listing them and finding the one the user named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trainer.audio.engine import AudioDeviceError
from trainer.audio.portaudio import sounddevice
from trainer.core.messages import Message


@dataclass(frozen=True)
class Device:
    """A sound device as PortAudio lists it."""

    index: int
    name: str
    inputs: int
    outputs: int
    default_output: bool
    default_input: bool
    samplerate: float


def list_devices() -> list[Device]:
    """Every device PortAudio knows (an empty list when there is none)."""
    sd = sounddevice()

    try:
        raw = sd.query_devices()
        default_in, default_out = sd.default.device
    except sd.PortAudioError as exc:
        raise AudioDeviceError(Message("devices_cannot_list", {"detail": str(exc)})) from None
    return [
        Device(
            index=i,
            name=str(d["name"]),
            inputs=int(d["max_input_channels"]),
            outputs=int(d["max_output_channels"]),
            default_output=i == default_out,
            default_input=i == default_in,
            samplerate=float(d["default_samplerate"]),
        )
        for i, d in enumerate(raw)
    ]


def find_output(name: str | None) -> int | None:
    """The index of the output device whose name is, or contains, ``name`` (None: default).

    AudioDeviceError when there is no output device at all, or none matches the name.
    """
    outputs = [d for d in list_devices() if d.outputs > 0]
    if not outputs:
        raise AudioDeviceError(Message("no_output_device"))
    if name is None:
        return None
    if name.isdigit() and any(d.index == int(name) for d in outputs):
        return int(name)
    chosen = _named(outputs, name)
    if not chosen:
        known = [d.name for d in outputs]
        raise AudioDeviceError(Message("device_not_found", {"name": name, "known": known}))
    return chosen[0].index


def _named(devices: list[Device], name: str) -> list[Device]:
    """The devices called ``name``, else those whose name contains it (in any case)."""
    exact = [d for d in devices if d.name == name]
    return exact or [d for d in devices if name.lower() in d.name.lower()]


def not_there(name: str, kind: Literal["output", "input"]) -> Message | None:
    """What to say when no ``kind`` device's name holds ``name``: that, with the names there
    are, or that there is none at all (PortAudio's own words repeat the name, in English);
    None when one does (it failed for another reason) or the devices cannot be listed."""
    try:
        devices = [d for d in list_devices() if (d.outputs if kind == "output" else d.inputs)]
    except AudioDeviceError:
        return None
    if _named(devices, name):
        return None
    found = [d.name for d in devices]
    if kind == "output":
        if not found:  # (no sound server, no sound card)
            return Message("no_output_device")
        return Message("device_not_found", {"name": name, "known": found})
    if not found:
        return Message("no_input_device")
    return Message("microphone_not_found", {"name": name, "known": found})
