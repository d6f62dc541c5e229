"""The benchmark's results: tables for people, JSON for tools."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.shapes import edges_table
from bench.shapes import table as shapes_table


def write_json(report: dict, path: Path) -> None:
    """Write ``report`` to ``path`` (folders made as needed), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report, indent=1) + "\n")
    os.replace(tmp, path)


def print_report(report: dict, console: Console) -> None:
    """The machine first, then one table or line per part that was measured."""
    for line in machine_lines(report["machine"]):
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    setting = (
        f"{report['quality']} quality, {report['pixel_width']}x{report['pixel_height']} "
        f"at {report['frame_rate']:g} fps, median of {report['repeat']}"
    )
    if report["scenes"]:
        console.print(_scenes(report["scenes"], setting))
    console.print(_edges(report["edges"], setting))
    if report.get("shapes"):
        console.print(shapes_table(report["shapes"]))
        console.print(edges_table(report["shapes"]["all_edges"]))
    console.print(_numbers(report["numerics"], report["transformer"], report["repeat"]))
    for line in lecture_lines(report):
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    if report.get("batch") is not None:
        console.print(batch_line(report["batch"]), soft_wrap=True, markup=False, highlight=False)


def machine_lines(m: dict) -> list[str]:
    """What the run's seconds depend on besides the code, a line each."""
    cores = f"{m['cpus']} cores" + (
        f" ({m['usable_cpus']} usable)" if m["usable_cpus"] not in (None, m["cpus"]) else ""
    )
    lines = [f"Machine: {m['cpu_model']}, {cores}, {m['platform']}"]
    for blas in m["numpy_blas"] or [{"error": "none found"}]:
        if "error" in blas:
            lines.append(f"numpy's BLAS: unknown ({blas['error']})")
        else:
            lines.append(
                f"numpy's BLAS: {blas['internal_api']} {blas['version']}, "
                f"{blas['architecture'] or '?'} kernel, {blas['num_threads']} threads "
                f"({blas['threading_layer']})"
            )
    lines.append(
        f"Python {m['python']}, manim {m['manim']}, cairo {m['cairo']} (pycairo {m['pycairo']}), "
        f"PyAV {m['pyav']} with FFmpeg {m['ffmpeg']}, piper-tts {m['piper_tts']}, "
        f"onnxruntime {m['onnxruntime']}"
    )
    if m["openblas_env"]:
        set_ = " ".join(f"{k}={v}" for k, v in m["openblas_env"].items())
        lines.append(f"Set: {set_} (they choose OpenBLAS's kernel)")

    def load(values: list[float] | None) -> str:
        return " ".join(f"{v:.2f}" for v in values) if values else "-"

    lines.append(
        f"Load average (1, 5, 15 min): {load(m['load_average_before'])} before, "
        f"{load(m['load_average_after'])} after (over {m['cpus']}: the cores were shared)"
    )
    return lines


def lecture_lines(report: dict) -> list[str]:
    """A line each for the whole lecture, its join, its narration and the preview."""
    quality, lines = report["quality"], []
    lecture = report.get("lecture")
    if lecture is not None:
        if lecture["target_video_ratio"] is not None:
            target = f"target <= {lecture['target_video_ratio']:g} s per s at {quality} quality"
        else:
            target = f"no target at {quality} quality"
        lines.append(
            f"Whole lecture: {lecture['chapters']} chapters with --jobs {lecture['jobs']}, "
            f"narrated by {lecture['voice'] or 'no voice'} (its synthesis included), in "
            f"{lecture['seconds']:.0f} s, {lecture['cpu_seconds']:.0f} s of CPU, for "
            f"{lecture['video_seconds']:.0f} s of video: "
            f"{lecture['seconds_per_video_second']:.2f} s of rendering per s of video "
            f"({target}: {_mark(lecture['within_target'])})"
        )
    join = report.get("lecture_join")
    if join is not None:
        lines.append(
            f"Lecture join alone (build_lecture on that run's {join['chapters']} chapter "
            f"videos): {join['seconds']:.1f} s, {join['cpu_seconds']:.1f} s of CPU "
            f"(target < {join['target_seconds']:g} s at high quality: "
            f"{_mark(join['within_target'])})"
        )
    speech = report.get("narration")
    if speech is not None:
        lines.append(
            f"Narration alone ({speech['voice']}, {speech['threads']} thread, fresh cache): "
            f"{speech['narrations']} narrations of {speech['beats']} beats in "
            f"{speech['seconds']:.1f} s for {speech['audio_seconds']:.0f} s of audio, "
            f"{_times(speech['x_real_time'])} real time; loading the model "
            f"{speech['load_seconds']:.2f} s"
        )
    preview = report.get("preview")
    if preview is not None:
        lines.append(
            f"Preview (nnexplain render --preview --jobs {preview['jobs']}): "
            f"{preview['chapters']} scenes in {preview['seconds']:.0f} s, "
            f"{preview['seconds_per_scene']:.1f} s a scene"
        )
    return lines


def batch_line(b: dict) -> str:
    """``nnexplain batch`` through local processes and through Dask (bench.batch)."""
    mark = "yes" if b["within_target"] else "NO"
    return (
        f"Batch of {b['students']} students ({' + '.join(b['scenes'])}, {b['tasks']} tasks, "
        f"--jobs {b['jobs']}, median of {b.get('samples', 1)}): local processes "
        f"{b['local_seconds']:.1f} s, Dask LocalCluster "
        f"{b['dask_seconds']:.1f} s (of which starting and closing the cluster "
        f"{b['cluster_start_stop_seconds']:.1f} s): Dask's overhead "
        f"{b['overhead_seconds_per_task']:+.2f} s per task, {b['overhead_percent']:+.1f} % of "
        f"the render time (target < {b['target_percent']:g} %: {mark})"
    )


def _times(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}x"


def _mark(within: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[within]


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left")
    for k, column in enumerate(columns):
        # Names are what users type: never cut them to fit a narrow terminal.
        table.add_column(column, justify="right" if k else "left", no_wrap=not k)
    return table


def _scenes(scenes: list[dict], setting: str) -> Table:
    target = scenes[0]["target_ratio"]
    table = _table(
        f"Scenes against an empty scene of as many frames ({setting})",
        ["scene", "frames", "s", "ms/frame", "floor s", "ratio", "CPU", f"<= {target:g}x"],
    )
    for s in scenes:
        table.add_row(
            s["name"],
            str(s["frames"]),
            f"{s['seconds']:.1f}",
            f"{s['ms_per_frame']:.0f}",
            f"{s['floor_seconds']:.1f}",
            f"{s['ratio']:.1f}x",
            f"{s['cpu_ratio']:.1f}x",
            _mark(s["within_target"]),
        )
    table.caption = (
        "ratio: s / floor s, the target; CPU: the same in CPU time, steadier when shared"
    )
    return table


def _edges(edges: dict, setting: str) -> Table:
    table = _table(
        f"Edges, untrained to trained weights ({setting})",
        ["case", "edges", "frames", "setup s", "ms/frame", "/ network-672"],
    )
    for case, e in edges["cases"].items():
        ratio = edges["ratios"].get(f"{case}/network-672", 1.0)
        table.add_row(
            case,
            f"{e['edges']:,}",
            str(e["frames"]),
            f"{e['setup_seconds']:.2f}",
            f"{e['ms_per_frame']:.0f}",
            f"{ratio:.2f}x",
        )
    table.caption = (
        f"target: all-edges <= {edges['target_ratio']:g}x network-672: "
        f"{_mark(edges['within_target'])}"
    )
    return table


def _numbers(n: dict, t: dict, repeat: int) -> Table:
    table = _table(
        f"Numerics and transformer ({n['threads']} thread, median of {repeat})",
        ["measurement", "value"],
    )
    table.add_row(f"nncore backprop, {n['examples']:,} digits", f"{n['nncore_ms']:.1f} ms")
    table.add_row(f"torch autograd, {n['examples']:,} digits", f"{n['torch_ms']:.1f} ms")
    table.add_row("nncore / torch", f"{n['ratio_nncore_torch']:.2f}x")
    table.add_row("largest gradient difference", f"{n['max_abs_difference']:.1e}")
    table.add_row("MiniLM load (first, per process)", f"{t['load_seconds']:.2f} s")
    for s in t["sentences"]:
        table.add_row(
            f"encode {s['sentence']!r} ({s['tokens']} tokens)", f"{s['encode_ms']:.1f} ms"
        )
    return table
