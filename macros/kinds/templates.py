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
    basic_docs,
    described,
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

SCHEMA = described(SCHEMA, {
    **basic_docs("template"),
    "summary": "What the template does, in a sentence or two: shown under the title and "
               "wherever the template is embedded.",
    "pace": "How fast the template moves. Editions rank an organization's budget against the "
            "budget ranges of the aggressive and balanced templates.",
    "timeline_months": "How many months the whole rollout takes.",
    "budget_range": "What the rollout typically costs in total, in dollars.",
    "risk_level": "How risky the template is, as shown in its at-a-glance table.",
    "risk_note": "What makes the template risky, in a sentence (optional).",
    "when_to_use": "The situations the template suits, one per item.",
    "example": "The practice scenario: an organization whose pilot convinced it to scale. The "
               "page works out head counts and costs per person from it.",
    "example.name": "A short name for the example organization, e.g. '150-person tech startup'.",
    "example.headcount": "How many people work in the example organization: adoption "
                         "percentages become head counts from it.",
    "example.summary": "A sentence or two that sets the scene.",
    "example.pilot": "The pilot that started it: team, size, length and results.",
    "example.pilot.team": "The team that ran the pilot, e.g. 'Sales'.",
    "example.pilot.people": "How many people took part in the pilot.",
    "example.pilot.months": "The months the pilot ran, counted from month 1.",
    "example.pilot.adoption_pct": "The share of the pilot team using AI at its end, in percent.",
    "example.pilot.hours_saved_per_week": "Hours each pilot user saved a week (optional).",
    "example.pilot.value_per_month": "The value the pilot produced each month, in dollars "
                                     "(optional; shown with cost_per_month).",
    "example.pilot.cost_per_month": "What the AI tool cost each month during the pilot, in "
                                    "dollars (optional; shown with value_per_month).",
    "example.pilot.champions": "How many champions the pilot found (optional).",
    "example.departments": "The example organization's departments, and when each joins.",
    "example.departments.id": "The department's id, in kebab-case.",
    "example.departments.name": "The department's name, as the table shows it.",
    "example.departments.headcount": "How many people work in the department.",
    "example.departments.phase": "The id of the phase (under phases) in which the department "
                                 "joins (optional: leave it out for the pilot team).",
    "example.champions": "The example's champion network (optional).",
    "example.champions.count": "How many champions there are.",
    "example.champions.share_pct": "Champions as a share of the organization, in percent "
                                   "(optional).",
    "example.champions.incentive_per_quarter": "What each champion receives a quarter, in "
                                               "dollars (optional).",
    "example.champions.incentive_per_year": "The yearly incentive cost the source states, in "
                                            "dollars (optional): it must equal count.min x "
                                            "incentive_per_quarter x 4.",
    "example.champions.training_hours": "Hours of training each champion gets (optional).",
    "phases": "The plan, phase by phase, in order; each phase has its own section.",
    "phases.id": "The phase's id, in kebab-case: its section's anchor is #phase-<id>, and "
                 "example.departments name it.",
    "phases.title": "The phase's heading.",
    "phases.months": "The months the phase covers, counted from the start of the rollout.",
    "phases.waves": "The ids of the rollout waves (data/waves/) that join in this phase "
                    "(optional).",
    "phases.summary": "What the phase achieves, in a sentence (optional).",
    "phases.adoption_pct": "The share of the organization using AI at the end of the phase, in "
                           "percent. Targets never go down from one phase to the next.",
    "phases.people": "The head counts the source states for the target (optional): each must "
                     "be the percentage of example.headcount, rounded down.",
    "phases.steps": "What happens when, within the phase (optional).",
    "phases.steps.when": "When the step happens, e.g. 'Week 1'.",
    "phases.steps.actions": "What to do, one action per item.",
    "phases.steps.adoption_pct": "The adoption target at the end of the step, in percent "
                                 "(optional).",
    "phases.steps.people": "The head counts the source states for the step's target "
                           "(optional): the percentage of example.headcount, rounded down.",
    "support": "The support structure, one row per period.",
    "support.period": "The period's name, e.g. 'Month 1'.",
    "support.months": "The months the period covers.",
    "support.champions": "How many champions are active in the period (optional).",
    "support.lead_fte": ("Lead FTE", "How much of the AI lead's time the period takes, in "
                         "full-time equivalents: 0.5 is half time (optional)."),
    "support.notes": "Notes on the period, one per item (optional).",
    "channels": "Where people get help: chat channels, office hours and the like.",
    "training": "The training on offer, one item each (optional).",
    "communications": "The communication calendar.",
    "communications.cadence": "How often the rollout communicates.",
    "communications.items": "The planned messages, in the order they go out.",
    "communications.items.when": "When the message goes out, e.g. 'Week 1'.",
    "communications.items.message": "What the message says.",
    "communications.items.purpose": "Why it is sent, and by whom.",
    "risks": "What can go wrong, how to prevent it and what to do if it happens anyway.",
    "risks.risk": "What can go wrong.",
    "risks.mitigation": "How to make it less likely or less harmful.",
    "risks.contingency": "What to do if it happens anyway.",
    "risks.bottleneck": "The id of the bottleneck fix (data/bottlenecks/) that deals with it "
                        "(optional).",
    "metrics_tracked": "What to track along the way, one metric per item (optional).",
    "targets": "The targets, period by period. Adoption targets never go down.",
    "targets.period": "The period's name, e.g. 'Month 3'.",
    "targets.month": "The month, counted from the start, at which the target applies; "
                     "editions show it as a calendar month.",
    "targets.adoption_pct": "The share of the organization using AI, in percent.",
    "targets.daily_active_pct": "The share of adopters who use AI every day, in percent "
                                "(optional).",
    "targets.value_per_month": "The value expected each month, in dollars (optional).",
    "targets.cost_per_month": "The AI cost expected each month, in dollars (optional).",
    "targets.satisfaction_min": "The lowest acceptable user satisfaction score, out of 5 "
                                "(optional).",
    "budget": "The budget: line items in sections, adding up to the total.",
    "budget.total": "The whole budget, in dollars: every line adds up to it.",
    "budget.months": "How many months the budget covers (optional).",
    "budget.sections": "Groups of budget lines.",
    "budget.sections.title": "The section's heading.",
    "budget.sections.total": "The section's total, in dollars (optional): its lines must add "
                             "up to it.",
    "budget.sections.lines": "The section's line items.",
    "budget.sections.lines.item": "What the money is for.",
    "budget.sections.lines.amount": "The amount, in dollars.",
    "budget.sections.lines.note": "A short note shown beside the amount (optional).",
    "budget.sections.lines.basis": "How the amount is worked out (optional): factors that "
                                   "multiply to it.",
    "budget.sections.lines.basis.factors": "Two or more numbers whose product is the amount, "
                                           "e.g. [30, 500] for 30 people at $500 each.",
    "budget.sections.lines.basis.explain": "What the factors are, e.g. '30 champions at $500 "
                                           "each'.",
    "budget.sections.lines.basis.known_discrepancy": "Why the source's amount differs from the "
                                                     "product of its factors (optional: only "
                                                     "while it does).",
    "budget.per_person": "Costs per person as the source states them (optional): each must be "
                         "total / people, to the dollar.",
    "budget.per_person.stated": "The stated cost per person, in dollars.",
    "budget.per_person.people": "The number of people the total is divided by.",
    "budget.per_person.explain": "Who those people are, e.g. 'everyone who uses AI at the final "
                                 "target'.",
    "success_checklist": "What must be true at the end, shown as a checklist.",
    "setup_prompt": "A prompt to paste into an AI assistant to plan the rollout, with "
                    "[placeholders] to fill in.",
    "setup_prompt.text": "The prompt. Write each placeholder as [name]: every one must be "
                         "declared under placeholders, and every declared one used.",
    "setup_prompt.placeholders": "The placeholders the text uses.",
    "setup_prompt.placeholders.name": "The placeholder's name, as written between brackets in "
                                      "the text.",
    "setup_prompt.placeholders.label": "What to fill in, shown in the table under the prompt.",
    "setup_prompt.placeholders.source": "The fact from an organization's overlay that fills "
                                        "the placeholder in its edition (optional).",
    "outcome": "Where the organization stands at the end, in a sentence or two.",
})


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
