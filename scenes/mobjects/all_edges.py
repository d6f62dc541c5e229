"""Every edge of a network as ONE image: thousands of weighted lines at the cost of one mobject.

Cairo pays ~70 us per animated Line, so the 12,960 edges of a 784-16-16-10
network as Lines cost ~1 s a frame. Here each edge's antialiased footprint on
the camera's pixel grid is measured with numpy, a chunk of edges at a time, as
sparse (pixel, edge, coverage) entries that are summed into images at once and
never kept (784-128-64-10's 109,184 edges make ~40 million entries at 480p);
the result is a single :class:`ImageMobject` aligned pixel-for-pixel with the
camera. Fading it is one opacity change. Animating the weights (training)
draws :data:`KEYFRAMES` exact images of the blend in one pass over the
entries, before the first frame, and each frame mixes the two nearest: a frame
costs the same for any number of edges.

Compositing model: line ``e`` with opacity ``t_e`` has optical depth
``d_e = -ln(1 - t_e)``; a pixel covered by fractions ``c_pe`` of many lines gets
alpha ``1 - exp(-sum_e c_pe d_e)`` (what "over" compositing of many faint lines
tends to, without depending on draw order) and the depth-weighted mean of the
lines' colours (blue for ``w >= 0``, red for ``w < 0``).

Where the 784 inputs sit is the scene's choice. When the network diagram is the
subject, :func:`input_column` draws all 784 input neurons as one thin strip of
pixel brightness (row ``k`` is input ``k``), met exactly by the fans from
:func:`input_column_positions`. When the image is the subject, the centres of a
:class:`~scenes.mobjects.pixel_grid.PixelGrid`'s squares work as well, the grid
drawn over the start of the fans.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from manim import ORIGIN, Animation, Group, ImageMobject, ManimColor, Rectangle, config
from manim.typing import Point3DLike
from PIL.Image import Resampling
from scipy.sparse import csr_matrix  # scipy comes with manim

from scenes.mobjects.network import edge_scale, neuron_circle
from scenes.style import (
    ALL_EDGES_WIDTH,
    ALL_NEURONS_MAX,
    DENSE_EDGE_OPACITY,
    DENSE_FAN_IN,
    DENSE_GAP_EDGES,
    DENSE_GAP_FALLOFF,
    EDGE_MAX_OPACITY,
    NEGATIVE,
    NEURON_STROKE,
    NEURON_STROKE_WIDTH,
    POSITIVE,
)

# Edges processed together while measuring coverage: bounds temporary memory
# to tens of MB even at 4K.
_CHUNK_EDGES = 2048
# Exact images drawn of a weight change (its start and end among them); frames
# in between mix the two nearest in optical depth. Eight steps of a 4-second
# blend differ from exact frames by less than one level of 255 almost everywhere.
KEYFRAMES = 9
# The two edge colours in levels of 255, as float32 like the depths they are mixed by.
_BLUE = 255 * np.asarray(ManimColor(POSITIVE).to_rgb(), dtype=np.float32)
_RED = 255 * np.asarray(ManimColor(NEGATIVE).to_rgb(), dtype=np.float32)


def _expand(first: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ranges ``first[k] .. first[k] + counts[k] - 1`` flattened, with each value's ``k``."""
    owner = np.repeat(np.arange(len(first)), counts)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, first[owner] + offset


class EdgeCoverage:
    """Which camera pixels each line segment covers, and by how much (0..1).

    Coverage is exact box-filter area per pixel column (or row, for steep
    lines): each one-pixel slice of the segment along its major axis is a
    strip of thickness ``width / cos(angle)`` across it. Pixels live in a box
    around the segments; ``box`` is ``(col0, row0, n_cols, n_rows)`` on the
    camera's pixel grid for the current ``config``. Only the segments' pixel
    coordinates are kept: each :meth:`accumulate` measures the coverage again,
    chunk by chunk, so memory stays small for any number of edges. Immutable:
    copies of a mobject share one coverage.

    Parameters
    ----------
    starts, ends
        ``(E, 3)`` scene points.
    width
        Line width in scene units.

    Examples
    --------
    ::

        cov = EdgeCoverage(np.array([[-1.0, 0, 0]]), np.array([[1.0, 0, 0]]))
        image = cov.accumulate(np.array([1.0]))  # (n_rows, n_cols) coverage
    """

    def __init__(self, starts: np.ndarray, ends: np.ndarray, width: float = ALL_EDGES_WIDTH):
        starts = np.asarray(starts, dtype=float)
        ends = np.asarray(ends, dtype=float)
        if starts.shape != ends.shape or starts.ndim != 2 or starts.shape[1] != 3:
            raise ValueError("starts and ends must both be (E, 3) arrays")
        self.n_edges = len(starts)
        self.p0, self.p1 = self._to_pixels(starts), self._to_pixels(ends)
        self.width_px = width * config.pixel_width / config.frame_width
        self.box = self._box(np.concatenate([self.p0, self.p1]), pad=self.width_px + 2)

    def __deepcopy__(self, memo: dict) -> EdgeCoverage:
        # Never changes: Mobject.copy() (used by every animation) shares it.
        return self

    @staticmethod
    def _to_pixels(points: np.ndarray) -> np.ndarray:
        """Scene points to (column, row) floats, as the cairo camera maps them."""
        return np.stack(
            [
                points[:, 0] * config.pixel_width / config.frame_width + config.pixel_width / 2,
                -points[:, 1] * config.pixel_height / config.frame_height + config.pixel_height / 2,
            ],
            axis=1,
        )

    @staticmethod
    def _box(points: np.ndarray, pad: float) -> tuple[int, int, int, int]:
        lo = np.floor(points.min(axis=0) - pad).astype(int)
        hi = np.ceil(points.max(axis=0) + pad).astype(int)
        lo = np.maximum(lo, 0)
        hi = np.minimum(hi, [config.pixel_width, config.pixel_height])
        return int(lo[0]), int(lo[1]), int(max(hi[0] - lo[0], 1)), int(max(hi[1] - lo[1], 1))

    def _measure(
        self, p0: np.ndarray, p1: np.ndarray, width_px: float, first_edge: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse coverage of one chunk of segments (pixel coordinates)."""
        d = p1 - p0
        steep = np.abs(d[:, 1]) > np.abs(d[:, 0])
        # (u, v): u along the major axis, v across it, u0 <= u1.
        u0 = np.where(steep, p0[:, 1], p0[:, 0])
        v0 = np.where(steep, p0[:, 0], p0[:, 1])
        u1 = np.where(steep, p1[:, 1], p1[:, 0])
        v1 = np.where(steep, p1[:, 0], p1[:, 1])
        flip = u1 < u0
        u0, u1 = np.where(flip, u1, u0), np.where(flip, u0, u1)
        v0, v1 = np.where(flip, v1, v0), np.where(flip, v0, v1)
        du = u1 - u0
        keep = du > 0  # zero-length edges cover nothing
        slope = np.where(keep, (v1 - v0) / np.where(keep, du, 1.0), 0.0)
        thick = width_px * np.sqrt(1.0 + slope**2)

        # one entry per (edge, major-axis cell)
        first_cell = np.floor(u0).astype(np.int64)
        n_cells = np.where(keep, np.floor(u1).astype(np.int64) - first_cell + 1, 0)
        e, cell = _expand(first_cell, n_cells)
        ua = np.maximum(cell, u0[e])
        ub = np.minimum(cell + 1, u1[e])
        length = ub - ua
        v_mid = v0[e] + slope[e] * ((ua + ub) / 2 - u0[e])
        lo = v_mid - thick[e] / 2
        hi = v_mid + thick[e] / 2

        # one entry per (edge, cell, minor-axis pixel the strip overlaps)
        first_row = np.floor(lo).astype(np.int64)
        n_rows = np.floor(hi).astype(np.int64) - first_row + 1
        c, row = _expand(first_row, n_rows)
        overlap = np.minimum(row + 1, hi[c]) - np.maximum(row, lo[c])
        cover = np.clip(length[c] * overlap, 0.0, 1.0)

        col = np.where(steep[e[c]], row, cell[c])
        line = np.where(steep[e[c]], cell[c], row)
        x0, y0, w, h = self.box
        inside = (cover > 0) & (col >= x0) & (col < x0 + w) & (line >= y0) & (line < y0 + h)
        pixel = (line[inside] - y0) * w + (col[inside] - x0)
        return pixel, e[c][inside] + first_edge, cover[inside]

    def accumulate(self, per_edge: np.ndarray) -> np.ndarray:
        """``sum_e coverage[p, e] * per_edge[e]`` for every pixel ``p`` of the box.

        ``per_edge`` is ``(E,)``, or ``(E, C)`` for ``C`` images from one pass
        over the coverage. Returns float32 ``(n_rows, n_cols)``, or
        ``(C, n_rows, n_cols)``. Its cost is the number of (edge, pixel)
        entries times ``C``: paid when the edges are drawn, not per frame.
        """
        values = np.asarray(per_edge, dtype=float)
        columns = values.reshape(self.n_edges, -1)
        x0, y0, w, h = self.box
        images = np.zeros((w * h, columns.shape[1]))
        for k in range(0, self.n_edges, _CHUNK_EDGES):
            chunk = slice(k, k + _CHUNK_EDGES)
            pixel, edge, cover = self._measure(self.p0[chunk], self.p1[chunk], self.width_px, k)
            if not len(pixel):
                continue
            # One sparse (pixel x edge) product for all C columns, over only the span
            # of pixels this chunk touches: ~5x faster than C np.bincount calls.
            lo, hi = int(pixel.min()), int(pixel.max()) + 1
            n = len(columns[chunk])
            matrix = csr_matrix((cover, (pixel - lo, edge - k)), shape=(hi - lo, n))
            images[lo:hi] += matrix @ columns[chunk]
        images = images.T.astype(np.float32).reshape(-1, h, w)
        return images[0] if values.ndim == 1 else images

    def corners(self) -> tuple[np.ndarray, np.ndarray]:
        """Scene points of the box's top-left and bottom-right corners."""
        x0, y0, w, h = self.box
        return self._to_scene(x0, y0), self._to_scene(x0 + w, y0 + h)

    @staticmethod
    def _to_scene(col: float, row: float) -> np.ndarray:
        """Inverse of :meth:`_to_pixels` for one point."""
        return np.array(
            [
                (col - config.pixel_width / 2) * config.frame_width / config.pixel_width,
                (config.pixel_height / 2 - row) * config.frame_height / config.pixel_height,
                0.0,
            ]
        )


def edge_depths(weights: np.ndarray, scales: np.ndarray, max_opacity: np.ndarray) -> np.ndarray:
    """``(E, 2)`` optical depth of each edge: its blue (``w >= 0``) and its red part."""
    t = np.clip(np.abs(weights) / scales, 0.0, 1.0) * max_opacity
    depth = -np.log1p(-np.minimum(t, 1.0 - 1e-6))
    return np.stack([np.where(weights >= 0, depth, 0.0), np.where(weights < 0, depth, 0.0)], 1)


def compose(depths: np.ndarray) -> np.ndarray:
    """RGBA uint8 image from a ``(2, n_rows, n_cols)`` blue and red optical depth."""
    positive, negative = depths
    total = positive + negative
    share = np.divide(positive, total, out=np.zeros_like(total), where=total > 0)
    # Channel by channel into the uint8 image, in place: a moving 1080p image is
    # composed every frame, and full-size temporaries cost it four times as much.
    rgba = np.empty((*total.shape, 4), np.uint8)
    for c, (blue, red) in enumerate(zip(_BLUE, _RED, strict=True)):
        channel = share * (blue - red)
        channel += red
        rgba[..., c] = np.rint(channel, out=channel)
    alpha = np.exp(-total, out=total)
    alpha *= -255.0
    alpha += 255.0
    rgba[..., 3] = np.rint(alpha, out=alpha)
    return rgba


def render_edges(
    coverage: EdgeCoverage,
    weights: np.ndarray,
    scales: np.ndarray,
    max_opacity: float | np.ndarray = EDGE_MAX_OPACITY,
) -> np.ndarray:
    """RGBA uint8 image of the edges coloured by ``weights`` (see the module's model).

    ``scales`` is the ``|w|`` drawn at ``max_opacity`` (both a number or one per edge).
    """
    max_opacity = np.broadcast_to(max_opacity, np.shape(weights))
    return compose(coverage.accumulate(edge_depths(weights, scales, max_opacity)))


class EdgeArrays(NamedTuple):
    """Per-edge arrays, in :class:`AllEdges`'s argument order."""

    starts: np.ndarray
    ends: np.ndarray
    weights: np.ndarray
    scales: np.ndarray
    max_opacity: np.ndarray


def dense_edges(positions: Sequence[np.ndarray], weights: Sequence[np.ndarray]) -> EdgeArrays:
    """Every edge between consecutive layers, ready for ``AllEdges(*dense_edges(...))``.

    ``positions[l]`` holds all ``sizes[l]`` neuron centres of layer ``l`` and
    ``weights[l]`` is ``(sizes[l + 1], sizes[l])``. Edges are ordered by gap,
    then target ``j``, then source ``i`` (so ``weights[l].ravel()`` order). Each
    gets its matrix's :func:`~scenes.mobjects.network.edge_scale`, and a gap
    with more than ``DENSE_FAN_IN`` inputs per neuron is drawn at
    ``DENSE_EDGE_OPACITY``; in a gap of more than ``DENSE_GAP_EDGES`` edges each
    keeps less (``DENSE_GAP_FALLOFF``), so that it reads as a weave, not a wash.
    """
    if len(weights) != len(positions) - 1:
        raise ValueError("need one weight matrix per pair of consecutive layers")
    parts: list[list[np.ndarray]] = [[], [], [], [], []]
    for src, dst, w in zip(positions[:-1], positions[1:], weights, strict=True):
        src, dst, w = np.asarray(src, float), np.asarray(dst, float), np.asarray(w, float)
        if w.shape != (len(dst), len(src)):
            raise ValueError(f"weights of shape {w.shape} do not join {len(src)} -> {len(dst)}")
        opacity = DENSE_EDGE_OPACITY if len(src) > DENSE_FAN_IN else EDGE_MAX_OPACITY
        opacity *= min(1.0, DENSE_GAP_EDGES / w.size) ** DENSE_GAP_FALLOFF
        gap = (
            np.tile(src, (len(dst), 1)),
            np.repeat(dst, len(src), axis=0),
            w.ravel(),
            np.full(w.size, edge_scale(w)),
            np.full(w.size, opacity),
        )
        for part, array in zip(parts, gap, strict=True):
            part.append(array)
    return EdgeArrays(*(np.concatenate(p) for p in parts))


class AllEdges(ImageMobject):
    """Thousands of weighted edges drawn as one image, re-colourable per frame.

    Build it after the scene's ``config`` is final (the image matches the
    camera's pixels) and do not move or scale it: it is aligned to the
    neuron positions it was given, for a camera at the origin.

    Parameters
    ----------
    starts, ends
        ``(E, 3)`` scene points of every edge.
    weights
        ``(E,)`` real weights: sign gives the colour, ``|w| / scales`` the opacity.
    scales
        ``(E,)`` or a number: the ``|w|`` drawn at ``max_opacity`` (default: a
        high percentile of ``|weights|``).
    max_opacity
        ``(E,)`` or a number.
    width
        Line width in scene units.

    Examples
    --------
    ::

        ys = input_column_positions(784, center=4 * LEFT, height=6.4)
        positions = [ys] + [net.layer_positions(l) for l in (1, 2, 3)]
        edges = AllEdges(*dense_edges(positions, trained.weights))
        self.play(OpacityFadeIn(edges))
        self.play(edges.change_weights(dense_edges(positions, later.weights).weights))
    """

    def __init__(
        self,
        starts: np.ndarray,
        ends: np.ndarray,
        weights: np.ndarray,
        scales: np.ndarray | float | None = None,
        max_opacity: float | np.ndarray = EDGE_MAX_OPACITY,
        width: float = ALL_EDGES_WIDTH,
        **kwargs,
    ) -> None:
        self.coverage = EdgeCoverage(starts, ends, width)
        self.weights = self._checked(weights)
        if scales is None:
            scales = edge_scale(self.weights)
        self.scales = self._per_edge(scales)
        self.max_opacity = self._per_edge(max_opacity)
        super().__init__(
            render_edges(self.coverage, self.weights, self.scales, self.max_opacity),
            resampling_algorithm=Resampling.BILINEAR,
            **kwargs,
        )
        top_left, bottom_right = self.coverage.corners()
        self.stretch_to_fit_width(bottom_right[0] - top_left[0])
        self.stretch_to_fit_height(top_left[1] - bottom_right[1])
        self.move_to((top_left + bottom_right) / 2)

    def _checked(self, weights: np.ndarray) -> np.ndarray:
        w = np.asarray(weights, dtype=float)
        if w.shape != (self.coverage.n_edges,):
            raise ValueError(f"need {self.coverage.n_edges} weights, got shape {w.shape}")
        return w

    def _per_edge(self, value: float | np.ndarray) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), self.weights.shape).copy()

    def set_weights(self, weights: np.ndarray) -> AllEdges:
        """Re-colour every edge from new weights (same scales), keeping the opacity."""
        self.weights = self._checked(weights)
        return self._show(render_edges(self.coverage, self.weights, self.scales, self.max_opacity))

    def _show(self, image: np.ndarray) -> AllEdges:
        """Put ``image`` on screen at the mobject's current opacity."""
        self.pixel_array = image
        self.orig_alpha_pixel_array = image[:, :, 3].copy()
        if self.stroke_opacity < 1:
            image[:, :, 3] = np.round(image[:, :, 3] * self.stroke_opacity).astype(np.uint8)
        return self

    def change_weights(self, new_weights: np.ndarray, **kwargs) -> Animation:
        """An animation blending every edge's weight linearly to ``new_weights``.

        Its :data:`KEYFRAMES` images are drawn in one pass at its first frame
        (about as long as drawing the edges twice); each frame then costs one mix
        of two, the same for any number of edges.
        """
        return _WeightsChange(self, self._checked(new_weights), **kwargs)


class _WeightsChange(Animation):
    """Weights ``(1 - a) w0 + a w1``: exact images at :data:`KEYFRAMES` values of ``a``.

    A frame between two of them mixes their blue and red optical depths
    linearly, then composes the colour, as :func:`render_edges` does. The
    keyframes are drawn at the first frame that needs them, so a render that
    skips animations (``manim -s``, the tests) draws only the end, once.
    """

    def __init__(self, edges: AllEdges, target: np.ndarray, **kwargs) -> None:
        self.start_weights = edges.weights.copy()
        self.target_weights = target
        self.depths: np.ndarray | None = None  # (KEYFRAMES, 2, n_rows, n_cols)
        self.mix: np.ndarray | None = None  # one frame's depths, reused frame after frame
        super().__init__(edges, **kwargs)

    def _keyframe_depths(self, steps: np.ndarray) -> np.ndarray:
        """``(len(steps), 2, n_rows, n_cols)`` exact depths, from one pass over the coverage."""
        edges: AllEdges = self.mobject
        per_edge = np.concatenate(
            [
                edge_depths(
                    (1 - a) * self.start_weights + a * self.target_weights,
                    edges.scales,
                    edges.max_opacity,
                )
                for a in steps
            ],
            axis=1,
        )  # (E, 2 * len(steps)): blue and red of each keyframe
        images = edges.coverage.accumulate(per_edge)
        return images.reshape(len(steps), 2, *images.shape[1:])

    def interpolate_mobject(self, alpha: float) -> None:
        t = float(np.clip(self.rate_func(alpha), 0.0, 1.0))
        if t == 0.0:  # the picture it starts from is already on screen
            return
        self.mobject.weights = (1 - t) * self.start_weights + t * self.target_weights
        if self.depths is None and t < 1.0:
            self.depths = self._keyframe_depths(np.linspace(0.0, 1.0, KEYFRAMES))
        if self.depths is None:
            self.mobject._show(compose(self._keyframe_depths(np.array([1.0]))[0]))
            return
        a = t * (KEYFRAMES - 1)
        k = min(int(a), KEYFRAMES - 2)
        if self.mix is None:
            self.mix = np.empty_like(self.depths[0])
        np.multiply(self.depths[k], 1 - (a - k), out=self.mix)
        self.mix += (a - k) * self.depths[k + 1]
        self.mobject._show(compose(self.mix))


def input_column_positions(
    n: int = 784, center: Point3DLike = ORIGIN, height: float = 6.4
) -> np.ndarray:
    """``(n, 3)`` centres of ``n`` input neurons stacked top (index 0) to bottom.

    Neuron ``k`` is the middle of row ``k`` of :func:`input_column` with the same
    arguments, so edges drawn from these points meet the strip exactly.
    """
    step = height / n
    ys = height / 2 - step * (np.arange(n) + 0.5)
    return np.asarray(center, dtype=float) + np.outer(ys, [0.0, 1.0, 0.0])


def input_column(
    values: np.ndarray,
    center: Point3DLike = ORIGIN,
    height: float = 6.4,
    width: float = 0.12,
) -> Group:
    """Every input neuron at once: a thin strip, row ``k`` as bright as input ``k``.

    ``values`` in ``[0, 1]`` (e.g. the 784 pixels, top to bottom in row-major
    order), framed by the neuron stroke so the mostly black strip reads as a
    column. Each row is one input; at 480p several inputs share a screen pixel
    row and are blended by the camera's resampling.
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or not np.all((v >= 0) & (v <= 1)):
        raise ValueError("values must be a vector in [0, 1]")
    gray = np.round(255 * v).astype(np.uint8)
    rgba = np.stack([gray, gray, gray, np.full_like(gray, 255)], axis=1)[:, None, :]
    strip = ImageMobject(rgba, resampling_algorithm=Resampling.BILINEAR)
    strip.stretch_to_fit_height(height).stretch_to_fit_width(width).move_to(center)
    frame = Rectangle(
        width=width, height=height, stroke_color=NEURON_STROKE, stroke_width=NEURON_STROKE_WIDTH
    ).move_to(center)
    return Group(strip, frame)


def every_neuron(
    sizes: Sequence[int],
    center: Point3DLike = ORIGIN,
    layer_spacing: float = 2.5,
    neuron_spacing: float = 0.34,
    height: float = 6.4,
) -> tuple[Group, list[np.ndarray]]:
    """Columns holding every neuron of ``sizes``, and each layer's ``(n, 3)`` centres.

    A layer of at most ``ALL_NEURONS_MAX`` neurons is a column of circles, placed
    as :class:`~scenes.mobjects.network.NetworkMobject` places them; a wider one
    is a dark strip of ``height`` (like :func:`input_column`), one row per neuron,
    so that :func:`dense_edges` can reach each of its neurons. Columns are
    centred on ``center``, first layer on the left.
    """
    center = np.asarray(center, dtype=float)
    columns, positions = Group(), []
    for layer, n in enumerate(sizes):
        x = center[0] + layer_spacing * (layer - (len(sizes) - 1) / 2)
        at = np.array([x, center[1], 0.0])
        if n > ALL_NEURONS_MAX:
            positions.append(input_column_positions(n, at, height))
            columns.add(input_column(np.zeros(n), at, height))
            continue
        ys = center[1] + neuron_spacing * ((n - 1) / 2 - np.arange(n))
        positions.append(np.stack([np.full(n, x), ys, np.zeros(n)], axis=1))
        columns.add(Group(*(neuron_circle(0.0).move_to(p) for p in positions[-1])))
    return columns, positions
