"""Scaling-wave templates: a complete plan for taking a pilot to the whole organization.

A valid record, shortened (`data/templates/rapid.yml`; every list may hold more items)::

    id: rapid
    title: Rapid scaling
    order: 1
    summary: Go from pilot to most of the company in one quarter.
    pace: aggressive
    timeline_months: {min: 3, max: 4}
    budget_range: {min: 300000, max: 500000}
    risk_level: high
    when_to_use: [Competitors are moving fast]
    example:
      name: 150-person tech startup
      headcount: 150
      summary: A sales pilot convinced the leadership team.
      pilot: {team: Sales, people: 15, months: {min: 1, max: 3}, adoption_pct: 80}
      departments:
        - {id: sales, name: Sales, headcount: 15, phase: month-1}
    phases:
      - id: month-1
        title: Prepare and launch the first wave
        months: {min: 1, max: 1}
        waves: [wave-1]
        adoption_pct: {min: 25, max: 30}
        people: {min: 37, max: 45}          # stated head counts, checked against the example
        steps:
          - when: Week 1
            actions: [The CEO announces the rollout at an all-hands]
    support:
      - {period: Month 1, months: {min: 1, max: 1}, champions: {min: 3, max: 3}, lead_fte: 0.5}
    channels: [A chat channel watched during office hours]
    communications:
      cadence: weekly
      items:
        - {when: Week 1, message: Why this matters, purpose: CEO sets the direction}
    risks:
      - risk: Support cannot keep up
        mitigation: Over-staff the first two months
        contingency: Bring in an outside consultant
        bottleneck: support-overwhelmed
    targets:
      - {period: Month 1, month: 1, adoption_pct: {min: 25, max: 30}, daily_active_pct: 70}
    budget:
      total: 300000
      sections:
        - title: Line items
          lines:
            - {item: Contingency, amount: 300000}
    success_checklist: [Month 1 adoption reached]
    setup_prompt:
      text: "Plan a rapid rollout for [headcount] people."
      placeholders:
        - {name: headcount, label: Number of employees, source: headcount}
    outcome: Most of the company uses AI within four months.

Optional stated figures: `budget.per_person: [{stated: 333, people: 240, explain: ...}]` (cost
per person = total / people) and `example.champions.incentive_per_year` (count.min x quarterly
incentive x 4).

Checks beyond the schema: budget lines add up to section totals and to the total, a line's
`basis.factors` multiply to its amount (or the gap is recorded in `basis.known_discrepancy`),
adoption targets never go down, stated head counts match percent x example head count, and every
`[placeholder]` in the setup prompt is declared (and every declared one is used), and the
optional stated figures match their inputs.
"""

from __future__ import annotations

import math
import re
from typing import Any

from macros.kinds.base import Kind, check_non_decreasing
from macros.problems import Problem
from macros.schema import (
    identifier,
    integer,
    mapping,
    number,
    percent,
    records,
    ref,
    ref_list,
    span,
    text,
    texts,
)
from macros.yamlfile import Document, NodePath

# Facts an edition knows about its organization; a placeholder names the one that fills it.
PLACEHOLDER_SOURCES = [
    "org_name", "headcount", "pilot_adoption_pct", "pilot_team", "pilot_people",
    "pilot_monthly_value", "budget_available", "ai_tool", "departments", "champions_count",
    "risk_tolerance", "urgency", "start_month",
]
PLACEHOLDER = re.compile(r"\[([a-z][a-z0-9_]*)\]")

_PEOPLE = span(integer(), required=False, open_ended=True)
_ADOPTION = span(percent(), open_ended=True)

_BUDGET_LINE = {
    "item": text(),
    "amount": integer(),
    "note": text(required=False),
    "basis": mapping({
        "factors": {"type": "list", "required": True, "minlength": 2,
                    "schema": {"type": "number", "min": 0}},
        "explain": text(),
        "known_discrepancy": text(required=False),
    }, required=False),
}

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "pace": {"type": "string", "required": True, "allowed": ["aggressive", "balanced",
                                                              "organic"]},
    "timeline_months": span(integer(minimum=1)),
    "budget_range": span(integer()),
    "risk_level": {"type": "string", "required": True, "allowed": ["low", "medium", "high"]},
    "risk_note": text(required=False),
    "when_to_use": texts(),
    "example": mapping({
        "name": text(),
        "headcount": integer(minimum=1),
        "summary": text(),
        "pilot": mapping({
            "team": text(), "people": integer(minimum=1), "months": span(integer(minimum=1)),
            "adoption_pct": percent(), "hours_saved_per_week": number(required=False),
            "value_per_month": integer(required=False), "cost_per_month": integer(required=False),
            "champions": integer(required=False),
        }),
        "departments": records({"id": identifier(), "name": text(),
                                "headcount": integer(minimum=1),
                                "phase": identifier(required=False)}),
        "champions": mapping({
            "count": span(integer()), "share_pct": span(percent(), required=False),
            "incentive_per_quarter": integer(required=False),
            # stated yearly total: count.min x incentive_per_quarter x 4
            "incentive_per_year": integer(required=False),
            "training_hours": integer(required=False),
        }, required=False),
    }),
    "phases": records({
        "id": identifier(),
        "title": text(),
        "months": span(integer(minimum=1)),
        "waves": ref_list("waves"),
        "summary": text(required=False),
        "adoption_pct": _ADOPTION,
        "people": _PEOPLE,
        "steps": records({
            "when": text(), "actions": texts(),
            "adoption_pct": span(percent(), required=False, open_ended=True),
            "people": _PEOPLE,
        }, required=False),
    }),
    "support": records({
        "period": text(),
        "months": span(integer(minimum=1)),
        "champions": span(integer(), required=False, open_ended=True),
        "lead_fte": number(required=False),
        "notes": texts(required=False),
    }),
    "channels": texts(),
    "training": texts(required=False),
    "communications": mapping({
        "cadence": {"type": "string", "required": True, "allowed": ["weekly", "monthly"]},
        "items": records({"when": text(), "message": text(), "purpose": text()}),
    }),
    "risks": records({"risk": text(), "mitigation": text(), "contingency": text(),
                      "bottleneck": ref("bottlenecks")}),
    "metrics_tracked": texts(required=False),
    "targets": records({
        "period": text(),
        "month": integer(minimum=1),
        "adoption_pct": _ADOPTION,
        "daily_active_pct": percent(required=False),
        "value_per_month": integer(required=False),
        "cost_per_month": integer(required=False),
        "satisfaction_min": number(required=False),
    }),
    "budget": mapping({
        "total": integer(),
        "months": integer(required=False, minimum=1),
        "sections": records({"title": text(), "total": integer(required=False),
                             "lines": records(_BUDGET_LINE)}),
        # a stated cost per person: total / people, rounded to whole dollars
        "per_person": records({"stated": integer(), "people": integer(minimum=1),
                               "explain": text()}, required=False),
    }),
    "success_checklist": texts(),
    "setup_prompt": mapping({
        "text": text(),
        "placeholders": records({
            "name": {"type": "string", "required": True, "regex": r"^[a-z][a-z0-9_]*$",
                     "meta": {"hint": "use lowercase words joined by '_', e.g. 'headcount'"}},
            "label": text(),
            "source": {"type": "string", "allowed": PLACEHOLDER_SOURCES},
        }),
    }),
    "outcome": text(),
}


def check_budget(doc: Document) -> list[Problem]:
    budget = doc.data.get("budget", {})
    problems: list[Problem] = []
    grand = 0
    for s, section in enumerate(budget.get("sections", [])):
        subtotal = 0
        for i, line in enumerate(section.get("lines", [])):
            subtotal += line.get("amount", 0)
            problems += _check_basis(doc, ("budget", "sections", s, "lines", i), line)
        grand += subtotal
        if "total" in section and subtotal != section["total"]:
            problems.append(doc.problem(
                ("budget", "sections", s, "total"),
                f"budget section {section.get('title', s)!r} lines add up to {subtotal}, but its "
                f"total says {section['total']}: correct a line amount or the total",
                "budget-sum"))
    if "total" in budget and grand != budget["total"]:
        problems.append(doc.problem(
            ("budget", "total"),
            f"budget lines add up to {grand}, but budget.total says {budget['total']}: "
            "correct a line amount or the total", "budget-sum"))
    return problems


def _check_basis(doc: Document, at: NodePath, line: dict[str, Any]) -> list[Problem]:
    basis = line.get("basis")
    if not basis:
        return []
    computed = math.prod(basis["factors"])
    noted = "known_discrepancy" in basis
    if computed != line["amount"] and not noted:
        shown = " x ".join(f"{f:g}" for f in basis["factors"])
        return [doc.problem((*at, "amount"),
                            f"amount {line['amount']} does not match its basis {shown} = "
                            f"{computed:g}: correct the figure, or keep the source's number and "
                            "explain the gap in `basis.known_discrepancy`", "figure-mismatch")]
    if computed == line["amount"] and noted:
        return [doc.problem((*at, "basis", "known_discrepancy"),
                            "the amount now matches its basis: delete `known_discrepancy`",
                            "figure-mismatch")]
    return []


def check_stated_figures(doc: Document) -> list[Problem]:
    """`budget.per_person[].stated` = total / people (to the dollar); a champion incentive per
    year = fewest champions x incentive per quarter x 4."""
    problems = []
    total = doc.data["budget"]["total"]
    for i, item in enumerate(doc.data["budget"].get("per_person", [])):
        worked = total / item["people"]
        if abs(item["stated"] - worked) >= 1:
            problems.append(doc.problem(
                ("budget", "per_person", i, "stated"),
                f"{item['stated']} per person does not match budget.total / people = {total} / "
                f"{item['people']} = {worked:.0f}: correct the figure or the head count",
                "figure-mismatch"))
    champions = doc.data["example"].get("champions") or {}
    yearly, quarterly = champions.get("incentive_per_year"), champions.get("incentive_per_quarter")
    if yearly is not None:
        worked = champions["count"]["min"] * (quarterly or 0) * 4
        if yearly != worked:
            problems.append(doc.problem(
                ("example", "champions", "incentive_per_year"),
                f"incentive_per_year {yearly} does not match count.min x incentive_per_quarter "
                f"x 4 = {worked}: correct the figure or its inputs", "figure-mismatch"))
    return problems


def check_targets(doc: Document) -> list[Problem]:
    problems = check_non_decreasing(doc, ("phases",), "adoption_pct", "phase adoption target")
    problems += check_non_decreasing(doc, ("targets",), "adoption_pct", "adoption target")
    for p in range(len(doc.data.get("phases", []))):
        problems += check_non_decreasing(doc, ("phases", p, "steps"), "adoption_pct",
                                         "step adoption target")
    return problems


def check_head_counts(doc: Document) -> list[Problem]:
    """A stated head count must be the percentage of the example's head count, rounded down."""
    headcount = doc.data.get("example", {}).get("headcount")
    if not headcount:
        return []
    problems = []
    for p, phase in enumerate(doc.data.get("phases", [])):
        spots: list[tuple[NodePath, Any]] = [(("phases", p), phase)]
        spots += [(("phases", p, "steps", s), step) for s, step in
                  enumerate(phase.get("steps", []))]
        for at, item in spots:
            for end in ("min", "max"):
                pct = item.get("adoption_pct", {}).get(end)
                stated = (item.get("people") or {}).get(end)
                if pct is None or stated is None:
                    continue
                expected = math.floor(pct * headcount / 100)
                if stated != expected:
                    problems.append(doc.problem(
                        (*at, "people", end),
                        f"{stated} people does not match {pct:g}% of {headcount} = {expected}: "
                        "correct the head count or the percentage", "figure-mismatch"))
    return problems


def check_placeholders(doc: Document) -> list[Problem]:
    prompt = doc.data.get("setup_prompt", {})
    used = set(PLACEHOLDER.findall(prompt.get("text", "")))
    declared = [p.get("name") for p in prompt.get("placeholders", [])]
    problems = []
    for i, name in enumerate(declared):
        if name not in used:
            problems.append(doc.problem(
                ("setup_prompt", "placeholders", i, "name"),
                f"placeholder {name!r} is declared but [{name}] never appears in the prompt "
                "text: use it or delete it", "placeholder"))
    for name in sorted(used - set(declared)):
        problems.append(doc.problem(
            ("setup_prompt", "text"),
            f"[{name}] appears in the prompt text but is not declared: add "
            f"`- {{name: {name}, label: ...}}` under setup_prompt.placeholders", "placeholder"))
    return problems


KIND = Kind(name="templates", title="Scaling templates", singular="template", schema=SCHEMA,
            checks=(check_budget, check_targets, check_head_counts, check_placeholders,
                    check_stated_figures))
