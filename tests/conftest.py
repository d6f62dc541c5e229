"""pytest set-up: graphical tests with manim's ``frames_comparison``, at a small size.

Control frames live in ``tests/control_data/<__module_test__>/`` and are
(re)generated with ``pytest --set_test``; ``--show_diff`` shows a failing
frame beside its control (needs matplotlib).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from manim import tempconfig
from manim._config.utils import ManimConfig
from manim.utils.testing import frames_comparison as _frames_comparison

# Scenes speak with NNEXPLAIN_VOICE; tests time their beats at reading pace unless a test
# asks for a voice (the slow end-to-end lecture speaks with piper).
os.environ.setdefault("NNEXPLAIN_VOICE", "none")

# manim skips cairo graphical tests below cairo 1.18 because *its* control
# frames were drawn with 1.18; Debian 12 has 1.16. Ours are drawn here, with
# the cairo the tests run on, so the check would only hide every test.
_frames_comparison.MIN_CAIRO_VERSION = 0

# Small frames keep the graphical tests fast. frames_comparison sizes its
# control-data buffer from the config it reads here (not from per-test
# overrides, which break --set_test), so the size is set at that one source.
TEST_PIXEL_WIDTH = 320
TEST_PIXEL_HEIGHT = 180
_manim_test_config = _frames_comparison._config_test


def _small_test_config(last_frame: bool) -> ManimConfig:
    test_config = _manim_test_config(last_frame)
    test_config.pixel_width = TEST_PIXEL_WIDTH
    test_config.pixel_height = TEST_PIXEL_HEIGHT
    return test_config


_frames_comparison._config_test = _small_test_config


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--set_test",
        action="store_true",
        default=False,
        help="Write the control frames of every graphical test that runs.",
    )
    parser.addoption(
        "--show_diff",
        action="store_true",
        default=False,
        help="Show a visual comparison when a graphical test fails.",
    )


@pytest.fixture(autouse=True, scope="session")
def _small_manim_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests outside frames_comparison get the same small frame, and write text SVGs to tmp."""
    with tempconfig(
        {
            "pixel_width": TEST_PIXEL_WIDTH,
            "pixel_height": TEST_PIXEL_HEIGHT,
            "media_dir": str(tmp_path_factory.mktemp("media")),
            "disable_caching": True,
            "verbosity": "WARNING",
        }
    ):
        yield
