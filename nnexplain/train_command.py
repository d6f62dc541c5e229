"""``nnexplain train``: train a digit network of your own, with a progress bar.

The training itself is ``nncore.train`` (the same options as ``python -m nncore.train``);
this adds the live bar: epoch, mean training cost, held-out accuracy.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from nncore import train
from nncore.errors import InputError
from nncore.weights import dashed
from nnexplain.stops import Interrupted

EXAMPLES = """examples:
  nnexplain train                     the shipped recipe -> trained_784_16_16_10_sigmoid.npz
  nnexplain train --sizes 784-32-10 --activation relu --epochs 10 --out relu.npz
  nnexplain train --sizes 784-10 --activation tanh --eta 0.01 --seed 7
  nnexplain inspect mnist:4500 --weights relu.npz      then ask it about a digit

It writes the weights format of the README (.npz: w1..wL, b1..bL, and metadata with
the sizes and activation) and snapshots before training and after each epoch,
which the "network learns" scene draws (snapshot_cost, snapshot_accuracy, and the
weights of snapshot_neuron and the outputs of held-out snapshot_digit)."""


def default_out(sizes: tuple[int, ...], activation: str) -> Path:
    """``trained_784_32_10_relu.npz`` in the current folder: named after what it holds."""
    return Path(f"trained_{dashed(sizes).replace('-', '_')}_{activation}.npz")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``train`` subcommand to ``nnexplain``'s subparsers."""
    p = subparsers.add_parser(
        "train",
        help="train a digit network of any sizes and activation on the shipped digits",
        description="Train an MLP from the 784 pixels to the 10 digits on the 4,000 shipped "
        "training digits (mini-batch SGD on the quadratic cost, seeded, so a re-run on this "
        "machine gives the same weights), showing the epoch, the cost and the accuracy on the "
        "1,000 held-out digits. The shipped network never changes.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_options(p)
    p.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="the .npz to write (default: trained_<sizes>_<activation>.npz here)",
    )
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> None:
    """Train as the options say, with a live bar on stderr, then one line on stdout."""
    if args.out is None:
        args.out = default_out(args.sizes, args.activation)
    train.check_out(args.out)  # before the bar: a bad --out is one line, not a broken bar
    train.check_history(args.sizes, args.epochs)
    console = Console(stderr=True)
    with Progress(
        TextColumn(f"{dashed(args.sizes)} {args.activation}"),
        TextColumn("epoch"),
        MofNCompleteColumn(),
        BarColumn(),
        TextColumn("cost {task.fields[cost]}  held-out {task.fields[accuracy]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
    ) as progress:
        try:
            task = progress.add_task("train", total=args.epochs, cost="-", accuracy="-")

            def on_epoch(epoch: int, cost: float, accuracy: float) -> None:
                progress.update(
                    task, completed=epoch, cost=f"{cost:.4f}", accuracy=f"{accuracy:.1%}"
                )

            net = train.train_from_options(args, on_epoch)
        except (InputError, Interrupted):
            # A training that died or was stopped ends with its one line: the bar goes
            # (transient), and no empty line is left where it was (Progress.stop prints
            # one off a terminal, so the stop is done here and Progress's own disabled).
            progress.live.transient = True
            progress.live.stop()
            progress.disable = True
            raise
    print(train.summary(net, args.out))
