"""A scaling roadmap: the rollout split into consecutive phases with adoption targets.

A valid record (`data/scaling-roadmap/12-month.yml`)::

    id: 12-month
    title: A 12-month scaling roadmap
    order: 1
    summary: From a pilot at 10% of staff to most of the organization in a year.
    phases:
      - id: pilot
        title: Pilot
        months: {min: 1, max: 3}
        adoption_pct: {min: 10, max: 10}
        users: {min: 20, max: 30}          # optional head count
        users_note: power users             # optional: what the head count counts
        points: [Deep training and daily support]
        outcome: The business case is proven.
      - id: consolidation
        title: Consolidation
        months: {min: 4, max: 12}
        adoption_pct: {min: 80}
        points: [Holdouts are encouraged to join]
        outcome: Most of the organization uses AI.
    outcome_adoption_pct: {min: 80}

Checks beyond the schema: phases follow each other month by month, adoption targets never
go down (the final outcome included), and the phases' head counts describe one organization:
the first phase with `users` gives its size (users / adoption), and each later phase's `users`
must be that size x its adoption; the last phase's target is the roadmap's outcome (each gap,
or the source's, declared under `discrepancies`).
"""

from __future__ import annotations

from typing import Any

from macros.kinds.base import Kind, check_non_decreasing
from macros.kinds.common import check_consecutive_months, compare, number_text
from macros.kinds.discrepancies import Figure
from macros.problems import Problem
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
from macros.yamlfile import Document

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "phases": records({
        "id": identifier(),
        "title": text(),
        "months": span(integer(minimum=1)),
        "adoption_pct": span(percent(), open_ended=True),
        "users": span(integer(minimum=1), required=False, open_ended=True),
        "users_note": text(required=False),
        "points": texts(),
        "outcome": text(),
    }),
    "outcome_adoption_pct": span(percent(), open_ended=True),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("scaling roadmap"),
    "summary": "Where the roadmap starts and ends, in a sentence.",
    "phases": "The phases, in order: each starts the month after the previous one ends, and "
              "adoption targets never go down.",
    "phases.id": "The phase's id, in kebab-case, unique in the roadmap.",
    "phases.title": "The phase's name.",
    "phases.months": "The months the phase covers, counted from the start.",
    "phases.adoption_pct": "The share of the organization using AI by the end of the phase, "
                           "in percent.",
    "phases.users": "How many people use AI by then (optional).",
    "phases.users_note": "What those people are, e.g. 'power users' (optional).",
    "phases.points": "What happens in the phase, one point per item.",
    "phases.outcome": "What the phase achieves.",
    "outcome_adoption_pct": "The adoption reached at the end of the roadmap, in percent: no "
                            "lower than the last phase's target.",
})


def check_phases(doc: Document) -> list[Problem]:
    problems = check_consecutive_months(doc, ("phases",), "phase")
    problems += check_non_decreasing(doc, ("phases",), "adoption_pct", "phase adoption target")
    final, last = doc.data["outcome_adoption_pct"]["min"], doc.data["phases"][-1]
    if final < last["adoption_pct"]["min"]:
        problems.append(doc.problem(
            ("outcome_adoption_pct", "min"),
            f"the outcome ({final:g}%) is below the last phase's target "
            f"({last['adoption_pct']['min']:g}%): targets must never decrease", "target-order"))
    return problems


def head_counts(data: dict[str, Any]) -> list[Figure]:
    """Each phase's users against the organization size the first counted phase implies."""
    counted = [(i, p) for i, p in enumerate(data["phases"]) if p.get("users")]
    if not counted:
        return []
    first = counted[0][1]
    size = {end: first["users"][end] * 100 / first["adoption_pct"][end]
            for end in ("min", "max") if end in first["users"] and end in first["adoption_pct"]}
    found = []
    for i, phase in counted[1:]:
        pct = phase["adoption_pct"]
        found += compare(data, ("phases", i, "users"),
                         {end: size[end] * pct.get(end, pct["min"]) / 100 for end in size},
                         f"{first['id']}'s organization of {_span(size)} people x "
                         f"{pct['min']:g}%")
    return found


def last_phase(data: dict[str, Any]) -> list[Figure]:
    """The last phase's target is where the roadmap ends (an outcome below it is a
    `target-order` problem already)."""
    last = len(data["phases"]) - 1
    if data["outcome_adoption_pct"]["min"] < data["phases"][last]["adoption_pct"]["min"]:
        return []
    return compare(data, ("phases", last, "adoption_pct"), data["outcome_adoption_pct"],
                   "outcome_adoption_pct")


def _span(value: dict[str, float]) -> str:
    return "-".join(dict.fromkeys(number_text(v) for v in value.values()))


KIND = Kind(name="scaling-roadmap", title="Scaling roadmap", singular="scaling roadmap",
            schema=SCHEMA, checks=(check_phases,), relations=(head_counts, last_phase))
