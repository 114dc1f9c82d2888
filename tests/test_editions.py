"""Overlays: each merge rule, the overlay's own checks, and `explain`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, expected_problems

from macros.editions.load import Edition, load_edition
from macros.explain import explain

ORGS = EXAMPLES / "orgs"


def project(tmp_path: Path, overlay: Path) -> Path:
    shutil.copytree(EXAMPLES / "valid", tmp_path / "data")
    (tmp_path / "data" / "orgs").mkdir()
    shutil.copy(overlay, tmp_path / "data" / "orgs" / overlay.name)
    own = overlay.with_suffix("")
    if own.is_dir():
        shutil.copytree(own, tmp_path / "data" / "orgs" / own.name)
    return tmp_path


@pytest.fixture
def acme(tmp_path: Path) -> Edition:
    edition, problems = load_edition(project(tmp_path, ORGS / "valid" / "acme.yml"), "acme")
    assert [p.format() for p in problems] == []
    assert edition is not None
    return edition


def test_override_replaces_a_scalar_by_kind_and_id(acme: Edition) -> None:
    assert acme.catalog.require("templates", "steady").data["title"] == "Acme's steady plan"


def test_nested_records_merge_by_id_not_position(acme: Edition) -> None:
    phases = acme.catalog.require("templates", "steady").data["phases"]
    assert [p["id"] for p in phases] == ["first", "second", "third"]
    assert phases[1]["title"] == "The second wave, Acme style"
    assert phases[1]["months"] == {"min": 6, "max": 9}      # untouched fields stay
    assert phases[2]["title"] == "A third wave of our own"   # new id: appended


def test_plain_lists_are_replaced_and_null_deletes(acme: Edition) -> None:
    data = acme.catalog.require("templates", "steady").data
    assert data["when_to_use"] == ["Only this one reason."]
    assert "risk_note" not in data


def test_own_records_are_added_and_excluded_ones_leave(acme: Edition) -> None:
    assert acme.catalog.get("bottlenecks", "acme-only") is not None
    assert acme.catalog.get("bottlenecks", "hostile-input") is None
    assert acme.catalog.excluded == {"bottlenecks": {"hostile-input": "data/orgs/acme.yml:37:17"}}
    with pytest.raises(KeyError, match=r"excluded from this edition by data/orgs/acme.yml:37:17"):
        acme.catalog.require("bottlenecks", "hostile-input")


def test_the_base_catalog_is_not_changed_by_an_edition(tmp_path: Path) -> None:
    root = project(tmp_path, ORGS / "valid" / "acme.yml")
    load_edition(root, "acme")
    from macros.catalog import load_catalog
    catalog, _ = load_catalog(root)
    assert catalog.require("templates", "steady").data["title"] == "Steady test template"


def test_explain_names_the_file_and_line_that_supplied_a_value(acme: Edition) -> None:
    assert explain(acme.catalog, "templates", "steady", "title") == (
        "Acme's steady plan", "data/orgs/acme.yml:22:14")
    assert explain(acme.catalog, "templates", "steady", "phases[1].months.max") == (
        9, "data/templates/steady.yml:32:27")
    assert explain(acme.catalog, "templates", "steady", "phases[2].adoption_pct.min") == (
        85, "data/orgs/acme.yml:32:31")
    with pytest.raises(KeyError, match="has no field 'nope'"):
        explain(acme.catalog, "templates", "steady", "nope")


@pytest.mark.parametrize("case", sorted((ORGS / "invalid").glob("*.yml")), ids=lambda p: p.stem)
def test_invalid_overlay_reports_exact_problems(case: Path, tmp_path: Path) -> None:
    edition, problems = load_edition(project(tmp_path, case), case.stem)
    assert edition is None
    assert [p.format() for p in sorted(problems)] == expected_problems(case)


def test_symlinks_are_refused(tmp_path: Path) -> None:
    root = project(tmp_path, ORGS / "valid" / "acme.yml")
    orgs = root / "data" / "orgs"
    os.symlink(orgs / "acme.yml", orgs / "linked.yml")
    _, problems = load_edition(root, "linked")
    assert [p.format() for p in problems] == [
        "data/orgs/linked.yml:1:1: error: overlay data/orgs/linked.yml is a symbolic link: "
        "copy the file instead [overlay-file]"]
    (orgs / "acme" / "logo.png").unlink()
    os.symlink("/etc/hostname", orgs / "acme" / "logo.png")
    _, problems = load_edition(root, "acme")
    assert [p.format() for p in sorted(problems)] == [
        "data/orgs/acme.yml:17:48: error: logo 'logo.png' must be a regular file in "
        "data/orgs/acme/ (not a link): add the image there [overlay-file]",
        "data/orgs/acme/logo.png:1:1: error: this is a symbolic link, and links are not "
        "followed: replace it with a copy of the file or folder it points to [symlink]"]
