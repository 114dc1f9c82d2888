"""The Year 2+ roadmap: one page per year and a single overview page with an anchor per year."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import bullets, heading, inline
from macros.pages.context import Ctx


def page(record: Record, ctx: Ctx) -> str:
    d = record.data
    return "\n\n".join([f"# Year {d['year']}: {inline(d['title'])}", body(record, ctx, 2),
                        f"[The whole roadmap]({ctx.href('roadmap/index.md', record.id)})"]) + "\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    return "\n\n".join([inline(record.data["summary"]), bullets(record.data["themes"])])


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**\n\n{body(record, ctx, 3)}"


def index(ctx: Ctx) -> str:
    parts = ["# Year 2+ roadmap",
             ctx.intro("roadmap")]
    for record in ctx.catalog.ordered("roadmap"):
        d = record.data
        parts += [heading(2, f"Year {d['year']}: {d['title']}", record.id),
                  body(record, ctx, 3)]
    return "\n\n".join(parts) + "\n"
