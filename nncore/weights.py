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

A file is read only within bounds, checked before any array is (a 2 MB ``.npz``
can hold arrays that decompress to gigabytes): a regular file of at most
:data:`MAX_FILE_BYTES`, layers whose declared shapes chain and hold at most
:data:`MAX_PARAMS` numbers, and every other array at most :data:`MAX_EXTRA_BYTES`.
"""

from __future__ import annotations

import json
import lzma
import math
import re
import struct
import tokenize
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nncore.activations import ACTIVATIONS, DEFAULT_ACTIVATION, activation_named
from nncore.errors import InputError, quoted
from nncore.files import regular_input

N_INPUTS = 784  # a 28x28 digit, pixel by pixel
N_OUTPUTS = 10  # one neuron per digit
SEQUENTIAL_KEY = re.compile(r"(\d+)\.(weight|bias)")
NPZ_LAYER_KEY = re.compile(r"[wb]\d+")
# What a file may hold, so that reading it stays well within a laptop's memory. The
# largest network `nnexplain train` makes has the same cap (nncore.train.check_sizes).
MAX_PARAMS = 4_000_000  # 32 MB as float64: e.g. 784-1024-1024-1024-1024-10
MAX_FILE_BYTES = 200_000_000  # any weights file; float64 parameters and snapshots fit
MAX_EXTRA_BYTES = 16_000_000  # each other array: metadata, snapshots (1,000 epochs fit)
MAX_ARRAYS = 1_000  # arrays in one .npz


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
        One line naming the problem: no file, not a regular file, too large, unreadable,
        a missing key, a wrong dtype or shape, layers that do not chain, more than
        :data:`MAX_PARAMS` parameters, NaN, an unknown or missing activation.
    """
    path = Path(path)
    if activation is not None:
        activation_named(activation)
    regular_input(path, "weights file", MAX_FILE_BYTES)  # a FIFO must not block the read
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


def read_npz_arrays(path: Path, keys: Iterable[str] | None = None) -> dict[str, np.ndarray]:
    """Every array of a ``.npz`` file (or those of ``keys`` it has), read without pickle.

    Every array's header is checked against the caps before any data is read.
    """
    with _npz(Path(path)) as (z, declared):
        wanted = declared if keys is None else [k for k in keys if k in declared]
        return {k: _read_member(z, declared[k]) for k in wanted}


def npz_keys(path: Path) -> list[str]:
    """The names of the arrays of a ``.npz`` file, each checked as :func:`read_npz_arrays` does."""
    with _npz(Path(path)) as (_, declared):
        return list(declared)


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


@dataclass(frozen=True)
class _Declared:
    """An array as its file declares it, before any of its data is read."""

    shape: tuple[int, ...]
    dtype: np.dtype
    member: zipfile.ZipInfo | None = None  # where a .npz holds it

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)  # Python ints: a declared 10**30 does not wrap


# What a damaged zip or .npy can raise, besides InputError (a ValueError itself).
_UNREADABLE_NPZ = (
    OSError,
    ValueError,
    EOFError,
    RuntimeError,  # an encrypted member; NotImplementedError: an unknown compression
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    SyntaxError,  # a .npy header numpy's parser cannot read,
    tokenize.TokenError,  # or cannot even tokenize
)


@contextmanager
def _npz(path: Path) -> Iterator[tuple[zipfile.ZipFile, dict[str, _Declared]]]:
    """The open zip and its arrays as declared, each within the caps; else one line."""
    regular_input(path, "weights file", MAX_FILE_BYTES)
    try:
        with zipfile.ZipFile(path) as z:
            yield z, _declared_npz(path, z)
    except InputError:
        raise
    except _UNREADABLE_NPZ as e:
        why = " ".join(str(e).split())[:120] or type(e).__name__
        raise InputError(f"weights file {path} is not a readable .npz: {why}") from None


def _declared_npz(path: Path, z: zipfile.ZipFile) -> dict[str, _Declared]:
    """Each member's ``.npy`` header, read without its data, and checked against the caps."""
    members = z.infolist()
    if len(members) > MAX_ARRAYS:
        raise InputError(
            f"weights file {path} holds {len(members):,} arrays: at most {MAX_ARRAYS:,}"
        )
    declared = {}
    for info in members:
        if not info.filename.endswith(".npy"):
            raise InputError(
                f"weights file {path}: {quoted(info.filename)} is not an array (.npy); "
                "see README: weights format"
            )
        key = info.filename.removesuffix(".npy")
        with z.open(info) as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, _, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, _, dtype = np.lib.format.read_array_header_2_0(f)
            else:  # 3.0 is only for structured dtypes with non-Latin-1 names: never weights
                raise InputError(f"weights file {path}: {key} is a .npy of version {version}")
        if dtype.hasobject:
            raise InputError(
                f"weights file {path}: {key} holds Python objects (pickle), which are never read"
            )
        declared[key] = _Declared(tuple(shape), dtype, info)
    _check_caps(path, declared)
    return declared


def _check_caps(path: Path, declared: Mapping[str, _Declared]) -> None:
    """Refuse a file whose arrays, as declared, would take more memory than weights need."""
    layers = [k for k in declared if NPZ_LAYER_KEY.fullmatch(k)]
    n = sum(declared[k].size for k in layers)
    if n > MAX_PARAMS:
        raise InputError(
            f"weights file {path}: its arrays {_listed(layers)} declare {n:,} numbers: "
            + _params_cap()
        )
    for key, d in declared.items():
        nbytes = d.size * d.dtype.itemsize
        cap = MAX_PARAMS * 16 if key in layers else MAX_EXTRA_BYTES  # 16: float128's size
        if nbytes > cap:
            raise InputError(
                f"weights file {path}: {key} declares a {d.dtype} {d.shape} array of "
                f"{nbytes / 1e6:,.0f} MB: the limit is {cap / 1e6:,.0f} MB"
            )


def _listed(keys: list[str]) -> str:
    return ", ".join(keys[:4]) + (", ..." if len(keys) > 4 else "")


def _params_cap() -> str:
    return (
        f"a weights file holds at most {MAX_PARAMS:,} parameters (e.g. 784-1024-1024-1024-1024-10)"
    )


def _read_member(z: zipfile.ZipFile, d: _Declared) -> np.ndarray:
    """The array of a checked member: at most as many bytes as its header declared."""
    with z.open(d.member) as f:
        return np.lib.format.read_array(f, allow_pickle=False)


def _read_npz(path: Path, activation: str | None) -> Parameters:
    with _npz(path) as (z, declared):
        metadata = {}
        if "metadata" in declared:
            metadata = _metadata(path, _read_member(z, declared["metadata"]))
        # As many layers as the metadata says, else as many as there are w1, w2, ... keys.
        stated = metadata.get("sizes")
        n_layers = len(stated) - 1 if isinstance(stated, list) and len(stated) > 1 else 0
        while f"w{n_layers + 1}" in declared:
            n_layers += 1
        layers = [(f"w{l}", f"b{l}") for l in range(1, max(n_layers, 1) + 1)]
        _checked_shapes(path, declared, layers)  # before a single number is read
        arrays = {k: _read_member(z, declared[k]) for pair in layers for k in pair}
    weights, biases = _checked_values(path, arrays, layers)
    if stated is not None and stated != [weights[0].shape[1]] + [w.shape[0] for w in weights]:
        raise InputError(
            f"weights file {path}: its metadata says sizes {quoted(stated)}, "
            f"its arrays make {dashed([weights[0].shape[1]] + [w.shape[0] for w in weights])}"
        )
    # Files written before networks had a choice of activation are all sigmoid networks.
    chosen = _agreeing(path, activation, metadata.get("activation"), DEFAULT_ACTIVATION)
    return Parameters(weights, biases, chosen, metadata)


def _metadata(path: Path, array: np.ndarray) -> dict:
    """The JSON object of a ``metadata`` array, or why not."""
    try:
        metadata = json.loads(str(array))
    except (json.JSONDecodeError, RecursionError):  # RecursionError: [[[[... nested too deep
        raise InputError(f"weights file {path}: its metadata is not valid JSON") from None
    if not isinstance(metadata, dict):
        raise InputError(f"weights file {path}: its metadata is not a JSON object")
    return metadata


# safetensors' dtype names that numpy reads; BF16 and the F8 kinds it cannot.
SAFETENSORS_DTYPES = {
    "F16": "float16",
    "F32": "float32",
    "F64": "float64",
    "I8": "int8",
    "I16": "int16",
    "I32": "int32",
    "I64": "int64",
    "U8": "uint8",
    "U16": "uint16",
    "U32": "uint32",
    "U64": "uint64",
    "BOOL": "bool",
}


def _read_safetensors(path: Path, activation: str | None) -> Parameters:
    from safetensors import SafetensorError, safe_open  # only a .safetensors file needs it

    try:
        with safe_open(path, framework="np") as f:
            metadata = dict(f.metadata() or {})
            keys = list(f.keys())
            others = [k for k in keys if not SEQUENTIAL_KEY.fullmatch(k)]
            if others or not keys:
                found = f"has the key {quoted(others[0])}" if others else "holds no tensors"
                raise InputError(
                    f"weights file {path} {found}: expected an nn.Sequential's state dict, "
                    "'0.weight', '0.bias', '2.weight', ... (see README: weights format)"
                )
            # safe_open reads only the JSON header: every shape is checked before any tensor.
            declared = {k: _declared_tensor(path, k, f.get_slice(k)) for k in keys}
            indices = sorted({int(SEQUENTIAL_KEY.fullmatch(k).group(1)) for k in keys})
            layers = [(f"{i}.weight", f"{i}.bias") for i in indices]
            _checked_shapes(path, declared, layers)
            arrays = {k: f.get_tensor(k) for pair in layers for k in pair}
    except InputError:
        raise
    except (SafetensorError, OSError, ValueError) as e:
        why = " ".join(str(e).split())[:120]
        raise InputError(f"weights file {path} is not a readable .safetensors: {why}") from None
    weights, biases = _checked_values(path, arrays, layers)
    stated = metadata.get("activation")
    if activation is None and stated is None:
        raise InputError(
            f"weights file {path} does not say its activation: give one of "
            f"{', '.join(ACTIVATIONS)} (or save it in the file's metadata, "
            '{"activation": "relu"})'
        )
    return Parameters(weights, biases, _agreeing(path, activation, stated, None), metadata)


def _declared_tensor(path: Path, key: str, tensor: object) -> _Declared:
    dtype = tensor.get_dtype()
    if dtype not in SAFETENSORS_DTYPES:
        raise InputError(
            f"weights file {path}: {key} is {dtype}, which numpy cannot read; "
            "save the model as float32 or float64 (model.double())"
        )
    return _Declared(tuple(tensor.get_shape()), np.dtype(SAFETENSORS_DTYPES[dtype]))


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


def _checked_shapes(
    path: Path, declared: Mapping[str, _Declared], layers: list[tuple[str, str]]
) -> None:
    """Refuse layers ``[(weight key, bias key), ...]`` whose declared shapes make no network.

    The first layer must read the 784 pixels, each next one the outputs of the one
    before, and the last must give the 10 digits; all of them hold at most
    :data:`MAX_PARAMS` numbers. Only headers are looked at: nothing is read yet.
    """
    n_in = N_INPUTS
    for l, (w_key, b_key) in enumerate(layers):
        for key in (w_key, b_key):
            if key not in declared:
                raise InputError(f"weights file {path} has no {key!r} (see README: weights format)")
        w, b = declared[w_key], declared[b_key]
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
        n_in = n_out
    n = sum(declared[k].size for pair in layers for k in pair)
    if n > MAX_PARAMS:
        raise InputError(f"weights file {path} holds {n:,} parameters: {_params_cap()}")


def _checked_values(
    path: Path, arrays: Mapping[str, np.ndarray], layers: list[tuple[str, str]]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The layers of ``arrays``, shapes checked already, as float64; refused if not finite."""
    weights, biases = [], []
    for w_key, b_key in layers:
        for key in (w_key, b_key):
            if not np.all(np.isfinite(arrays[key])):
                raise InputError(f"weights file {path}: {key} holds NaN or infinite values")
        weights.append(arrays[w_key].astype(np.float64))
        biases.append(arrays[b_key].astype(np.float64))
    return weights, biases
