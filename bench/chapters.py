"""Each lecture chapter against its floor: an empty scene of the same frames, rendered alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench import floor_scene
from bench.errors import BenchError
from bench.manim_run import Format, manim_render, speak_ahead
from bench.timing import median, median_ratio
from nnexplain.chapters import Chapter

FLOOR_PATH = Path(floor_scene.__file__)
TARGET_RATIO = 3.0  # no scene slower than three empty scenes of its length (was four)


@dataclass
class ChapterTiming:
    """Paired samples: ``seconds[k]`` and ``floor_seconds[k]`` were measured one after the other.

    The target is on wall time; the CPU ratio is the one to trust when other
    programs were using the cores.
    """

    name: str
    scene: str
    frames: int
    seconds: list[float] = field(default_factory=list)
    floor_seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    floor_cpu_seconds: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return median_ratio(self.seconds, self.floor_seconds)

    def summary(self) -> dict:
        seconds = median(self.seconds)
        return {
            "name": self.name,
            "scene": self.scene,
            "frames": self.frames,
            "seconds": seconds,
            "ms_per_frame": 1000 * seconds / self.frames,
            "floor_seconds": median(self.floor_seconds),
            "ratio": self.ratio,
            "cpu_ratio": median_ratio(self.cpu_seconds, self.floor_cpu_seconds),
            "target_ratio": TARGET_RATIO,
            "within_target": self.ratio <= TARGET_RATIO,
            "samples": {
                "seconds": self.seconds,
                "floor_seconds": self.floor_seconds,
                "cpu_seconds": self.cpu_seconds,
                "floor_cpu_seconds": self.floor_cpu_seconds,
            },
        }


def measure_chapter(chapter: Chapter, quality: str, repeat: int) -> dict:
    """Render ``chapter`` and then its floor, ``repeat`` times: :meth:`ChapterTiming.summary`."""
    timing = ChapterTiming(chapter.name, chapter.scene, frames=0)
    expected = Format.of(quality)
    speak_ahead(chapter.path, chapter.scene, quality)
    for _ in range(repeat):
        scene = manim_render(chapter.path, chapter.scene, quality)
        floor = manim_render(
            FLOOR_PATH, "Floor", quality, {floor_scene.FRAMES_ENV: str(scene.frames)}
        )
        if floor.frames != scene.frames:
            raise BenchError(
                f"the floor of {chapter.name} has {floor.frames} frames, the scene {scene.frames}"
            )
        # The ratio means something only if both drew the same pixels as often.
        if not scene.format == floor.format == expected:
            raise BenchError(
                f"{chapter.name} was written as {_shown(scene.format)}, its floor as "
                f"{_shown(floor.format)}; {quality} quality is {_shown(expected)}"
            )
        timing.frames = scene.frames
        timing.seconds.append(scene.seconds)
        timing.floor_seconds.append(floor.seconds)
        timing.cpu_seconds.append(scene.cpu_seconds)
        timing.floor_cpu_seconds.append(floor.cpu_seconds)
    return timing.summary()


def _shown(fmt: Format) -> str:
    return f"{fmt.pixel_width}x{fmt.pixel_height} at {fmt.frame_rate:g} fps"
