"""``python -m bench`` runs its parts and writes JSON of the right shape; speed is not asserted.

The chapter is a one-second fixture scene, and the edges part (a minute of
rendering) is replaced by made-up samples fed through its real summary; the
numerics, transformer and chapter parts run for real, once each.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from bench import edges
from bench.edges import EdgeTiming
from nnexplain import chapters
from nnexplain.chapters import Chapter

FIXTURES = Path(__file__).parent / "fixtures"
TINY = (
    Chapter("tiny-square", "tiny_scenes", "TinySquare", "A square", "a square, to time a render"),
)


def made_up_edges(quality: str, repeat: int) -> dict:
    timings = {
        "separate-lines": EdgeTiming(12960, 6, [5.0, 6.0], [6.0, 9.0]),
        "all-edges": EdgeTiming(12960, 30, [1.0, 1.5], [1.5, 2.4]),
        "network-672": EdgeTiming(672, 30, [0.3, 0.4], [3.0, 2.0]),
    }
    return edges.summary(timings)


@pytest.fixture
def tiny_bench(monkeypatch):
    monkeypatch.setattr(bench_main, "LECTURE", TINY)
    monkeypatch.setattr(chapters, "SCENES_DIR", FIXTURES)
    monkeypatch.setattr(edges, "measure_edges", made_up_edges)


def positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0 and math.isfinite(value)


def test_bench_measures_and_writes_its_report(tiny_bench, tmp_path, capsys):
    path = tmp_path / "out" / "bench.json"
    assert bench_main.main(["--repeat", "1", "--skip-lecture", "--json", str(path)]) == 0
    report = json.loads(path.read_text())
    assert {"quality", "pixel_width", "pixel_height", "frame_rate", "repeat", "machine", "scenes",
            "edges", "numerics", "transformer", "lecture"} <= report.keys()  # fmt: skip
    assert (report["quality"], report["pixel_width"], report["frame_rate"]) == ("low", 854, 15)
    assert report["lecture"] is None

    (scene,) = report["scenes"]
    assert (scene["name"], scene["scene"]) == ("tiny-square", "TinySquare")
    assert scene["frames"] > 0
    assert all(positive(scene[k]) for k in ("seconds", "ms_per_frame", "floor_seconds", "ratio"))
    assert scene["ms_per_frame"] == pytest.approx(1000 * scene["seconds"] / scene["frames"])
    assert scene["ratio"] == pytest.approx(scene["seconds"] / scene["floor_seconds"])
    samples = scene["samples"]
    assert positive(scene["cpu_ratio"])
    assert scene["cpu_ratio"] == pytest.approx(
        samples["cpu_seconds"][0] / samples["floor_cpu_seconds"][0]
    )
    assert scene["within_target"] == (scene["ratio"] <= scene["target_ratio"])

    n = report["numerics"]
    assert n["examples"] == 5000
    assert all(positive(n[k]) for k in ("nncore_ms", "torch_ms", "ratio_nncore_torch"))
    assert n["ratio_nncore_torch"] == pytest.approx(n["nncore_ms"] / n["torch_ms"])
    assert n["max_abs_difference"] < 1e-10  # the two compute the same gradient

    t = report["transformer"]
    assert positive(t["load_seconds"])
    assert [s["sentence"] for s in t["sentences"]] == [
        "a machine learning model",
        "a fashion model",
    ]
    assert all(positive(s["encode_ms"]) and s["tokens"] > 2 for s in t["sentences"])

    out = capsys.readouterr().out
    assert "tiny-square" in out and "nncore / torch" in out and str(path) in out


def test_edge_ratios_pair_the_samples_of_each_round():
    report = made_up_edges("low", 2)
    cases, ratios = report["cases"], report["ratios"]
    assert cases["all-edges"]["ms_per_frame"] == pytest.approx(1000 * 1.95 / 30)
    # round 1: 50 / 100 ms, round 2: 80 / 66.7 ms a frame
    assert ratios["all-edges/network-672"] == pytest.approx((0.5 + 1.2) / 2)
    assert ratios["separate-lines/all-edges"] == pytest.approx((20 + 18.75) / 2)
    assert report["within_target"] == (ratios["all-edges/network-672"] <= report["target_ratio"])


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench_main.main(["--help"])
    assert exit_.value.code == 0
    assert "python -m bench --scenes" in capsys.readouterr().out


def test_an_unknown_scene_is_refused_before_anything_runs(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench_main.main(["--scenes", "no-such-scene", "--skip-lecture"])
    assert exit_.value.code == 2
    assert "no-such-scene" in capsys.readouterr().err
