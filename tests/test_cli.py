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
        "'two'; write it in digits [type]",
        "data/bottlenecks/wrong-type.yml:7:8: error: 'fixes' must be a list (lines starting with "
        "'- '), not text 'Add champions' [type]",
        "3 problems found",
    ]


@pytest.mark.parametrize(("argv", "message"), [
    (["frobnicate"], "error: argument command: invalid choice: 'frobnicate'"),
    (["build", "--edition", "no-such-org"], "error: no edition 'no-such-org': the editions are "
     "brightpath, cedarfield, harborline"),
    (["build", "--all", "--edition", "x"], "error: argument --edition: not allowed with "
     "argument --all (see `playbook build --help`)"),
    (["build", "--jobs", "0"], "error: argument --jobs: '0' is not a whole number of at least 1 "
     "(see `playbook build --help`)"),
    (["build", "--out"], "error: argument --out: expected one argument (see `playbook build "
     "--help`)"),
    (["explain", "templates/rapid"], "error: templates/rapid needs a field path, e.g. "
     "`templates/rapid budget.total`; computed figures need --edition (see `playbook explain "
     "--help`)"),
])
def test_usage_errors_are_one_line_and_exit_2(argv: list[str], message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), *argv]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(message)
    assert captured.out == ""


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--help"]) == 0
    assert "--jobs N" in capsys.readouterr().out


def test_usage_error_without_a_project(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: no mkdocs.yml in {tmp_path}: run from the project folder or pass --root"]


def test_an_unreadable_project_is_one_error_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import errno
    import os

    import macros.cli

    def unreadable(root: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(root / "data"))
    monkeypatch.setattr(macros.cli, "edition_slugs", unreadable)
    assert main(["--root", str(ROOT), "build", "--edition", "brightpath"]) == 1
    assert capsys.readouterr().err.splitlines() == [f"error: {ROOT / 'data'}: Permission denied"]


def test_a_bug_shows_its_traceback_then_one_error_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import macros.cli

    def broken(root: Path) -> None:
        raise ValueError("a bug")
    monkeypatch.setattr(macros.cli, "edition_slugs", broken)
    assert main(["--root", str(ROOT), "build", "--edition", "brightpath"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Traceback (most recent call last):"
    assert err[-1] == ("error: internal error (ValueError: a bug): please report it with the "
                       "traceback above")


def test_explain_prints_value_and_origin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "explain", "templates/rapid", "budget.total"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "300000"
    assert out[1].startswith("from data/templates/rapid.yml:")
    assert main(["--root", str(ROOT), "explain", "templates/rapid", "budget.nope"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")


def test_build_writes_the_site(tmp_path: Path) -> None:
    assert main(["--root", str(ROOT), "build", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "templates" / "rapid" / "index.html").is_file()
    assert (tmp_path / "out" / ".playbook-output").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
