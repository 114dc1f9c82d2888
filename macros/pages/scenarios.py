"""Pages for scenarios, and the decision guide that recommends a template from them."""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog, Record
from macros.kinds.scenarios import SIGNALS
from macros.md import Markdown, bullets, heading, inline, money, span_text, table
from macros.pages.context import Ctx
from macros.recommend import recommend


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
             table(["Urgency", "Budget", "Size", "Pilot"],
                   [[s["urgency"], s["budget"], s["size"], s["pilot"]]]),
             heading(level, "Recommended template", "template"),
             f"{ctx.link_to('templates', d['template'])}: {inline(figures(d))}."]
    if d.get("why"):
        parts.append(bullets(d["why"]))
    parts.append(f"[All scenarios]({ctx.href('scenarios/index.md')})")
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return (f"**{ctx.link_record(record)}** → {ctx.link_to('templates', d['template'])} "
            f"({inline(figures(d))})")


def _table(ctx: Ctx) -> str:
    rows = []
    for r in ctx.catalog.ordered("scenarios"):
        d, s = r.data, r.data["signals"]
        rows.append([Markdown(f"**{inline(d['letter'])}**"), ctx.link_record(r), d["profile"],
                     s["urgency"], s["budget"], s["size"], s["pilot"],
                     ctx.link_to("templates", d["template"]), figures(d)])
    return table(["", "Scenario", "Situation", "Urgency", "Budget", "Size", "Pilot",
                  "Template", "Timeline, budget, target"], rows)


def index(ctx: Ctx) -> str:
    return "\n\n".join([
        "# Scenarios",
        "Three typical situations and the template each one calls for. The decision guide "
        "compares your own situation with them.",
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
    """The decision guide: the scenarios, then a template for every urgency, budget and size."""
    ctx = Ctx(catalog, from_uri)
    sizes = SIGNALS["size"]
    rows = []
    for urgency in SIGNALS["urgency"]:
        for budget in SIGNALS["budget"]:
            picks = [recommend(catalog, urgency, budget, size) for size in sizes]
            rows.append([urgency, budget, *(_cell(ctx, p.template, p.scenario, budget)
                                            for p in picks)])
    example = recommend(catalog, "high", "limited", "medium")
    return "\n\n".join([
        heading(2, "The three scenarios", "scenarios"), _table(ctx),
        heading(2, "Find your template", "guide"),
        "Find the row for your urgency and budget, then read across to the column for the "
        "size of your organization. Where a cell says the template assumes a larger budget, "
        "compare its budget range with yours before you commit.",
        table(["Urgency", "Budget", *(f"Size: {s}" for s in sizes)], rows),
        heading(3, "How the guide decides", "how-it-decides"),
        "Each scenario is described by the same signals as your situation. The scenario that "
        "shares the most signals with yours wins. When two share as many, the one whose other "
        "signals are nearer to yours wins; if that is still level, matching the budget "
        "decides, then the urgency. How well your pilot went is a fourth signal that the "
        "editions for each organization take into account.",
        heading(3, "A mixed situation, worked through", "mixed-example"),
        "Urgency high, budget limited, size medium: "
        f"{ctx.link_to('templates', example.template)}.",
        bullets(example.reasons),
    ])
