"""Pages for the try-it-now steps: numbered actions and the signs that they worked."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import checklist, heading, inline
from macros.pages.context import Ctx, summary_index


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    steps = "\n".join(f"{i}. **{inline(s['verb'])}**: {inline(s['action'])}"
                      for i, s in enumerate(d["steps"], start=1))
    return "\n\n".join([inline(d["summary"]),
                        heading(level, "Steps", "steps"), steps,
                        heading(level, "You are on track when", "success-metrics"),
                        checklist(d["success_metrics"],
                                  f"try-it-now.{record.id}.success-metrics")])


def embed(record: Record, ctx: Ctx) -> str:
    return body(record, ctx, 3)


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "try-it-now", "Try it now", "List")
