#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: system packages, then the project's virtualenv.
# Sourced by ./run and ./run-tests, so a newcomer never has to run it by hand.
# Quiet when nothing is missing; every step that takes long says so first.
set -euo pipefail

SIMULTAAN_ROOT=${SIMULTAAN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VENV="$SIMULTAAN_ROOT/.venv"

# Qt's runtime libraries (offscreen and X11), PortAudio and PulseAudio for the headset path,
# Xvfb for screenshots and the start-up benchmark, espeak-ng and sox for the demo clips,
# Enchant and the Hunspell dictionaries for the spelling of a call's notes, PostgreSQL for the
# central store's tests (a throw-away server each run, tests/postgres.py).
SYSTEM_PACKAGES=(
  python3-venv
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 fonts-dejavu-core
  libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins
  xvfb xauth x11-utils
  espeak-ng sox
  poppler-utils
  libenchant-2-2 hunspell-nl hunspell-fr hunspell-en-gb
  postgresql
)

say() { printf 'simultaan setup: %s\n' "$*" >&2; }

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: see README for the list
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      say "these system packages are missing and I am not root: ${missing[*]}"
      say "ask an administrator to run: apt-get install ${missing[*]}"
      return 1
    fi
  fi
  say "installing system packages (once): ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

pick_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  say "Python 3.11 or newer is needed and none was found on PATH"
  return 1
}

make_venv() {
  local stamp="$VENV/.setup-stamp" want
  want=$(cat "$SIMULTAAN_ROOT/pyproject.toml" | sha256sum | cut -c1-16)
  [[ -x $VENV/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]] && return 0
  if [[ ! -x $VENV/bin/python ]]; then
    say "creating the virtual environment in .venv"
    "$(pick_python)" -m venv "$VENV"
  fi
  say "installing Python packages into .venv (first time takes a minute)"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e "$SIMULTAAN_ROOT[dev]"
  echo "$want" >"$stamp"
}

install_system_packages
make_venv
# the translations the app and the command load (.qm), from their sources (.ts) when changed
"$VENV/bin/python" "$SIMULTAAN_ROOT/scripts/translations.py" build --if-changed
