"""Every optional field of every schema may be left out: what `check` accepts still renders.

The test walks the schemas themselves (every kind and the overlay), so a field added later is
covered without editing it. For each optional field (at any depth, list items included) it
takes the shipped data, leaves that field out of the first record that has it, and, if the
record still validates and passes its kind's checks, renders every page of every edition:
no renderer may then fail. `check` turns a renderer's failure into an `internal` problem, so
this is "check passes => build passes" for every optional field at once.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, ROOT, make_project

from macros.catalog import Record
from macros.editions.load import Project, load_project
from macros.editions.schema import SCHEMA as OVERLAY_SCHEMA
from macros.kinds import KINDS
from macros.kinds.base import check_ranges
from macros.schema import Schema, validate
from macros.site_check import check_project, check_site
from macros.yamlfile import Document


def optional_paths(schema: Schema, at: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Dotted paths of the optional fields of `schema`; `[]` stands for "any list item"."""
    for name, rules in schema.items():
        here = (*at, name)
        if not rules.get("required", False):
            yield here
        inner = rules.get("schema")
        if rules.get("type") == "dict" and isinstance(inner, dict):
            yield from optional_paths(inner, here)
        elif rules.get("type") == "list" and isinstance(inner, dict) and \
                inner.get("type") == "dict" and isinstance(inner.get("schema"), dict):
            yield from optional_paths(inner["schema"], (*here, "[]"))


def _holders(data: Any, path: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    """(container, key) pairs in `data` where `path` is present."""
    head, *rest = path
    if head == "[]":
        for item in data if isinstance(data, list) else []:
            yield from _holders(item, tuple(rest))
    elif isinstance(data, dict) and head in data:
        if rest:
            yield from _holders(data[head], tuple(rest))
        else:
            yield data, head


def without(data: Any, path: tuple[str, ...]) -> Any | None:
    """A copy of `data` without the first occurrence of `path`, or None if it has none."""
    changed = copy.deepcopy(data)
    for container, key in _holders(changed, path):
        del container[key]
        return changed
    return None


PROJECT = load_project(ROOT)
CASES = [(kind, path) for kind, spec in KINDS.items() for path in optional_paths(spec.schema)]


def test_the_walk_finds_fields_at_every_depth() -> None:
    assert len(CASES) > 40
    assert any(len(path) > 2 for _, path in CASES)
    assert ("pilot", "success") in set(optional_paths(OVERLAY_SCHEMA))


def _replace(project: Project, old: Record, new: Record) -> None:
    for catalog in [project.base, *(e.catalog for e in project.editions.values())]:
        if catalog.records[old.kind].get(old.id) is old:
            catalog.records[old.kind][old.id] = new


@pytest.mark.parametrize(("kind", "path"), CASES, ids=lambda v: ".".join(v)
                         if isinstance(v, tuple) else v)
def test_leaving_out_an_optional_record_field_still_renders(kind: str, path: tuple[str, ...]
                                                            ) -> None:
    for record in PROJECT.base.ordered(kind):
        data = without(record.data, path)
        if data is not None:
            break
    else:
        pytest.skip(f"no {kind} record in data/ has {'.'.join(path)}")
    doc = Document(record.doc.path, data, record.doc.value_marks, record.doc.key_marks)
    if validate(doc, KINDS[kind].schema) or any(check(doc) for check in
                                                 (check_ranges, *KINDS[kind].checks)):
        return  # check refuses it: nothing to build
    project = copy.copy(PROJECT)
    project.base = copy.copy(PROJECT.base)
    project.base.records = {k: dict(v) for k, v in PROJECT.base.records.items()}
    project.editions = {slug: copy.copy(e) for slug, e in PROJECT.editions.items()}
    for edition in project.editions.values():
        edition.catalog = copy.copy(edition.catalog)
        edition.catalog.records = {k: dict(v) for k, v in edition.catalog.records.items()}
    _replace(project, record, Record(kind, record.id, data, doc))
    internal = [p.format() for p in check_site(ROOT, project) if p.rule == "internal"]
    assert internal == []


OVERLAY_CASES = list(optional_paths(OVERLAY_SCHEMA))
OVERLAY = ROOT / "tests" / "hostile" / "org" / "acme.yml"  # uses every optional field


@pytest.mark.parametrize("path", OVERLAY_CASES, ids=".".join)
def test_leaving_out_an_optional_overlay_field_still_renders(path: tuple[str, ...],
                                                             tmp_path: Path) -> None:
    overlay = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    changed = without(overlay, path)
    assert changed is not None, f"add {'.'.join(path)} to {OVERLAY} so it is tested"
    project = make_project(tmp_path / "project")
    orgs = project / "data" / "orgs"
    shutil.copytree(EXAMPLES / "orgs" / "valid" / "acme", orgs / "acme")
    (orgs / "acme.yml").write_text(yaml.safe_dump(changed), encoding="utf-8")
    _, problems = check_project(project)
    assert [p.format() for p in problems if p.rule == "internal"] == []
