"""The shared digit-network mobjects draw exactly the numbers they are given.

Numeric tests check mappings (pixel -> square, weight -> edge colour, real
index -> shown neuron, value -> decimal); a few frames_comparison tests pin
the look. Regenerate control frames with ``pytest tests/test_mobjects.py --set_test``.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UL, FadeIn, ImageMobject, ManimColor, Scene, config
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.mobjects.all_edges import (
    AllEdges,
    EdgeCoverage,
    dense_edges,
    input_column,
    input_column_positions,
)
from scenes.mobjects.network import NetworkMobject, brightest_indices, edge_scale
from scenes.mobjects.pixel_grid import PixelGrid
from scenes.mobjects.vector_column import VectorColumn
from scenes.style import (
    DENSE_EDGE_OPACITY,
    EDGE_MAX_OPACITY,
    MUTED,
    NEGATIVE,
    POSITIVE,
    TEXT,
)

__module_test__ = "mobjects"

SIZES = (784, 16, 16, 10)


def seeded_weights(seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 1 / np.sqrt(n), (m, n)) for n, m in zip(SIZES[:-1], SIZES[1:])]


def seeded_activations(seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.random(n) ** 2 for n in SIZES]


def rgb(color: ManimColor) -> np.ndarray:
    return np.asarray(ManimColor(color).to_rgb())


def shown_string(decimal) -> str:
    return "".join(char.text for char in decimal.submobjects)


# -- PixelGrid ------------------------------------------------------------------


def test_pixel_fill_brightness_is_its_value():
    values = np.random.default_rng(1).random(784)
    grid = PixelGrid(values)
    fills = np.array([rgb(grid.pixel(i).get_fill_color()) for i in range(784)])
    np.testing.assert_allclose(fills, np.repeat(values[:, None], 3, axis=1), atol=1e-6)


def test_pixels_are_row_major_with_row_zero_on_top():
    grid = PixelGrid(np.zeros((28, 28)), side=2.8)
    first, second, below = grid.pixel(0), grid.pixel(1), grid.pixel(28)
    np.testing.assert_allclose(second.get_center() - first.get_center(), [0.1, 0, 0], atol=1e-9)
    np.testing.assert_allclose(below.get_center() - first.get_center(), [0, -0.1, 0], atol=1e-9)
    np.testing.assert_allclose(first.get_corner(UL), grid.get_corner(UL), atol=0.01)


def test_pixel_grid_rejects_unscaled_values():
    with pytest.raises(ValueError, match="divide uint8 by 255"):
        PixelGrid(np.full(784, 255.0))
    with pytest.raises(ValueError, match="784"):
        PixelGrid(np.zeros(100))


def test_neuron_column_carries_each_pixels_value_to_its_position():
    values = np.random.default_rng(2).random(784)
    grid = PixelGrid(values)
    idx = [5, 300, 783]
    positions = np.array([[3.0, 1, 0], [3.0, 0, 0], [3.0, -1, 0]])
    neurons = grid.as_neuron_column(idx, positions)
    for k, i in enumerate(idx):
        np.testing.assert_allclose(neurons[k].get_center(), positions[k], atol=1e-9)
        np.testing.assert_allclose(rgb(neurons[k].get_fill_color()), values[i], atol=1e-6)
    stacked = grid.as_neuron_column(idx)
    assert stacked[0].get_y() > stacked[1].get_y() > stacked[2].get_y()


# -- NetworkMobject ---------------------------------------------------------------


def test_standard_layout_has_672_edges_and_an_ellipsis_only_on_the_input():
    net = NetworkMobject(SIZES, seeded_weights())
    assert [len(gap) for gap in net.edges] == [256, 256, 160]
    assert [len(layer) for layer in net.layers] == [16, 16, 16, 10]
    assert len(net.ellipses) == 1 and len(net.braces) == 1
    assert net.braces[0][1].text == "784"


def test_truncated_layer_shows_evenly_spaced_real_indices_in_order():
    net = NetworkMobject(SIZES)
    idx = net.shown_indices[0]
    assert list(idx[:4]) == [0, 52, 104, 157] and idx[-1] == 783 and len(idx) == 16
    ys = net.layer_positions(0)[:, 1]
    assert np.all(np.diff(ys) < 0)  # real order top to bottom
    assert net.neuron(0, 52) is net.layers[0][1]
    assert not net.is_shown(0, 1)
    with pytest.raises(KeyError):
        net.neuron(0, 1)
    # the ellipsis sits between shown neurons 8 and 9
    dots_y = net.ellipses[0].get_y()
    assert ys[7] > dots_y > ys[8]


def test_custom_shown_inputs_map_activations_and_edges_to_real_indices():
    rng = np.random.default_rng(3)
    pixels = rng.random(784)
    weights = seeded_weights()
    shown = brightest_indices(pixels, 16)
    assert set(shown) == set(np.argsort(pixels)[-16:]) and np.all(np.diff(shown) > 0)
    net = NetworkMobject(SIZES, weights, shown={0: shown})
    net.set_activations(0, pixels)
    for i in shown:
        np.testing.assert_allclose(rgb(net.neuron(0, i).get_fill_color()), pixels[i], atol=1e-6)
    i, j = int(shown[5]), 11
    line = net.edge(0, i, j)
    direction = net.neuron(1, j).get_center() - net.neuron(0, i).get_center()
    direction /= np.linalg.norm(direction)
    np.testing.assert_allclose(
        line.get_start(), net.neuron(0, i).get_center() + net.radius * direction, atol=1e-6
    )
    np.testing.assert_allclose(
        line.get_end(), net.neuron(1, j).get_center() - net.radius * direction, atol=1e-6
    )
    expected = POSITIVE if weights[0][j, i] >= 0 else NEGATIVE
    np.testing.assert_allclose(rgb(line.get_stroke_color()), rgb(expected))


def test_every_edge_colour_and_opacity_follow_its_real_weight():
    weights = seeded_weights()
    net = NetworkMobject(SIZES, weights)
    for gap in range(3):
        scale = edge_scale(weights[gap])
        for j in net.shown_indices[gap + 1]:
            for i in net.shown_indices[gap]:
                w = weights[gap][j, i]
                line = net.edge(gap, i, j)
                expected = POSITIVE if w >= 0 else NEGATIVE
                np.testing.assert_allclose(rgb(line.get_stroke_color()), rgb(expected))
                opacity = EDGE_MAX_OPACITY * min(abs(w) / scale, 1.0)
                assert line.get_stroke_opacity() == pytest.approx(opacity)


def test_edges_into_and_out_of_pick_one_neurons_edges():
    net = NetworkMobject(SIZES, seeded_weights())
    into = net.edges_into(2, 4)
    assert len(into) == 16
    assert all(line is net.edge(1, i, 4) for line, i in zip(into, net.shown_indices[1]))
    out = net.edges_out_of(2, 4)
    assert len(out) == 10 and all(line is net.edge(2, 4, j) for line, j in zip(out, range(10)))
    with pytest.raises(ValueError):
        net.edges_into(0, 0)


def test_network_rejects_weights_of_the_wrong_shape():
    weights = seeded_weights()
    weights[2] = weights[2].T
    with pytest.raises(ValueError, match=r"weights\[2\]"):
        NetworkMobject(SIZES, weights)


def test_unweighted_network_draws_uniform_grey_edges():
    net = NetworkMobject((4, 3, 2))
    assert len(net.ellipses) == 0
    colours = {ManimColor(line.get_stroke_color()).to_hex() for line in net.edges[0]}
    assert colours == {ManimColor(MUTED).to_hex()}


# -- VectorColumn -------------------------------------------------------------------


def test_vector_column_shows_first_and_last_entries_around_an_ellipsis():
    values = np.arange(20) / 10 - 0.55
    column = VectorColumn(values, max_shown=6, places=2, color_by="sign")
    assert list(column.shown_indices) == [0, 1, 2, 17, 18, 19]
    assert [shown_string(e) for e in column.entries] == [
        "-0.55",
        "-0.45",
        "-0.35",
        "1.15",
        "1.25",
        "1.35",
    ]
    assert len(column.ellipsis) == 3
    assert column.entry(2).get_y() > column.ellipsis.get_y() > column.entry(17).get_y()
    np.testing.assert_allclose(rgb(column.entry(0).get_color()), rgb(NEGATIVE))
    np.testing.assert_allclose(rgb(column.entry(17).get_color()), rgb(POSITIVE))
    with pytest.raises(KeyError):
        column.entry(5)


def test_an_entry_that_reads_as_zero_has_no_sign_colour():
    column = VectorColumn(np.array([-0.0004, 0.0004, -0.002, 0.0]), places=3, color_by="sign")
    assert [shown_string(e) for e in column.entries][2] == "-0.002"
    colours = [rgb(e.get_color()) for e in column.entries]
    for k in (0, 1, 3):  # "0.000" and "-0.000" are neither blue nor red
        np.testing.assert_allclose(colours[k], rgb(TEXT))
    np.testing.assert_allclose(colours[2], rgb(NEGATIVE))
    column.set_values(np.array([0.0004, -0.0006, 0.002, -0.0]))
    np.testing.assert_allclose(rgb(column.entries[1].get_color()), rgb(NEGATIVE))
    np.testing.assert_allclose(rgb(column.entries[0].get_color()), rgb(TEXT))


def test_short_vector_column_has_no_ellipsis_and_right_aligned_labelled_entries():
    values = np.array([0.0, 0.5, 1.0])
    column = VectorColumn(values, labels=["zero", "half", "one"])
    assert len(column.ellipsis) == 0 and len(column.entries) == 3
    rights = [e.get_right()[0] for e in column.entries]
    np.testing.assert_allclose(rights, rights[0], atol=1e-6)
    assert column.label(1).text == "half"
    assert abs(column.label(1).get_y() - column.entry(1).get_y()) < 1e-6
    assert rgb(column.entry(2).get_color()).mean() > rgb(column.entry(0).get_color()).mean()
    column.set_values(np.array([12.5, -1.0, 0.25]))
    assert [shown_string(e) for e in column.entries] == ["12.50", "-1.00", "0.25"]
    assert column.brackets[0].get_right()[0] < min(e.get_left()[0] for e in column.entries)


# -- AllEdges -------------------------------------------------------------------------


def full_network_edges(weights: list[np.ndarray]) -> tuple[NetworkMobject, np.ndarray, AllEdges]:
    net = NetworkMobject(SIZES, weights)
    column = input_column_positions(784, [net.layers[0].get_x(), 0, 0], 6.4)
    positions = [column] + [net.layer_positions(layer) for layer in (1, 2, 3)]
    return net, column, AllEdges(*dense_edges(positions, weights))


def test_all_12960_edges_are_one_mobject_in_the_real_weight_order():
    weights = seeded_weights()
    _, column, edges = full_network_edges(weights)
    assert edges.coverage.n_edges == 12_960
    assert isinstance(edges, ImageMobject) and edges.get_family() == [edges]
    np.testing.assert_array_equal(edges.weights[: 784 * 16], weights[0].ravel())
    assert edges.max_opacity[0] == DENSE_EDGE_OPACITY and edges.max_opacity[-1] == EDGE_MAX_OPACITY
    assert edges.copy().coverage is edges.coverage  # copies share, never duplicate


def pixel_centres_in_scene() -> tuple[np.ndarray, np.ndarray]:
    cols = (np.arange(config.pixel_width) + 0.5 - config.pixel_width / 2) * (
        config.frame_width / config.pixel_width
    )
    rows = (config.pixel_height / 2 - np.arange(config.pixel_height) - 0.5) * (
        config.frame_height / config.pixel_height
    )
    return np.meshgrid(cols, rows)


def distance_to_segment(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray):
    d = b[:2] - a[:2]
    t = np.clip(((x - a[0]) * d[0] + (y - a[1]) * d[1]) / (d @ d), 0, 1)
    return np.hypot(x - a[0] - t * d[0], y - a[1] - t * d[1]), t


def test_edge_image_is_coloured_exactly_where_edges_run():
    starts = np.array([[-5.0, 2.0, 0], [-5.0, -3.0, 0], [1.0, 3.5, 0]])
    ends = np.array([[4.0, 1.0, 0], [0.0, 3.0, 0], [1.2, -3.5, 0]])
    weights = np.array([1.0, -1.0, 0.5])
    edges = AllEdges(starts, ends, weights, scales=1.0, width=0.05)
    x0, y0, w, h = edges.coverage.box
    frame = np.zeros((config.pixel_height, config.pixel_width, 4))
    frame[y0 : y0 + h, x0 : x0 + w] = edges.pixel_array
    xs, ys = pixel_centres_in_scene()
    unit = config.frame_width / config.pixel_width
    near = np.zeros(xs.shape, bool)
    on_line = []
    for a, b in zip(starts, ends, strict=True):
        dist, t = distance_to_segment(xs, ys, a, b)
        near |= dist < 0.025 + 1.5 * unit
        on_line.append((dist < 0.2 * unit) & (t > 0.05) & (t < 0.95))
    alpha = frame[..., 3]
    assert np.all(alpha[~near] == 0)
    for line, colour in zip(on_line, (POSITIVE, NEGATIVE, POSITIVE), strict=True):
        assert line.any() and np.all(alpha[line] > 0)
        pixels = frame[line][alpha[line] > 100, :3] / 255
        np.testing.assert_allclose(pixels.mean(axis=0), rgb(colour), atol=0.02)


def test_edge_image_sits_on_whole_camera_pixels():
    edges = AllEdges(np.array([[-1.0, -1, 0]]), np.array([[1.3, 0.7, 0]]), np.array([0.3]))
    col = (edges.get_left()[0] / config.frame_width + 0.5) * config.pixel_width
    row = (0.5 - edges.get_top()[1] / config.frame_height) * config.pixel_height
    assert col == pytest.approx(round(col)) and row == pytest.approx(round(row))
    assert edges.pixel_array.shape[:2] == edges.coverage.box[:1:-1]


def test_recolouring_equals_a_fresh_build_and_keeps_opacity():
    starts = np.array([[-3.0, -2, 0], [-3.0, 2, 0], [-3.0, 0, 0]])
    ends = np.array([[3.0, 0, 0]] * 3)
    first, second = np.array([0.2, -0.4, 0.1]), np.array([-0.3, 0.1, 0.4])
    edges = AllEdges(starts, ends, first, scales=0.5)
    edges.set_weights(second)
    np.testing.assert_array_equal(
        edges.pixel_array, AllEdges(starts, ends, second, scales=0.5).pixel_array
    )
    edges.set_opacity(0.5)
    edges.set_weights(first)
    fresh = AllEdges(starts, ends, first, scales=0.5).pixel_array
    np.testing.assert_allclose(edges.pixel_array[..., 3], fresh[..., 3] * 0.5, atol=1)


def test_coverage_of_a_long_horizontal_line_is_its_width_per_pixel():
    width = 3 * config.frame_width / config.pixel_width  # three pixels wide
    cov = EdgeCoverage(np.array([[-4.0, 0.01, 0]]), np.array([[4.0, 0.01, 0]]), width)
    image = cov.accumulate(np.ones(1))
    middle_columns = image[:, image.shape[1] // 4 : 3 * image.shape[1] // 4]
    np.testing.assert_allclose(middle_columns.sum(axis=0), 3.0, atol=1e-4)
    assert middle_columns.max() <= 1.0 + 1e-6


def test_highlights_sit_on_the_real_element():
    grid = PixelGrid(np.zeros(784))
    np.testing.assert_allclose(grid.highlight_pixel(407).get_center(), grid.pixel(407).get_center())
    net = NetworkMobject(SIZES)
    ring = net.highlight_neuron(0, 783)
    np.testing.assert_allclose(ring.get_center(), net.layers[0][-1].get_center())
    column = VectorColumn(np.linspace(0, 1, 30))
    box = column.highlight_entry(29)
    np.testing.assert_allclose(box.get_center(), column.entries[-1].get_center(), atol=1e-6)


# -- graphical ---------------------------------------------------------------------


@frames_comparison
def test_pixel_grid(scene: Scene):
    rng = np.random.default_rng(0)
    grid = PixelGrid(rng.random(784) ** 3, side=5).to_edge(LEFT)
    neurons = grid.as_neuron_column(np.arange(350, 358), center=3 * RIGHT)
    scene.add(grid, grid.highlight_pixel(14 * 28 + 14))
    scene.play(grid.break_into(np.arange(350, 358), neurons))
    scene.wait()  # the harness draws only the last animation's moving mobjects


@frames_comparison
def test_network_feed_forward(scene: Scene):
    net = NetworkMobject(SIZES, seeded_weights(), output_labels=[str(d) for d in range(10)])
    activations = seeded_activations()
    scene.add(net)
    for step in net.feed_forward(activations):
        scene.play(step)
    scene.add(net.highlight_neuron(3, int(activations[3].argmax())))
    scene.wait()  # the harness draws only the last animation's moving mobjects
    # the animation must leave every shown neuron lit with its real activation
    for layer, a in enumerate(activations):
        for i in net.shown_indices[layer]:
            np.testing.assert_allclose(rgb(net.neuron(layer, i).get_fill_color()), a[i], atol=1e-6)


@frames_comparison
def test_all_edges(scene: Scene):
    net, column, edges = full_network_edges(seeded_weights())
    values = np.random.default_rng(0).random(784) ** 4
    scene.add(input_column(values, column.mean(axis=0), 6.4), net.layers[1:])
    scene.play(FadeIn(edges))
    scene.bring_to_back(edges)
    scene.wait()  # the harness draws only the last animation's moving mobjects


@frames_comparison
def test_vector_column(scene: Scene):
    rng = np.random.default_rng(0)
    outputs = VectorColumn(rng.random(10), labels=[str(d) for d in range(10)])
    weights = VectorColumn(rng.normal(size=784), color_by="sign", max_shown=8)
    scene.add(outputs.shift(2 * LEFT), weights.shift(2 * RIGHT + 0.5 * DOWN))
    scene.add(outputs.highlight_entry(3), weights.highlight_entry(783))
