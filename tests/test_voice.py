"""The narration layer: sentence timings, cache, loudness, determinism, clear errors."""

from __future__ import annotations

import wave
from importlib import metadata

import numpy as np
import pytest

from nncore.errors import InputError
from scenes.audio import voice

NARRATION = (
    "Add them up: the cost of this one example is 3.45. "
    "The network has 13,002 weights, e.g. 0.000037 each! Is the weight -0.27?"
)


def read_wav(path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, voice.SAMPLE_RATE)
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768


def dbfs(x: float) -> float:
    return 20 * np.log10(x)


def test_sentences_keep_numbers_and_abbreviations_whole():
    assert voice.split_sentences(NARRATION) == [
        "Add them up: the cost of this one example is 3.45.",
        "The network has 13,002 weights, e.g. 0.000037 each!",
        "Is the weight -0.27?",
    ]
    assert voice.split_sentences("  ") == []
    assert voice.split_sentences("No full stop") == ["No full stop"]


@pytest.mark.parametrize(
    "text, spoken",
    [
        ("The cost is 3.45.", "The cost is 3.45."),  # espeak already says "three point four five"
        ("A rate of 1e-3.", "A rate of 1 times 10 to the minus 3."),
        ("Layers 784-16-16-10.", "Layers 784, six-teen, six-teen, 10."),
        ("The weight is \u22120.27.", "The weight is minus 0.27."),
        ("From 0.1\u20130.5, e.g. 3 - 2.", "From 0.1 to 0.5, for example 3 minus 2."),
        (
            "A 28x28 image, 10\u207b\u2075 and x\u00b2.",
            "A 28 by 28 image, 10 to the minus 5 and x squared.",
        ),
        ("13,002 but 0.5,0.25.", "thir-teen thousand and 2 but 0.5, 0.25."),
        ("So x - 1 - then a word - stays.", "So x minus 1 - then a word - stays."),
    ],
)
def test_speakable(text, spoken):
    assert voice.speakable(text) == spoken


@pytest.mark.parametrize("name", ["espeak", "none"])
def test_timings_in_order_and_cover_the_clip(name, tmp_path):
    speech = voice.synthesize(NARRATION, name, tmp_path)
    texts = [s for s, _, _ in speech.sentences]
    assert texts == voice.split_sentences(NARRATION)
    starts = [a for _, a, _ in speech.sentences]
    ends = [b for _, _, b in speech.sentences]
    assert starts[0] == 0.0 and ends[-1] == pytest.approx(speech.duration)
    assert starts[1:] == pytest.approx(ends[:-1])  # back to back: no gap, no overlap
    assert all(b - a > 0.5 for a, b in zip(starts, ends))
    if name == "none":
        assert speech.wav is None
        first = max(voice.MIN_SENTENCE, len(texts[0]) / voice.READING_RATE)
        assert ends[0] == pytest.approx(first)
        return
    samples = read_wav(speech.wav)
    assert len(samples) / voice.SAMPLE_RATE == pytest.approx(speech.duration)
    for a, b in zip(starts, ends):  # every sentence's span holds speech, not silence
        part = samples[int(a * voice.SAMPLE_RATE) : int(b * voice.SAMPLE_RATE)]
        assert dbfs(np.sqrt(np.mean(part**2))) > -35
    pad = samples[-int(voice.TAIL_PAD * voice.SAMPLE_RATE) :]
    assert np.abs(pad).max() == 0.0


def test_cache_hit_returns_same_bytes_without_synthesis(tmp_path, monkeypatch):
    first = voice.synthesize(NARRATION, "espeak", tmp_path)
    data = first.wav.read_bytes()

    def must_not_run(sentence, language):
        raise AssertionError("cache hit re-synthesised")

    monkeypatch.setitem(voice._RENDERERS, "espeak", must_not_run)
    again = voice.synthesize(NARRATION, "espeak", tmp_path)
    assert again == first and again.wav.read_bytes() == data
    # Only the finished WAV and its timings are left: no temporary files.
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".wav"]
    with pytest.raises(AssertionError, match="re-synthesised"):
        voice.synthesize(NARRATION + " One more.", "espeak", tmp_path)


@pytest.mark.parametrize(
    "text", ["Yes.", NARRATION, "A long pause, then: " + "one, " * 12 + "done."]
)
def test_loudness_is_even_and_peaks_limited(text, tmp_path):
    samples = read_wav(voice.synthesize(text, "espeak", tmp_path).wav)
    assert voice.loudness_dbfs(samples) == pytest.approx(voice.TARGET_RMS_DBFS, abs=0.5)
    assert dbfs(np.abs(samples).max()) <= voice.PEAK_CEILING_DBFS + 0.01


def test_limiter_holds_the_ceiling_and_leaves_the_rest_alone():
    t = np.arange(voice.SAMPLE_RATE) / voice.SAMPLE_RATE
    signal = 0.1 * np.sin(2 * np.pi * 220 * t)
    signal[5000:5010] = 0.9  # a click that the gain alone would push above 0 dBFS
    out = voice._normalise(signal)
    assert dbfs(np.abs(out).max()) <= voice.PEAK_CEILING_DBFS + 1e-9
    assert voice.loudness_dbfs(out) == pytest.approx(voice.TARGET_RMS_DBFS, abs=0.5)
    far = np.r_[0:4000, 6000 : len(t)]  # more than 20 ms from the click: one plain gain
    ratio = out[far][signal[far] != 0] / signal[far][signal[far] != 0]
    assert np.ptp(ratio) < 1e-9 and ratio[0] > 1


def test_piper_is_deterministic_and_cache_hit_loads_no_model(tmp_path, monkeypatch):
    pytest.importorskip("piper", reason=voice.PIPER_INSTALL)
    text = "The cost is 3.45. Next."
    a = voice.synthesize(text, "piper", tmp_path / "a")
    b = voice.synthesize(text, "piper", tmp_path / "b")
    assert a.wav.read_bytes() == b.wav.read_bytes()
    assert a.sentences == b.sentences and len(a.sentences) == 2
    samples = read_wav(a.wav)
    assert voice.loudness_dbfs(samples) == pytest.approx(voice.TARGET_RMS_DBFS, abs=0.5)

    def no_model():
        raise AssertionError("model loaded on a cache hit")

    monkeypatch.setattr(voice, "_load_piper", no_model)
    assert voice.synthesize(text, "piper", tmp_path / "a") == a


def test_unknown_voice_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="unknown voice 'robot'"):
        voice.synthesize("Hi.", "robot", tmp_path)


def test_missing_voices_say_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(voice.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="apt-get install espeak-ng"):
        voice.synthesize("Hi.", "espeak", tmp_path)

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(voice.metadata, "version", not_installed)
    with pytest.raises(InputError, match="pip install piper-tts==1.8.0"):
        voice.synthesize("Hi.", "piper", tmp_path)


def test_words_the_recogniser_misheard_are_respelled_for_the_voice():
    from scenes.audio.voice import speakable

    assert speakable("Here is a handwritten 9.") == "Here is a hand written 9."
    assert speakable("the untrained network") == "the un-trained network"
    assert speakable("Training PaLM and Chinchilla") == "Training palm and chin-chill-uh"
    assert speakable("Output 2 and the input neurons") == "Out-put 2 and the inn-put neurons"
    assert speakable("the error, downhill to the valleys") == "the err-or, down-hill to the vallies"


@pytest.mark.parametrize(
    "text, spoken",
    [
        ("its 16 neurons", "its six-teen neurons"),  # not "sixty"
        ("about 18 million years", "about eigh-teen million years"),
        ("Thirteen, and sixteen.", "Thir-teen, and six-teen."),
        ("its 13,002 weights", "its thir-teen thousand and 2 weights"),
        ("16,000 and 18,500", "six-teen thousand and eigh-teen thousand 500"),
        ("1.5 and 0.13 and 113 and 16.5 and 130,000", "1.5 and 0.13 and 113 and 16.5 and 130,000"),
    ],
)
def test_teens_are_stressed_on_teen(text, spoken):
    assert voice.speakable(text) == spoken
