"""Speech synthesis alone: every beat a rendered lecture spoke, through piper again.

The narrations are read back from a rendered lecture's sidecars (``beats[*].say`` of each
chapter's ``Scene.numbers.json``) and synthesised with :func:`scenes.audio.voice.synthesize`
into a fresh cache, so nothing is reused. It runs in a fresh process
(:mod:`bench.isolated`), single-threaded as the scenes run piper, so that loading the
model is measured from cold: :func:`scenes.audio.voice._load_piper` is timed once first, and
the synthesis after it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench import isolated
from bench.timing import timed
from scenes.audio import voice

VOICE = "piper"  # the default voice, which the lecture run spoke with


def measure(sidecars: list[Path]) -> dict:
    """Seconds to load piper and to speak every distinct narration the sidecars logged.

    Parameters
    ----------
    sidecars : list of Path
        A rendered lecture's ``Scene.numbers.json`` files (:func:`bench.lecture.sidecars`).

    Returns
    -------
    dict
        ``load_seconds``; ``seconds`` of synthesis and the ``audio_seconds`` it made, and
        their ratio ``x_real_time``; how many ``beats``, ``narrations`` (distinct texts:
        a repeated one is a cache hit in a render too) and ``sentences``.
    """
    return isolated.run_isolated(__name__, *map(str, sidecars))


def _synthesise(*sidecars: str) -> dict:
    """:func:`measure`, in the child process."""
    logs = [json.loads(Path(path).read_text()) for path in sidecars]
    said = [b["say"] for log in logs for b in log.get("beats", [])]
    texts = [t for t in dict.fromkeys(said) if t.strip()]
    load_seconds, _ = timed(voice._load_piper)
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-voice-") as cache:
        seconds, speeches = timed(lambda: [voice.synthesize(t, VOICE, Path(cache)) for t in texts])
    audio = sum(s.duration for s in speeches)
    return {
        "voice": VOICE,
        "identity": voice.voice_identity(VOICE),
        "threads": isolated.THREADS,
        "beats": len(said),
        "narrations": len(texts),
        "sentences": sum(len(s.sentences) for s in speeches),
        "load_seconds": load_seconds,
        "seconds": seconds,
        "audio_seconds": audio,
        "x_real_time": audio / seconds if seconds else None,
    }


if __name__ == "__main__":
    isolated.child_main(_synthesise, parse=str)
