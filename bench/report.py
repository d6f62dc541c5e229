"""The benchmark's results: tables for people, JSON for tools."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rich.console import Console
from rich.table import Table


def write_json(report: dict, path: Path) -> None:
    """Write ``report`` to ``path`` (folders made as needed), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report, indent=1) + "\n")
    os.replace(tmp, path)


def print_report(report: dict, console: Console) -> None:
    """One table per part that was measured."""
    setting = (
        f"{report['quality']} quality, {report['pixel_width']}x{report['pixel_height']} "
        f"at {report['frame_rate']:g} fps, median of {report['repeat']}"
    )
    if report["scenes"]:
        console.print(_scenes(report["scenes"], setting))
    console.print(_edges(report["edges"], setting))
    console.print(_numbers(report["numerics"], report["transformer"], report["repeat"]))
    lecture = report["lecture"]
    if lecture is not None:
        console.print(
            f"Whole lecture: {lecture['chapters']} chapters with --jobs {lecture['jobs']} "
            f"in {lecture['seconds']:.0f} s, {lecture['cpu_seconds']:.0f} s of CPU "
            f"(target <= {lecture['target_seconds']:.0f} s at low quality: "
            f"{_mark(lecture['within_target'])})"
        )


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
