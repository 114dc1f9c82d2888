"""Quick starts: short rollout outlines, each echoing one of the full scaling templates.

Two groups: `option` (the three quick-start options) and `production` (the three production
templates with a fixed length). A valid record (`data/quick-starts/option-organic.yml`)::

    id: option-organic
    title: Organic scaling
    order: 3
    group: option
    style: Low cost
    timeline_months: {min: 12, max: 18}
    cost: {min: 50000, max: 100000}
    echoes: organic                       # a templates id
    steps:
      - months: {min: 1, max: 3}
        title: Pilot
      - months: {min: 4, max: 12}
        title: Champions and peer training
        share_pct: {min: 30, max: 40}     # optional: share of staff in this step
        details: [Champions teach their colleagues]
    trade_off: Costs less, adopts more slowly.
    milestones:                           # optional
      - {month: 18, adoption_pct: {min: 80}}

Checks beyond the schema: steps follow each other without gaps or overlaps, the last one ends
within the timeline, and milestone adoption never goes down.
"""

from __future__ import annotations

from macros.kinds.base import Kind, check_non_decreasing
from macros.kinds.common import check_consecutive_months
from macros.problems import Problem
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    percent,
    records,
    ref,
    span,
    text,
    texts,
)
from macros.yamlfile import Document

GROUPS = ["option", "production"]

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "group": {"type": "string", "required": True, "allowed": GROUPS},
    "style": text(),
    "timeline_months": span(integer(minimum=1)),
    "cost": span(integer()),
    "echoes": {**ref("templates"), "required": True},
    "steps": records({
        "months": span(integer(minimum=1)),
        "label": text(required=False),          # e.g. "Q2"; default "Months 4-6"
        "title": text(),
        "share_pct": span(percent(), required=False),
        "share_note": text(required=False),
        "details": texts(required=False),
    }),
    "trade_off": text(required=False),
    "milestones": records({"month": integer(minimum=1),
                           "adoption_pct": span(percent(), open_ended=True),
                           "note": text(required=False)}, required=False),
    "outcome": texts(required=False),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("quick start"),
    "group": "Which list the outline belongs in: the quick-start options or the production "
             "templates of a fixed length.",
    "style": "The outline's character in a few words, e.g. 'Low cost'.",
    "timeline_months": "How many months the outline takes.",
    "cost": "What it costs in total, in dollars.",
    "echoes": "The id of the full template (data/templates/) this outline follows.",
    "steps": "The steps, in order: each starts the month after the previous one ends, and the "
             "last ends within the timeline.",
    "steps.months": "The months the step covers.",
    "steps.label": "How to name the step's time instead of its months, e.g. 'Q2' (optional).",
    "steps.title": "What the step is, e.g. 'Pilot'.",
    "steps.share_pct": "The share of staff involved in the step, in percent (optional).",
    "steps.share_note": "Who is involved, in words, when there is no share_pct (optional).",
    "steps.details": "What happens in the step, one item each (optional).",
    "trade_off": "What the outline gives up for what it gains, in a sentence (optional).",
    "milestones": "Adoption milestones, in month order; adoption never goes down (optional).",
    "milestones.month": "The month of the milestone, counted from the start.",
    "milestones.adoption_pct": "The adoption expected by then, in percent.",
    "milestones.note": "More on the milestone (optional).",
    "outcome": "Where the organization stands at the end, one point per item (optional).",
})


def check_steps(doc: Document) -> list[Problem]:
    problems = check_consecutive_months(doc, ("steps",), "step")
    steps, limit = doc.data["steps"], doc.data["timeline_months"]["max"]
    last = steps[-1]["months"]["max"]
    if last > limit:
        problems.append(doc.problem(
            ("steps", len(steps) - 1, "months", "max"),
            f"the last step ends in month {last}, after the timeline's {limit} months: shorten "
            "the step or lengthen timeline_months", "timeline"))
    return problems + check_non_decreasing(doc, ("milestones",), "adoption_pct",
                                           "milestone adoption")


KIND = Kind(name="quick-starts", title="Quick starts", singular="quick start", schema=SCHEMA,
            checks=(check_steps,))
