"""The digit scenes drawing a 784-128-64-10 network against the shipped 784-16-16-10.

Every digit scene draws the network it is given (``NNEXPLAIN_WEIGHTS``); a wider
network has 109,184 weights instead of 12,960 and cut hidden layers. Each scene
is rendered with both, one after the other, by the manim command line as
``nnexplain render`` runs it; the target is on the sum over the scenes: at most
1.5 times the shipped network's time (issue 13).

Both run silent (``NNEXPLAIN_VOICE=none``, beats timed at a reading pace): their
narrations differ (the numbers said are the networks' own), and this measures
drawing, not synthesis. The two may therefore have a few frames more or fewer,
so milliseconds per frame are reported too.

It also animates "all the weights at once" (:class:`~scenes.mobjects.all_edges.AllEdges`,
untrained to trained, as the parameters scene does) for both networks, 12,960 and
109,184 edges, rendered in this process: drawing the edges once, the keyframes of
the change (one pass over the coverage, at its first frame), and each frame after.

Run alone with ``python -m bench.shapes [--quality low] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from manim import Animation, Mobject, tempconfig
from rich.console import Console
from rich.table import Table

from bench.edges import _render
from bench.manim_run import Format, manim_render
from bench.timing import median, median_ratio, timed
from nncore.mlp import SIZES, Network
from nncore.train import TRAINED_PATH, save_atomically, train
from nncore.weights import dashed
from nnexplain.chapters import LECTURE
from scenes.contract import SceneInputs
from scenes.mobjects.all_edges import AllEdges, dense_edges, every_neuron, input_column_positions

WIDE = (784, 128, 64, 10)
# The scenes that draw the digit network (the input layer draws only its 784 inputs).
DIGIT_SCENES = (
    "hidden-layers",
    "parameters",
    "cost-untrained",
    "cost-trained",
    "gradient",
    "backprop",
)
TARGET_RATIO = 1.5
SILENT = SceneInputs(voice="none").to_env()
EDGE_SECONDS = 2.0  # of the weight change, per sample
INPUT_X = -3.6  # where the parameters scene puts the 784 inputs, and its other layers
LAYERS_CENTER = (2.2, 0.0, 0.0)
INPUT_HEIGHT = 6.4


def wide_network(folder: Path) -> Path:
    """A 784-128-64-10 sigmoid network, one epoch of the shipped recipe, saved in ``folder``."""
    net, _ = train(epochs=1, sizes=WIDE)
    path = folder / f"trained_{dashed(WIDE).replace('-', '_')}.npz"
    save_atomically(net, path)
    return path


def measure(quality: str, repeat: int) -> dict:
    """Each digit scene with both networks, ``repeat`` times: seconds, frames, ratios."""
    chapters = [c for c in LECTURE if c.name in DIGIT_SCENES]
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-shapes-") as folder:
        weights = {dashed(SIZES): TRAINED_PATH, dashed(WIDE): wide_network(Path(folder))}
        samples = {
            c.name: {shape: {"seconds": [], "cpu_seconds": [], "frames": 0} for shape in weights}
            for c in chapters
        }
        for _ in range(repeat):
            for c in chapters:
                for shape, path in weights.items():
                    env = SILENT | SceneInputs(weights=str(path)).to_env()
                    run = manim_render(c.path, c.scene, quality, env)
                    samples[c.name][shape]["seconds"].append(run.seconds)
                    samples[c.name][shape]["cpu_seconds"].append(run.cpu_seconds)
                    samples[c.name][shape]["frames"] = run.frames
        result = summary(samples, dashed(SIZES), dashed(WIDE))
        nets = {shape: Network.load(path) for shape, path in weights.items()}
    result["all_edges"] = measure_all_edges(nets, quality, repeat)
    return result


def measure_all_edges(nets: dict[str, Network], quality: str, repeat: int) -> dict:
    """Per network: seconds to draw the edges, to draw the change's keyframes, and per frame.

    The keyframes are timed on their own (the change's first frame between its ends
    draws them) and left out of the frames' milliseconds.
    """
    fmt = Format.of(quality)
    result = {}
    for shape, net in nets.items():
        before = Network.random(sizes=net.sizes).weights

        def build(net: Network = net, before: list = before) -> tuple[Mobject, Animation]:
            edges = AllEdges(*_edge_arrays(net.sizes, before))
            return edges, edges.change_weights(_edge_arrays(net.sizes, net.weights).weights)

        rows = {"build_seconds": [], "keyframe_seconds": [], "ms_per_frame": []}
        for _ in range(repeat):
            with tempconfig({"pixel_width": fmt.pixel_width, "pixel_height": fmt.pixel_height}):
                _, change = build()
                keyframes, _ = timed(lambda change=change: change.interpolate_mobject(0.5))
            setup, play, frames = _render(build, EDGE_SECONDS, fmt)
            rows["build_seconds"].append(setup)
            rows["keyframe_seconds"].append(keyframes)
            rows["ms_per_frame"].append(1000 * (play - keyframes) / frames)
        result[shape] = {
            "edges": int(sum(w.size for w in net.weights)),
            **{key: median(values) for key, values in rows.items()},
        }
    base, wide = (result[dashed(s)] for s in (SIZES, WIDE))
    result["ms_per_frame_ratio"] = wide["ms_per_frame"] / base["ms_per_frame"]
    return result


def _edge_arrays(sizes: tuple[int, ...], weights: list[np.ndarray]):
    """Every edge of ``sizes`` laid out as the parameters scene lays them out."""
    _, later = every_neuron(sizes[1:], center=LAYERS_CENTER)
    inputs = input_column_positions(sizes[0], center=[INPUT_X, 0.0, 0.0], height=INPUT_HEIGHT)
    return dense_edges([inputs, *later], weights)


def summary(samples: dict, base: str, wide: str) -> dict:
    """Per scene and in total: median seconds, ms per frame, and wide / base.

    The target is on wall time; the CPU ratio is the one to trust when other programs
    shared the cores.
    """
    scenes = []
    for name, by_shape in samples.items():
        row = {"name": name}
        for shape in (base, wide):
            s = by_shape[shape]
            row[shape] = {
                "seconds": median(s["seconds"]),
                "frames": s["frames"],
                "ms_per_frame": 1000 * median(s["seconds"]) / s["frames"],
                "samples": s["seconds"],
            }
        row["ratio"] = median_ratio(by_shape[wide]["seconds"], by_shape[base]["seconds"])
        row["cpu_ratio"] = median_ratio(
            by_shape[wide]["cpu_seconds"], by_shape[base]["cpu_seconds"]
        )
        row["ms_per_frame_ratio"] = row[wide]["ms_per_frame"] / row[base]["ms_per_frame"]
        scenes.append(row)
    rounds = len(next(iter(samples.values()))[base]["seconds"])
    totals, cpu = (
        {
            shape: [sum(samples[n][shape][key][k] for n in samples) for k in range(rounds)]
            for shape in (base, wide)
        }
        for key in ("seconds", "cpu_seconds")
    )
    ratio = median_ratio(totals[wide], totals[base])
    return {
        "base": base,
        "wide": wide,
        "scenes": scenes,
        "total_seconds": {shape: median(t) for shape, t in totals.items()},
        "ratio": ratio,
        "cpu_ratio": median_ratio(cpu[wide], cpu[base]),
        "target_ratio": TARGET_RATIO,
        "within_target": ratio <= TARGET_RATIO,
    }


def table(shapes: dict) -> Table:
    """The report's table: each scene with both networks, and the total against the target."""
    base, wide = shapes["base"], shapes["wide"]
    t = Table(title=f"Digit scenes, {wide} against {base} (silent)", title_justify="left")
    for k, column in enumerate(
        ["scene", f"{base} s", "ms/frame", f"{wide} s", "ms/frame", "ratio", "per frame", "CPU"]
    ):
        t.add_column(column, justify="right" if k else "left", no_wrap=not k)
    for s in shapes["scenes"]:
        t.add_row(
            s["name"],
            f"{s[base]['seconds']:.1f}",
            f"{s[base]['ms_per_frame']:.0f}",
            f"{s[wide]['seconds']:.1f}",
            f"{s[wide]['ms_per_frame']:.0f}",
            f"{s['ratio']:.2f}x",
            f"{s['ms_per_frame_ratio']:.2f}x",
            f"{s['cpu_ratio']:.2f}x",
        )
    total = shapes["total_seconds"]
    t.add_row(
        "all",
        f"{total[base]:.1f}",
        "",
        f"{total[wide]:.1f}",
        "",
        f"{shapes['ratio']:.2f}x",
        "",
        f"{shapes['cpu_ratio']:.2f}x",
    )
    mark = "yes" if shapes["within_target"] else "NO"
    t.caption = f"target: all <= {shapes['target_ratio']:g}x {base}: {mark}"
    return t


def edges_table(all_edges: dict) -> Table:
    """AllEdges with both networks: build, keyframes, and per frame."""
    t = Table(title="All the weights at once, untrained to trained", title_justify="left")
    for k, column in enumerate(["network", "edges", "build s", "keyframes s", "ms/frame"]):
        t.add_column(column, justify="right" if k else "left", no_wrap=not k)
    for shape, e in all_edges.items():
        if isinstance(e, dict):
            t.add_row(shape, f"{e['edges']:,}", f"{e['build_seconds']:.2f}",
                      f"{e['keyframe_seconds']:.2f}", f"{e['ms_per_frame']:.1f}")  # fmt: skip
    t.caption = f"per frame, wide / shipped: {all_edges['ms_per_frame_ratio']:.2f}x"
    return t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.shapes", description=__doc__)
    parser.add_argument("--quality", choices=("low", "medium", "high"), default="low")
    parser.add_argument("--repeat", type=int, default=1, metavar="N")
    args = parser.parse_args(argv)
    result = measure(args.quality, args.repeat)
    console = Console()
    console.print(table(result))
    console.print(edges_table(result["all_edges"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
