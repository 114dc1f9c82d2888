"""Try it now: the first concrete steps once a template is chosen, and how to tell they worked.

A valid record (`data/try-it-now/first-steps.yml`)::

    id: first-steps
    title: Start scaling this week
    order: 1
    summary: Seven moves that turn the choice of a template into a running rollout.
    steps:
      - {verb: Review, action: Check the pilot really succeeded.}
      - {verb: Choose, action: Pick the template that fits your timeline and budget.}
    success_metrics:
      - The template fits your urgency and budget.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, records, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "steps": records({"verb": text(), "action": text()}),
    "success_metrics": texts(),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("first-steps list"),
    "summary": "What the steps get you, in a sentence.",
    "steps": "The steps, in order.",
    "steps.verb": "The step in one word, shown in bold, e.g. 'Review'.",
    "steps.action": "What to do.",
    "success_metrics": "How to tell the steps worked, one sign per item.",
})

KIND = Kind(name="try-it-now", title="Try it now", singular="first-steps list", schema=SCHEMA)
