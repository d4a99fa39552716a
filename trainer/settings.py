"""The user's settings: a pydantic model saved as TOML in the data folder.

A damaged settings file never stops the app: it is set aside (renamed ``.broken``) and the
defaults are used, with the reason kept for the app to show. So is one that is no regular file
(a FIFO would block the start) or larger than any settings file can be.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trainer.core.bounded_files import MAX_SETTINGS_BYTES, FileRefused, read_text
from trainer.core.messages import Message, message_of
from trainer.paths import data_modes

SETTINGS_FILE = "settings.toml"


class Settings(BaseModel):
    """What the app remembers between runs."""

    model_config = ConfigDict(extra="ignore")

    last_trainee_id: int | None = None
    last_exercise_id: str | None = None
    # the app's language (nl, fr, en); None: the system's if Simultaan speaks it, else Dutch.
    # (An older file's ``ui_language`` is ignored: it was always the default "nl", never
    # chosen, and would hide the system's language.)
    language: Literal["nl", "fr", "en"] | None = None
    output_device: str | None = None  # the headset, by name; None: the system's default
    input_device: str | None = None  # the microphone: for recording clips, and during calls
    # 'Opname van de cursist': the trainee's microphone recorded during practice calls
    record_voice: bool = True
    volume: Annotated[float, Field(ge=0.0, le=1.0)] = 0.8
    # dictation: seconds to step back when playback resumes after a pause (0: off)
    rewind_on_resume: Annotated[float, Field(ge=0.0, le=5.0)] = 1.0
    # the text size in percent while no trainee with their own is chosen (Ctrl+plus/minus)
    text_size: Annotated[int, Field(ge=90, le=200)] = 100
    theme: Literal["normal", "contrast"] = "normal"  # contrast: white and yellow on black
    # the window's place and size when it was last closed: "x,y,width,height"
    window: Annotated[str, Field(pattern=r"^-?\d+,-?\d+,\d+,\d+$")] | None = None
    window_maximised: bool = False
    # the exam centre's central store (PostgreSQL), where every result is also sent:
    # postgresql://user:password@server:5432/database; SIMULTAAN_DATABASE_URL goes before it
    database_url: str | None = None


def load_settings(folder: Path) -> tuple[Settings, Message | None]:
    """The saved settings (or the defaults) and, when the file was damaged, why (the file's
    name, and what the reader said: TOML's or the check's own words)."""
    path = folder / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return Settings(), None
    refused: Message | None = None
    try:
        text = read_text(path, MAX_SETTINGS_BYTES, "settings")
        return Settings.model_validate(tomllib.loads(text)), None
    except FileRefused as exc:  # a FIFO, a folder, a huge file: said as every file is
        refused = message_of(exc)
        detail = exc.reason
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        detail = str(exc)
    try:
        path.replace(path.with_suffix(".toml.broken"))
    except OSError as exc:  # a folder in the way of an older .broken folder: leave both
        why = exc.strerror or str(exc)
        said = {"path": str(path), "detail": detail, "why": why}
        return Settings(), Message("settings_damaged_kept", said)
    if refused is not None:
        return Settings(), refused
    return Settings(), Message("settings_damaged", {"path": str(path), "detail": detail})


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically (a crash never leaves half a file)."""
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".toml.tmp")
    file_mode, _ = data_modes(folder)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, file_mode)
    os.fchmod(fd, file_mode)  # the owner's only (or an exam room's group), whatever the umask
    with open(fd, "w", encoding="utf-8") as out:
        out.write(tomli_w.dumps(settings.model_dump(exclude_none=True)))
    tmp.replace(path)
