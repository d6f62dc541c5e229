"""The copy-free fades, the colour-only transform and the held-frame encoder change nothing seen.

Each is checked against what manim itself does: the same pixels at any point of
the animation, the same packets in the video.
"""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    YELLOW,
    Camera,
    Dot,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    Square,
    VGroup,
)
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.fades import OpacityFadeIn, OpacityFadeOut, Recolor, Restyle, replacement
from scenes.mobjects.network import NetworkMobject
from scenes.still_frames import HeldFrameEncoder
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
    spec = VideoEncoderSpec(
        "mp4", "libx264", "yuv420p", 320, 180, Fraction(15), (("preset", "veryfast"),)
    )
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
