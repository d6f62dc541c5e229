"""``python -m bench``: measure the lecture's scenes, edges, numerics, transformer, and the
whole lecture with its join, narration and preview, on a machine the report describes.

Prints tables and writes the same numbers as JSON (``media/bench.json``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.status import Status

from bench import batch, edges, lecture, machine, narration, numerics, shapes, transformer
from bench.chapters import measure_chapter
from bench.errors import BenchError
from bench.manim_run import Format
from bench.report import print_report, write_json
from nnexplain.chapters import LECTURE, Chapter
from nnexplain.settings import QUALITIES

EXIT_FAILED = 1
# The parts measured on whole-lecture runs; None in the report with --skip-lecture.
LECTURE_PARTS = ("lecture", "lecture_join", "narration", "preview", "batch")


def _repeat(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="""\
Benchmark nnexplain, each part against a floor or a target measured in the same run:
  - every scene against an empty scene of as many frames (target <= 3x)
  - the 12,960 real edges as separate Lines, as one image (AllEdges) and the
    672-edge diagram (target: the image <= 1.5x the diagram, per frame)
  - the digit scenes drawing a 784-128-64-10 network against the shipped
    784-16-16-10, silent (target: all of them <= 1.5x)
  - nncore's backprop over 5,000 digits against torch autograd
  - MiniLM's load and encode of the default sentences
  - the whole lecture, nnexplain render --jobs 2, narrated by its default voice
    (piper), so synthesis is included (target: at most 0.25 s per second of
    video at low quality, 0.6 s at high)
  - from that run: the join of its chapter videos alone (target < 10 s at high),
    and piper speaking every beat's narration alone
  - nnexplain render --preview --jobs 2 of the whole lecture
  - nnexplain batch of 4 students through local processes and through a Dask
    LocalCluster: Dask's overhead per task (target < 5 % of the render time)
Every part is repeated and its median kept, except the whole-lecture runs,
which run once. The report starts with the machine (processor, numpy's BLAS,
cairo, FFmpeg, load). With the defaults it takes about half an hour.""",
        epilog="examples:\n  python -m bench\n  python -m bench --scenes input-layer parameters "
        "--repeat 1 --skip-lecture --json /tmp/bench.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quality",
        choices=("low", "medium", "high"),
        default="low",
        help="manim's preset everything is rendered at: low 480p15, medium 720p30, "
        "high 1080p60 (default: low)",
    )
    parser.add_argument(
        "--scenes",
        nargs="+",
        metavar="NAME",
        help="the chapters to measure (default: all; see nnexplain list)",
    )
    parser.add_argument(
        "--repeat",
        type=_repeat,
        default=3,
        metavar="N",
        help="samples per measurement (default: 3)",
    )
    parser.add_argument(
        "--skip-lecture",
        action="store_true",
        help="do not render the whole lecture (nor its join, narration, preview and batch)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("media/bench.json"),
        metavar="PATH",
        help="where to write the results (default: media/bench.json)",
    )
    return parser


def _chapters(parser: argparse.ArgumentParser, names: list[str] | None) -> list[Chapter]:
    """The named chapters in lecture order, all of them by default (LECTURE as it is now)."""
    known = [c.name for c in LECTURE]
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        parser.error(f"no scene called {', '.join(unknown)}; the scenes are: {', '.join(known)}")
    return [c for c in LECTURE if names is None or c.name in names]


def run(args: argparse.Namespace, chapters: list[Chapter], console: Console) -> dict:
    """Measure every part; the report as written to JSON."""
    fmt = Format.of(args.quality)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine.describe(),
        "quality": args.quality,
        "manim_flag": QUALITIES[args.quality],
        "pixel_width": fmt.pixel_width,
        "pixel_height": fmt.pixel_height,
        "frame_rate": fmt.frame_rate,
        "repeat": args.repeat,
        "scenes": [],
    }
    with console.status("") as progress:
        for k, chapter in enumerate(chapters, start=1):
            progress.update(f"scene {k}/{len(chapters)}: {chapter.name} and its floor")
            report["scenes"].append(measure_chapter(chapter, args.quality, args.repeat))
        progress.update("edges: 12,960 Lines, one image, the 672-edge diagram")
        report["edges"] = edges.measure_edges(args.quality, args.repeat)
        progress.update(f"digit scenes: {shapes.dashed(shapes.WIDE)} against the shipped network")
        report["shapes"] = shapes.measure(args.quality, args.repeat)
        progress.update("numerics: nncore and torch backprop")
        report["numerics"] = numerics.measure(args.repeat)
        progress.update("transformer: MiniLM load and encode")
        report["transformer"] = transformer.measure(args.repeat)
        for part in LECTURE_PARTS:
            report[part] = None
        if not args.skip_lecture:
            report |= _lecture_parts(args.quality, progress)
    machine.finish(report["machine"])
    return report


def _lecture_parts(quality: str, progress: Status) -> dict:
    """The whole lecture, then its join and narration alone from that run, then a preview."""
    progress.update(f"the whole lecture: nnexplain render --jobs {lecture.JOBS}, narrated")
    with lecture.rendered_lecture(quality) as run_:
        parts = {"lecture": lecture.summary(run_)}
        progress.update("the lecture's join alone: build_lecture on its chapter videos")
        parts["lecture_join"] = lecture.measure_join(run_)
        progress.update("the lecture's narration alone: piper on every beat")
        parts["narration"] = narration.measure(lecture.sidecars(run_.folder))
    progress.update(f"the preview: nnexplain render --preview --jobs {lecture.JOBS}")
    parts["preview"] = lecture.measure_preview(quality)
    progress.update(f"a {batch.STUDENTS}-student nnexplain batch: local processes, then Dask")
    parts["batch"] = batch.measure(quality)
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    chapters = _chapters(parser, args.scenes)
    try:
        report = run(args, chapters, Console(stderr=True))
    except BenchError as e:
        print(f"python -m bench: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    write_json(report, args.json)
    print_report(report, Console())
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
