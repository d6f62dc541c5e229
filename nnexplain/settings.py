"""What a render run is asked for, kept light so the command line starts fast."""

from __future__ import annotations

from dataclasses import dataclass

# manim's quality presets, by the names nnexplain uses.
QUALITIES = {"low": "l", "medium": "m", "high": "h", "4k": "k"}
VIDEO_FORMATS = ("mp4", "webm")
FORMATS = (*VIDEO_FORMATS, "gif", "png")
# The narrators of scenes/voice.py, named here so the command line starts without it.
VOICES = ("piper", "espeak", "none")
DEFAULT_VOICE = "piper"


@dataclass(frozen=True)
class Settings:
    quality: str  # a key of QUALITIES
    formats: tuple[str, ...]  # some of FORMATS
    env: dict[str, str]  # the scenes' inputs, as NNEXPLAIN_* variables
    burn_subtitles: bool = False  # draw the subtitles into the videos too

    @property
    def primary(self) -> str:
        """What manim itself writes: a video if any video or GIF is wanted, else a still."""
        if "webm" in self.formats and "mp4" not in self.formats:
            return "webm"
        return "png" if self.formats == ("png",) else "mp4"
