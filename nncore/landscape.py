"""The cost as a landscape: slices of the average training cost through real parameters.

The cost function takes all of a network's parameters (13,002 for 784-16-16-10) and
gives one number: the quadratic cost averaged over the 4,000 training digits. That
landscape cannot be drawn, but a slice of it can: move one parameter (or two) away
from its value, keep every other one where it is, and read the cost. A walk down a
slice is gradient descent in one or two dimensions: each step goes against the
slope, as far as the slope is steep::

    offset <- offset - eta * dC/d(parameter)

The slope is backprop's entry for that parameter, averaged over the same digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nncore.mlp import Network, cost_terms, one_hot


@dataclass(frozen=True)
class Digits:
    """The examples a cost is averaged over: ``images`` (n, 784) and their ``labels``."""

    images: np.ndarray
    labels: np.ndarray

    @property
    def targets(self) -> np.ndarray:
        return np.stack([one_hot(int(d)) for d in self.labels])


def moved(net: Network, indices: Sequence[int], offsets: Sequence[float]) -> Network:
    """A copy of ``net`` with each parameter ``indices[i]`` (of :meth:`Network.flat`) moved."""
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    for index, offset in zip(indices, offsets):
        kind, l, where = net.locate(index)
        (weights if kind == "w" else biases)[l - 1][where] += offset
    return Network(weights, biases, net.activation, dict(net.metadata))


def average_cost(net: Network, digits: Digits) -> float:
    """The quadratic cost ``sum_j (a_j - y_j)^2`` averaged over ``digits``."""
    output = net.feedforward(digits.images).output
    return float(cost_terms(output, digits.targets).sum(axis=1).mean())


def slope(net: Network, indices: Sequence[int], digits: Digits) -> np.ndarray:
    """``dC/dp`` of the average cost for each parameter ``p`` of ``indices`` (backprop)."""
    return net.backprop(digits.images, digits.targets).flat()[list(indices)]


def cost_slice(
    net: Network, indices: Sequence[int], grids: Sequence[np.ndarray], digits: Digits
) -> np.ndarray:
    """The average cost with the parameters moved by every combination of the ``grids``.

    One parameter and one grid of offsets give a curve, ``costs[k]``; two give a
    surface, ``costs[k1, k2]``. The layers before the first moved parameter's are
    the same at every point, so the digits go through them once.
    """
    first = min(net.locate(i)[1] for i in indices)  # the earliest weight layer moved
    reaching = net.feedforward(digits.images).activations[first - 1]
    f = net.activation_function.f
    targets = digits.targets
    mesh = np.meshgrid(*grids, indexing="ij")
    costs = np.empty(mesh[0].shape)
    for at in np.ndindex(costs.shape):
        there = moved(net, indices, [m[at] for m in mesh])
        a = reaching
        for w, b in zip(there.weights[first - 1 :], there.biases[first - 1 :]):
            a = f(a @ w.T + b)
        costs[at] = float(cost_terms(a, targets).sum(axis=1).mean())
    return costs


def mini_batch(count: int, size: int, seed: int, k: int = 0) -> np.ndarray:
    """The indices of mini-batch ``k`` (from 0) of ``count`` examples shuffled with ``seed``.

    The shuffle is ``nncore.train``'s first epoch's: ``default_rng(seed).permutation``,
    cut into runs of ``size``; past the last batch it starts over.
    """
    order = np.random.default_rng(seed).permutation(count)
    start = k * size % count
    return order[start : start + size]


def descend(
    net: Network,
    indices: Sequence[int],
    start: Sequence[float],
    eta: float,
    steps: int,
    digits: Digits,
    batch_size: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """A walk down the slice: ``steps`` gradient steps on the parameters ``indices`` alone.

    Returns ``(steps + 1, len(indices) + 1)`` rows of offsets and the cost there,
    the start first. With ``batch_size``, each step's slope is that of a mini-batch
    drawn in a seeded shuffled order (:func:`mini_batch`, stochastic gradient
    descent): quick, noisy steps; without it, each step's slope is that of all the
    digits. The cost of every row is always the average over all the digits.
    """
    at = np.array(start, dtype=float)
    path = []
    for step in range(steps + 1):
        here = moved(net, indices, at)
        path.append([*at, average_cost(here, digits)])
        if step == steps:
            break
        if batch_size is None:
            batch = digits
        else:
            picked = mini_batch(len(digits.labels), batch_size, seed, step)
            batch = Digits(digits.images[picked], digits.labels[picked])
        at = at - eta * slope(here, indices, batch)
    return np.array(path)


def local_minima(costs: np.ndarray) -> list[int]:
    """Where a sampled curve is lower than both its neighbours (its ends excluded)."""
    return [
        k for k in range(1, len(costs) - 1) if costs[k] < costs[k - 1] and costs[k] < costs[k + 1]
    ]


def steepest(net: Network, digits: Digits, count: int = 1, kind: str = "w") -> list[int]:
    """The ``count`` parameters of ``kind`` (``"w"`` or ``"b"``) whose slope is steepest.

    The slices through them show the most: the cost changes most along them.
    """
    grad = np.abs(net.backprop(digits.images, digits.targets).flat())
    ranked = [int(i) for i in np.argsort(-grad, kind="stable")]
    return [i for i in ranked if net.locate(i)[0] == kind][:count]
