"""``nnexplain``: inspect a digit, list the scenes, render the lecture.

The command line only chooses inputs and render settings; the numbers come
from ``nncore`` and the drawing from ``scenes``. A bad input ends with one line
on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

from nncore import data, files
from nncore.activations import ACTIVATIONS
from nncore.compute import MODELS
from nncore.errors import InputError, quoted, said_of
from nncore.mlp import Network
from nncore.report import Report, check_label, inspect
from nncore.train import TRAINED_PATH
from nnexplain import train_command
from nnexplain.chapters import LECTURE, Chapter
from nnexplain.check import command as check_command
from nnexplain.settings import (
    DEFAULT_FORMATS,
    DEFAULT_VOICE,
    FORMATS,
    LANGUAGE_NAMES,
    LANGUAGES,
    MAX_WEIGHTS_BYTES,
    OTHER_VOICE,
    PIPER_LANGUAGES,
    QUALITIES,
    VIDEO_FORMATS,
    VOICES,
    Settings,
)
from nnexplain.stops import Interrupted, RenderError, stop_on_signals
from scenes.contract import SceneInputs

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other bad input."""

    def error(self, message: str) -> None:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _inspect(args: argparse.Namespace) -> None:
    check_label(args.label)
    if args.preview is not None:  # before any work: a device there is refused, not replaced
        files.check_output(args.preview, "--preview")
    x, true_label = data.load_digit(args.image)
    label = args.label if args.label is not None else true_label
    with said_of("--weights", "weights file"):
        weights = files.regular_input(args.weights, "weights file", MAX_WEIGHTS_BYTES)
        net = Network.load(weights, activation=args.activation)
    report = inspect(net, x, label)
    if args.preview is not None:
        data.preview(args.image, args.preview)
    if args.json:
        print(json.dumps(_as_json(report, args.image, weights), indent=1, allow_nan=False))
    else:
        print(_as_text(report, args.image))


BAR = 30  # characters of an output of 1; a larger one (relu) gets a full bar and a "+"


def _bar(a: float) -> str:
    """``a`` in [0, 1] as up to :data:`BAR` characters; beyond 1 (or infinite) a full bar and +."""
    if not np.isfinite(a):
        return "#" * BAR + "+" if a > 0 else ""
    return "#" * round(min(max(a, 0.0), 1.0) * BAR) + ("+" if a > 1 else "")


def _number(a: float) -> str:
    """A fixed-width 4-decimal number, or in e-notation when that would be wider."""
    return f"{a:6.4f}" if abs(a) < 1e4 else f"{a:.3e}"  # inf and nan print as such


def _as_text(r: Report, image: str) -> str:
    lines = [f"{image}: the network reads a {r.prediction}"]
    for digit, a in enumerate(r.output):
        mark = "   <- prediction" if digit == r.prediction else ""
        lines.append(f"  {digit}  {_number(a)}  {_bar(a)}{mark}")
    if np.any(r.output > 1):
        lines.append(f"  (outputs beyond 1 get a full bar and a +; {BAR} # stand for 1)")
    if r.label is None:
        lines.append("cost: give --label N to compare the output with the digit you meant")
    else:
        lines.append(f"cost against label {r.label}: C = sum_j (a_j - y_j)^2 = {_number(r.cost)}")
        lines.append("largest gradient components (dC/dw, dC/db):")
        lines += [f"  {c.name:<12} {c.value:+.3e}" for c in r.largest]
    return "\n".join(lines + r.notes)


def _json_number(v: float) -> float | str:
    """JSON has no infinity or NaN: those become the strings "Infinity", "-Infinity", "NaN"."""
    v = float(v)
    if np.isfinite(v):
        return v
    return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")


def _as_json(r: Report, image: str, weights: Path) -> dict:
    def floats(a: np.ndarray) -> list[float | str]:
        return [_json_number(v) for v in a]

    return {
        "image": image,
        "label": r.label,
        "prediction": r.prediction,
        "output": floats(r.output),
        "input": floats(r.x),
        "layers": [
            {"layer": l, "z": floats(z), "a": floats(a)}
            for l, (z, a) in enumerate(zip(r.zs, r.activations[1:]), start=1)
        ],
        "cost": None if r.cost is None else _json_number(r.cost),
        "gradient_norms": [
            {k: v if k == "layer" else _json_number(v) for k, v in norms.items()}
            for norms in r.gradient_norms or []
        ]
        or None,
        "largest_gradient_components": [
            {"name": c.name, "value": _json_number(c.value)} for c in r.largest
        ],
        "notes": r.notes,
        "weights": {"path": str(weights.resolve()), "sha256": data.sha256(weights)},
    }


def _list(args: argparse.Namespace) -> None:
    from nnexplain.words import load

    words = load(SceneInputs(language=args.language))
    for c in LECTURE:
        print(f"{c.name:<16} {words.concept(c)}")


def _chapters(names: list[str]) -> list[tuple[int, Chapter]]:
    """``(position in the lecture, chapter)`` of the named scenes (default: all), in order."""
    known = {c.name: k for k, c in enumerate(LECTURE, start=1)}
    for name in names:
        if name not in known:
            raise InputError(f"no scene called {quoted(name)}; the scenes are: {', '.join(known)}")
    wanted = set(names) or set(known)
    return [(k, c) for k, c in enumerate(LECTURE, start=1) if c.name in wanted]


def _scene_inputs(args: argparse.Namespace) -> SceneInputs:
    """The render options as the inputs the scenes read."""

    def resolved(path: str | None) -> str | None:
        return None if path is None else str(Path(path).resolve())

    digit = args.digit
    # Always set, so that the render key knows which voice spoke. A preview has no sound
    # to put its voice in, so it times its beats at a reading pace unless told otherwise.
    fallback = "none" if args.preview else DEFAULT_VOICE
    voice = args.voice or SceneInputs.from_env().voice
    if args.language not in PIPER_LANGUAGES:
        if voice == "piper":
            raise InputError(
                f"--voice piper speaks only English here; --language {args.language} is "
                f"spoken by --voice {OTHER_VOICE} (or none)"
            )
        if voice is None and fallback == DEFAULT_VOICE:
            fallback = OTHER_VOICE
            print(f"nnexplain: the {LANGUAGE_NAMES[args.language]} lecture is spoken by "
                  "espeak-ng (piper has only an English voice here)", file=sys.stderr)  # fmt: skip
    if args.subtitles == args.language:
        raise InputError(f"--subtitles {args.subtitles} is the lecture's own language already")
    return SceneInputs(
        digit=digit if digit is None or digit.startswith("mnist:") else resolved(digit),
        label=None if args.label is None else str(args.label),
        seed=None if args.seed is None else str(args.seed),
        weights=resolved(args.weights),
        activation=args.activation,
        sentence=args.sentence,
        contrast=args.contrast,
        focus=args.focus,
        models=args.models,
        voice=voice or fallback,
        script=resolved(args.script),
        language=args.language,
        subtitles=args.subtitles,
    )


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"{quoted(value)}: choose one or more of {', '.join(FORMATS)}, comma-separated"
        )
    if set(VIDEO_FORMATS) <= set(formats):
        raise argparse.ArgumentTypeError(f"{quoted(value)}: choose one video format, mp4 or webm")
    return formats


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{quoted(value)} is not a whole number of at least 1")
    return int(value)


def _jobs(value: str) -> int:
    """``--jobs``: at least 1, at most 4 per core (refused above, in one line)."""
    from nnexplain.cluster import check_jobs

    try:
        return check_jobs(_positive(value))
    except InputError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _seed(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{quoted(value)} is not a whole number of at least 0")
    return int(value)


def _scheduler(value: str) -> str:
    from nnexplain.cluster import check_scheduler

    try:
        return check_scheduler(value)
    except InputError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _batch(args: argparse.Namespace) -> None:
    # Imported here, as in _render: manim and, for --scheduler, dask.
    from nncore.files import os_error_line
    from nnexplain import preflight
    from nnexplain.batch import read_students
    from nnexplain.batch_run import FAILURES, Batch
    from nnexplain.cluster import check_reachable
    from nnexplain.outlock import exclusive

    if args.scheduler is not None:
        check_reachable(args.scheduler)  # before anything is read or written
    chapters = _chapters(args.scenes)
    given = _scene_inputs(args)
    preflight.check_inputs([c for _, c in chapters], given)  # the options the class shares
    students = read_students(Path(args.inputs))
    out = Path(args.out)
    preflight.check_writable(out)
    settings = Settings(args.quality, args.formats, given, args.burn_subtitles)
    batch = Batch(out, settings, args.jobs, args.scheduler)

    def waiting(holder: str) -> None:
        batch.console.print(
            f"another nnexplain run (pid {holder}) is writing to {out}: waiting for it",
            soft_wrap=True,
        )

    try:
        with exclusive(out, waiting):
            rows = batch.run(students, chapters)
    except OSError as e:  # one the batch did not expect: still one line
        raise RenderError(os_error_line(e)) from None
    failed = sum(1 for r in rows if r.error)
    if failed:
        raise RenderError(
            f"{failed} of {len(rows)} students failed, the others have their lecture: "
            f"see {out / FAILURES}"
        )


def _render(args: argparse.Namespace) -> None:
    # Imported here: they bring manim, which `list` and `inspect` never need.
    from nnexplain.outlock import exclusive
    from nnexplain.preflight import check_inputs, check_writable
    from nnexplain.run import Lecture

    chapters = _chapters(args.scenes)
    check_label(args.label)
    given = _scene_inputs(args)
    check_inputs([c for _, c in chapters], given)
    out = Path(args.out)
    check_writable(out)
    formats = ("png",) if args.preview else args.formats
    settings = Settings(args.quality, formats, given, args.burn_subtitles)
    lecture = Lecture(out, settings, args.jobs)

    def waiting(holder: str) -> None:
        lecture.console.print(
            f"another nnexplain render (pid {holder}) is writing to {out}: waiting for it",
            soft_wrap=True,  # one line, however narrow the terminal
        )

    with exclusive(out, waiting):
        lecture.render(chapters)


def _about_options(about: argparse._ArgumentGroup) -> None:
    """The inputs a whole class shares, for ``render`` and ``batch``."""
    about.add_argument("--seed", type=_seed, help="seed of the untrained network (default 9)")
    about.add_argument(
        "--weights",
        metavar="FILE",
        help="your trained network, any 784-...-10 MLP: our .npz or a PyTorch nn.Sequential "
        "state dict as .safetensors (format: README); every digit scene draws it",
    )
    about.add_argument(
        "--activation",
        choices=tuple(ACTIVATIONS),
        help="the activation of --weights in every layer, for a file that does not say "
        "(default: the file's own; a sigmoid network for the shipped one)",
    )
    about.add_argument("--contrast", help='the one it is compared with (default "a fashion model")')
    about.add_argument("--focus", metavar="WORD", help='the word both share (default "model")')
    about.add_argument(
        "--models",
        metavar="KEYS",
        help=f"models on the compute ladder, comma-separated, from: {', '.join(MODELS)}",
    )


def _how_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """The options of how scenes are rendered, shared by ``render`` and ``batch``."""
    how = p.add_argument_group("how it is rendered")
    how.add_argument(
        "--voice",
        choices=VOICES,
        help=f"who narrates: the offline neural voice piper, the robotic espeak, or none "
        f"(subtitles at a reading pace); default: ${SceneInputs.variable('voice')} "
        f"or {DEFAULT_VOICE}",
    )
    how.add_argument(
        "--quality",
        choices=QUALITIES,
        default="low",
        help="manim's preset: 480p15, 720p30, 1080p60, 2160p60 (default: low)",
    )
    how.add_argument(
        "--format",
        dest="formats",
        type=_formats,
        default=DEFAULT_FORMATS,
        metavar="FORMATS",
        help=f"one or more of {', '.join(FORMATS)}, comma-separated (default: "
        f"{','.join(DEFAULT_FORMATS)}); slides: a reveal.js deck and a .pptx in OUT/slides/; "
        "handout: OUT/handout.pdf and OUT/transcript.txt; scorm: OUT/lecture-scorm.zip for an LMS; "
        "quiz: OUT/quiz.gift (Moodle) and OUT/quiz.html, answered by the lecture's numbers",
    )
    how.add_argument(
        "--burn-subtitles",
        action="store_true",
        help="also draw the subtitles into the videos, for platforms that take no .srt/.vtt",
    )
    _language_option(how)
    how.add_argument(
        "--subtitles",
        choices=[lang for lang in LANGUAGES if lang != LANGUAGES[0]],
        metavar="LANG",
        help="subtitles in another language too, beside the lecture's: each sentence timed "
        "as its English sentence is spoken (lecture.es.vtt, ...); choose from: "
        + ", ".join(LANGUAGES[1:]),
    )
    how.add_argument(
        "--script",
        metavar="DIR",
        help="your own wording: a folder laid out as `nnexplain script export` writes it "
        "(DIR/en/input_layer.ftl ...), holding only the messages you change",
    )
    return how


def _language_option(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    p.add_argument(
        "--language",
        choices=LANGUAGES,
        default=LANGUAGES[0],
        help="the lecture's language: narration, words on screen, numbers as the language "
        "writes them (0,86 in Spanish), subtitles, slides, handout and quiz (default: "
        f"{LANGUAGES[0]}); es is spoken by espeak-ng, as piper has only an English voice",
    )


def _script_export(args: argparse.Namespace) -> None:
    from scenes import script

    for path in script.export(Path(args.dir), language=args.language):
        print(path)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nnexplain",
        description="3Blue1Brown-style explainers of neural networks, from real numbers.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "inspect",
        help="what the trained network sees in a digit",
        description="Feed a digit to the trained network (the shipped 784-16-16-10, or yours "
        "with --weights): prediction, outputs, cost against the label and its largest gradient "
        "components.",
        epilog="examples:\n  nnexplain inspect mnist:4500\n  nnexplain inspect my_seven.png "
        "--label 7 --json\n  nnexplain inspect photo.jpg --label 3 --preview seen.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "image", help="a PNG/JPEG of a digit, or mnist:INDEX for a shipped digit (0-4999)"
    )
    p.add_argument(
        "--label", type=int, help="the digit it shows (default: the true label of mnist:INDEX)"
    )
    p.add_argument(
        "--weights",
        default=str(TRAINED_PATH),
        help="a weights .npz or PyTorch .safetensors (default: the shipped trained network)",
    )
    p.add_argument(
        "--activation",
        choices=tuple(ACTIVATIONS),
        help="the activation of those weights, for a file that does not say (default: the "
        "file's own)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print every layer's z and a, the cost, gradient norms as JSON; a number that "
        'overflowed is the string "Infinity", "-Infinity" or "NaN", and "notes" says why',
    )
    p.add_argument(
        "--preview",
        metavar="PNG",
        help="also write a PNG of your image beside the 28x28 the network reads from it",
    )
    p.set_defaults(run=_inspect)

    p = sub.add_parser(
        "list",
        help="the lecture's scenes and the concept each explains",
        description="List the scenes in story order.",
        epilog="example:\n  nnexplain list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _language_option(p)
    p.set_defaults(run=_list)

    p = sub.add_parser(
        "render",
        help="render scenes (default: the whole lecture)",
        description="Render the lecture's scenes with manim: per scene a video, a PNG still of "
        "each key moment and a numbers sidecar; for the run, the lecture video with a title card "
        "per chapter and an index.html. A re-run with the same inputs reuses what is rendered.",
        epilog="examples:\n  nnexplain render\n  nnexplain render --digit my_seven.png --label 7 "
        "--format mp4,gif\n  nnexplain render attention --sentence 'the runway model smiled'\n"
        "  nnexplain render input-layer hidden-layers --quality medium --out slides/\n"
        "  nnexplain render --weights my_net.safetensors --activation relu\n"
        "  nnexplain render --preview --digit photo.jpg --label 3\n"
        "  nnexplain render --language es --out clase/\n"
        "  nnexplain render --subtitles es",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (see nnexplain list)")
    about = p.add_argument_group("what the lecture is about")
    about.add_argument(
        "--digit",
        metavar="IMAGE|mnist:INDEX",
        help="your digit (PNG/JPEG, MNIST-preprocessed) or a shipped one (0-4999)",
    )
    about.add_argument("--label", type=int, help="the digit your image shows (for the costs)")
    about.add_argument("--sentence", help='the sentence (default "a machine learning model")')
    _about_options(about)
    how = _how_options(p)
    how.add_argument(
        "--preview",
        action="store_true",
        help="only the still each beat ends on, and the last frame, in seconds per scene "
        "(animations skipped): to check your own digit or sentence quickly",
    )
    how.add_argument(
        "--out", default="media", metavar="DIR", help="output folder (default: media/)"
    )
    how.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="scenes rendered at once, in parallel processes (default: the number of cores; "
        "at most 4 per core, a larger N is refused; never more than there are scenes)",
    )
    p.set_defaults(run=_render)
    p = sub.add_parser(
        "batch",
        help="a lecture for every student of a class, and a class page",
        description="Make a lecture per student from a folder of digit photos (label in the "
        "file name, 7_ana.jpg, or in the folder's labels.csv: file,label,name) or from a CSV "
        "(file,label,name,sentence), into DIR/<name>/, and DIR/index.html showing each "
        "student's digit, what the network read and the cost. Scenes that read nothing of a "
        "student's are rendered once for the class. A bad photo fails only its row (listed in "
        "DIR/failures.csv); a re-run skips what is done.",
        epilog="examples:\n  nnexplain batch photos/ --out class/\n"
        "  nnexplain batch class.csv --out class/ --scenes input-layer cost-trained "
        "compute-scale\n  nnexplain batch photos/ --out class/ --scheduler local --jobs 2\n"
        "  nnexplain batch photos/ --out class/ --scheduler tcp://10.0.0.5:8786\n"
        "  nnexplain batch photos/ --out clase/ --language es",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", metavar="INPUTS", help="a folder of images, or a CSV of students")
    p.add_argument("--out", required=True, metavar="DIR", help="the class's folder")
    p.add_argument(
        "--scenes",
        nargs="+",
        default=[],
        metavar="NAME",
        help="scenes of each lecture (see nnexplain list; default: all)",
    )
    _about_options(p.add_argument_group("what every lecture shares"))
    how = _how_options(p)
    how.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="scenes rendered at once: local processes, or --scheduler local's workers "
        "(default: the number of cores; at most 4 per core, a larger N is refused; never "
        "more workers than there are scenes to render)",
    )
    how.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="local|tcp://HOST:8786",
        help="render on a Dask cluster: 'local' starts one on this machine; an address "
        "joins one started with `dask scheduler` and `dask worker`, checked before anything is "
        "written (default: local processes)",
    )
    # What `render` asks for per run, a batch takes from each student's row.
    p.set_defaults(run=_batch, digit=None, label=None, sentence=None, preview=False)
    train_command.add_parser(sub)
    check_command.add_parser(sub)

    p = sub.add_parser(
        "script",
        help="the words the scenes say and show, for a teacher to edit",
        description="The script: every sentence the scenes say and every word they write, in "
        "Project Fluent files (scenes/script/en/). Export it, change the messages you want, "
        "keep only those, and render with --script DIR.",
        epilog="example:\n  nnexplain script export my-words/\n"
        "  nnexplain render input-layer --script my-words/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    export = actions.add_parser(
        "export",
        help="write the shipped script to DIR/LANG/ (never over a file)",
        description="Write the shipped script's files to DIR/LANG/ (DIR/en/ by default), for "
        "editing.",
        epilog="example:\n  nnexplain script export mis-palabras/ --language es",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("dir", metavar="DIR", help="the folder to write into")
    _language_option(export)
    export.set_defaults(run=_script_export)
    return parser


# What a run stopped by a signal leaves behind, by command (render and batch alike).
STOPPED = {
    "inspect": "nothing was written",
    "list": "nothing was written",
    "train": "the training was stopped and no weights file was written",
    "render": "finished scenes are kept and nothing half-written was left",
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with stop_on_signals():
            args.run(args)
    except InputError as e:
        print(f"nnexplain {args.command}: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RenderError as e:
        print(f"nnexplain {args.command}: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except Interrupted as e:
        left = STOPPED.get(args.command, STOPPED["render"])
        print(f"nnexplain {args.command}: interrupted by {e}; {left}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # e.g. `nnexplain inspect ... --json | head`
        sys.stderr.close()
    except OSError as e:  # the last net: a full disk, a folder not writable, ...
        print(f"nnexplain {args.command}: error: {files.os_error_line(e)}", file=sys.stderr)
        return EXIT_FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main())
