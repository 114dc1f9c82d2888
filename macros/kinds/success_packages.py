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
from macros.schema import identifier, integer, mapping, number, records, ref, text, texts

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

KIND = Kind(name="success-packages", title="Success story packages",
            singular="success package", schema=SCHEMA)
