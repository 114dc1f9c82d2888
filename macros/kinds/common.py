"""Checks shared by several kinds: figures worked out from their inputs, ordered sequences.

A *stated figure* is a number the source gives as the result of others (count x rate, cost /
people). The record stores the inputs and the stated figure; `compare` sets the two against
each other as a `Figure`, which `macros.kinds.discrepancies` reports unless the record declares
the gap (and reports the declaration once the figures agree again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.kinds.base import _get, _num
from macros.kinds.discrepancies import Figure
from macros.problems import Problem
from macros.schema import dotted
from macros.yamlfile import Document, NodePath

ENDS = ("min", "max")


def compare(data: dict[str, Any], at: NodePath, computed: dict[str, float], formula: str,
            *, tolerance: float = 0, rule: str = "figure-mismatch") -> list[Figure]:
    """The stated span (or number) at `at` against `computed` {"min": .., "max": ..}: a
    mismatch names the first end that differs."""
    stated = _ends(_get(data, at))
    ends = [end for end in ENDS if end in stated and end in computed]
    if not ends:
        return []
    wrong = [end for end in ends if abs(stated[end] - computed[end]) > tolerance + 1e-9]
    if not wrong:
        return [Figure(at, f"{dotted(at)} is {_show(stated, ends)}",
                       f"{formula} gives {_show(computed, ends)}", True, rule=rule)]
    end = wrong[0]
    spot = (*at, end) if isinstance(_get(data, at), dict) else at
    return [Figure(at, f"{dotted(at)} is {number_text(stated[end])}",
                   f"{formula} gives {number_text(computed[end])}", False, spot, rule)]


def _show(values: dict[str, float], ends: list[str]) -> str:
    shown = dict.fromkeys(number_text(values[end]) for end in ends)
    return "-".join(shown)


def number_text(value: float) -> str:
    """4500000.0 -> '4500000', 6.6667 -> '6.667': whole numbers in full, others to 4 digits."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


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
