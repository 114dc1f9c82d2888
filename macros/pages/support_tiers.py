"""Pages for support tiers; the index shows all tiers and links to support capacity."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.md import bullets, heading, inline, raw_bullets, span_text, table
from macros.pages.context import Ctx


def facts(d: dict[str, Any]) -> list[str]:
    found = []
    if "champions_per_function" in d:
        found.append(f"{d['champions_per_function']} champion per function")
    if "office_hours_per_week" in d:
        found.append(f"office hours {span_text(d['office_hours_per_week'])} hours a week")
    if "response_hours" in d:
        found.append(f"answers within {d['response_hours']} hours")
    return found


def page(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"# Tier {d['tier']}: {inline(d['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    parts = [inline(d["summary"]), f"*Who:* {inline(d['who'])}",
             heading(level, "What it offers", "offers"), bullets(d["provides"])]
    if facts(d):
        parts += [heading(level, "Service levels", "service-levels"), bullets(facts(d))]
    if d.get("escalates_to"):
        up = ctx.link_to("support-tiers", d["escalates_to"])
        parts.append(f"When this tier cannot help: {up}.")
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"**{ctx.link_record(record)}** ({inline(d['who'])}): {inline(d['summary'])}"


def index(ctx: Ctx) -> str:
    tiers = ctx.catalog.ordered("support-tiers")
    rows = ([f"Tier {r.data['tier']}", ctx.link_record(r), r.data["who"],
             "; ".join(r.data["provides"]), "; ".join(facts(r.data))] for r in tiers)
    parts = ["# Support tiers",
             ctx.intro("support-tiers"),
             heading(2, "The tiers", "tiers"),
             table(["Tier", "Name", "Who", "What it offers", "Service levels"], rows)]
    plans = ctx.catalog.ordered("scale-planning")
    if plans:
        parts += [heading(2, "How much support to plan for", "capacity"),
                  raw_bullets(ctx.link_record(p) for p in plans)]
    return "\n\n".join(parts) + "\n"
