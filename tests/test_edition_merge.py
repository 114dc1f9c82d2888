"""Overlays change one item of a nested list by id; the README's overlay examples, verbatim;
problems in a merged record blamed on the overlay line and its edition."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT

from macros.editions.load import load_edition
from macros.editions.merge import merge_record
from macros.kinds import KINDS
from macros.site_check import check_project
from macros.yamlfile import Document, load_text

BASE = """\
id: plan
budget:
  total: 300
  sections:
    - id: main
      title: Main
      lines:
        - {id: tools, item: Tools, amount: 100}
        - {id: people, item: People, amount: 150}
        - {id: spare, item: Spare, amount: 50}
"""


def doc(text: str, path: str) -> Document:
    loaded, problems = load_text(text, path)
    assert problems == [] and loaded is not None
    return loaded


def merged(overlay_text: str, base: str = BASE, schema: dict[str, Any] | None = None
           ) -> tuple[Document, list[str]]:
    overlay = doc(overlay_text, "data/orgs/acme.yml")
    changes = overlay.data["overrides"]["templates"]["plan"]
    result, problems = merge_record(doc(base, "data/templates/plan.yml"), changes,
                                    ("overrides", "templates", "plan"), overlay, schema)
    return result, [p.format() for p in problems]


def lines(result: Document) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = result.data["budget"]["sections"][0]["lines"]
    return found


def test_one_field_of_one_line_changes_by_id() -> None:
    result, problems = merged("""\
overrides:
  templates:
    plan:
      budget:
        sections:
          - id: main
            lines: [{id: people, amount: 120}]
""")
    assert problems == []
    assert lines(result) == [{"id": "tools", "item": "Tools", "amount": 100},
                             {"id": "people", "item": "People", "amount": 120},
                             {"id": "spare", "item": "Spare", "amount": 50}]
    at = ("budget", "sections", 0, "lines", 1)
    assert result.locate((*at, "amount")) == ("data/orgs/acme.yml", 7, 42)
    assert result.locate((*at, "item")) == ("data/templates/plan.yml", 9, 30)


def test_a_complete_item_with_a_new_id_is_added_at_the_end() -> None:
    result, problems = merged("""\
overrides:
  templates:
    plan:
      budget:
        sections:
          - id: main
            lines: [{id: travel, item: Travel, amount: 10}]
""")
    assert problems == []
    assert [line["id"] for line in lines(result)] == ["tools", "people", "spare", "travel"]
    assert result.locate(("budget", "sections", 0, "lines", 3, "item")) == (
        "data/orgs/acme.yml", 7, 40)


def test_an_unknown_id_without_the_fields_of_a_new_item_is_a_mistyped_id() -> None:
    result, problems = merged("""\
overrides:
  templates:
    plan:
      budget:
        sections:
          - id: main
            lines: [{id: peple, amount: 120}]
""")
    assert problems == [
        "data/orgs/acme.yml:7:26: error: there is no item 'peple' in budget.sections[0].lines: "
        "to change one, use its id (tools, people, spare); to add one, give its item too "
        "(edition acme) [overlay-id]"]
    assert [line["amount"] for line in lines(result)] == [100, 150, 50]


def test_a_new_item_needs_the_fields_the_schema_requires_not_every_field_of_the_others(
        ) -> None:
    noted = BASE.replace("}", ", note: a}")         # every base line has an optional note
    added = """\
overrides:
  templates:
    plan:
      budget:
        sections:
          - id: main
            lines: [{id: travel, item: Travel, amount: 10}]
"""
    result, problems = merged(added, noted, KINDS["templates"].schema)
    assert problems == []
    assert lines(result)[3] == {"id": "travel", "item": "Travel", "amount": 10}
    # Without the schema, the fields every line has are what a new line needs.
    _, problems = merged(added, noted)
    assert problems == [
        "data/orgs/acme.yml:7:26: error: there is no item 'travel' in budget.sections[0].lines: "
        "to change one, use its id (tools, people, spare); to add one, give its note too "
        "(edition acme) [overlay-id]"]


def test_remove_true_removes_an_item_and_later_items_keep_their_lines() -> None:
    result, problems = merged("""\
overrides:
  templates:
    plan:
      budget:
        sections:
          - id: main
            lines:
              - {id: tools, remove: true}
              - {id: spare, amount: 60}
              - {id: gone, remove: true}
""")
    assert problems == [
        "data/orgs/acme.yml:10:22: error: there is no item 'gone' in budget.sections[0].lines "
        "to remove: use one of its ids (tools, people, spare) (edition acme) [overlay-id]"]
    assert [line["id"] for line in lines(result)] == ["people", "spare"]
    at = ("budget", "sections", 0, "lines")
    assert result.locate((*at, 0, "amount")) == ("data/templates/plan.yml", 9, 46)
    assert result.locate((*at, 1, "amount")) == ("data/orgs/acme.yml", 9, 37)
    assert (*at, 2, "amount") not in result.value_marks


# ---- the README's overlay examples, as printed ----------------------------------------------

def readme_overlays() -> list[str]:
    """Every YAML block of the README that is an overlay (it overrides or excludes records)."""
    blocks = re.findall(r"^```yaml\n(.*?)^```$", (ROOT / "README.md").read_text(),
                        re.MULTILINE | re.DOTALL)
    return [block for block in blocks if isinstance(loaded := yaml.safe_load(block), dict)
            and set(loaded) & {"overrides", "exclude"}]


def test_the_readme_has_its_overlay_examples() -> None:
    assert len(readme_overlays()) == 2


def real_project(tmp_path: Path) -> Path:
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.mark.parametrize("block", readme_overlays(), ids=["first", "budget-by-id"])
def test_a_readme_overlay_example_passes_check_and_takes_effect(tmp_path: Path,
                                                                block: str) -> None:
    root = real_project(tmp_path)
    # A new organization (a copy of brightpath): excluding a record from an edition that
    # already published it would rightly be reported as a broken address.
    (root / "data" / "orgs" / "example.yml").write_text(
        (root / "data" / "orgs" / "brightpath.yml").read_text() + block)
    _, problems = check_project(root)
    assert [p.format() for p in problems] == []
    edition, _ = load_edition(root, "example")
    assert edition is not None
    rapid = edition.catalog.require("templates", "rapid").data
    changes = yaml.safe_load(block)["overrides"]["templates"]["rapid"]
    if "phases" in changes:
        assert rapid["phases"][0]["title"] == "Our first month"
    if "budget" in changes:
        assert rapid["budget"]["total"] == 280000
        assert [line["amount"] for line in rapid["budget"]["sections"][0]["lines"]] == [
            40000, 60000, 50000, 20000, 30000, 80000]


# ---- blame ----------------------------------------------------------------------------------

def test_a_problem_in_a_merged_value_names_the_overlay_line_and_the_edition(
        tmp_path: Path) -> None:
    root = real_project(tmp_path)
    overlay = root / "data" / "orgs" / "brightpath.yml"
    text = overlay.read_text()
    overlay.write_text(text + "overrides:\n  templates:\n    rapid:\n"
                       "      budget: {total: 280000}\n")
    line = text.count("\n") + 4
    _, problems = load_edition(root, "brightpath")
    stated = (ROOT / "data/templates/rapid.yml").read_text().split("\n").index(
        "      stated: 2000") + 1
    assert [p.format() for p in sorted(problems)] == [
        f"data/orgs/brightpath.yml:{line}:23: error: budget lines add up to 300000, but "
        "budget.total says 280000: correct a line amount or the total (edition brightpath) "
        "[budget-sum]",
        f"data/orgs/brightpath.yml:{line}:23: error: budget.per_person[0].stated is 2000 but "
        "budget.total / people = 280000 / 150 gives 1867: correct the figure or the head "
        "count, or keep the source's number and declare the gap under `discrepancies` with "
        'fields: ["budget.per_person[0].stated"] (edition brightpath, which changes this '
        f"record here; the value is at data/templates/rapid.yml:{stated}:15) [figure-mismatch]"]
