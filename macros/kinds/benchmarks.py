"""Benchmarks: what scaling typically costs and returns, and how fast it goes.

A valid record whose figures agree but for one declared gap, shortened from
`data/benchmarks/scaling-2025.yml` (which declares every gap the source has)::

    id: scaling-2025
    title: Scaling benchmarks for 2025
    order: 1
    summary: Typical figures for organizations taking AI from a pilot to everyone.
    failure: {stuck_pct: {min: 10, max: 20}, wasted: {min: 1000000, max: 5000000}}
    outcomes:
      adoption_pct: {min: 80}
      unstaged_adoption_pct: 20
      never_scaled_pct: {min: 10, max: 20}
      roi_multiple: {min: 3, max: 24}         # investment.roi_pct / 100
      value_multiple: {min: 10, max: 25}      # organization_wide value / pilot value
      points: [Adoption holds in the second year]
    investment:
      scaling_program: {min: 200000, max: 500000}
      first_year_deployment: {min: 50000, max: 150000}
      ongoing_per_year: {min: 30000, max: 50000}
      net_benefit_per_year: {min: 1500000, max: 4800000}   # value less the programme
      roi_pct: {min: 300, max: 2400}          # net benefit / programme
    timeline: {pilot_months: 3, organization_wide_months: {min: 12, max: 18}}
    adoption_curve:
      - {month: 0, adoption_pct: 10}
      - {month: 3, adoption_pct: 30}
    cost_per_user: {pilot: 500, scale: {min: 50, max: 100}, efficiency_gain: 10}
    value: {pilot: 200000, organization_wide: {min: 2000000, max: 5000000}}
    discrepancies:
      - id: efficiency-gain
        fields: [cost_per_user.efficiency_gain]
        stated: a 10x efficiency gain
        computed: 5-10x ($500 against $50-100)
        keep: The source rounds to the top of the range.

Checks beyond the schema: the adoption curve's months rise and its adoption never falls;
`cost_per_user.efficiency_gain` = pilot / scale, over the whole scaled range;
`outcomes.value_multiple` = organization-wide value / pilot value; `outcomes.roi_multiple` =
`investment.roi_pct` / 100; `net_benefit_per_year` = organization-wide value - scaling
programme; `roi_pct` = net benefit / scaling programme; `failure.stuck_pct` =
`outcomes.never_scaled_pct`. A stated figure that does not match is allowed only while
`discrepancies` declares it (macros.kinds.discrepancies).
"""

from __future__ import annotations

from typing import Any

from macros.kinds.base import Kind
from macros.kinds.common import check_ascending, compare
from macros.kinds.discrepancies import Figure
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
                                     "source states it: pilot / scale, over the whole range of the "
                                     "scaled cost.",
    "value": "The yearly value AI brings, in dollars.",
    "value.pilot": "The value of a pilot.",
    "value.organization_wide": "The value once the whole organization uses AI.",
})


def worked(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The figures the inputs give: the efficiency gain and the value multiple."""
    cost, value = data["cost_per_user"], data["value"]
    return {
        "efficiency_gain": {"min": cost["pilot"] / cost["scale"]["max"],
                            "max": cost["pilot"] / cost["scale"]["min"]},
        "value_multiple": {end: value["organization_wide"][end] / value["pilot"]
                           for end in ("min", "max")},
    }


def check_curve(doc: Document) -> list[Problem]:
    curve = ("adoption_curve",)
    return (check_ascending(doc, curve, lambda p: p.get("month"), ("month",), "month",
                            "months-order", strict=True)
            + check_ascending(doc, curve, lambda p: p.get("adoption_pct"), ("adoption_pct",),
                              "adoption", "target-order"))


def figures(data: dict[str, Any]) -> list[Figure]:
    worked_out = worked(data)
    return (compare(data, ("cost_per_user", "efficiency_gain"), worked_out["efficiency_gain"],
                    "cost_per_user.pilot / cost_per_user.scale")
            + compare(data, ("outcomes", "value_multiple"), worked_out["value_multiple"],
                      "value.organization_wide / value.pilot"))


def returns(data: dict[str, Any]) -> list[Figure]:
    """One return, three ways: the ROI multiple is ROI % / 100; the net benefit is the value
    less the scaling programme; ROI % is that net benefit over the programme (each end paired
    so the range is widest)."""
    inv, value = data["investment"], data["value"]["organization_wide"]
    program, net = inv["scaling_program"], inv["net_benefit_per_year"]
    return (compare(data, ("outcomes", "roi_multiple"),
                    {end: inv["roi_pct"][end] / 100 for end in ("min", "max")},
                    "investment.roi_pct / 100")
            + compare(data, ("investment", "net_benefit_per_year"),
                      {"min": value["min"] - program["max"], "max": value["max"] - program["min"]},
                      "value.organization_wide - investment.scaling_program")
            + compare(data, ("investment", "roi_pct"),
                      {"min": net["min"] * 100 / program["max"],
                       "max": net["max"] * 100 / program["min"]},
                      "net_benefit_per_year / scaling_program"))


def plateau(data: dict[str, Any]) -> list[Figure]:
    """Failed scaling stalls at one level: where failures get stuck is where organizations
    that never scale stay."""
    return compare(data, ("failure", "stuck_pct"), data["outcomes"]["never_scaled_pct"],
                   "outcomes.never_scaled_pct")


KIND = Kind(name="benchmarks", title="Benchmarks", singular="benchmark set", schema=SCHEMA,
            checks=(check_curve,), relations=(figures, returns, plateau))
