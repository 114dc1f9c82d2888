"""Support tiers: where people get help, from self-service up to the AI lead.

A valid record (`data/support-tiers/tier-2.yml`)::

    id: tier-2
    title: Help from a champion
    tier: 2
    who: Champions
    summary: A colleague who knows the tool answers and coaches.
    provides: [Coaching for individual users]
    champions_per_function: 1            # optional figures
    office_hours_per_week: {min: 2, max: 3}
    response_hours: 24                   # answered within this many hours
    escalates_to: tier-3                 # optional: the next tier up
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.problems import Problem
from macros.schema import basic_docs, described, identifier, integer, number, ref, span, text, texts
from macros.yamlfile import Document

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "tier": integer(minimum=1),
    "who": text(),
    "summary": text(),
    "provides": texts(),
    "champions_per_function": integer(required=False, minimum=1),
    "office_hours_per_week": span(number(), required=False),
    "response_hours": integer(required=False, minimum=1),
    "escalates_to": ref("support-tiers"),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("support tier", ordered=False),
    "tier": "The tier's level: 1 is the first place people go, higher tiers take what lower "
            "ones cannot answer. Tiers are listed in this order.",
    "who": "Who gives help at this tier, e.g. 'Champions'.",
    "summary": "What help the tier gives, in a sentence.",
    "provides": "What the tier provides, one item each.",
    "champions_per_function": "How many champions each function has (optional).",
    "office_hours_per_week": "Hours of office hours the tier holds a week (optional).",
    "response_hours": "Within how many hours a question gets an answer (optional).",
    "escalates_to": "The id of the next tier up (data/support-tiers/), never the tier itself "
                    "(optional).",
})


def check_escalation(doc: Document) -> list[Problem]:
    target = doc.data.get("escalates_to")
    if target is None or target != doc.data["id"]:
        return []
    return [doc.problem(("escalates_to",), "a tier cannot escalate to itself: name the next "
                        "tier up or delete the line", "reference")]


KIND = Kind(name="support-tiers", title="Support tiers", singular="support tier",
            schema=SCHEMA, checks=(check_escalation,), order_key="tier")
