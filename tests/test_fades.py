"""The copy-free fades, the colour-only transform and the held-frame encoder change nothing seen.

Each is checked against what manim itself does: the same pixels at any point of
the animation, the same packets in the video.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import av
import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    YELLOW,
    AnimationGroup,
    Camera,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    ImageMobject,
    Line,
    Mobject,
    ReplacementTransform,
    Scene,
    Square,
    VGroup,
)
from manim._config.video_encoder import VideoEncoderSpec
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.engine.camera import LAYER, LeanCamera
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, Recolor, Restyle, replacement
from scenes.engine.still_frames import HeldFrameEncoder
from scenes.mobjects.network import NetworkMobject
from scenes.style import number, text


def picture() -> VGroup:
    return VGroup(
        text("hello world", size=40),
        number(-0.42),
        Square(1.0, fill_opacity=0.6, stroke_width=4).shift(2 * LEFT),
    ).arrange(DOWN)


def drawn_at(animation, alpha: float) -> np.ndarray:
    animation.begin()
    animation.interpolate(alpha)
    camera = Camera()
    camera.capture_mobjects([animation.mobject])
    return camera.pixel_array


@pytest.mark.parametrize(("ours", "manims"), [(OpacityFadeIn, FadeIn), (OpacityFadeOut, FadeOut)])
@pytest.mark.parametrize("options", [{}, {"shift": 0.5 * DOWN}, {"lag_ratio": 0.3}])
@pytest.mark.parametrize("alpha", [0.0, 0.37, 1.0])
def test_opacity_fades_draw_what_manims_fades_draw(ours, manims, options, alpha):
    np.testing.assert_array_equal(
        drawn_at(ours(picture(), **options), alpha), drawn_at(manims(picture(), **options), alpha)
    )


@pytest.mark.parametrize(("ours", "manims"), [(OpacityFadeIn, FadeIn), (OpacityFadeOut, FadeOut)])
def test_several_mobjects_fade_as_manims_group_of_them(ours, manims):
    def parts():
        return picture(), number(3.25).shift(2 * DOWN)

    np.testing.assert_array_equal(
        drawn_at(ours(*parts(), shift=DOWN), 0.6), drawn_at(manims(*parts(), shift=DOWN), 0.6)
    )


def test_a_faded_out_mobject_is_restored_for_later():
    shown = picture()
    before = [(p.fill_rgbas.copy(), p.points.copy()) for p in shown.family_members_with_points()]
    fade = OpacityFadeOut(shown, shift=DOWN)
    fade.begin()
    fade.interpolate(0.5)
    fade.finish()
    fade.clean_up_from_scene(type("NoScene", (), {"remove": lambda self, *m: None})())
    for (fill, points), part in zip(before, shown.family_members_with_points(), strict=True):
        np.testing.assert_array_equal(part.fill_rgbas, fill)
        np.testing.assert_array_equal(part.points, points)


@pytest.mark.parametrize("alpha", [0.0, 0.3, 1.0])
def test_recolor_draws_what_animate_set_color_draws(alpha):
    def word() -> VGroup:
        return VGroup(Dot(), text("king", size=30)).arrange(DOWN)

    ours = Recolor(word(), lambda m: m.set_color(YELLOW))
    manims = word().animate.set_color(YELLOW).build()
    np.testing.assert_array_equal(drawn_at(ours, alpha), drawn_at(manims, alpha))


def two_networks(second_sizes=(20, 5, 3)):
    """A small network, then one of ``second_sizes``, each with random weights (and widths)."""
    rng = np.random.default_rng(3)

    def drawn(sizes):
        weights = [rng.normal(size=(m, n)) for n, m in zip(sizes, sizes[1:])]
        return NetworkMobject(sizes, weights, shown_max=4)

    return drawn((20, 5, 3)), drawn(second_sizes)


@pytest.mark.parametrize("alpha", [0.0, 0.42, 1.0])
def test_restyle_draws_what_a_replacement_transform_draws(alpha):
    ours = Restyle(*two_networks())
    manims = ReplacementTransform(*two_networks())
    np.testing.assert_array_equal(drawn_at(ours, alpha), drawn_at(manims, alpha))


def test_restyle_leaves_the_target_in_the_mobjects_place():
    start, target = two_networks()
    scene = type(
        "Scene", (), {"replace": lambda self, old, new: setattr(self, "swap", (old, new))}
    )()
    restyle = Restyle(start, target)
    restyle.begin()
    restyle.finish()
    restyle.clean_up_from_scene(scene)
    assert scene.swap == (start, target)


def test_a_network_of_another_shape_is_transformed_as_manim_does():
    start, target = two_networks((20, 6, 3))  # another hidden layer: other neurons and edges
    assert isinstance(replacement(start, target), ReplacementTransform)
    with pytest.raises(ValueError, match="same points"):
        Restyle(start, target)


def test_a_held_frame_is_encoded_to_the_same_packets(tmp_path):
    # One x264 thread: with two, the first frame's packet changed by a few bytes in
    # some runs of the same encoder (seen on a 2-core Xeon), whichever encoder fed it.
    options = (("preset", "veryfast"), ("threads", "1"))
    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", 320, 180, Fraction(15), options)
    rng = np.random.default_rng(0)
    still = np.zeros((180, 320, 4), np.uint8)
    still[..., 3] = 255
    still[40:120, 60:200, :3] = rng.integers(0, 256, (80, 140, 3))
    moved = np.roll(still, 7, axis=1)
    packets = []
    for encoder in (VideoSegmentEncoder, HeldFrameEncoder):
        path = tmp_path / f"{encoder.__name__}.mp4"
        writer = encoder(target=path, spec=spec)
        for frame, repeat in ((still, 1), (moved, 40), (still, 3)):
            writer.write_frame(frame.copy(), repeat=repeat)
        writer.finish()
        with av.open(str(path)) as video:
            packets.append([bytes(p) for p in video.demux(video=0) if p.size])
    assert len(packets[0]) == 44
    assert packets[0] == packets[1]


# -- drawn by LeanCamera: a fade without lag is one layer, composited -----------------


def lean_scene() -> Scene:
    return Scene(renderer=CairoRenderer(camera_class=LeanCamera))


def layered_at(fade, alpha: float, under: Sequence[Mobject] = ()) -> np.ndarray:
    """What every ExplainerScene's camera draws of ``fade`` at ``alpha``, over ``under``."""
    scene = lean_scene()
    fade._setup_scene(scene)
    fade.begin()
    fade.interpolate(alpha)
    camera = scene.renderer.camera
    camera.capture_mobjects([*under, fade.mobject])
    return camera.pixel_array.astype(float)


def lean_drawn(*mobjects: Mobject) -> np.ndarray:
    camera = LeanCamera()
    camera.capture_mobjects(list(mobjects))
    return camera.pixel_array.astype(float)


def under() -> list[Mobject]:
    """Something already on screen, under part of the picture."""
    return [Square(2.0, fill_opacity=0.8, stroke_width=0).set_fill(YELLOW).shift(0.5 * LEFT)]


def wide_strokes() -> VGroup:
    """Strokes thicker than their points' box, one of them running off the frame."""
    return VGroup(
        Circle(1.0, stroke_width=40).to_edge(LEFT, buff=-0.6),
        Line(2 * UP, 2 * UP + 3 * RIGHT, stroke_width=25, color=YELLOW),
    )


@pytest.mark.parametrize("fade", [OpacityFadeIn, OpacityFadeOut])
@pytest.mark.parametrize("alpha", [0.0, 0.37, 0.8, 1.0])
@pytest.mark.parametrize("content", [picture, wide_strokes])
def test_a_layered_fade_is_the_picture_composited_at_the_fades_opacity(fade, alpha, content):
    animation = fade(content())
    drawn = layered_at(animation, alpha, under())
    assert animation._layer is not None
    shown = animation.rate_func(alpha) if fade is OpacityFadeIn else 1 - animation.rate_func(alpha)
    before, after = lean_drawn(*under()), lean_drawn(*under(), content())
    # Within two levels of 255: the picture is rounded to bytes, and then the composite.
    worst = float(np.abs(drawn - (before + shown * (after - before))).max())
    assert worst <= 2.0


@pytest.mark.parametrize("fade", [OpacityFadeIn, OpacityFadeOut])
def test_a_layered_fade_with_a_shift_moves_the_picture_as_manim_moves_the_parts(fade):
    layered = layered_at(fade(picture(), shift=0.5 * DOWN), 0.4)
    parts = drawn_at(fade(picture(), shift=0.5 * DOWN), 0.4).astype(float)
    difference = np.abs(layered - parts)
    # A fraction of a pixel's offset is filtered, not drawn: the edges differ, a little.
    assert float(difference.mean()) < 0.2
    assert float(np.percentile(difference, 99.9)) < 40


def test_a_layered_fade_leaves_its_parts_unchanged_and_unlayered():
    shown = picture()
    before = [(p.fill_rgbas.copy(), p.points.copy()) for p in shown.family_members_with_points()]
    scene = lean_scene()
    fade = OpacityFadeOut(shown, shift=DOWN)
    fade._setup_scene(scene)
    fade.begin()
    fade.interpolate(0.5)
    assert shown.copy().family_members_with_points()[0].__dict__.get(LAYER) is None
    fade.finish()
    fade.clean_up_from_scene(scene)
    for (fill, points), part in zip(before, shown.family_members_with_points(), strict=True):
        np.testing.assert_array_equal(part.fill_rgbas, fill)
        np.testing.assert_array_equal(part.points, points)
        assert not hasattr(part, LAYER)


def test_a_fade_with_a_lag_or_an_image_fades_each_part():
    lagged = OpacityFadeIn(picture(), lag_ratio=0.3)
    layered_at(lagged, 0.5)
    assert lagged._layer is None
    pixels = np.full((2, 2, 4), 255, np.uint8)
    with_image = OpacityFadeIn(Group(picture(), ImageMobject(pixels)))
    layered_at(with_image, 0.5)
    assert with_image._layer is None


def test_a_fade_whose_parts_something_else_changes_fades_each_part():
    shown = picture()
    moved = OpacityFadeIn(shown)
    scene = lean_scene()
    scene.animations = [moved, AnimationGroup(shown[0].animate.shift(UP).build())]
    moved._setup_scene(scene)
    moved.begin()
    assert moved._layer is None
    updated = OpacityFadeIn(picture().add_updater(lambda m: None))
    layered_at(updated, 0.5)
    assert updated._layer is None


@pytest.mark.parametrize("alpha", [0.0, 0.42, 0.9, 1.0])
def test_a_recolouring_on_the_lean_camera_cross_fades_its_first_look_into_its_last(alpha):
    start, target = two_networks()
    restyle = Restyle(start, target)
    drawn = layered_at(restyle, alpha, under())
    assert restyle._cross_fade is not None
    t = restyle.rate_func(alpha)
    first, last = lean_drawn(*under(), two_networks()[0]), lean_drawn(*under(), target)
    # (1 - t) first + t last, within three levels of 255: each picture, their mix and the
    # composite are rounded to bytes.
    assert float(np.abs(drawn - ((1 - t) * first + t * last)).max()) <= 3.0


def test_a_cross_faded_recolouring_ends_in_its_last_look_and_unlayered():
    word = VGroup(Dot(), text("king", size=30)).arrange(DOWN)
    recolor = Recolor(word, lambda m: m.set_color(YELLOW))
    scene = lean_scene()
    scene.add(word)
    layered_at(recolor, 0.5)
    assert recolor._cross_fade is not None
    recolor.finish()
    recolor.clean_up_from_scene(scene)
    for part in word.family_members_with_points():
        assert not hasattr(part, LAYER)
    reference = VGroup(Dot(), text("king", size=30)).arrange(DOWN).set_color(YELLOW)
    assert np.array_equal(lean_drawn(word), lean_drawn(reference))
    lagged = Recolor(VGroup(Dot(), Dot()), lambda m: m.set_color(YELLOW), lag_ratio=0.5)
    layered_at(lagged, 0.5)
    assert lagged._cross_fade is None
