"""Culture phases: how the feel of AI adoption changes over the first year.

A valid record (`data/culture-phases/integration.yml`)::

    id: integration
    title: Integration
    order: 2
    months: {min: 4, max: 9}
    traits: [Using AI becomes routine]
    risk: Momentum can stall here.            # optional
    action: Start a recognition programme.    # optional
    sustain:                                  # optional: what keeps adoption going
      - {practice: Monthly recognition, detail: An award for the best AI use of the month}
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import basic_docs, described, identifier, integer, records, span, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "months": span(integer(minimum=1)),
    "summary": text(required=False),
    "traits": texts(),
    "risk": text(required=False),
    "action": text(required=False),
    "sustain": records({"practice": text(), "detail": text()}, required=False),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("culture phase"),
    "months": "The months of the first year the phase usually spans.",
    "summary": "What the phase feels like, in a sentence (optional).",
    "traits": "What people say and do in this phase, one trait per item.",
    "risk": "What can go wrong in this phase (optional).",
    "action": "What to do in this phase (optional).",
    "sustain": "Practices that keep adoption going through this phase (optional).",
    "sustain.practice": "The practice, e.g. 'Monthly recognition'.",
    "sustain.detail": "What it involves.",
})

KIND = Kind(name="culture-phases", title="Culture phases", singular="culture phase",
            schema=SCHEMA)
