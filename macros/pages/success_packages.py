"""Pages for success story packages (context, approach, results, success factors, guide)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.catalog import Record
from macros.md import Markdown, bullets, heading, inline, money, table
from macros.pages.context import Ctx, summary_index

_UNITS: dict[str, Callable[[float], str]] = {
    "percent": lambda v: f"{v:g}%",
    "people": lambda v: f"{v:g} people",
    "hours_per_week": lambda v: f"{v:g} h/week",
    "usd": money,
    "usd_per_month": lambda v: f"{money(v)}/month",
    "ratio": lambda v: f"{v:g}x",
    "count": lambda v: f"{v:g}",
}


def metric(value: float, unit: str) -> str:
    return _UNITS[unit](value)


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    c, a, r, k, g = (d["context"], d["approach"], d["results"], d["key_success_factors"],
                     d["scaling_guide"])
    parts = [inline(d["summary"])]
    if d.get("template"):
        parts.append(Markdown(f"Part of the {ctx.link_to('templates', d['template'])} template."))
    parts += [
        heading(level, "1. Context", "context"),
        table(["Where", "When", "Who"], [[c["where"], c["when"], c["who"]]]),
        _sub(level, "Conditions at the time", c["conditions"]),
        heading(level, "2. Approach", "approach"), bullets(a["actions"]),
        Markdown(f"*Timeline:* {inline(a['timeline'])}"),
        _sub(level, "Resources it took", a["resources"]),
        heading(level, "3. Results", "results"), bullets(r["outcomes"]),
        table(["Metric", "Value"], ([m["label"], metric(m["value"], m["unit"])]
                                    for m in r["metrics"])),
        _sub(level, "What people said", r["feedback"]),
        heading(level, "4. Key success factors", "key-success-factors"), bullets(k["factors"]),
        _sub(level, "Essential", k["essential"]), _sub(level, "Nice to have", k["nice_to_have"]),
        _sub(level, "What we would do differently", k["do_differently"]),
        heading(level, "5. Scaling guide", "scaling-guide"),
        _sub(level, "Adapting it to another team", g["adapt"]),
        _sub(level, "Pitfalls to avoid", g["pitfalls"]),
        _sub(level, "Resources and templates", g["resources"]),
    ]
    return "\n\n".join(part for part in parts if part)


def _sub(level: int, title: str, items: list[Any]) -> Markdown:
    return Markdown(f"**{inline(title)}**\n\n{bullets(items)}")


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    rows = ([m["label"], metric(m["value"], m["unit"])] for m in d["results"]["metrics"])
    return "\n\n".join([f"**{ctx.link_record(record)}**: {inline(d['summary'])}",
                        table(["Metric", "Value"], rows)])


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "success-packages", "Success story packages", "Package")
