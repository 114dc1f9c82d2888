"""Pages for the measurement framework: metric families and success criteria."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.md import Markdown, checklist, heading, inline, slug, table
from macros.pages.context import Ctx

TRENDS = {"up": "should rise", "down": "should fall", "peak-then-down": "peaks, then falls"}


def criterion(c: dict[str, Any]) -> str:
    text = str(c["criterion"])
    if "by_month" in c:
        text += f" (by month {c['by_month']})"
    return text


def criteria(record: Record) -> Markdown:
    items = ((slug(c["criterion"]), criterion(c)) for c in record.data["success_criteria"])
    return checklist(items, f"measurement.{record.id}.success-criteria")


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    parts = [inline(d["summary"])]
    for cat in d["categories"]:
        rows = ([m["metric"], TRENDS.get(m.get("trend", ""), ""), m.get("note", "")]
                for m in cat["metrics"])
        parts += [heading(level, cat["title"], cat["id"]), Markdown(f"*{inline(cat['question'])}*"),
                  table(["Metric", "Healthy trend", "Note"], rows)]
    parts += [heading(level, "Success criteria", "success-criteria"),
              criteria(record)]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    return (f"**{ctx.link_record(record, 'success-criteria')}**\n\n"
            + criteria(record))


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), r.data["summary"],
             ", ".join(c["title"] for c in r.data["categories"])]
            for r in ctx.catalog.ordered("measurement"))
    return "\n\n".join(["# Measurement",
                        ctx.intro("measurement"),
                        table(["Framework", "In short", "Metric families"], rows)]) + "\n"
