"""``nnexplain``: inspect a digit, list the scenes, render the lecture.

The command line only chooses inputs and render settings; the numbers come
from ``nncore`` and the drawing from ``scenes``. A bad input ends with one line
on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from nncore import data
from nncore.errors import InputError
from nncore.mlp import Network
from nncore.report import Report, check_label, inspect
from nncore.train import TRAINED_PATH
from scenes.lecture import LECTURE, chapter
from scenes.render import QUALITIES, render_chapter

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other bad input."""

    def error(self, message: str) -> None:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _inspect(args: argparse.Namespace) -> None:
    check_label(args.label)
    x, true_label = data.load_digit(args.image)
    label = args.label if args.label is not None else true_label
    weights = Path(args.weights)
    net = Network.load(weights)
    report = inspect(net, x, label)
    if args.json:
        print(json.dumps(_as_json(report, args.image, weights), indent=1))
    else:
        print(_as_text(report, args.image))


def _as_text(r: Report, image: str) -> str:
    lines = [f"{image}: the network reads a {r.prediction}"]
    for digit, a in enumerate(r.output):
        mark = "   <- prediction" if digit == r.prediction else ""
        lines.append(f"  {digit}  {a:6.4f}  {'#' * round(a * 30)}{mark}")
    if r.label is None:
        lines.append("cost: give --label N to compare the output with the digit you meant")
        return "\n".join(lines)
    lines.append(f"cost against label {r.label}: C = sum_j (a_j - y_j)^2 = {r.cost:.4f}")
    lines.append("largest gradient components (dC/dw, dC/db):")
    lines += [f"  {c.name:<12} {c.value:+.3e}" for c in r.largest]
    return "\n".join(lines)


def _as_json(r: Report, image: str, weights: Path) -> dict:
    def floats(a: np.ndarray) -> list[float]:
        return [float(v) for v in a]

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
        "cost": r.cost,
        "gradient_norms": r.gradient_norms,
        "largest_gradient_components": [{"name": c.name, "value": c.value} for c in r.largest],
        "weights": {"path": str(weights.resolve()), "sha256": data.sha256(weights)},
    }


def _list(args: argparse.Namespace) -> None:
    for c in LECTURE:
        print(f"{c.name:<16} {c.concept}")


def _render(args: argparse.Namespace) -> None:
    names = args.scenes or [c.name for c in LECTURE]
    chapters = []
    for name in names:
        try:
            chapters.append(chapter(name))
        except KeyError:
            known = ", ".join(c.name for c in LECTURE)
            raise InputError(f"no scene called {name!r}; the scenes are: {known}") from None
    out = Path(args.out)
    for c in chapters:
        render_chapter(c, args.quality, out, env={})
        print(f"rendered {c.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nnexplain",
        description="3Blue1Brown-style explainers of neural networks, from real numbers.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "inspect",
        help="what the trained network sees in a digit",
        description="Feed a digit to the trained 784-16-16-10 network: prediction, outputs, "
        "cost against the label and its largest gradient components.",
        epilog="examples:\n  nnexplain inspect mnist:4500\n  nnexplain inspect my_seven.png "
        "--label 7 --json",
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
        help="a weights .npz (default: the shipped trained network)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print every layer's z and a, the cost, gradient norms as JSON",
    )
    p.set_defaults(run=_inspect)

    p = sub.add_parser(
        "list",
        help="the lecture's scenes and the concept each explains",
        description="List the scenes in story order.",
        epilog="example:\n  nnexplain list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(run=_list)

    p = sub.add_parser(
        "render",
        help="render scenes (default: the whole lecture)",
        description="Render the lecture's scenes with manim.",
        epilog="examples:\n  nnexplain render\n  nnexplain render input-layer --quality medium",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (see nnexplain list)")
    p.add_argument(
        "--quality", choices=QUALITIES, default="low", help="manim preset (default: low)"
    )
    p.add_argument("--out", default="media", help="output folder (default: media/)")
    p.set_defaults(run=_render)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except InputError as e:
        print(f"nnexplain {args.command}: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `nnexplain inspect ... --json | head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
