"""Recommend a scaling template from an organization's urgency, budget and risk tolerance (the
source's three factors), optionally also its size and pilot (the playbook's own signals).

Each scenario record describes a situation in the same words (`signals`). The scenario sharing
the most signals with the organization wins; among equals, the one whose other signals are
closest on each scale (low < moderate < high, ...) wins; then the one that matches the budget,
urgency, risk tolerance, size or pilot, in that order; then the first scenario. No MkDocs, no
I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.catalog import Catalog, Record
from macros.kinds.scenarios import SIGNALS, SOURCE_FACTORS

# When two scenarios are equally close, the signal listed first settles it.
PRIORITY = ("budget", "urgency", "risk_tolerance", "size", "pilot")
LABELS = {"urgency": "Urgency", "budget": "Budget", "risk_tolerance": "Risk tolerance",
          "size": "Size", "pilot": "Pilot"}


@dataclass(frozen=True)
class Recommendation:
    template: str        # id of a templates record
    scenario: str        # id of the scenarios record that matched best
    reasons: list[str]


def recommend(catalog: Catalog, urgency: str, budget: str, risk_tolerance: str,
              size: str | None = None, pilot: str | None = None) -> Recommendation:
    given = {"urgency": urgency, "budget": budget, "risk_tolerance": risk_tolerance}
    given |= {name: value for name, value in (("size", size), ("pilot", pilot))
              if value is not None}
    for name, value in given.items():
        if value not in SIGNALS[name]:
            raise ValueError(f"{name} must be one of {', '.join(SIGNALS[name])} "
                             f"(got {value!r})")
    scenarios = catalog.ordered("scenarios")
    if not scenarios:
        raise LookupError("there are no scenarios to compare with: add data/scenarios/*.yml")
    ranked = sorted(scenarios, key=lambda s: _rank(s, given))
    best = ranked[0]
    reasons = [_summary(best, given)]
    reasons += [_signal(best, name, value) for name, value in given.items()]
    runner_up = ranked[1] if len(ranked) > 1 else None
    if runner_up is not None and _matches(runner_up, given) == _matches(best, given):
        reasons.append(_tie(best, runner_up, given))
    return Recommendation(best.data["template"], best.id, reasons)


def _signals(scenario: Record) -> dict[str, str]:
    found: dict[str, str] = scenario.data["signals"]
    return found


def _matches(scenario: Record, given: dict[str, str]) -> int:
    return sum(_signals(scenario)[name] == value for name, value in given.items())


def _distance(scenario: Record, given: dict[str, str]) -> int:
    return sum(abs(SIGNALS[n].index(_signals(scenario)[n]) - SIGNALS[n].index(v))
               for n, v in given.items())


def _rank(scenario: Record, given: dict[str, str]) -> tuple[Any, ...]:
    by_priority = tuple(_signals(scenario)[n] != given[n] for n in PRIORITY if n in given)
    return (-_matches(scenario, given), _distance(scenario, given), by_priority,
            scenario.data["order"], scenario.id)


def _name(scenario: Record) -> str:
    return f"Scenario {scenario.data['letter']}"


def _summary(best: Record, given: dict[str, str]) -> str:
    return (f"{_name(best)} ({best.data['title']}) shares {_matches(best, given)} of "
            f"{len(given)} signals with your situation.")


def _signal(scenario: Record, name: str, value: str) -> str:
    theirs = _signals(scenario)[name]
    said = (f"{LABELS[name]} is {value}, as in {_name(scenario)}" if theirs == value else
            f"{LABELS[name]} is {value}, where {_name(scenario)} has {theirs}")
    return said + ("." if name in SOURCE_FACTORS else
                   " (a signal the playbook adds to the source's three).")


def _tie(best: Record, other: Record, given: dict[str, str]) -> str:
    if _distance(best, given) < _distance(other, given):
        why = "its other signals are closer to yours"
    else:
        decider = next((n for n in PRIORITY if n in given
                        and _signals(best)[n] == given[n] != _signals(other)[n]), None)
        why = f"it matches your {LABELS[decider].lower()}" if decider else \
            "it comes first in the guide"
    return (f"{_name(other)} shares as many signals; {_name(best)} is preferred because "
            f"{why}.")
