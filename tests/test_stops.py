"""Signals, a killed manim and two renders into one folder, through real processes.

Each test runs ``nnexplain render`` as its own process over the tiny scenes of
``tests/fixtures`` (one of them ten seconds long, to be interrupted mid-render).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import av
import numpy as np
import pytest

from nnexplain import stops
from nnexplain.burn import burn_subtitles
from nnexplain.subtitles import Cue

TINY_CLI = Path(__file__).parent / "fixtures" / "tiny_cli.py"
PROJECT = Path(__file__).resolve().parents[1]
DEADLINE = 120  # seconds; generous, never a timing assertion


def start(out: Path, *scenes: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(TINY_CLI), "render", *scenes, "--out", str(out), "--jobs", "1"],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def manim_pids(out: Path) -> list[int]:
    """Processes whose command line names ``out``'s staging: the manim children."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if (
            proc.name.isdigit()
            and cmdline[1:2] == [b"-c"]  # as nnexplain/render.py starts it
            and b"run_module('manim'" in cmdline[2]
            and any(str(out).encode() in p for p in cmdline)
        ):
            pids.append(int(proc.name))
    return pids


def rendering_slow_scene(out: Path) -> bool:
    """The circle is done and manim has started writing the ten-second scene."""
    done = (out / "01-tiny-circle" / "render.json").exists()
    return (
        done
        and bool(list(out.glob(".staging-*/tiny-slow-*/media/videos")))
        and bool(manim_pids(out))
    )


def earlier_good_render(out: Path) -> Path:
    folder = out / "02-tiny-slow"
    folder.mkdir(parents=True)
    (folder / "TinySlow.mp4").write_bytes(b"an earlier, good video")
    return folder


def assert_clean(out: Path) -> None:
    assert not list(out.glob(".staging*")), "a staging folder was left behind"
    wait_for(lambda: not manim_pids(out), "the manim children to end")


@pytest.mark.parametrize(
    "stop, code, name",
    [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM"),
     (signal.SIGHUP, 129, "SIGHUP")],
)  # fmt: skip
def test_a_signal_mid_render_stops_everything_and_keeps_what_is_finished(
    tmp_path, stop, code, name
):
    out = tmp_path / "out"
    folder = earlier_good_render(out)
    process = start(out)
    wait_for(lambda: rendering_slow_scene(out), "the slow scene to be under way")
    assert manim_pids(out)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=DEADLINE)
    assert process.returncode == code
    lines = stderr.strip().splitlines()
    assert lines[-1].startswith(f"nnexplain render: interrupted by {name}")
    assert "Traceback" not in stderr
    assert (folder / "TinySlow.mp4").read_bytes() == b"an earlier, good video"
    assert sorted(p.name for p in folder.iterdir()) == ["TinySlow.mp4"]
    circle = json.loads((out / "01-tiny-circle" / "render.json").read_text())
    assert all((out / "01-tiny-circle" / f).exists() for f in circle["files"])
    assert_clean(out)


def test_a_killed_manim_fails_its_scene_with_one_line(tmp_path):
    out = tmp_path / "out"
    folder = earlier_good_render(out)
    process = start(out)
    wait_for(lambda: rendering_slow_scene(out), "the slow scene to be under way")
    for pid in manim_pids(out):
        os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=DEADLINE)
    assert process.returncode == 1
    (line,) = [line for line in stderr.splitlines() if "error" in line]
    assert line.startswith("nnexplain render: error: manim failed on TinySlow (killed by SIGKILL)")
    assert "Traceback" not in stderr
    assert (out / ".logs" / "tiny-slow.log").exists()
    assert (folder / "TinySlow.mp4").read_bytes() == b"an earlier, good video"
    assert_clean(out)


def test_a_killed_render_leaves_no_manim_running(tmp_path):
    out = tmp_path / "out"
    process = start(out)
    wait_for(lambda: rendering_slow_scene(out), "the slow scene to be under way")
    staging = next(out.glob(".staging-*"))
    process.kill()  # SIGKILL: nnexplain gets no chance to stop its manim
    process.communicate(timeout=DEADLINE)
    wait_for(lambda: not manim_pids(out), "the orphaned manim to end")
    # Died with its parent, mid-scene: an orphan would have finished the ten-second video.
    assert not list(staging.glob("tiny-slow-*/media/videos/**/TinySlow.mp4"))


def test_two_renders_into_one_folder_both_succeed_one_after_the_other(tmp_path):
    out = tmp_path / "out"
    first = start(out)
    wait_for(lambda: list(out.glob(".staging-*")), "the first render to start")
    second = start(out)
    _, first_err = first.communicate(timeout=DEADLINE)
    _, second_err = second.communicate(timeout=DEADLINE)
    assert (first.returncode, second.returncode) == (0, 0), first_err + second_err
    assert "is writing to" in second_err and "waiting for it" in second_err, second_err
    assert "Traceback" not in first_err + second_err
    # The second found the first's work complete, and reused it.
    assert second_err.count("reused") >= 2, second_err
    for folder in ("01-tiny-circle", "02-tiny-slow"):
        manifest = json.loads((out / folder / "render.json").read_text())
        assert all((out / folder / f).exists() for f in manifest["files"])
    assert_clean(out)


def test_the_lock_of_a_dead_run_does_not_block_the_next(tmp_path):
    out = tmp_path / "out"
    process = start(out, "tiny-circle")
    wait_for(lambda: list(out.glob(".staging-*")), "the render to start")
    wait_for(lambda: manim_pids(out), "manim to start")
    process.kill()  # SIGKILL: no clean-up at all
    process.communicate(timeout=DEADLINE)
    # Its manim dies with it, instead of writing on into the staging the next run removes.
    wait_for(lambda: not manim_pids(out), "the orphaned manim to end")
    again = start(out, "tiny-circle")
    _, stderr = again.communicate(timeout=DEADLINE)
    assert again.returncode == 0, stderr
    assert "waiting" not in stderr
    assert not list(out.glob(".staging*"))


def test_a_stop_signal_stops_a_clip_being_drawn_in_a_worker_thread(tmp_path):
    # The slides' clips are made in a worker thread, which a signal's exception never
    # reaches; they ask between frames, and leave nothing half-written behind.
    clip = tmp_path / "clip.mp4"
    with av.open(str(clip), "w") as out:
        video = out.add_stream("libx264", rate=15)
        video.width = video.height = 64
        video.pix_fmt = "yuv420p"
        for k in range(30):
            frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), "rgb24")
            frame.pts = k
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
    with stops.stop_on_signals():
        with pytest.raises(stops.Interrupted) as e:
            os.kill(os.getpid(), signal.SIGTERM)
        assert e.value.exit_code == 143
        with ThreadPoolExecutor(1) as pool:
            drawn = pool.submit(burn_subtitles, clip, [Cue(0, 2, "words")], tmp_path / "out.mp4")
            with pytest.raises(stops.Interrupted):
                drawn.result()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.mp4"]
    burn_subtitles(clip, [Cue(0, 2, "words")], tmp_path / "out.mp4")  # and after, it draws
