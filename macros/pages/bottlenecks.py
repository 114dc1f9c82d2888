"""Pages for bottleneck fixes."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import Markdown, bullets, heading, inline, raw_bullets, table
from macros.pages.context import Ctx


def page(record: Record, ctx: Ctx) -> str:
    data = record.data
    parts = [f"# {inline(data['title'])}"]
    if data.get("summary"):
        parts.append(inline(data["summary"]))
    parts.append(body(record, ctx, level=2))
    sources = [(t, r) for t in ctx.catalog.ordered("templates")
               for r in t.data["risks"] if r.get("bottleneck") == record.id]
    if sources:
        parts += [heading(2, "Where the templates warn about it", "in-templates"),
                  raw_bullets(Markdown(f"{ctx.link_record(t, 'risks')}: {inline(r['risk'])}")
                              for t, r in sources)]
    return "\n\n".join(parts) + "\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    data = record.data
    parts = [heading(level, "Symptom", "symptom"), inline(data["symptom"]),
             heading(level, "Cause", "cause"), inline(data["cause"]),
             heading(level, "Fixes", "fixes"), bullets(data["fixes"])]
    if data.get("sub_problems"):
        parts += [heading(level, "When the cause is more specific", "sub-problems"),
                  table(["Problem", "Fix"],
                        ([s["problem"], s["fix"]] for s in data["sub_problems"]))]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    data = record.data
    lines = [f"**{ctx.link_record(record)}**", "",
             f"*Symptom:* {inline(data['symptom'])}", "",
             f"*Cause:* {inline(data['cause'])}", "", bullets(data["fixes"])]
    return "\n".join(lines)


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), r.data["symptom"]] for r in ctx.catalog.ordered("bottlenecks"))
    return "\n\n".join([
        "# Bottleneck fixes",
        ctx.intro("bottlenecks"),
        table(["Bottleneck", "What you notice"], rows),
    ]) + "\n"

