"""The squashing functions a neuron can use, each with its derivative and its formula.

A network uses one of them in every layer, the output layer included: layer ``l``
computes ``a = f(z)`` and backprop multiplies by ``f'(z)``. The formulas are Typst
math, for the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore.errors import InputError, quoted


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def relu_prime(z: np.ndarray) -> np.ndarray:
    # The kink at 0 gets slope 0, as in torch, so both take the same path through it.
    return (z > 0).astype(np.float64)


def tanh(z: np.ndarray) -> np.ndarray:
    return np.tanh(z)


def tanh_prime(z: np.ndarray) -> np.ndarray:
    return 1.0 - np.tanh(z) ** 2


@dataclass(frozen=True)
class Activation:
    """One squashing function ``f``, its derivative ``prime`` and both as Typst math."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    prime: Callable[[np.ndarray], np.ndarray]
    formula: str
    prime_formula: str


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            sigmoid,
            sigmoid_prime,
            "sigma(z) = 1/(1+e^(-z))",
            "sigma'(z) = sigma(z) (1 - sigma(z))",
        ),
        Activation(
            "relu",
            relu,
            relu_prime,
            '"ReLU"(z) = max(0, z)',
            '"ReLU"\'(z) = cases(1 "if" z > 0, 0 "otherwise")',
        ),
        Activation(
            "tanh",
            tanh,
            tanh_prime,
            "tanh(z) = (e^z - e^(-z))/(e^z + e^(-z))",
            "tanh'(z) = 1 - tanh^2(z)",
        ),
    )
}
DEFAULT_ACTIVATION = "sigmoid"


def activation_named(name: str) -> Activation:
    """The activation called ``name``, or an :class:`InputError` listing the known ones."""
    if name not in ACTIVATIONS:
        raise InputError(
            f"unknown activation {quoted(name)}: choose one of {', '.join(ACTIVATIONS)}"
        )
    return ACTIVATIONS[name]
