"""What every data kind provides, and the checks that apply to all of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from macros.kinds.discrepancies import DISCREPANCIES, Relation, checker
from macros.kinds.own import OWN, check_own
from macros.problems import Problem
from macros.review import DEFAULT_REVIEW_DAYS, OWNER, REVIEWED, check_reviewed
from macros.schema import Schema, dotted, identifier
from macros.search import KEYWORDS
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
    # How often its pages must be reviewed (macros.review, `playbook check --stale`).
    review_every_days: int = DEFAULT_REVIEW_DAYS
    # Stated figures set against their inputs (macros.kinds.discrepancies).
    relations: tuple[Relation, ...] = field(default=())

    def __post_init__(self) -> None:
        if "aliases" not in self.schema:
            object.__setattr__(self, "schema", {**self.schema, "aliases": ALIASES})
        # Any record may name its owner and last review (macros.review), and search words.
        if "reviewed" not in self.schema:
            object.__setattr__(self, "schema", {**self.schema, "owner": OWNER,
                                                "reviewed": REVIEWED, "keywords": KEYWORDS})
            object.__setattr__(self, "checks", (*self.checks, check_reviewed))
        # Any record may mark values as the playbook's own (macros.kinds.own).
        if "own" not in self.schema:
            object.__setattr__(self, "schema", {**self.schema, "own": OWN})
            object.__setattr__(self, "checks", (*self.checks, check_own))
        # Any record may declare the source's inconsistencies; the relations check them.
        if "discrepancies" not in self.schema:
            object.__setattr__(self, "schema", {**self.schema, "discrepancies": DISCREPANCIES})
            object.__setattr__(self, "checks", (*self.checks, checker(self.relations)))


def walk(value: Any, at: NodePath = ()) -> Iterator[tuple[NodePath, Any]]:
    yield at, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*at, i))


def check_list_ids(doc: Document) -> list[Problem]:
    """In every list of items that carry an `id`, each id appears once: ids become section
    anchors, overlays change items by id, and a diff matches them by id."""
    problems = []
    for at, value in walk(doc.data):
        if not isinstance(value, list):
            continue
        first: dict[str, int] = {}
        for i, item in enumerate(value):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in first:
                problems.append(doc.problem(
                    (*at, i, "id"), f"id {item_id!r} is already used by "
                    f"{dotted((*at, first[item_id]))!r}: ids must be unique", "duplicate-id"))
            else:
                first[item_id] = i
    return problems


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
