"""What several scenes of the story share: its digit, its source notes, the words for the
network it is told about, and two staging helpers.

A scene module imports from here, never from another scene module, so that
editing one explanation cannot break another. The words, in the script's
story.ftl, are what the narration and the notes say about the network the scenes
are given (its layers, its activation, where it was trained), so that another
network is described as truthfully as the shipped 784-16-16-10 sigmoid one.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import FullScreenRectangle, Mobject, Scene

from nncore import data
from nncore.activations import DEFAULT_ACTIVATION
from nncore.mlp import SIZES, Network
from nncore.weights import dashed
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeOut
from scenes.mobjects.network import NetworkMobject
from scenes.style import BACKGROUND

STORY_DIGIT = "mnist:4529"  # a "9" from the held-out test digits

# Edges keep this fraction of their opacity, so that the ones being discussed
# (and the feed-forward flash) stand out.
DIMMED_EDGES = 0.35

# How each activation is written in a formula (Typst) and in plain text: maths, not
# words (its name, how it is read and what it does are in the script, story.ftl).
ACTIVATION_SYMBOL = {"sigmoid": "sigma", "relu": '"ReLU"', "tanh": "tanh"}
ACTIVATION_TEXT = {"sigmoid": "σ", "relu": "ReLU", "tanh": "tanh"}


def words(message_id: str, **args: object) -> str:
    """A message of the shared script file, story.ftl."""
    return script.current().words(script.SHARED, message_id, **args)


@dataclass(frozen=True)
class Training:
    """Where a trained network's accuracy comes from, for the notes and the narration.

    ``train_digits`` is None for a network trained elsewhere (a PyTorch file):
    its accuracy is then measured here, by nncore, on the held-out digits.
    """

    train_digits: int | None
    test_digits: int
    test_accuracy: float


def training(net: Network) -> Training:
    """The file's own record (written by ``nnexplain train``), else nncore's measurement."""
    m = net.metadata
    if all(
        isinstance(m.get(k), int | float) for k in ("train_digits", "test_digits", "test_accuracy")
    ):
        return Training(m["train_digits"], m["test_digits"], m["test_accuracy"])
    images, labels = data.load_mnist()
    _, test = data.split()
    return Training(None, len(test), net.accuracy(images[test], labels[test]))


def network_note(net: Network) -> str | None:
    """The network's shape and activation, "784-32-10, ReLU in every layer", for a note;
    None for the shipped one."""
    if net.sizes == SIZES and net.activation == DEFAULT_ACTIVATION:
        return None
    return words("network-note", shape=dashed(net.sizes), activation=net.activation)


def trained_note(facts: Training) -> str:
    """Where the trained network's numbers come from, for the corner of the screen."""
    return words(
        "trained-note",
        train_digits="elsewhere" if facts.train_digits is None else facts.train_digits,
        test_digits=facts.test_digits,
        accuracy=facts.test_accuracy,
    )


def untrained_note(seed: int) -> str:
    return words("untrained-note", seed=seed)


def digit_name(digit: inputs.Digit) -> str:
    """The digit as a reader knows it, "an MNIST digit (no. 4529 of our sample)", for a
    note: not the spec a programmer types (``mnist:4529``)."""
    kind, _, index = digit.spec.partition(":")
    if kind == "mnist" and index.isdigit():
        return words("digit-name", index=int(index), file="")
    return words("digit-name", index="none", file=digit.spec)


def digit_note(digit: inputs.Digit, label: int) -> str:
    return words("digit-note", source=digit_name(digit), label=label)


def shown_rule(sizes: tuple[int, ...] | list[int], k: int = 16) -> str | None:
    """The note saying which neurons a wide layer shows (the ``k`` most active, as
    ``scenes.mobjects.network.most_active_indices`` picks them), or None when every one
    is drawn."""
    if all(n <= k for n in sizes[1:]):
        return None
    return words("shown-rule", shown=k)


def hidden_args(hidden: list[int]) -> dict[str, object]:
    """The variables of story.ftl's ``hidden-layers`` for hidden layers of these widths."""
    return {
        "hidden_count": len(hidden),
        "hidden_first": hidden[0] if hidden else 0,
        "hidden_same": "yes" if len(set(hidden)) == 1 else "no",
        "hidden_widths": ", ".join(map(str, hidden[:-1])),
        "hidden_last": hidden[-1] if hidden else 0,
    }


def layer_name(sizes: tuple[int, ...], layer: int) -> str:
    """ "input", "hidden layer 2", "output": what the diagram labels layer ``layer``."""
    position = "input" if layer == 0 else "output" if layer == len(sizes) - 1 else "hidden"
    return words("layer-name", position=position, layer=layer)


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
    scene.play(OpacityFadeOut(cover), run_time=run_time)
