"""PortAudio's device scan loads every ALSA plugin (a52 brings libavcodec and video codecs);
Simultaan's loader lets them go once the list is built, and the headset still plays."""

from __future__ import annotations

from tests.probes import run_probe

PROBE = """
import sys
from trainer.audio.portaudio import sounddevice
sd = sounddevice()
names = [d["name"] for d in sd.query_devices()]
maps = open("/proc/self/maps").read()
a52 = "a52" if "libasound_module_pcm_a52" in maps else "-"
print(a52, "avcodec" if "libavcodec" in maps else "-")
print(",".join(names))
from trainer.audio.engine import AudioEngine, Voice
import numpy as np, time
engine = AudioEngine(device=sys.argv[1])
engine.start()
engine.play(Voice("tone", np.sin(np.arange(4800) * 0.06).astype(np.float32) * 0.2))
end = time.monotonic() + 5
while engine.frames_played < 9600 and time.monotonic() < end:
    time.sleep(0.05)
print(engine.frames_played)
engine.stop()
"""


def test_the_plugins_probed_at_start_are_released_and_the_headset_still_plays(
    null_sink: str,
) -> None:
    released, devices, played = run_probe(PROBE, null_sink).splitlines()[-3:]
    assert released == "- -"  # neither the a52 plugin nor libavcodec stays mapped
    assert null_sink in devices.split(",")  # the device list was built before the release
    assert int(played) >= 9600  # the stream opened after the release runs


LISTED = """
import sys
if sys.argv[1] == "loader":
    from trainer.audio.portaudio import sounddevice
    sd = sounddevice()
else:  # PortAudio's own scan, every PCM of ALSA's configuration
    import sounddevice as sd
names = [d["name"] for d in sd.query_devices()]
maps = open("/proc/self/maps").read()
kept = sorted({lib for lib in ("libx265", "libavcodec", "libgio-2.0") if lib in maps})
print(",".join(names))
print(",".join(kept) or "-")
"""


def test_the_ac3_encoder_is_left_out_of_the_scan_and_nothing_else() -> None:
    def listed(how: str) -> tuple[list[str], str]:
        names, kept = run_probe(LISTED, how).splitlines()[-2:]
        return names.split(","), kept

    names, kept = listed("loader")
    every, kept_by_scan = listed("scan")
    assert names == [name for name in every if name != "a52"]
    if kept_by_scan != "-":  # (here the scan leaves libraries it cannot unload: x265, GLib)
        assert kept == "-"
