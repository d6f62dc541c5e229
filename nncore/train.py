"""Reproducible training of a digit network on the shipped MNIST digits.

``python -m nncore.train`` retrains ``nncore/assets/trained_784_16_16_10.npz``:
seeded N(0, 1) initialisation as in Nielsen's ``network.py``, quadratic cost,
mini-batch stochastic gradient descent, one seeded shuffle per epoch. Options
train any other network (``--sizes 784-32-10 --activation relu --out my.npz``);
it prints one line per epoch. ``nnexplain train`` is the same with a progress bar.

Two runs on one machine are bit-equal. Across CPUs they are not: thirty epochs
of SGD magnify last-bit BLAS rounding, so the weights differ while the accuracy
stays within about a point.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nncore import data, files
from nncore.activations import ACTIVATIONS, DEFAULT_ACTIVATION, activation_named
from nncore.errors import InputError, quoted
from nncore.mlp import INITS, SIZES, Network, cost, n_params, one_hot
from nncore.weights import (
    MAX_PARAMS,
    N_INPUTS,
    N_OUTPUTS,
    dashed,
    npz_keys,
    read,
    read_npz_arrays,
)

TRAINED_PATH = data.ASSETS / "trained_784_16_16_10.npz"
# Seeds 0-3 were tried once (88.7-90.5 % on the test digits); 2 is kept.
TRAIN_SEED = 2
EPOCHS = 30
BATCH_SIZE = 10
ETA = 3.0  # the shipped sigmoid network's learning rate
# What relu and tanh networks train with unless told otherwise. From N(0, 1) weights
# their neurons start saturated (tanh) or dead and huge (relu) and learn nothing at
# any rate, so they start "scaled" (nncore.mlp.INITS). Their derivatives are up to 4
# times sigmoid's and relu's outputs are unbounded, so sigmoid's 3.0 diverges; 0.03
# took 784-16-16-10, 784-32-10 and 784-100-10 to 91-96 % held-out in 30 epochs here
# (784-10: 73 %), and beat 0.01 on all but 784-10.
DEFAULT_ETA = {"sigmoid": ETA, "relu": 0.03, "tanh": 0.03}
DEFAULT_INIT = {"sigmoid": "standard", "relu": "scaled", "tanh": "scaled"}
MAX_WIDTH = 1024  # wider layers train too slowly on a CPU to be worth a lecture
MAX_EPOCHS = 1000
# Training keeps the first layer's weights after every epoch (for the followed neuron,
# chosen at the end): (epochs + 1) x n1 x 784 float64s, which must stay within this.
MAX_HISTORY_BYTES = 1_000_000_000
# Healthy training here keeps every weight below about 10; one past this means the
# steps overshoot, and a few steps later their squares overflow.
MAX_WEIGHT = 1e8

OnEpoch = Callable[[int, float, float], None]


@dataclass
class Snapshots:
    """What the network was before training and after each epoch, small enough to keep.

    Row 0 of each array is the untrained start (``Network.random(seed)``), row ``e``
    the network after epoch ``e``. Stored in the weights file as ``snapshot_<name>``;
    the "network learns" scene draws them.
    """

    digit: int  # the held-out MNIST index (0-4999) whose outputs are kept: FOLLOWED_DIGIT
    neuron: int  # the first-layer neuron whose weights are kept: FOLLOWED_NEURON
    cost: np.ndarray  # (epochs + 1,): mean cost over the training digits
    accuracy: np.ndarray  # (epochs + 1,): fraction right of the held-out digits
    w1_row: np.ndarray  # (epochs + 1, 784): the weights into ``neuron``
    outputs: np.ndarray  # (epochs + 1, 10): the output activations for ``digit``

    NAMES = ("digit", "neuron", "cost", "accuracy", "w1_row", "outputs")

    def arrays(self) -> dict[str, np.ndarray]:
        """The ``snapshot_*`` keys of the weights file."""
        return {f"snapshot_{n}": np.asarray(getattr(self, n)) for n in self.NAMES}

    @classmethod
    def load(cls, path: Path) -> Snapshots:
        """The snapshots stored in a weights file written by training."""
        names = [f"snapshot_{n}" for n in cls.NAMES]
        arrays = read_npz_arrays(path, names) if Path(path).suffix == ".npz" else {}
        if any(f"snapshot_{n}" not in arrays for n in cls.NAMES):
            raise InputError(f"weights file {path} holds no training snapshots")
        digit, neuron, *rest = (arrays[f"snapshot_{n}"] for n in cls.NAMES)
        return cls(int(digit), int(neuron), *rest)


# Which digit and neuron the snapshots follow, chosen once training is over, as stated
# on screen: a digit whose guess goes from wrong to right shows learning, and the neuron
# whose weights moved most is the one whose picture changes most.
FOLLOWED_DIGIT = (
    "the first held-out digit the untrained network gets wrong and the trained one right"
)
FOLLOWED_NEURON = "the first-layer neuron whose 784 weights moved most in training"


def check_sizes(sizes: tuple[int, ...]) -> tuple[int, ...]:
    """``sizes`` if they make a digit network we can train, else why not."""
    sizes = tuple(sizes)
    if len(sizes) < 2 or sizes[0] != N_INPUTS or sizes[-1] != N_OUTPUTS:
        raise InputError(
            f"sizes {dashed(sizes)}: a digit network runs from the {N_INPUTS} pixels to the "
            f"{N_OUTPUTS} digits, e.g. 784-10, 784-32-10 or 784-16-16-10"
        )
    if min(sizes) < 1:
        raise InputError(f"sizes {dashed(sizes)}: every layer needs at least one neuron")
    if max(sizes[1:-1], default=0) > MAX_WIDTH:
        raise InputError(f"sizes {_short(sizes)}: hidden layers of at most {MAX_WIDTH:,} neurons")
    if n_params(sizes) > MAX_PARAMS:
        raise InputError(
            f"sizes {_short(sizes)}: {n_params(sizes):,} weights and biases; a network trains "
            f"with at most {MAX_PARAMS:,} (e.g. 784-1024-1024-1024-1024-10)"
        )
    return sizes


def check_history(sizes: tuple[int, ...], epochs: int) -> None:
    """Refuse a training whose kept snapshots would not fit :data:`MAX_HISTORY_BYTES`."""
    kept = (epochs + 1) * sizes[1] * N_INPUTS * 8
    if kept > MAX_HISTORY_BYTES:
        most = MAX_HISTORY_BYTES // (sizes[1] * N_INPUTS * 8) - 1
        raise InputError(
            f"{epochs} epochs of a first layer of {sizes[1]:,} neurons: its weights after each "
            f"epoch, kept for the network-learns scene, would take {kept / 1e9:.1f} GB "
            f"(the limit is {MAX_HISTORY_BYTES / 1e9:.0f} GB); at most {most} epochs at this width"
        )


def _short(sizes: tuple[int, ...]) -> str:
    """``dashed(sizes)``, but a deep network's middle elided: one readable line."""
    if len(sizes) <= 8:
        return dashed(sizes)
    return f"{dashed(sizes[:3])}-...-{dashed(sizes[-2:])} ({len(sizes) - 2} hidden layers)"


def train(
    seed: int = TRAIN_SEED,
    epochs: int = EPOCHS,
    batch_size: int = BATCH_SIZE,
    eta: float | None = None,
    sizes: tuple[int, ...] = SIZES,
    activation: str = DEFAULT_ACTIVATION,
    on_epoch: OnEpoch | None = None,
    init: str | None = None,
) -> tuple[Network, Snapshots]:
    """Train on the 4,000 training digits; record the accuracies on both splits.

    Parameters
    ----------
    seed : int
        Seeds the N(0, 1) initial network and the shuffle of every epoch.
    epochs, batch_size : int
        Passes over the training digits, and digits per gradient step.
    eta : float, optional
        The learning rate; by default ``DEFAULT_ETA[activation]``.
    sizes : tuple of int
        Layer widths, from 784 to 10.
    activation : str
        ``"sigmoid"``, ``"relu"`` or ``"tanh"``, used in every layer.
    on_epoch : callable, optional
        Called after each epoch as ``on_epoch(epoch, cost, accuracy)``: epoch from
        1, the mean training cost, the held-out accuracy.
    init : str, optional
        ``"standard"`` or ``"scaled"`` (see ``nncore.mlp.INITS``); by default
        ``DEFAULT_INIT[activation]``.

    Returns
    -------
    (Network, Snapshots)
        The trained network, its recipe and accuracies in ``metadata``, and what
        it was after each epoch.

    Raises
    ------
    InputError
        Bad sizes or activation; or training diverged or died (eta too large).
    """
    sizes, act = check_sizes(sizes), activation_named(activation)
    check_history(sizes, epochs)
    eta = DEFAULT_ETA[act.name] if eta is None else eta
    init = DEFAULT_INIT[act.name] if init is None else init
    images, labels = data.load_mnist()
    train_idx, test_idx = data.split()
    x, y = images[train_idx], np.array([one_hot(label) for label in labels[train_idx]])
    rng = np.random.default_rng(seed)
    net = Network.random(seed, sizes, act.name, init)
    # A rate too large overflows: the check after each epoch says so in one line,
    # instead of numpy's warnings.
    with np.errstate(all="ignore"):
        history = [_snapshot(net, x, y, images[test_idx])]
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            for start in range(0, len(x), batch_size):
                batch = order[start : start + batch_size]
                net = net.step(net.backprop(x[batch], y[batch]), eta)
            history.append(_snapshot(net, x, y, images[test_idx]))
            c, outputs, _ = history[-1]
            _check_learning(epoch, net, outputs, c, eta, init)
            accuracy = _accuracy(outputs, labels[test_idx])
            if on_epoch is not None:
                on_epoch(epoch, c, accuracy)
        followed = _follow(history, labels[test_idx], test_idx)
        accuracies = [net.accuracy(images[i], labels[i]) for i in (train_idx, test_idx)]
    net.metadata = {
        "kind": "trained",
        "sizes": list(net.sizes),
        "activation": act.name,
        "seed": seed,
        "init": INITS[init],
        "cost": "quadratic, sum_j (a_j - y_j)^2",
        "epochs": epochs,
        "batch_size": batch_size,
        "learning_rate": eta,
        "train_digits": len(train_idx),
        "test_digits": len(test_idx),
        "train_accuracy": accuracies[0],
        "test_accuracy": accuracies[1],
        "data": data.MNIST_PATH.name,
        "data_sha256": data.MNIST_SHA256,
    }
    return net, followed


def _snapshot(
    net: Network, x: np.ndarray, y: np.ndarray, held_out: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """The training cost, the held-out outputs (1000, 10) and the first layer's weights."""
    return cost(net.feedforward(x).output, y), net.feedforward(held_out).output, net.weights[0]


def _accuracy(outputs: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(outputs.argmax(axis=1) == labels))


def _follow(history: list, labels: np.ndarray, test_idx: np.ndarray) -> Snapshots:
    """Keep, of every snapshot, what the scene draws: see FOLLOWED_DIGIT, FOLLOWED_NEURON."""
    costs = np.array([c for c, _, _ in history])
    outputs = np.stack([o for _, o, _ in history])  # (epochs + 1, 1000, 10)
    w1 = np.stack([w for _, _, w in history])  # (epochs + 1, n1, 784)
    guesses = outputs.argmax(axis=2)
    learned = np.flatnonzero((guesses[0] != labels) & (guesses[-1] == labels))
    k = int(learned[0]) if len(learned) else 0  # a network that learned nothing: the first
    neuron = int(np.argmax(np.linalg.norm(w1[-1] - w1[0], axis=1)))
    return Snapshots(
        digit=int(test_idx[k]),
        neuron=neuron,
        cost=costs,
        accuracy=(guesses == labels).mean(axis=1),
        w1_row=w1[:, neuron],
        outputs=outputs[:, k],
    )


def _check_learning(
    epoch: int, net: Network, a: np.ndarray, c: float, eta: float, init: str
) -> None:
    """Stop a training that can learn nothing more, saying why in one line."""
    hint = f"try a smaller --eta than {eta:g}" + (" or --init scaled" if init == "standard" else "")
    if not (np.isfinite(c) and all(np.all(np.isfinite(w)) for w in net.weights)):
        raise InputError(
            f"training diverged in epoch {epoch} (the weights overflowed, the cost is {c:.4g}): "
            + hint
        )
    largest = max(float(np.max(np.abs(w))) for w in net.weights)
    if largest > MAX_WEIGHT:
        raise InputError(
            f"training diverged in epoch {epoch} (a weight reached {largest:.1e}; learning keeps "
            f"them below {MAX_WEIGHT:.0e}): {hint}"
        )
    if not np.any(a):  # relu's way to diverge: no output neuron fires, so no gradient is left
        raise InputError(
            f"training died in epoch {epoch}: every output is 0 for every digit, so nothing "
            f"can learn any more; {hint}"
        )


def save_atomically(net: Network, path: Path, snapshots: Snapshots | None = None) -> None:
    """Write beside ``path`` first, so a failure never leaves a half-written file."""
    # Named so that a later run knows a killed one's leftover (nncore.files.remove_leftovers).
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{files.TEMP_MARK}.", suffix=".npz")
    os.close(fd)
    try:
        net.save(Path(tmp), snapshots.arrays() if snapshots is not None else None)
        os.chmod(tmp, 0o644)  # mkstemp's private mode is not meant for a shared asset
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def trained_network() -> Network:
    """The committed trained network (its metadata records how it was made)."""
    return Network.load(TRAINED_PATH)


# How a network learned, for the "network learns" scene. A network keeps its own training
# history when it was trained by nncore (the shipped one, or ``nnexplain train``); one
# without (a PyTorch ``.safetensors``, an older ``.npz``) gets a stand-in: a network of the
# same sizes and activation trained here with the default recipe, cached on disk because
# thirty epochs take seconds and every render would otherwise pay them again.
SHIPPED, OWN, STAND_IN = "shipped", "own", "stand-in"
# The code a stand-in's numbers depend on: an edit to any of them trains a new one.
TRAINING_CODE = ("activations.py", "data.py", "mlp.py", "train.py", "weights.py")


@dataclass(frozen=True)
class History:
    """What a network was before training and after each epoch, and whose run that was.

    ``origin`` is ``SHIPPED`` (the run that made the committed network), ``OWN`` (the
    weights file's own run) or ``STAND_IN`` (the file kept no history: a network of the
    same sizes and activation, trained here by :func:`learning_history`). ``recipe`` is
    the metadata of the run the snapshots come from (seed, epochs, learning_rate, ...);
    ``path`` the file they were read from, for a stand-in its cache file.
    """

    snapshots: Snapshots
    origin: str
    recipe: dict
    path: Path

    @property
    def epochs(self) -> int:
        return len(self.snapshots.cost) - 1


def uninked_pixels() -> np.ndarray:
    """The pixels (784 booleans) that no training digit inks.

    A weight from such a pixel gets no gradient, ``dC/dw_jk = delta_j a_k`` with
    ``a_k = 0`` for every digit, so training never moves it from its start.
    """
    images, _ = data.load_mnist()
    return images[data.split()[0]].max(axis=0) == 0


def has_snapshots(path: Path) -> bool:
    """Whether a weights file kept its training history (only nncore's ``.npz`` can)."""
    path = Path(path)
    return path.suffix == ".npz" and any(k.startswith("snapshot_") for k in npz_keys(path))


def learning_history(
    path: Path, sizes: tuple[int, ...], activation: str, cache: Path | None = None
) -> History:
    """The training history of the network in ``path``: its own, else a stand-in's.

    Parameters
    ----------
    path : Path
        The network's weights file, already read and checked (``.npz`` or ``.safetensors``).
    sizes, activation
        The network's, for a stand-in of the same shape.
    cache : Path, optional
        Where stand-ins are kept; by default :func:`train_cache_dir`.

    Raises
    ------
    InputError
        The file's snapshots are incomplete or do not fit together, or training the
        stand-in failed.
    """
    path = Path(path)
    if not has_snapshots(path):
        return stand_in_history(sizes, activation, train_cache_dir() if cache is None else cache)
    snapshots = _checked(Snapshots.load(path), path)
    origin = SHIPPED if data.sha256(path) == data.sha256(TRAINED_PATH) else OWN
    return History(snapshots, origin, read(path).metadata, path)


def stand_in_history(sizes: tuple[int, ...], activation: str, cache: Path) -> History:
    """Train a ``sizes`` ``activation`` network with the default recipe, once per cache key.

    The key holds the sizes, the activation, the recipe and a digest of the training
    code and data, so a changed recipe or code never reuses an old stand-in. The file is
    written atomically: two renders training at once both leave a whole file.
    """
    sizes, act = check_sizes(sizes), activation_named(activation)
    recipe = {
        "seed": TRAIN_SEED,
        "epochs": EPOCHS,
        "batch_size": BATCH_SIZE,
        "eta": DEFAULT_ETA[act.name],
        "init": DEFAULT_INIT[act.name],
    }
    key = {"sizes": list(sizes), "activation": act.name, **recipe, "code": _training_code()}
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
    path = Path(cache) / f"{dashed(sizes)}-{act.name}-{digest[:16]}.npz"
    try:
        snapshots = Snapshots.load(path)
    except InputError:  # not trained yet, or a damaged file: train (again)
        r = recipe
        net, snapshots = train(
            r["seed"], r["epochs"], r["batch_size"], r["eta"], sizes, act.name, None, r["init"]
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        save_atomically(net, path, snapshots)
    return History(_checked(snapshots, path), STAND_IN, read(path).metadata, path)


def train_cache_dir() -> Path:
    """Where stand-ins are kept unless a caller says: the user's cache folder
    (``$XDG_CACHE_HOME/nnexplain``, else ``~/.cache/nnexplain``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nnexplain"


def _training_code() -> str:
    h = hashlib.sha256(data.MNIST_SHA256.encode())
    for name in TRAINING_CODE:
        h.update((Path(__file__).parent / name).read_bytes())
    return h.hexdigest()


def _checked(s: Snapshots, path: Path) -> Snapshots:
    """``s`` if its arrays hold one row per moment (the start and at least one epoch)."""
    n = len(np.atleast_1d(s.cost))
    shapes = {"cost": (n,), "accuracy": (n,), "w1_row": (n, N_INPUTS), "outputs": (n, N_OUTPUTS)}
    for name, shape in shapes.items():
        value = np.asarray(getattr(s, name))
        if value.shape != shape or not np.all(np.isfinite(value)):
            raise InputError(
                f"weights file {path}: snapshot_{name} should be {shape} finite numbers, "
                f"not {value.shape}"
            )
    if n < 2:
        raise InputError(f"weights file {path}: its snapshots hold no epoch of training")
    return s


# The command-line options, shared by ``python -m nncore.train`` and ``nnexplain train``.
# Each type raises argparse.ArgumentTypeError, so a bad value is argparse's one line.


def _typed(check: Callable[[str], object]) -> Callable[[str], object]:
    def parse(value: str) -> object:
        try:
            return check(value)
        except InputError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    parse.__name__ = check.__name__.strip("_")  # argparse names the type in its messages
    return parse


def _sizes(value: str) -> tuple[int, ...]:
    parts = value.replace(",", "-").split("-")
    if not all(p.strip().isdigit() for p in parts):
        raise InputError(f"{quoted(value)}: expected widths joined by dashes, e.g. 784-32-10")
    return check_sizes(tuple(int(p) for p in parts))


def _activation(value: str) -> str:
    return activation_named(value.strip().lower()).name


def _epochs(value: str) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= MAX_EPOCHS:
        raise InputError(f"{quoted(value)} is not a whole number from 1 to {MAX_EPOCHS}")
    return int(value)


def _batch_size(value: str) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= data.N_TRAIN:
        raise InputError(f"{quoted(value)} is not a whole number from 1 to {data.N_TRAIN:,}")
    return int(value)


def _eta(value: str) -> float:
    try:
        eta = float(value)
    except ValueError:
        eta = float("nan")
    if not np.isfinite(eta) or eta <= 0:
        raise InputError(f"{quoted(value)} is not a positive number")
    return eta


def _seed(value: str) -> int:
    if not value.strip().isdigit():
        raise InputError(f"{quoted(value)} is not a whole number of at least 0")
    return int(value)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The training options (all but ``--out``), with their defaults and --help text."""
    rates = ", ".join(f"{name} {rate:g}" for name, rate in DEFAULT_ETA.items())
    parser.add_argument(
        "--sizes",
        type=_typed(_sizes),
        default=SIZES,
        metavar="784-...-10",
        help=f"layer widths from the 784 pixels to the 10 digits, hidden layers of 1 to "
        f"{MAX_WIDTH:,} neurons, e.g. 784-10 or 784-128-64-10 (default: {dashed(SIZES)})",
    )
    parser.add_argument(
        "--activation",
        type=_typed(_activation),
        default=DEFAULT_ACTIVATION,
        metavar="|".join(ACTIVATIONS),
        help=f"the activation of every layer, output included (default: {DEFAULT_ACTIVATION})",
    )
    parser.add_argument(
        "--epochs",
        type=_typed(_epochs),
        default=EPOCHS,
        metavar="N",
        help=f"passes over the 4,000 training digits (default: {EPOCHS})",
    )
    parser.add_argument(
        "--eta",
        type=_typed(_eta),
        metavar="X",
        help=f"learning rate; when not given, chosen by activation: {rates} "
        "(at sigmoid's 3.0 every relu neuron dies in the first epoch)",
    )
    inits = ", ".join(f"{name} {init}" for name, init in DEFAULT_INIT.items())
    parser.add_argument(
        "--init",
        choices=INITS,
        help="initial weights: standard, every weight and bias N(0, 1); or scaled, weights "
        f"N(0, 1/n_in) and biases 0; when not given, chosen by activation: {inits}",
    )
    parser.add_argument(
        "--batch-size",
        type=_typed(_batch_size),
        default=BATCH_SIZE,
        metavar="N",
        help=f"digits per gradient step (default: {BATCH_SIZE})",
    )
    parser.add_argument(
        "--seed",
        type=_typed(_seed),
        default=TRAIN_SEED,
        metavar="S",
        help=f"seed of the initial weights and of the shuffles (default: {TRAIN_SEED})",
    )


def check_out(path: Path) -> Path:
    """Refuse an output that training could not write, before spending the time to train."""
    path = Path(path)
    if path.suffix != ".npz":
        raise InputError(f"--out {path}: training writes a .npz file (README: weights format)")
    if path.is_dir():
        raise InputError(f"--out {path} is a folder; name a .npz file")
    files.check_output(path, "--out")  # a device or FIFO is refused, never replaced
    if not path.parent.is_dir():
        raise InputError(f"--out {path}: there is no folder {path.parent}")
    if not os.access(path.parent, os.W_OK):
        raise InputError(f"--out {path}: the folder {path.parent} is not writable")
    return path


def train_from_options(args: argparse.Namespace, on_epoch: OnEpoch | None = None) -> Network:
    """Train as the options of :func:`add_options` and ``--out`` say, and write the file."""
    out = check_out(args.out)
    net, snapshots = train(
        args.seed,
        args.epochs,
        args.batch_size,
        args.eta,
        args.sizes,
        args.activation,
        on_epoch,
        args.init,
    )
    save_atomically(net, out, snapshots)
    return net


def summary(net: Network, out: Path) -> str:
    """One line about a trained network and where it went."""
    m = net.metadata
    return (
        f"wrote {out}: {dashed(net.sizes)} {net.activation}, {m['epochs']} epochs at eta "
        f"{m['learning_rate']:g}: {m['train_accuracy']:.1%} of the training digits right, "
        f"{m['test_accuracy']:.1%} of the held-out ones"
    )


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other bad input."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python -m nncore.train",
        description="Train a digit network on the 4,000 shipped training digits. With no "
        "options it retrains the shipped 784-16-16-10 sigmoid network in place.",
        epilog="examples:\n  python -m nncore.train\n  python -m nncore.train --sizes 784-32-10 "
        "--activation relu --epochs 10 --out relu.npz",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_options(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=TRAINED_PATH,
        metavar="FILE",
        help="where to write the .npz (default: the shipped network, for 784-16-16-10 sigmoid)",
    )
    args = parser.parse_args(argv)

    def line(epoch: int, c: float, accuracy: float) -> None:
        print(f"epoch {epoch}/{args.epochs}  cost {c:.4f}  held-out {accuracy:.1%}", flush=True)

    try:
        if args.out == TRAINED_PATH and (args.sizes, args.activation) != (SIZES, "sigmoid"):
            raise InputError(
                f"--out: {TRAINED_PATH.name} is the shipped 784-16-16-10 sigmoid network; "
                f"give --out FILE for a {dashed(args.sizes)} {args.activation} one"
            )
        net = train_from_options(args, line)
    except InputError as e:
        print(f"{parser.prog}: error: {e}", file=sys.stderr)
        return 2
    print(summary(net, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
