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
    outcome_adoption_pct: {min: 80}

Checks beyond the schema: phases follow each other month by month, and adoption targets never
go down (the final outcome included).
"""

from __future__ import annotations

from macros.kinds.base import Kind, check_non_decreasing
from macros.kinds.common import check_consecutive_months, check_unique_ids
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
    problems = check_unique_ids(doc, ("phases",))
    problems += check_consecutive_months(doc, ("phases",), "phase")
    problems += check_non_decreasing(doc, ("phases",), "adoption_pct", "phase adoption target")
    final, last = doc.data["outcome_adoption_pct"]["min"], doc.data["phases"][-1]
    if final < last["adoption_pct"]["min"]:
        problems.append(doc.problem(
            ("outcome_adoption_pct", "min"),
            f"the outcome ({final:g}%) is below the last phase's target "
            f"({last['adoption_pct']['min']:g}%): targets must never decrease", "target-order"))
    return problems


KIND = Kind(name="scaling-roadmap", title="Scaling roadmap", singular="scaling roadmap",
            schema=SCHEMA, checks=(check_phases,))
