"""The `playbook` command's exit codes and output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT

from macros.cli import main


def test_check_passes_on_the_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_check_reports_every_problem_and_exits_1(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    for bad in ("bottlenecks/duplicate-key.yml", "bottlenecks/wrong-type.yml"):
        shutil.copy(EXAMPLES / "invalid" / bad, tmp_path / "data" / bad)
    assert main(["--root", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "data/bottlenecks/duplicate-key.yml:4:1: error: duplicate key 'title' (first set on line "
        "3): keep only one of them [duplicate-key]",
        "data/bottlenecks/wrong-type.yml:4:8: error: 'order' must be a whole number, not text "
        "'two'; write it without quotes [type]",
        "data/bottlenecks/wrong-type.yml:7:8: error: 'fixes' must be a list (lines starting with "
        "'- '), not text 'Add champions' [type]",
        "3 problems found",
    ]


@pytest.mark.parametrize("argv", [
    ["frobnicate"], ["build", "--edition", "no-such-org"], ["build", "--all", "--edition", "x"],
    ["explain", "templates/rapid"],
])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert main(["--root", str(ROOT), *argv]) == 2


def test_usage_error_without_a_project(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().err


def test_explain_prints_value_and_origin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "explain", "templates/rapid", "budget.total"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "300000"
    assert out[1].startswith("from data/templates/rapid.yml:")
    assert main(["--root", str(ROOT), "explain", "templates/rapid", "budget.nope"]) == 2


def test_build_writes_the_site(tmp_path: Path) -> None:
    assert main(["--root", str(ROOT), "build", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "templates" / "rapid" / "index.html").is_file()
