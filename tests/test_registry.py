"""Each kind is declared once (`macros.registry`): its schema module and its renderer module
follow from its name, and no module of either package is left without a declared kind."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

from macros.kinds import KINDS
from macros.pages import _MODULES
from macros.registry import KIND_NAMES, RENDERER_FUNCTIONS, module_name


def declared_modules(folder: Path, is_one: str) -> set[str]:
    """The modules of `folder` that declare a kind (`is_one="KIND"`, a top-level `KIND = ...`)
    or render one (`is_one="renderer"`: top-level `page`, `embed` and `index` functions).
    Read with `ast`, without importing: a stray module is found even when nothing imports it."""
    found = set()
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assigned = {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(target, ast.Name)}
        declares = "KIND" in assigned if is_one == "KIND" else \
            set(RENDERER_FUNCTIONS) <= functions
        if declares:
            found.add(path.stem)
    return found


def unmatched(names: tuple[str, ...], kinds: Path, pages: Path) -> list[str]:
    """What breaks "one kind, one schema module, one renderer", in words."""
    wanted = {module_name(name) for name in names}
    problems = []
    for what, folder, is_one in (("schema", kinds, "KIND"), ("renderer", pages, "renderer")):
        present = declared_modules(folder, is_one)
        problems += [f"kind {name!r} has no {what} module {folder.name}/{module_name(name)}.py"
                     for name in names if module_name(name) not in present]
        problems += [f"{what} module {folder.name}/{stem}.py belongs to no declared kind"
                     for stem in sorted(present - wanted)]
    return problems


def test_every_declared_kind_has_a_schema_and_a_renderer_and_nothing_else_does() -> None:
    assert unmatched(KIND_NAMES, ROOT / "macros" / "kinds", ROOT / "macros" / "pages") == []


def test_the_check_finds_a_kind_without_renderer_and_a_renderer_without_kind(
        tmp_path: Path) -> None:
    kinds, pages = tmp_path / "kinds", tmp_path / "pages"
    kinds.mkdir()
    pages.mkdir()
    (kinds / "tips.py").write_text("KIND = object()\n")
    (kinds / "common.py").write_text("def helper(): pass\n")
    (pages / "stray_kind.py").write_text(
        "def page(r, c): pass\ndef embed(r, c): pass\ndef index(c): pass\n")
    (pages / "context.py").write_text("def index(c): pass\n")  # not a renderer: no page
    assert unmatched(("tips",), kinds, pages) == [
        "kind 'tips' has no renderer module pages/tips.py",
        "renderer module pages/stray_kind.py belongs to no declared kind"]


def test_kinds_and_renderers_follow_the_declared_order() -> None:
    assert tuple(KINDS) == KIND_NAMES
    assert tuple(_MODULES) == KIND_NAMES
    for name, module in _MODULES.items():
        assert KINDS[name].name == name
        assert module.__name__ == f"macros.pages.{module_name(name)}"
        assert all(callable(getattr(module, f)) for f in RENDERER_FUNCTIONS), name


def test_the_kind_names_are_declared_nowhere_else() -> None:
    """The list of names lives in macros/registry.py only: a second literal list of all of
    them elsewhere in the code is the parallel list this design removed."""
    quoted = [f'"{name}"' for name in KIND_NAMES]
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if path.name != "registry.py":
            text = path.read_text()
            assert not all(q in text for q in quoted), path.relative_to(ROOT)
