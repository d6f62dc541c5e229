"""Every scene is told in beats, and every number a beat says is one the scene recorded.

The numbers a scene records come from nncore (each scene's own tests check them
against it); here each number written in a narration must read as one of them,
rounded as the narration shows it.
"""

from __future__ import annotations

import pytest
from scenetools import render_numbers

from nnexplain.chapters import LECTURE
from scenes.audio.narration import spoken_numbers, unmatched
from scenes.audio.voice import split_sentences
from scenes.contract import SceneInputs

SCENES = {c.name: c for c in LECTURE}


def scene_class(chapter):
    import importlib

    return getattr(importlib.import_module(f"scenes.{chapter.module}"), chapter.scene)


@pytest.fixture(scope="module", params=list(SCENES))
def sidecar(request, tmp_path_factory):
    chapter = SCENES[request.param]
    return render_numbers(scene_class(chapter), tmp_path_factory.mktemp(chapter.name))


def test_every_spoken_number_is_a_recorded_one(sidecar):
    values = [e["value"] for e in sidecar["numbers"]]
    assert sidecar["beats"], "the scene says something"
    for beat in sidecar["beats"]:
        assert not unmatched(beat["say"], values), (beat["name"], beat["say"])


@pytest.mark.parametrize("chapter", list(SCENES))
def test_every_number_the_spanish_lecture_says_is_a_recorded_one(chapter, tmp_path):
    """The Spanish narration, read as Spanish writes numbers ("0,86", "13.002"); its
    subtitles recorded in English too, sentence by sentence."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(SceneInputs.variable("language"), "es")
        env.setenv(SceneInputs.variable("subtitles"), "en")
        sidecar = render_numbers(scene_class(SCENES[chapter]), tmp_path)
    values = [e["value"] for e in sidecar["numbers"]]
    for beat in sidecar["beats"]:
        assert not unmatched(beat["say"], values, "es"), (beat["name"], beat["say"])
        assert [s["text"] for s in beat["sentences"]] == split_sentences(beat["say"], "es")
        assert len(beat["subtitles"]["en"]) == len(beat["sentences"]), beat["name"]
        assert not unmatched(" ".join(beat["subtitles"]["en"]), values), beat["name"]


def test_the_scene_is_told_in_beats_one_after_another(sidecar):
    beats = sidecar["beats"]
    assert len(beats) >= 3, "a scene tells its story in several beats"
    assert len({b["name"] for b in beats}) == len(beats), "beat names are unique"
    for before, after in zip(beats, beats[1:]):
        assert before["end"] <= after["start"] + 1e-9
    for b in beats:
        assert b["say"].strip() and b["sentences"]
        # The subtitles show the written sentences, timed by the spoken ones: as many.
        assert [s["text"] for s in b["sentences"]] == split_sentences(b["say"])
        assert len(split_sentences(b["spoken"])) == len(b["sentences"])
        # The beat lasts at least as long as its voice.
        assert b["sentences"][-1]["end"] <= b["end"] + 1e-6


def test_the_check_catches_a_typed_in_number():
    assert unmatched("The cost is 3.45, of 13,002 weights.", [3.4512, 13002.0]) == []
    assert unmatched("The cost is 3.46.", [3.4512]) == ["3.46"]
    assert unmatched("90.5 % right", [0.905]) == []
    assert spoken_numbers("a 784-16-16-10 net, -0.27") == ["784", "16", "16", "10", "-0.27"]


def test_a_number_said_from_a_record_is_found_and_its_words_are_not_numbers():
    """A dict-valued record (the attention row) is read like nested lists: its numbers."""
    row = {
        "sentence": "a 7 b",
        "layer": 2,
        "head": 10,
        "query": "model",
        "tokens": ["[CLS]", "a", "model"],
        "scores": [0.5, 3.21],
        "weights": [0.27, 0.73],
    }
    assert unmatched("layer 2, head 10: a score of 3.21 gives 0.73", [row]) == []
    assert unmatched("a weight of 0.74", [row]) == ["0.74"]
    assert unmatched("a sentence with 7 in it", [row]) == ["7"]  # words hold no recorded number
