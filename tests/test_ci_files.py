"""The GitHub Actions workflow and the pre-commit hook run commands that exist and work."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT

from macros.cli import _parser

WORKFLOW = ROOT / ".github" / "workflows" / "playbook.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps() -> list[dict[str, Any]]:
    jobs = _workflow()["jobs"]
    assert len(jobs) == 1
    (job,) = jobs.values()
    assert job["runs-on"] == "ubuntu-latest"
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def _index(steps: list[dict[str, Any]], predicate: Any) -> int:
    found = [i for i, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, found
    return found[0]


def _runs(step: dict[str, Any], command: str) -> bool:
    return command in step.get("run", "").splitlines()


def _commands() -> list[str]:
    parser = _parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_workflow_runs_on_pull_requests_and_pushes_to_main() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert triggers["push"] == {"branches": ["main"]}


def test_workflow_checks_builds_and_uploads_in_order() -> None:
    steps = _steps()
    checkout = _index(steps, lambda s: str(s.get("uses", "")).startswith("actions/checkout@"))
    python = _index(steps, lambda s: str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert steps[python]["with"]["python-version"] == "3.11"
    install = _index(steps, lambda s: _runs(s, "pip install -e ."))
    check = _index(steps, lambda s: _runs(s, "playbook check --format github"))
    build = _index(steps, lambda s: _runs(s, "playbook build --all --out site-all"))
    upload = _index(steps, lambda s: str(s.get("uses", "")).startswith(
        "actions/upload-artifact@"))
    assert steps[upload]["with"]["path"].rstrip("/") == "site-all"
    assert checkout < python < install < check < build < upload
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step.get("uses", "a/b@v1")), step


@pytest.mark.parametrize("command", ["playbook check --format github",
                                     "playbook build --all --out site-all"])
def test_workflow_commands_parse(command: str) -> None:
    args = _parser().parse_args(shlex.split(command)[1:])
    assert args.command == shlex.split(command)[1]


def test_workflow_comments_the_diff_only_when_the_command_exists() -> None:
    steps = _steps()
    guard = _index(steps, lambda s: "playbook --help" in s.get("run", ""))
    guard_id = steps[guard]["id"]
    comment = _index(steps, lambda s: "playbook diff" in s.get("run", ""))
    assert guard < comment
    condition = steps[comment]["if"]
    assert f"steps.{guard_id}.outputs.present == 'true'" in condition
    assert "gh pr comment" in steps[comment]["run"]
    permissions = _workflow()["jobs"]
    assert next(iter(permissions.values()))["permissions"]["pull-requests"] == "write"


@pytest.mark.parametrize(("help_text", "expected"), [
    (None, None),  # the real `playbook --help`: true once `diff` is one of the commands
    ("usage: playbook [-h] [--root ROOT]\n   {check,build,diff} ...\n", True),
    ("usage: playbook [-h] [--root ROOT]\n   {diff,check} ...\n", True),
    ("usage: playbook [-h] [--root ROOT]\n   {check,differ} ...\n\n  check   a diff\n", False),
])
def test_the_diff_guard_reads_the_help(help_text: str | None, expected: bool | None,
                                       tmp_path: Path) -> None:
    """Run the guard step's script with `playbook` being the real one or a stand-in."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    steps = _steps()
    script = steps[_index(steps, lambda s: "playbook --help" in s.get("run", ""))]["run"]
    shim = tmp_path / "bin" / "playbook"
    shim.parent.mkdir()
    if help_text is None:
        real = Path(sys.executable).with_name("playbook")
        shim.write_text(f'#!/bin/sh\nexec "{real}" "$@"\n')
        expected = "diff" in _commands()
    else:
        shim.write_text(f"#!/bin/sh\ncat <<'EOF'\n{help_text}EOF\n")
    shim.chmod(0o755)
    output = tmp_path / "output"
    subprocess.run([bash, "-e", "-c", script], check=True, cwd=ROOT, env={
        **os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output)})
    assert output.read_text() == f"present={'true' if expected else 'false'}\n"


def test_pre_commit_hook_fields() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["playbook-check"]
    (hook,) = hooks
    assert hook["entry"] == "playbook check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["files"] == "^(data|docs)/"
    assert hook["name"]
    files = re.compile(hook["files"])
    assert files.search("data/bottlenecks/x.yml")
    assert files.search("docs/index.md")
    assert not files.search("macros/cli.py")
    assert not files.search("tests/examples/valid/bottlenecks/x.yml")


def test_pre_commit_entry_passes_on_the_shipped_project() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    program, *args = shlex.split(hook["entry"])
    executable = Path(sys.executable).with_name(program)  # the venv's `playbook` script
    assert executable.is_file(), executable
    done = subprocess.run([str(executable), *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stdout
