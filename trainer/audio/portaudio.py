"""PortAudio (through sounddevice), loaded once and without the ALSA plugins it only probed.

When PortAudio starts, its ALSA host API opens every PCM the ALSA configuration defines to see
what it can do. That loads every plugin of libasound2-plugins (a52 pulls in libavcodec and its
video codecs, jack, oss, speex, ...) and ALSA keeps them in its plugin cache for the life of
the process: 11 MB of a call's memory for devices nobody chose. Once the device list is built,
ALSA's global configuration and that cache are released, as ``Pa_Terminate`` does; the device a
stream opens later (``pulse``, ``hw:1,0``, ...) loads its own plugin again.
"""

from __future__ import annotations

import ctypes
import sys
from types import ModuleType

_loaded: ModuleType | None = None


def sounddevice() -> ModuleType:
    """The ``sounddevice`` module, PortAudio initialised and ALSA's probing cache released."""
    global _loaded
    if _loaded is None:
        import sounddevice as sd

        release_alsa_probes()
        _loaded = sd
    return _loaded


def release_alsa_probes() -> bool:
    """Free ALSA's global configuration and its plugin cache; True when it was done.

    Only safe while no ALSA device is open in this process: right after PortAudio built its
    device list, before a stream opens."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        asound = ctypes.CDLL("libasound.so.2")  # the one PortAudio loaded
    except OSError:
        return False  # PortAudio without ALSA: nothing was probed through it
    return int(asound.snd_config_update_free_global()) == 0
