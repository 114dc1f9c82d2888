"""Benchmarks: what scaling typically costs and returns, and how fast it goes.

A valid record, shortened (`data/benchmarks/scaling-2025.yml`)::

    id: scaling-2025
    title: Scaling benchmarks for 2025
    order: 1
    summary: Typical figures for organizations taking AI from a pilot to everyone.
    failure: {stuck_pct: {min: 20, max: 30}, wasted: {min: 1000000, max: 5000000}}
    outcomes:
      adoption_pct: {min: 80}
      unstaged_adoption_pct: 20
      never_scaled_pct: {min: 10, max: 20}
      roi_multiple: {min: 100, max: 500}
      value_multiple: {min: 10, max: 25}      # organization_wide value / pilot value
      points: [Adoption holds in the second year]
    investment:
      scaling_program: {min: 200000, max: 500000}
      first_year_deployment: {min: 50000, max: 150000}
      ongoing_per_year: {min: 30000, max: 50000}
      net_benefit_per_year: {min: 1500000, max: 4500000}
      roi_pct: {min: 300, max: 1000}
    timeline: {pilot_months: 3, organization_wide_months: {min: 12, max: 18}}
    adoption_curve:
      - {month: 0, adoption_pct: 10}
      - {month: 3, adoption_pct: 30}
    cost_per_user: {pilot: 500, scale: {min: 50, max: 100}, efficiency_gain: 10}
    value: {pilot: 200000, organization_wide: {min: 2000000, max: 5000000}}

Checks beyond the schema: the adoption curve's months rise and its adoption never falls;
`cost_per_user.efficiency_gain` = pilot / scale.min; `outcomes.value_multiple` = organization-wide
value / pilot value. A stated figure that does not match is allowed only when
`known_discrepancies` names it (`efficiency_gain` or `value_multiple`).
"""

from __future__ import annotations

from typing import Any

from macros.kinds.base import Kind
from macros.kinds.common import check_ascending, compare_figure, discrepancies
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
    span,
    text,
    texts,
)
from macros.yamlfile import Document

MONEY = span(integer())

SCHEMA = {
    "id": identifier(),
    "title": text(),
    "order": integer(minimum=1),
    "summary": text(),
    "failure": mapping({"stuck_pct": span(percent()), "wasted": MONEY,
                        "note": text(required=False)}),
    "outcomes": mapping({
        "adoption_pct": span(percent(), open_ended=True),
        "unstaged_adoption_pct": percent(),
        "never_scaled_pct": span(percent()),
        "roi_multiple": span(number()),
        "value_multiple": span(number()),
        "points": texts(),
    }),
    "investment": mapping({
        "scaling_program": MONEY,
        "first_year_deployment": MONEY,
        "ongoing_per_year": MONEY,
        "net_benefit_per_year": MONEY,
        "roi_pct": span(number()),
    }),
    "timeline": mapping({"pilot_months": integer(minimum=1),
                         "organization_wide_months": span(integer(minimum=1))}),
    "adoption_curve": records({"month": integer(), "adoption_pct": percent()}, minlength=2),
    "cost_per_user": mapping({"pilot": number(), "scale": span(number(minimum=1)),
                              "efficiency_gain": number()}),
    "value": mapping({"pilot": integer(minimum=1), "organization_wide": MONEY}),
    "known_discrepancies": discrepancies("efficiency_gain", "value_multiple"),
}

SCHEMA = described(SCHEMA, {
    **basic_docs("benchmark set"),
    "summary": "What the figures describe, in a sentence or two: shown under the title and "
               "where the set is embedded.",
    "failure": "What failed scaling programmes typically look like.",
    "failure.stuck_pct": "The adoption, in percent, at which failed programmes usually stall.",
    "failure.wasted": "The investment such a programme typically wastes, in dollars.",
    "failure.note": "More on how failure looks, in a sentence or two (optional).",
    "outcomes": "What organizations that scale well achieve.",
    "outcomes.adoption_pct": "The adoption they reach, in percent.",
    "outcomes.unstaged_adoption_pct": "The adoption reached without a staged approach, in "
                                      "percent, for comparison.",
    "outcomes.never_scaled_pct": "The adoption, in percent, of organizations that never get "
                                 "past the pilot: what the ROI multiple compares with.",
    "outcomes.roi_multiple": ("ROI multiple", "The return of organizations that scale well, "
                              "as a multiple of the return of those stuck at never_scaled_pct."),
    "outcomes.value_multiple": "How many times the pilot's value the organization captures "
                               "once scaled: value.organization_wide / value.pilot.",
    "outcomes.points": "Other benefits of scaling well, one per item.",
    "investment": "What scaling costs and returns, in dollars.",
    "investment.scaling_program": "The cost of the scaling programme itself.",
    "investment.first_year_deployment": "The cost of deploying to everyone in the first year.",
    "investment.ongoing_per_year": "The running costs in each year after that.",
    "investment.net_benefit_per_year": "The net benefit each year.",
    "investment.roi_pct": ("ROI", "The return on the scaling investment, in percent."),
    "timeline": "How long scaling takes.",
    "timeline.pilot_months": "Months a pilot needs to prove itself.",
    "timeline.organization_wide_months": "Months it takes to reach the whole organization.",
    "adoption_curve": "Typical adoption over time: months rising, adoption never falling.",
    "adoption_curve.month": "Months since the start; 0 is the start itself.",
    "adoption_curve.adoption_pct": "The share of the organization using AI by then, in "
                                   "percent.",
    "cost_per_user": "What onboarding one user costs, in dollars.",
    "cost_per_user.pilot": "The cost per user during the pilot.",
    "cost_per_user.scale": "The cost per user at scale.",
    "cost_per_user.efficiency_gain": "How many times cheaper onboarding gets at scale, as the "
                                     "source states it: it must equal pilot / scale.min.",
    "value": "The yearly value AI brings, in dollars.",
    "value.pilot": "The value of a pilot.",
    "value.organization_wide": "The value once the whole organization uses AI.",
    "known_discrepancies": "Notes on stated figures that do not match their own inputs "
                           "(efficiency_gain, value_multiple): the page keeps the source's "
                           "number and shows the worked-out one beside it with the note "
                           "(optional).",
})


def worked(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The figures the inputs give: the efficiency gain and the value multiple."""
    cost, value = data["cost_per_user"], data["value"]
    return {
        "efficiency_gain": {"min": cost["pilot"] / cost["scale"]["min"]},
        "value_multiple": {end: value["organization_wide"][end] / value["pilot"]
                           for end in ("min", "max")},
    }


def check_curve(doc: Document) -> list[Problem]:
    curve = ("adoption_curve",)
    return (check_ascending(doc, curve, lambda p: p.get("month"), ("month",), "month",
                            "months-order", strict=True)
            + check_ascending(doc, curve, lambda p: p.get("adoption_pct"), ("adoption_pct",),
                              "adoption", "target-order"))


def check_figures(doc: Document) -> list[Problem]:
    figures = worked(doc.data)
    return (compare_figure(doc, "efficiency_gain", figures["efficiency_gain"],
                           "cost_per_user.pilot / cost_per_user.scale.min",
                           at=("cost_per_user", "efficiency_gain"))
            + compare_figure(doc, "value_multiple", figures["value_multiple"],
                             "value.organization_wide / value.pilot",
                             at=("outcomes", "value_multiple")))


KIND = Kind(name="benchmarks", title="Benchmarks", singular="benchmark set", schema=SCHEMA,
            checks=(check_curve, check_figures))
