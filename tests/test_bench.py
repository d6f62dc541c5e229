"""``python -m bench`` runs its parts and writes JSON of the right shape; speed is not asserted.

The chapter is a one-second fixture scene, and the edges part (a minute of
rendering) is replaced by made-up samples fed through its real summary; the
whole lecture is two one-second fixture scenes, rendered by a real ``nnexplain
render`` process and joined, spoken and previewed for real. The numerics,
transformer and chapter parts run for real, once each.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import manim
import pytest

import bench.__main__ as bench_main
from bench import batch, edges, lecture, machine, shapes
from bench.chapters import ChapterTiming
from bench.edges import EdgeTiming
from bench.report import machine_lines
from nnexplain import chapters
from nnexplain.chapters import Chapter

FIXTURES = Path(__file__).parent / "fixtures"
TINY = (Chapter("tiny-square", "tiny_scenes", "TinySquare"),)
TINY_LECTURE = (
    Chapter("tiny-circle", "tiny_scenes", "TinyCircle"),
    *TINY,
)
# `nnexplain` with its lecture replaced by TINY_LECTURE, in a process of its own as the
# bench runs it (bench.lecture.CLI), so that it too starts without NNEXPLAIN_VOICE.
TINY_CLI = f"""
import sys
from pathlib import Path
from nnexplain import chapters, cli, preflight
from nnexplain.chapters import Chapter
cli.LECTURE = {TINY_LECTURE!r}
chapters.SCENES_DIR = Path({str(FIXTURES)!r})
preflight.check_inputs = lambda chapters, env: None
sys.exit(cli.main(sys.argv[1:]))
"""


def made_up_edges(quality: str, repeat: int) -> dict:
    timings = {
        "separate-lines": EdgeTiming(12960, 6, [5.0, 6.0], [6.0, 9.0]),
        "all-edges": EdgeTiming(12960, 30, [1.0, 1.5], [1.5, 2.4]),
        "network-672": EdgeTiming(672, 30, [0.3, 0.4], [3.0, 2.0]),
    }
    return edges.summary(timings)


def made_up_shapes(quality: str, repeat: int) -> dict:
    def shape(seconds: list[float], frames: int) -> dict:
        return {"seconds": seconds, "cpu_seconds": seconds, "frames": frames}

    base, wide = "784-16-16-10", "784-128-64-10"
    samples = {
        "hidden-layers": {base: shape([9.0, 10.0], 300), wide: shape([10.0, 12.0], 302)},
        "parameters": {base: shape([18.0, 20.0], 600), wide: shape([24.0, 25.0], 601)},
    }
    edges = {"edges": 12960, "build_seconds": 0.5, "keyframe_seconds": 0.6, "ms_per_frame": 9.0}
    return shapes.summary(samples, base, wide) | {
        "all_edges": {base: edges, wide: edges | {"edges": 109184}, "ms_per_frame_ratio": 1.0}
    }


@pytest.fixture
def tiny_bench(monkeypatch):
    monkeypatch.setattr(bench_main, "LECTURE", TINY)
    monkeypatch.setattr(chapters, "SCENES_DIR", FIXTURES)
    monkeypatch.setattr(edges, "measure_edges", made_up_edges)
    monkeypatch.setattr(shapes, "measure", made_up_shapes)
    # A real batch renders real scenes for minutes: its arithmetic is what is checked here.
    monkeypatch.setattr(
        batch, "measure", lambda quality: batch.summary((100.0, 90.0), (102.0, 91.0), 6.0)
    )
    monkeypatch.setattr(lecture, "LECTURE", TINY_LECTURE)
    monkeypatch.setattr(lecture, "CLI", [sys.executable, "-c", TINY_CLI])


def positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0 and math.isfinite(value)


def test_bench_measures_and_writes_its_report(tiny_bench, tmp_path, capsys):
    path = tmp_path / "out" / "bench.json"
    assert bench_main.main(["--repeat", "1", "--json", str(path)]) == 0
    report = json.loads(path.read_text())
    assert {"quality", "pixel_width", "pixel_height", "frame_rate", "repeat", "machine", "scenes",
            "edges", "numerics", "transformer", "lecture", "lecture_join", "narration",
            "preview"} <= report.keys()  # fmt: skip
    assert (report["quality"], report["pixel_width"], report["frame_rate"]) == ("low", 854, 15)

    m = report["machine"]
    assert isinstance(m["cpu_model"], str) and m["cpu_model"]
    assert positive(m["cpus"]) and m["manim"] == manim.__version__
    assert all(isinstance(m[k], str) for k in ("cairo", "pycairo", "pyav", "ffmpeg", "python"))
    (blas, *_) = m["numpy_blas"]
    assert set(machine.BLAS_KEYS) <= blas.keys() and positive(blas["num_threads"])
    assert isinstance(m["openblas_env"], dict)
    for when in ("load_average_before", "load_average_after"):
        assert len(m[when]) == 3 and all(v >= 0 for v in m[when])

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

    run = report["lecture"]
    assert (run["chapters"], run["jobs"], run["voice"]) == (2, 2, "piper")  # the default voice
    assert all(positive(run[k]) for k in ("seconds", "cpu_seconds", "video_seconds"))
    assert run["seconds_per_video_second"] == pytest.approx(run["seconds"] / run["video_seconds"])
    assert run["target_video_ratio"] == 0.25  # low quality, issue 24
    assert run["within_target"] == (run["seconds_per_video_second"] <= 0.25)

    join = report["lecture_join"]
    assert join["chapters"] == 2 and positive(join["seconds"])
    assert join["video_seconds"] == pytest.approx(run["video_seconds"])  # the same lecture again
    assert join["within_target"] is None  # its target is at high quality

    speech = report["narration"]
    assert (speech["voice"], speech["beats"], speech["narrations"]) == ("piper", 2, 2)
    assert speech["sentences"] == 2
    assert all(positive(speech[k]) for k in ("load_seconds", "seconds", "audio_seconds"))
    assert speech["x_real_time"] == pytest.approx(speech["audio_seconds"] / speech["seconds"])

    preview = report["preview"]
    assert (preview["chapters"], preview["jobs"]) == (2, 2)
    assert preview["seconds_per_scene"] == pytest.approx(preview["seconds"] / 2)

    out = capsys.readouterr().out
    assert "tiny-square" in out and "nncore / torch" in out and str(path) in out
    assert out.startswith("Machine: ") and "numpy's BLAS: " in out and "Load average" in out
    for line in ("Whole lecture: ", "Lecture join alone", "Narration alone", "Preview"):
        assert line in out


def test_skip_lecture_leaves_the_lecture_parts_out(monkeypatch, tmp_path):
    def not_now(*args, **kwargs):
        raise AssertionError("the lecture was rendered")

    def made_up_chapter(chapter: Chapter, quality: str, repeat: int) -> dict:
        return ChapterTiming(chapter.name, chapter.scene, 10, [2.0], [1.0], [2.0], [1.0]).summary()

    monkeypatch.setattr(lecture, "render", not_now)
    monkeypatch.setattr(bench_main, "measure_chapter", made_up_chapter)
    monkeypatch.setattr(edges, "measure_edges", made_up_edges)
    monkeypatch.setattr(shapes, "measure", made_up_shapes)
    monkeypatch.setattr(batch, "measure", not_now)
    for part in ("numerics", "transformer"):
        monkeypatch.setattr(getattr(bench_main, part), "measure", lambda repeat: {})
    monkeypatch.setattr(bench_main, "print_report", lambda report, console: None)
    path = tmp_path / "bench.json"
    assert bench_main.main(["--scenes", "input-layer", "--repeat", "1", "--skip-lecture",
                            "--json", str(path)]) == 0  # fmt: skip
    report = json.loads(path.read_text())
    assert all(report[part] is None for part in bench_main.LECTURE_PARTS)


def test_the_machine_header_names_the_openblas_settings(monkeypatch):
    monkeypatch.setattr(machine, "numpy_blas", lambda: [])
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.delenv("OPENBLAS_L2_SIZE", raising=False)
    m = machine.describe()
    assert m["openblas_env"] == {"OPENBLAS_CORETYPE": "Haswell"}
    machine.finish(m)
    lines = machine_lines(m)
    assert any("OPENBLAS_CORETYPE=Haswell" in line for line in lines)
    assert "numpy's BLAS: unknown" in "\n".join(lines)


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
