"""What every data kind provides, and the checks that apply to all of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from macros.problems import Problem
from macros.schema import Schema, dotted, identifier
from macros.yamlfile import Document, NodePath

Check = Callable[[Document], list[Problem]]


# Every kind's records may list their former ids: their old pages become redirects.
ALIASES: Schema = {
    "type": "list", "required": False, "schema": identifier(),
    "meta": {"description": "Former ids of this record, after a rename: each old page "
                            "address keeps working as a redirect to this record's page "
                            "(optional)."}}


@dataclass(frozen=True)
class Kind:
    """A folder of records under `data/`, e.g. `data/bottlenecks/*.yml`."""

    name: str
    title: str
    singular: str
    schema: Schema
    checks: tuple[Check, ...] = field(default=())
    order_key: str = "order"

    def __post_init__(self) -> None:
        if "aliases" not in self.schema:
            object.__setattr__(self, "schema", {**self.schema, "aliases": ALIASES})


def walk(value: Any, at: NodePath = ()) -> Iterator[tuple[NodePath, Any]]:
    yield at, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*at, i))


def check_ranges(doc: Document) -> list[Problem]:
    """Every `{min, max}` range must have min <= max."""
    problems = []
    for at, value in walk(doc.data):
        if isinstance(value, dict) and _num(value.get("min")) and _num(value.get("max")) \
                and value["min"] > value["max"]:
            problems.append(doc.problem(
                (*at, "min"), f"{dotted(at)!r} runs from {value['min']} to {value['max']}: "
                "min must not be greater than max; swap them", "range-order"))
    return problems


def check_non_decreasing(doc: Document, items: NodePath, field_name: str,
                         label: str) -> list[Problem]:
    """Adoption never goes down: each item's `field_name.min` >= the previous one's."""
    seq = _get(doc.data, items)
    if not isinstance(seq, list):
        return []
    problems, previous = [], None
    for i, item in enumerate(seq):
        target = item.get(field_name) if isinstance(item, dict) else None
        low = target.get("min") if isinstance(target, dict) else None
        if not _num(low):
            continue
        if previous is not None and low < previous:
            problems.append(doc.problem(
                (*items, i, field_name, "min"),
                f"{label} goes down from {previous}% to {low}% at {dotted((*items, i))!r}: "
                "targets must never decrease from one period to the next", "target-order"))
        previous = low
    return problems


def _get(data: Any, at: NodePath) -> Any:
    for part in at:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
