"""PortAudio (through sounddevice), loaded once and without the ALSA plugins it only probed.

When PortAudio starts, its ALSA host API opens every PCM the ALSA configuration defines to see
what it can do. That loads every plugin of libasound2-plugins (a52 pulls in libavcodec and its
video codecs, jack, oss, speex, ...) and ALSA keeps them in its plugin cache for the life of
the process: 11 MB of a call's memory for devices nobody chose. Once the device list is built,
ALSA's global configuration and that cache are released, as ``Pa_Terminate`` does; the device a
stream opens later (``pulse``, ``hw:1,0``, ...) loads its own plugin again. The AC-3 encoder
(a52) is left out of the scan altogether: some of what libavcodec brings cannot be unloaded.
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
        hide_from_probing()
        import sounddevice as sd

        release_alsa_probes()
        _loaded = sd
    return _loaded


# ALSA devices PortAudio's scan opens for nothing: the AC-3 encoder for a surround receiver
# (libasound2-plugins' a52) loads libavcodec and its video codecs, and some of what they bring
# (x265, GLib) cannot be unloaded: 3.5 MB of a call and 13-19 ms of its start
NOT_PROBED = ("pcm.a52",)


def hide_from_probing(names: tuple[str, ...] = NOT_PROBED) -> int:
    """Leave these PCMs out of ALSA's configuration in memory, before PortAudio scans it; how
    many were left out. They are not in PortAudio's device list, so they cannot be chosen (none
    is a headset). The files are untouched: ``release_alsa_probes`` frees this copy, and the
    configuration is read again from them when a stream opens."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        asound = ctypes.CDLL("libasound.so.2")  # the one PortAudio will use
    except OSError:
        return 0
    asound.snd_config_search.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    asound.snd_config_delete.argtypes = [ctypes.c_void_p]
    if asound.snd_config_update() < 0:
        return 0
    top = ctypes.c_void_p.in_dll(asound, "snd_config")
    if not top.value:
        return 0
    hidden = 0
    for name in names:
        node = ctypes.c_void_p()
        if asound.snd_config_search(top.value, name.encode(), ctypes.byref(node)) == 0:
            hidden += asound.snd_config_delete(node) == 0
    return hidden


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
