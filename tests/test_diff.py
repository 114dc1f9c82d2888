"""`playbook diff`: what a change does to every edition, read from git without a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT

from macros.cli import main
from macros.diff import ABSENT, Change, EditionDiff, field_changes, to_markdown

GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Author", "GIT_AUTHOR_EMAIL": "author@example.com",
           "GIT_COMMITTER_NAME": "Author", "GIT_COMMITTER_EMAIL": "author@example.com"}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=GIT_ENV).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the project's data, pages and configuration, committed once."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project)
    _git(project, "init", "-q", "-b", "main")
    _commit(project, "the playbook as shipped")
    return project


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _diff(repo: Path, capsys: pytest.CaptureFixture[str], *revisions: str
          ) -> tuple[int, str, str]:
    status = main(["--root", str(repo), "diff", *revisions])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _raise_contingency(repo: Path) -> None:
    """Rapid's contingency line up by $15K, with the totals and the per-person figure."""
    rapid = repo / "data" / "templates" / "rapid.yml"
    _edit(rapid, "budget:\n  total: 300000\n", "budget:\n  total: 315000\n")
    _edit(rapid, "      stated: 2000\n", "      stated: 2100\n")
    _edit(rapid, "      total: 300000\n      lines:", "      total: 315000\n      lines:")
    _edit(rapid, "          amount: 100000\n          note: Held back",
          "          amount: 115000\n          note: Held back")


RAISED_RECORD = """\
| Record | Field | Before | After |
|---|---|---|---|
| `templates/rapid` | `budget.total` | 300000 | 315000 |
| `templates/rapid` | `budget.per_person[per-employee].stated` | 2000 | 2100 |
| `templates/rapid` | `budget.sections[line-items].total` | 300000 | 315000 |
| `templates/rapid` | `budget.sections[line-items].lines[contingency].amount` | 100000 | 115000 |
"""


def _raised_report(header: str) -> str:
    figures = "| Figure | Before | After |\n|---|---|---|\n| `rapid`: budget | $300K | $315K |\n"
    pages = "- Pages changed (3): `/our-plan/`, `/templates/`, `/templates/rapid/`\n" \
            "- Record changes: as in the default edition."
    return f"""\
## Playbook changes: {header}

### Default edition

- Pages changed (2): `/templates/`, `/templates/rapid/`

{RAISED_RECORD}
### Edition `brightpath`: Brightpath Software

{pages}

| Figure | Before | After |
|---|---|---|
| net benefit of the budget | $900K\\-$3M | $945K\\-$3\\.15M |
| `rapid`: budget | $300K | $315K |
| `rapid`: cost per adopted person | $2,500 | $2,625 |

### Edition `cedarfield`: Cedarfield Health Partners

{pages}

{figures}| `rapid`: cost per adopted person | $1,250 | $1,312 |

### Edition `harborline`: Harborline Logistics

{pages}

{figures}| `rapid`: cost per adopted person | $1,500 | $1,575 |
"""


def test_a_raised_budget_line_shows_old_and_new_totals_per_edition(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _raise_contingency(repo)
    status, out, err = _diff(repo, capsys)
    assert (status, err) == (0, "")
    assert out == _raised_report("`HEAD` → the working tree")
    _commit(repo, "raise the contingency")
    assert _diff(repo, capsys, "HEAD~1", "HEAD") == (
        0, _raised_report("`HEAD~1` → `HEAD`"), "")
    # Only what git holds is read: an uncommitted edit changes the working tree alone.
    _edit(repo / "data" / "templates" / "rapid.yml", "title: Rapid scaling wave",
          "title: Rapid wave")
    assert _diff(repo, capsys, "HEAD~1", "HEAD")[1] == _raised_report("`HEAD~1` → `HEAD`")
    assert _git(repo, "status", "--porcelain") == " M data/templates/rapid.yml\n"


def test_an_overlay_change_moves_that_editions_figures_only(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brightpath = repo / "data" / "orgs" / "brightpath.yml"
    _edit(brightpath, "headcount: 150\n", "headcount: 160\n")
    _edit(brightpath, "{id: remaining, name: Remaining teams, headcount: 55,",
          "{id: remaining, name: Remaining teams, headcount: 65,")
    status, out, _ = _diff(repo, capsys)
    assert status == 0
    section = out.split("### Edition `brightpath`: Brightpath Software\n\n")[1]
    rows = section.split("\n\n")[1:3]
    assert rows[0] == """\
| Record | Field | Before | After |
|---|---|---|---|
| `orgs/brightpath` | `headcount` | 150 | 160 |
| `orgs/brightpath` | `departments[remaining].headcount` | 55 | 65 |"""
    assert rows[1].splitlines()[:5] == [
        "| Figure | Before | After |",
        "|---|---|---|",
        "| champions needed for the support load | 3 | 3\\-4 |",
        "| champions at one or two per 50 people | 3\\-6 | 4\\-8 |",
        "| champions as a share of the organization | 8\\-11 | 8\\-12 |",
    ]
    assert "| `rapid`: cost per adopted person | $2,500 | $2,344 |" in rows[1]
    assert section.split("\n\n")[3] == "And 40 more figures."
    assert out.endswith("\n\nUnchanged: 3 editions (`default`, `cedarfield`, `harborline`).\n")
    assert "### Default edition" not in out


def test_a_page_added_and_a_page_removed(repo: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bottlenecks = repo / "data" / "bottlenecks"
    text = (bottlenecks / "lagging-function.yml").read_text(encoding="utf-8")
    (bottlenecks / "quiet-champions.yml").write_text(
        text.replace("id: lagging-function", "id: quiet-champions")
            .replace("title: One key function lags behind", "title: Champions go quiet"),
        encoding="utf-8")
    (repo / "docs" / "how-to-read.md").unlink()
    status, out, _ = _diff(repo, capsys)
    assert status == 0
    assert out == """\
## Playbook changes: `HEAD` → the working tree

### Default edition

- Pages added (1): `/bottlenecks/quiet-champions/`
- Pages removed (1): `/how-to-read/` (no redirect: links to it break)
- Pages changed (1): `/bottlenecks/`
- Records added (1): `bottlenecks/quiet-champions`

The same changes as the default edition: `brightpath`, `cedarfield`, `harborline`.
"""


def _rename_champion_burnout(repo: Path, *, aliases: bool) -> None:
    data = repo / "data"
    old = data / "bottlenecks" / "champion-burnout.yml"
    text = old.read_text(encoding="utf-8").replace("id: champion-burnout\n",
                                                   "id: champion-fatigue\n")
    if aliases:
        text = text.replace("id: champion-fatigue\n",
                            "id: champion-fatigue\naliases: [champion-burnout]\n")
    old.unlink()
    (data / "bottlenecks" / "champion-fatigue.yml").write_text(text, encoding="utf-8")
    for user in (data / "templates" / "organic.yml", repo / "docs" / "index.md"):
        text = user.read_text(encoding="utf-8")
        assert "champion-burnout" in text
        user.write_text(text.replace("champion-burnout", "champion-fatigue"), encoding="utf-8")


RENAMED_REFERENCE = """\
| Record | Field | Before | After |
|---|---|---|---|
| `templates/organic` | `risks[1].bottleneck` | champion\\-burnout | champion\\-fatigue |

The same changes as the default edition: `brightpath`, `cedarfield`, `harborline`.
"""


FATIGUE = "`/bottlenecks/champion-fatigue/`"


def test_a_rename_with_aliases_redirects(repo: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _rename_champion_burnout(repo, aliases=True)
    assert _diff(repo, capsys) == (0, f"""\
## Playbook changes: `HEAD` → the working tree

### Default edition

- Pages added (1): `/bottlenecks/champion-fatigue/`
- Pages removed (1): `/bottlenecks/champion-burnout/` (redirects to {FATIGUE})
- Pages changed (3): `/`, `/bottlenecks/`, `/templates/organic/`
- Records renamed (1): `bottlenecks/champion-burnout` → `bottlenecks/champion-fatigue`

{RENAMED_REFERENCE}""", "")


def test_a_rename_without_aliases_breaks_links(repo: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _rename_champion_burnout(repo, aliases=False)
    assert _diff(repo, capsys) == (0, f"""\
## Playbook changes: `HEAD` → the working tree

### Default edition

- Pages added (1): `/bottlenecks/champion-fatigue/`
- Pages removed (1): `/bottlenecks/champion-burnout/` (no redirect: links to it break)
- Pages changed (3): `/`, `/bottlenecks/`, `/templates/organic/`
- Records added (1): `bottlenecks/champion-fatigue`
- Records removed (1): `bottlenecks/champion-burnout`

{RENAMED_REFERENCE}""", "")


def test_no_change_is_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _diff(repo, capsys) == (0, "No changes to the playbook between `HEAD` and the "
                                      "working tree: every edition is the same.\n", "")
    (repo / "README.md").write_text("not part of the playbook\n", encoding="utf-8")
    _commit(repo, "a file beside the data")
    assert _diff(repo, capsys, "HEAD~1", "main") == (
        0, "No changes to the playbook between `HEAD~1` and `main`: every edition is the "
           "same.\n", "")


def test_unknown_revision_is_one_error_line(repo: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert _diff(repo, capsys, "no-such-branch") == (
        2, "", "error: unknown revision 'no-such-branch': name a commit, branch or tag of "
               "this repository, e.g. HEAD~1, main or origin/main\n")
    assert _diff(repo, capsys, "--", "--output=x") == (  # never read as an option of git's
        2, "", "error: unknown revision '--output=x': name a commit, branch or tag of this "
               "repository, e.g. HEAD~1, main or origin/main\n")


def test_outside_a_git_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    status, out, err = _diff(tmp_path, capsys)
    assert (status, out) == (2, "")
    assert err == (f"error: {tmp_path} is not in a git repository: `playbook diff` compares "
                   "revisions of a project kept in git\n")


def test_invalid_data_on_either_side_is_reported_with_its_revision(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rapid = repo / "data" / "templates" / "rapid.yml"
    _edit(rapid, "order: 1\n", "order: first\n")
    assert _diff(repo, capsys) == (1, "", (
        "data/templates/rapid.yml:3:8: error: 'order' must be a whole number, not text "
        "'first'; write it in digits [type]\n1 problem found\n"))
    _commit(repo, "a mistake")
    _edit(rapid, "order: first\n", "order: 1\n")
    assert _diff(repo, capsys) == (1, "", (
        "HEAD:data/templates/rapid.yml:3:8: error: 'order' must be a whole number, not text "
        "'first'; write it in digits [type]\n1 problem found\n"))


def test_a_link_in_a_revision_is_refused_like_a_link_on_disk(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = repo / "data" / "bottlenecks" / "linked.yml"
    link.symlink_to("/etc/passwd")
    _commit(repo, "a link")
    link.unlink()
    assert _diff(repo, capsys) == (1, "", (
        "HEAD:data/bottlenecks/linked.yml:1:1: error: this is a symbolic link, and links are "
        "not followed: replace it with a copy of the file or folder it points to [symlink]\n"
        "1 problem found\n"))


def test_a_project_in_a_folder_of_its_repository(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    outer = tmp_path / "outer"
    project = outer / "playbook"
    project.mkdir(parents=True)
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
        shutil.copytree(ROOT / folder, outer / folder)  # never read: not the project's
    shutil.copy(ROOT / "mkdocs.yml", project)
    (outer / "data" / "templates" / "rapid.yml").write_text("not: [the, project]\n")
    _git(outer, "init", "-q", "-b", "main")
    _commit(outer, "a project in a folder")
    _raise_contingency(project)
    assert _diff(project, capsys) == (0, _raised_report("`HEAD` → the working tree"), "")


def test_a_revision_without_the_project(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = _git(repo, "commit-tree", "-m", "empty", _git(repo, "mktree").strip())
    assert _diff(repo, capsys, empty.strip()) == (
        2, "", f"error: revision {empty.strip()!r} has no data/ or docs/ in the top folder: "
               "nothing to compare\n")


# ---- the pure parts ---------------------------------------------------------------------------

def test_field_changes_compare_lists_by_id_and_by_alignment() -> None:
    old = {"phases": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
           "steps": ["one", "two", "three"], "gone": 1}
    new = {"phases": [{"id": "b", "title": "B2"}, {"id": "a", "title": "A"},
                      {"id": "c", "title": "C"}],
           "steps": ["zero", "one", "two", "three"], "added": {"min": 1}}
    assert field_changes(old, new) == [
        ("phases[b].title", "B", "B2"),
        ("phases[c]", ABSENT, {"id": "c", "title": "C"}),
        ("phases (order)", "a, b", "b, a"),
        ("steps[0]", ABSENT, "zero"),
        ("gone", 1, ABSENT),
        ("added", ABSENT, {"min": 1}),
    ]
    assert field_changes({"n": 1}, {"n": 1.0}) == [("n", 1, 1.0)]  # the type changed


def test_long_lists_and_values_are_capped() -> None:
    diff = EditionDiff("default", "", "changed", 40,
                       pages_changed=[f"p{i}/" for i in range(10)])
    diff.records.fields = [Change("templates/rapid", f"when_to_use[{i}]", "x" * 100,
                                  "a | b <b>") for i in range(14)]
    out = to_markdown([diff], "main", None)
    assert "\n- Pages changed (10): `/p0/`, `/p1/`, `/p2/`, `/p3/`, `/p4/`, `/p5/`, `/p6/`, " \
           "`/p7/` and 2 more\n" in out
    assert f"\n| `templates/rapid` | `when_to_use[0]` | {'x' * 79}… | a \\| b &lt;b&gt; |\n" in out
    assert out.count("| `templates/rapid` |") == 12
    assert out.endswith("\n\nAnd 2 more fields.\n")


def test_an_edition_of_its_own_is_listed_whole() -> None:
    added = EditionDiff("acme", "Acme <Robotics>", "added", 41)
    removed = EditionDiff("old-org", "Old", "removed", 40)
    assert to_markdown([EditionDiff("default", "", "changed"), added, removed], "a", "b") == (
        "## Playbook changes: `a` → `b`\n\n"
        "### Edition `acme`: Acme &lt;Robotics&gt;\n\nNew edition: 41 pages.\n\n"
        "### Edition `old-org`: Old\n\nEdition removed: its 40 pages are no longer built.\n\n"
        "Unchanged: 1 edition (`default`).\n")
