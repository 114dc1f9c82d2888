"""The GitHub Actions workflow and the pre-commit hook run commands that exist and work."""

from __future__ import annotations

import fnmatch
import json
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


def _steps(job: str = "check") -> list[dict[str, Any]]:
    jobs = _workflow()["jobs"]
    assert list(jobs) == ["check", "build", "index"]
    assert jobs[job]["runs-on"] == "ubuntu-latest"
    steps: list[dict[str, Any]] = jobs[job]["steps"]
    return steps


def _index(steps: list[dict[str, Any]], predicate: Any) -> int:
    found = [i for i, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, found
    return found[0]


def _runs(step: dict[str, Any], command: str) -> bool:
    return command in step.get("run", "").splitlines()


def test_workflow_runs_on_pull_requests_and_pushes_to_main() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert triggers["push"] == {"branches": ["main"]}


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).startswith(f"actions/{action}@")


SHARD_BUILD = "playbook build --all --shard ${{ matrix.shard }}/2 --out site-all"
INDEX = "playbook build --editions-index --out site-all"


@pytest.mark.parametrize(("job", "commands"), [
    ("check", ["playbook check --format github"]),
    ("build", [SHARD_BUILD, "upload-artifact"]),
    ("index", ["download-artifact", INDEX, "upload-artifact"])])
def test_workflow_checks_builds_and_uploads_in_order(job: str, commands: list[str]) -> None:
    steps = _steps(job)
    checkout = _index(steps, lambda s: _uses(s, "checkout"))
    python = _index(steps, lambda s: _uses(s, "setup-python"))
    assert steps[python]["with"]["python-version"] == "3.11"
    install = _index(steps, lambda s: _runs(s, "pip install -e ."))
    found = [_index(steps, lambda s, c=c: _runs(s, c) or _uses(s, c)) for c in commands]
    assert [checkout, python, install, *found] == sorted([checkout, python, install, *found])
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step.get("uses", "a/b@v1")), step


def _shards() -> list[int]:
    build = _workflow()["jobs"]["build"]
    assert build["needs"] == "check"
    shards: list[int] = build["strategy"]["matrix"]["shard"]
    return shards


@pytest.mark.parametrize("command", ["playbook check --format github", INDEX,
                                     *(SHARD_BUILD.replace("${{ matrix.shard }}", str(k))
                                       for k in (1, 2))])
def test_workflow_commands_parse(command: str) -> None:
    args = _parser().parse_args(shlex.split(command)[1:])
    assert args.command == shlex.split(command)[1]


def test_the_shards_of_the_matrix_build_every_edition_once() -> None:
    from macros.editions.load import edition_slugs
    from macros.shards import Shard, share
    from macros.site import DEFAULT

    shards = _shards()
    assert shards == list(range(1, len(shards) + 1)) and len(shards) > 1
    names = [DEFAULT, *edition_slugs(ROOT)]
    built: list[str] = []
    for k in shards:
        args = _parser().parse_args(shlex.split(
            SHARD_BUILD.replace("${{ matrix.shard }}", str(k)))[1:])
        assert args.all and args.shard == Shard(k, len(shards))
        built += share(names, args.shard)
    assert sorted(built) == sorted(names)


def test_the_index_job_gathers_every_shard() -> None:
    """Each shard uploads its folder, hidden files included (each edition's marker and
    manifest); the index job downloads them all into one folder and lists them there."""
    build, index = _steps("build"), _steps("index")
    assert _workflow()["jobs"]["index"]["needs"] == "build"
    upload = build[_index(build, lambda s: _uses(s, "upload-artifact"))]["with"]
    assert upload["include-hidden-files"] is True
    assert upload["path"].rstrip("/") == "site-all"
    names = [upload["name"].replace("${{ matrix.shard }}", str(k)) for k in _shards()]
    assert len(set(names)) == len(names)
    download = index[_index(index, lambda s: _uses(s, "download-artifact"))]["with"]
    assert download["merge-multiple"] is True
    assert download["path"] == "site-all"
    assert [n for n in names if fnmatch.fnmatchcase(n, download["pattern"])] == names
    site = index[_index(index, lambda s: _uses(s, "upload-artifact"))]["with"]
    assert (site["name"], site["path"].rstrip("/")) == ("site-all", "site-all")


def _comment_step() -> dict[str, Any]:
    steps = _steps()
    return steps[_index(steps, lambda s: "playbook diff" in s.get("run", ""))]


def test_workflow_comments_the_diff_on_pull_requests_from_this_repository() -> None:
    steps = _steps()
    comment = _index(steps, lambda s: "playbook diff" in s.get("run", ""))
    check = _index(steps, lambda s: _runs(s, "playbook check --format github"))
    assert check < comment
    condition = " ".join(steps[comment]["if"].split())
    assert condition == ("github.event_name == 'pull_request' && "
                         "github.event.pull_request.head.repo.full_name == github.repository")
    assert steps[comment]["env"]["PR"] == "${{ github.event.pull_request.number }}"
    permissions = _workflow()["jobs"]
    assert next(iter(permissions.values()))["permissions"]["pull-requests"] == "write"
    (command,) = [part.strip(" {}") for line in steps[comment]["run"].splitlines()
                  for part in line.split(";") if part.strip(" {}").startswith("playbook ")]
    args = _parser().parse_args(shlex.split(command)[1:])
    assert (args.command, args.base, args.head) == ("diff", "HEAD^1", "HEAD")


def _run_comment_step(tmp_path: Path, comments: list[dict[str, Any]]) -> tuple[list[str], str]:
    """Run the step's script with stand-ins for `playbook` and `gh` (which filters the
    comments with the step's own --jq through the real jq): what gh was asked, and the body."""
    bash, jq = shutil.which("bash"), shutil.which("jq")
    if bash is None or jq is None:
        pytest.skip("needs bash and jq")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "comments.json").write_text(json.dumps(comments))
    (bin_dir / "playbook").write_text('#!/bin/sh\necho "playbook $*" >> ../calls\n'
                                      "echo '## Playbook changes'\n")
    (bin_dir / "gh").write_text(f"""#!/bin/sh
echo "gh $*" >> ../calls
if [ "$1 $2" = "api repos/owner/repo/issues/7/comments" ]; then
  "{jq}" -r "$5" ../comments.json
fi
""")
    for shim in bin_dir.iterdir():
        shim.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    step = _comment_step()
    subprocess.run([bash, "-e", "-c", step["run"]], check=True, cwd=work, env={
        **os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PR": "7", "REPO": "owner/repo", "GH_TOKEN": "unused"})
    return (tmp_path / "calls").read_text().splitlines(), (work / "diff.md").read_text()


def test_the_comment_step_posts_a_new_comment(tmp_path: Path) -> None:
    calls, body = _run_comment_step(tmp_path, [
        {"id": 1, "user": {"login": "someone"}, "body": "<!-- playbook diff -->\nmine"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "another report"}])
    assert body == "<!-- playbook diff -->\n## Playbook changes\n"
    assert calls == [
        "playbook diff HEAD^1 HEAD",
        "gh api repos/owner/repo/issues/7/comments --paginate --jq .[] | select(.user.login == "
        '"github-actions[bot]") | select(.body | startswith("<!-- playbook diff -->")) | .id',
        "gh pr comment 7 --body-file diff.md"]


def test_the_comment_step_updates_its_own_comment(tmp_path: Path) -> None:
    bot = {"login": "github-actions[bot]"}
    calls, _ = _run_comment_step(tmp_path, [
        {"id": 3, "user": bot, "body": "<!-- playbook diff -->\nolder"},
        {"id": 4, "user": bot, "body": "<!-- playbook diff -->\nold"}])
    assert calls[-1] == "gh api --method PATCH repos/owner/repo/issues/comments/4 -F body=@diff.md"
    assert len(calls) == 3


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
