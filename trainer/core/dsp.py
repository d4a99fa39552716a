"""Sound processing for customer clips, done once before playback (never in the callback).

Mono float32 signals in, mono float32 out. Resampling and filtering use the FFT (band-limited,
no extra dependency); the time-stretch is WSOLA, which changes the speed and keeps the pitch,
so a trainee can slow a fast talker down without a chipmunk or a growl.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Signal = npt.NDArray[np.float32]

TELEPHONE_BAND = (300.0, 3400.0)


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
    rng = np.random.default_rng(seed)
    size = _fft_size(n)
    spectrum = rng.standard_normal(size // 2 + 1) + 1j * rng.standard_normal(size // 2 + 1)
    freqs = np.fft.rfftfreq(size, 1.0 / rate)
    shape = 1.0 / np.sqrt(np.maximum(freqs, 40.0)) / (1.0 + (freqs / 4000.0) ** 2)
    noise = np.fft.irfft(spectrum * shape, size)[:n]
    rms = float(np.sqrt(np.mean(noise**2))) or 1.0
    return (noise / rms).astype(np.float32)


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
