"""What the network sees in one digit: the numbers behind ``nnexplain inspect``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.errors import InputError
from nncore.mlp import Network, cost, one_hot


@dataclass
class Component:
    """One partial derivative of the cost, named as on screen (``w2[3, 7]``, ``b3[4]``)."""

    name: str
    value: float


@dataclass
class Report:
    x: np.ndarray
    label: int | None
    prediction: int
    zs: list[np.ndarray]
    activations: list[np.ndarray]
    cost: float | None
    gradient_norms: list[dict[str, float]] | None
    largest: list[Component]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


def check_label(label: int | None) -> None:
    if label is not None and not 0 <= label <= 9:
        raise InputError(f"label {label} is not a digit: use 0 to 9")


def inspect(net: Network, x: np.ndarray, label: int | None, top: int = 5) -> Report:
    """Feed ``x`` forward; with a label, also the cost and its largest gradient components."""
    check_label(label)
    f = net.feedforward(x)
    prediction = int(np.argmax(f.output))
    if label is None:
        return Report(x, None, prediction, f.zs[1:], f.activations, None, None, [])
    y = one_hot(label)
    g = net.backprop(x, y)
    values = g.flat()
    biggest = np.argsort(-np.abs(values), kind="stable")[:top]
    largest = [Component(net.parameter_name(int(i)), float(values[i])) for i in biggest]
    norms = [
        {"layer": l, "weights": float(np.linalg.norm(gw)), "biases": float(np.linalg.norm(gb))}
        for l, (gw, gb) in enumerate(zip(g.nabla_w, g.nabla_b), start=1)
    ]
    return Report(x, label, prediction, f.zs[1:], f.activations, cost(f.output, y), norms, largest)
