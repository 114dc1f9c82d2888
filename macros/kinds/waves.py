"""Rollout waves: who joins when, what they are told and when to move on.

A valid record (`data/waves/wave-1.yml`)::

    id: wave-1
    title: High-ROI functions
    order: 1
    functions: [Sales, Marketing, Support]
    share_pct: {min: 30, max: 35}       # share of the organization in this wave
    weeks: {min: 1, max: 6}
    focus: Start where the time savings are largest.
    message: Early wins become the case studies for the next wave.
    outcome: Proven success and stories to tell.
    outcome_adoption_pct: {min: 30}     # no max: "30% or more"
    go_no_go:
      - criterion: Share of the wave that is trained
        threshold_pct: 70
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.schema import identifier, integer, percent, records, span, text, texts

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "audience": text(required=False),
    "functions": texts(),
    "share_pct": span(percent()),
    "weeks": span(integer(minimum=1)),
    "focus": text(),
    "message": text(),
    "strategy": text(required=False),
    "outcome": text(),
    "outcome_adoption_pct": span(percent(), open_ended=True),
    "go_no_go": records({"criterion": text(), "threshold_pct": percent(required=False)}),
    "decision_rule": text(required=False),
}

KIND = Kind(name="waves", title="Rollout waves", singular="wave", schema=SCHEMA)
