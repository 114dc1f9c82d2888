"""The measurement framework: what to track while scaling, and what counts as success.

A valid record (`data/measurement/framework.yml`)::

    id: framework
    title: Measuring scaling progress
    order: 1
    summary: Four families of metrics, tracked every month.
    categories:
      - id: adoption
        title: Adoption
        question: Are people using it?
        metrics:
          - {metric: Share of staff who are active users, trend: up}
          - {metric: Adoption by function}        # trend is optional
    success_criteria:
      - {criterion: More than half of staff use AI, by_month: 6, adoption_above_pct: 50}
      - {criterion: Support load stays manageable}

Checks beyond the schema: category ids are unique, and success criteria with an adoption
threshold come in month order with thresholds that never go down.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.kinds.common import check_ascending
from macros.problems import Problem
from macros.schema import basic_docs, described, identifier, integer, percent, records, text
from macros.yamlfile import Document

TRENDS = ["up", "down", "peak-then-down"]

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "categories": records({
        "id": identifier(),
        "title": text(),
        "question": text(),
        "metrics": records({"metric": text(),
                            "trend": {"type": "string", "allowed": TRENDS},
                            "note": text(required=False)}),
    }),
    "success_criteria": records({
        "criterion": text(),
        "by_month": integer(required=False, minimum=1),
        "adoption_above_pct": percent(required=False),
    }),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("measurement framework"),
    "summary": "What the framework measures, in a sentence.",
    "categories": "The families of metrics to track.",
    "categories.id": "The category's id, in kebab-case: its anchor on the page, unique in the "
                     "framework.",
    "categories.title": "The category's name, e.g. 'Adoption'.",
    "categories.question": "The question the category answers, e.g. 'Are people using it?'.",
    "categories.metrics": "The metrics in the category.",
    "categories.metrics.metric": "What to measure.",
    "categories.metrics.trend": "Which way the metric should move while scaling (optional).",
    "categories.metrics.note": "More on the metric, e.g. how to measure it (optional).",
    "success_criteria": "What counts as success. Criteria with an adoption threshold come in "
                        "month order, with thresholds that never go down.",
    "success_criteria.criterion": "The criterion, in a sentence.",
    "success_criteria.by_month": "The month, counted from the start, by which it should be met "
                                 "(optional).",
    "success_criteria.adoption_above_pct": "The adoption, in percent, it requires (optional).",
})


def check_criteria(doc: Document) -> list[Problem]:
    def dated(item: dict[str, object]) -> object:
        return item.get("by_month") if "adoption_above_pct" in item else None

    criteria = ("success_criteria",)
    return (check_ascending(doc, criteria, dated, ("by_month",), "month", "months-order")
            + check_ascending(doc, criteria, lambda c: c.get("adoption_above_pct"),
                              ("adoption_above_pct",), "adoption threshold", "target-order"))


KIND = Kind(name="measurement", title="Measurement", singular="measurement framework",
            schema=SCHEMA, checks=(check_criteria,))
