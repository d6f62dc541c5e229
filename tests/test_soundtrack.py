"""The narration laid into a scene's video comes back out as it went in, where it went in."""

from __future__ import annotations

import wave
from fractions import Fraction

import av
import numpy as np
import pytest

from scenes.audio import soundtrack, voice

FPS = 15
SECONDS = 4


def picture(path, codec: str, frames: int = SECONDS * FPS, fps: int = FPS) -> None:
    """``frames`` of a grey 64x64 picture at ``fps``, silent: what manim writes."""
    with av.open(str(path), "w") as out:
        video = out.add_stream(codec, rate=fps)
        video.width = video.height = 64
        video.pix_fmt = "yuv420p"
        video.time_base = Fraction(1, fps)
        for k in range(frames):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), 90, np.uint8), "rgb24")
            frame.pts = k
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)


def speechlike(seconds: float) -> np.ndarray:
    """A voiced sound: harmonics of a wandering pitch, in syllables, below 5 kHz."""
    t = np.arange(round(seconds * voice.SAMPLE_RATE)) / voice.SAMPLE_RATE
    pitch = 120 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / voice.SAMPLE_RATE
    sound = sum(np.sin(k * phase) / k for k in range(1, 30) if k * 150 < 5000)
    syllables = np.clip(np.sin(2 * np.pi * 3 * t), 0, None)
    return (0.3 * sound * syllables / np.abs(sound).max()).astype(np.float32)


def write_wav(path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(voice.SAMPLE_RATE)
        w.writeframes((samples * 32767).astype("<i2").tobytes())


def decoded(path) -> tuple[np.ndarray, int]:
    with av.open(str(path)) as c:
        sound = c.streams.audio[0]
        samples = np.concatenate([f.to_ndarray().ravel() for f in c.decode(sound)])
        return samples, sound.rate


@pytest.mark.parametrize(("suffix", "codec"), [(".mp4", "libx264"), (".webm", "libvpx-vp9")])
def test_the_narration_comes_back_out_where_it_was_laid_in(tmp_path, suffix, codec):
    video = tmp_path / f"Scene{suffix}"
    picture(video, codec)
    clip = speechlike(1.5)
    write_wav(tmp_path / "clip.wav", clip)
    start = 1.0
    soundtrack.lay_in(video, [(start, tmp_path / "clip.wav")])

    heard, rate = decoded(video)
    placed = soundtrack.track([(start, tmp_path / "clip.wav")], SECONDS)
    # The placed track at the soundtrack's rate, by the resampler the soundtrack uses.
    frame = av.AudioFrame.from_ndarray(placed[None, :], format="flt", layout="mono")
    frame.sample_rate = voice.SAMPLE_RATE
    resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
    wanted = np.concatenate(
        [f.to_ndarray().ravel() for f in [*resampler.resample(frame), *resampler.resample(None)]]
    )
    # Heard where it was laid in, within half a frame (a player drops AAC's 1,024 samples
    # of encoder priming, 21 ms, that this decoder keeps), and heard as it was.
    pad = rate // FPS
    n = min(len(heard), len(wanted)) - 2 * pad
    reference = wanted[pad : pad + n]
    errors = [np.sum((heard[pad + s : pad + s + n] - reference) ** 2) for s in range(-pad, pad)]
    shift = int(np.argmin(errors)) - pad
    assert abs(shift) <= rate / FPS / 2
    snr = 10 * np.log10(np.sum(reference**2) / errors[shift + pad])
    assert snr > 20, f"{snr:.1f} dB"
    assert abs(len(heard) / rate - SECONDS) <= 1 / FPS  # as long as the picture


def test_a_soundtrack_of_any_length_is_muxed_in_order(tmp_path):
    # The 1080p60 gradient chapter's length: 8,329 frames. Its soundtrack's encoder, left to
    # make up its own times, gave its last two packets one time, and the mp4 muxer refused.
    video = tmp_path / "Scene.mp4"
    picture(video, "libx264", frames=8329, fps=60)
    write_wav(tmp_path / "clip.wav", speechlike(1.5))
    soundtrack.lay_in(video, [(121.3, tmp_path / "clip.wav")])
    with av.open(str(video)) as c:
        times = [p.dts for p in c.demux(c.streams.audio[0]) if p.dts is not None]
    assert times == sorted(set(times))
