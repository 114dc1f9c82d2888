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

SCHEMA = described(SCHEMA, {
    **basic_docs("wave"),
    "audience": "Who is in the wave, e.g. 'Early majority' (optional).",
    "functions": "The functions that join in this wave, e.g. 'Sales'.",
    "share_pct": "The share of the organization in this wave, in percent.",
    "weeks": "The weeks of the rollout the wave covers.",
    "focus": "What the wave concentrates on.",
    "message": "What to tell the people in this wave.",
    "strategy": "How to win this wave over (optional).",
    "outcome": "What the wave should leave behind.",
    "outcome_adoption_pct": "The adoption expected once the wave is done, in percent.",
    "go_no_go": "The checks to pass before the next wave starts.",
    "go_no_go.criterion": "What to check.",
    "go_no_go.threshold_pct": "The share, in percent, the check needs to reach (optional).",
    "decision_rule": "When to move on to the next wave, in a sentence or two (optional).",
})

KIND = Kind(name="waves", title="Rollout waves", singular="wave", schema=SCHEMA)
