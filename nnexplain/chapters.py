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
    concept: str

    @property
    def path(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"


LECTURE: tuple[Chapter, ...] = (
    Chapter("input-layer", "input_layer", "InputLayer",
            "a real 28x28 digit becomes 784 input neurons"),
    Chapter("hidden-layers", "network", "HiddenLayers",
            "the 784-16-16-10 network lights up layer by layer"),
    Chapter("parameters", "parameters", "WeightsAndBiases",
            "weights and biases: a' = sigmoid(W a + b), 13,002 parameters"),
    Chapter("cost-untrained", "cost", "CostUntrained",
            "the quadratic cost of an untrained network's wrong output, term by term"),
    Chapter("cost-trained", "cost", "CostTrained",
            "the same cost for the trained network's confident, correct output"),
    Chapter("gradient", "gradient", "NegativeGradient",
            "the negative gradient: 13,002 nudges, each tied to the weight it moves"),
    Chapter("backprop", "backprop", "Backpropagation",
            "backpropagation: three ways to raise an output, propagated backwards"),
    Chapter("compute-scale", "compute_scale", "ComputeScale",
            "LLM training compute on a minute-to-100-million-year ladder"),
    Chapter("embeddings", "embeddings", "WordEmbeddings",
            "a sentence's tokens become vectors, all at once, from MiniLM's real embeddings"),
    Chapter("attention", "attention", "Attention",
            'attention: "model" in "machine learning model" vs "fashion model"'),
)  # fmt: skip
