"""`playbook check --format text|github|json`: exact output, escaping, exit codes."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT, make_project

from macros.cli import main
from macros.problems import Problem, edition_of, report_as
from macros.site_check import check_project

TEXT = [
    "data/bottlenecks/duplicate-key.yml:4:1: error: duplicate key 'title' (first set on line "
    "3): keep only one of them [duplicate-key]",
    "data/bottlenecks/wrong-type.yml:4:8: error: 'order' must be a whole number, not text "
    "'two'; write it in digits [type]",
    "data/bottlenecks/wrong-type.yml:7:8: error: 'fixes' must be a list (lines starting with "
    "'- '), not text 'Add champions' [type]",
    "3 problems found",
]
GITHUB = [
    "::error file=data/bottlenecks/duplicate-key.yml,line=4,col=1,title=duplicate-key::"
    "duplicate key 'title' (first set on line 3): keep only one of them",
    "::error file=data/bottlenecks/wrong-type.yml,line=4,col=8,title=type::'order' must be a "
    "whole number, not text 'two'; write it in digits",
    "::error file=data/bottlenecks/wrong-type.yml,line=7,col=8,title=type::'fixes' must be a "
    "list (lines starting with '- '), not text 'Add champions'",
]
JSON = [
    {"path": "data/bottlenecks/duplicate-key.yml", "line": 4, "col": 1, "rule": "duplicate-key",
     "message": "duplicate key 'title' (first set on line 3): keep only one of them",
     "level": "error", "edition": None},
    {"path": "data/bottlenecks/wrong-type.yml", "line": 4, "col": 8, "rule": "type",
     "message": "'order' must be a whole number, not text 'two'; write it in digits",
     "level": "error", "edition": None},
    {"path": "data/bottlenecks/wrong-type.yml", "line": 7, "col": 8, "rule": "type",
     "message": "'fixes' must be a list (lines starting with '- '), not text 'Add champions'",
     "level": "error", "edition": None},
]
FIELDS = [field.name for field in dataclasses.fields(Problem)]


def _run(project: Path, *args: str, capsys: pytest.CaptureFixture[str]
         ) -> tuple[int, str, str]:
    status = main(["--root", str(project), "check", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid examples with a duplicate key and two wrong types (3 problems)."""
    project = make_project(tmp_path_factory.mktemp("broken") / "project")
    for bad in ("bottlenecks/duplicate-key.yml", "bottlenecks/wrong-type.yml"):
        shutil.copy(EXAMPLES / "invalid" / bad, project / "data" / bad)
    return project


@pytest.fixture(scope="module")
def broken_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Clean data and an edition `acme` whose overlay names a wave that does not exist."""
    project = make_project(tmp_path_factory.mktemp("edition") / "project")
    orgs = project / "data" / "orgs"
    orgs.mkdir(parents=True, exist_ok=True)
    overlay = (ROOT / "tests" / "hostile" / "org" / "acme.yml").read_text(encoding="utf-8")
    assert overlay.count("wave: wave-2}") == 1
    (orgs / "acme.yml").write_text(overlay.replace("wave: wave-2}", "wave: wave-9}"),
                                   encoding="utf-8")
    shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / "acme")
    return project


@pytest.fixture(scope="module")
def hostile_name(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record file whose name holds `,`, `:`, `%`, a newline and a terminal escape."""
    project = make_project(tmp_path_factory.mktemp("names") / "project")
    (project / "data" / "bottlenecks" / "a,b:c%d\ne\x1b.yml").write_text(
        "id: x\ntitle: X\norder: 1\nsymptom: S\ncause: C\n", encoding="utf-8")
    return project


def test_text_is_the_default_and_unchanged(broken: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    default = _run(broken, capsys=capsys)
    explicit = _run(broken, "--format", "text", capsys=capsys)
    assert default == explicit
    status, out, err = default
    assert (status, out) == (1, "")
    assert err == "\n".join(TEXT) + "\n"


def test_github_prints_one_annotation_per_problem(broken: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(broken, "--format", "github", capsys=capsys)
    assert status == 1
    assert out == "\n".join(GITHUB) + "\n"
    assert err == "3 problems found\n"


def test_json_lists_every_problem(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(broken, "--format", "json", capsys=capsys)
    assert (status, err) == (1, "")
    assert json.loads(out) == JSON


def test_json_round_trips_the_problems_check_finds(broken: Path, broken_edition: Path,
                                                   hostile_name: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for project in (broken, broken_edition, hostile_name):
        _, problems = check_project(project)
        assert problems
        status, out, _ = _run(project, "--format", "json", capsys=capsys)
        assert status == 1
        items = json.loads(out)
        assert all(set(item) == {*FIELDS, "edition"} for item in items)
        assert [Problem(**{name: item[name] for name in FIELDS}) for item in items] == \
            sorted(problems)
        assert [item["edition"] for item in items] == [edition_of(p.path) for p in
                                                       sorted(problems)]


def test_an_edition_problem_names_its_edition(broken_edition: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    message = "wave 'wave-9' does not exist: use one of wave-1, wave-2, or 'pilot'"
    status, out, _ = _run(broken_edition, "--format", "json", capsys=capsys)
    assert status == 1
    assert json.loads(out) == [{"path": "data/orgs/acme.yml", "line": 16, "col": 67,
                                "rule": "reference", "message": message, "level": "error",
                                "edition": "acme"}]
    status, out, _ = _run(broken_edition, "--format", "github", capsys=capsys)
    assert status == 1
    # `:` is escaped in properties only: the message keeps its colons
    assert out == f"::error file=data/orgs/acme.yml,line=16,col=67,title=reference::{message}\n"


def test_github_escapes_a_hostile_file_name(hostile_name: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(hostile_name, "--format", "github", capsys=capsys)
    assert status == 1
    assert out.splitlines() == [
        "::error file=data/bottlenecks/a%2Cb%3Ac%25d%0Ae\\x1b.yml,line=1,col=1,title=required::"
        "'fixes' is required: add `fixes: ...` here"]
    status, out, _ = _run(hostile_name, "--format", "json", capsys=capsys)
    assert out.isascii()  # JSON escapes the newline and the escape character
    assert json.loads(out)[0]["path"] == "data/bottlenecks/a,b:c%d\ne\x1b.yml"


def test_github_escaping_of_message_and_properties() -> None:
    problem = Problem("data/a:b,c%d.yml", 3, 4, "50% done\r\nnext: a, b", "rule:x,y")
    assert problem.format_github() == (
        "::error file=data/a%3Ab%2Cc%25d.yml,line=3,col=4,title=rule%3Ax%2Cy::"
        "50%25 done%0D%0Anext: a, b")
    # `%` is escaped first, so an escape already in the text is kept as written
    assert Problem("p%0A", 1, 1, "%0A", "r").format_github() == \
        "::error file=p%250A,line=1,col=1,title=r::%250A"
    # other control and bidi characters are printed as escapes, as in the text format
    assert Problem("p", 1, 1, "a\x1b[31mb\u202ec\td", "r").format_github() == \
        "::error file=p,line=1,col=1,title=r::a\\x1b[31mb\\u202ec\\td"
    # a newline can never end the command early, wherever it is
    assert "\n" not in Problem("a\nb", 1, 1, "c\nd", "e\nf").format_github()


def test_warnings_are_github_warnings_and_keep_their_level_in_json() -> None:
    warning = Problem("docs/x.md", 2, 3, "careful", "style", "warning")
    assert warning.format_github() == "::warning file=docs/x.md,line=2,col=3,title=style::careful"
    assert json.loads(report_as([warning], "json")) == [
        {"path": "docs/x.md", "line": 2, "col": 3, "rule": "style", "message": "careful",
         "level": "warning", "edition": None}]
    assert warning.format() == "docs/x.md:2:3: warning: careful [style]"


@pytest.mark.parametrize(("path", "edition"), [
    ("data/orgs/acme.yml", "acme"),
    ("data/orgs/acme/logo.png", "acme"),
    ("data/orgs/acme/deep/er.yml", "acme"),
    ("data/orgs/acme.yaml", None),
    ("data/orgs/notes.txt", None),
    ("data/orgs/.yml", None),
    ("data/orgs", None),
    ("data/bottlenecks/x.yml", None),
    ("docs/orgs/acme.yml", None),
    ("docs/more.md", None),
])
def test_edition_comes_from_the_path(path: str, edition: str | None) -> None:
    assert edition_of(path) == edition


def test_clean_project_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    for output in ("github", "json"):
        status, out, err = _run(ROOT, "--format", output, capsys=capsys)
        assert (status, err) == (0, "")
        if output == "json":
            assert json.loads(out) == []
        else:
            assert "::" not in out
            assert "no problems" in out


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(ROOT, "--format", "xml", capsys=capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "error: argument --format: invalid choice: 'xml' (choose from 'text', 'github', "
        "'json') (see `playbook check --help`)"]


def test_report_as_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        report_as([], "xml")
