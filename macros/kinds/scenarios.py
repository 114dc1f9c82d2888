"""Scenarios for choosing a template: an organization's situation, and the template it fits.

`signals` describe the situation in a few fixed words, so `macros.recommend` can compare them
with another organization's. A valid record (`data/scenarios/scenario-a.yml`)::

    id: scenario-a
    title: A fast-moving startup
    order: 1
    letter: A
    profile: A young company under pressure to move, with money to spend and a pilot that
      clearly worked.
    template: rapid
    signals: {urgency: high, budget: ample, size: small, pilot: proven}
    figures:
      timeline_months: {min: 3, max: 4}
      budget: 300000
      target_pct: 80          # "80% or more"
      by_month: 4

Checks beyond the schema: the target month falls within the timeline.
"""

from __future__ import annotations

from macros.kinds.base import Kind
from macros.problems import Problem
from macros.schema import identifier, integer, mapping, percent, ref, span, text
from macros.yamlfile import Document

# Allowed words for each signal, from least to most (the order the guide shows them in).
SIGNALS: dict[str, list[str]] = {
    "urgency": ["low", "moderate", "high"],
    "budget": ["limited", "solid", "ample"],
    "size": ["small", "medium", "large"],
    "pilot": ["early", "solid", "proven"],
}


def _choice(name: str) -> dict[str, object]:
    return {"type": "string", "required": True, "allowed": SIGNALS[name]}


SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "letter": {"type": "string", "required": True, "regex": r"^[A-Z]$",
               "meta": {"hint": "use one capital letter, e.g. 'A'"}},
    "profile": text(),
    "template": {**ref("templates"), "required": True},
    "signals": mapping({name: _choice(name) for name in SIGNALS}),
    "figures": mapping({
        "timeline_months": span(integer(minimum=1)),
        "budget": integer(),
        "target_pct": percent(),
        "by_month": integer(minimum=1),
    }),
    "why": {"type": "list", "required": False, "schema": text()},
}


def check_timeline(doc: Document) -> list[Problem]:
    figures = doc.data["figures"]
    timeline, month = figures["timeline_months"], figures["by_month"]
    if timeline["min"] <= month <= timeline["max"]:
        return []
    return [doc.problem(("figures", "by_month"),
                        f"the target month {month} is outside the timeline of months "
                        f"{timeline['min']}-{timeline['max']}: correct one of them", "timeline")]


KIND = Kind(name="scenarios", title="Scenarios", singular="scenario", schema=SCHEMA,
            checks=(check_timeline,))
