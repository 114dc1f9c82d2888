"""Scenarios for choosing a template: an organization's situation, and the template it fits.

`signals` describe the situation in a few fixed words, so `macros.recommend` can compare them
with another organization's: the source's three factors (urgency, budget, risk tolerance), then
size and pilot, which are the playbook's own. A valid record (`data/scenarios/scenario-a.yml`)::

    id: scenario-a
    title: A fast-moving startup
    order: 1
    letter: A
    profile: A young company under pressure to move, with money to spend and a pilot that
      clearly worked.
    template: rapid
    signals: {urgency: high, budget: ample, risk_tolerance: high, size: small, pilot: proven}
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
from macros.schema import (
    basic_docs,
    described,
    identifier,
    integer,
    mapping,
    percent,
    ref,
    span,
    text,
)
from macros.yamlfile import Document

# Allowed words for each signal, from least to most (the order the guide shows them in).
# The source chooses a template by the first three; size and pilot are the playbook's own.
SIGNALS: dict[str, list[str]] = {
    "urgency": ["low", "moderate", "high"],
    "budget": ["limited", "solid", "ample"],
    "risk_tolerance": ["low", "medium", "high"],
    "size": ["small", "medium", "large"],
    "pilot": ["early", "solid", "proven"],
}
SOURCE_FACTORS = ("urgency", "budget", "risk_tolerance")


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

SCHEMA = described(SCHEMA, {
    **basic_docs("scenario"),
    "letter": "The scenario's letter, shown before its title, e.g. 'A'.",
    "profile": "The organization's situation, in a sentence or two.",
    "template": "The id of the template (data/templates/) the scenario calls for.",
    "signals": "The situation in fixed words, so the decision guide can compare it with "
               "another organization's.",
    "signals.urgency": "How urgently the organization needs to move.",
    "signals.budget": "How much money it has for scaling.",
    "signals.risk_tolerance": "How much risk it accepts on the way: with urgency and budget, "
                              "the source's factors for choosing a template.",
    "signals.size": "How big it is (the playbook's own signal, not one of the source's).",
    "signals.pilot": "How convincing its pilot was (the playbook's own signal).",
    "figures": "The key figures of the recommended plan.",
    "figures.timeline_months": "How many months the rollout takes.",
    "figures.budget": "Its budget, in dollars.",
    "figures.target_pct": "The adoption it aims for, in percent ('or more').",
    "figures.by_month": "The month by which the target is reached: within the timeline.",
    "why": "Why the template fits, one reason per item (optional).",
})


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
