"""Checks shared by several kinds: figures worked out from their inputs, ordered sequences.

A *stated figure* is a number the source gives as the result of others (count x rate, cost /
people). The record stores the inputs and the stated figure; `compare_figure` reports a
mismatch at the stated figure unless the record explains the gap under
`known_discrepancies.<figure>`, and reports that note as stale once the figures agree again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.kinds.base import _get, _num
from macros.problems import Problem
from macros.schema import Schema, dotted, text
from macros.yamlfile import Document, NodePath

ENDS = ("min", "max")


def discrepancies(*figures: str) -> Schema:
    """`known_discrepancies: {figure: why}`: the gaps between a source and its own inputs."""
    return {"type": "dict", "required": False, "meta": {
        "description": "Notes on stated figures that do not match their own inputs, by figure: "
                       "the page keeps the source's number and shows the worked-out one beside "
                       "it with the note (optional)."},
        "schema": {name: {**text(required=False), "meta": {
            "description": f"Why the stated {name} differs from what its inputs give "
                           "(optional: only while it does)."}} for name in figures}}


def compare_figure(doc: Document, figure: str, computed: dict[str, float], formula: str,
                   *, at: NodePath | None = None, tolerance: float = 0,
                   rule: str = "figure-mismatch") -> list[Problem]:
    """Compare the stated span (or number) at `at` (default: the top-level field `figure`)
    with `computed` {"min": .., "max": ..}; a note `known_discrepancies.<figure>` excuses a gap."""
    where: NodePath = at if at is not None else (figure,)
    stated = _get(doc.data, where)
    noted = figure in (doc.data.get("known_discrepancies") or {})
    wrong = [end for end, value in _ends(stated).items()
             if end in computed and abs(value - computed[end]) > tolerance + 1e-9]
    if wrong and not noted:
        end = wrong[0]
        spot = (*where, end) if isinstance(stated, dict) else where
        return [doc.problem(spot, f"{figure} is {_ends(stated)[end]:g} but {formula} gives "
                            f"{computed[end]:g}: correct the figure, or keep the source's number "
                            f"and explain the gap in `known_discrepancies.{figure}`", rule)]
    if noted and not wrong:
        return [doc.problem(("known_discrepancies", figure),
                            f"{figure} now matches {formula}: delete this note", rule)]
    return []


def _ends(value: Any) -> dict[str, float]:
    if isinstance(value, dict):
        return {end: value[end] for end in ENDS if _num(value.get(end))}
    return {"min": value, "max": value} if _num(value) else {}


def check_ascending(doc: Document, items: NodePath, key: Callable[[dict[str, Any]], Any],
                    field: NodePath, label: str, rule: str, *, strict: bool = False
                    ) -> list[Problem]:
    """Each item's `key(item)` must not be lower than the previous item's (`strict`: higher)."""
    seq = _get(doc.data, items)
    if not isinstance(seq, list):
        return []
    problems, previous = [], None
    for i, item in enumerate(seq):
        value = key(item) if isinstance(item, dict) else None
        if not _num(value):
            continue
        if previous is not None and (value < previous or (strict and value == previous)):
            word = "come after" if strict else "not be lower than"
            problems.append(doc.problem(
                (*items, i, *field),
                f"{label} {value:g} at {dotted((*items, i))!r} must {word} the previous "
                f"one ({previous:g}): put the items in order", rule))
        previous = value
    return problems


def check_consecutive_months(doc: Document, items: NodePath, label: str) -> list[Problem]:
    """Periods `{months: {min, max}}` follow each other without gaps or overlaps."""
    seq = _get(doc.data, items)
    if not isinstance(seq, list):
        return []
    problems = []
    for i in range(1, len(seq)):
        before, here = seq[i - 1].get("months", {}), seq[i].get("months", {})
        if _num(before.get("max")) and _num(here.get("min")) and \
                here["min"] != before["max"] + 1:
            problems.append(doc.problem(
                (*items, i, "months", "min"),
                f"{label} {dotted((*items, i))!r} starts in month {here['min']}, but the "
                f"previous one ends in month {before['max']}: it should start in month "
                f"{before['max'] + 1}", "months-order"))
    return problems


def check_grid(doc: Document, items: NodePath, axes: tuple[str, str],
               values: tuple[list[str], list[str]], label: str) -> list[Problem]:
    """A 2x2 (or larger) grid: every combination of the two axes appears exactly once."""
    seq = _get(doc.data, items)
    if not isinstance(seq, list):
        return []
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for i, cell in enumerate(seq):
        combo = (cell.get(axes[0]), cell.get(axes[1]))
        if combo in seen:
            problems.append(doc.problem(
                (*items, i), f"{label}: {axes[0]} {combo[0]} / {axes[1]} {combo[1]} appears "
                f"twice (also at item {seen[combo] + 1}): keep one", "grid-cells"))
        else:
            seen[combo] = i
    missing = [f"{axes[0]} {a} / {axes[1]} {b}" for a in values[0] for b in values[1]
               if (a, b) not in seen]
    if missing:
        problems.append(doc.problem(items, f"{label} has no cell for {'; '.join(missing)}: "
                                    "add one", "grid-cells"))
    return problems


def check_unique_ids(doc: Document, items: NodePath) -> list[Problem]:
    """Ids inside one record become anchors on its page, so each may appear only once."""
    seq = _get(doc.data, items)
    if not isinstance(seq, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for i, item in enumerate(seq):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        if item_id in first:
            problems.append(doc.problem(
                (*items, i, "id"), f"id {item_id!r} is already used by "
                f"{dotted((*items, first[item_id]))!r}: ids must be unique", "duplicate-id"))
        else:
            first[item_id] = i
    return problems
