"""Pages for benchmarks: failure and success figures, investment, and the 2025 metrics."""

from __future__ import annotations

from macros.catalog import Record
from macros.kinds.benchmarks import worked
from macros.kinds.discrepancies import declared
from macros.md import bullets, heading, inline, money, money_span, span_text, table
from macros.pages.context import Ctx, summary_index
from macros.pages.figures import pct, times


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    fail, out, inv = d["failure"], d["outcomes"], d["investment"]
    value, cost, timeline = d["value"], d["cost_per_user"], d["timeline"]
    figures = worked(d)
    parts = [inline(d["summary"]),
             heading(level, "When scaling fails", "failure"),
             table(["Typical outcome", "Wasted investment"],
                   [[f"Stuck at {pct(fail['stuck_pct'])} adoption", money_span(fail["wasted"])]])]
    if fail.get("note"):
        parts.append(inline(fail["note"]))
    parts += [
        heading(level, "When scaling works", "outcomes"),
        table(["Figure", "Organizations that scale well", "Compared with"], [
            ["Adoption", pct(out["adoption_pct"]),
             f"{pct(out['unstaged_adoption_pct'])} without a staged approach"],
            ["Annual value", money_span(value["organization_wide"]),
             f"{money(value['pilot'])} from a pilot"],
            ["Value captured", times(out["value_multiple"]) + (
                f" (its inputs give {times(figures['value_multiple'])})"
                if declared(d, ("outcomes", "value_multiple")) else ""),
             "organizations stuck at the pilot"],
            ["Return on investment", times(out["roi_multiple"]),
             f"organizations stuck at {pct(out['never_scaled_pct'])} adoption"],
        ]),
        bullets(out["points"]),
    ]
    parts += [
        heading(level, "What it costs and returns", "investment"),
        table(["Item", "Amount"], [
            ["Scaling programme", money_span(inv["scaling_program"])],
            ["Full deployment in year 1", money_span(inv["first_year_deployment"])],
            ["Running costs each year after", money_span(inv["ongoing_per_year"])],
            ["Net benefit each year", money_span(inv["net_benefit_per_year"])],
            ["Return on the scaling investment", pct(inv["roi_pct"])],
        ]),
        heading(level, "2025 metrics", "metrics-2025"),
        heading(level + 1, "Timeline", "timeline"),
        inline(f"A pilot proves itself in {timeline['pilot_months']} months; reaching the whole "
               f"organization takes {span_text(timeline['organization_wide_months'])} months."),
        heading(level + 1, "Adoption curve", "adoption-curve"),
        inline(" → ".join(f"{p['adoption_pct']:g}%" + (f" (month {p['month']})" if p["month"]
                                                        else " (start)")
                          for p in d["adoption_curve"])),
        table(["Month", "Adoption"], ([p["month"], f"{p['adoption_pct']:g}%"]
                                      for p in d["adoption_curve"])),
        heading(level + 1, "Cost per user onboarded", "cost-per-user"),
        table(["Pilot", "At scale", "Efficiency gain"],
              [[money(cost["pilot"]), money_span(cost["scale"]),
                f"{cost['efficiency_gain']:g}x"]]),
        inline(f"The gain compares {money(cost['pilot'])} with the low end of the scaled cost, "
               f"{money(cost['scale']['min'])}."),
        heading(level + 1, "ROI realization", "roi-realization"),
        table(["Pilot", "Organization-wide"],
              [[money(value["pilot"]), money_span(value["organization_wide"])]]),
    ]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return (f"**{ctx.link_record(record)}**: "
            + inline(f"{pct(d['outcomes']['adoption_pct'])} adoption, "
                     f"{money_span(d['value']['organization_wide'])} of value a year, "
                     f"{times(d['outcomes']['roi_multiple'])} return."))


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "benchmarks", "Benchmarks", "Benchmarks")
