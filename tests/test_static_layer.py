"""The static image drawn from its unchanged start is the one manim draws, every frame.

Each scene is rendered twice in this process, by manim's Cairo renderer and by
:class:`~scenes.engine.static_layer.StaticLayerRenderer`, and every frame is compared.
"""

from __future__ import annotations

import hashlib

import numpy as np
from manim import (
    BLUE,
    DOWN,
    RED,
    UP,
    YELLOW,
    Circle,
    Create,
    FadeIn,
    ImageMobject,
    Indicate,
    Scene,
    Square,
    VGroup,
    tempconfig,
)
from manim.renderer.cairo_renderer import CairoRenderer

from scenes.engine.static_layer import PARTS_PER_IMAGE, StaticLayerRenderer, drawn_state
from scenes.mobjects.network import NetworkMobject


def frames_of(scene_class: type[Scene], renderer_class: type[CairoRenderer]) -> list[bytes]:
    """A digest of each frame ``scene_class`` writes when drawn by ``renderer_class``."""
    frames = []

    class Recording(renderer_class):
        def add_frame(self, frame, num_frames=1):
            frames.extend([hashlib.sha256(frame).digest()] * num_frames)
            super().add_frame(frame, num_frames)

    with tempconfig({"pixel_width": 320, "pixel_height": 180, "frame_rate": 10,
                     "write_to_movie": False, "disable_caching": True}):  # fmt: skip
        scene_class(renderer=Recording()).render()
    return frames


class Changes(Scene):
    """Animations over a still network while the parts under them change between plays."""

    def construct(self):
        rng = np.random.default_rng(1)
        sizes = (30, 12, 8, 4)
        net = NetworkMobject(sizes, [rng.normal(size=(m, n)) for n, m in zip(sizes, sizes[1:])])
        assert len(net.family_members_with_points()) > 2 * PARTS_PER_IMAGE
        square = Square(0.6, fill_opacity=0.5).shift(3 * UP)
        pixels = np.zeros((4, 4, 4), np.uint8)
        pixels[..., 3] = 255
        pixels[1:3, 1:3, 0] = 200
        image = ImageMobject(pixels).scale(0.5).shift(3 * DOWN + 4 * np.array([1, 0, 0]))
        self.add(net, square, image)
        self.play(Create(Circle(0.3).shift(3 * DOWN)), run_time=0.3)
        self.play(Indicate(square), run_time=0.3)  # the same parts under it: drawn from kept
        net.edges[1][3].set_stroke(YELLOW, width=6)  # a part in the middle changes, unanimated
        self.play(Indicate(square), run_time=0.3)
        net.edges[0][0].set_stroke(RED)  # the very first part changes
        self.play(Indicate(square), run_time=0.3)
        image.pixel_array[0, 0] = (0, 255, 0, 255)  # an image's pixels change
        self.play(Indicate(square), run_time=0.3)
        self.remove(net.edges[2])  # parts go, and come back on top
        self.play(Indicate(square), run_time=0.3)
        self.add(net.edges[2])
        self.play(FadeIn(VGroup(Square(0.4).shift(2 * UP)), run_time=0.3))
        square.set_z_index(-1)  # drawn first from now on
        self.play(Indicate(net.layers[0][0]), run_time=0.3)
        net.shift(0.1 * UP)  # everything moves
        self.play(Indicate(square), run_time=0.3)
        self.wait(0.2)
        net.layers[1].set_fill(BLUE, opacity=0.8)
        self.play(Indicate(square), run_time=0.3)


def test_every_frame_is_manims_while_the_parts_change_between_animations():
    ours, manims = frames_of(Changes, StaticLayerRenderer), frames_of(Changes, CairoRenderer)
    assert len(ours) == len(manims) > 20
    assert [k for k, (a, b) in enumerate(zip(ours, manims, strict=True)) if a != b] == []


def test_a_parts_state_changes_with_each_thing_the_camera_draws():
    square = Square()
    before = drawn_state(square)
    for change in (
        lambda s: s.shift(0.01 * UP),
        lambda s: s.set_fill(RED, opacity=0.3),
        lambda s: s.set_stroke(width=7),
        lambda s: s.set_stroke(opacity=0.2),
        lambda s: s.set_stroke(BLUE, background=True, width=2),
        lambda s: s.set_sheen(0.4),
    ):
        changed = square.copy()
        change(changed)
        assert drawn_state(changed)[1:] != before[1:]
    assert drawn_state(square.copy())[1:] == before[1:]
