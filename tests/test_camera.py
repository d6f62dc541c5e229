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
    Line,
    Rectangle,
    Square,
    VMobject,
)

from scenes.camera import LeanCamera
from scenes.explainer_scene import ExplainerScene
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
