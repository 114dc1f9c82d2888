"""Ten mistakes a new program owner makes, one at a time and all at once (tests/ten_mistakes.yml).

Each mistake must be reported once, at the place to fix it, with a message that names the fix;
together they must give exactly the lines each gives alone: one run shows every independent
problem, base and overlays together, and a broken record causes no "does not exist" elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros.cli import main

SPEC = yaml.safe_load((ROOT / "tests" / "ten_mistakes.yml").read_text(encoding="utf-8"))
MISTAKES: dict[str, dict[str, Any]] = SPEC["mistakes"]


def _project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    (project / "data" / "orgs").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests" / "hostile" / "org" / "acme.yml", project / "data/orgs/acme.yml")
    shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", project / "data" / "orgs" / "acme")
    return project


def _apply(project: Path, names: list[str]) -> None:
    for name in names:
        for edit in MISTAKES[name]["edits"]:
            path = project / edit["file"]
            text = path.read_text(encoding="utf-8")
            assert text.count(edit["old"]) == 1, f"{name}: {edit['old']!r} not found once"
            path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")


def _check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err.splitlines()


def test_the_example_project_starts_clean(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(_project(tmp_path), capsys) == (0, [])


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_alone(name: str, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    _apply(project, [name])
    status, lines = _check(project, capsys)
    expected = MISTAKES[name]["expected"]
    assert lines == [*expected, f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found"]
    assert status == 1


def test_all_ten_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    _apply(project, list(MISTAKES))
    status, lines = _check(project, capsys)
    alone = sorted(line for spec in MISTAKES.values() for line in spec["expected"])
    # Exactly the lines each mistake gives alone: nothing lost, nothing added.
    assert sorted(lines[:-1]) == alone
    assert lines == [*SPEC["all_at_once"], f"{len(alone)} problems found"]
    assert status == 1
