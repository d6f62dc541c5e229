"""LeanCamera draws every pixel manim's Camera draws, for every kind of part the scenes use."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    BLUE,
    DOWN,
    LEFT,
    RED,
    RIGHT,
    UP,
    YELLOW,
    Arrow,
    Camera,
    Circle,
    Create,
    DashedLine,
    Dot,
    ImageMobject,
    Line,
    Rectangle,
    Square,
    VMobject,
)

from scenes.engine.camera import LeanCamera
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.all_edges import AllEdges
from scenes.mobjects.network import NetworkMobject
from scenes.style import number, text


def drawn(camera_class: type[Camera], *mobjects) -> np.ndarray:
    camera = camera_class()
    camera.capture_mobjects(list(mobjects))
    return camera.pixel_array.copy()


def network() -> NetworkMobject:
    rng = np.random.default_rng(3)
    sizes = (30, 12, 8, 4)
    net = NetworkMobject(sizes, [rng.normal(size=(m, n)) for n, m in zip(sizes, sizes[1:])],
                         activations=[rng.random(n) for n in sizes],
                         output_labels=list("abcd"))  # fmt: skip
    return net.scale(0.8).shift(2 * LEFT)


def parts() -> list[VMobject]:
    """One of each kind the camera tells apart: a plain path, a fill, a gradient ..."""
    closed = Line(LEFT, RIGHT)
    closed.set_points(np.array([[0, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    infinite = Line(LEFT, RIGHT)
    infinite.points[1, 0] = np.inf
    return [
        text("weights, 13,002", size=30).to_edge(UP),
        number(-0.42).next_to(0.5 * RIGHT, DOWN),
        Square(1.0, fill_opacity=0.6, stroke_width=4).shift(3 * RIGHT),
        Circle(0.5, color=YELLOW).set_stroke(width=0),  # a stroke of width 0: no stroke
        Rectangle(width=2, height=1).set_color_by_gradient(BLUE, RED).shift(2 * DOWN),
        Square(0.8).set_fill(RED, 0.7).set_sheen(0.5, UP).shift(3 * RIGHT + 2 * DOWN),
        text("outlined", size=30).set_stroke(BLUE, width=6, background=True).to_edge(DOWN),
        DashedLine(4 * LEFT + 3 * DOWN, 4 * RIGHT + 3 * DOWN, color=YELLOW),
        Arrow(0.5 * RIGHT, 2 * UP + 5 * RIGHT),
        Dot(4 * LEFT + 2 * UP, color=RED).set_opacity(0.3),
        Line(LEFT, RIGHT).set_stroke(opacity=0),  # invisible: draws nothing
        closed.shift(5 * LEFT + 3 * DOWN),  # one curve whose ends meet: closed
        infinite,  # manim draws a part with a non-finite point as nothing
    ]


@pytest.mark.parametrize("what", ["network", "parts", "both"])
def test_lean_camera_draws_manims_pixels(what):
    mobjects = {"network": [network()], "parts": parts(), "both": [network(), *parts()]}[what]
    ours, manims = drawn(LeanCamera, *mobjects), drawn(Camera, *mobjects)
    assert manims.any()
    assert np.array_equal(ours, manims)


def test_lean_camera_draws_a_network_mid_animation_as_manim_does():
    net = network()
    create = Create(net.edges, lag_ratio=0.001)
    create.begin()
    for alpha in (0.0, 0.3, 0.77):
        create.interpolate(alpha)
        assert np.array_equal(drawn(LeanCamera, net), drawn(Camera, net))


def test_the_explainer_scenes_draw_with_the_lean_camera():
    assert isinstance(ExplainerScene().renderer.camera, LeanCamera)


def edges() -> AllEdges:
    """A fan of real-looking edges: an image on whole camera pixels at its own size."""
    rng = np.random.default_rng(5)
    starts = np.column_stack([np.full(40, -4.0), np.linspace(-3, 3, 40), np.zeros(40)])
    ends = np.column_stack([np.full(40, 1.0), rng.uniform(-2, 2, 40), np.zeros(40)])
    return AllEdges(starts, ends, rng.normal(size=40))


def test_lean_camera_composites_an_image_on_whole_pixels_as_manim_does():
    half = edges().set_opacity(0.5)  # partly transparent over what is under it
    for mobjects in ([edges()], [*parts(), half], [network(), edges()]):
        assert LeanCamera()._on_whole_pixels(mobjects[-1]) is not None
        ours, manims = drawn(LeanCamera, *mobjects), drawn(Camera, *mobjects)
        assert manims[..., 3].any()
        # manim solves for its transform, which at some sizes is the identity only to
        # about 1e-13, and its bilinear filter then moves a level or two of 255.
        assert np.abs(ours.astype(int) - manims).max() <= 2


def test_an_image_on_whole_pixels_keeps_manims_pixels_where_its_transform_is_exact(
    monkeypatch,
):
    under, image = network(), edges()
    ours = drawn(LeanCamera, under, image)
    identity = np.array([1.0, 0, 0, 0, 1, 0, 0, 0])  # the perspective transform manim solves for
    monkeypatch.setattr(np.linalg, "solve", lambda a, b: identity)
    assert np.array_equal(ours, drawn(Camera, under, image))


def test_an_image_scaled_moved_or_cut_by_the_frame_is_left_to_manim():
    rng = np.random.default_rng(6)
    photo = ImageMobject(rng.integers(0, 256, (20, 30, 4), dtype=np.uint8)).scale(2)
    shifted = edges().shift(0.013 * RIGHT)  # a fraction of a pixel
    cut = edges().shift(4 * LEFT)  # its left part off the frame
    for image in (photo, shifted, cut):
        assert LeanCamera()._on_whole_pixels(image) is None
        assert np.array_equal(drawn(LeanCamera, image), drawn(Camera, image))
