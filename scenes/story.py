"""What several scenes of the story share: its digit, its source notes, two staging helpers.

A scene module imports from here, never from another scene module, so that
editing one explanation cannot break another.
"""

from __future__ import annotations

from manim import FadeOut, FullScreenRectangle, Mobject, Scene

from scenes import inputs
from scenes.mobjects.network import NetworkMobject
from scenes.style import BACKGROUND

STORY_DIGIT = "mnist:4529"  # a "9" from the held-out test digits

# Edges keep this fraction of their opacity, so that the ones being discussed
# (and the feed-forward flash) stand out.
DIMMED_EDGES = 0.35


def trained_note(metadata: dict) -> str:
    """Where the trained network's numbers come from, for the corner of the screen."""
    return (
        f"trained network: {metadata['train_digits']:,} MNIST digits, "
        f"{metadata['test_accuracy']:.1%} right on {metadata['test_digits']:,} held-out digits"
    )


def untrained_note(seed: int) -> str:
    return f"untrained network, seed {seed}"


def digit_note(digit: inputs.Digit, label: int) -> str:
    return f"{digit.source}, desired output {label}"


def dim_edges(diagram: NetworkMobject, fraction: float = DIMMED_EDGES) -> NetworkMobject:
    """Keep ``fraction`` of every edge's opacity (so relative weights still show)."""
    for line in diagram.edges.family_members_with_points():
        line.set_stroke(opacity=fraction * line.get_stroke_opacity())
    return diagram


def reveal(scene: Scene, *mobjects: Mobject, run_time: float = 1.5) -> None:
    """Fade ``mobjects`` in from black by fading out one black screen in front of them.

    Fading a network in redraws its ~700 edges every frame; this redraws one
    rectangle over a still image of them.
    """
    cover = FullScreenRectangle(fill_color=BACKGROUND, fill_opacity=1.0, stroke_width=0)
    scene.add(*mobjects, cover)
    scene.play(FadeOut(cover), run_time=run_time)
