"""`playbook explain`: where a value in an edition comes from."""

from __future__ import annotations

import re
from typing import Any

from macros.catalog import Catalog
from macros.yamlfile import NodePath

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
    file, line, col = record.doc.locate(at)
    return value, f"{file}:{line}:{col}"
