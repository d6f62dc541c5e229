"""The three rooms import in one direction: nncore <- scenes <- nnexplain.

Inside ``scenes/`` too: the concept scenes stand at the top, over the modules they
build on (``explainer_scene``, ``story``), which stand over the rooms below them:
``engine/`` (drawing machinery), ``audio/`` (voice and soundtrack), ``mobjects/``,
the script, the numerals, the inputs and the contract. A lower room never imports a
higher one.

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
            # `from scenes import script` imports the module scenes.script; a package's
            # own name counts only where it is a module (its names come from it).
            if not (PROJECT / node.module.replace(".", "/")).is_dir():
                names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((PROJECT / package).rglob("*.py"))


def top(name: str) -> str:
    return name.split(".")[0]


# What each room below the scenes may import of scenes/ (a prefix matches its submodules).
# The audio, the script, the inputs and the contract draw nothing: the app imports them
# without manim.
ROOMS: dict[str, tuple[str, ...]] = {
    "scenes.engine": ("scenes.engine", "scenes.numerals"),
    # narration: the records it makes, and numbers read in the script's language
    "scenes.audio": ("scenes.audio", "scenes.contract", "scenes.numerals"),
    "scenes.mobjects": ("scenes.mobjects", "scenes.style", "scenes.numerals", "scenes.script"),
    "scenes.style": ("scenes.numerals", "scenes.script"),  # numbers in the script's language
    "scenes.contract": (),
    "scenes.numerals": (),
    "scenes.inputs": ("scenes.contract",),
    "scenes.script": ("scenes.audio", "scenes.contract", "scenes.numerals"),
}
MANIM_FREE = ("scenes.audio", "scenes.contract", "scenes.inputs", "scenes.numerals",
              "scenes.script")  # fmt: skip
# The modules at the top of scenes/ that are no concept scene: what the scenes build on.
BASES = {"scenes.explainer_scene", "scenes.story"}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PROJECT).with_suffix("").parts).removesuffix(".__init__")


def room_of(module: str) -> str | None:
    return next((r for r in ROOMS if module == r or module.startswith(r + ".")), None)


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def scene_modules() -> set[str]:
    """The concept scenes: every module at the top of ``scenes/`` outside the rooms below."""
    top_level = {f"scenes.{p.stem}" for p in SCENES.glob("*.py") if p.stem != "__init__"}
    return {m for m in top_level if room_of(m) is None} - BASES


@pytest.mark.parametrize("path", modules_of("nncore"), ids=lambda p: p.name)
def test_nncore_imports_no_drawing_and_no_app(path):
    bad = {n for n in imported_modules(path) if top(n) in {"manim", "scenes", "nnexplain"}}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules_of("scenes"), ids=lambda p: p.name)
def test_scenes_never_import_the_app(path):
    bad = {n for n in imported_modules(path) if top(n) == "nnexplain"}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def room_modules(prefixes: tuple[str, ...] = tuple(ROOMS)) -> list[Path]:
    return [p for p in modules_of("scenes") if within(module_name(p), prefixes)]


@pytest.mark.parametrize("path", room_modules(), ids=module_name)
def test_a_room_imports_only_the_rooms_below_it(path):
    module = module_name(path)
    room = room_of(module)
    scenes = {n for n in imported_modules(path) if top(n) == "scenes"}
    bad = {n for n in scenes if not within(n, ROOMS[room])}
    assert not bad, f"{module} ({room}) imports {sorted(bad)}"


@pytest.mark.parametrize("path", room_modules(MANIM_FREE), ids=module_name)
def test_the_rooms_the_app_reads_draw_nothing(path):
    bad = {n for n in imported_modules(path) if top(n) == "manim"}
    assert not bad, f"{module_name(path)} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(scene_modules()))
def test_no_scene_module_imports_another(module):
    path = PROJECT / (module.replace(".", "/") + ".py")
    others = scene_modules() - {module}
    bad = {n for n in imported_modules(path) if n in others}
    assert not bad, f"{module} imports {sorted(bad)}"


def test_the_scene_modules_are_the_lectures():
    from nnexplain.chapters import LECTURE

    assert scene_modules() == {f"scenes.{c.module}" for c in LECTURE}


def test_the_rooms_are_folders_of_their_own():
    # Each room named above exists, so that a renamed room cannot leave its rule behind.
    for room in ROOMS:
        path = PROJECT / room.replace(".", "/")
        assert path.is_dir() or path.with_suffix(".py").is_file(), room


def test_the_check_sees_a_scene_importing_another(tmp_path):
    # The check itself must be able to fail.
    path = tmp_path / "x.py"
    path.write_text("def f():\n    from scenes.gradient import reveal\n")
    assert "scenes.gradient" in imported_modules(path)


def spelled_variables(path: Path) -> set[str]:
    """The ``NNEXPLAIN_*`` names in ``path``'s code: its string constants, not its docstrings."""
    tree = ast.parse(path.read_text(), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and "NNEXPLAIN_" in node.value
        and id(node) not in docstrings
    }


@pytest.mark.parametrize(
    "path", modules_of("nncore") + modules_of("scenes") + modules_of("nnexplain"), ids=module_name
)
def test_the_contract_alone_spells_the_variables(path):
    if module_name(path) == "scenes.contract":
        assert spelled_variables(path) == {"NNEXPLAIN_"}
    else:
        assert not spelled_variables(path), module_name(path)
