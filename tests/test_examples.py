"""Every example file under tests/examples: valid ones load clean, invalid ones report exactly
the problems written in their `# expect:` lines (same message, same line:col)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, expected_problems

from macros.catalog import load_catalog
from macros.kinds import KINDS

VALID = sorted((EXAMPLES / "valid").glob("*/*.yml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*/*.yml"))


def test_every_kind_has_valid_and_invalid_examples() -> None:
    assert {p.parent.name for p in VALID} == set(KINDS)
    assert {p.parent.name for p in INVALID} == set(KINDS)


def test_valid_examples_load_without_problems(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    catalog, problems = load_catalog(tmp_path)
    assert [p.format() for p in problems] == []
    assert sorted(f"{r.kind}/{r.id}.yml" for r in catalog) == sorted(
        f"{p.parent.name}/{p.name}" for p in VALID)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_example_reports_exact_problems(case: Path, tmp_path: Path) -> None:
    """Each invalid file is dropped into a copy of the valid data set, so references to other
    records resolve and only the problems of the file itself appear."""
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    shown = f"data/{case.parent.name}/{case.name}"
    shutil.copy(case, tmp_path / shown)
    _, problems = load_catalog(tmp_path)
    expected = expected_problems(case)
    assert expected, f"{case} has no '# expect:' lines"
    assert [p.format() for p in sorted(problems)] == [f"{shown}:{line}" for line in expected]
