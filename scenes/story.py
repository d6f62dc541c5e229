"""What several scenes of the story share: its digit, its source notes, the words for the
network it is told about, and two staging helpers.

A scene module imports from here, never from another scene module, so that
editing one explanation cannot break another. The words here are what the
narration and the notes say about the network the scenes are given (its layers,
its activation, where it was trained), so that another network is described
as truthfully as the shipped 784-16-16-10 sigmoid one.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import FullScreenRectangle, Mobject, Scene

from nncore import data
from nncore.activations import DEFAULT_ACTIVATION
from nncore.mlp import INITS, SIZES, Network
from nncore.weights import dashed
from scenes import inputs
from scenes.fades import OpacityFadeOut
from scenes.mobjects.network import NetworkMobject
from scenes.style import BACKGROUND

STORY_DIGIT = "mnist:4529"  # a "9" from the held-out test digits

# Edges keep this fraction of their opacity, so that the ones being discussed
# (and the feed-forward flash) stand out.
DIMMED_EDGES = 0.35

# How each activation is written in a formula (Typst) and in plain text, how that
# symbol is read aloud, its name in a sentence, and what it does to z.
ACTIVATION_SYMBOL = {"sigmoid": "sigma", "relu": '"ReLU"', "tanh": "tanh"}
ACTIVATION_TEXT = {"sigmoid": "σ", "relu": "ReLU", "tanh": "tanh"}
ACTIVATION_READ = {"sigmoid": "sigma", "relu": "ReLU", "tanh": "tanh"}
ACTIVATION_SPOKEN = {"sigmoid": "the sigmoid function", "relu": "ReLU", "tanh": "tanh"}
ACTIVATION_DOES = {
    "sigmoid": "squashes z into a number from zero to one",
    "relu": "keeps z where it is positive and makes it zero where it is not",
    "tanh": "squashes z into a number from minus one to one",
}
ACTIVATION_NAME = {"sigmoid": "sigmoid", "relu": "ReLU", "tanh": "tanh"}
COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


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
    return f"{dashed(net.sizes)}, {ACTIVATION_NAME[net.activation]} in every layer"


def trained_note(facts: Training) -> str:
    """Where the trained network's numbers come from, for the corner of the screen."""
    if facts.train_digits is None:
        return (
            f"network trained elsewhere: {facts.test_accuracy:.1%} right on "
            f"{facts.test_digits:,} held-out digits here"
        )
    return (
        f"trained network: {facts.train_digits:,} MNIST digits, "
        f"{facts.test_accuracy:.1%} right on {facts.test_digits:,} held-out digits"
    )


def untrained_note(seed: int) -> str:
    return f"untrained network, seed {seed}"


def init_words(net: Network) -> str:
    """How the untrained network's numbers were drawn, for its note: "every weight ... N(0, 1)"."""
    if net.metadata["init"] == INITS["standard"]:
        return "every weight and bias drawn from N(0, 1)"
    return "weights drawn from N(0, 1/n_in), biases 0"


def digit_note(digit: inputs.Digit, label: int) -> str:
    return f"{digit.source}, desired output {label}"


def hidden_layers_phrase(hidden: list[int]) -> str:
    """The hidden layers in words: "two hidden layers of 16 neurons each", "no hidden layer"."""
    if not hidden:
        return "no hidden layer at all"
    count = COUNT_WORDS[len(hidden)] if len(hidden) < len(COUNT_WORDS) else str(len(hidden))
    if len(hidden) == 1:
        return f"one hidden layer of {hidden[0]} neurons"
    if len(set(hidden)) == 1:
        return f"{count} hidden layers of {hidden[0]} neurons each"
    widths = ", ".join(map(str, hidden[:-1])) + f" and {hidden[-1]}"
    return f"{count} hidden layers, of {widths} neurons"


def layer_name(sizes: tuple[int, ...], layer: int) -> str:
    """ "input", "hidden layer 2", "output": what the diagram labels layer ``layer``."""
    if layer == 0:
        return "input"
    return "output" if layer == len(sizes) - 1 else f"hidden layer {layer}"


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
