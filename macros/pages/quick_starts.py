"""Pages for quick starts: short outlines, each tied to the full template it echoes."""

from __future__ import annotations

from typing import Any

from macros.catalog import Record
from macros.md import Markdown, bullets, heading, inline, money_span, raw_bullets, span_text, table
from macros.pages.context import Ctx
from macros.pages.figures import months

GROUPS = {"option": ("Quick-start options", "options"),
          "production": ("Production templates", "production")}


def _step(step: dict[str, Any]) -> str:
    when = step.get("label") or months(step["months"])
    line = f"**{inline(when)}: {inline(step['title'])}**"
    if step.get("share_pct"):
        line += f" ({span_text(step['share_pct'], '%')} of staff)"
    elif step.get("share_note"):
        line += f" ({inline(step['share_note'])})"
    return line


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    template = ctx.catalog.get("templates", d["echoes"])
    parts = [_glance(record, ctx), heading(level, "Steps", "steps")]
    for step in d["steps"]:
        parts.append(_step(step))
        if step.get("details"):
            parts.append(bullets(step["details"]))
    if d.get("trade_off"):
        parts.append(f"*Trade-off:* {inline(d['trade_off'])}")
    if d.get("milestones"):
        parts += [heading(level, "Milestones", "milestones"),
                  table(["Month", "Adoption", "Note"],
                        ([m["month"], span_text(m["adoption_pct"], "%"), m.get("note", "")]
                         for m in d["milestones"]))]
    if d.get("outcome"):
        parts += [heading(level, "Outcome", "outcome"), bullets(d["outcome"])]
    if template:
        t = template.data
        parts += [heading(level, "The full template", "template"),
                  f"This outline follows {ctx.link_record(template)}: "
                  + inline(f"{span_text(t['timeline_months'])} months, "
                           f"{money_span(t['budget_range'])}.")]
    return "\n\n".join(parts)


def _glance(record: Record, ctx: Ctx) -> str:
    d = record.data
    return table(["Style", "Timeline", "Cost", "Echoes"],
                 [[d["style"], f"{span_text(d['timeline_months'])} months",
                   money_span(d["cost"]), ctx.link_to("templates", d["echoes"])]])


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**\n\n{_glance(record, ctx)}"


def index(ctx: Ctx) -> str:
    parts = ["# Quick starts",
             ctx.intro("quick-starts")]
    records = ctx.catalog.ordered("quick-starts")
    for group, (title, anchor) in GROUPS.items():
        rows = ([ctx.link_record(r), r.data["style"],
                 f"{span_text(r.data['timeline_months'])} months", money_span(r.data["cost"]),
                 ctx.link_to("templates", r.data["echoes"])]
                for r in records if r.data["group"] == group)
        parts += [heading(2, title, anchor),
                  table(["Outline", "Style", "Timeline", "Cost", "Full template"], rows)]
    by_template: dict[str, list[Markdown]] = {}
    for r in records:
        by_template.setdefault(r.data["echoes"], []).append(ctx.link_record(r))
    parts += [heading(2, "By template", "by-template"),
              raw_bullets(Markdown(f"{ctx.link_to('templates', t)}: {', '.join(links)}")
                          for t, links in by_template.items())]
    return "\n\n".join(parts) + "\n"
