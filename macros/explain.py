"""`playbook explain`: where a value in an edition comes from."""

from __future__ import annotations

import re
from typing import Any

from macros.catalog import Catalog
from macros.kinds.discrepancies import covers, declarations
from macros.yamlfile import Document, NodePath

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_field_path(text: str) -> NodePath:
    """'budget.sections[0].lines[2].amount' -> ('budget', 'sections', 0, 'lines', 2, 'amount')."""
    parts: list[str | int] = []
    for name, index in _PART.findall(text):
        parts.append(int(index) if index else name)
    return tuple(parts)


def explain(catalog: Catalog, kind: str, record_id: str, field_path: str) -> tuple[Any, str]:
    """The final value at `field_path` of a record and the file:line:col that supplied it."""
    record = catalog.require(kind, record_id)
    at = parse_field_path(field_path)
    value: Any = record.data
    for part in at:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            raise KeyError(f"{kind}/{record_id} has no field {field_path!r}") from None
    return value, origins(record.doc, at)


def origins(doc: Document, at: NodePath) -> str:
    """Where the value at `at` comes from: 'file:line:col', or for a mapping or list that an
    overlay merged into, every file that contributed ('a.yml:3:3 and data/orgs/x.yml:9:7'),
    each at its first line inside the value."""
    file, line, col = doc.locate(at)
    found = {file: (line, col)}
    for path, mark in doc.value_marks.items():
        if len(path) > len(at) and path[:len(at)] == at:
            source = doc.sources.get(path, doc.path)
            found[source] = min(found.get(source, mark), mark)
    return " and ".join(f"{source}:{line}:{col}" for source, (line, col) in found.items())


def discrepancy_notes(catalog: Catalog, kind: str, record_id: str, field_path: str) -> list[str]:
    """The source's inconsistencies the record declares on (or around) the field, each with
    the line of its declaration (macros.kinds.discrepancies)."""
    record = catalog.require(kind, record_id)
    at = parse_field_path(field_path)
    notes = []
    for i, entry in enumerate(declarations(record.data)):
        if any(covers(parse_field_path(field), at) for field in entry["fields"]):
            file, line, col = record.doc.locate(("discrepancies", i))
            notes.append(f"discrepancy {entry['id']} ({file}:{line}:{col}): the source states "
                         f"{entry['stated']}, but its own figures give {entry['computed']}. "
                         f"{entry['keep']}")
    return notes
