"""A scene's narration as one audio track, laid into the video manim wrote.

Each beat's clip starts where the beat did; the beats wait for their voices, so the
clips never overlap. manim's own sound path (pydub, then AAC in stereo) spent about a
tenth of a narrated render; speech needs no stereo, so the track is placed with numpy
and encoded once, in mono. It is exactly as long as the picture, and the video packets
are copied unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.audio import voice

# Hz: a rate AAC and Opus both take. At it, the encoder's priming and last-frame padding
# (1,024 samples each for AAC) stay within one frame of video at 15 fps, as manim's did.
SAMPLE_RATE = 48000
LAYOUT = "mono"
CODECS = {".mp4": "aac", ".webm": "libopus"}
# FFmpeg's AAC encoder with its constant-quantiser coder, not its default two-loop search:
# on 110 s of narration 0.8 s against 2.2 s (a tenth of a narrated 480p render), at a
# higher signal-to-noise ratio (35 against 26 dB).
OPTIONS = {".mp4": {"aac_coder": "fast"}, ".webm": {}}


def _picture_seconds(video: Path) -> float:
    with av.open(str(video)) as c:
        stream = c.streams.video[0]
        frames = stream.frames or sum(1 for _ in c.decode(stream))
        return float(frames / Fraction(stream.average_rate).limit_denominator(1001))


def track(clips: Sequence[tuple[float, Path]], seconds: float) -> np.ndarray:
    """The clips, each ``(start in seconds, WAV)``, placed on ``seconds`` of silence."""
    samples = np.zeros(round(seconds * voice.SAMPLE_RATE), np.float32)
    for start, wav in clips:
        clip = voice.read_wav(wav)
        at = round(start * voice.SAMPLE_RATE)
        end = min(at + len(clip), len(samples))
        samples[at:end] += clip[: end - at]
    return samples


def add_stream(out: av.container.OutputContainer, suffix: str) -> av.AudioStream:
    """An audio stream for a ``suffix`` (``.mp4``, ``.webm``) video, as every soundtrack is."""
    sound = out.add_stream(CODECS[suffix], rate=SAMPLE_RATE, options=OPTIONS[suffix])
    sound.layout = LAYOUT
    return sound


def lay_in(video: Path, clips: Sequence[tuple[float, Path]]) -> None:
    """Replace ``video`` (mp4 or webm, no audio yet) by itself with the narration added."""
    samples = track(clips, _picture_seconds(video))
    tmp = video.with_name(f".{video.stem}.{os.getpid()}.tmp{video.suffix}")
    try:
        with av.open(str(video)) as source, av.open(str(tmp), "w") as out:
            picture = source.streams.video[0]
            copy = out.add_stream_from_template(picture)
            sound = add_stream(out, video.suffix)
            for packet in source.demux(picture):
                if packet.dts is not None:  # not the demuxer's empty end-of-stream packet
                    packet.stream = copy
                    out.mux(packet)
            wanted = sound.codec_context.codec.audio_formats[0].name
            resampler = av.AudioResampler(format=wanted, layout=LAYOUT, rate=SAMPLE_RATE)
            frame = av.AudioFrame.from_ndarray(samples[None, :], format="flt", layout=LAYOUT)
            frame.sample_rate = voice.SAMPLE_RATE
            # Timed from zero: left unset, the encoder makes up its packets' times, and for
            # some lengths (the 1080p60 gradient chapter's) its last two share one, which
            # the mp4 muxer refuses.
            frame.pts, frame.time_base = 0, Fraction(1, voice.SAMPLE_RATE)
            for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
                for packet in sound.encode(resampled):
                    out.mux(packet)
            for packet in sound.encode():
                out.mux(packet)
        os.replace(tmp, video)
    finally:
        tmp.unlink(missing_ok=True)
