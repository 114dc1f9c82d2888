"""Support capacity: how many champions and hours a number of users needs, and the weekly cost.

The record keeps the inputs of every stated figure, so an edition can work the figures out for
its own head count (see `macros.editions.figures.support_needs`). A valid record
(`data/scale-planning/support-capacity.yml`)::

    id: support-capacity
    title: Support capacity for 1,000 users
    order: 1
    summary: What it takes each week to support a thousand people using AI.
    reference_users: 1000
    users_per_champion: {min: 40, max: 50}
    champions: {min: 20, max: 25}                    # reference_users / users_per_champion
    hours_per_champion_per_week: {min: 3, max: 5}
    champion_hours_per_week: {min: 50, max: 100}     # total for the organization
    hourly_rate: 30
    lead_cost_per_week: 2000
    tools_cost_per_week: 2000
    stated_champion_cost_per_week: {min: 3000, max: 4000}
    stated_total_per_week: {min: 7000, max: 8000}
    champions_per_50_people: {min: 1, max: 2}
    champion_share_pct: {min: 5, max: 7}
    discrepancies:                                   # optional, see macros.kinds.discrepancies
      - id: champion-hours
        fields: [champion_hours_per_week]
        stated: 50-100 hours a week
        computed: 60-125 hours (20-25 champions x 3-5 hours)
        keep: The source rounds the total hours down.

Checks beyond the schema: champions = reference_users / users_per_champion (rounded up);
champion_hours_per_week = champions x hours_per_champion_per_week; the champion cost is
champions x hours_per_champion_per_week.max x hourly_rate, to within the source's rounding to
whole thousands; and the weekly total is champion cost + lead cost + tools cost, exactly.
A gap between a stated figure and its inputs is allowed only while `discrepancies` declares it.
"""

from __future__ import annotations

import math
from typing import Any

from macros.kinds.base import Kind
from macros.kinds.common import compare
from macros.kinds.discrepancies import Figure
from macros.schema import basic_docs, described, identifier, integer, number, percent, span, text

ROUNDING = 1000  # the source gives weekly costs in whole thousands of dollars

FIGURES = ("champions", "champion_hours_per_week", "stated_champion_cost_per_week",
           "stated_total_per_week")

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "reference_users": integer(minimum=1),
    "users_per_champion": span(integer(minimum=1)),
    "champions": span(integer(minimum=1)),
    "hours_per_champion_per_week": span(number()),
    "champion_hours_per_week": span(number()),
    "hourly_rate": number(),
    "lead_cost_per_week": integer(),
    "tools_cost_per_week": integer(),
    "stated_champion_cost_per_week": span(integer()),
    "stated_total_per_week": span(integer()),
    "champions_per_50_people": span(number()),
    "champion_share_pct": span(percent()),
    "notes": {"type": "list", "required": False, "schema": text()},
}

SCHEMA = described(SCHEMA, {
    **basic_docs("capacity plan"),
    "summary": "What the plan covers, in a sentence.",
    "reference_users": "How many users the stated figures are for; editions work the figures "
                       "out again for their own head count.",
    "users_per_champion": "How many users one champion can support.",
    "champions": "How many champions reference_users need, as the source states it: "
                 "reference_users / users_per_champion, rounded up.",
    "hours_per_champion_per_week": "Hours each champion spends on support a week.",
    "champion_hours_per_week": "Champion hours a week for the whole organization, as the "
                               "source states them: champions x hours_per_champion_per_week.",
    "hourly_rate": "What an hour of a champion's time costs, in dollars.",
    "lead_cost_per_week": "What the AI lead's time costs a week, in dollars.",
    "tools_cost_per_week": "What tools and platforms cost a week, in dollars.",
    "stated_champion_cost_per_week": "The weekly cost of the champions' time, in dollars, as "
                                     "the source states it: champions x "
                                     "hours_per_champion_per_week.max x hourly_rate, to within "
                                     "the source's rounding to whole thousands.",
    "stated_total_per_week": "The total weekly cost, in dollars, as the source states it: "
                             "champion cost + lead_cost_per_week + tools_cost_per_week.",
    "champions_per_50_people": "Rule of thumb: how many champions for every 50 people.",
    "champion_share_pct": "Rule of thumb: champions as a share of the organization, in "
                          "percent.",
    "notes": "More on the figures, one note per item (optional).",
})


def computed(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """What the inputs give for each stated figure, each from the record's own inputs."""
    per, hours, rate = (data["users_per_champion"], data["hours_per_champion_per_week"],
                        data["hourly_rate"])
    champions, stated_cost = data["champions"], data["stated_champion_cost_per_week"]
    fixed = data["lead_cost_per_week"] + data["tools_cost_per_week"]
    users = data["reference_users"]
    return {
        "champions": {"min": math.ceil(users / per["max"]),
                      "max": math.ceil(users / per["min"])},
        "champion_hours_per_week": {"min": champions["min"] * hours["min"],
                                    "max": champions["max"] * hours["max"]},
        "stated_champion_cost_per_week": {end: champions[end] * hours["max"] * rate
                                          for end in ("min", "max")},
        "stated_total_per_week": {end: stated_cost[end] + fixed for end in ("min", "max")},
    }


FORMULAS = {
    "champions": "reference_users / users_per_champion (rounded up)",
    "champion_hours_per_week": "champions x hours_per_champion_per_week",
    "stated_champion_cost_per_week": "champions x hours_per_champion_per_week.max x hourly_rate",
    "stated_total_per_week": "champion cost + lead_cost_per_week + tools_cost_per_week",
}


def figures(data: dict[str, Any]) -> list[Figure]:
    """Each stated figure against its inputs (weekly costs to within the source's rounding)."""
    worked = computed(data)
    found: list[Figure] = []
    for figure in FIGURES:
        tolerance = ROUNDING / 2 if figure == "stated_champion_cost_per_week" else 0
        rule = "budget-sum" if figure == "stated_total_per_week" else "figure-mismatch"
        found += compare(data, (figure,), worked[figure], FORMULAS[figure],
                         tolerance=tolerance, rule=rule)
    return found


KIND = Kind(name="scale-planning", title="Support capacity", singular="capacity plan",
            schema=SCHEMA, relations=(figures,))
