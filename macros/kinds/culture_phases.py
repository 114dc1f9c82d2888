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
from macros.schema import identifier, integer, records, span, text, texts

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

KIND = Kind(name="culture-phases", title="Culture phases", singular="culture phase",
            schema=SCHEMA)
