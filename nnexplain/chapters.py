"""The lecture: every scene, in story order.

What a viewer reads of a chapter, its title and the concept it explains, is in the script
(``scenes/script/<language>/chapters.ftl``, read by :mod:`nnexplain.words`), in the render's
language and a teacher's wording.
"""

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
    Chapter("input-layer", "input_layer", "InputLayer", 72),
    Chapter("hidden-layers", "network", "HiddenLayers", 167),
    Chapter("parameters", "parameters", "WeightsAndBiases", 141),
    Chapter("cost-untrained", "cost", "CostUntrained", 59),
    Chapter("cost-trained", "cost", "CostTrained", 98),
    Chapter("landscape", "landscape", "CostLandscape", 149),
    Chapter("gradient", "gradient", "NegativeGradient", 139),
    Chapter("learning", "learning", "NetworkLearns", 168),
    Chapter("backprop", "backprop", "Backpropagation", 146),
    Chapter("chain-rule", "chain_rule", "ChainRule", 70),
    Chapter("compute-scale", "compute_scale", "ComputeScale", 109),
    Chapter("embeddings", "embeddings", "WordEmbeddings", 172),
    Chapter("attention", "attention", "Attention", 238),
)  # fmt: skip
