"""Weights files: our own ``.npz`` and a PyTorch ``nn.Sequential`` saved as ``.safetensors``.

Neither format can run code when read (no pickle). Both hold the layers of an MLP
from the 784 pixels to the 10 digits; every layer is checked (present, float, the
right shape, chaining onto the one before, finite) and a bad one is refused with
one :class:`~nncore.errors.InputError` line that names it.

``.npz`` (written by :func:`write_npz`)
    ``w1..wL`` of shape (n_out, n_in), ``b1..bL`` of shape (n_out,), and
    ``metadata``, a JSON string that records ``sizes`` and ``activation`` with the
    training recipe. A file older than the activation key is a sigmoid network.
    Other keys (e.g. training snapshots) are kept apart: :func:`read_npz_arrays`.
``.safetensors``
    A state dict in PyTorch's names, ``0.weight``, ``0.bias``, ``2.weight``, ...:
    the ``nn.Linear`` layers of an ``nn.Sequential`` in order of their index (the
    activations between them hold no tensors). The activation is given by the
    caller or by the file's metadata ``{"activation": "relu"}``.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nncore.activations import ACTIVATIONS, DEFAULT_ACTIVATION, activation_named
from nncore.errors import InputError, quoted

N_INPUTS = 784  # a 28x28 digit, pixel by pixel
N_OUTPUTS = 10  # one neuron per digit
SEQUENTIAL_KEY = re.compile(r"(\d+)\.(weight|bias)")


@dataclass
class Parameters:
    """What a weights file holds: ``weights[l]`` (n_out, n_in), ``biases[l]`` (n_out,), ..."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    activation: str
    metadata: dict = field(default_factory=dict)

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[1],) + tuple(w.shape[0] for w in self.weights)


def dashed(sizes: tuple[int, ...] | list[int]) -> str:
    """``(784, 16, 16, 10)`` -> ``"784-16-16-10"``, as networks are named on screen."""
    return "-".join(map(str, sizes))


def read(
    path: Path, activation: str | None = None, sizes: tuple[int, ...] | None = None
) -> Parameters:
    """Read a ``.npz`` or ``.safetensors`` weights file (by its suffix), checked layer by layer.

    Parameters
    ----------
    path : Path
        The file.
    activation : str, optional
        ``"sigmoid"``, ``"relu"`` or ``"tanh"``. Needed for a ``.safetensors`` file
        whose metadata names none; for a file that names one, it must agree.
    sizes : tuple of int, optional
        Refuse any other network, e.g. ``(784, 16, 16, 10)`` for a caller that draws that one.

    Raises
    ------
    InputError
        One line naming the problem: no file, unreadable, a missing key, a wrong
        dtype or shape, layers that do not chain, NaN, an unknown or missing activation.
    """
    path = Path(path)
    if activation is not None:
        activation_named(activation)
    if not path.is_file():
        raise InputError(f"weights file {path}: no such file")
    if path.suffix == ".safetensors":
        params = _read_safetensors(path, activation)
    else:
        params = _read_npz(path, activation)
    if sizes is not None and params.sizes != tuple(sizes):
        raise InputError(
            f"weights file {path} holds a {dashed(params.sizes)} network; "
            f"this needs a {dashed(sizes)} one"
        )
    return params


def read_npz_arrays(path: Path) -> dict[str, np.ndarray]:
    """Every array of a ``.npz`` file, read without pickle."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"weights file {path}: no such file")
    try:
        with np.load(path, allow_pickle=False) as f:
            return {k: f[k] for k in f.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise InputError(f"weights file {path} is not a readable .npz: {e}") from None


def write_npz(
    path: Path,
    weights: list[np.ndarray],
    biases: list[np.ndarray],
    activation: str,
    metadata: Mapping,
    extra: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Write the documented ``.npz``; ``extra`` arrays (e.g. ``snapshot_cost``) go beside them."""
    sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    # The file says what it is, whatever the caller's metadata claims.
    described = {**metadata, "sizes": sizes, "activation": activation}
    arrays = {f"w{l}": w for l, w in enumerate(weights, start=1)}
    arrays |= {f"b{l}": b for l, b in enumerate(biases, start=1)}
    clashes = sorted(set(extra or {}) & (set(arrays) | {"metadata"}))
    if clashes:
        raise ValueError(f"extra arrays may not be called {clashes}")
    np.savez_compressed(path, metadata=np.array(json.dumps(described)), **arrays, **(extra or {}))


def _read_npz(path: Path, activation: str | None) -> Parameters:
    arrays = read_npz_arrays(path)
    try:
        metadata = json.loads(str(arrays.get("metadata", "{}")))
    except json.JSONDecodeError:
        raise InputError(f"weights file {path}: its metadata is not valid JSON") from None
    if not isinstance(metadata, dict):
        raise InputError(f"weights file {path}: its metadata is not a JSON object")
    # As many layers as the metadata says, else as many as there are w1, w2, ... keys.
    stated = metadata.get("sizes")
    n_layers = len(stated) - 1 if isinstance(stated, list) and len(stated) > 1 else 0
    while f"w{n_layers + 1}" in arrays:
        n_layers += 1
    layers = [(f"w{l}", f"b{l}") for l in range(1, max(n_layers, 1) + 1)]
    weights, biases = _checked_layers(path, arrays, layers)
    if stated is not None and stated != [weights[0].shape[1]] + [w.shape[0] for w in weights]:
        raise InputError(
            f"weights file {path}: its metadata says sizes {quoted(stated)}, "
            f"its arrays make {dashed([weights[0].shape[1]] + [w.shape[0] for w in weights])}"
        )
    # Files written before networks had a choice of activation are all sigmoid networks.
    chosen = _agreeing(path, activation, metadata.get("activation"), DEFAULT_ACTIVATION)
    return Parameters(weights, biases, chosen, metadata)


def _read_safetensors(path: Path, activation: str | None) -> Parameters:
    from safetensors import SafetensorError, safe_open  # only a .safetensors file needs it

    try:
        with safe_open(path, framework="np") as f:
            metadata = dict(f.metadata() or {})
            keys = list(f.keys())
            arrays = {}
            for key in keys:
                try:
                    arrays[key] = f.get_tensor(key)
                except TypeError:  # a dtype numpy has no name for, e.g. bfloat16
                    dtype = f.get_slice(key).get_dtype()
                    raise InputError(
                        f"weights file {path}: {key} is {dtype}, which numpy cannot read; "
                        "save the model as float32 or float64 (model.double())"
                    ) from None
    except InputError:
        raise
    except (SafetensorError, OSError, ValueError) as e:
        raise InputError(f"weights file {path} is not a readable .safetensors: {e}") from None
    others = [k for k in keys if not SEQUENTIAL_KEY.fullmatch(k)]
    if others or not keys:
        found = f"has the key {quoted(others[0])}" if others else "holds no tensors"
        raise InputError(
            f"weights file {path} {found}: expected an nn.Sequential's state dict, "
            "'0.weight', '0.bias', '2.weight', ... (see README: weights format)"
        )
    indices = sorted({int(SEQUENTIAL_KEY.fullmatch(k).group(1)) for k in keys})
    layers = [(f"{i}.weight", f"{i}.bias") for i in indices]
    weights, biases = _checked_layers(path, arrays, layers)
    stated = metadata.get("activation")
    if activation is None and stated is None:
        raise InputError(
            f"weights file {path} does not say its activation: give one of "
            f"{', '.join(ACTIVATIONS)} (or save it in the file's metadata, "
            '{"activation": "relu"})'
        )
    return Parameters(weights, biases, _agreeing(path, activation, stated, None), metadata)


def _agreeing(path: Path, asked: str | None, stated: object, default: str | None) -> str:
    """The activation asked for, or the one the file states; they may not contradict."""
    if stated is not None and (not isinstance(stated, str) or stated not in ACTIVATIONS):
        raise InputError(
            f"weights file {path}: its metadata names the activation {quoted(stated)}; "
            f"known ones are {', '.join(ACTIVATIONS)}"
        )
    if asked is not None and stated is not None and asked != stated:
        raise InputError(
            f"weights file {path} is a {stated} network, not a {asked} one (its metadata says so)"
        )
    return asked or stated or default


def _checked_layers(
    path: Path, arrays: Mapping[str, np.ndarray], layers: list[tuple[str, str]]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The layers ``[(weight key, bias key), ...]`` of ``arrays`` as float64, or why not.

    The first layer must read the 784 pixels, each next one the outputs of the one
    before, and the last must give the 10 digits.
    """
    weights, biases = [], []
    for l, (w_key, b_key) in enumerate(layers):
        for key in (w_key, b_key):
            if key not in arrays:
                raise InputError(f"weights file {path} has no {key!r} (see README: weights format)")
        w, b = arrays[w_key], arrays[b_key]
        n_in = N_INPUTS if l == 0 else weights[-1].shape[0]
        if w.ndim != 2:
            raise InputError(
                f"weights file {path}: {w_key} is {w.dtype} {w.shape}, "
                f"expected a float matrix (n_out, {n_in})"
            )
        n_out = w.shape[0]
        expected, why = (n_out, n_in), ""
        if l == len(layers) - 1 and n_out != N_OUTPUTS:
            expected, why = (N_OUTPUTS, n_in), ": the output layer has 10 neurons, one per digit"
        elif w.shape[1] != n_in:
            why = (
                ": the first layer reads the 784 pixels"
                if l == 0
                else f": layers do not chain ({layers[l - 1][0]} gives {n_in} outputs)"
            )
        for key, value, shape in ((w_key, w, expected), (b_key, b, expected[:1])):
            if value.shape != shape or not np.issubdtype(value.dtype, np.floating):
                raise InputError(
                    f"weights file {path}: {key} is {value.dtype} {value.shape}, "
                    f"expected float {shape}{why if key == w_key else ''}"
                )
            if not np.all(np.isfinite(value)):
                raise InputError(f"weights file {path}: {key} holds NaN or infinite values")
        weights.append(w.astype(np.float64))
        biases.append(b.astype(np.float64))
    return weights, biases
