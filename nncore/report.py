"""What the network sees in one digit: the numbers behind ``nnexplain inspect``.

Weights a file may hold can be large enough (every one 1e150) that the numbers
overflow float64. The report still says what the network computes, infinity,
NaN or saturated neurons, and adds a note that says so in one line; numpy's
warnings are silenced, since the notes say it better.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    notes: list[str] = field(default_factory=list)  # one line each: overflow, saturation

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


def check_label(label: int | None) -> None:
    if label is not None and not 0 <= label <= 9:
        raise InputError(f"label {label} is not a digit: use 0 to 9")


def inspect(net: Network, x: np.ndarray, label: int | None, top: int = 5) -> Report:
    """Feed ``x`` forward; with a label, also the cost and its largest gradient components."""
    check_label(label)
    with np.errstate(all="ignore"):  # overflow is reported in the notes, not as warnings
        f = net.feedforward(x)
        # NaN never wins (np.argmax would pick the first NaN); infinity does.
        prediction = int(np.argmax(np.where(np.isnan(f.output), -np.inf, f.output)))
        notes = _notes(net, f.zs[1:], f.output, prediction)
        if label is None:
            return Report(x, None, prediction, f.zs[1:], f.activations, None, None, [], notes)
        y = one_hot(label)
        g = net.backprop(x, y)
        values = g.flat()
        # Largest magnitude first; NaN (no magnitude) last.
        biggest = np.argsort(-np.nan_to_num(np.abs(values), nan=-1.0), kind="stable")[:top]
        largest = [Component(net.parameter_name(int(i)), float(values[i])) for i in biggest]
        norms = [
            {"layer": l, "weights": float(np.linalg.norm(gw)), "biases": float(np.linalg.norm(gb))}
            for l, (gw, gb) in enumerate(zip(g.nabla_w, g.nabla_b), start=1)
        ]
        c = cost(f.output, y)
    if not np.all(np.isfinite(values)):
        bad = int(np.sum(~np.isfinite(values)))
        notes.append(
            f"note: {bad:,} of the {values.size:,} gradient components overflowed "
            "(inf or NaN): backprop's numbers are too large for float64"
        )
    return Report(x, label, prediction, f.zs[1:], f.activations, c, norms, largest, notes)


def _notes(net: Network, zs: list[np.ndarray], output: np.ndarray, prediction: int) -> list[str]:
    """One line per way the numbers left float64's useful range: overflow, saturation."""
    notes = []
    infinite, nan = int(np.sum(np.isinf(output))), int(np.sum(np.isnan(output)))
    if nan == len(output):
        notes.append(
            "note: every output is NaN (infinity minus infinity inside the network): "
            "the weights are too large for float64, and the prediction means nothing"
        )
    elif infinite or nan:
        notes.append(
            f"note: of the 10 outputs, {infinite} overflowed to infinity and {nan} are NaN: "
            f"the weights are too large for float64; the prediction {prediction} is the first "
            "largest, NaN never counted"
        )
    elif not all(np.all(np.isfinite(z)) for z in zs):
        notes.append("note: some z overflowed to infinity inside the network (weights too large)")
    # Saturated: f'(z) is 0 in float64 (a trained sigmoid network has a few such hidden
    # neurons). Only when every output neuron is, so that no gradient is left, is it news.
    if net.activation != "relu" and np.all(net.activation_function.prime(zs[-1]) == 0):
        notes.append(
            "note: every output neuron is saturated (f'(z) = 0 in float64: its z is too "
            "large), so the gradient is exactly 0 and nothing would learn"
        )
    return notes
