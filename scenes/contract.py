"""What crosses the process boundary between the app and the scenes, defined once.

A scene runs in a manim process of its own. The app tells it what to draw through
environment variables, and the scene answers with a sidecar, ``Scene.numbers.json``,
and a still per beat. Both directions are typed here, and nothing else spells them:

- :class:`SceneInputs`: the scene's inputs, and the only place the names of their
  ``NNEXPLAIN_*`` variables are written (:meth:`SceneInputs.to_env`,
  :meth:`SceneInputs.from_env`), so that plain ``manim`` and ``nnexplain`` agree::

      NNEXPLAIN_DIGIT=my_seven.png manim -pql scenes/network.py HiddenLayers

- :class:`Sidecar`, :class:`Beat`, :class:`Number`, :class:`Said`: what a scene wrote, with
  a JSON round trip (:meth:`Sidecar.read`, :meth:`Sidecar.dumps`).

This module imports no manim, so that the command line reads it without drawing anything.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "NNEXPLAIN_"
SIDECAR_SUFFIX = ".numbers.json"  # Cost.mp4 -> Cost.numbers.json


@dataclass(frozen=True)
class SceneInputs:
    """Everything a scene may be told, as text; None is "not given": the scene's default.

    The values are checked where they are read (``scenes/inputs.py``), so that an error
    names the option or variable a user typed.
    """

    digit: str | None = None  # mnist:INDEX or an image path
    label: str | None = None  # the digit the desired output asks for (0-9)
    seed: str | None = None  # of the untrained network
    weights: str | None = None  # a trained network: .npz or .safetensors
    activation: str | None = None  # of those weights, for a file that does not say
    sentence: str | None = None  # of the transformer scenes; set but blank is an error
    contrast: str | None = None  # the sentence it is compared with
    focus: str | None = None  # the word both sentences share
    models: str | None = None  # comma-separated keys of nncore.compute.MODELS
    voice: str | None = None  # piper, espeak or none
    voice_cache: str | None = None  # where synthesised clips are kept between renders
    train_cache: str | None = None  # where stand-in networks are kept between renders
    script: str | None = None  # a folder of the teacher's own wording
    language: str | None = None  # of the script, the numbers' format and the voice: en, es
    subtitles: str | None = None  # another language whose sentences each beat also records
    progress_file: str | None = None  # where a render reports its seconds of video
    error_file: str | None = None  # where a scene stopped by a bad input writes its one line

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable of field ``name``: ``digit`` -> ``NNEXPLAIN_DIGIT``."""
        return ENV_PREFIX + name.upper()

    def to_env(self) -> dict[str, str]:
        """The given inputs as ``NNEXPLAIN_*`` variables (what is None is left out)."""
        return {self.variable(f.name): v for f in fields(self) if (v := getattr(self, f.name))
                is not None}  # fmt: skip

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SceneInputs:
        """The inputs set in ``environ`` (default: this process's environment)."""
        environ = os.environ if environ is None else environ
        return cls(**{f.name: environ.get(cls.variable(f.name)) for f in fields(cls)})

    def given(self, names: tuple[str, ...]) -> SceneInputs:
        """Only the inputs named in ``names``; the others are not given."""
        return SceneInputs(**{n: getattr(self, n) for n in names})

    def merged(self, other: SceneInputs) -> SceneInputs:
        """These inputs, with every input ``other`` gives in its place."""
        return replace(self, **{f.name: v for f in fields(other) if (v := getattr(other, f.name))
                                is not None})  # fmt: skip

    @staticmethod
    def is_variable(name: str) -> bool:
        """Whether environment variable ``name`` is one of ours (a worker must not inherit it)."""
        return name.startswith(ENV_PREFIX)


# What one student of a class brings of their own: the rest the whole class shares.
STUDENT_INPUTS = ("digit", "label", "sentence")


@dataclass(frozen=True)
class Number:
    """A number a scene showed or said, and where it came from (an nncore function)."""

    label: str
    # A number; or nested lists of numbers (a layer's activations); or a dict of them
    # ({"tokens": [...], "scores": [...]}, an attention row), whose strings are not numbers.
    value: Any
    source: str


@dataclass(frozen=True)
class Said:
    """A number a beat's narration says: as it is written there, and the recorded number
    it reads as (the one element of a list or dict that does), with that record's label
    and source. The scene finds it where it knows its numbers (``scenes/audio/narration.py``);
    subtitles, slides, handout, quiz and check read it here, never from the text again."""

    written: str  # as the subtitles write it: "3.45", "13,002", "89.7"
    label: str
    value: float
    source: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of a beat's narration, and when in the video it is spoken."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Beat:
    """One beat as it was rendered: its narration, its timings, what it showed.

    ``say`` is the written narration (subtitles, slides), in the render's language;
    ``spoken`` what the voice said, where that differs (numbers spelled out). ``texts``
    are the words on screen when it ended (``scenes/engine/on_screen.py``), and ``still``
    the file name of the frame it ended on, in the scene's stills folder.

    ``subtitles`` holds, for a render asked for subtitles in another language
    (``SceneInputs.subtitles``, e.g. ``{"es": (...)}``), the same narration message(s)
    formatted in that language with the same variables, as sentences: one per entry of
    ``sentences``, in order, so that sentence ``k`` of the translation is shown from
    ``sentences[k].start`` to ``sentences[k].end``, as 3Blue1Brown's community captions
    are timed by his English ones. Its numbers are written as that language writes them
    ("0,86"), and are the same recorded values. Empty when no other language was asked.
    """

    name: str
    start: float
    end: float
    say: str
    spoken: str
    voice: str
    sentences: tuple[Sentence, ...]
    texts: tuple[dict[str, Any], ...] = ()
    still: str = ""
    said: tuple[Said, ...] = ()  # the numbers ``say`` says, in order
    subtitles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language: sentences

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {**d, "sentences": list(d["sentences"]), "texts": list(d["texts"]),
                "said": list(d["said"]),
                "subtitles": {k: list(v) for k, v in d["subtitles"].items()}}  # fmt: skip

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Beat:
        sentences = tuple(Sentence(**s) for s in d.get("sentences", ()))
        said = tuple(Said(**s) for s in d.get("said", ()))
        subtitles = {k: tuple(v) for k, v in d.get("subtitles", {}).items()}
        return cls(**{**d, "sentences": sentences, "texts": tuple(d.get("texts", ())),
                      "said": said, "subtitles": subtitles})  # fmt: skip


def still_name(k: int, beat_name: str) -> str:
    """The still of beat ``k`` (from 1): ``01-circle.png``; the order sorts by name too."""
    return f"{k:02d}-{beat_name}.png"


@dataclass(frozen=True)
class Sidecar:
    """What a scene wrote beside its video: its inputs, its numbers and its beats."""

    scene: str
    inputs: dict[str, Any] = field(default_factory=dict)
    numbers: tuple[Number, ...] = ()
    beats: tuple[Beat, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "scene": self.scene,
            "inputs": self.inputs,
            "numbers": [asdict(n) for n in self.numbers],
            "beats": [b.to_json() for b in self.beats],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Sidecar:
        return cls(
            d.get("scene", ""),
            dict(d.get("inputs", {})),
            tuple(Number(**n) for n in d.get("numbers", ())),
            tuple(Beat.from_json(b) for b in d.get("beats", ())),
        )

    @classmethod
    def read(cls, path: Path) -> Sidecar:
        return cls.from_json(json.loads(Path(path).read_text()))

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1) + "\n"

    @staticmethod
    def path_of(video: Path) -> Path:
        """``.../Cost.mp4`` -> ``.../Cost.numbers.json``."""
        return video.with_name(video.stem + SIDECAR_SUFFIX)
