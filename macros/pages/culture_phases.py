"""Pages for culture phases; the index shows the sequence and what sustains adoption."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import Markdown, admonition, bullets, heading, inline, table
from macros.pages.context import Ctx
from macros.pages.figures import months


def page(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"# {inline(d['title'])} ({months(d['months'])})\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    parts = [inline(d["summary"])] if d.get("summary") else []
    parts += [heading(level, "What it looks like", "traits"), bullets(d["traits"])]
    if d.get("risk"):
        parts.append(admonition("warning", "Watch out", inline(d["risk"])))
    if d.get("action"):
        parts.append(Markdown(f"**What to do:** {inline(d['action'])}"))
    if d.get("sustain"):
        parts += [heading(level, "What keeps adoption going", "sustain"),
                  table(["Practice", "What it means"],
                        ([s["practice"], s["detail"]] for s in d["sustain"]))]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    d = record.data
    return f"**{ctx.link_record(record)}** ({months(d['months'])})\n\n{bullets(d['traits'])}"


def index(ctx: Ctx) -> str:
    phases = ctx.catalog.ordered("culture-phases")
    rows = ([ctx.link_record(r), months(r.data["months"]), r.data.get("summary", ""),
             r.data.get("risk", "")] for r in phases)
    parts = ["# Culture phases",
             ctx.intro("culture-phases"),
             heading(2, "The phases", "phases"),
             table(["Phase", "When", "What it feels like", "Risk"], rows)]
    sustain = [(r, s) for r in phases for s in r.data.get("sustain", [])]
    if sustain:
        parts += [heading(2, "What keeps adoption going", "sustain"),
                  table(["Practice", "What it means", "Phase"],
                        ([s["practice"], s["detail"], ctx.link_record(r)] for r, s in sustain))]
    return "\n\n".join(parts) + "\n"
