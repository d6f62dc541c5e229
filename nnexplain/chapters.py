"""The lecture: every scene, in story order, with the concept it explains."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

# The scene files, which manim renders by path: nnexplain/../scenes/.
SHIPPED_SCENES = Path(__file__).resolve().parents[1] / "scenes"
SCENES_DIR = SHIPPED_SCENES


@dataclass(frozen=True)
class Chapter:
    name: str  # what users type: `nnexplain render input-layer`
    module: str  # file in scenes/, without .py
    scene: str  # the Scene class
    title: str  # what a viewer reads: the title card, the chapter mark
    concept: str  # on the title card, the index and the slides, whatever network is drawn
    # Seconds of video the default narration makes (measured on the narrated lecture):
    # long chapters start first, so that none starts last. Only the order depends on it.
    seconds: float = 60.0

    @property
    def path(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"

    def scene_class(self) -> type:
        """The scene's class, imported (with manim): it declares what it reads."""
        if self.path == SHIPPED_SCENES / f"{self.module}.py":
            module = importlib.import_module(f"scenes.{self.module}")
        else:  # a scene kept elsewhere (the tests' own)
            name = f"nnexplain_scenes_{self.module}"
            if name not in sys.modules:
                spec = importlib.util.spec_from_file_location(name, self.path)
                sys.modules[name] = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(sys.modules[name])
            module = sys.modules[name]
        return getattr(module, self.scene)

    @property
    def reads(self) -> tuple[str, ...]:
        """The inputs its scene reads: fields of ``scenes.contract.SceneInputs``."""
        return self.scene_class().reads


LECTURE: tuple[Chapter, ...] = (
    Chapter("input-layer", "input_layer", "InputLayer", "The input layer",
            "a real 28x28 digit becomes 784 input neurons", 72),
    Chapter("hidden-layers", "network", "HiddenLayers", "Hidden layers",
            "why layers: the hoped-for edges, the real first-layer weights, one neuron's "
            "pushes, pulls and threshold", 167),
    Chapter("parameters", "parameters", "WeightsAndBiases", "Weights and biases",
            "weights and biases: a' = activation(W a + b), every knob counted, the network "
            "as one function", 141),
    Chapter("cost-untrained", "cost", "CostUntrained", "The cost of a wrong answer",
            "the quadratic cost of an untrained network's wrong output, term by term", 59),
    Chapter("cost-trained", "cost", "CostTrained", "The cost, trained",
            "the same cost for the trained network, then averaged over every training digit", 98),
    Chapter("landscape", "landscape", "CostLandscape", "Rolling downhill",
            "the average cost as a landscape: a real slice through one weight, a ball "
            "rolling down it, a step too long, two weights, mini-batches against the full "
            "gradient", 149),
    Chapter("gradient", "gradient", "NegativeGradient", "The negative gradient",
            "the negative gradient: its sign says which way, its size which weights matter", 139),
    Chapter("learning", "learning", "NetworkLearns", "The network learns",
            "a real training run: the cost falls, a neuron and a digit's guess take shape", 168),
    Chapter("backprop", "backprop", "Backpropagation", "Backpropagation",
            "backpropagation: three ways to raise an output, propagated backwards", 146),
    Chapter("chain-rule", "chain_rule", "ChainRule", "The chain rule",
            "the chain rule along one weight's path: three real slopes whose product is "
            "backpropagation's entry", 70),
    Chapter("compute-scale", "compute_scale", "ComputeScale", "The scale of training",
            "from our parameters to GPT-3's, then LLM training compute on a time ladder", 109),
    Chapter("embeddings", "embeddings", "WordEmbeddings", "Words as vectors",
            "tokens become MiniLM's real vectors; the dot product measures how they align", 172),
    Chapter("attention", "attention", "Attention", "Attention",
            'one head at work (query, keys, softmax, values), then "model" in two sentences', 238),
)  # fmt: skip
