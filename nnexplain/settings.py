"""What a render run is asked for, kept light so the command line starts fast."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.contract import SceneInputs  # manim-free: the command line starts fast

# manim's quality presets, by the names nnexplain uses.
QUALITIES = {"low": "l", "medium": "m", "high": "h", "4k": "k"}
VIDEO_FORMATS = ("mp4", "webm")
# "slides": a reveal.js deck and a PowerPoint file of the lecture, made from the videos.
# "handout": handout.pdf and transcript.txt; "scorm": lecture-scorm.zip, for an LMS;
# "quiz": quiz.gift (for Moodle) and quiz.html, answered by the lecture's numbers.
FORMATS = (*VIDEO_FORMATS, "gif", "png", "slides", "handout", "scorm", "quiz")
DEFAULT_FORMATS = ("mp4", "slides", "handout", "scorm", "quiz")
# Made from the finished chapters alone: asking for them or not changes no chapter.
LECTURE_ONLY = ("handout", "scorm", "quiz")
# The narrators of scenes/audio/voice.py, named here so the command line starts without it.
VOICES = ("piper", "espeak", "none")
DEFAULT_VOICE = "piper"
# The script's languages (scenes/script/<language>/), the first the default.
LANGUAGES = ("en", "es")
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}  # as the command line says them
# piper's only voice here is English: another language is spoken by espeak-ng.
PIPER_LANGUAGES = ("en",)
OTHER_VOICE = "espeak"
# The largest --weights file read: a 784-1024-1024-10 network of float64 is 15 MB, and
# the loader checks each array against the layers it belongs to.
MAX_WEIGHTS_BYTES = 500_000_000


@dataclass(frozen=True)
class Settings:
    quality: str  # a key of QUALITIES
    formats: tuple[str, ...]  # some of FORMATS
    inputs: SceneInputs  # what the scenes are told
    burn_subtitles: bool = False  # draw the subtitles into the videos too

    @property
    def language(self) -> str:
        """The lecture's language: of its script, its numbers and its voice."""
        return self.inputs.language or LANGUAGES[0]

    @property
    def keeps_video(self) -> bool:
        """Whether each chapter keeps manim's video: asked for, or the slides play it."""
        return self.primary in self.formats or "slides" in self.formats

    @property
    def primary(self) -> str:
        """What manim writes: a video if any video, GIF or slides are wanted, else a still."""
        if "webm" in self.formats and "mp4" not in self.formats:
            return "webm"
        return "png" if self.formats == ("png",) else "mp4"
