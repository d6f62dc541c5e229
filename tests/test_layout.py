"""The three rooms import in one direction: nncore <- scenes <- nnexplain.

Checked on the import graph that ``ast`` reads from the source, so an import
inside a function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SCENES = PROJECT / "scenes"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, as dotted names (``from scenes import x`` -> scenes.x)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((PROJECT / package).rglob("*.py"))


def top(name: str) -> str:
    return name.split(".")[0]


def scene_modules() -> set[str]:
    """The modules of ``scenes/`` that define a Scene: those with a ``check_inputs()``."""
    return {f"scenes.{p.stem}" for p in SCENES.glob("*.py") if "def check_inputs(" in p.read_text()}


@pytest.mark.parametrize("path", modules_of("nncore"), ids=lambda p: p.name)
def test_nncore_imports_no_drawing_and_no_app(path):
    bad = {n for n in imported_modules(path) if top(n) in {"manim", "scenes", "nnexplain"}}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules_of("scenes"), ids=lambda p: p.name)
def test_scenes_never_import_the_app(path):
    bad = {n for n in imported_modules(path) if top(n) == "nnexplain"}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(scene_modules()))
def test_no_scene_module_imports_another(module):
    path = PROJECT / (module.replace(".", "/") + ".py")
    others = scene_modules() - {module}
    bad = {n for n in imported_modules(path) if n in others}
    assert not bad, f"{module} imports {sorted(bad)}"


def test_the_scene_modules_are_the_lectures():
    from nnexplain.chapters import LECTURE

    assert scene_modules() == {f"scenes.{c.module}" for c in LECTURE}


def test_the_check_sees_a_scene_importing_another(tmp_path):
    # The check itself must be able to fail.
    path = tmp_path / "x.py"
    path.write_text("def f():\n    from scenes.gradient import reveal\n")
    assert "scenes.gradient" in imported_modules(path)
