"""The scene every explainer is built on: beats, and the numbers they show and say.

A scene is told as a sequence of beats. A beat has a name, the narration it
speaks (a message of the script, ``scenes/script/en/<module>.ftl``, over
nncore's numbers) and the animations played inside it::

    c = self.numbers.record("cost", float(C), source="nncore.mlp.cost, trained net")
    with self.beat("cost", say=self.say("cost", cost=c)):
        self.play(Write(total))

From each beat, and from nothing else, come the narration audio, the subtitle
cues, the slide boundary with its speaker notes, a still of the moment it ends
on, and an entry in the sidecar ``<output>.numbers.json``, which also holds
every on-screen number with its label and source, so anyone can check what was
shown and said against ``nncore``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from manim import Animation, RendererType, Scene, config
from manim.renderer.cairo_renderer import CairoRenderer
from manim.utils.iterables import list_update
from PIL import Image

from nncore.errors import InputError
from scenes import contract, inputs, script
from scenes.audio import narration, soundtrack, voice
from scenes.engine import on_screen
from scenes.engine.camera import LeanCamera
from scenes.engine.moving_parts import moving_and_static
from scenes.engine.static_layer import StaticLayerRenderer
from scenes.engine.still_frames import HeldFrameFileWriter

DEFAULT_VOICE = "piper"


class NumbersLog:
    """An ordered record of the numbers a scene shows, and of the beats that say them."""

    def __init__(self) -> None:
        self.entries: list[contract.Number] = []
        self.inputs: dict[str, Any] = {}
        self.beats: list[contract.Beat] = []

    def record(self, label: str, value: Any, source: str) -> Any:
        """Log ``value`` (a number, an array, or a dict of them) under ``label``; return it
        unchanged."""
        self.entries.append(contract.Number(label, _plain(value), source))
        return value

    def values(self, label: str) -> list[Any]:
        """Every value logged under ``label``, in order."""
        return [e.value for e in self.entries if e.label == label]

    def sidecar(self, scene_name: str) -> contract.Sidecar:
        return contract.Sidecar(scene_name, self.inputs, tuple(self.entries), tuple(self.beats))

    def write(self, path: Path, scene_name: str) -> None:
        """Write atomically, so a failed write never replaces a good sidecar."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # A plain open, not mkstemp: the file gets the umask's mode, as the video beside it.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w") as f:
                f.write(self.sidecar(scene_name).dumps())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _plain(value: Any) -> Any:
    """numpy scalars and arrays, in lists and dicts too, to JSON-friendly Python values."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Beat:
    """A beat under way: its narration's clip, and when in the video it began."""

    name: str
    speech: voice.Speech
    start: float

    def sentence_start(self, k: int) -> float:
        """When, in the video, sentence ``k`` of the narration begins (past the last: the
        last one's start)."""
        sentences = self.speech.sentences
        return self.start + sentences[min(k, len(sentences) - 1)][1]

    @property
    def end(self) -> float:
        """When, in the video, the narration ends."""
        return self.start + self.speech.duration

    @property
    def duration(self) -> float:
        """How long the narration takes: a run time that fills the beat, e.g.
        ``self.play(Create(edges), run_time=beat.duration)``."""
        return self.speech.duration


def voice_name(given: contract.SceneInputs) -> str:
    name = given.voice or DEFAULT_VOICE
    if name not in voice.VOICES:
        variable = contract.SceneInputs.variable("voice")
        raise InputError(f"{variable}={name!r}: choose one of {', '.join(voice.VOICES)}")
    return name


class ExplainerScene(Scene):
    """A Scene told in beats, that writes its numbers, beats and stills beside its output.

    Beside ``Scene.mp4`` it writes ``Scene.numbers.json`` and ``Scene.stills/NN-beat.png``
    (the frame each beat ends on). When ``nnexplain render`` asks for it through
    ``SceneInputs.progress_file``, it reports how many seconds of video it has made after
    every animation.

    A scene declares the inputs it reads (fields of :class:`scenes.contract.SceneInputs`)
    in ``reads``, once: ``nnexplain`` checks them before rendering, and a class renders a
    scene once for all students whose inputs it does not read.
    """

    reads: ClassVar[tuple[str, ...]] = ()
    # The most tokens a sentence may have in the scene's picture, and what that picture is.
    tokens_shown: ClassVar[tuple[int, str] | None] = None

    @classmethod
    def check_inputs(cls) -> None:
        """Read every input in ``reads`` as ``construct`` will, so that a bad one fails first."""
        inputs.check(cls.reads, cls.tokens_shown)

    def __init__(self, renderer: CairoRenderer | None = None, **kwargs: Any) -> None:
        if renderer is None and config.renderer == RendererType.CAIRO:
            # The narration holds each picture for seconds: convert a held frame once;
            # and draw the picture under each animation only from where it changed.
            renderer = StaticLayerRenderer(
                file_writer_class=HeldFrameFileWriter,
                camera_class=kwargs.get("camera_class", LeanCamera),
                skip_animations=kwargs.get("skip_animations", False),
            )
        super().__init__(renderer=renderer, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.numbers = NumbersLog()
        self.stills: list[tuple[str, np.ndarray]] = []
        given = contract.SceneInputs.from_env()
        self._progress_file = given.progress_file
        self._voice = voice_name(given)
        self._language = script.current_language()
        # Another language each beat's sentences are also written in, for its subtitles.
        self._subtitles = script.shipped_language(given.subtitles) if given.subtitles else None
        if self._subtitles == self._language:
            self._subtitles = None
        self._voice_cache = Path(given.voice_cache or Path(config.media_dir) / "voice")
        self._clips: list[tuple[float, Path]] = []  # (start, WAV) of each beat's voice

    @property
    def script_file(self) -> str:
        """The script file of this scene's words: its module's name (``input_layer``).

        The first class up the scene's lineage whose module has a script file: a subclass
        made elsewhere (manim's graphical tests make one) speaks its parent's words.
        """
        files = script.current().files
        modules = [cls.__module__.rsplit(".", 1)[-1] for cls in type(self).__mro__]
        return next((m for m in modules if m in files), modules[0])

    def say(self, message_id: str, /, **args: Any) -> script.Line:
        """Message ``message_id`` of this scene's script file, its variables bound to
        ``args`` (values the scene recorded), written and spoken: for :meth:`beat`; with
        its sentences in the subtitles' language, if one was asked for."""
        line = script.current().line(self.script_file, message_id, **args)
        if self._subtitles is None:
            return line
        count = len(voice.split_sentences(line.written, self._language))
        other = script.current(self._subtitles)
        translated = other.subtitle(self.script_file, message_id, count, **args)
        return replace(line, subtitles={self._subtitles: translated})

    def words(self, message_id: str, /, **args: Any) -> str:
        """The written form of a message of this scene's script: for text on screen."""
        return script.current().words(self.script_file, message_id, **args)

    @contextmanager
    def beat(self, name: str, say: str | script.Line) -> Iterator[Beat]:
        """Play the ``with`` block's animations while ``say`` is spoken.

        If the animations end before the voice, the beat waits for it: a sentence
        is never cut off by the next beat. The frame the beat ends on is kept as a
        still, and the beat's narration (written, and spoken where that differs),
        timings and name go into the sidecar, with each number it says and the record
        that number is.
        """
        line = say if isinstance(say, script.Line) else script.Line(say, say)
        say = line.written
        speech = voice.synthesize(
            say, self._voice, self._voice_cache, spoken=line.spoken, language=self._language
        )
        start = self.renderer.time
        if speech.wav is not None and not self.renderer.skip_animations:
            self._clips.append((start, speech.wav))
        yield Beat(name, speech, start)
        # Whole frames until the voice has finished: a wait rounds its frames down, so
        # one frame more whenever it fell short.
        while self.renderer.time < start + speech.duration - 1e-6:
            self.wait(max(start + speech.duration - self.renderer.time, 1 / config.frame_rate))
        self._keep_still(name)
        self.numbers.beats.append(
            contract.Beat(
                name,
                start,
                self.renderer.time,
                say,
                line.spoken,
                self._voice,
                tuple(
                    contract.Sentence(text, start + t0, start + t1)
                    for text, t0, t1 in speech.sentences
                ),
                tuple(on_screen.record(self.mobjects, config.background_color.to_hex())),
                contract.still_name(len(self.stills), name),
                narration.said(say, self.numbers.entries, self._language),
                line.subtitles,
            )
        )

    def wait_for_sentence(self, beat: Beat, k: int) -> None:
        """Hold the picture until sentence ``k`` of ``beat``'s narration begins.

        For a beat whose animations follow its sentences one by one.
        """
        self.wait_until(beat.sentence_start(k))

    def wait_until(self, t: float) -> None:
        """Hold the picture until video time ``t`` (a wait lasts one frame at least)."""
        if t - self.renderer.time >= 1 / config.frame_rate:
            self.wait(t - self.renderer.time)

    def _keep_still(self, name: str) -> None:
        # The whole picture, drawn from nothing as a static image is, so that the static
        # layer redraws only what changed since the last animation (scenes/engine/static_layer.py);
        # the renderer's own static image is left as it was.
        kept = self.renderer.static_image
        frame = self.renderer.save_static_frame_data(
            self, list_update(self.mobjects, self.foreground_mobjects)
        )
        self.renderer.static_image = kept
        if frame is None:  # nothing on screen
            self.renderer.camera.reset()
            frame = self.renderer.get_frame()
        self.stills.append((name, np.array(frame)))

    def get_moving_and_static_mobjects(self, animations):
        # Only what an animation can reach, and what lies over it, is redrawn each frame.
        split = moving_and_static(self, animations)
        return split if split is not None else super().get_moving_and_static_mobjects(animations)

    def play(self, *args: Any, **kwargs: Any) -> None:
        super().play(*args, **kwargs)
        self._report_progress()

    def play_in_turn(self, *animations: Animation) -> None:
        """Play ``animations`` one after another: what a Succession shows, drawn cheaper.

        A Succession moves every part of every step for its whole length, so each frame
        of the network's feed-forward redrew all its edges; played in turn, a frame
        redraws only the step that is running.
        """
        for animation in animations:
            self.play(animation)

    def wait(self, *args: Any, **kwargs: Any) -> None:
        super().wait(*args, **kwargs)
        self._report_progress()

    def _report_progress(self) -> None:
        if self._progress_file:
            with open(self._progress_file, "a") as f:
                f.write(f"{self.renderer.time:.3f}\n")

    def render(self, preview: bool = False) -> bool:
        try:
            rerun = super().render(preview)
        except InputError as e:
            # Plain `manim` would print a traceback; a bad input deserves one line, and the
            # app that started this render reads it from the error file it named.
            print(f"nnexplain {type(self).__name__}: error: {e}", file=sys.stderr)
            if error_file := contract.SceneInputs.from_env().error_file:
                Path(error_file).write_text(str(e), encoding="utf-8")
            raise SystemExit(2) from None
        output = getattr(self.renderer.file_writer, "final_file_path", None)
        if output is not None:
            output = Path(output)
            if self._clips and output.suffix in soundtrack.CODECS:
                soundtrack.lay_in(output, self._clips)
            self.numbers.write(sidecar_path(output), type(self).__name__)
            write_stills(self.stills, stills_dir(output))
        return rerun


def sidecar_path(output: Path) -> Path:
    """``media/videos/x/480p15/Cost.mp4`` -> ``.../Cost.numbers.json``."""
    return contract.Sidecar.path_of(output)


def stills_dir(output: Path) -> Path:
    """``.../Cost.mp4`` -> ``.../Cost.stills/``."""
    return output.with_name(output.stem + ".stills")


def write_stills(stills: list[tuple[str, np.ndarray]], folder: Path) -> None:
    """Write each still as ``NN-name.png``, each file atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, (name, frame) in enumerate(stills, start=1):
        path = folder / contract.still_name(k, name)
        tmp = path.with_name(f".{path.name}.tmp")
        Image.fromarray(frame).save(tmp, format="PNG")
        os.replace(tmp, path)
