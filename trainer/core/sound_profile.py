"""How the customer sounds at each level, for calls and dictations alike.

Every clip goes through a phone line (300-3400 Hz); from level 3 office noise is mixed in below
the voice, louder as the level rises, and at level 5 (the exam) the line is an old 8 kHz one.
One table for every session with sound, so a call and a dictation of one level sound alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

# office noise below the voice (dB), by level; levels not named have none
NOISE_DB_BY_LEVEL = MappingProxyType({3: 20.0, 4: 15.0, 5: 12.0})
NARROWBAND_FROM_LEVEL = 5  # an old 8 kHz line at exam level


@dataclass(frozen=True)
class SoundProfile:
    """What is done to a clean clip before it plays (see ``trainer.audio.sounds.clip_frames``)."""

    telephone: bool = True
    narrowband: bool = False
    noise_db: float | None = None


def sound_profile(level: int) -> SoundProfile:
    """The sound of an exercise of ``level`` (1 to 5)."""
    return SoundProfile(
        telephone=True,
        narrowband=level >= NARROWBAND_FROM_LEVEL,
        noise_db=NOISE_DB_BY_LEVEL.get(level),
    )
