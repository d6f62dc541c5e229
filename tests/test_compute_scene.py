"""ComputeScale shows exactly nncore.compute's numbers: sidecar and on-screen text.

The scene is rendered as a tiny last-frame still (animations skipped), which still
runs every beat and writes the ``.numbers.json`` sidecar.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import combinations
from pathlib import Path

import pytest
from manim import DL, UR, Text, config, tempconfig

from nncore.compute import (
    DEFAULT_RATE,
    FLOP_PER_PARAMETER_TOKEN,
    MODELS,
    RUNGS,
    SECONDS_PER_YEAR,
    TrainingRun,
    count,
    ladder_position,
    seconds_at,
    years_at,
)
from nncore.errors import InputError
from scenes import inputs, script
from scenes.compute_scale import ComputeScale
from scenes.inputs import MODELS_ENV

REL = 1e-12


def render_still(media_dir: Path, models_spec: str | None) -> tuple[ComputeScale, dict]:
    """Render the last frame at 320x180 into ``media_dir``; the scene and its sidecar."""
    with pytest.MonkeyPatch.context() as mp:
        if models_spec is None:
            mp.delenv(MODELS_ENV, raising=False)
        else:
            mp.setenv(MODELS_ENV, models_spec)
        with tempconfig(
            {
                "quality": "low_quality",
                "pixel_width": 320,
                "pixel_height": 180,
                "media_dir": str(media_dir),
                "save_last_frame": True,
                "write_to_movie": False,
                "disable_caching": True,
            }
        ):
            scene = ComputeScale()
            scene.render()
    (sidecar,) = media_dir.rglob("*.numbers.json")
    return scene, json.loads(sidecar.read_text())


def shown_figure(x: float, digits: int = 2) -> float:
    """The figure the screen shows for ``x``: 10 for "10 million", 1.2 for "1.2 billion"."""
    return count(x, digits).figure


def expected_numbers(models: Sequence[TrainingRun]) -> dict[str, float]:
    """Every number the scene must show or say, straight from nncore.compute (and the
    digit network's parameters, counted here by hand)."""
    gpt3 = MODELS["gpt3-175b"]
    expected = {
        "digit network parameters": 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10,
        "parameters_figure/gpt3-175b": 175,
        "parameter_ratio/gpt3-175b": 13.5,
        "flop per parameter per token": FLOP_PER_PARAMETER_TOKEN,
        "tokens_figure/gpt3-175b": shown_figure(gpt3.n_tokens),
        "rate_per_second": DEFAULT_RATE,
        "rate_figure": shown_figure(DEFAULT_RATE),
    }
    expected |= {f"rung_seconds/{r.key}": r.seconds for r in RUNGS}
    expected["ladder_years"] = RUNGS[-1].seconds / SECONDS_PER_YEAR
    for m in models:
        expected[f"flop/{m.key}"] = m.flop
        expected[f"years/{m.key}"] = years_at(m.flop, DEFAULT_RATE)
        expected[f"years_figure/{m.key}"] = shown_figure(years_at(m.flop, DEFAULT_RATE))
        expected[f"ladder_fraction/{m.key}"] = ladder_position(
            seconds_at(m.flop, DEFAULT_RATE)
        ).fraction
    return expected


def mismatches(sidecar: dict, expected: dict[str, float]) -> list[str]:
    """What in the sidecar differs from ``expected``: missing, extra or wrong numbers."""
    shown = {e["label"]: e["value"] for e in sidecar["numbers"]}
    problems = [f"missing {k}" for k in expected.keys() - shown.keys()]
    problems += [f"unexpected {k}" for k in shown.keys() - expected.keys()]
    problems += [
        f"{k}: shown {shown[k]!r}, nncore says {v!r}"
        for k, v in expected.items()
        if k in shown and shown[k] != pytest.approx(v, rel=REL)
    ]
    if len(shown) != len(sidecar["numbers"]):
        problems.append("a label is recorded twice")
    return problems


def text_mobjects(scene: ComputeScale) -> list[Text]:
    """Every Text on screen at the end of the scene."""
    return [m for top in scene.mobjects for m in top.get_family() if isinstance(m, Text)]


def screen_texts(scene: ComputeScale) -> set[str]:
    """The strings of every Text on screen at the end of the scene."""
    return {m.original_text for m in text_mobjects(scene)}


@pytest.fixture(scope="module")
def default_render(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    yield render_still(tmp_path_factory.mktemp("compute_scale"), None)


def test_every_sidecar_number_is_nncore_compute_s(default_render):
    _, sidecar = default_render
    assert sidecar["scene"] == "ComputeScale"
    assert sidecar["inputs"]["models"] == list(MODELS)
    assert mismatches(sidecar, expected_numbers(list(MODELS.values()))) == []


def test_the_numbers_the_voice_says_are_those_on_screen(default_render):
    _, sidecar = default_render
    shown = {e["label"]: e["value"] for e in sidecar["numbers"]}
    # GPT-3 "about 10 million years", Llama 3.1 405B "about 1.2 billion", 100,000,000 years
    assert shown["rate_figure"] == 1
    assert shown["years_figure/gpt3-175b"] == 10
    assert shown["years_figure/llama3.1-405b"] == 1.2
    assert shown["ladder_years"] == pytest.approx(1e8, rel=REL)


def test_every_model_has_a_name_to_speak():
    """The script says each model's name in words: none falls back to its written name."""
    words = script.load()
    for key in MODELS:
        said = words.words("compute_scale", "model-name", model=key.replace(".", "-"), name="?")
        assert said != "?" and not any(c.isdigit() for c in said), key


def test_the_check_catches_a_wrong_missing_or_repeated_number(default_render):
    _, sidecar = default_render
    expected = expected_numbers(list(MODELS.values()))
    wrong = json.loads(json.dumps(sidecar))
    entry = next(e for e in wrong["numbers"] if e["label"] == "years/gpt3-175b")
    entry["value"] *= 1.001
    assert mismatches(wrong, expected) == [
        f"years/gpt3-175b: shown {entry['value']!r}, nncore says {expected['years/gpt3-175b']!r}"
    ]
    missing = {**sidecar, "numbers": sidecar["numbers"][1:]}
    assert mismatches(missing, expected) == ["missing digit network parameters"]
    repeated = {**sidecar, "numbers": sidecar["numbers"] + sidecar["numbers"][:1]}
    assert mismatches(repeated, expected) == ["a label is recorded twice"]


def test_the_screen_says_what_the_sidecar_records(default_render):
    scene, _ = default_render
    texts = screen_texts(scene)
    # The concept's claims, written out by hand: GPT-3 about ten million years,
    # Llama 3.1 405B about 1.2 billion, twelve times the last rung.
    assert {
        "1 billion computations per second",
        "≈ 10 million years",
        "≈ 1.2 billion years",
        "×12",
        "GPT-3 175B: 3.14 × 10²³ FLOP (Brown et al. 2020)",
        "Llama 3.1 405B: 3.8 × 10²⁵ FLOP (Dubey et al. 2024)",
    } <= texts
    assert {"Minute", "Hour", "Day", "Month", "Year", "100 Years", "100,000,000 Years"} <= texts
    assert {"≈ 18 million years", "≈ 81 million years"} <= texts


def test_no_text_overlaps_another_or_leaves_the_frame(default_render):
    scene, _ = default_render
    texts = text_mobjects(scene)
    half_w, half_h = config.frame_x_radius, config.frame_y_radius
    for t in texts:
        (x0, y0, _), (x1, y1, _) = t.get_corner(DL), t.get_corner(UR)
        assert -half_w < x0 and x1 < half_w and -half_h < y0 and y1 < half_h, t.original_text
    for a, b in combinations(texts, 2):
        apart = (
            a.get_right()[0] <= b.get_left()[0]
            or b.get_right()[0] <= a.get_left()[0]
            or a.get_top()[1] <= b.get_bottom()[1]
            or b.get_top()[1] <= a.get_bottom()[1]
        )
        assert apart, (a.original_text, b.original_text)


def test_nnexplain_models_chooses_the_models(tmp_path):
    scene, sidecar = render_still(tmp_path, " llama3.1-405b ,gpt3-175b")
    chosen = [MODELS["llama3.1-405b"], MODELS["gpt3-175b"]]
    assert sidecar["inputs"]["models"] == ["llama3.1-405b", "gpt3-175b"]
    assert mismatches(sidecar, expected_numbers(chosen)) == []
    assert "Chinchilla 70B" not in screen_texts(scene)


def test_an_unknown_model_is_one_clear_line_naming_the_valid_keys(monkeypatch):
    monkeypatch.setenv(MODELS_ENV, "gpt3-175b,gpt-5")
    with pytest.raises(InputError) as err:
        inputs.models()
    message = str(err.value)
    assert "\n" not in message
    assert MODELS_ENV in message and "'gpt-5'" in message
    assert all(key in message for key in MODELS)
