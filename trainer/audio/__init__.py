"""Sound for the headset: playback, mixing, devices and recording, on sounddevice (PortAudio).

Streams are opened, started and stopped on the GUI thread (or the command's main thread); the
PortAudio callback only copies precomputed frames. Nothing here imports Qt.
"""
