"""Hostile and clumsy input, one case per folder under tests/hostile/<area>/<case>/case.yml.

A case names the command to run on a small project (the valid examples under
tests/examples/), the files to add or replace, special entries to create (links, FIFOs,
folders, raw bytes, huge repetitions), and the exact exit status and error output it must
produce: a problem line per mistake at the right file, line and column, or one `error:`
line; never a traceback. `{root}` in the expected output stands for the project folder.

    argv: [check]
    files: {data/bottlenecks/x.yml: "id: x\\n"}
    setup:
      - {symlink: data/waves/link.yml, to: /etc/hostname}
      - {fifo: data/bottlenecks/pipe.yml}
      - {folder: data/bottlenecks/dir.yml}
      - {bytes: data/bottlenecks/x.yml, latin1: "id: \\xff"}
      - {repeat: data/bottlenecks/x.yml, before: "a: ", text: "[", times: 100000}
      - {remove: data/waves/wave-1.yml}
      - {move: data, to: elsewhere/data}
    exit: 1
    stderr: |
      data/bottlenecks/x.yml:1:1: error: ... [rule]
      1 problem found
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros.cli import main

CASES = sorted((ROOT / "tests" / "hostile").glob("*/*/case.yml"))
ORG = EXAMPLES / "orgs" / "valid"
HOSTILE_ORG = ROOT / "tests" / "hostile" / "org" / "acme.yml"  # acme, clean with these docs


def _case_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"


def _apply(project: Path, step: dict[str, Any]) -> None:
    (kind, target), *rest = step.items()
    options = dict(rest)
    path = project / target
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "symlink":
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        os.symlink(str(options["to"]).replace("{root}", str(project)), path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir(exist_ok=True)
    elif kind == "bytes":
        path.write_bytes(str(options["latin1"]).encode("latin-1"))
    elif kind == "repeat":
        text = options.get("before", "") + options["text"] * options["times"]
        path.write_text(text + options.get("after", ""), encoding="utf-8")
    elif kind == "move":
        destination = project / options["to"]
        destination.parent.mkdir(parents=True, exist_ok=True)
        path.rename(destination)
    elif kind == "remove":
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    else:
        raise ValueError(f"unknown setup step {kind!r}")


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_hostile_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    project = make_project(tmp_path / "project")
    if spec.get("with_org", False):
        (project / "data" / "orgs").mkdir(parents=True, exist_ok=True)
        shutil.copy(HOSTILE_ORG, project / "data" / "orgs" / "acme.yml")
        shutil.copytree(ORG / "acme", project / "data" / "orgs" / "acme")
    for name, text in spec.get("files", {}).items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for step in spec.get("setup", []):
        _apply(project, step)
    argv = [arg.replace("{root}", str(project)) for arg in spec.get("argv", ["check"])]
    status = main(["--root", str(project), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    expected = spec["stderr"].replace("{root}", str(project))
    assert err == expected
    assert status == spec["exit"]


def test_there_are_enough_cases() -> None:
    areas = {path.parent.parent.name for path in CASES}
    assert len(CASES) >= 60, len(CASES)
    assert {"yaml", "injection", "overlays", "files", "output"} <= areas, areas
