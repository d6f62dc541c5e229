"""The digit network: 784-16-16-10, sigmoid neurons, quadratic cost, backprop.

The names are the ones on screen: layer ``l`` computes ``z = W a + b`` and
``a' = sigmoid(z)``; the cost is ``C = sum_j (a_j - y_j)^2``; backprop gives each
layer's ``delta = dC/dz`` and from it ``dC/dW``, ``dC/db``. Every function takes
one example ``(n,)`` or a batch ``(N, n)`` of them, one example per row.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nncore.errors import InputError

SIZES = (784, 16, 16, 10)
UNTRAINED_SEED = 9  # the "wrong output" examples: an untrained network, this seed


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    s = sigmoid(z)
    return s * (1.0 - s)


def one_hot(label: int, n: int = SIZES[-1]) -> np.ndarray:
    """The desired output for ``label``: 1 at that digit, 0 elsewhere."""
    y = np.zeros(n)
    y[label] = 1.0
    return y


def cost_terms(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The cost's terms ``(a_j - y_j)^2``, one per output neuron (per example for a batch)."""
    return (a - y) ** 2


def cost(a: np.ndarray, y: np.ndarray) -> float:
    """3Blue1Brown's cost of one example, ``sum_j (a_j - y_j)^2``; the mean over a batch."""
    return float(np.mean(np.sum(cost_terms(a, y), axis=-1)))


@dataclass
class Forward:
    """What feed-forward computed: ``zs[l]`` and ``activations[l]``, input first.

    ``activations[0]`` is the input; ``zs[0]`` is None (the input has no z).
    """

    zs: list[np.ndarray | None]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass
class Gradient:
    """Backprop's result: ``deltas[l] = dC/dz``, ``nabla_w[l] = dC/dW``, ``nabla_b[l] = dC/db``.

    Lists run over the 3 weight layers, first hidden layer first. For a batch the
    deltas are per example and the gradients are of the mean cost.
    """

    deltas: list[np.ndarray]
    nabla_w: list[np.ndarray]
    nabla_b: list[np.ndarray]

    def flat(self) -> np.ndarray:
        """All 13,002 partial derivatives in :meth:`Network.flat` order."""
        return np.concatenate([g.ravel() for pair in zip(self.nabla_w, self.nabla_b) for g in pair])


@dataclass
class Network:
    """Weights ``weights[l]`` of shape (n_out, n_in) and biases ``biases[l]`` (n_out,)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    metadata: dict = field(default_factory=dict)

    @classmethod
    def random(cls, seed: int = UNTRAINED_SEED, sizes: tuple[int, ...] = SIZES) -> Network:
        """An untrained network: every weight and bias drawn from N(0, 1), as in Nielsen."""
        rng = np.random.default_rng(seed)
        weights = [rng.standard_normal((n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
        biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
        return cls(weights, biases, {"kind": "untrained", "seed": seed, "init": "N(0, 1)"})

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[1],) + tuple(w.shape[0] for w in self.weights)

    @property
    def n_params(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def flat(self) -> np.ndarray:
        """Every parameter in one vector: W1, b1, W2, b2, W3, b3, each row by row."""
        return np.concatenate([p.ravel() for pair in zip(self.weights, self.biases) for p in pair])

    def locate(self, index: int) -> tuple[str, int, tuple[int, ...]]:
        """Where entry ``index`` of :meth:`flat` lives: ``("w", l, (j, k))`` or ``("b", l, (j,))``.

        ``l`` counts weight layers from 1; ``j`` is the neuron fed, ``k`` the one feeding it.
        """
        for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1):
            if index < w.size:
                j, k = np.unravel_index(index, w.shape)
                return "w", l, (int(j), int(k))
            index -= w.size
            if index < b.size:
                return "b", l, (index,)
            index -= b.size
        raise IndexError("parameter index out of range")

    def parameter_name(self, index: int) -> str:
        """The on-screen name of entry ``index`` of :meth:`flat`, e.g. ``w2[3, 7]`` or ``b3[4]``."""
        kind, l, where = self.locate(index)
        return f"{kind}{l}[{', '.join(map(str, where))}]"

    def feedforward(self, x: np.ndarray) -> Forward:
        zs: list[np.ndarray | None] = [None]
        activations = [np.asarray(x, dtype=np.float64)]
        for w, b in zip(self.weights, self.biases):
            z = activations[-1] @ w.T + b  # z = W a + b, for every row at once
            zs.append(z)
            activations.append(sigmoid(z))
        return Forward(zs, activations)

    def predict(self, x: np.ndarray) -> np.ndarray | int:
        out = self.feedforward(x).output
        return int(np.argmax(out)) if out.ndim == 1 else np.argmax(out, axis=1)

    def backprop(self, x: np.ndarray, y: np.ndarray) -> Gradient:
        """The gradient of the cost at ``x`` with desired output ``y``."""
        f = self.feedforward(x)
        n_examples = len(np.atleast_2d(f.output))
        # Output layer: dC/da = 2 (a - y), times da/dz = sigmoid'(z).
        delta = 2.0 * (f.output - y) * sigmoid_prime(f.zs[-1])
        deltas = [delta]
        # Earlier layers: each neuron's share of the next layer's deltas, through W.
        for l in range(len(self.weights) - 1, 0, -1):
            delta = (delta @ self.weights[l]) * sigmoid_prime(f.zs[l])
            deltas.insert(0, delta)
        # dC/dW_jk = delta_j a_k and dC/db_j = delta_j, averaged over the examples.
        batch_deltas = [np.atleast_2d(d) for d in deltas]
        batch_inputs = [np.atleast_2d(a) for a in f.activations[:-1]]
        nabla_w = [d.T @ a / n_examples for d, a in zip(batch_deltas, batch_inputs)]
        nabla_b = [d.sum(axis=0) / n_examples for d in batch_deltas]
        return Gradient(deltas, nabla_w, nabla_b)

    def step(self, gradient: Gradient, eta: float) -> Network:
        """One gradient-descent step: a new network moved by ``-eta * gradient``."""
        return Network(
            [w - eta * g for w, g in zip(self.weights, gradient.nabla_w)],
            [b - eta * g for b, g in zip(self.biases, gradient.nabla_b)],
            dict(self.metadata),
        )

    def accuracy(self, images: np.ndarray, labels: np.ndarray) -> float:
        return float(np.mean(self.predict(images) == labels))

    def save(self, path: Path) -> None:
        """Write the documented weights format: a plain (pickle-free) ``.npz``.

        Keys ``w1 w2 w3`` (shape (n_out, n_in)), ``b1 b2 b3`` (n_out,), and
        ``metadata``, a JSON string.
        """
        arrays = {f"w{l + 1}": w for l, w in enumerate(self.weights)}
        arrays |= {f"b{l + 1}": b for l, b in enumerate(self.biases)}
        np.savez_compressed(path, metadata=np.array(json.dumps(self.metadata)), **arrays)

    @classmethod
    def load(cls, path: Path) -> Network:
        """Read a weights file, checking that it is a 784-16-16-10 network of finite numbers."""
        path = Path(path)
        if not path.is_file():
            raise InputError(f"weights file {path}: no such file")
        try:
            with np.load(path, allow_pickle=False) as f:
                arrays = {k: f[k] for k in f.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
            raise InputError(f"weights file {path} is not a readable .npz: {e}") from None
        weights, biases = [], []
        for l, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:]), start=1):
            for key, shape, out in ((f"w{l}", (n_out, n_in), weights), (f"b{l}", (n_out,), biases)):
                if key not in arrays:
                    raise InputError(
                        f"weights file {path} has no {key!r} (see README: weights format)"
                    )
                value = arrays[key]
                if value.shape != shape or not np.issubdtype(value.dtype, np.floating):
                    raise InputError(
                        f"weights file {path}: {key} is {value.dtype} {value.shape}, "
                        f"expected float {shape} for a 784-16-16-10 network"
                    )
                if not np.all(np.isfinite(value)):
                    raise InputError(f"weights file {path}: {key} holds NaN or infinite values")
                out.append(value.astype(np.float64))
        try:
            metadata = json.loads(str(arrays.get("metadata", "{}")))
        except json.JSONDecodeError:
            raise InputError(f"weights file {path}: its metadata is not valid JSON") from None
        return cls(weights, biases, metadata)

    def activation_gradients(self, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        """``dC/da`` for every layer, input first: how the cost wants each activation to move.

        The output's is ``2 (a - y)``; every earlier layer's is ``W^T delta`` of the
        layer after it, each neuron's weighted share of the next layer's deltas
        (backprop's own deltas, from :meth:`backprop`). Its negative is the
        "desired change" of each activation. For a batch, one row per example, of
        that example's own cost (like ``Gradient.deltas``).
        """
        f = self.feedforward(x)
        deltas = self.backprop(x, y).deltas
        grads = [2.0 * (f.output - y)]
        for w, delta in zip(reversed(self.weights), reversed(deltas)):
            grads.insert(0, delta @ w)  # (W^T delta) for every row at once: (n_in,) or (N, n_in)
        return grads

    def activation_gradient_shares(self, x: np.ndarray, y: np.ndarray, layer: int) -> np.ndarray:
        """Each next-layer neuron's share of ``dC/da`` of ``layer`` (0 = input), one example.

        Row ``j`` is ``delta_j W[j]``: what neuron ``j`` of layer ``layer + 1`` alone
        asks of the activations feeding it (negated, its "wish"). The rows add up to
        ``activation_gradients(x, y)[layer]``. Shape ``(sizes[layer + 1], sizes[layer])``.
        """
        delta = self.backprop(x, y).deltas[layer]  # (n_next,): dC/dz of layer + 1
        return delta[:, None] * self.weights[layer]
