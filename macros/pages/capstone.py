"""Pages for the trainer capstone: weighted parts and the teach-back."""

from __future__ import annotations

from macros.catalog import Record
from macros.md import bullets, checklist, heading, inline, table
from macros.pages.context import Ctx, summary_index
from macros.pages.practices import activity


def page(record: Record, ctx: Ctx) -> str:
    return f"# {inline(record.data['title'])}\n\n{body(record, ctx, 2)}\n"


def _weights(record: Record) -> str:
    parts = record.data["parts"]
    rows = [[f"Part {i}: {p['title']}", f"{p['weight_pct']:g}%", p["task"]]
            for i, p in enumerate(parts, start=1)]
    rows.append(["Total", f"{sum(p['weight_pct'] for p in parts):g}%", ""])
    return table(["Part", "Weight", "Task"], rows)


def body(record: Record, ctx: Ctx, level: int) -> str:
    d = record.data
    tb = d["teach_back"]
    parts = [inline(d["summary"]), heading(level, "The written parts", "parts"), _weights(record)]
    for i, p in enumerate(d["parts"], start=1):
        parts += [heading(level + 1, f"Part {i}: {p['title']} ({p['weight_pct']:g}%)", p["id"]),
                  inline(p["task"]), bullets(p["includes"])]
    parts += [heading(level, f"Teach-back ({tb['minutes']} minutes)", "teach-back"),
              inline(tb["task"]), "**It is assessed on:**",
              checklist(tb["criteria"], f"capstone.{record.id}.teach-back")]
    parts += activity(d.get("activity"), level)
    after = d.get("afterwards")
    if after:
        parts += [heading(level, "After the course", "afterwards"),
                  heading(level + 1, "As a practitioner", "as-practitioner"),
                  bullets(after["practitioner"]),
                  heading(level + 1, "As a trainer", "as-trainer"), bullets(after["trainer"]),
                  heading(level + 1, "Your role from now on", "mission"),
                  inline(after["mission"]),
                  heading(level + 1, "Keep going", "keep-going"), bullets(after["keep_going"])]
    return "\n\n".join(parts)


def embed(record: Record, ctx: Ctx) -> str:
    return f"**{ctx.link_record(record)}**\n\n{_weights(record)}"


def index(ctx: Ctx) -> str:
    return summary_index(ctx, "capstone", "Trainer capstone", "Capstone")
