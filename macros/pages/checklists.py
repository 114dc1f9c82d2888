"""Pages for checklists: one section per group, items as tick boxes."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import checklist, heading, inline, table
from macros.pages.context import Ctx


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    parts = [inline(record.data["summary"])]
    for group in record.data["groups"]:
        parts += [heading(level, group["title"], group["id"]),
                  checklist(group["items"], f"checklists.{record.id}.{group['id']}")]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**\n\n{body(record, ctx, 3)}"


def index(ctx: Ctx) -> str:
    rows = ([ctx.link_record(r), r.data["summary"],
             ", ".join(g["title"] for g in r.data["groups"])]
            for r in ctx.catalog.ordered("checklists"))
    return "\n\n".join(["# Checklists",
                        ctx.intro("checklists"),
                        table(["Checklist", "Purpose", "Groups"], rows)]) + "\n"
