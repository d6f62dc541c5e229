"""What one first-layer neuron weighs: a digit's pixels pushing it up and pulling it down.

A neuron of the first hidden layer computes ``z = w · x + b``. Each pixel adds
``w_k x_k``: ink on a positive weight pushes the weighted sum up, ink on a negative
one pulls it down. The bias only moves the point where the neuron turns on: ``z``
passes zero (a sigmoid's half-way, where ReLU and tanh turn positive) exactly when
the weighted sum ``w · x`` passes ``-b``, the neuron's threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.mlp import Network


@dataclass(frozen=True)
class WeightedSum:
    """One neuron's ``w_k x_k`` for every pixel ``k`` of one digit, and its bias."""

    contributions: np.ndarray
    bias: float

    @property
    def push(self) -> float:
        """The sum of the positive contributions: how far the ink pushes the neuron up."""
        return float(self.contributions[self.contributions > 0].sum())

    @property
    def pull(self) -> float:
        """The sum of the negative contributions (a negative number)."""
        return float(self.contributions[self.contributions < 0].sum())

    @property
    def total(self) -> float:
        """The weighted sum ``w · x``, push plus pull."""
        return float(self.contributions.sum())

    @property
    def threshold(self) -> float:
        """``-b``: the weighted sum must pass it for ``z`` to be positive."""
        return -self.bias

    @property
    def z(self) -> float:
        return self.total + self.bias


def weighted_sum(net: Network, neuron: int, x: np.ndarray) -> WeightedSum:
    """Neuron ``neuron`` of the first layer after the input, on the image ``x`` (784,)."""
    w = net.weights[0][neuron]
    return WeightedSum(w * np.asarray(x, dtype=float), float(net.biases[0][neuron]))


def thresholded_neuron(net: Network, x: np.ndarray) -> int:
    """The first-layer neuron that shows a threshold best on ``x``: of those ``x`` turns on
    (``z > 0``), the one whose threshold ``-b`` is highest; if none turns on, the one
    ``x`` drives hardest."""
    b = net.biases[0]
    z = net.weights[0] @ np.asarray(x, dtype=float) + b
    on = np.flatnonzero(z > 0)
    if on.size == 0:
        return int(np.argmax(z))
    return int(on[np.argmax(-b[on])])
