"""A layered network diagram: neurons filled by activation, edges by real weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Brace,
    Circle,
    Dot,
    Line,
    ShowPassingFlash,
    Transform,
    VGroup,
)

from scenes.style import (
    EDGE_MAX_OPACITY,
    EDGE_MAX_WIDTH,
    EDGE_MIN_WIDTH_FRACTION,
    ELLIPSIS_DOT_RADIUS,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    MUTED,
    NEGATIVE,
    NEURON_RADIUS,
    NEURON_STROKE,
    NEURON_STROKE_WIDTH,
    POSITIVE,
    UNWEIGHTED_EDGE_OPACITY,
    activation_color,
    text,
    written,
)

EDGE_PERCENTILE = 95.0


def neuron_circle(activation: float, radius: float = NEURON_RADIUS) -> Circle:
    """One neuron: a circle filled black (0) to white (1) with the house stroke."""
    return Circle(
        radius=radius,
        stroke_color=NEURON_STROKE,
        stroke_width=NEURON_STROKE_WIDTH,
        fill_color=activation_color(activation),
        fill_opacity=1.0,
    )


def evenly_spaced_indices(n: int, k: int) -> np.ndarray:
    """``k`` real indices spread evenly over ``0..n-1``, first and last included.

    This is the default rule for which neurons a truncated layer shows: for 784
    inputs and 16 shown, pixels 0, 52, 104, ..., 783.
    """
    return np.round(np.linspace(0, n - 1, k)).astype(int)


def ink_indices(x: np.ndarray, k: int = 16) -> np.ndarray:
    """``k`` pixels spread evenly through the digit's ink, in reading order.

    Evenly spaced indices over all 784 pixels would mostly land on the empty
    border; spreading them over the lit pixels shows the digit's own values.
    """
    ink = np.flatnonzero(x > 0)
    return ink[evenly_spaced_indices(len(ink), k)]


def brightest_indices(values: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` largest entries' indices, sorted ascending (ties: lower index first).

    Pass it as ``shown={0: brightest_indices(pixels, 16)}`` so the shown input
    neurons are lit for this digit.
    """
    order = np.argsort(-np.asarray(values, dtype=float), kind="stable")
    return np.sort(order[:k])


def most_active_indices(zs: Sequence[np.ndarray | None], sizes: Sequence[int], k: int = 16) -> dict:
    """The rule for which neurons a wide layer shows: its ``k`` most active, in index order.

    ``zs`` is feed-forward's, one entry per layer (``zs[0]``, the input's, is unused):
    every layer after the input with more than ``k`` neurons gets its ``k``
    largest ``z`` for this digit, as ``shown={layer: indices}``. Ranked by ``z``,
    not ``a``: the same order for any increasing activation, and ReLU's
    neurons at 0 still rank by how far below 0 they are. Pass the result with
    the input layer's own choice, ``shown={0: ink_indices(x), **most_active...}``,
    and say the rule on screen with :func:`scenes.story.shown_rule`.
    """
    return {
        layer: brightest_indices(zs[layer], k) for layer in range(1, len(sizes)) if sizes[layer] > k
    }


def edge_scale(weights: np.ndarray, percentile: float = EDGE_PERCENTILE) -> float:
    """The |w| that gets full colour in one weight matrix (a high percentile of all of it).

    Computed over every real weight, not just the shown ones, so one layer's
    colours stay comparable whatever subset is drawn.
    """
    scale = float(np.percentile(np.abs(weights), percentile))
    return scale if scale > 0 else 1.0


class NetworkMobject(VGroup):
    """Columns of neurons joined by edges coloured by real weights.

    ``weights[l]`` has shape ``(sizes[l + 1], sizes[l])`` (Nielsen's convention,
    ``z = W a + b``): the edge from neuron ``i`` of layer ``l`` to neuron ``j`` of
    layer ``l + 1`` is ``weights[l][j, i]``, blue if ``>= 0``, red if negative, its
    opacity and width growing with ``|w| / edge_scale(weights[l])``. Without
    weights, edges are uniform grey: the structure only.

    A layer with more than ``shown_max`` neurons shows ``shown_max`` of them, half
    above and half below a vertical ellipsis, with its true size: the input
    layer's on the left behind a brace, any later layer's beneath it. Which real
    neurons are shown is ``shown[layer]`` if given (sorted,
    ``shown_max`` unique indices), else :func:`evenly_spaced_indices`; shown
    neurons keep their real order top to bottom. Every method takes the *real*
    neuron index and raises ``KeyError`` for a neuron that is not shown.

    Parameters
    ----------
    sizes
        Neurons per layer, input first.
    weights
        One matrix per gap between layers, or ``None``.
    shown_max
        Most neurons drawn in one layer; must be even.
    shown
        Real indices to show for truncated layers, by layer number.
    activations
        Initial activations, one full-size vector per layer (default all 0).
    output_labels
        Text beside each output neuron, e.g. ``[str(d) for d in range(10)]``.

    Examples
    --------
    ::

        net = NetworkMobject((784, 16, 16, 10), weights=trained.weights,
                             output_labels=[str(d) for d in range(10)])
        self.add(net)
        for step in net.feed_forward(trained.feedforward(x).activations):
            self.play(step)
    """

    def __init__(
        self,
        sizes: Sequence[int] = (784, 16, 16, 10),
        weights: Sequence[np.ndarray] | None = None,
        shown_max: int = 16,
        shown: Mapping[int, Sequence[int] | np.ndarray] | None = None,
        activations: Sequence[np.ndarray] | None = None,
        output_labels: Sequence[str] | None = None,
        layer_spacing: float = 2.5,
        neuron_spacing: float = 2.5 * NEURON_RADIUS,
        radius: float = NEURON_RADIUS,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if shown_max < 2 or shown_max % 2:
            raise ValueError("shown_max must be an even number >= 2")
        self.sizes = tuple(int(n) for n in sizes)
        self.radius = radius
        self.neuron_spacing = neuron_spacing
        self.weights = self._checked_weights(weights)
        self.edge_scales = [edge_scale(w) for w in self.weights] if self.weights else None
        self.shown_indices = self._choose_shown(shown or {}, shown_max)
        # real index -> position in the drawn column, per layer
        self._slot = [{int(r): k for k, r in enumerate(idx)} for idx in self.shown_indices]

        self.layers = VGroup()
        self._marks: dict[int, VGroup] = {}  # layer -> its ellipsis and true size
        self.ellipses = VGroup()
        self.braces = VGroup()
        x0 = -layer_spacing * (len(self.sizes) - 1) / 2
        for layer, idx in enumerate(self.shown_indices):
            ys = self._column_ys(len(idx), truncated=len(idx) < self.sizes[layer])
            column = VGroup(
                *(
                    neuron_circle(0.0, radius).move_to([x0 + layer * layer_spacing, y, 0.0])
                    for y in ys
                )
            )
            self.layers.add(column)
            if len(idx) < self.sizes[layer]:
                self._add_truncation_marks(column, self.sizes[layer])
                self._marks[layer] = VGroup(self.ellipses[-1], self.braces[-1])
        self.edges = VGroup(*(self._gap_edges(gap) for gap in range(len(self.sizes) - 1)))
        self.labels = VGroup()
        if output_labels is not None:
            self._add_output_labels(output_labels)
        self.add(self.edges, self.layers, self.ellipses, self.braces, self.labels)

        if activations is not None:
            for layer, a in enumerate(activations):
                self.set_activations(layer, a)

    # -- construction -------------------------------------------------------

    def _checked_weights(self, weights: Sequence[np.ndarray] | None) -> list[np.ndarray]:
        if weights is None:
            return []
        if len(weights) != len(self.sizes) - 1:
            raise ValueError(f"need {len(self.sizes) - 1} weight matrices, got {len(weights)}")
        checked = []
        for gap, w in enumerate(weights):
            w = np.asarray(w, dtype=float)
            expected = (self.sizes[gap + 1], self.sizes[gap])
            if w.shape != expected:
                raise ValueError(f"weights[{gap}] has shape {w.shape}, expected {expected}")
            checked.append(w)
        return checked

    def _choose_shown(
        self, shown: Mapping[int, Sequence[int] | np.ndarray], shown_max: int
    ) -> list[np.ndarray]:
        result = []
        for layer, n in enumerate(self.sizes):
            if n <= shown_max:
                if layer in shown:
                    raise ValueError(f"layer {layer} has {n} <= shown_max neurons: all are shown")
                result.append(np.arange(n))
                continue
            idx = np.asarray(shown.get(layer, evenly_spaced_indices(n, shown_max)), dtype=int)
            ok = (
                idx.shape == (shown_max,)
                and np.all(np.diff(idx) > 0)
                and idx[0] >= 0
                and idx[-1] < n
            )
            if not ok:
                raise ValueError(
                    f"shown[{layer}] must be {shown_max} increasing indices in 0..{n - 1}"
                )
            result.append(idx)
        return result

    def _column_ys(self, n_shown: int, truncated: bool) -> np.ndarray:
        """Heights of the shown neurons; a truncated column leaves one slot for the dots."""
        slots = np.arange(n_shown, dtype=float)
        if truncated:
            slots[n_shown // 2 :] += 1.0
        n_slots = n_shown + (1 if truncated else 0)
        return self.neuron_spacing * ((n_slots - 1) / 2 - slots)

    def _add_truncation_marks(self, column: VGroup, true_size: int) -> None:
        top, bottom = column[len(column) // 2 - 1], column[len(column) // 2]
        middle = (top.get_center() + bottom.get_center()) / 2
        dots = VGroup(
            *(
                Dot(middle + k * 0.22 * self.neuron_spacing * UP, radius=ELLIPSIS_DOT_RADIUS)
                for k in (-1, 0, 1)
            )
        ).set_color(NEURON_STROKE)
        self.ellipses.add(dots)
        label = text(written(true_size, 0), size=LABEL_SIZE)
        if len(self.layers) > 1:
            # A layer after the input has edges on both sides: its size goes beneath it.
            self.braces.add(VGroup(label.next_to(column, DOWN, buff=0.15)))
            return
        brace = Brace(VGroup(column, dots), LEFT, buff=0.15, color=NEURON_STROKE)
        self.braces.add(VGroup(brace, label.next_to(brace, LEFT, buff=0.12)))

    def _gap_edges(self, gap: int) -> VGroup:
        """Edges from layer ``gap`` to ``gap + 1``, grouped by target neuron (top first)."""
        lines = VGroup()
        for j, target in zip(self.shown_indices[gap + 1], self.layers[gap + 1], strict=True):
            for i, source in zip(self.shown_indices[gap], self.layers[gap], strict=True):
                line = Line(source.get_center(), target.get_center(), buff=self.radius)
                self._style_edge(line, gap, i, j)
                lines.add(line)
        return lines

    def _style_edge(self, line: Line, gap: int, i: int, j: int) -> None:
        if not self.weights:
            line.set_stroke(MUTED, width=EDGE_MAX_WIDTH / 2, opacity=UNWEIGHTED_EDGE_OPACITY)
            return
        w = self.weights[gap][j, i]
        t = min(abs(w) / self.edge_scales[gap], 1.0)
        line.set_stroke(
            POSITIVE if w >= 0 else NEGATIVE,
            width=EDGE_MAX_WIDTH * (EDGE_MIN_WIDTH_FRACTION + (1 - EDGE_MIN_WIDTH_FRACTION) * t),
            opacity=EDGE_MAX_OPACITY * t,
        )

    def _add_output_labels(self, labels: Sequence[str]) -> None:
        if len(labels) != self.sizes[-1]:
            raise ValueError(f"need {self.sizes[-1]} output labels, got {len(labels)}")
        for label, neuron in zip(labels, self.layers[-1], strict=True):
            self.labels.add(text(label, size=LABEL_SIZE).next_to(neuron, RIGHT, buff=0.2))

    # -- lookup ---------------------------------------------------------------

    def is_shown(self, layer: int, i: int) -> bool:
        """Whether real neuron ``i`` of ``layer`` is drawn."""
        return int(i) in self._slot[layer]

    def slot(self, layer: int, i: int) -> int:
        """Position (0 = top) of real neuron ``i`` in its drawn column."""
        try:
            return self._slot[layer][int(i)]
        except KeyError:
            raise KeyError(f"neuron {i} of layer {layer} is not shown") from None

    def marks(self, layer: int) -> VGroup:
        """The ellipsis and true size of ``layer`` if it is cut, else an empty group."""
        return self._marks.get(layer, VGroup())

    def neuron(self, layer: int, i: int) -> Circle:
        """The circle of real neuron ``i`` in ``layer``."""
        return self.layers[layer][self.slot(layer, i)]

    def layer_positions(self, layer: int) -> np.ndarray:
        """``(n_shown, 3)`` centres of the drawn neurons, top to bottom."""
        return np.array([n.get_center() for n in self.layers[layer]])

    def edge(self, gap: int, i: int, j: int) -> Line:
        """The edge from real neuron ``i`` of layer ``gap`` to real neuron ``j`` of ``gap + 1``."""
        n_src = len(self.shown_indices[gap])
        return self.edges[gap][self.slot(gap + 1, j) * n_src + self.slot(gap, i)]

    def edges_into(self, layer: int, j: int) -> VGroup:
        """The drawn edges arriving at real neuron ``j`` of ``layer`` (``layer >= 1``)."""
        if layer < 1:
            raise ValueError("the input layer has no incoming edges")
        n_src = len(self.shown_indices[layer - 1])
        start = self.slot(layer, j) * n_src
        return VGroup(*self.edges[layer - 1][start : start + n_src])

    def edges_out_of(self, layer: int, i: int) -> VGroup:
        """The drawn edges leaving real neuron ``i`` of ``layer``."""
        if layer >= len(self.sizes) - 1:
            raise ValueError("the output layer has no outgoing edges")
        n_src = len(self.shown_indices[layer])
        return VGroup(*self.edges[layer][self.slot(layer, i) :: n_src])

    # -- state and animation ----------------------------------------------------

    def _checked_activations(self, layer: int, a: np.ndarray) -> np.ndarray:
        a = np.asarray(a, dtype=float)
        if a.shape != (self.sizes[layer],):
            raise ValueError(
                f"layer {layer} needs {self.sizes[layer]} activations, got shape {a.shape}"
            )
        if not np.all(np.isfinite(a)):
            raise ValueError("activations must be finite")
        return a

    def set_activations(self, layer: int, a: np.ndarray) -> NetworkMobject:
        """Fill the shown neurons of ``layer`` from its full activation vector ``a``.

        Values are drawn black (0) to white (1), clipped outside. Works with
        ``net.animate.set_activations(...)``.
        """
        a = self._checked_activations(layer, a)
        for neuron, value in zip(self.layers[layer], a[self.shown_indices[layer]], strict=True):
            neuron.set_fill(activation_color(value))
        return self

    def _lit_layer(self, layer: int, a: np.ndarray) -> VGroup:
        a = self._checked_activations(layer, a)
        target = self.layers[layer].copy()
        for neuron, value in zip(target, a[self.shown_indices[layer]], strict=True):
            neuron.set_fill(activation_color(value))
        return target

    def feed_forward(
        self, activations: Sequence[np.ndarray], run_time_per_layer: float = 1.0
    ) -> list[Animation]:
        """Light the layers up in order, a yellow flash running along each gap's edges.

        ``activations`` holds one full-size vector per layer, input first (what
        ``nncore`` returns as ``a``). The steps, the input layer's first, are
        played one after another (:meth:`~scenes.explainer_scene.ExplainerScene.play_in_turn`)
        and leave every neuron filled with its activation.
        """
        if len(activations) != len(self.sizes):
            raise ValueError(f"need {len(self.sizes)} activation vectors")
        steps: list[Animation] = [
            Transform(self.layers[0], self._lit_layer(0, activations[0]), run_time=0.5)
        ]
        for layer in range(1, len(self.sizes)):
            flash = self.edges[layer - 1].copy()
            for line in flash:
                line.set_stroke(HIGHLIGHT, width=1.5 * line.get_stroke_width(), opacity=1.0)
            steps.append(
                AnimationGroup(
                    ShowPassingFlash(flash, time_width=0.4),
                    Transform(self.layers[layer], self._lit_layer(layer, activations[layer])),
                    lag_ratio=0.5,
                    run_time=run_time_per_layer,
                )
            )
        return steps

    def highlight_neuron(self, layer: int, i: int, color: str = HIGHLIGHT) -> Circle:
        """A new ring around real neuron ``i`` of ``layer``, for the scene to ``Create``."""
        return Circle(
            radius=1.35 * self.radius, stroke_color=color, stroke_width=HIGHLIGHT_STROKE_WIDTH
        ).move_to(self.neuron(layer, i))
