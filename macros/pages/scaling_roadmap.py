"""Pages for scaling roadmaps: an overview table, then one section per phase."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.md import bullets, heading, inline, span_text, table
from macros.pages.context import Ctx, summary_index
from macros.pages.figures import months


def _users(phase: dict[str, Any]) -> str:
    if not phase.get("users"):
        return ""
    note = f" {phase['users_note']}" if phase.get("users_note") else ""
    return f"{span_text(phase['users'])}{note}"


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    path = " → ".join([*(span_text(p["adoption_pct"], "%") for p in d["phases"]),
                       span_text(d["outcome_adoption_pct"], "%")])
    parts = [inline(d["summary"]),
             f"**Adoption path:** {inline(path)}",
             table(["Phase", "When", "Adoption", "Users", "Outcome"],
                   ([p["title"], months(p["months"]), span_text(p["adoption_pct"], "%"),
                     _users(p), p["outcome"]] for p in d["phases"]))]
    for p in d["phases"]:
        title = f"{p['title']}: {months(p['months'])}, {span_text(p['adoption_pct'], '%')}"
        parts += [heading(level, title, f"phase-{p['id']}"), bullets(p["points"]),
                  f"*Outcome:* {inline(p['outcome'])}"]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"**{ctx.link_record(record)}**: {inline(d['summary'])}"


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "scaling-roadmap", "Scaling roadmap", "Roadmap")
