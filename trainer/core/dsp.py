"""Sound processing for customer clips, done once before playback (never in the callback).

Mono float32 signals in, mono float32 out. Resampling and filtering use the FFT (band-limited,
no extra dependency); the time-stretch is WSOLA, which changes the speed and keeps the pitch,
so a trainee can slow a fast talker down without a chipmunk or a growl.

Loudness is measured as EBU R128 asks (ITU-R BS.1770-4: K-weighted, gated, integrated) with
pyloudnorm, imported only when a clip is measured, so loading the core stays light.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import numpy.typing as npt

Signal = npt.NDArray[np.float32]

TELEPHONE_BAND = (300.0, 3400.0)

# Every customer clip is stored at one integrated loudness (audio/README.md says why -23).
TARGET_LUFS = -23.0
TOLERANCE_LU = 1.0
# EBU R128's highest true peak: room for the intersample peaks of a lossy or resampled copy
CEILING_DBTP = -1.0
GATE_SECONDS = 0.4  # BS.1770 measures in 400 ms blocks: a shorter clip has no loudness


def _as_signal(x: npt.ArrayLike) -> Signal:
    return np.ascontiguousarray(x, dtype=np.float32).reshape(-1)


def _fft_size(n: int) -> int:
    return 1 << max(1, (n - 1).bit_length())


def resample(x: npt.ArrayLike, src_rate: int, dst_rate: int) -> Signal:
    """Band-limited resampling by zero-padding or truncating the spectrum."""
    sig = _as_signal(x)
    if src_rate == dst_rate or len(sig) == 0:
        return sig.copy()
    n_out = round(len(sig) * dst_rate / src_rate)
    pad = _fft_size(len(sig) + 256)  # room at the end so the circular FFT does not wrap
    n_out_padded = round(pad * dst_rate / src_rate)
    spectrum = np.fft.rfft(sig, pad)
    out_bins = n_out_padded // 2 + 1
    shaped = np.zeros(out_bins, dtype=np.complex128)
    keep = min(len(spectrum), out_bins)
    shaped[:keep] = spectrum[:keep]
    y = np.fft.irfft(shaped, n_out_padded) * (n_out_padded / pad)
    return y[:n_out].astype(np.float32)


def _band_mask(
    freqs: npt.NDArray[np.floating[Any]], low: float, high: float, width: float
) -> npt.NDArray[np.float64]:
    """1 inside [low, high], raised-cosine edges ``width`` Hz wide, 0 outside."""
    rise = np.clip((freqs - (low - width)) / width, 0.0, 1.0)
    fall = np.clip(((high + width) - freqs) / width, 0.0, 1.0)
    mask = np.minimum(rise, fall)
    shaped: npt.NDArray[np.float64] = 0.5 - 0.5 * np.cos(np.pi * mask)
    return shaped


def telephone(x: npt.ArrayLike, rate: int, *, narrowband: bool = False) -> Signal:
    """The sound of a phone line: only 300-3400 Hz pass; ``narrowband`` adds the 8 kHz,
    8-bit mu-law coarseness of an old line."""
    sig = _as_signal(x)
    if len(sig) == 0:
        return sig.copy()
    n = _fft_size(len(sig) + 512)
    spectrum = np.fft.rfft(sig, n)
    freqs = np.fft.rfftfreq(n, 1.0 / rate)
    y = np.fft.irfft(spectrum * _band_mask(freqs, *TELEPHONE_BAND, width=150.0), n)[: len(sig)]
    if narrowband:
        mu = 255.0
        peak = float(np.max(np.abs(y))) or 1.0
        z = y / peak
        coded = np.sign(z) * np.log1p(mu * np.abs(z)) / np.log1p(mu)
        coded = np.round(coded * 127.0) / 127.0
        y = np.sign(coded) * np.expm1(np.abs(coded) * np.log1p(mu)) / mu * peak
    return y.astype(np.float32)


def office_noise(n: int, rate: int, seed: int = 0) -> Signal:
    """Deterministic background noise with the tilt of an office (pink, rolled off above 4 kHz)."""
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    size = _fft_size(n)
    bins = size // 2 + 1
    values = _uniform(2 * bins, seed)  # a random amplitude and phase in every bin: white
    spectrum = values[:bins] + 1j * values[bins:]
    freqs = np.fft.rfftfreq(size, 1.0 / rate)
    shape = 1.0 / np.sqrt(np.maximum(freqs, 40.0)) / (1.0 + (freqs / 4000.0) ** 2)
    noise = np.fft.irfft(spectrum * shape, size)[:n]
    rms = float(np.sqrt(np.mean(noise**2))) or 1.0
    return (noise / rms).astype(np.float32)


def _uniform(count: int, seed: int) -> npt.NDArray[np.float64]:
    """``count`` deterministic values in [-1, 1) from ``seed``, from Python's own generator:
    numpy's random module alone costs a process 7 MB, for a few thousand values a clip."""
    raw = random.Random(seed).randbytes(4 * count)
    return np.frombuffer(raw, dtype=np.uint32) / 2.0**31 - 1.0


def rms(x: npt.ArrayLike) -> float:
    """Root mean square level."""
    sig = _as_signal(x)
    return float(np.sqrt(np.mean(sig.astype(np.float64) ** 2))) if len(sig) else 0.0


def add_noise(x: npt.ArrayLike, rate: int, snr_db: float, seed: int = 0) -> Signal:
    """The signal with office noise ``snr_db`` decibels below its own level."""
    sig = _as_signal(x)
    level = rms(sig)
    if level == 0.0:
        return sig.copy()
    noise = office_noise(len(sig), rate, seed) * (level / 10 ** (snr_db / 20.0))
    return (sig + noise).astype(np.float32)


def time_stretch(x: npt.ArrayLike, speed: float, rate: int) -> Signal:
    """Play ``speed`` times as fast (0.5 to 1.5) at the same pitch (WSOLA).

    Frames of 40 ms are laid down every 20 ms; each is taken from near where the speed says,
    at the offset (within +-10 ms) that best continues the previous frame, so the waveform
    joins without phase jumps.
    """
    if not 0.5 <= speed <= 1.5:
        raise ValueError(f"speed {speed} is outside 0.5 to 1.5")
    sig = _as_signal(x)
    if speed == 1.0 or len(sig) == 0:
        return sig.copy()
    frame = max(64, int(rate * 0.040)) // 2 * 2
    hop = frame // 2
    tolerance = int(rate * 0.010)
    window = np.hanning(frame).astype(np.float64)
    out_len = int(len(sig) / speed)
    padded = np.concatenate(
        [np.zeros(tolerance), sig.astype(np.float64), np.zeros(frame + 2 * tolerance)]
    )
    out = np.zeros(out_len + frame)
    weight = np.zeros(out_len + frame)
    n_fft = _fft_size(frame + 2 * tolerance)
    natural = 0  # where the previous frame would continue in the input
    for k in range(out_len // hop + 1):
        nominal = int(k * hop * speed)
        if k == 0:
            start = nominal
        else:
            target = padded[natural + tolerance : natural + tolerance + frame]
            region = padded[nominal : nominal + frame + 2 * tolerance]
            corr = np.fft.irfft(
                np.fft.rfft(region, n_fft) * np.conj(np.fft.rfft(target, n_fft)), n_fft
            )[: 2 * tolerance + 1]
            start = nominal - tolerance + int(np.argmax(corr))
        start = max(0, start)
        segment = padded[start + tolerance : start + tolerance + frame]
        at = k * hop
        out[at : at + frame] += segment * window
        weight[at : at + frame] += window
        natural = start + hop
    weight[weight < 1e-6] = 1.0
    return (out[:out_len] / weight[:out_len]).astype(np.float32)


def fade(x: npt.ArrayLike, rate: int, seconds: float = 0.005) -> Signal:
    """Short fades at both ends, so a clip never starts or stops with a click."""
    sig = _as_signal(x).copy()
    n = min(len(sig) // 2, int(rate * seconds))
    if n:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        sig[:n] *= ramp
        sig[-n:] *= ramp[::-1]
    return sig


def trim_silence(
    x: npt.ArrayLike, rate: int, threshold_db: float = -45.0, keep: float = 0.08
) -> Signal:
    """Cut leading and trailing silence (below ``threshold_db`` of the peak), keeping a
    little margin, as a coach does with a fresh recording."""
    sig = _as_signal(x)
    if len(sig) == 0:
        return sig.copy()
    peak = float(np.max(np.abs(sig)))
    if peak == 0.0:
        return sig[:0].copy()
    loud = np.flatnonzero(np.abs(sig) >= peak * 10 ** (threshold_db / 20.0))
    margin = int(rate * keep)
    return sig[max(0, loud[0] - margin) : min(len(sig), loud[-1] + 1 + margin)].copy()


def loudness(x: npt.ArrayLike, rate: int) -> float | None:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, gated, as EBU R128 measures it); None
    for a clip shorter than one 400 ms block or silent."""
    import pyloudnorm

    sig = _as_signal(x).astype(np.float64)
    if len(sig) < GATE_SECONDS * rate or not np.any(sig):
        return None
    value = float(pyloudnorm.Meter(rate).integrated_loudness(sig))
    return value if np.isfinite(value) else None


def _true_peaks(sig: Signal, rate: int) -> npt.NDArray[np.float64]:
    """Per sample, the highest level of the waveform around it: the sample itself and the
    three points between it and the next, from a 4x band-limited oversampling (BS.1770-4
    annex 2 measures the true peak the same way)."""
    over = np.abs(resample(sig, rate, 4 * rate)[: 4 * len(sig)]).astype(np.float64)
    over = np.pad(over, (0, 4 * len(sig) - len(over)))
    peaks: npt.NDArray[np.float64] = np.maximum(
        np.abs(sig.astype(np.float64)), over.reshape(len(sig), 4).max(axis=1)
    )
    return peaks


def true_peak_db(x: npt.ArrayLike, rate: int) -> float:
    """The true peak in dBTP (-inf for silence)."""
    sig = _as_signal(x)
    peak = float(_true_peaks(sig, rate).max()) if len(sig) else 0.0
    return 20.0 * float(np.log10(peak)) if peak > 0.0 else float("-inf")


def limit_peaks(x: npt.ArrayLike, rate: int, ceiling_db: float = CEILING_DBTP) -> Signal:
    """Turn the level down around each peak above ``ceiling_db`` dBTP and nowhere else.

    The gain each sample needs is held for 5 ms on either side and then averaged over the same
    span, so it glides down and up again (no click) and is, at every peak, at most what that
    peak needs. On speech that is a few milliseconds around a plosive: not audible.
    """
    sig = _as_signal(x)
    if len(sig) == 0:
        return sig.copy()
    ceiling = 10.0 ** (ceiling_db / 20.0)
    need = np.minimum(1.0, ceiling / np.maximum(_true_peaks(sig, rate), 1e-12))
    if float(need.min()) >= 1.0:
        return sig.copy()
    half = max(1, int(rate * 0.005))
    span = 2 * half + 1
    held = np.lib.stride_tricks.sliding_window_view(
        np.pad(need, half, constant_values=1.0), span
    ).min(axis=1)
    gain = np.convolve(np.pad(held, half, mode="edge"), np.full(span, 1.0 / span), "valid")
    return (sig * gain).astype(np.float32)


def normalise_loudness(
    x: npt.ArrayLike,
    rate: int,
    target: float = TARGET_LUFS,
    ceiling_db: float = CEILING_DBTP,
) -> Signal:
    """The clip at ``target`` LUFS with no true peak above ``ceiling_db``: one gain for the
    whole clip, then the few peaks that gain pushes over the ceiling limited (which takes a
    hair of loudness, so the gain is corrected once or twice). A clip too short or too quiet
    to measure comes back as it was."""
    sig = _as_signal(x).copy()
    for _ in range(4):
        level = loudness(sig, rate)
        if level is None or abs(level - target) < 0.02:
            break
        sig = limit_peaks(sig * np.float32(10.0 ** ((target - level) / 20.0)), rate, ceiling_db)
    return sig
