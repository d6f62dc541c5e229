"""The lecture: every scene, in story order, with the concept it explains."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The scene files, which manim renders by path: nnexplain/../scenes/.
SCENES_DIR = Path(__file__).resolve().parents[1] / "scenes"


@dataclass(frozen=True)
class Chapter:
    name: str  # what users type: `nnexplain render input-layer`
    module: str  # file in scenes/, without .py
    scene: str  # the Scene class
    title: str  # what a viewer reads: the title card, the chapter mark
    concept: str

    @property
    def path(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"


LECTURE: tuple[Chapter, ...] = (
    Chapter("input-layer", "input_layer", "InputLayer", "The input layer",
            "a real 28x28 digit becomes 784 input neurons"),
    Chapter("hidden-layers", "network", "HiddenLayers", "Hidden layers",
            "the 784-16-16-10 network lights up layer by layer"),
    Chapter("parameters", "parameters", "WeightsAndBiases", "Weights and biases",
            "weights and biases: a' = sigmoid(W a + b), 13,002 parameters"),
    Chapter("cost-untrained", "cost", "CostUntrained", "The cost of a wrong answer",
            "the quadratic cost of an untrained network's wrong output, term by term"),
    Chapter("cost-trained", "cost", "CostTrained", "The cost, trained",
            "the same cost for the trained network's confident, correct output"),
    Chapter("gradient", "gradient", "NegativeGradient", "The negative gradient",
            "the negative gradient: 13,002 nudges, each tied to the weight it moves"),
    Chapter("backprop", "backprop", "Backpropagation", "Backpropagation",
            "backpropagation: three ways to raise an output, propagated backwards"),
    Chapter("compute-scale", "compute_scale", "ComputeScale", "The scale of training",
            "LLM training compute on a minute-to-100-million-year ladder"),
    Chapter("embeddings", "embeddings", "WordEmbeddings", "Words as vectors",
            "a sentence's tokens become vectors, all at once, from MiniLM's real embeddings"),
    Chapter("attention", "attention", "Attention", "Attention",
            'attention: "model" in "machine learning model" vs "fashion model"'),
)  # fmt: skip
