"""The user's settings: a pydantic model saved as TOML in the data folder.

A damaged settings file never stops the app: it is set aside (renamed ``.broken``) and the
defaults are used, with the reason kept for the app to show.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

SETTINGS_FILE = "settings.toml"


class Settings(BaseModel):
    """What the app remembers between runs."""

    model_config = ConfigDict(extra="ignore")

    last_trainee_id: int | None = None
    last_exercise_id: str | None = None
    ui_language: str = "nl"
    output_device: str | None = None  # the headset, by name; None: the system's default
    input_device: str | None = None  # the microphone for recording clips
    volume: Annotated[float, Field(ge=0.0, le=1.0)] = 0.8
    # dictation: seconds to step back when playback resumes after a pause (0: off)
    rewind_on_resume: Annotated[float, Field(ge=0.0, le=5.0)] = 1.0


def load_settings(folder: Path) -> tuple[Settings, str | None]:
    """The saved settings (or the defaults) and, when the file was damaged, why."""
    path = folder / SETTINGS_FILE
    if not path.exists():
        return Settings(), None
    try:
        return Settings.model_validate(tomllib.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        path.replace(path.with_suffix(".toml.broken"))
        return Settings(), f"{path}: {exc}"


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically (a crash never leaves half a file)."""
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(settings.model_dump(exclude_none=True)), encoding="utf-8")
    tmp.replace(path)
