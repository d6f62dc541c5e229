"""Feed-forward plus backprop over the 5,000 shipped digits: nncore against torch autograd.

Both compute the gradient of the mean cost ``C = sum_j (a_j - y_j)^2`` over one
batch of all 5,000 digits in float64, with the trained network's weights. Run by
:func:`bench.isolated.run_isolated`, single-threaded.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

from bench import isolated
from bench.timing import median, median_ratio, per_call
from nncore import data
from nncore.mlp import Network
from nncore.train import trained_network

CALLS = 10  # backprops per sample: one takes tens of milliseconds


def _torch_gradient(net: Network, x: np.ndarray, y: np.ndarray) -> Callable[[], np.ndarray]:
    """A function computing the same gradient as ``net.backprop(x, y)`` with torch autograd.

    It returns the gradient in :meth:`~nncore.mlp.Gradient.flat` order.
    """
    params = [
        torch.tensor(p, requires_grad=True) for pair in zip(net.weights, net.biases) for p in pair
    ]
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)

    def gradient() -> np.ndarray:
        a = xs
        for w, b in zip(params[0::2], params[1::2]):
            a = torch.sigmoid(a @ w.T + b)
        cost = ((a - ys) ** 2).sum(dim=1).mean()
        return torch.cat([g.ravel() for g in torch.autograd.grad(cost, params)]).numpy()

    return gradient


def measure(repeat: int) -> dict:
    """Milliseconds per backprop for each, their ratio, and how far their gradients differ."""
    return isolated.run_isolated(__name__, str(repeat))


def _samples(repeat: int) -> dict:
    """:func:`measure`, in the single-threaded child process."""
    torch.set_num_threads(isolated.THREADS)
    net = trained_network()
    x, labels = data.load_mnist()
    y = np.eye(net.sizes[-1])[labels]
    ours = lambda: net.backprop(x, y).flat()  # noqa: E731
    theirs = _torch_gradient(net, x, y)
    difference = float(np.max(np.abs(ours() - theirs())))  # also the warm-up
    nncore_s, torch_s = [], []
    for _ in range(repeat):
        nncore_s.append(per_call(ours, CALLS))
        torch_s.append(per_call(theirs, CALLS))
    return {
        "examples": len(labels),
        "threads": isolated.THREADS,
        "nncore_ms": 1000 * median(nncore_s),
        "torch_ms": 1000 * median(torch_s),
        "ratio_nncore_torch": median_ratio(nncore_s, torch_s),
        "max_abs_difference": difference,
        "samples": {"nncore_seconds": nncore_s, "torch_seconds": torch_s},
    }


if __name__ == "__main__":
    isolated.child_main(_samples)
