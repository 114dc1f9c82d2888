"""Rollout waves: who joins when, what they are told and when to move on.

A valid record (`data/waves/wave-2.yml`)::

    id: wave-2
    title: Early majority
    order: 2
    functions: [Finance, Product, Operations]
    share_pct: {min: 25, max: 30}       # share of the organization in this wave
    weeks: {min: 7, max: 14}
    focus: Build on the first wave's results.
    message: Wave 1 is working, so now it is your turn.   # optional
    outcome: Adoption climbs and momentum builds.
    outcome_adoption_pct: {min: 60, max: 65}   # optional; no max means "or more"
    go_no_go:                                  # optional
      - criterion: Share of the wave that is trained
        threshold_pct: 80
        measure: trained                       # optional: trained or active
      - criterion: Share of the wave using AI regularly
        threshold_pct: 60
        measure: active
    decision_rule: Go on once 60% of the wave is active.   # optional
    active_pct: 60                             # optional: the 'active' threshold above
    criteria_met_pct: 50                       # optional: a whole number of the criteria
    own:                                       # optional, on any record: not the source's
      - fields: [go_no_go]
        why: The exercise sets no checks between waves; these come from the phased template.

Checks beyond the schema (as relations, macros.kinds.discrepancies): `active_pct` is the
threshold of the go/no-go check that counts active people, and `criteria_met_pct` of the
go/no-go criteria is a whole number of them.
"""

from __future__ import annotations

from typing import Any

from macros.kinds.base import Kind
from macros.kinds.common import compare, number_text
from macros.kinds.discrepancies import Figure
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    percent,
    records,
    span,
    text,
    texts,
)
from macros.yamlfile import NodePath

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "audience": text(required=False),
    "functions": texts(),
    "share_pct": span(percent()),
    "weeks": span(integer(minimum=1)),
    "focus": text(),
    "message": text(required=False),
    "strategy": text(required=False),
    "outcome": text(),
    "outcome_adoption_pct": span(percent(), required=False, open_ended=True),
    "go_no_go": records({"criterion": text(), "threshold_pct": percent(required=False),
                         "measure": {"type": "string", "required": False,
                                     "allowed": ["trained", "active"]}},
                        required=False),
    "decision_rule": text(required=False),
    "active_pct": percent(required=False),
    "criteria_met_pct": percent(required=False),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("wave"),
    "audience": "Who is in the wave, e.g. 'Early majority' (optional).",
    "functions": "The functions that join in this wave, e.g. 'Sales'.",
    "share_pct": "The share of the organization in this wave, in percent.",
    "weeks": "The weeks of the rollout the wave covers.",
    "focus": "What the wave concentrates on.",
    "message": "What to tell the people in this wave (optional: the source gives none for "
               "some waves).",
    "strategy": "How to win this wave over (optional).",
    "outcome": "What the wave should leave behind.",
    "outcome_adoption_pct": "The adoption expected once the wave is done, in percent "
                            "(optional: only where the source states one).",
    "go_no_go": "The checks to pass before the next wave starts (optional).",
    "go_no_go.criterion": "What to check.",
    "go_no_go.threshold_pct": "The share, in percent, the check needs to reach (optional).",
    "go_no_go.measure": "What the threshold counts (optional): 'active' for people using AI "
                        "regularly, 'trained' for people who have been trained. The "
                        "'active' one must match active_pct.",
    "decision_rule": "When to move on to the next wave, in a sentence or two (optional).",
    "active_pct": "The share of the wave, in percent, that the decision rule wants active "
                  "before the next wave starts (optional): it must match the threshold of "
                  "the go_no_go check whose measure is 'active'.",
    "criteria_met_pct": "The share of the go_no_go criteria, in percent, that the worked "
                        "example met when it decided to go on (optional): it must come to a "
                        "whole number of criteria.",
})


def go_rule(data: dict[str, Any]) -> list[Figure]:
    """The share the decision rule wants active is the threshold of the 'active' check."""
    if "active_pct" not in data:
        return []
    found = []
    for i, check in enumerate(data.get("go_no_go", [])):
        if check.get("measure") == "active" and "threshold_pct" in check:
            found += compare(data, ("active_pct",),
                             {"min": check["threshold_pct"], "max": check["threshold_pct"]},
                             f"go_no_go[{i}].threshold_pct (people active)")
    return found


def criteria_met(data: dict[str, Any]) -> list[Figure]:
    """A share of the go/no-go criteria met is a whole number of them."""
    if "criteria_met_pct" not in data or not data.get("go_no_go"):
        return []
    share, count = data["criteria_met_pct"], len(data["go_no_go"])
    met = share * count / 100
    at: NodePath = ("criteria_met_pct",)
    return [Figure(at, f"criteria_met_pct is {number_text(share)}",
                   f"{number_text(share)}% of the {count} go_no_go criteria gives "
                   f"{number_text(met)}", abs(met - round(met)) < 1e-9,
                   fix="give a share that is a whole number of criteria")]

KIND = Kind(name="waves", title="Rollout waves", singular="wave", schema=SCHEMA,
            relations=(go_rule, criteria_met))
