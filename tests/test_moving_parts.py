"""Redrawing only what an animation reaches, and what lies over it, draws manim's frames.

Each scene is rendered in this process by ExplainerScene's way and by manim's own
(its Cairo renderer, every part after the first animated one redrawn), and every
frame is compared.
"""

from __future__ import annotations

import hashlib
import importlib

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    YELLOW,
    AnimationGroup,
    Circle,
    Create,
    FadeIn,
    Indicate,
    Rotate,
    Scene,
    ShowPassingFlash,
    Square,
    Succession,
    Transform,
    Write,
    tempconfig,
)
from manim.renderer.cairo_renderer import CairoRenderer

from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, Recolor
from scenes.engine.moving_parts import moving_and_static
from scenes.engine.static_layer import StaticLayerRenderer
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject
from scenes.style import formula, text

SIZE = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 10}


def frames_of(scene_class: type[Scene], renderer_class: type[CairoRenderer]) -> list[bytes]:
    """A digest of each frame ``scene_class`` writes when drawn by ``renderer_class``,
    then of each still it keeps."""
    frames = []

    class Recording(renderer_class):
        def add_frame(self, frame, num_frames=1):
            frames.extend([hashlib.sha256(frame).digest()] * num_frames)
            super().add_frame(frame, num_frames)

    with tempconfig(SIZE | {"write_to_movie": False, "disable_caching": True}):
        scene = scene_class(renderer=Recording())
        scene.render()
    return frames + [hashlib.sha256(still).digest() for _, still in getattr(scene, "stills", [])]


def as_manim_draws(scene_class: type[Scene]) -> type[Scene]:
    """``scene_class`` with manim's own choice of what each frame redraws, and each beat's
    still drawn afresh by manim, from an empty frame."""

    def keep_still(self, name):
        self.renderer.static_image = None
        self.renderer.update_frame(self, ignore_skipping=True)
        self.stills.append((name, self.renderer.get_frame()))

    return type(scene_class.__name__, (scene_class,), {
        "get_moving_and_static_mobjects": Scene.get_moving_and_static_mobjects,
        "_keep_still": keep_still,
    })  # fmt: skip


def differing_frames(ours: list[bytes], manims: list[bytes]) -> list[int]:
    assert len(ours) == len(manims) > 10
    return [k for k, (a, b) in enumerate(zip(ours, manims, strict=True)) if a != b]


class Overlaps(ExplainerScene):
    """Animations under, over and beside parts added after them."""

    def construct(self):
        rng = np.random.default_rng(2)
        sizes = (20, 8, 4)
        net = NetworkMobject(sizes, [rng.normal(size=(m, n)) for n, m in zip(sizes, sizes[1:])])
        over = Square(1.0, fill_opacity=0.5, color=YELLOW).move_to(net.layers[1])  # over the net
        aside = text("beside it", size=30).to_corner(UP + RIGHT)
        law = formula("C = sum (a_j - y_j)^2").to_corner(DOWN + RIGHT)
        near = Circle(0.3, fill_opacity=0.7).next_to(aside, DOWN, buff=0.35)
        self.add(net, over, aside, law, near)
        self.play(Recolor(net.edges, lambda m: m.set_color(YELLOW)), run_time=0.3)
        self.play(OpacityFadeOut(aside, shift=0.6 * DOWN), run_time=0.3)  # reaches `near`
        self.play(OpacityFadeIn(aside, shift=0.6 * DOWN), Write(law), run_time=0.3)
        self.play(Transform(net.layers[0], net.layers[0].copy().shift(LEFT)), run_time=0.3)
        self.play(Create(Circle(0.4).move_to(over)), Indicate(near), run_time=0.3)
        flash = net.edges[0].copy().set_stroke(YELLOW, width=4)
        self.play(
            Succession(
                ShowPassingFlash(flash, time_width=0.4),
                AnimationGroup(FadeIn(Square(0.3).shift(3 * LEFT), shift=UP), Write(text("x"))),
            ),
            run_time=0.6,
        )
        self.play(Rotate(over, 1.0), run_time=0.3)  # reach unknown here: manim's choice
        self.wait(0.2)


def test_an_animation_under_over_and_beside_later_parts_draws_manims_frames():
    ours = frames_of(Overlaps, StaticLayerRenderer)
    manims = frames_of(as_manim_draws(Overlaps), CairoRenderer)
    assert differing_frames(ours, manims) == []


def test_parts_beside_an_animation_are_drawn_once_and_those_over_it_every_frame():
    seen = {}

    class Split(Overlaps):
        def get_moving_and_static_mobjects(self, animations):
            moving, static = moving_and_static(self, animations)
            seen.setdefault("recolor", (moving, static, self.mobjects))
            raise StopIteration  # the first play is enough

    with tempconfig(SIZE | {"write_to_movie": False}), pytest.raises(StopIteration):
        Split().render()
    moving, static, (net, over, aside, law, near) = seen["recolor"]
    assert set(over.family_members_with_points()) <= set(moving)
    for beside in (aside, law, near):
        assert set(beside.family_members_with_points()) <= set(static)
    assert set(net.layers.family_members_with_points()) <= set(moving)


@pytest.mark.slow
@pytest.mark.parametrize(
    "module, name",
    [("scenes.backprop", "Backpropagation"), ("scenes.cost", "CostTrained")],
)  # fmt: skip
def test_a_lecture_scene_draws_manims_frames(monkeypatch, module, name):
    monkeypatch.setenv("NNEXPLAIN_VOICE", "none")
    scene_class = getattr(importlib.import_module(module), name)
    # A formula's first drawing in a process can differ from later ones by a few levels
    # (its first Typst compile against its cached SVG): both compared come after this.
    with tempconfig(SIZE | {"write_to_movie": False, "save_last_frame": False}):
        scene_class(skip_animations=True).render()
    ours = frames_of(scene_class, StaticLayerRenderer)
    manims = frames_of(as_manim_draws(scene_class), CairoRenderer)
    assert differing_frames(ours, manims) == []
