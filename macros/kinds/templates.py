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
        - id: line-items                  # ids are optional; an overlay changes a line by id
          title: Line items
          lines:
            - {id: contingency, item: Contingency, amount: 300000}
    success_checklist: [Month 1 adoption reached]
    setup_prompt:
      text: "Plan a rapid rollout for [headcount] people."
      placeholders:
        - {name: headcount, label: Number of employees, source: headcount}
    outcome: Most of the company uses AI within four months.

Optional stated figures: `budget.per_person: [{stated: 333, people: 240, explain: ...}]` (cost
per person = total / people), `example.champions.incentive_per_year` (count x quarterly
incentive x 4) and `share_pct` (count / head count), `phases[].joining` (the head counts of the
departments joining in the phase), and `quoted_pct` on a step (within its target) or on a
message with a `month` (within that month's targets).

Checks beyond the schema: budget lines add up to section totals and to the total, adoption
targets never go down, and every `[placeholder]` in the setup prompt is declared (and every
declared one is used). Stated figures must match their inputs, or the gap is declared under
`discrepancies` (macros.kinds.discrepancies): a line's `basis.factors` multiply to its amount,
stated head counts are percent x example head count (in phases, steps and targets), a phase's
active head count is no more than the departments rolled out by then, the people joining
during a step are its head count's growth over the step before, the example's pilot exceeds
`pilot_above_pct`, no target falls before
the month the phases reach it, a target set for the month a phase ends lies within that
phase's, the months `setup_prompt.schedule` gives a phase are its months, and the optional
stated figures above. Staffing: a budget line's `staff` is what the support plan staffs in the
same months, lines for the same role cost the same per person (or FTE) and month, a target's
`cost_per_month` is the budget spread over the timeline, a period's champions are the last
count plus the `recruited` since, and `champions_per_department` times the departments that
have joined gives each later period's champions.
"""

from __future__ import annotations

import math
import re
from typing import Any

from macros.kinds.base import Kind, check_non_decreasing
from macros.kinds.common import compare
from macros.kinds.discrepancies import Figure
from macros.problems import Problem
from macros.schema import (
    basic_docs,
    described,
    dotted,
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
    "budget_available", "ai_tool", "departments", "champions_count",
    "risk_tolerance", "urgency", "start_month",
]
PLACEHOLDER = re.compile(r"\[([a-z][a-z0-9_]*)\]")

_PEOPLE = span(integer(), required=False, open_ended=True)
_ADOPTION = span(percent(), open_ended=True)

_BUDGET_LINE = {
    "id": identifier(required=False),  # lets an overlay change one line by id
    "item": text(),
    "amount": integer(),
    "note": text(required=False),
    "basis": mapping({
        "factors": {"type": "list", "required": True, "minlength": 2,
                    "schema": {"type": "number", "min": 0}},
        "explain": text(),
    }, required=False),
    # the staff a line pays for, set against the support plan (`staffing`, `staff_rates`)
    "staff": mapping({
        "role": {"type": "string", "required": True, "allowed": ["champions", "lead"]},
        "count": number(),
        "months": span(integer(minimum=1)),
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
    "pilot_above_pct": percent(required=False),
    "example": mapping({
        "name": text(),
        "headcount": integer(minimum=1),
        "summary": text(),
        "pilot": mapping({
            "team": text(), "department": identifier(required=False),
            "people": integer(minimum=1), "months": span(integer(minimum=1)),
            "adoption_pct": percent(), "hours_saved_per_week": number(required=False),
            "value_per_month": integer(required=False), "cost_per_month": integer(required=False),
            "champions": integer(required=False),
        }),
        "departments": records({"id": identifier(), "name": text(),
                                "headcount": integer(minimum=1),
                                "open": {"type": "boolean", "required": False},
                                "phase": identifier(required=False)}),
        "champions": mapping({
            "count": span(integer()), "share_pct": span(percent(), required=False),
            "incentive_per_quarter": integer(required=False),
            # stated yearly total: count x incentive_per_quarter x 4
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
        "joining": span(integer(minimum=1), required=False, open_ended=True),
        "steps": records({
            "when": text(), "actions": texts(),
            "adoption_pct": span(percent(), required=False, open_ended=True),
            "people": _PEOPLE,
            "joining": span(integer(minimum=1), required=False, open_ended=True),
            "quoted_pct": percent(required=False),
        }, required=False),
    }),
    "support": records({
        "period": text(),
        "months": span(integer(minimum=1)),
        "champions": span(integer(), required=False, open_ended=True),
        "lead_fte": number(required=False),
        "recruited": span(integer(minimum=1), required=False),
        "champions_per_department": integer(required=False, minimum=1),
        "notes": texts(required=False),
    }),
    "support_lead": text(required=False),
    "channels": texts(),
    "training": texts(required=False),
    "communications": mapping({
        "cadence": {"type": "string", "required": True, "allowed": ["weekly", "monthly"]},
        "items": records({"when": text(), "message": text(), "purpose": text(),
                          "month": integer(required=False, minimum=1),
                          "quoted_pct": percent(required=False)}),
    }),
    "risks": records({"risk": text(), "mitigation": text(), "contingency": text(),
                      "bottleneck": ref("bottlenecks")}),
    "metrics_tracked": texts(required=False),
    "targets": records({
        "period": text(),
        "month": integer(minimum=1),
        "adoption_pct": _ADOPTION,
        "daily_active_pct": percent(required=False),
        "value_per_month": span(integer(), required=False, open_ended=True),
        "cost_per_month": integer(required=False),
        "satisfaction": span(number(), required=False, open_ended=True),
        "people": _PEOPLE,
    }),
    "budget": mapping({
        "total": integer(),
        "months": integer(required=False, minimum=1),
        "sections": records({"id": identifier(required=False), "title": text(),
                             "total": integer(required=False),
                             "lines": records(_BUDGET_LINE)}),
        # a stated cost per person: total / people, rounded to whole dollars
        "per_person": records({"id": identifier(required=False), "stated": integer(),
                               "people": integer(minimum=1), "explain": text()},
                              required=False),
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
        "schedule": records({"phase": identifier(), "months": span(integer(minimum=1))},
                            required=False),
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
    "pilot_above_pct": "The pilot adoption, in percent, that the situations above ask a pilot "
                       "to exceed (optional): the example's own pilot must exceed it.",
    "example": "The practice scenario: an organization whose pilot convinced it to scale. The "
               "page works out head counts and costs per person from it.",
    "example.name": "A short name for the example organization, e.g. '150-person tech startup'.",
    "example.headcount": "How many people work in the example organization: adoption "
                         "percentages become head counts from it.",
    "example.summary": "A sentence or two that sets the scene.",
    "example.pilot": "The pilot that started it: team, size, length and results.",
    "example.pilot.team": "The team that ran the pilot, e.g. 'Sales'.",
    "example.pilot.department": "The id of the example department that ran the pilot, when it "
                                "is listed among the departments, e.g. 'sales': its people "
                                "then count once, from the start (optional).",
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
    "example.departments.open": "true when the source gives the head count as a floor ('20+ "
                                "people'): shown as '20+', counted as 20 (optional).",
    "example.departments.phase": "The id of the phase (under phases) in which the department "
                                 "joins (optional: leave it out for the pilot team).",
    "example.champions": "The example's champion network (optional).",
    "example.champions.count": "How many champions there are.",
    "example.champions.share_pct": "Champions as a share of the organization, in percent "
                                   "(optional): count / example.headcount, to the whole "
                                   "percent.",
    "example.champions.incentive_per_quarter": "What each champion receives a quarter, in "
                                               "dollars (optional).",
    "example.champions.incentive_per_year": "The yearly incentive cost the source states, in "
                                            "dollars (optional): it must equal count x "
                                            "incentive_per_quarter x 4, at both ends.",
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
    "phases.joining": "How many people the source says join in this phase (optional): "
                      "compared with the example departments that join in it.",
    "phases.steps.when": "When the step happens, e.g. 'Week 1'.",
    "phases.steps.joining": "How many people the source says join during the step (optional): "
                            "the step's head count less the previous step's.",
    "phases.steps.quoted_pct": "The adoption, in percent, that a message or celebration of "
                               "this step quotes (optional): compared with the step's target.",
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
    "support.recruited": "How many new champions the source says join during the period "
                         "(optional): the next period that counts its champions must have "
                         "the earlier count plus these.",
    "support.champions_per_department": "How many champions the source gives each department "
                                        "(optional): from this period on, a period's "
                                        "champions must be this many for each department "
                                        "that has joined since the support plan began.",
    "support.notes": "Notes on the period, one per item (optional).",
    "support_lead": "Who gives the time support.lead_fte counts, as the source names it, e.g. "
                    "'Central support' (optional; 'AI lead' when left out).",
    "channels": "Where people get help: chat channels, office hours and the like.",
    "training": "The training on offer, one item each (optional).",
    "communications": "The communication calendar.",
    "communications.cadence": "How often the rollout communicates.",
    "communications.items": "The planned messages, in the order they go out.",
    "communications.items.when": "When the message goes out, e.g. 'Week 1'.",
    "communications.items.message": "What the message says.",
    "communications.items.purpose": "Why it is sent, and by whom.",
    "communications.items.month": "The month the message goes out, counted like targets.month "
                                  "(optional).",
    "communications.items.quoted_pct": "The adoption, in percent, the message quotes "
                                       "(optional): compared with the targets for its month.",
    "risks": "What can go wrong, how to prevent it and what to do if it happens anyway.",
    "risks.risk": "What can go wrong.",
    "risks.mitigation": "How to make it less likely or less harmful.",
    "risks.contingency": "What to do if it happens anyway.",
    "risks.bottleneck": "The id of the bottleneck fix (data/bottlenecks/) that deals with it "
                        "(optional).",
    "metrics_tracked": "What to track along the way, one metric per item (optional).",
    "targets": "The targets, period by period, from every part of the source that sets them "
               "(label the period with its origin, e.g. 'Month 3 (setup prompt)'). Adoption "
               "targets never go down, and none falls before the month the plan's phases "
               "reach it.",
    "targets.period": "The period's name, e.g. 'Month 3'.",
    "targets.month": "The month, counted from the start, at which the target applies; "
                     "editions show it as a calendar month.",
    "targets.adoption_pct": "The share of the organization using AI, in percent.",
    "targets.daily_active_pct": "The share of adopters who use AI every day, in percent "
                                "(optional).",
    "targets.value_per_month": "The value expected each month, in dollars: {min: 50000} for "
                               "'$50K or more' (optional).",
    "targets.cost_per_month": "The cost the source states for the month, in dollars "
                              "(optional): compared with budget.total spread over "
                              "timeline_months.",
    "targets.satisfaction": "The user satisfaction score to reach, out of 5: {min: 4} for "
                            "'4 or more' (optional).",
    "targets.people": "The head counts the source states with the target, e.g. in its success "
                      "checklist (optional): the percentage of example.headcount, rounded "
                      "down.",
    "budget": "The budget: line items in sections, adding up to the total.",
    "budget.total": "The whole budget, in dollars: every line adds up to it.",
    "budget.months": "How many months the budget covers (optional).",
    "budget.sections": "Groups of budget lines.",
    "budget.sections.id": "The section's id (optional), so that an overlay can change it "
                          "without copying the list, e.g. 'line-items'.",
    "budget.sections.title": "The section's heading.",
    "budget.sections.total": "The section's total, in dollars (optional): its lines must add "
                             "up to it.",
    "budget.sections.lines": "The section's line items.",
    "budget.sections.lines.id": "The line's id (optional), so that an overlay can change it "
                                "without copying the list, e.g. 'contingency'.",
    "budget.sections.lines.item": "What the money is for.",
    "budget.sections.lines.amount": "The amount, in dollars.",
    "budget.sections.lines.note": "A short note shown beside the amount (optional).",
    "budget.sections.lines.basis": "How the amount is worked out (optional): factors that "
                                   "multiply to it.",
    "budget.sections.lines.basis.factors": "Two or more numbers whose product is the amount, "
                                           "e.g. [30, 500] for 30 people at $500 each.",
    "budget.sections.lines.basis.explain": "What the factors are, e.g. '30 champions at $500 "
                                           "each'.",
    "budget.sections.lines.staff": "The staff the line pays for, as numbers (optional): "
                                   "compared with the support plan for the same months, and "
                                   "priced like every other line for the same role.",
    "budget.sections.lines.staff.role": "'champions' for champions (count is people) or "
                                        "'lead' for the AI lead (count is FTE, as "
                                        "support.lead_fte).",
    "budget.sections.lines.staff.count": "How many champions, or how many FTE of the lead, "
                                         "the line pays for.",
    "budget.sections.lines.staff.months": "The months the line pays for, counted like "
                                          "support.months.",
    "budget.per_person": "Costs per person as the source states them (optional): each must be "
                         "total / people, to the dollar.",
    "budget.per_person.id": "The figure's id (optional), so that an overlay can change it "
                            "without copying the list, e.g. 'per-employee'.",
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
    "setup_prompt.schedule": "The months the prompt's text gives each phase, as numbers "
                             "(optional): each must be the phase's months under phases.",
    "setup_prompt.schedule.phase": "The id of the phase (under phases) the prompt schedules.",
    "setup_prompt.schedule.months": "The months the prompt gives it, e.g. {min: 1, max: 2} for "
                                    "'Months 1-2'.",
    "outcome": "Where the organization stands at the end, in a sentence or two.",
})


def check_budget(doc: Document) -> list[Problem]:
    budget = doc.data.get("budget", {})
    problems: list[Problem] = []
    grand = 0
    for s, section in enumerate(budget.get("sections", [])):
        subtotal = 0
        for line in section.get("lines", []):
            subtotal += line.get("amount", 0)
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


def basis_figures(data: dict[str, Any]) -> list[Figure]:
    """A line's amount against the product of its `basis.factors`."""
    found = []
    for s, section in enumerate(data["budget"]["sections"]):
        for i, line in enumerate(section["lines"]):
            basis = line.get("basis")
            if not basis:
                continue
            at: NodePath = ("budget", "sections", s, "lines", i, "amount")
            computed = math.prod(basis["factors"])
            shown = " x ".join(f"{f:g}" for f in basis["factors"])
            found.append(Figure(at, f"{dotted(at)} is {line['amount']}",
                                f"its basis {shown} gives {computed:g}",
                                computed == line["amount"]))
    return found


def stated_figures(data: dict[str, Any]) -> list[Figure]:
    """`budget.per_person[].stated` = total / people (to the dollar); a champion incentive per
    year = fewest champions x incentive per quarter x 4."""
    found = []
    total = data["budget"]["total"]
    for i, item in enumerate(data["budget"].get("per_person", [])):
        at: NodePath = ("budget", "per_person", i, "stated")
        worked = total / item["people"]
        found.append(Figure(at, f"{dotted(at)} is {item['stated']}",
                            f"budget.total / people = {total} / {item['people']} gives "
                            f"{worked:.0f}", abs(item["stated"] - worked) < 1,
                            fix="correct the figure or the head count"))
    champions = data["example"].get("champions") or {}
    count = champions.get("count", {})
    if "incentive_per_year" in champions:
        quarterly = champions.get("incentive_per_quarter") or 0
        found += compare(data, ("example", "champions", "incentive_per_year"),
                         {end: n * quarterly * 4 for end, n in count.items()},
                         "count x incentive_per_quarter x 4")
    if "share_pct" in champions:
        headcount = data["example"]["headcount"]
        found += compare(data, ("example", "champions", "share_pct"),
                         {end: n * 100 / headcount for end, n in count.items()},
                         "count / example.headcount", tolerance=0.5)
    return found


def rolled_out(data: dict[str, Any]) -> list[Figure]:
    """A phase's active head count cannot exceed the people rolled out by its end: the example
    departments of that phase and of the ones before. Checked while later phases still bring
    departments in (the last phase opens to everyone)."""
    phases, departments = data["phases"], data["example"]["departments"]
    pilot = data["example"]["pilot"]
    order = {phase["id"]: i for i, phase in enumerate(phases)}
    # The pilot team counts from the start, listed among the departments or not.
    listed = any(d["id"] == pilot.get("department") for d in departments)
    found = []
    for i, phase in enumerate(phases):
        low = (phase.get("people") or {}).get("min")
        if low is None or not any(order.get(d.get("phase", ""), -1) > i for d in departments):
            continue
        reached = (0 if listed else pilot["people"]) + sum(
            d["headcount"] for d in departments
            if order.get(d.get("phase", ""), len(phases)) <= i)
        at: NodePath = ("phases", i, "people", "min")
        found.append(Figure(at, f"{dotted(at)} is {low}",
                            f"the example departments rolled out by then number only {reached}",
                            low <= reached,
                            fix="correct the head count or the departments' phases"))
    return found


def joining(data: dict[str, Any]) -> list[Figure]:
    """The people the source says join in a phase = its example departments' head counts."""
    found = []
    for i, phase in enumerate(data["phases"]):
        if "joining" in phase:
            total = sum(d["headcount"] for d in data["example"]["departments"]
                        if d.get("phase") == phase["id"])
            found += compare(data, ("phases", i, "joining"), {"min": total, "max": total},
                             f"the example departments joining in {phase['id']}")
    return found


def quoted(data: dict[str, Any]) -> list[Figure]:
    """A percentage a message quotes lies within the target of its step, or of its month."""
    found = []
    for p, phase in enumerate(data["phases"]):
        for s, step in enumerate(phase.get("steps", [])):
            if "quoted_pct" in step and step.get("adoption_pct"):
                found.append(_quote(("phases", p, "steps", s, "quoted_pct"), step["quoted_pct"],
                                    [step["adoption_pct"]], "the step's target is"))
    for i, item in enumerate(data["communications"]["items"]):
        targets = [t["adoption_pct"] for t in data["targets"] if t["month"] == item.get("month")]
        if "quoted_pct" in item and targets:
            found.append(_quote(("communications", "items", i, "quoted_pct"), item["quoted_pct"],
                                targets, f"the targets for month {item['month']} are"))
    return found


def _quote(at: NodePath, value: float, targets: list[dict[str, Any]], what: str) -> Figure:
    low = min(t["min"] for t in targets)
    high = max(t.get("max", 100) for t in targets)
    shown = f"{low:g}" + (f"-{high:g}" if high != low else "")
    return Figure(at, f"{dotted(at)} is {value:g}", f"{what} {shown}%",
                  low <= value <= high, fix="quote the target of its date")


def newcomers(data: dict[str, Any]) -> list[Figure]:
    """The people joining during a step are the growth of its head count over the previous
    step's."""
    found = []
    for p, phase in enumerate(data["phases"]):
        steps = phase.get("steps", [])
        for s in range(1, len(steps)):
            before, after = steps[s - 1].get("people"), steps[s].get("people")
            if before and after and "joining" in steps[s]:
                found += compare(data, ("phases", p, "steps", s, "joining"),
                                 {end: after[end] - before[end] for end in before
                                  if end in after},
                                 f"phases[{p}].steps[{s}].people - phases[{p}].steps[{s - 1}]"
                                 ".people")
    return found


def pilot_threshold(data: dict[str, Any]) -> list[Figure]:
    """The template's own worked pilot passes the pilot test it sets."""
    if "pilot_above_pct" not in data:
        return []
    at: NodePath = ("example", "pilot", "adoption_pct")
    stated, threshold = data["example"]["pilot"]["adoption_pct"], data["pilot_above_pct"]
    return [Figure(at, f"{dotted(at)} is {stated:g}",
                   f"pilot_above_pct asks for a pilot above {threshold:g}%", stated > threshold,
                   fix="correct the pilot's adoption or the threshold")]


def check_targets(doc: Document) -> list[Problem]:
    problems = check_non_decreasing(doc, ("phases",), "adoption_pct", "phase adoption target")
    problems += check_non_decreasing(doc, ("targets",), "adoption_pct", "adoption target")
    for p in range(len(doc.data.get("phases", []))):
        problems += check_non_decreasing(doc, ("phases", p, "steps"), "adoption_pct",
                                         "step adoption target")
    return problems


def head_counts(data: dict[str, Any]) -> list[Figure]:
    """A stated head count must be the percentage of the example's head count, rounded down:
    in a phase, a step or a target."""
    headcount = data["example"].get("headcount")
    if not headcount:
        return []
    spots: list[tuple[NodePath, Any]] = []
    for p, phase in enumerate(data["phases"]):
        spots += [(("phases", p), phase)]
        spots += [(("phases", p, "steps", s), step) for s, step in
                  enumerate(phase.get("steps", []))]
    spots += [(("targets", t), target) for t, target in enumerate(data["targets"])]
    found = []
    for where, item in spots:
        for end in ("min", "max"):
            pct = (item.get("adoption_pct") or {}).get(end)
            stated = (item.get("people") or {}).get(end)
            if pct is None or stated is None:
                continue
            at: NodePath = (*where, "people", end)
            expected = math.floor(pct * headcount / 100)
            found.append(Figure(at, f"{dotted(at)} is {stated}",
                                f"{pct:g}% of {headcount} (rounded down) gives {expected}",
                                stated == expected,
                                fix="correct the head count or the percentage"))
    return found


def reached(data: dict[str, Any]) -> list[Figure]:
    """No target falls before the month the plan reaches it: the end of the first phase whose
    target (its upper end, or its floor when open) is at least the target's floor."""
    found = []
    for i, target in enumerate(data["targets"]):
        low = target["adoption_pct"]["min"]
        phase = next((p for p in data["phases"] if _top(p["adoption_pct"]) >= low), None)
        at: NodePath = ("targets", i, "month")
        if phase is None:
            found.append(Figure(at, f"{dotted(at)} is {target['month']}",
                                f"no phase of the plan reaches {low:g}%", False,
                                fix="correct the target or the phases' adoption"))
            continue
        end = phase["months"]["max"]
        found.append(Figure(at, f"{dotted(at)} is {target['month']}",
                            f"the plan's phases first reach {low:g}% at the end of month {end} "
                            f"({phase['id']})", target["month"] >= end,
                            fix="move the target to the month the plan reaches it"))
    return found


def phase_targets(data: dict[str, Any]) -> list[Figure]:
    """A target set for the month a phase ends lies within that phase's target; a target that
    is only a floor ('80%+') needs just a phase that can reach it."""
    ends = {p["months"]["max"]: (i, p) for i, p in enumerate(data["phases"])}
    found = []
    for t, target in enumerate(data["targets"]):
        if target["month"] not in ends:
            continue
        i, phase = ends[target["month"]]
        mine, theirs = target["adoption_pct"], phase["adoption_pct"]
        at: NodePath = ("targets", t, "adoption_pct")
        found.append(Figure(at, f"{dotted(at)} is {_pct(mine)}",
                            f"phases[{i}].adoption_pct ({phase['id']}, ending in month "
                            f"{target['month']}) is {_pct(theirs)}",
                            mine["min"] <= _cap(theirs) if _cap(mine) == math.inf else
                            theirs["min"] <= mine["min"] and mine["max"] <= _cap(theirs),
                            fix="set the target within its phase's"))
    return found


def _cap(value: dict[str, float]) -> float:
    return math.inf if value.get("open") or "max" not in value else value["max"]


def _pct(value: dict[str, float]) -> str:
    if "max" not in value:
        return f"{value['min']:g}%+"
    return f"{value['min']:g}%" if value["min"] == value["max"] else \
        f"{value['min']:g}-{value['max']:g}%"


def _top(value: dict[str, float]) -> float:
    return value.get("max", value["min"])


def scheduled(data: dict[str, Any]) -> list[Figure]:
    """The months the setup prompt gives a phase are the phase's own months."""
    phases = {p["id"]: (i, p) for i, p in enumerate(data["phases"])}
    found = []
    for j, entry in enumerate(data["setup_prompt"].get("schedule", [])):
        if entry["phase"] in phases:
            i, phase = phases[entry["phase"]]
            found += compare(data, ("setup_prompt", "schedule", j, "months"), phase["months"],
                             f"phases[{i}].months ({phase['id']})")
    return found


def check_schedule(doc: Document) -> list[Problem]:
    """Each phase the prompt schedules is a phase of the template."""
    known = [p.get("id") for p in doc.data.get("phases", []) if isinstance(p, dict)]
    problems = []
    for j, entry in enumerate(doc.data.get("setup_prompt", {}).get("schedule", [])):
        name = entry.get("phase") if isinstance(entry, dict) else None
        if isinstance(name, str) and name not in known:
            problems.append(doc.problem(
                ("setup_prompt", "schedule", j, "phase"),
                f"phase {name!r} is not a phase of this template: use one of "
                f"{', '.join(repr(k) for k in known)}", "unknown-reference"))
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


def staffing(data: dict[str, Any]) -> list[Figure]:
    """A budget line's `staff` is what the support plan staffs in the line's months: within
    each period's champions, or equal to each period's lead FTE."""
    key = {"champions": "champions", "lead": "lead_fte"}
    found = []
    for s, i, line in _staffed(data):
        staff = line["staff"]
        field, months = key[staff["role"]], staff["months"]
        periods = [(p, period) for p, period in enumerate(data["support"])
                   if field in period and period["months"]["min"] <= months["max"]
                   and period["months"]["max"] >= months["min"]]
        if not periods:
            continue
        values = [_amount(period[field]) for _, period in periods]
        shown = ", ".join(values[:-1]) + (" and " if len(values) > 1 else "") + values[-1]
        at: NodePath = ("budget", "sections", s, "lines", i, "staff", "count")
        found.append(Figure(
            at, f"{dotted(at)} is {staff['count']:g}",
            f"the support plan's {field} for {_months(months)} "
            f"{'are' if len(values) > 1 else 'is'} {shown}",
            all(_staffs(period[field], staff["count"]) for _, period in periods),
            fix="correct the line's staff or the support plan"))
    return found


def staff_rates(data: dict[str, Any]) -> list[Figure]:
    """Lines paying for the same role cost the same per person (or FTE) and month: the
    first such line sets the rate."""
    first: dict[str, tuple[NodePath, float]] = {}
    found = []
    for s, i, line in _staffed(data):
        staff = line["staff"]
        months = staff["months"]["max"] - staff["months"]["min"] + 1
        if staff["count"] <= 0 or months <= 0:
            continue  # no rate to compare
        at: NodePath = ("budget", "sections", s, "lines", i)
        if staff["role"] not in first:
            first[staff["role"]] = (at, line["amount"] / (staff["count"] * months))
            continue
        where, rate = first[staff["role"]]
        unit, each = ("FTE", "FTE") if staff["role"] == "lead" else ("people", "person")
        found += compare(data, (*at, "amount"),
                         {"min": rate * staff["count"] * months,
                          "max": rate * staff["count"] * months},
                         f"{staff['count']:g} {unit} x {months} months at the rate of "
                         f"{dotted(where)} ({rate:.0f} per {each} and month)", tolerance=0.5)
    return found


def _staffed(data: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    return [(s, i, line) for s, section in enumerate(data["budget"]["sections"])
            for i, line in enumerate(section["lines"]) if line.get("staff")]


def _staffs(planned: Any, count: float) -> bool:
    if isinstance(planned, dict):
        return bool(planned["min"] <= count <= planned.get("max", math.inf))
    return bool(planned == count)


def _months(months: dict[str, int]) -> str:
    if months["min"] == months["max"]:
        return f"month {months['min']}"
    return f"months {months['min']}-{months['max']}"


def _amount(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value['min']:g}" + (f"-{value['max']:g}" if value.get("max", value["min"])
                                      != value["min"] else "")
    return f"{value:g}"


def monthly_costs(data: dict[str, Any]) -> list[Figure]:
    """A month's stated cost is the budget spread over the timeline: budget.total divided by
    the most and by the fewest months."""
    total, months = data["budget"]["total"], data["timeline_months"]
    low, high = total / months["max"], total / months["min"]
    found = []
    for t, target in enumerate(data["targets"]):
        if "cost_per_month" not in target:
            continue
        at: NodePath = ("targets", t, "cost_per_month")
        cost = target["cost_per_month"]
        found.append(Figure(
            at, f"{dotted(at)} is {cost}",
            f"budget.total / timeline_months = {total} / {_amount(months)} gives "
            f"{low:.0f}-{high:.0f}", low - 0.5 <= cost <= high + 0.5,
            fix="correct the monthly cost or the budget"))
    return found


def champion_growth(data: dict[str, Any]) -> list[Figure]:
    """A champion network grows by its recruits: a period's champions are those of the last
    period that counts them plus the `recruited` of the periods since."""
    found = []
    last: tuple[int, dict[str, float]] | None = None
    recruits: list[int] = []
    for p, period in enumerate(data["support"]):
        if "recruited" in period:
            recruits.append(p)
        if "champions" not in period:
            continue
        if last is not None and recruits:
            before, count = last
            added = [data["support"][r]["recruited"] for r in recruits]
            computed: dict[str, float] = {end: count[end] + sum(a[end] for a in added)
                                          for end in ("min", "max") if end in count}
            formula = " + ".join([f"support[{before}].champions",
                                  *(f"support[{r}].recruited" for r in recruits)])
            found += compare(data, ("support", p, "champions"), computed, formula)
        last, recruits = (p, period["champions"]), []
    return found


def champions_per_department(data: dict[str, Any]) -> list[Figure]:
    """At the champions per department the support plan states, a period's champions are that
    many for each department that has joined since the plan began (its phase's months lie
    within the plan so far)."""
    support = data["support"]
    start = support[0]["months"]["min"]
    months = {p["id"]: p["months"] for p in data["phases"]}
    rate: tuple[int, int] | None = None
    found = []
    for p, period in enumerate(support):
        if "champions_per_department" in period:
            rate = (p, period["champions_per_department"])
        if rate is None or "champions" not in period:
            continue
        end = period["months"]["max"]
        joined = [d for d in data["example"]["departments"]
                  if d.get("phase") in months and months[d["phase"]]["min"] >= start
                  and months[d["phase"]]["max"] <= end]
        found += compare(data, ("support", p, "champions"),
                         {"min": rate[1] * len(joined), "max": rate[1] * len(joined)},
                         f"{rate[1]} per department (support[{rate[0]}]."
                         f"champions_per_department) x {len(joined)} departments joined in "
                         f"months {start}-{end}")
    return found


def check_pilot_department(doc: Document) -> list[Problem]:
    """`example.pilot.department` names one of the example's departments."""
    example = doc.data["example"]
    named = example["pilot"].get("department")
    ids = [d["id"] for d in example["departments"]]
    if named is None or named in ids:
        return []
    return [doc.problem(("example", "pilot", "department"),
                        f"there is no example department {named!r}: use one of "
                        f"{', '.join(ids)}, or leave the field out if the pilot team is not "
                        "listed", "reference")]


KIND = Kind(name="templates", title="Scaling templates", singular="template", schema=SCHEMA,
            checks=(check_budget, check_targets, check_placeholders, check_schedule,
                    check_pilot_department),
            relations=(basis_figures, stated_figures, head_counts, rolled_out, joining, quoted,
                       newcomers, pilot_threshold, reached, phase_targets, scheduled,
                       staffing, staff_rates, monthly_costs, champion_growth,
                       champions_per_department))
