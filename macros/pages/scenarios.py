"""Pages for scenarios, and the decision guide that recommends a template from them."""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog, Record
from macros.kinds.scenarios import SIGNALS
from macros.md import Markdown, bullets, heading, inline, money, span_text, table
from macros.pages.context import Ctx
from macros.recommend import recommend

# Table headers for the signals; the last two are the playbook's own, not the source's.
SIGNAL_HEADERS = ["Urgency", "Budget", "Risk tolerance", "Size (ours)", "Pilot (ours)"]


def _signal_cells(s: dict[str, str]) -> list[str]:
    return [s["urgency"], s["budget"], s["risk_tolerance"], s["size"], s["pilot"]]


def figures(d: dict[str, Any]) -> str:
    f = d["figures"]
    return (f"{span_text(f['timeline_months'])} months, {money(f['budget'])}, "
            f"{f['target_pct']:g}%+ by month {f['by_month']}")


def page(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"# Scenario {d['letter']}: {inline(d['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    s = d["signals"]
    parts = [inline(d["profile"]),
             heading(level, "Signals", "signals"),
             table(SIGNAL_HEADERS, [_signal_cells(s)]),
             heading(level, "Recommended template", "template"),
             f"{ctx.link_to('templates', d['template'])}: {inline(figures(d))}."]
    if d.get("why"):
        parts.append(bullets(d["why"]))
    parts.append(f"[All scenarios]({ctx.href('scenarios/index.md')})")
    return "\n\n".join(part for part in parts if part)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return (f"**{ctx.link_record(record)}** → {ctx.link_to('templates', d['template'])} "
            f"({inline(figures(d))})")


def _table(ctx: Ctx) -> str:
    """Four columns, so that the scenarios can be compared at a glance on any screen: the
    signals share a cell, one per line, and the template carries its figures."""
    rows = []
    for r in ctx.catalog.ordered("scenarios"):
        d, s = r.data, r.data["signals"]
        signals = "<br>".join(f"{inline(name)}: {inline(value)}"
                              for name, value in zip(SIGNAL_HEADERS, _signal_cells(s), strict=True))
        rows.append([Markdown(f"**{inline(d['letter'])}** {ctx.link_record(r)}"), d["profile"],
                     Markdown(signals),
                     Markdown(f"{ctx.link_to('templates', d['template'])}<br>"
                              f"{inline(figures(d))}")])
    return table(["Scenario", "Situation", "Signals", "Template: timeline, budget, target"],
                 rows)


def index(ctx: Ctx) -> str:
    return "\n\n".join([
        "# Scenarios",
        ctx.intro("scenarios"),
        _table(ctx),
    ]) + "\n"


def _cell(ctx: Ctx, template: str, scenario: str, budget: str) -> Markdown:
    """The template's link, flagged when its scenario assumes more money than `budget`."""
    link = ctx.link_to("templates", template)
    record = ctx.catalog.get("scenarios", scenario)
    wanted = record.data["signals"]["budget"] if record else budget
    scale = SIGNALS["budget"]
    return Markdown(f"{link} (assumes a larger budget)") if scale.index(wanted) > scale.index(
        budget) else link


def guide(catalog: Catalog, from_uri: str) -> str:
    """The decision guide: the scenarios, then a template for every urgency, budget and risk
    tolerance (the source's three factors)."""
    ctx = Ctx(catalog, from_uri)
    risks = SIGNALS["risk_tolerance"]
    rows = []
    for urgency in SIGNALS["urgency"]:
        for budget in SIGNALS["budget"]:
            picks = [recommend(catalog, urgency, budget, risk) for risk in risks]
            rows.append([urgency, budget, *(_cell(ctx, p.template, p.scenario, budget)
                                            for p in picks)])
    example = recommend(catalog, "high", "limited", "medium")
    return "\n\n".join([
        heading(2, "The three scenarios", "scenarios"), _table(ctx),
        heading(2, "Find your template", "guide"),
        "Find the row for your urgency and budget, then read across to the column for how "
        "much risk you can accept. Where a cell says the template assumes a larger budget, "
        "compare its budget range with yours before you commit.",
        table(["Urgency", "Budget", *(f"Risk tolerance: {r}" for r in risks)], rows),
        heading(3, "How the guide decides", "how-it-decides"),
        "Each scenario is described by the same signals as your situation. The scenario that "
        "shares the most signals with yours wins. When two share as many, the one whose other "
        "signals are nearer to yours wins; if that is still level, matching the budget "
        "decides, then the urgency, then the risk tolerance.",
        heading(3, "Our own signals: size and pilot", "our-signals"),
        "The source bases the choice on urgency, budget and risk tolerance only, and the grid "
        "above uses nothing else. The size of the organization and how convincing its pilot "
        "was are signals the playbook adds: each organization's edition compares them too, "
        "after the source's three, and says so in its reasons.",
        heading(3, "A mixed situation, worked through", "mixed-example"),
        "Urgency high, budget limited, risk tolerance medium: "
        f"{ctx.link_to('templates', example.template)}.",
        bullets(example.reasons),
    ])
