"""Graphical tests: the last frame of each scene that has no key frame test of its own.

The numbers on screen are checked in each scene's numeric test; these catch a
change in the drawing (layout, colours, style) that no number would show.
"""

from __future__ import annotations

from manim.utils.testing.frames_comparison import frames_comparison

from scenes.compute_scale import ComputeScale
from scenes.input_layer import InputLayer
from scenes.learning import NetworkLearns
from scenes.network import HiddenLayers
from scenes.parameters import WeightsAndBiases

__module_test__ = "scenes"


@frames_comparison(base_scene=InputLayer, last_frame=True)
def test_input_layer_last_frame(scene):
    # frames_comparison runs this function as the scene's construct; run the real one
    InputLayer.construct(scene)


@frames_comparison(base_scene=HiddenLayers, last_frame=True)
def test_hidden_layers_last_frame(scene):
    HiddenLayers.construct(scene)


@frames_comparison(base_scene=WeightsAndBiases, last_frame=True)
def test_parameters_last_frame(scene):
    WeightsAndBiases.construct(scene)


@frames_comparison(base_scene=NetworkLearns, last_frame=True)
def test_learning_last_frame(scene):
    """The shipped network's run, drawn to its end: both curves, both maps, the bars."""
    NetworkLearns.construct(scene)


@frames_comparison(base_scene=ComputeScale, last_frame=True)
def test_compute_scale_last_frame(scene):
    ComputeScale.construct(scene)
