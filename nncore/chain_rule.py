"""The chain rule along one path: how one last-layer weight moves the cost of one digit.

For the weight ``w`` from neuron ``k`` of the layer before to output neuron ``j``::

    z = ... + w a_prev + ...      a = f(z)      C = ... + (a - y)^2 + ...

so ``dC/dw = dz/dw * da/dz * dC/da = a_prev * f'(z) * 2 (a - y)``: three factors a
viewer can point at, and their product is backprop's entry for that weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.mlp import Network, one_hot


@dataclass(frozen=True)
class ChainRule:
    """The factors of ``dC/dw`` for one output weight, at one digit."""

    a_prev: float  # dz/dw: the activation the weight multiplies
    z: float  # the output neuron's weighted sum
    prime: float  # da/dz = f'(z)
    a: float  # the output neuron's activation
    y: float  # what it should be: 1 for the right digit, else 0

    @property
    def dc_da(self) -> float:
        return 2.0 * (self.a - self.y)

    @property
    def product(self) -> float:
        """``a_prev * f'(z) * 2 (a - y)``."""
        return self.a_prev * self.prime * self.dc_da


def output_weight(net: Network, x: np.ndarray, label: int, j: int, k: int) -> ChainRule:
    """The chain rule's factors for the weight from neuron ``k`` to output ``j``."""
    f = net.feedforward(x)
    z = float(f.zs[-1][j])
    return ChainRule(
        a_prev=float(f.activations[-2][k]),
        z=z,
        prime=float(net.activation_function.prime(np.array(z))),
        a=float(f.output[j]),
        y=float(one_hot(label)[j]),
    )
