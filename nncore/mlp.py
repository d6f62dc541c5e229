"""The digit network: an MLP from 784 pixels to 10 digits, quadratic cost, backprop.

The shipped one is 784-16-16-10 with sigmoid neurons; any number and width of
hidden layers (none too: 784-10) and the activations of :mod:`nncore.activations`
(sigmoid, relu, tanh; one per network, in every layer) work the same way.

The names are the ones on screen: layer ``l`` computes ``z = W a + b`` and
``a' = f(z)``; the cost is ``C = sum_j (a_j - y_j)^2``; backprop gives each
layer's ``delta = dC/dz`` and from it ``dC/dW``, ``dC/db``. Every function takes
one example ``(n,)`` or a batch ``(N, n)`` of them, one example per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nncore import weights as weights_file
from nncore.activations import (  # noqa: F401 (sigmoid, sigmoid_prime: used as nncore.mlp.*)
    ACTIVATIONS,
    DEFAULT_ACTIVATION,
    Activation,
    activation_named,
    sigmoid,
    sigmoid_prime,
)

SIZES = (784, 16, 16, 10)  # the shipped network
UNTRAINED_SEED = 9  # the "wrong output" examples: an untrained network, this seed
# How an untrained network is drawn. "standard" is Nielsen's network.py and the
# shipped network's. "scaled" keeps every z of order 1 however wide the layer before
# (weights / sqrt(n_in), as in his network2.py) and starts the biases at 0: with
# N(0, 1) biases a relu output neuron can start dead for every digit and never learn.
INITS = {"standard": "N(0, 1)", "scaled": "w: N(0, 1/n_in), b: 0"}


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


def n_params(sizes: tuple[int, ...]) -> int:
    """How many weights and biases a network of ``sizes`` has: ``n_in n_out + n_out`` per layer."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


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

    Lists run over the weight layers, first hidden layer first. For a batch the
    deltas are per example and the gradients are of the mean cost.
    """

    deltas: list[np.ndarray]
    nabla_w: list[np.ndarray]
    nabla_b: list[np.ndarray]

    def flat(self) -> np.ndarray:
        """Every partial derivative (13,002 for 784-16-16-10) in :meth:`Network.flat` order."""
        return np.concatenate([g.ravel() for pair in zip(self.nabla_w, self.nabla_b) for g in pair])


@dataclass
class Network:
    """Weights ``weights[l]`` (n_out, n_in), biases ``biases[l]`` (n_out,), one activation.

    ``activation`` names an entry of :data:`~nncore.activations.ACTIVATIONS`:
    ``ACTIVATIONS[net.activation].formula`` is its formula for the screen.
    """

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    activation: str = DEFAULT_ACTIVATION
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        activation_named(self.activation)

    @classmethod
    def random(
        cls,
        seed: int = UNTRAINED_SEED,
        sizes: tuple[int, ...] = SIZES,
        activation: str = DEFAULT_ACTIVATION,
        init: str = "standard",
    ) -> Network:
        """An untrained network: every weight and bias drawn from N(0, 1), as in Nielsen.

        With ``init="scaled"`` the weights into a neuron are N(0, 1/n_in) and the
        biases 0 instead (see :data:`INITS`). All the weights are drawn first, layer
        by layer, then the biases, so a seed gives the shipped sizes the network it
        always has.
        """
        if init not in INITS:
            raise ValueError(f"init {init!r} is not one of {list(INITS)}")
        rng = np.random.default_rng(seed)
        weights = [rng.standard_normal((n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
        biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
        if init == "scaled":
            weights = [w / np.sqrt(w.shape[1]) for w in weights]
            biases = [np.zeros_like(b) for b in biases]
        metadata = {"kind": "untrained", "seed": seed, "init": INITS[init]}
        return cls(weights, biases, activation, metadata)

    @property
    def activation_function(self) -> Activation:
        """The activation ``f`` with its derivative and formulas (``.formula``, ``.prime``)."""
        return ACTIVATIONS[self.activation]

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[1],) + tuple(w.shape[0] for w in self.weights)

    @property
    def n_params(self) -> int:
        """``sum_l n_in n_out + n_out``: 13,002 for 784-16-16-10, 25,450 for 784-32-10."""
        return n_params(self.sizes)

    def flat(self) -> np.ndarray:
        """Every parameter in one vector: W1, b1, W2, b2, ..., each row by row."""
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
        f = self.activation_function.f
        zs: list[np.ndarray | None] = [None]
        activations = [np.asarray(x, dtype=np.float64)]
        for w, b in zip(self.weights, self.biases):
            z = activations[-1] @ w.T + b  # z = W a + b, for every row at once
            zs.append(z)
            activations.append(f(z))
        return Forward(zs, activations)

    def predict(self, x: np.ndarray) -> np.ndarray | int:
        out = self.feedforward(x).output
        return int(np.argmax(out)) if out.ndim == 1 else np.argmax(out, axis=1)

    def backprop(self, x: np.ndarray, y: np.ndarray) -> Gradient:
        """The gradient of the cost at ``x`` with desired output ``y``."""
        prime = self.activation_function.prime
        f = self.feedforward(x)
        n_examples = len(np.atleast_2d(f.output))
        # Output layer: dC/da = 2 (a - y), times da/dz = f'(z).
        delta = 2.0 * (f.output - y) * prime(f.zs[-1])
        deltas = [delta]
        # Earlier layers: each neuron's share of the next layer's deltas, through W.
        for l in range(len(self.weights) - 1, 0, -1):
            delta = (delta @ self.weights[l]) * prime(f.zs[l])
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
            self.activation,
            dict(self.metadata),
        )

    def accuracy(self, images: np.ndarray, labels: np.ndarray) -> float:
        return float(np.mean(self.predict(images) == labels))

    def save(self, path: Path, extra: dict[str, np.ndarray] | None = None) -> None:
        """Write the documented weights format: a plain (pickle-free) ``.npz``.

        Keys ``w1..wL`` (shape (n_out, n_in)), ``b1..bL`` (n_out,), and ``metadata``,
        a JSON string that also records ``sizes`` and ``activation``; ``extra``
        arrays (training snapshots) are stored beside them under their own keys.
        """
        weights_file.write_npz(
            path, self.weights, self.biases, self.activation, self.metadata, extra
        )

    @classmethod
    def load(
        cls, path: Path, activation: str | None = None, sizes: tuple[int, ...] | None = None
    ) -> Network:
        """Read a ``.npz`` or a PyTorch ``.safetensors`` file, checked layer by layer.

        Parameters
        ----------
        path : Path
            Our ``.npz`` (any sizes; one without an activation in its metadata is a
            sigmoid network) or an ``nn.Sequential`` state dict as ``.safetensors``.
        activation : str, optional
            The activation of a ``.safetensors`` file whose metadata names none.
            If the file names one, this must be the same.
        sizes : tuple of int, optional
            Refuse every other network (e.g. ``SIZES``, for a scene that draws that one).

        Raises
        ------
        InputError
            One line naming what is wrong (see :func:`nncore.weights.read`).
        """
        p = weights_file.read(path, activation, sizes)
        return cls(p.weights, p.biases, p.activation, p.metadata)

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
