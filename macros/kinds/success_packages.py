"""Success story packages: a proven practice written up so another team can repeat it.

The five parts follow the success-story package structure: context, approach, results, key
success factors and a scaling guide. A valid record (`data/success-packages/sales-pilot.yml`)::

    id: sales-pilot
    title: The sales team pilot
    order: 1
    summary: Fifteen sellers showed the value in three months.
    context:
      where: Sales team of a 150-person tech startup
      when: Months 1-3 of the programme
      who: 15 account executives and their manager
      conditions: [Leadership asked to expand right away]
    approach:
      actions: [Two hours of hands-on training in work time]
      resources: [One champion]
      timeline: Three months
    results:
      outcomes: [Eight in ten sellers use the assistant every week]
      metrics:
        - {label: Adoption in the team, value: 80, unit: percent}
      feedback: [Proposal drafts take half the time]
    key_success_factors:
      factors: [A visible sponsor]
      do_differently: [Measure the baseline first]
      essential: [Time set aside for training]
      nice_to_have: [A prompt library]
    scaling_guide:
      adapt: [Swap sales examples for the new team's own tasks]
      pitfalls: [Copying the sales prompts unchanged]
      resources: [The setup prompt of the rapid template]
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    mapping,
    number,
    records,
    ref,
    text,
    texts,
)

UNITS = ["percent", "people", "hours_per_week", "usd", "usd_per_month", "ratio", "count"]

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "template": ref("templates"),
    "context": mapping({"where": text(), "when": text(), "who": text(),
                        "conditions": texts()}),
    "approach": mapping({"actions": texts(), "resources": texts(), "timeline": text()}),
    "results": mapping({
        "outcomes": texts(),
        "metrics": records({"label": text(), "value": number(),
                            "unit": {"type": "string", "required": True, "allowed": UNITS}}),
        "feedback": texts(),
    }),
    "key_success_factors": mapping({"factors": texts(), "do_differently": texts(),
                                    "essential": texts(), "nice_to_have": texts()}),
    "scaling_guide": mapping({"adapt": texts(), "pitfalls": texts(), "resources": texts()}),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("success package"),
    "summary": "The story in a sentence.",
    "template": "The id of the template (data/templates/) the story followed (optional).",
    "context": "Part 1: where, when and with whom it happened.",
    "context.where": "Where it happened, e.g. the team and organization.",
    "context.when": "When it happened.",
    "context.who": "Who took part.",
    "context.conditions": "The conditions at the start, one per item.",
    "approach": "Part 2: what was done.",
    "approach.actions": "What was done, one action per item.",
    "approach.resources": "What it took, one resource per item.",
    "approach.timeline": "How long it took.",
    "results": "Part 3: what came of it.",
    "results.outcomes": "The outcomes, one per item.",
    "results.metrics": "The measured results.",
    "results.metrics.label": "What was measured.",
    "results.metrics.value": "The measured value, in the unit below.",
    "results.metrics.unit": "The value's unit.",
    "results.feedback": "What the people involved said, one item each.",
    "key_success_factors": "Part 4: what made it work.",
    "key_success_factors.factors": "What made it work, one factor per item.",
    "key_success_factors.do_differently": "What to do differently next time, one per item.",
    "key_success_factors.essential": "What another team cannot do without, one per item.",
    "key_success_factors.nice_to_have": "What helps but is not essential, one per item.",
    "scaling_guide": "Part 5: how another team can repeat it.",
    "scaling_guide.adapt": "What to adapt for another team, one per item.",
    "scaling_guide.pitfalls": "What to avoid, one pitfall per item.",
    "scaling_guide.resources": "What to reuse, one resource per item.",
})

KIND = Kind(name="success-packages", title="Success story packages",
            singular="success package", schema=SCHEMA)
