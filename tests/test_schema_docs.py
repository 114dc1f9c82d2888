"""Every field of every schema says what it means (`meta.description`, shown by editors through
the JSON Schemas), and descriptions never change what validation accepts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, ROOT

from macros.editions.schema import SCHEMA as OVERLAY
from macros.kinds import KINDS
from macros.schema import Schema, described, fields_of, validate
from macros.yamlfile import load_file

SCHEMAS: dict[str, Schema] = {**{name: kind.schema for name, kind in KINDS.items()},
                              "orgs": OVERLAY}


def fields(schema: Schema, at: str = "") -> Iterator[tuple[str, Schema]]:
    """(dotted path, rules) of every field: nested mappings, the fields of list items, and the
    values of mappings checked with `valuesrules` (written `*`)."""
    for name, rules in schema.items():
        path = f"{at}.{name}" if at else name
        yield path, rules
        yield from _inside(rules, path)


def _inside(rules: Schema, path: str) -> Iterator[tuple[str, Schema]]:
    inner = fields_of(rules)
    if inner is not None:
        yield from fields(inner, path)
    values = rules.get("valuesrules")
    if isinstance(values, dict):
        yield f"{path}.*", values
        yield from _inside(values, f"{path}.*")


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_has_a_description(name: str) -> None:
    missing = [path for path, rules in fields(SCHEMAS[name])
               if not str(rules.get("meta", {}).get("description", "")).strip()]
    assert missing == [], f"{name}: fields without meta.description: {', '.join(missing)}"


def test_the_walk_sees_nested_fields() -> None:
    paths = {path for path, _ in fields(SCHEMAS["templates"])}
    assert {"budget.sections.lines.basis.factors", "phases.steps.people.max"} <= paths
    assert {"overrides.*", "overrides.*.*", "exclude.*"} <= {p for p, _ in fields(OVERLAY)}


def test_described_names_the_path_it_cannot_find() -> None:
    with pytest.raises(KeyError, match=r"'steps\.whenn'"):
        described({"steps": {"type": "list", "schema": {"type": "dict", "schema": {
            "when": {"type": "string"}}}}}, {"steps.whenn": "typo"})


def test_a_shared_building_block_gets_a_description_per_field() -> None:
    phase = SCHEMAS["templates"]["phases"]["schema"]["schema"]
    step = phase["steps"]["schema"]["schema"]
    assert phase["people"]["meta"]["description"] != step["people"]["meta"]["description"]


def _without_docs(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: ({k: v for k, v in item.items() if k not in ("title", "description")}
                      if key == "meta" and isinstance(item, dict) else _without_docs(item))
                for key, item in value.items()}
    return value


def _record_files() -> list[tuple[str, Path]]:
    """(schema name, file) for every shipped data file and every example."""
    found = []
    for base in (ROOT / "data", EXAMPLES / "valid", EXAMPLES / "invalid"):
        found += [(p.parent.name, p) for p in sorted(base.glob("*/*.yml"))
                  if p.parent.name in KINDS]
    for orgs in (ROOT / "data" / "orgs", *(EXAMPLES / "orgs" / s for s in ("valid", "invalid"))):
        found += [("orgs", p) for p in sorted(orgs.glob("*.yml"))]
        found += [(p.parent.name, p) for p in sorted(orgs.glob("*/*/*.yml"))]
    return found


def test_descriptions_do_not_change_validation() -> None:
    compared = 0
    for name, path in _record_files():
        doc, _ = load_file(path, path.name)
        if doc is None:
            continue
        with_docs = [p.format() for p in validate(doc, SCHEMAS[name])]
        assert with_docs == [p.format() for p in validate(doc, _without_docs(SCHEMAS[name]))]
        compared += 1
    assert compared > 100
