"""The one manim launcher of ``render`` and ``batch``: how a child's end is judged, and stopped.

The child here is a small Python program standing in for manim: what is judged is its exit
code and its log, whoever wrote them.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from nncore.errors import InputError
from nnexplain import manim_process
from nnexplain.manim_process import Outcome, Running
from nnexplain.settings import Settings
from scenes.contract import SceneInputs


def child(tmp_path: Path, code: str, **kwargs) -> Outcome:
    command = [sys.executable, "-c", code]
    return manim_process.run(command, dict(os.environ), SceneInputs(), tmp_path, **kwargs)


def test_a_scene_s_input_error_is_its_own_one_line(tmp_path):
    """The scene writes it where its inputs say (as ExplainerScene.render does): no log is
    scraped, so a log line that looks like one is no input error."""
    outcome = child(
        tmp_path,
        "import sys; from scenes.contract import SceneInputs\n"
        "print('nnexplain Cost: error: NNEXPLAIN_DIGIT: no such file', file=sys.stderr)\n"
        "open(SceneInputs.from_env().error_file, 'w').write('NNEXPLAIN_DIGIT: no such file')\n"
        "sys.exit(2)",
    )
    assert outcome.returncode == 2 and (tmp_path / "log").read_text() == outcome.log
    with pytest.raises(InputError, match="^NNEXPLAIN_DIGIT: no such file$"):
        outcome.raise_input_error()
    (tmp_path / "error").unlink()
    said_only = child(tmp_path, "import sys; print('x: error: a traceback line'); sys.exit(2)")
    said_only.raise_input_error()  # not raised
    assert (
        said_only.failure("Cost", None)
        == "manim failed on Cost (exit 2): x: error: a traceback line"
    )


def test_a_child_that_ran_out_of_disk_is_an_os_error(tmp_path):
    with pytest.raises(OSError) as failed:
        child(tmp_path, "raise OSError(28, 'No space left on device')")
    assert failed.value.errno == errno.ENOSPC
    # Written anywhere in the log, the cause outlives the traceback's last line.
    line = Outcome(1, "OSError: [Errno 28] No space left on device\nwrite failed\n").failure(
        "Cost", None
    )
    assert line == "manim failed on Cost (exit 1): no space left on device"


def test_a_failure_is_one_line_naming_its_log_and_its_signal(tmp_path):
    outcome = child(tmp_path, "import sys; print('first'); print('ValueError: bad'); sys.exit(1)")
    assert outcome.failure("Cost", "OUT/.logs/cost.log") == (
        "manim failed on Cost (exit 1): ValueError: bad (whole log: OUT/.logs/cost.log)"
    )
    killed = child(tmp_path, "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    assert killed.failure("Cost", None) == "manim failed on Cost (killed by SIGKILL)"


def test_stopping_ends_the_child_s_whole_process_group(tmp_path):
    """manim's encoders are its children: stopping it must stop them too."""
    pids = tmp_path / "pids"
    code = (
        "import os, subprocess, sys, time\n"
        "grandchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pids)!r}, 'w').write(str(grandchild.pid))\n"
        "time.sleep(60)\n"
    )
    running = Running()
    ended: list[Outcome] = []
    thread = threading.Thread(target=lambda: ended.append(child(tmp_path, code, running=running)))
    thread.start()
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    grandchild = int(pids.read_text())
    running.stop()
    thread.join(30)
    assert ended and ended[0].returncode == -15
    deadline = time.monotonic() + 10
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


def test_the_project_s_manim_cfg_is_named_wherever_manim_runs(tmp_path):
    settings = Settings("low", ("mp4",), SceneInputs())
    command = manim_process.command(Path("scenes/cost.py"), "CostTrained", settings, tmp_path)
    at = command.index("--config_file")
    assert Path(command[at + 1]) == manim_process.PROJECT / "manim.cfg"
    assert command[-2:] == ["scenes/cost.py", "CostTrained"]


def test_a_real_scene_s_input_error_reaches_the_launcher(tmp_path):
    """An ExplainerScene stopped by a bad input, under manim: its one line, through the
    error file its inputs name, and exit code 2."""
    scene = tmp_path / "refusing.py"
    scene.write_text(
        "from nncore.errors import InputError\n"
        "from scenes.explainer_scene import ExplainerScene\n"
        "class Refusing(ExplainerScene):\n"
        "    def construct(self):\n"
        "        raise InputError('--digit: no such file')\n"
    )
    settings = Settings("low", ("mp4",), SceneInputs(voice="none"))
    cmd = manim_process.command(scene, "Refusing", settings, tmp_path)
    env = dict(os.environ) | {"PYTHONPATH": str(manim_process.PROJECT)}
    outcome = manim_process.run(cmd, env, settings.inputs, tmp_path)
    assert outcome.returncode == 2, outcome.log
    with pytest.raises(InputError, match="^--digit: no such file$"):
        outcome.raise_input_error()
