#!/usr/bin/env bash
# Start PulseAudio with a null sink named "simultaan" (and make it the default), unless a
# PulseAudio server already answers. For machines without a sound card (CI, servers):
# PortAudio then offers a "pulse" device, and "simultaan.monitor" records what was played.
# With a name (`pulse-null-sink.sh simultaan-gw0`): that null sink too, not made the default
# (a test worker's own: tests/sound.py).
set -euo pipefail
sink=${1:-simultaan}
say() { printf 'simultaan sound: %s\n' "$*" >&2; }
if ! pactl info >/dev/null 2>&1; then
  # as root PulseAudio warns that it is meant per user; a session daemon is what we want here
  pulseaudio --daemonize=yes --exit-idle-time=-1 --log-target=stderr --log-level=error \
    >/dev/null 2>&1 || true
  for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
  pactl info >/dev/null 2>&1 || { say "PulseAudio did not start"; exit 1; }
  # PulseAudio makes its sink threads real-time but takes the clients' sound in its main
  # thread (nice -11); with every core busy (the test suite) that thread is late by 10-30 ms
  # now and then, and a client with a 10 ms buffer is heard to drop out. Real-time for it
  # too where allowed (as root on CI); elsewhere it stays as it is.
  pid=$(pgrep -xn -u "$(id -u)" pulseaudio || true)  # -n: the daemon, not its parent
  [[ -n $pid ]] && chrt --rr --pid 5 "$pid" 2>/dev/null || true
fi
if ! pactl list short sinks | grep -q $'\t'"$sink"$'\t'; then
  pactl load-module module-null-sink sink_name="$sink" \
    sink_properties=device.description=Simultaan-null-sink-"$sink" >/dev/null
fi
# A null sink without a stream works ahead of the clock by its idle latency (2 s), and a
# stream that starts then is taken only once the clock catches up: each stream PortAudio
# started sounded 1-2 s late, its callback stalled. A silent stream of 20 ms kept on the sink
# holds it to that (zeros add nothing to what the tests play and record); the keeper itself
# waits for the clock once, up to those 2 s.
if ! pgrep -f -- "--stream-name=keeper-$sink( |$)" >/dev/null; then
  setsid pacat --playback --device="$sink" --stream-name="keeper-$sink" --latency-msec=20 \
    --rate=48000 --channels=2 --format=s16le /dev/zero </dev/null >/dev/null 2>&1 &
  sleep 2.1
fi
if [[ $sink == simultaan ]]; then
  pactl set-default-sink simultaan
  pactl set-default-source simultaan.monitor
fi
